//! Reads a target with two small catalogers and prints what it holds: the dpkg packages (one
//! per `Package:` paragraph of `/var/lib/dpkg/status`) and the files under `/app`. For the
//! benchmarks in `bench/image/`, until the `sbom` command exists.
//!
//! `cargo run --release -p palisade-image --example inventory -- docker-archive:image.tar [none]`
//! (`none`: no catalogers, to time the reading of the layers alone).

use std::process::ExitCode;

use palisade_core::{Package, PackageKind};
use palisade_image::{CatalogError, Cataloger, FileInput, Found, Options, Scope, Target};

struct DpkgCount;

impl Cataloger for DpkgCount {
    fn name(&self) -> &'static str {
        "dpkg-count"
    }
    fn scope(&self) -> Scope {
        Scope::Installed
    }
    fn wants(&self, path: &str) -> bool {
        path == "/var/lib/dpkg/status"
    }
    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = String::from_utf8_lossy(&file.read_to_end(64 << 20)?).into_owned();
        for paragraph in text.split("\n\n") {
            let field = |name: &str| {
                paragraph
                    .lines()
                    .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
            };
            if let (Some(name), Some(version)) = (field("Package:"), field("Version:")) {
                out.push(Found::Package(Package {
                    name,
                    version,
                    kind: PackageKind::Deb,
                    arch: field("Architecture:"),
                    source: None,
                    licenses: vec![],
                    origin: file.origin().clone(),
                    cataloger: "dpkg-count",
                }));
            }
        }
        Ok(())
    }
}

/// Reads every file under `/app` to its end (standing in for the language catalogers).
struct AppFiles;

impl Cataloger for AppFiles {
    fn name(&self) -> &'static str {
        "app-files"
    }
    fn scope(&self) -> Scope {
        Scope::Declared
    }
    fn wants(&self, path: &str) -> bool {
        path.starts_with("/app/")
    }
    fn catalog(&self, file: &mut FileInput<'_>, _out: &mut Vec<Found>) -> Result<(), CatalogError> {
        std::io::copy(file.reader(), &mut std::io::sink()).map_err(CatalogError::Io)?;
        Ok(())
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(target) = args.next() else {
        eprintln!("usage: inventory TARGET [none]");
        return ExitCode::from(2);
    };
    let target: Target = match target.parse() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let catalogers: Vec<&dyn Cataloger> = if args.next().as_deref() == Some("none") {
        vec![]
    } else {
        vec![&DpkgCount, &AppFiles]
    };
    match palisade_image::inventory(&target, &Options::default(), &catalogers) {
        Ok(inv) => {
            println!("packages: {}", inv.packages.len());
            if let Some(image) = &inv.image {
                println!("layers: {}", image.layers.len());
            }
            for d in &inv.diagnostics {
                println!("diagnostic: {d}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
