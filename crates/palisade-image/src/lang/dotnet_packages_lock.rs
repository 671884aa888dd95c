//! NuGet `packages.lock.json`: the packages locked for each target framework.
//!
//! Every entry of every framework under `dependencies` with its `resolved` version, except the
//! solution's own projects (`"type": "Project"`), which are not NuGet packages. A package locked
//! for several frameworks at one version is listed once.

use std::collections::{BTreeMap, BTreeSet};

use palisade_core::PackageKind;
use serde::Deserialize;

use super::{file_name, json_error, package, push, read_text};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static DOTNET_PACKAGES_LOCK: DotnetPackagesLock = DotnetPackagesLock;

pub(crate) struct DotnetPackagesLock;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    dependencies: BTreeMap<String, BTreeMap<String, Entry>>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "type")]
    kind: Option<String>,
    resolved: Option<String>,
}

impl Cataloger for DotnetPackagesLock {
    fn name(&self) -> &'static str {
        "dotnet-packages-lock"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "packages.lock.json"
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = read_text(file)?;
        let lock: Lock = serde_json::from_str(&text).map_err(|e| json_error(&e))?;
        let mut seen = BTreeSet::new();
        for (name, entry) in lock.dependencies.into_values().flatten() {
            if entry
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("project"))
            {
                continue;
            }
            let Some(version) = entry.resolved else { continue };
            if seen.insert((name.clone(), version.clone())) {
                push(
                    out,
                    package(
                        PackageKind::NuGet,
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
