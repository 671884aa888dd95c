//! `yarn.lock`, both formats: Yarn 1's own (`"name@range", name@range2:` blocks with an
//! indented `version "1.2.3"`) and Yarn Berry's YAML (2 and later, opened by `__metadata`).
//!
//! Yarn 1: the name is that of the first spec of each block; an alias spec
//! (`alias@npm:real@^1.0.0`) names the real package. Berry: the name is taken from `resolution`
//! (`real@npm:1.0.0`, which names the real package for aliases too) and the version from
//! `version`; workspace, `link:` and `portal:` entries (the project's own folders) are not
//! listed, and a package listed twice (its `npm:` and `patch:` entries) is listed once.

use std::collections::BTreeSet;

use palisade_core::PackageKind;

use super::npm_lock::split_spec;
use super::{file_name, package, push, read_text};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static YARN_LOCK: YarnLock = YarnLock;

pub(crate) struct YarnLock;

impl Cataloger for YarnLock {
    fn name(&self) -> &'static str {
        "yarn-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "yarn.lock" && !path.contains("/node_modules/")
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = read_text(file)?;
        let entries = if text.lines().any(|l| l.starts_with("__metadata:")) {
            berry(&text)?
        } else {
            classic(&text)
        };
        let mut seen = BTreeSet::new();
        for (name, version) in entries {
            if seen.insert((name.clone(), version.clone())) {
                push(
                    out,
                    package(
                        PackageKind::Npm,
                        name,
                        version,
                        Vec::new(),
                        file.origin(),
                        self.name(),
                    ),
                );
            }
        }
        Ok(())
    }
}

/// The real package a spec (`name@range`, without quotes) names.
fn spec_name(spec: &str) -> Option<&str> {
    let (name, range) = split_spec(spec)?;
    match range.strip_prefix("npm:") {
        Some(alias) if alias.get(1..).is_some_and(|a| a.contains('@')) => {
            split_spec(alias).map(|(real, _)| real)
        }
        _ => Some(name),
    }
}

/// Yarn 1: `(name, version)` of each block.
fn classic(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut name: Option<&str> = None;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            // A block's specs: `"a@^1", a@~1.2:`.
            name = line
                .strip_suffix(':')
                .and_then(|specs| specs.split(", ").next())
                .map(|s| s.trim().trim_matches('"'))
                .and_then(spec_name);
            continue;
        }
        // The block's own keys are indented by two spaces exactly.
        let Some(field) = line.strip_prefix("  ").filter(|f| !f.starts_with(' ')) else {
            continue;
        };
        if let (Some(n), Some(v)) = (name, field.strip_prefix("version ")) {
            out.push((n.to_owned(), v.trim().trim_matches('"').to_owned()));
            name = None;
        }
    }
    out
}

/// Berry: `(name, version)` of each entry but the project's own.
fn berry(text: &str) -> Result<Vec<(String, String)>, CatalogError> {
    let mut out = Vec::new();
    for doc in palisade_yaml::documents(text, &palisade_yaml::Budgets::default()) {
        let doc = doc.map_err(|e| CatalogError::Malformed(format!("invalid YAML: {e}")))?;
        for (key, value) in doc.root.as_map().unwrap_or_default() {
            if key.as_text() == Some("__metadata") {
                continue;
            }
            let (Some(resolution), Some(version)) = (
                value.get("resolution").and_then(palisade_yaml::Node::as_text),
                value.get("version").and_then(palisade_yaml::Node::as_text),
            ) else {
                continue;
            };
            let Some((name, reference)) = split_spec(resolution) else {
                continue;
            };
            let local = ["workspace:", "link:", "portal:", "file:"]
                .iter()
                .any(|p| reference.starts_with(p));
            if !local {
                out.push((name.to_owned(), version.to_owned()));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_name_the_real_package() {
        assert_eq!(spec_name("@babel/core@^7.0.0"), Some("@babel/core"));
        assert_eq!(spec_name("lp@npm:left-pad@1.3.0"), Some("left-pad"));
        assert_eq!(spec_name("lp@npm:@s/x@^1"), Some("@s/x"));
        assert_eq!(spec_name("ms@npm:^2.1.3"), Some("ms"));
        assert_eq!(spec_name("ms"), None);
    }
}
