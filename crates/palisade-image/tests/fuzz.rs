//! Fuzz target for the tar and layer reader and the archive readers: layer blobs and whole
//! `docker save` archives, mutated from seeds with `arbitrary`, must never panic or hang, and
//! every file they give must have a normalised path inside the image. Runs a bounded number of
//! cases per seed in normal tests; `PALISADE_FUZZ_CASES` raises it for a longer session.

mod support;

use arbitrary::Unstructured;
use palisade_fuzz::{Mutator, cases, entropy};
use palisade_image::{Budgets, Cataloger, Options, Target, inventory};
use support::{Entry, Recorder, tar};

/// Bytes that matter to tar headers (octal digits, NULs, type flags), and long cuts.
const TAR: Mutator = Mutator {
    overwrites: b"0127/.\0 \xff\x80x5LKgwh",
    inserts: &[],
    max_cut: 600,
    hot: &[],
};

fn seeds() -> Vec<Vec<u8>> {
    let long = format!("app/{}/Cargo.lock", "d".repeat(120));
    let plain = tar(&[
        Entry::Dir("etc"),
        Entry::File("etc/os-release", b"ID=debian\nVERSION_ID=12\n"),
        Entry::File(&long, b"version = 3\n"),
        Entry::Symlink("usr/lib/os-release", "../../etc/os-release"),
        Entry::HardLink("app/link", "etc/os-release"),
        Entry::File("app/.wh.gone", b""),
        Entry::File("etc/.wh..wh..opq", b""),
        Entry::File("../../escape", b"x"),
    ]);
    vec![plain.clone(), support::gzip(&plain), support::zstd(&plain)]
}

fn options() -> Options {
    Options {
        budgets: Budgets {
            max_layer_bytes: 1 << 20,
            max_entries: 1000,
            ..Budgets::default()
        },
        ..Options::default()
    }
}

/// Every file given to a cataloger has an absolute path without `.`, `..` or empty parts.
fn check(inv: &palisade_image::Inventory) {
    for p in &inv.packages {
        let path = &*p.origin.path;
        assert!(path.starts_with('/'), "{path}");
        assert!(
            path[1..]
                .split('/')
                .all(|c| !c.is_empty() && c != "." && c != ".."),
            "not normalised: {path}"
        );
    }
}

#[test]
fn fuzz_layers() {
    let dir = tempfile::tempdir().unwrap();
    let catalogers: [&dyn Cataloger; 1] = [&Recorder];
    for (s, seed) in seeds().iter().enumerate() {
        for case in 0..cases(40) {
            let data = entropy(case * 31 + s as u64);
            let mut u = Unstructured::new(&data);
            let Ok(layer) = TAR.mutate(seed, &mut u) else {
                continue;
            };
            let layout = dir.path().join(format!("l{s}-{case}"));
            support::oci_layout(&layout, &[layer], &[]);
            let target: Target = format!("oci:{}:test", layout.display()).parse().unwrap();
            if let Ok(inv) = inventory(&target, &options(), &catalogers) {
                check(&inv);
            }
            std::fs::remove_dir_all(&layout).unwrap();
        }
    }
}

#[test]
fn fuzz_docker_archives() {
    let dir = tempfile::tempdir().unwrap();
    let seed_file = dir.path().join("seed.tar");
    support::docker_archive(&seed_file, &[seeds()[0].clone()], None);
    let seed = std::fs::read(&seed_file).unwrap();
    let catalogers: [&dyn Cataloger; 1] = [&Recorder];
    let file = dir.path().join("case.tar");
    for case in 0..cases(120) {
        let data = entropy(case + 7_000);
        let mut u = Unstructured::new(&data);
        let Ok(bytes) = TAR.mutate(&seed, &mut u) else {
            continue;
        };
        std::fs::write(&file, bytes).unwrap();
        let target: Target = format!("docker-archive:{}", file.display()).parse().unwrap();
        if let Ok(inv) = inventory(&target, &options(), &catalogers) {
            check(&inv);
        }
    }
}
