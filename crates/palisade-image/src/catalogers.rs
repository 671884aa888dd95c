//! Every cataloger, in the order their findings are listed.

use crate::Cataloger;

/// The catalogers palisade runs on every target (each one's scope decides where it runs).
pub fn catalogers() -> Vec<&'static dyn Cataloger> {
    vec![
        // Operating system: the distribution, then its package database.
        &crate::os::OsRelease,
        &crate::os::Dpkg,
        &crate::os::Apk,
        &crate::os::Rpm,
    ]
}
