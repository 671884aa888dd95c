//! Packages: what an image or a project folder has installed or locked, as the catalogers of
//! `palisade-image` find it and the vulnerability matcher of `palisade-vuln` reads it.

use std::sync::Arc;

use serde::Serialize;

/// One installed or locked package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Package {
    /// The name its ecosystem knows it by; for Maven `group:artifact`, for Go the module path.
    pub name: String,
    /// The version exactly as the ecosystem compares it: dpkg `[epoch:]upstream[-revision]`,
    /// rpm `[epoch:]version-release`, apk `1.2.3-r4`, Go `v1.2.3`, the rest as recorded.
    pub version: String,
    pub kind: PackageKind,
    /// The CPU architecture of an OS package (`amd64`, `x86_64`, `noarch`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arch: Option<String>,
    /// The source package it was built from (dpkg `Source:`, rpm `SOURCERPM`, apk `origin`):
    /// distro advisories are keyed by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourcePackage>,
    /// Licences as recorded (SPDX expressions where the package gives one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<String>,
    /// Where it was found.
    pub origin: Origin,
    /// The cataloger that found it (`dpkg`, `npm-lock`, `go-binary`).
    pub cataloger: &'static str,
}

/// The source package an OS package was built from. Its version is given only where it differs
/// from the binary package's (dpkg `Source: name (version)`, rpm source RPMs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourcePackage {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The file a package was read from, and in an image the layer that holds that file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Origin {
    /// The layer's digest (`sha256:…`, of the blob as stored); none for folders and root
    /// filesystems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<Arc<str>>,
    /// The path inside the image or folder, always with a leading `/`.
    pub path: Arc<str>,
}

/// The packaging system a package belongs to; it decides the version ordering, the PURL type
/// and the OSV ecosystem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PackageKind {
    Deb,
    Apk,
    Rpm,
    Cargo,
    Go,
    Npm,
    Python,
    Maven,
    Gem,
    Composer,
    NuGet,
}

impl PackageKind {
    /// Whether the operating system's package manager owns it.
    pub fn is_os(self) -> bool {
        matches!(self, PackageKind::Deb | PackageKind::Apk | PackageKind::Rpm)
    }

    /// The PURL type (`pkg:<type>/…`).
    pub fn purl_type(self) -> &'static str {
        match self {
            PackageKind::Deb => "deb",
            PackageKind::Apk => "apk",
            PackageKind::Rpm => "rpm",
            PackageKind::Cargo => "cargo",
            PackageKind::Go => "golang",
            PackageKind::Npm => "npm",
            PackageKind::Python => "pypi",
            PackageKind::Maven => "maven",
            PackageKind::Gem => "gem",
            PackageKind::Composer => "composer",
            PackageKind::NuGet => "nuget",
        }
    }

    /// The OSV ecosystem of a language package (`crates.io`, `PyPI`); OS packages take theirs
    /// from the distribution ([`Distro::osv_ecosystem`]).
    pub fn osv_ecosystem(self) -> Option<&'static str> {
        Some(match self {
            PackageKind::Deb | PackageKind::Apk | PackageKind::Rpm => return None,
            PackageKind::Cargo => "crates.io",
            PackageKind::Go => "Go",
            PackageKind::Npm => "npm",
            PackageKind::Python => "PyPI",
            PackageKind::Maven => "Maven",
            PackageKind::Gem => "RubyGems",
            PackageKind::Composer => "Packagist",
            PackageKind::NuGet => "NuGet",
        })
    }
}

/// The operating system of an image or root filesystem, from `/etc/os-release` and friends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Distro {
    /// `ID` (`debian`, `ubuntu`, `alpine`, `rhel`, `almalinux`, `rocky`, `ol`, `amzn`, `fedora`,
    /// `centos`, `sles`, `opensuse-leap`, `wolfi`), lower-case.
    pub id: String,
    /// `VERSION_ID` (`12`, `22.04`, `3.20.3`, `9.4`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// `VERSION_CODENAME` (`bookworm`, `jammy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codename: Option<String>,
    /// `PRETTY_NAME`, for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pretty_name: Option<String>,
    /// `ID_LIKE`, lower-case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub id_like: Vec<String>,
}

impl Package {
    /// The OSV ecosystem this package's advisories are filed under (`Debian:12`, `PyPI`).
    pub fn osv_ecosystem(&self, distro: Option<&Distro>) -> Option<String> {
        match self.kind.osv_ecosystem() {
            Some(name) => Some(name.to_owned()),
            None => distro.and_then(Distro::osv_ecosystem),
        }
    }
}

impl Distro {
    /// The OSV ecosystem of this distribution's packages, with its release as OSV qualifies it
    /// (`Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.20`, `AlmaLinux:9`, `Rocky Linux:9`), or none
    /// where OSV does not publish the distribution or the release is unknown.
    pub fn osv_ecosystem(&self) -> Option<String> {
        let version = self.version_id.as_deref();
        let major = || {
            version
                .and_then(|v| v.split('.').next())
                .filter(|m| !m.is_empty())
        };
        Some(match self.id.as_str() {
            "debian" => format!("Debian:{}", major()?),
            "ubuntu" => {
                let v = version?;
                // LTS releases are the April ones of even years.
                let lts = v
                    .split_once('.')
                    .is_some_and(|(y, m)| m == "04" && y.parse::<u32>().is_ok_and(|y| y % 2 == 0));
                if lts {
                    format!("Ubuntu:{v}:LTS")
                } else {
                    format!("Ubuntu:{v}")
                }
            }
            "alpine" => {
                let mut parts = version?.split('.');
                let (maj, min) = (parts.next()?, parts.next()?);
                format!("Alpine:v{maj}.{min}")
            }
            "almalinux" => format!("AlmaLinux:{}", major()?),
            "rocky" => format!("Rocky Linux:{}", major()?),
            // Both are scoped by the release as os-release's VERSION_ID gives it (`Mageia:9`,
            // `Photon OS:5.0`, the osv-schema ecosystem list's own examples).
            "mageia" => format!("Mageia:{}", version?),
            "photon" => format!("Photon OS:{}", version?),
            "wolfi" => "Wolfi".to_owned(),
            "chainguard" => "Chainguard".to_owned(),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distro(id: &str, version: &str) -> Distro {
        Distro {
            id: id.into(),
            version_id: Some(version.into()),
            ..Distro::default()
        }
    }

    #[test]
    fn distributions_are_named_as_osv_names_them() {
        assert_eq!(
            distro("debian", "12").osv_ecosystem().as_deref(),
            Some("Debian:12")
        );
        assert_eq!(
            distro("ubuntu", "22.04").osv_ecosystem().as_deref(),
            Some("Ubuntu:22.04:LTS")
        );
        assert_eq!(
            distro("ubuntu", "23.10").osv_ecosystem().as_deref(),
            Some("Ubuntu:23.10")
        );
        assert_eq!(
            distro("ubuntu", "21.04").osv_ecosystem().as_deref(),
            Some("Ubuntu:21.04")
        );
        assert_eq!(
            distro("alpine", "3.20.3").osv_ecosystem().as_deref(),
            Some("Alpine:v3.20")
        );
        assert_eq!(distro("alpine", "3").osv_ecosystem(), None);
        assert_eq!(
            distro("rocky", "9.4").osv_ecosystem().as_deref(),
            Some("Rocky Linux:9")
        );
        assert_eq!(distro("mageia", "9").osv_ecosystem().as_deref(), Some("Mageia:9"));
        assert_eq!(
            distro("photon", "5.0").osv_ecosystem().as_deref(),
            Some("Photon OS:5.0")
        );
        assert_eq!(
            Distro {
                id: "debian".into(),
                ..Distro::default()
            }
            .osv_ecosystem(),
            None
        );
    }
}
