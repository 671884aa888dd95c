//! .NET `*.deps.json`: the libraries an application was published with.
//!
//! Every `libraries` entry of `"type": "package"` (key `Name/Version`). Projects (the application
//! itself and the projects it references) and `reference`/`referenceassembly` entries are not
//! NuGet packages and are not listed; Syft lists the application's own project too.

use std::collections::BTreeMap;

use palisade_core::PackageKind;
use serde::Deserialize;

use super::{file_name, json_error, package, push, read_text};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static DOTNET_DEPS: DotnetDeps = DotnetDeps;

pub(crate) struct DotnetDeps;

#[derive(Deserialize)]
struct Deps {
    #[serde(default)]
    libraries: BTreeMap<String, Library>,
}

#[derive(Deserialize)]
struct Library {
    #[serde(rename = "type")]
    kind: Option<String>,
}

impl Cataloger for DotnetDeps {
    fn name(&self) -> &'static str {
        "dotnet-deps"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path).ends_with(".deps.json")
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = read_text(file)?;
        let deps: Deps = serde_json::from_str(&text).map_err(|e| json_error(&e))?;
        for (key, library) in deps.libraries {
            if !library
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("package"))
            {
                continue;
            }
            let Some((name, version)) = key.split_once('/') else {
                continue;
            };
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
        Ok(())
    }
}
