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

/// The vocabulary and shape of generated YAML documents.
pub struct Shape<'a> {
    pub keys: &'a [&'a str],
    pub scalars: &'a [&'a str],
    /// Raw text put before a scalar (quotes, anchors, tags).
    pub raw: &'a [&'a str],
    pub max_depth: usize,
    /// The first entry of a mapping in a list.
    pub item: &'a str,
    /// The odds (numerator, denominator) that a list item is a scalar.
    pub scalar_items: (u8, u8),
}

/// A document of nested mappings and lists over `shape`'s keys, as an `arbitrary` target
/// generates it (entries at `indent`, `depth` levels in).
pub fn document(
    shape: &Shape<'_>,
    u: &mut Unstructured<'_>,
    depth: usize,
    indent: usize,
    out: &mut String,
) -> Result<()> {
    for _ in 0..u.int_in_range(1..=4)? {
        out.push_str(&" ".repeat(indent));
        out.push_str(u.choose(shape.keys)?);
        out.push(':');
        match u.int_in_range(0..=3)? {
            0 if depth < shape.max_depth => {
                out.push('\n');
                document(shape, u, depth + 1, indent + 2, out)?;
            }
            1 if depth < shape.max_depth => {
                out.push('\n');
                for _ in 0..u.int_in_range(1..=3)? {
                    out.push_str(&" ".repeat(indent));
                    out.push_str("- ");
                    if u.ratio(shape.scalar_items.0, shape.scalar_items.1)? {
                        out.push_str(u.choose(shape.scalars)?);
                        out.push('\n');
                    } else {
                        out.push_str(shape.item);
                        out.push('\n');
                        document(shape, u, depth + 1, indent + 2, out)?;
                    }
                }
            }
            2 => {
                out.push(' ');
                out.push_str(u.choose(shape.raw)?);
                out.push_str(u.choose(shape.scalars)?);
                out.push('\n');
            }
            _ => {
                out.push(' ');
                out.push_str(u.choose(shape.scalars)?);
                out.push('\n');
            }
        }
    }
    Ok(())
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
