//! Every cataloger, in the order their findings are listed.

use crate::Cataloger;
use crate::lang;

/// The catalogers palisade runs on every target (each one's scope decides where it runs).
pub fn catalogers() -> Vec<&'static dyn Cataloger> {
    vec![
        &lang::CARGO_LOCK,
        &lang::GO_MOD,
        &lang::NPM_LOCK,
        &lang::YARN_LOCK,
        &lang::PNPM_LOCK,
        &lang::NPM_INSTALLED,
        &lang::DOTNET_PACKAGES_LOCK,
        &lang::DOTNET_DEPS,
        &lang::BINARY,
    ]
}
