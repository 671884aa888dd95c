//! What Composer installed: `vendor/composer/installed.json`, a JSON array of package entries
//! (Composer 1) or `{"packages": [...], "dev": …}` (Composer 2), entries shaped as in
//! `composer.lock`.

use serde::Deserialize;

use super::LOCKFILE_MAX;
use super::composer_lock::Locked;
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct PhpInstalledJson;

#[derive(Deserialize)]
#[serde(untagged)]
enum Installed {
    V2 { packages: Vec<Locked> },
    V1(Vec<Locked>),
}

impl Cataloger for PhpInstalledJson {
    fn name(&self) -> &'static str {
        "php-composer-installed"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        path.ends_with("/composer/installed.json")
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let installed: Installed = serde_json::from_slice(&bytes).map_err(|_| {
            CatalogError::Malformed(
                "not Composer's installed.json: neither an array of packages nor {\"packages\": [...]}"
                    .into(),
            )
        })?;
        let (Installed::V2 { packages } | Installed::V1(packages)) = installed;
        for p in &packages {
            out.extend(p.to_package(file, self.name()));
        }
        Ok(())
    }
}
