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
    #[serde(rename = "nuget")]
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

/// Package URLs (<https://github.com/package-url/purl-spec>): how SBOMs and advisories name a
/// package across tools.
impl Package {
    /// This package's PURL. OS packages take their namespace and `distro` qualifier from the
    /// distribution (`pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12&upstream=glibc`);
    /// an rpm's epoch moves to the `epoch` qualifier, as the rpm type says. Names are written as
    /// each type canonicalises them (PyPI lower case with `-`, npm and Composer lower case).
    pub fn purl(&self, distro: Option<&Distro>) -> String {
        let mut qualifiers: Vec<(&str, String)> = Vec::new();
        let mut version = self.version.as_str();
        let owned_name;
        let (namespace, name): (Option<&str>, &str) = match self.kind {
            PackageKind::Deb | PackageKind::Apk | PackageKind::Rpm => {
                if let Some(arch) = self.arch.as_deref().filter(|a| !a.is_empty()) {
                    qualifiers.push(("arch", arch.to_owned()));
                }
                if let Some(d) = distro.filter(|d| !d.id.is_empty()) {
                    let release = d.version_id.as_deref().unwrap_or_default();
                    qualifiers.push((
                        "distro",
                        if release.is_empty() {
                            d.id.clone()
                        } else {
                            format!("{}-{release}", d.id)
                        },
                    ));
                }
                if self.kind == PackageKind::Rpm {
                    if let Some((epoch, rest)) = version.split_once(':') {
                        if !epoch.is_empty() && epoch.bytes().all(|b| b.is_ascii_digit()) {
                            qualifiers.push(("epoch", epoch.to_owned()));
                            version = rest;
                        }
                    }
                }
                if let Some(source) = &self.source {
                    let upstream = match &source.version {
                        Some(v) => format!("{}@{v}", source.name),
                        None => source.name.clone(),
                    };
                    qualifiers.push(("upstream", upstream));
                }
                let vendor = distro.map_or(
                    match self.kind {
                        PackageKind::Deb => "debian",
                        PackageKind::Apk => "alpine",
                        _ => "",
                    },
                    |d| d.id.as_str(),
                );
                (Some(vendor).filter(|v| !v.is_empty()), &self.name)
            }
            PackageKind::Go => match self.name.rsplit_once('/') {
                Some((namespace, name)) => (Some(namespace), name),
                None => (None, &self.name),
            },
            PackageKind::Npm | PackageKind::Composer => {
                owned_name = self.name.to_lowercase();
                match owned_name.rsplit_once('/') {
                    Some((namespace, name)) => (Some(namespace), name),
                    None => (None, owned_name.as_str()),
                }
            }
            PackageKind::Python => {
                owned_name = self.name.to_lowercase().replace('_', "-");
                (None, owned_name.as_str())
            }
            PackageKind::Maven => match self.name.split_once(':') {
                Some((group, artifact)) => (Some(group), artifact),
                None => (None, &self.name),
            },
            PackageKind::Cargo | PackageKind::Gem | PackageKind::NuGet => (None, &self.name),
        };
        let qualifiers: Vec<(&str, &str)> = qualifiers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        purl(
            self.kind.purl_type(),
            namespace,
            name,
            Some(version).filter(|v| !v.is_empty()),
            &qualifiers,
        )
    }
}

/// A canonical PURL from its parts, encoded as the purl specification says: every byte but
/// `A-Z a-z 0-9 . - _ ~` and `:` is percent-encoded in each namespace segment, the name, the
/// version and each qualifier value; qualifiers are sorted by key, and those with an empty value
/// are left out. Keys and the type are given in their canonical (lower-case) form.
pub fn purl(
    ty: &str,
    namespace: Option<&str>,
    name: &str,
    version: Option<&str>,
    qualifiers: &[(&str, &str)],
) -> String {
    let mut out = format!("pkg:{ty}/");
    if let Some(namespace) = namespace {
        for segment in namespace.split('/').filter(|s| !s.is_empty()) {
            encode_into(&mut out, segment);
            out.push('/');
        }
    }
    encode_into(&mut out, name);
    if let Some(version) = version {
        out.push('@');
        encode_into(&mut out, version);
    }
    let mut qualifiers: Vec<&(&str, &str)> = qualifiers.iter().filter(|(_, v)| !v.is_empty()).collect();
    qualifiers.sort_by_key(|(k, _)| *k);
    for (i, (key, value)) in qualifiers.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(key);
        out.push('=');
        encode_into(&mut out, value);
    }
    out
}

fn encode_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
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

    /// The `build` cases of the purl specification's test suite (tests/types/*-test.json and the
    /// older test-suite-data.json): the parts in, the canonical PURL out.
    #[test]
    fn purls_are_built_as_the_specification_tests_say() {
        /// type, namespace, name, version, qualifiers, expected PURL.
        type Case<'a> = (
            &'a str,
            Option<&'a str>,
            &'a str,
            Option<&'a str>,
            &'a [(&'a str, &'a str)],
            &'a str,
        );
        let cases: &[Case<'_>] = &[
            (
                "maven",
                Some("org.apache.commons"),
                "io",
                Some("1.3.4"),
                &[],
                "pkg:maven/org.apache.commons/io@1.3.4",
            ),
            (
                "golang",
                Some("github.com/gorilla"),
                "context",
                Some("234fd47e07d1004f0aed9c"),
                &[],
                "pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c",
            ),
            (
                "npm",
                Some("@angular"),
                "animation",
                Some("12.3.1"),
                &[],
                "pkg:npm/%40angular/animation@12.3.1",
            ),
            (
                "npm",
                None,
                "foobar",
                Some("12.3.1"),
                &[],
                "pkg:npm/foobar@12.3.1",
            ),
            (
                "npm",
                None,
                "mypackage",
                Some("12.4.5"),
                &[("vcs_url", "git://host.com/path/to/repo.git@4345abcd34343")],
                "pkg:npm/mypackage@12.4.5?vcs_url=git:%2F%2Fhost.com%2Fpath%2Fto%2Frepo.git%404345abcd34343",
            ),
            (
                "deb",
                Some("debian"),
                "curl",
                Some("7.50.3-1"),
                &[("distro", "jessie"), ("arch", "i386")],
                "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
            ),
            (
                "rpm",
                Some("fedora"),
                "curl",
                Some("7.50.3-1.fc25"),
                &[("arch", "i386"), ("distro", "fedora-25")],
                "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25",
            ),
            (
                "docker",
                Some("customer"),
                "dockerimage",
                Some("sha256:244fd47e07d1004f0aed9c"),
                &[("repository_url", "gcr.io")],
                "pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io",
            ),
            (
                "gem",
                None,
                "jruby-launcher",
                Some("1.1.2"),
                &[("platform", "java")],
                "pkg:gem/jruby-launcher@1.1.2?platform=java",
            ),
            (
                "nuget",
                None,
                "EnterpriseLibrary.Common",
                Some("6.0.1304"),
                &[],
                "pkg:nuget/EnterpriseLibrary.Common@6.0.1304",
            ),
            (
                "maven",
                Some("mygroup"),
                "myartifact",
                Some("1.0.0 Final"),
                &[("mykey", "my value")],
                "pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value",
            ),
            (
                "maven",
                Some("HTTPClient"),
                "HTTPClient",
                Some("0.3-3"),
                &[],
                "pkg:maven/HTTPClient/HTTPClient@0.3-3",
            ),
            (
                "conda",
                None,
                "absl-py",
                Some("0.4.1"),
                &[
                    ("build", "py36h06a4308_0"),
                    ("channel", "main"),
                    ("subdir", "linux-64"),
                    ("type", "tar.bz2"),
                ],
                "pkg:conda/absl-py@0.4.1?build=py36h06a4308_0&channel=main&subdir=linux-64&type=tar.bz2",
            ),
        ];
        for (ty, namespace, name, version, qualifiers, want) in cases {
            assert_eq!(&purl(ty, *namespace, name, *version, qualifiers), want);
        }
    }

    fn package(kind: PackageKind, name: &str, version: &str) -> Package {
        Package {
            name: name.into(),
            version: version.into(),
            kind,
            arch: None,
            source: None,
            licenses: Vec::new(),
            origin: Origin {
                layer: None,
                path: Arc::from("/x"),
            },
            cataloger: "test",
        }
    }

    #[test]
    fn every_kind_gets_its_purl() {
        let debian = distro("debian", "12");
        let mut libc = package(PackageKind::Deb, "libc6", "2.36-9+deb12u4");
        libc.arch = Some("amd64".into());
        libc.source = Some(SourcePackage {
            name: "glibc".into(),
            version: None,
        });
        assert_eq!(
            libc.purl(Some(&debian)),
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc"
        );
        // A dpkg epoch stays in the version (the colon is never encoded); a source version that
        // differs is written `name@version`.
        let mut passwd = package(PackageKind::Deb, "passwd", "1:4.13+dfsg1-1");
        passwd.source = Some(SourcePackage {
            name: "shadow".into(),
            version: Some("1:4.13+dfsg1-1".into()),
        });
        assert_eq!(
            passwd.purl(Some(&debian)),
            "pkg:deb/debian/passwd@1:4.13%2Bdfsg1-1?distro=debian-12&upstream=shadow%401:4.13%2Bdfsg1-1"
        );
        let mut bash = package(PackageKind::Rpm, "bash", "2:5.1.8-9.el9");
        bash.arch = Some("x86_64".into());
        assert_eq!(
            bash.purl(Some(&distro("rocky", "9.4"))),
            "pkg:rpm/rocky/bash@5.1.8-9.el9?arch=x86_64&distro=rocky-9.4&epoch=2"
        );
        let mut musl = package(PackageKind::Apk, "musl", "1.2.5-r0");
        musl.arch = Some("x86_64".into());
        assert_eq!(
            musl.purl(Some(&distro("alpine", "3.20.3"))),
            "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3"
        );
        assert_eq!(musl.purl(None), "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64");
        for (kind, name, version, want) in [
            (PackageKind::Cargo, "serde", "1.0.200", "pkg:cargo/serde@1.0.200"),
            (
                PackageKind::Go,
                "github.com/sirupsen/logrus",
                "v1.9.3",
                "pkg:golang/github.com/sirupsen/logrus@v1.9.3",
            ),
            (
                PackageKind::Go,
                "stdlib",
                "go1.22.1",
                "pkg:golang/stdlib@go1.22.1",
            ),
            (
                PackageKind::Npm,
                "@Babel/Core",
                "7.24.0",
                "pkg:npm/%40babel/core@7.24.0",
            ),
            (
                PackageKind::Python,
                "Typing_Extensions",
                "4.12.2",
                "pkg:pypi/typing-extensions@4.12.2",
            ),
            (
                PackageKind::Maven,
                "org.apache.logging.log4j:log4j-core",
                "2.14.1",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
            ),
            (PackageKind::Gem, "rails", "7.1.3", "pkg:gem/rails@7.1.3"),
            (
                PackageKind::Composer,
                "Monolog/Monolog",
                "3.5.0",
                "pkg:composer/monolog/monolog@3.5.0",
            ),
            (
                PackageKind::NuGet,
                "Newtonsoft.Json",
                "13.0.3",
                "pkg:nuget/Newtonsoft.Json@13.0.3",
            ),
            (
                PackageKind::Npm,
                "odd name#1",
                "1.0.0 beta",
                "pkg:npm/odd%20name%231@1.0.0%20beta",
            ),
            (PackageKind::Cargo, "no-version", "", "pkg:cargo/no-version"),
        ] {
            assert_eq!(package(kind, name, version).purl(None), want);
        }
    }
}
