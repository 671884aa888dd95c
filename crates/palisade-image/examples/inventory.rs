//! Reads a target with palisade's catalogers, or with none or all but some, and prints how many
//! packages it found and how long it took. For the benchmarks in `bench/image/`: with `none` it
//! times the reading of the layers alone.
//!
//! `cargo run --release -p palisade-image --example inventory -- TARGET [none | --without NAME,…]`

use std::process::ExitCode;
use std::time::Instant;

use palisade_image::{Options, Target};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(Ok(target)) = args.next().map(|t| t.parse::<Target>()) else {
        eprintln!("usage: inventory TARGET [none | --without NAME,...]");
        return ExitCode::from(2);
    };
    let without: Vec<String> = match (args.next().as_deref(), args.next()) {
        (Some("none"), _) => vec!["*".into()],
        (Some("--without"), Some(names)) => names.split(',').map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let catalogers: Vec<_> = palisade_image::catalogers()
        .into_iter()
        .filter(|c| !without.iter().any(|w| w == "*" || w == c.name()))
        .collect();
    let start = Instant::now();
    match palisade_image::inventory(&target, &Options::default(), &catalogers) {
        Ok(inventory) => {
            println!(
                "{} packages, {} diagnostics, {:.1} ms",
                inventory.packages.len(),
                inventory.diagnostics.len(),
                start.elapsed().as_secs_f64() * 1000.0
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
