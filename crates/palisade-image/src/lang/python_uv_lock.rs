//! uv's `uv.lock`: TOML, one `[[package]]` table per locked distribution with `name`, `version`
//! and its `source`.
//!
//! The project itself and its workspace members are locked too, with a `source` of
//! `{ editable = "." }` or `{ virtual = "." }`: they are the code being scanned, not
//! dependencies, and no index publishes them, so they are not reported. Packages without a
//! `version` (dynamic versions of local projects) are not either.

use palisade_core::PackageKind;
use serde::Deserialize;

use super::python_poetry_lock::parse_toml;
use super::{LOCKFILE_MAX, file_name, package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct UvLock;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Locked>,
}

#[derive(Deserialize)]
struct Locked {
    name: Option<String>,
    version: Option<String>,
    #[serde(default)]
    source: Option<toml::Table>,
}

impl Cataloger for UvLock {
    fn name(&self) -> &'static str {
        "python-uv-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "uv.lock"
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let lock: Lock = parse_toml(&bytes)?;
        for p in lock.package {
            let local = p
                .source
                .as_ref()
                .is_some_and(|s| s.contains_key("editable") || s.contains_key("virtual"));
            if local {
                continue;
            }
            if let (Some(name), Some(version)) = (p.name, p.version) {
                push(
                    out,
                    package(
                        PackageKind::Python,
                        &name,
                        &version,
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
