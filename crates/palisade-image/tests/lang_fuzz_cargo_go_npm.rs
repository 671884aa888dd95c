//! Fuzz target for the language catalogers: each lockfile parser, the executable reader (ELF,
//! PE and Mach-O headers, the cargo-auditable section) and the Go build info reader get
//! `arbitrary`-driven mutations of their fixtures and structured headers with random fields.
//! None may panic or hang; memory is bounded by the caps in the readers (no length read from a
//! file is allocated without one). Runs a bounded number of cases per seed in normal tests;
//! `PALISADE_FUZZ_CASES` raises it.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use arbitrary::{Result, Unstructured};
use palisade_core::Origin;
use palisade_fuzz::{Mutator, cases, entropy};
use palisade_image::{Cataloger, FileInput, catalogers};

/// Bytes that matter to JSON, YAML, TOML, go.mod and yarn syntax, and to binary headers.
const SYNTAX: Mutator = Mutator {
    overwrites: b" \t\n\"'`:{}[](),@/=#_\\\x00\x7f\xff0aZ",
    inserts: &[],
    max_cut: 64,
    hot: &[],
};

fn cataloger(name: &str) -> &'static dyn Cataloger {
    catalogers().into_iter().find(|c| c.name() == name).unwrap()
}

/// The target: one file through one cataloger; any outcome but a panic is fine.
fn target(cataloger: &dyn Cataloger, path: &str, bytes: &[u8]) {
    let origin = Origin {
        layer: None,
        path: Arc::from(path),
    };
    let mut cursor = Cursor::new(bytes);
    let mut input = FileInput::new(origin, bytes.len() as u64, &mut cursor);
    let mut out = Vec::new();
    let _ = cataloger.catalog(&mut input, &mut out);
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/lang")
            .join(rel),
    )
    .unwrap()
}

/// Every lockfile seed with the cataloger that reads it.
const LOCKFILES: &[(&str, &str)] = &[
    ("cargo-lock", "cargo-v1/Cargo.lock"),
    ("cargo-lock", "cargo-v4/Cargo.lock"),
    ("go-mod", "go-mod/go.mod"),
    ("npm-lock", "npm-v1/package-lock.json"),
    ("npm-lock", "npm-v3/package-lock.json"),
    ("yarn-lock", "yarn-classic/yarn.lock"),
    ("yarn-lock", "yarn-berry/yarn.lock"),
    ("pnpm-lock", "pnpm-v5/pnpm-lock.yaml"),
    ("pnpm-lock", "pnpm-v6/pnpm-lock.yaml"),
    ("pnpm-lock", "pnpm-v9/pnpm-lock.yaml"),
    (
        "npm-installed",
        "npm-installed/app/node_modules/old-style/package.json",
    ),
    ("dotnet-packages-lock", "dotnet/packages.lock.json"),
    ("dotnet-deps", "dotnet/Shop.Api.deps.json"),
];

#[test]
fn lockfile_parsers_survive_mutations() {
    for (name, rel) in LOCKFILES {
        let (c, seed) = (cataloger(name), fixture(rel));
        target(c, rel, &seed);
        for case in 0..cases(200) {
            let data = entropy(case);
            let mut u = Unstructured::new(&data);
            if let Ok(bytes) = SYNTAX.mutate(&seed, &mut u) {
                target(c, rel, &bytes);
            }
        }
    }
}

#[test]
fn executable_reader_survives_mutated_binaries() {
    let c = cataloger("binary");
    for rel in ["binaries/go-app", "binaries/rust-app"] {
        let seed = fixture(rel);
        // Mutations near where the readers look: the headers, the build info, the tail.
        let spots = [
            0usize,
            64,
            seed.len().saturating_sub(4096),
            find(&seed, b"\xff Go buildinf:"),
        ];
        for case in 0..cases(24) {
            let data = entropy(case);
            let mut u = Unstructured::new(&data);
            let Ok(spot) = u.choose(&spots) else { continue };
            let mut bytes = seed.clone();
            let end = (spot + 4096).min(bytes.len());
            if let Ok(window) = SYNTAX.mutate(&bytes[*spot..end], &mut u) {
                bytes.splice(*spot..end, window).for_each(drop);
                target(c, rel, &bytes);
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or(0)
}

/// A structured executable header with random fields: ELF (both widths and byte orders), PE and
/// Mach-O, followed by random bytes and, sometimes, Go build info with random lengths.
fn structured(u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    let mut bytes: Vec<u8> = match u.int_in_range(0..=2)? {
        0 => vec![
            0x7f,
            b'E',
            b'L',
            b'F',
            u.int_in_range(1..=2)?,
            u.int_in_range(1..=2)?,
        ],
        1 => b"MZ".to_vec(),
        _ => u
            .choose(&[[0xcf, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xce]])?
            .to_vec(),
    };
    // Header fields: random words, biased towards small offsets and counts.
    for _ in 0..u.int_in_range(8..=64)? {
        let word: u32 = if u.ratio(1, 2)? {
            u.int_in_range(0..=512)?
        } else {
            u.arbitrary()?
        };
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    if u.ratio(1, 2)? {
        bytes.resize(bytes.len().next_multiple_of(16), 0);
        bytes.extend_from_slice(b"\xff Go buildinf:");
        bytes.extend_from_slice(&[*u.choose(&[4, 8, 3])?, u.int_in_range(0..=3)?]);
        bytes.resize(bytes.len() + 16, 0);
        for _ in 0..u.int_in_range(0..=12)? {
            bytes.push(u.arbitrary()?);
        }
    }
    let tail: Vec<u8> = (0..u.int_in_range(0..=512)?)
        .map(|_| u.arbitrary())
        .collect::<Result<_>>()?;
    bytes.extend_from_slice(&tail);
    Ok(bytes)
}

#[test]
fn executable_reader_survives_structured_headers() {
    let c = cataloger("binary");
    for case in 0..cases(2000) {
        let data = entropy(case);
        let mut u = Unstructured::new(&data);
        if let Ok(bytes) = structured(&mut u) {
            target(c, "/usr/bin/fuzz", &bytes);
        }
    }
}
