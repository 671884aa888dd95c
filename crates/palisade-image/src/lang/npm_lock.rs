//! `package-lock.json` and `npm-shrinkwrap.json`: every package npm locked, lockfile versions 1
//! to 3.
//!
//! Versions 2 and 3 list packages under `packages`, keyed by their folder
//! (`node_modules/a/node_modules/@s/b`); the name is the entry's `name` (an alias such as
//! `"x": "npm:real@1.0.0"` is stored under `node_modules/x` with `name: real`) or else the key
//! after its last `node_modules/`. The root (`""`) and workspace folders are listed as Syft lists
//! them; `link` entries are not (they point at a workspace folder, listed on its own; Syft lists
//! them again with the version `UNKNOWN`). Version 1 lists `dependencies`, nested: every level is
//! read (Syft reads the top level only), aliases (`npm:real@1.0.0`) are resolved, and local
//! entries (`file:`, `link:`) are not listed. Development dependencies are listed, as Syft lists
//! them. The licence recorded in v2/v3 entries is kept.

use std::collections::BTreeMap;

use palisade_core::PackageKind;
use serde::Deserialize;

use super::{file_name, json_error, package, push, read_text};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static NPM_LOCK: NpmLock = NpmLock;

pub(crate) struct NpmLock;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    packages: Option<BTreeMap<String, Entry>>,
    #[serde(default)]
    dependencies: Option<BTreeMap<String, V1>>,
}

#[derive(Deserialize)]
struct Entry {
    name: Option<String>,
    version: Option<String>,
    #[serde(default)]
    link: bool,
    license: Option<License>,
}

/// A `license` as npm records it: a string, or in old packages an object with a `type`.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum License {
    Text(String),
    Object {
        #[serde(rename = "type")]
        kind: Option<String>,
    },
    Other(serde::de::IgnoredAny),
}

impl License {
    pub(super) fn into_text(self) -> Option<String> {
        match self {
            License::Text(t) => Some(t),
            License::Object { kind } => kind,
            License::Other(_) => None,
        }
        .filter(|t| !t.trim().is_empty())
    }
}

#[derive(Deserialize)]
struct V1 {
    version: Option<String>,
    #[serde(default)]
    dependencies: BTreeMap<String, V1>,
}

impl Cataloger for NpmLock {
    fn name(&self) -> &'static str {
        "npm-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        matches!(file_name(path), "package-lock.json" | "npm-shrinkwrap.json")
            && !path.contains("/node_modules/")
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = read_text(file)?;
        let lock: Lock = serde_json::from_str(&text).map_err(|e| json_error(&e))?;
        if let Some(packages) = lock.packages {
            for (key, entry) in packages {
                if entry.link {
                    continue;
                }
                let name = match entry.name {
                    Some(name) => name,
                    None => match key.rfind("node_modules/") {
                        Some(at) => key[at + "node_modules/".len()..].to_owned(),
                        None => continue,
                    },
                };
                let Some(version) = entry.version else { continue };
                let licenses = entry.license.and_then(License::into_text).into_iter().collect();
                push(
                    out,
                    package(
                        PackageKind::Npm,
                        name,
                        version,
                        licenses,
                        file.origin(),
                        self.name(),
                    ),
                );
            }
        } else if let Some(dependencies) = lock.dependencies {
            // Depth-first, without recursion: nesting is as deep as the file.
            let mut pending: Vec<(String, V1)> = dependencies.into_iter().collect();
            while let Some((key, entry)) = pending.pop() {
                pending.extend(entry.dependencies);
                let Some(version) = entry.version else { continue };
                if let Some((name, version)) = resolve(&key, &version) {
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

/// The real name and version of a dependency `key` locked at `version`: an alias
/// (`npm:real@1.0.0`) names the real package; local and remote sources that are not a registry
/// version (`file:`, `link:`) give nothing.
pub(super) fn resolve<'a>(key: &'a str, version: &'a str) -> Option<(&'a str, &'a str)> {
    if let Some(alias) = version.strip_prefix("npm:") {
        return split_spec(alias);
    }
    if version.starts_with("file:") || version.starts_with("link:") {
        return None;
    }
    Some((key, version))
}

/// `name@version` split at the `@` that is not a scope's.
pub(super) fn split_spec(spec: &str) -> Option<(&str, &str)> {
    let at = spec.get(1..)?.find('@')? + 1;
    Some((&spec[..at], &spec[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_to_the_real_package() {
        assert_eq!(resolve("lp", "npm:left-pad@1.3.0"), Some(("left-pad", "1.3.0")));
        assert_eq!(resolve("x", "npm:@s/y@2.0.0"), Some(("@s/y", "2.0.0")));
        assert_eq!(resolve("x", "file:packages/x"), None);
        assert_eq!(resolve("ms", "2.1.3"), Some(("ms", "2.1.3")));
        assert_eq!(split_spec("@s"), None);
    }
}
