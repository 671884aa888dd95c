//! Catalogs a root filesystem with every cataloger, or every cataloger but the named ones, and
//! prints what was found and how long it took: `catalog_tree ROOT [--without NAME,…]`. Used to
//! measure what a cataloger adds to a scan (bench figures in the commit messages).

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args
        .next()
        .expect("usage: catalog_tree ROOT [--without NAME,...]");
    let without: Vec<String> = match (args.next().as_deref(), args.next()) {
        (Some("--without"), Some(names)) => names.split(',').map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let catalogers: Vec<_> = palisade_image::catalogers()
        .into_iter()
        .filter(|c| !without.iter().any(|w| w == c.name()))
        .collect();
    let start = Instant::now();
    let tree = palisade_image::catalog_tree(std::path::Path::new(&root), false, &catalogers);
    let elapsed = start.elapsed();
    println!(
        "{} found, {} diagnostics, {:.1} ms",
        tree.found.len(),
        tree.diagnostics.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}
