//! Pipenv's `Pipfile.lock`: JSON with the locked packages under `default` and `develop`, each
//! `"name": {"version": "==1.2.3", …}`. Entries without a version (VCS and path requirements)
//! are not packages at a known version and are skipped.

use palisade_core::PackageKind;
use serde::Deserialize;
use std::collections::BTreeMap;

use super::{LOCKFILE_MAX, file_name, package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct PipfileLock;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    default: BTreeMap<String, Entry>,
    #[serde(default)]
    develop: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
struct Entry {
    version: Option<String>,
}

impl Cataloger for PipfileLock {
    fn name(&self) -> &'static str {
        "python-pipfile-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "Pipfile.lock"
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let lock: Lock = serde_json::from_slice(&bytes)
            .map_err(|e| CatalogError::Malformed(format!("not a Pipfile.lock: {e}")))?;
        for (name, entry) in lock.default.iter().chain(&lock.develop) {
            let Some(version) = entry.version.as_deref() else {
                continue;
            };
            let version = version
                .strip_prefix("===")
                .or_else(|| version.strip_prefix("=="))
                .unwrap_or(version)
                .trim();
            if version.is_empty() {
                continue;
            }
            push(
                out,
                package(
                    PackageKind::Python,
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
