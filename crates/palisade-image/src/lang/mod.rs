//! Language package catalogers: lockfiles and manifests that a project declares (Cargo, Go
//! modules, npm, yarn, pnpm, NuGet), what package managers installed (`node_modules`), and the
//! dependency lists compiled into executables (Go build info, cargo-auditable).

mod binary;
mod cargo_auditable;
mod cargo_lock;
mod dotnet_deps;
mod dotnet_packages_lock;
mod go_buildinfo;
mod go_mod;
mod npm_installed;
mod npm_lock;
mod pnpm_lock;
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

/// The most a lockfile or manifest may weigh: the largest real `package-lock.json` files are a
/// few tens of megabytes.
const LOCKFILE_MAX: u64 = 64 << 20;

/// The last component of a `/`-separated path.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// A language package found in `origin`, with no architecture or source package.
fn package(
    name: impl Into<String>,
    version: impl Into<String>,
    kind: PackageKind,
    origin: &Origin,
    cataloger: &'static str,
) -> Package {
    Package {
        name: name.into(),
        version: version.into(),
        kind,
        arch: None,
        source: None,
        licenses: Vec::new(),
        origin: origin.clone(),
        cataloger,
    }
}

/// Pushes a package unless its name or version is empty: an entry that names nothing cannot be
/// matched and only adds noise to an SBOM.
fn push(out: &mut Vec<Found>, package: Package) {
    if !package.name.is_empty() && !package.version.is_empty() {
        out.push(Found::Package(package));
    }
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
