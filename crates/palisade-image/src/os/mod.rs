//! Operating-system catalogers: the distribution (`os-release` and older release files) and the
//! package databases of dpkg, apk and rpm.

mod apk;
mod dpkg;
#[cfg(test)]
mod fuzz;
mod lines;
mod release;
mod rpm;

pub(crate) use release::distro_precedence;

pub(crate) use apk::Apk;
pub(crate) use dpkg::Dpkg;
pub(crate) use release::OsRelease;
pub(crate) use rpm::Rpm;
