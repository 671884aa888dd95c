//! Bundler's `Gemfile.lock`: the `specs:` of its `GEM`, `GIT` and `PATH` sections.
//!
//! A locked gem is a line indented by exactly four spaces under `specs:`,
//! `name (version[-platform])`; six spaces indent that gem's own dependencies (with
//! requirements, not versions), which are not packages. As in Bundler's own lockfile parser, the
//! version ends at the first `-`: what follows is the platform (`nokogiri (1.16.0-x86_64-linux)`
//! is nokogiri 1.16.0 built for x86_64-linux) and is not part of the version advisories compare.
//! A gem locked for several platforms is reported once.

use palisade_core::PackageKind;

use super::{LOCKFILE_MAX, file_name, package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct GemfileLock;

impl Cataloger for GemfileLock {
    fn name(&self) -> &'static str {
        "ruby-gemfile-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        // `gems.locked` is the name Bundler 2 accepts for the same file.
        matches!(file_name(path), "Gemfile.lock" | "gems.locked")
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let text = String::from_utf8_lossy(&bytes);
        for (name, version) in specs(&text) {
            push(
                out,
                package(
                    PackageKind::Gem,
                    name,
                    version,
                    Vec::new(),
                    file.origin(),
                    self.name(),
                ),
            );
        }
        Ok(())
    }
}

/// Every locked `(name, version)`, in order, without repeats.
pub(crate) fn specs(text: &str) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut in_source = false;
    let mut in_specs = false;
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.starts_with(' ') {
            // A section header: only gem sources have specs.
            in_source = matches!(line.trim_end(), "GEM" | "GIT" | "PATH" | "PLUGIN SOURCE");
            in_specs = false;
            continue;
        }
        if !in_source {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent == 2 {
            in_specs = line.trim_end() == "  specs:";
            continue;
        }
        if !in_specs || indent != 4 {
            continue;
        }
        let Some((name, rest)) = line.trim().split_once(" (") else {
            continue;
        };
        let Some(full) = rest.strip_suffix(')') else {
            continue;
        };
        let version = full.split_once('-').map_or(full, |(v, _)| v);
        if name.is_empty() || version.is_empty() || name.contains(' ') || version.contains(' ') {
            continue;
        }
        if seen.insert((name, version)) {
            out.push((name, version));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_at_four_spaces_with_platforms_cut() {
        let text = "GIT\n  remote: https://github.com/org/gem.git\n  revision: abc\n  specs:\n    ourgem (0.1.0)\n\nGEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.16.0-x86_64-linux)\n      racc (~> 1.4)\n    nokogiri (1.16.0-arm64-darwin)\n    racc (1.7.3)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  nokogiri\n\nBUNDLED WITH\n   2.5.3\n";
        assert_eq!(
            specs(text),
            [("ourgem", "0.1.0"), ("nokogiri", "1.16.0"), ("racc", "1.7.3")]
        );
    }
}
