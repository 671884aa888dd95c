//! `pnpm-lock.yaml`: the packages pnpm locked, in the key formats of lockfile versions 5
//! (`/name/1.0.0_peer@2.0.0`), 6 (`/name@1.0.0(peer@2.0.0)`) and 9 (`name@1.0.0` in `packages`,
//! the same with peer suffixes in `snapshots`).
//!
//! The name and version come from the entry's `name` and `version` where it has them (packages
//! from tarballs and git), else from its key, without the peer-dependency suffix; a package
//! listed with several peer sets is listed once. `file:` and `link:` versions (the project's
//! own folders) are not listed. Importers (the workspace's projects) are not packages.

use std::collections::BTreeSet;

use palisade_core::PackageKind;
use palisade_yaml::Node;

use super::npm_lock::split_spec;
use super::{file_name, package, push, read_text};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static PNPM_LOCK: PnpmLock = PnpmLock;

pub(crate) struct PnpmLock;

impl Cataloger for PnpmLock {
    fn name(&self) -> &'static str {
        "pnpm-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "pnpm-lock.yaml" && !path.contains("/node_modules/")
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = read_text(file)?;
        let mut seen = BTreeSet::new();
        for doc in palisade_yaml::documents(&text, &palisade_yaml::Budgets::default()) {
            let doc = doc.map_err(|e| CatalogError::Malformed(format!("invalid YAML: {e}")))?;
            // 5.x is written as a number (`5.4`), later versions as strings (`'6.0'`).
            let slashes = doc
                .root
                .get("lockfileVersion")
                .and_then(Node::as_text)
                .and_then(|v| v.split('.').next()?.parse::<u32>().ok())
                .is_some_and(|major| major < 6);
            let entries = doc
                .root
                .get("packages")
                .and_then(Node::as_map)
                .unwrap_or_default();
            for (key, value) in entries {
                let Some(key) = key.as_text() else { continue };
                let field = |k| value.get(k).and_then(Node::as_text);
                let parsed = match (field("name"), field("version")) {
                    (Some(name), Some(version)) => Some((name, version)),
                    _ => from_key(key, slashes),
                };
                let Some((name, version)) = parsed else { continue };
                if version.starts_with("file:") || version.starts_with("link:") {
                    continue;
                }
                if seen.insert((name.to_owned(), version.to_owned())) {
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
        }
        Ok(())
    }
}

/// A package key's name and version, without the peer suffix.
fn from_key(key: &str, slashes: bool) -> Option<(&str, &str)> {
    let key = key.strip_prefix('/').unwrap_or(key);
    if slashes {
        let (name, version) = key.rsplit_once('/')?;
        let version = version.split('_').next()?;
        return Some((name, version)).filter(|(n, v)| !n.is_empty() && !v.is_empty());
    }
    let key = key.split('(').next()?;
    split_spec(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_each_lockfile_version_are_split() {
        assert_eq!(
            from_key("/@babel/core/7.1.0_react@18.0.0", true),
            Some(("@babel/core", "7.1.0"))
        );
        assert_eq!(from_key("/ms/2.1.3", true), Some(("ms", "2.1.3")));
        assert_eq!(
            from_key("/@babel/core@7.1.0(react@18.0.0)", false),
            Some(("@babel/core", "7.1.0"))
        );
        assert_eq!(from_key("ms@2.1.3", false), Some(("ms", "2.1.3")));
        assert_eq!(from_key("/x", true), None);
    }
}
