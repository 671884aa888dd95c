//! Language package catalogers: lockfiles and manifests a project declares (Cargo, Go modules,
//! npm, yarn, pnpm, NuGet, pip, Poetry, Pipenv, uv, Gradle, Bundler, Composer), the metadata
//! package managers leave beside what they installed (`node_modules`, `dist-info`, gemspecs,
//! Composer's `installed.json`, jars), and the dependency lists compiled into executables (Go
//! build info, cargo-auditable).
//!
//! One file per cataloger, named after the file it reads. Every package keeps its name as the
//! file wrote it (PyPI names are not normalised here: the matcher normalises per PEP 503 when it
//! looks a name up, so the SBOM shows what the project wrote); Maven packages are named
//! `group:artifact`.

mod binary;
mod cargo_auditable;
mod cargo_lock;
pub(crate) mod composer_lock;
mod dotnet_deps;
mod dotnet_packages_lock;
pub(crate) mod gem_spec;
mod go_buildinfo;
mod go_mod;
pub(crate) mod gradle_lockfile;
pub(crate) mod java_archive;
pub(crate) mod java_manifest;
mod npm_installed;
mod npm_lock;
pub(crate) mod php_installed_json;
mod pnpm_lock;
pub(crate) mod python_metadata;
pub(crate) mod python_pipfile_lock;
pub(crate) mod python_poetry_lock;
pub(crate) mod python_requirements;
pub(crate) mod python_uv_lock;
pub(crate) mod ruby_gemfile_lock;
mod yarn_lock;

pub(crate) use binary::BINARY;
pub(crate) use cargo_lock::CARGO_LOCK;
pub(crate) use dotnet_deps::DOTNET_DEPS;
pub(crate) use dotnet_packages_lock::DOTNET_PACKAGES_LOCK;
pub(crate) use go_mod::GO_MOD;
pub(crate) use npm_installed::NPM_INSTALLED;
pub(crate) use npm_lock::NPM_LOCK;
pub(crate) use pnpm_lock::PNPM_LOCK;
pub(crate) use yarn_lock::YARN_LOCK;

use palisade_core::{Origin, Package, PackageKind};

use crate::{CatalogError, FileInput, Found};

/// The most of a lockfile or manifest read into memory: far above any real one (the largest
/// `package-lock.json` files are a few tens of MiB), low enough that a hostile file cannot
/// exhaust memory.
pub(crate) const LOCKFILE_MAX: u64 = 64 << 20;

/// A language package found in `origin` (no architecture, no source package), or none when the
/// file gave it no name or no version: such an entry cannot be matched to anything and only adds
/// noise to an SBOM.
pub(crate) fn package(
    kind: PackageKind,
    name: impl Into<String>,
    version: impl Into<String>,
    licenses: Vec<String>,
    origin: &Origin,
    cataloger: &'static str,
) -> Option<Package> {
    let (name, version) = (name.into(), version.into());
    if name.trim().is_empty() || version.trim().is_empty() {
        return None;
    }
    Some(Package {
        name,
        version,
        kind,
        arch: None,
        source: None,
        licenses,
        origin: origin.clone(),
        cataloger,
    })
}

/// Pushes a package that names something (see [`package`]).
fn push(out: &mut Vec<Found>, package: Option<Package>) {
    out.extend(package.map(Found::Package));
}

/// The last segment of a `/`-separated path.
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The whole file as text, within [`LOCKFILE_MAX`].
fn read_text(file: &mut FileInput<'_>) -> Result<String, CatalogError> {
    let bytes = file.read_to_end(LOCKFILE_MAX)?;
    String::from_utf8(bytes).map_err(|e| {
        CatalogError::Malformed(format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
    })
}

/// A JSON parse error as a catalog error naming the line and column.
fn json_error(e: &serde_json::Error) -> CatalogError {
    CatalogError::Malformed(format!(
        "invalid JSON at line {} column {}: {e}",
        e.line(),
        e.column()
    ))
}
