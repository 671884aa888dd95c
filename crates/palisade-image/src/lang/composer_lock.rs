//! Composer's `composer.lock`: JSON with the locked packages under `packages` and
//! `packages-dev`, each with `name` (`vendor/package`), `version` as Packagist lists it (`v6.4.1`
//! or `6.4.1`, kept as written) and `license` (SPDX identifiers).

use palisade_core::PackageKind;
use serde::Deserialize;

use super::{LOCKFILE_MAX, file_name, package};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct ComposerLock;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    packages: Vec<Locked>,
    #[serde(default, rename = "packages-dev")]
    packages_dev: Vec<Locked>,
}

/// One package entry, shared with `vendor/composer/installed.json`, whose entries have the
/// same shape.
#[derive(Deserialize)]
pub(crate) struct Locked {
    name: Option<String>,
    version: Option<String>,
    /// A list of identifiers; some old packages give one string.
    #[serde(default)]
    license: serde_json::Value,
}

impl Locked {
    /// The package it locks, when it names one at a version.
    pub(crate) fn to_package(&self, file: &FileInput<'_>, cataloger: &'static str) -> Option<Found> {
        let name = self.name.as_deref().filter(|n| !n.is_empty())?;
        let version = self.version.as_deref().filter(|v| !v.is_empty())?;
        let licenses = match &self.license {
            serde_json::Value::Array(list) => list
                .iter()
                .filter_map(serde_json::Value::as_str)
                .map(str::to_owned)
                .collect(),
            serde_json::Value::String(one) => vec![one.clone()],
            _ => Vec::new(),
        };
        package(
            PackageKind::Composer,
            name,
            version,
            licenses,
            file.origin(),
            cataloger,
        )
        .map(Found::Package)
    }
}

impl Cataloger for ComposerLock {
    fn name(&self) -> &'static str {
        "php-composer-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "composer.lock"
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let lock: Lock = serde_json::from_slice(&bytes)
            .map_err(|e| CatalogError::Malformed(format!("not a composer.lock: {e}")))?;
        for p in lock.packages.iter().chain(&lock.packages_dev) {
            out.extend(p.to_package(file, self.name()));
        }
        Ok(())
    }
}
