//! Poetry's `poetry.lock`: TOML, one `[[package]]` table per locked distribution (main and
//! development groups alike), with `name` and `version`.

use palisade_core::PackageKind;
use serde::Deserialize;

use super::{LOCKFILE_MAX, file_name, package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct PoetryLock;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Locked>,
}

#[derive(Deserialize)]
struct Locked {
    name: Option<String>,
    version: Option<String>,
}

impl Cataloger for PoetryLock {
    fn name(&self) -> &'static str {
        "python-poetry-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "poetry.lock"
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let lock: Lock = parse_toml(&bytes)?;
        for p in lock.package {
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

/// A TOML document read into `T`; errors say where the syntax broke.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, CatalogError> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| CatalogError::Malformed(format!("not UTF-8 text: {e}")))?;
    toml::from_str(text).map_err(|e| CatalogError::Malformed(format!("not valid TOML: {e}")))
}
