//! Installed npm packages: `node_modules/<name>/package.json` and
//! `node_modules/@scope/<name>/package.json`, at any depth of nested `node_modules`.
//!
//! Only a package's own manifest is read (not the `package.json` files some packages carry in
//! subfolders, which describe no package). The licence is `license` (a string or, in old
//! packages, an object with a `type`) or the legacy `licenses` array.

use palisade_core::PackageKind;
use serde::Deserialize;

use super::npm_lock::License;
use super::{json_error, package, push, read_text};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static NPM_INSTALLED: NpmInstalled = NpmInstalled;

pub(crate) struct NpmInstalled;

#[derive(Deserialize)]
struct Manifest {
    name: Option<String>,
    version: Option<String>,
    license: Option<License>,
    licenses: Option<Licenses>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Licenses {
    List(Vec<License>),
    One(License),
}

impl Cataloger for NpmInstalled {
    fn name(&self) -> &'static str {
        "npm-installed"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        let Some(dir) = path.strip_suffix("/package.json") else {
            return false;
        };
        let Some((parent, name)) = dir.rsplit_once('/') else {
            return false;
        };
        if parent.ends_with("/node_modules") {
            return !name.starts_with('@') && !name.starts_with('.');
        }
        parent
            .rsplit_once('/')
            .is_some_and(|(p, scope)| p.ends_with("/node_modules") && scope.starts_with('@'))
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = read_text(file)?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| json_error(&e))?;
        let (Some(name), Some(version)) = (manifest.name, manifest.version) else {
            return Ok(());
        };
        let mut licenses: Vec<String> = manifest
            .license
            .and_then(License::into_text)
            .into_iter()
            .collect();
        match manifest.licenses {
            Some(Licenses::List(list)) => {
                licenses.extend(list.into_iter().filter_map(License::into_text));
            }
            Some(Licenses::One(one)) => licenses.extend(one.into_text()),
            None => {}
        }
        licenses.dedup();
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
        Ok(())
    }
}
