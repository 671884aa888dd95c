//! `Cargo.lock` (format versions 1 to 4): every `[[package]]` the lockfile pins.
//!
//! Packages from registries and git repositories are listed, and so are the workspace's own
//! crates and path dependencies (no `source` key), as Syft lists them: an SBOM describes the
//! project too, and a matcher can tell them apart by the lockfile's path. The file is read with a
//! small line-based reader of the subset of TOML that Cargo writes (tables, `key = value`,
//! basic and literal strings, multi-line arrays), so no TOML dependency is needed.

use palisade_core::PackageKind;

use super::{file_name, package, push, read_text};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static CARGO_LOCK: CargoLock = CargoLock;

pub(crate) struct CargoLock;

impl Cataloger for CargoLock {
    fn name(&self) -> &'static str {
        "cargo-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "Cargo.lock"
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = read_text(file)?;
        let mut current: Option<Entry> = None;
        let mut in_array = false;
        let flush = |entry: Option<Entry>, out: &mut Vec<Found>| {
            if let Some(Entry {
                name: Some(name),
                version: Some(version),
            }) = entry
            {
                push(
                    out,
                    package(
                        PackageKind::Cargo,
                        name,
                        version,
                        Vec::new(),
                        file.origin(),
                        self.name(),
                    ),
                );
            }
        };
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if in_array {
                // Values inside `dependencies = [ … ]` are quoted names; the array ends at a
                // `]` outside quotes.
                in_array = !closes_array(line);
                continue;
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                flush(current.take(), out);
                if line == "[[package]]" {
                    current = Some(Entry::default());
                }
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(CatalogError::Malformed(format!(
                    "line {}: expected `key = value`",
                    number + 1
                )));
            };
            let value = value.trim();
            if let Some(inside) = value.strip_prefix('[') {
                in_array = !closes_array(inside);
                continue;
            }
            let Some(entry) = current.as_mut() else { continue };
            match key.trim() {
                "name" => entry.name = toml_string(value),
                "version" => entry.version = toml_string(value),
                _ => {}
            }
        }
        flush(current, out);
        Ok(())
    }
}

#[derive(Default)]
struct Entry {
    name: Option<String>,
    version: Option<String>,
}

/// Whether `rest` (the inside of an array, possibly its start) closes it on this line.
fn closes_array(rest: &str) -> bool {
    let mut quote = None;
    let mut escaped = false;
    for c in rest.chars() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return false,
            (None, ']') => return true,
            _ => {}
        }
        escaped = false;
    }
    false
}

/// A TOML basic (`"…"`, with escapes) or literal (`'…'`) string, or `None` for anything else.
fn toml_string(value: &str) -> Option<String> {
    if let Some(rest) = value.strip_prefix('\'') {
        return rest.split_once('\'').map(|(s, _)| s.to_owned());
    }
    let rest = value.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => out.push(hex_char(&mut chars, 4)?),
                'U' => out.push(hex_char(&mut chars, 8)?),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

fn hex_char(chars: &mut std::str::Chars<'_>, digits: usize) -> Option<char> {
    let hex: String = chars.by_ref().take(digits).collect();
    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_unescaped() {
        assert_eq!(toml_string(r#""a\"b\u00e9" # x"#).as_deref(), Some("a\"bé"));
        assert_eq!(toml_string("'C:\\x'").as_deref(), Some("C:\\x"));
        assert_eq!(toml_string("\"open"), None);
        assert_eq!(toml_string("1"), None);
    }

    #[test]
    fn arrays_close_outside_quotes_only() {
        assert!(closes_array(r#" "a]", ]"#));
        assert!(!closes_array(r#" "a]","#));
        assert!(!closes_array(" # ] in a comment"));
        assert!(closes_array("]"));
    }
}
