//! Debian packages: dpkg's database `/var/lib/dpkg/status`, and distroless images' `status.d/`
//! (one stanza file per package, beside `.md5sums` files that are skipped). The file is read as
//! a stream of deb822 stanzas, one line at a time, so a status file of any size costs one line
//! and one package of memory.
//!
//! A package is reported when its files are on disk: the third word of `Status:` is
//! `installed`, `unpacked`, `half-configured`, `half-installed`, `triggers-awaited` or
//! `triggers-pending`, or there is no `Status:` at all (some distroless `status.d` writers omit
//! it). `config-files` (removed, configuration left: `rc` in `dpkg -l`) and `not-installed` are
//! not reported. Syft 1.18.1 reports every stanza whatever its status and later Syft drops those
//! whose wanted action is `deinstall`; on images without removed packages all three agree, and
//! where they differ palisade follows what is on disk, which is what a vulnerability needs.
//!
//! Licences are not read: Debian records them in `/usr/share/doc/<package>/copyright`, a
//! separate file (Syft reads it; palisade leaves `licenses` empty for dpkg packages).

use std::io::BufReader;

use palisade_core::{Package, PackageKind, SourcePackage};

use super::lines::Lines;
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct Dpkg;

const STATUS: &str = "/var/lib/dpkg/status";
const STATUS_D: &str = "/var/lib/dpkg/status.d/";

impl Cataloger for Dpkg {
    fn name(&self) -> &'static str {
        "dpkg"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        path == STATUS
            || path.strip_prefix(STATUS_D).is_some_and(|name| {
                !name.is_empty()
                    && !name.contains('/')
                    && !name.starts_with('.')
                    && !name.ends_with(".md5sums")
            })
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let origin = file.origin().clone();
        let mut lines = Lines::new(BufReader::with_capacity(64 * 1024, file.reader()));
        let mut stanza = Stanza::default();
        loop {
            let line = lines.next_line().map_err(CatalogError::Io)?;
            match line {
                None => {
                    stanza.finish(&origin, out);
                    return Ok(());
                }
                Some(line) if line.iter().all(u8::is_ascii_whitespace) => {
                    stanza.finish(&origin, out);
                }
                Some(line) => stanza.field(line),
            }
        }
    }
}

/// The fields of one stanza that palisade keeps.
#[derive(Default)]
struct Stanza {
    package: Option<String>,
    version: Option<String>,
    arch: Option<String>,
    source: Option<String>,
    status: Option<String>,
}

impl Stanza {
    fn field(&mut self, line: &[u8]) {
        // Continuation lines (multi-line fields such as Description or Conffiles) and comments
        // carry nothing palisade keeps.
        if line.starts_with(b" ") || line.starts_with(b"\t") || line.starts_with(b"#") {
            return;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return;
        };
        let name = &line[..colon];
        let slot = if name.eq_ignore_ascii_case(b"Package") {
            &mut self.package
        } else if name.eq_ignore_ascii_case(b"Version") {
            &mut self.version
        } else if name.eq_ignore_ascii_case(b"Architecture") {
            &mut self.arch
        } else if name.eq_ignore_ascii_case(b"Source") {
            &mut self.source
        } else if name.eq_ignore_ascii_case(b"Status") {
            &mut self.status
        } else {
            return;
        };
        let value = String::from_utf8_lossy(&line[colon + 1..]).trim().to_owned();
        *slot = Some(value);
    }

    /// Ends the stanza: pushes its package if it is one that is installed, and starts afresh.
    fn finish(&mut self, origin: &palisade_core::Origin, out: &mut Vec<Found>) {
        let stanza = std::mem::take(self);
        let (Some(name), Some(version)) = (stanza.package, stanza.version) else {
            return;
        };
        if name.is_empty() || version.is_empty() {
            return;
        }
        if stanza.status.as_deref().is_some_and(|s| !files_on_disk(s)) {
            return;
        }
        out.push(Found::Package(Package {
            source: stanza.source.as_deref().and_then(source_package),
            name,
            version,
            kind: PackageKind::Deb,
            arch: stanza.arch.filter(|a| !a.is_empty()),
            licenses: Vec::new(),
            origin: origin.clone(),
            cataloger: "dpkg",
        }));
    }
}

/// Whether a `Status:` value (`want flag state`, dpkg(1)) leaves the package's files installed.
fn files_on_disk(status: &str) -> bool {
    matches!(
        status.split_whitespace().nth(2),
        Some(
            "installed"
                | "unpacked"
                | "half-configured"
                | "half-installed"
                | "triggers-awaited"
                | "triggers-pending"
        )
    )
}

/// `Source: name` or `Source: name (version)`, the latter when the source version differs from
/// the binary package's (binNMUs, packages built from another source version).
fn source_package(value: &str) -> Option<SourcePackage> {
    let value = value.trim();
    let (name, rest) = match value.find(char::is_whitespace) {
        Some(i) => (&value[..i], value[i..].trim()),
        None => (value, ""),
    };
    if name.is_empty() {
        return None;
    }
    let version = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned);
    Some(SourcePackage {
        name: name.to_owned(),
        version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_d_takes_stanza_files_and_skips_checksums() {
        assert!(Dpkg.wants("/var/lib/dpkg/status"));
        assert!(Dpkg.wants("/var/lib/dpkg/status.d/libc6"));
        assert!(!Dpkg.wants("/var/lib/dpkg/status.d/libc6.md5sums"));
        assert!(!Dpkg.wants("/var/lib/dpkg/status.d/"));
        assert!(!Dpkg.wants("/var/lib/dpkg/status-old"));
        assert!(!Dpkg.wants("/var/lib/dpkg/status.d/x/y"));
    }

    #[test]
    fn source_names_their_version_only_when_it_is_given() {
        assert_eq!(
            source_package("glibc (2.36-9+deb12u4)"),
            Some(SourcePackage {
                name: "glibc".into(),
                version: Some("2.36-9+deb12u4".into())
            })
        );
        assert_eq!(
            source_package("zlib").unwrap(),
            SourcePackage {
                name: "zlib".into(),
                version: None
            }
        );
        assert_eq!(source_package("  "), None);
        assert!(files_on_disk("install ok installed"));
        assert!(files_on_disk("deinstall ok installed"));
        assert!(files_on_disk("install reinstreq half-installed"));
        assert!(!files_on_disk("deinstall ok config-files"));
        assert!(!files_on_disk("purge ok not-installed"));
        assert!(!files_on_disk("garbage"));
    }
}
