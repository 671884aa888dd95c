//! What the fuzz targets share: deterministic entropy, byte mutations of seeds, the seed files,
//! and the check that every reported position lies in the input.

#![allow(dead_code, unreachable_pub, unused_imports)]

use std::path::Path;

use arbitrary::{Result, Unstructured};
use palisade_rules::FileScan;

pub use palisade_fuzz::{cases, entropy};

/// Bytes that matter to YAML and shell syntax, for overwriting.
pub const SHELLISH: &[u8] = b" -:{}[]$()`'\"\\\n\t#=;&|<>0aZ";

/// The seed with a few bytes overwritten (with one of `overwrites`), inserted (one of
/// `inserts`) or cut, as an unstructured fuzzer would.
pub fn mutate(seed: &str, u: &mut Unstructured<'_>, overwrites: &[u8], inserts: &[&str]) -> Result<String> {
    let mutator = palisade_fuzz::Mutator {
        overwrites,
        inserts,
        max_cut: 16,
        hot: &[],
    };
    Ok(String::from_utf8_lossy(&mutator.mutate(seed.as_bytes(), u)?).into_owned())
}

/// Every file under `tests/fixtures/<dir>`, sorted.
pub fn seeds(dir: &str) -> Vec<String> {
    let mut seeds = Vec::new();
    let mut pending = vec![
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir),
    ];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                seeds.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    seeds.sort();
    seeds
}

/// Every finding and error of `scan` lies inside `text`: a real line, a column inside it (or just
/// past its end), and an end not before the start.
pub fn check_positions(scan: &FileScan, text: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    for f in &scan.findings {
        let l = &f.location;
        assert!(
            l.line >= 1 && (l.line as usize) <= lines.len(),
            "finding on line {} of {}: {f:?}\n{text:?}",
            l.line,
            lines.len()
        );
        let width = lines[l.line as usize - 1].chars().count() + 1;
        assert!(
            l.column >= 1 && (l.column as usize) <= width,
            "finding at column {} of a line of {width}: {f:?}\n{text:?}",
            l.column
        );
        assert!(
            (l.end_line, l.end_column) >= (l.line, l.column) && (l.end_line as usize) <= lines.len(),
            "finding ends before it starts or past the input: {f:?}\n{text:?}"
        );
    }
    for e in &scan.errors {
        assert!(
            e.line.is_none_or(|line| line as usize <= lines.len() + 1),
            "error outside the input: {e:?}\n{text:?}"
        );
    }
}
