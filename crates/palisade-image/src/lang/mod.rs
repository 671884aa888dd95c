//! Language package catalogers: lockfiles and manifests a project declares, and the metadata
//! language package managers leave beside what they installed.
//!
//! One file per cataloger, named after the file it reads. Every package keeps its name as the
//! file wrote it (PyPI names are not normalised here: the matcher normalises per PEP 503 when it
//! looks a name up, so the SBOM shows what the project wrote); Maven packages are named
//! `group:artifact`.

pub(crate) mod composer_lock;
pub(crate) mod gem_spec;
pub(crate) mod gradle_lockfile;
pub(crate) mod java_archive;
pub(crate) mod java_manifest;
pub(crate) mod php_installed_json;
pub(crate) mod python_metadata;
pub(crate) mod python_pipfile_lock;
pub(crate) mod python_poetry_lock;
pub(crate) mod python_requirements;
pub(crate) mod python_uv_lock;
pub(crate) mod ruby_gemfile_lock;

use palisade_core::{Origin, Package, PackageKind};

/// The most of a lockfile or manifest read into memory: far above any real one (a large
/// monorepo's `poetry.lock` is a few MiB), low enough that a hostile file cannot exhaust memory.
pub(crate) const LOCKFILE_MAX: u64 = 32 << 20;

/// A language package found in `origin` (no architecture, no source package), or none when the
/// file gave it no name or no version: such an entry cannot be matched to anything.
pub(crate) fn package(
    kind: PackageKind,
    name: &str,
    version: &str,
    licenses: Vec<String>,
    origin: &Origin,
    cataloger: &'static str,
) -> Option<Package> {
    if name.trim().is_empty() || version.trim().is_empty() {
        return None;
    }
    Some(Package {
        name: name.to_owned(),
        version: version.to_owned(),
        kind,
        arch: None,
        source: None,
        licenses,
        origin: origin.clone(),
        cataloger,
    })
}

/// The last segment of a `/`-separated path.
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
