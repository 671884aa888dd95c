//! `palisade sbom TARGET`: what an image or folder holds, as CycloneDX, SPDX, palisade JSON or a
//! table.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use palisade_image::{SbomFormat, SbomOptions, write_sbom};

use crate::cli::SbomArgs;

pub(crate) fn run(args: &SbomArgs) -> Result<ExitCode> {
    let format: SbomFormat = args.format.parse().map_err(anyhow::Error::msg)?;
    let lang = super::lang(&args.common, None)?;
    let inventory = super::image::inventory(&args.target, None)?;
    if !args.quiet {
        let mut err = anstream::stderr().lock();
        for d in &inventory.diagnostics {
            writeln!(err, "palisade: warning: {d}")?;
        }
    }
    let options = SbomOptions::now(env!("CARGO_PKG_VERSION"), lang);
    let mut out = super::output(args.output.as_deref())?;
    write_sbom(&inventory, format, &options, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
