//! Red Hat, Fedora, SUSE and Amazon Linux packages: rpm's database, in whichever of its formats
//! the image has, told apart by content rather than by name:
//! - `rpmdb.sqlite` (rpm ≥ 4.16: RHEL 9, Fedora ≥ 33, Amazon Linux 2023): an SQLite database
//!   whose `Packages` table holds one header blob per package, read with SQLite from memory;
//! - `Packages` (rpm ≤ 4.15: RHEL/CentOS ≤ 8, Amazon Linux 2): a Berkeley DB hash database,
//!   read by [`bdb`] without Berkeley DB.
//!
//! - `Packages.db` (SUSE's "ndb", rpm ≥ 4.16 on SLES 15 and openSUSE), read by [`ndb`].
//!
//! Each header gives name, `[epoch:]version-release` (the epoch only when the package sets
//! one, as rpm and Syft print it), architecture, licence, and the source package named by its
//! source RPM's file name. `gpg-pubkey` entries are the keys rpm trusts, not packages, and are
//! skipped as Syft skips them.

pub(super) mod bdb;
pub(super) mod header;
pub(super) mod ndb;

use std::io::{Cursor, Read};

use palisade_core::{Origin, Package, PackageKind, SourcePackage};

use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

/// Largest database read. rpm databases of full RHEL installs are tens of megabytes.
const MAX_SIZE: u64 = 512 * 1024 * 1024;

const DIRS: &[&str] = &["/var/lib/rpm/", "/usr/lib/sysimage/rpm/", "/usr/share/rpm/"];
const FILES: &[&str] = &["Packages", "rpmdb.sqlite", "Packages.db"];

pub(crate) struct Rpm;

impl Cataloger for Rpm {
    fn name(&self) -> &'static str {
        "rpm"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        DIRS.iter()
            .any(|dir| path.strip_prefix(dir).is_some_and(|name| FILES.contains(&name)))
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let origin = file.origin().clone();
        if file.size() > MAX_SIZE {
            return Err(CatalogError::TooLarge {
                size: file.size(),
                max: MAX_SIZE,
            });
        }
        let mut head = Vec::with_capacity(100);
        file.reader()
            .take(100)
            .read_to_end(&mut head)
            .map_err(CatalogError::Io)?;
        let mut each = |blob: &[u8]| match header::parse(blob) {
            Ok(h) => {
                if let Some(p) = package(h, &origin) {
                    out.push(Found::Package(p));
                }
                true
            }
            Err(_) => false,
        };
        let bad = if head.starts_with(b"SQLite format 3\0") {
            sqlite(file, head, &mut each)?
        } else if bdb::is_hash_db(&head) {
            let bytes = read_rest(file, head)?;
            let mut bad = 0usize;
            bdb::for_each_value(&bytes, |blob| {
                // Values too short for a header are rpm's own bookkeeping, not packages.
                if blob.len() >= 16 && !each(blob) {
                    bad += 1;
                }
            })
            .map_err(|e| CatalogError::Malformed(format!("Berkeley DB: {}", e.0)))?;
            bad
        } else if ndb::is_ndb(&head) {
            let bytes = read_rest(file, head)?;
            let mut bad = 0usize;
            let unreadable = ndb::for_each_blob(&bytes, |blob| {
                if !each(blob) {
                    bad += 1;
                }
            })
            .map_err(|e| CatalogError::Malformed(format!("ndb: {}", e.0)))?;
            bad + unreadable
        } else {
            return Err(CatalogError::Malformed(
                "neither an SQLite nor a Berkeley DB rpm database".into(),
            ));
        };
        if bad > 0 {
            return Err(CatalogError::Malformed(format!(
                "{bad} package header(s) could not be read"
            )));
        }
        Ok(())
    }
}

/// The whole file, whose first bytes `head` were already read; refused over [`MAX_SIZE`].
fn read_rest(file: &mut FileInput<'_>, mut bytes: Vec<u8>) -> Result<Vec<u8>, CatalogError> {
    file.reader()
        .take(MAX_SIZE - bytes.len() as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(CatalogError::Io)?;
    if bytes.len() as u64 > MAX_SIZE {
        return Err(CatalogError::TooLarge {
            size: bytes.len() as u64,
            max: MAX_SIZE,
        });
    }
    Ok(bytes)
}

/// Reads the `Packages` table of an SQLite rpm database, the first bytes of which are `head`;
/// returns how many blobs were not readable headers.
fn sqlite(
    file: &mut FileInput<'_>,
    mut head: Vec<u8>,
    each: &mut dyn FnMut(&[u8]) -> bool,
) -> Result<usize, CatalogError> {
    let malformed = |e: rusqlite::Error| CatalogError::Malformed(format!("SQLite: {e}"));
    let size = usize::try_from(file.size()).map_err(|_| CatalogError::TooLarge {
        size: file.size(),
        max: MAX_SIZE,
    })?;
    if size < head.len() {
        return Err(CatalogError::Malformed("SQLite: truncated".into()));
    }
    // rpm writes its database in WAL mode (header bytes 18 and 19 are 2), which a database in
    // memory cannot use; the rollback-journal mode (1) reads the same pages. A `-wal` file beside
    // it, left by a crashed rpm, would hold changes this does not see.
    if head.get(18..20) == Some(&[2, 2]) {
        head[18] = 1;
        head[19] = 1;
    }
    let mut db = rusqlite::Connection::open_in_memory().map_err(malformed)?;
    let reader = Cursor::new(head).chain(file.reader());
    db.deserialize_read_exact(rusqlite::MAIN_DB, reader, size, true)
        .map_err(malformed)?;
    // A view or trigger named `Packages` could make reading it arbitrarily slow; only a plain
    // table is read.
    let kind: String = db
        .query_row(
            "SELECT type FROM sqlite_master WHERE name = 'Packages'",
            [],
            |row| row.get(0),
        )
        .map_err(malformed)?;
    if kind != "table" {
        return Err(CatalogError::Malformed("SQLite: Packages is not a table".into()));
    }
    let mut statement = db.prepare("SELECT blob FROM Packages").map_err(malformed)?;
    let mut rows = statement.query([]).map_err(malformed)?;
    let mut bad = 0;
    while let Some(row) = rows.next().map_err(malformed)? {
        match row.get_ref(0).map_err(malformed)?.as_blob() {
            Ok(blob) if each(blob) => {}
            _ => bad += 1,
        }
    }
    Ok(bad)
}

fn package(h: header::Header, origin: &Origin) -> Option<Package> {
    if h.name == "gpg-pubkey" || h.version.is_empty() {
        return None;
    }
    let version_release = if h.release.is_empty() {
        h.version.clone()
    } else {
        format!("{}-{}", h.version, h.release)
    };
    let source = h
        .source_rpm
        .as_deref()
        .and_then(|s| source_package(s, &version_release));
    let version = match h.epoch {
        Some(epoch) => format!("{epoch}:{version_release}"),
        None => version_release,
    };
    Some(Package {
        name: h.name,
        version,
        kind: PackageKind::Rpm,
        arch: h.arch.filter(|a| !a.is_empty()),
        source,
        licenses: h.license.filter(|l| !l.is_empty()).into_iter().collect(),
        origin: origin.clone(),
        cataloger: "rpm",
    })
}

/// The source package named by a source RPM's file name (`name-version-release.src.rpm`); its
/// version only when it is not the binary package's `version-release`.
fn source_package(file: &str, binary_version: &str) -> Option<SourcePackage> {
    let stem = file
        .strip_suffix(".src.rpm")
        .or_else(|| file.strip_suffix(".nosrc.rpm"))?;
    let (rest, release) = stem.rsplit_once('-')?;
    let (name, version) = rest.rsplit_once('-')?;
    if name.is_empty() || version.is_empty() || release.is_empty() {
        return None;
    }
    let source_version = format!("{version}-{release}");
    Some(SourcePackage {
        name: name.to_owned(),
        version: (source_version != binary_version).then_some(source_version),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_rpm_names_split_into_name_and_version() {
        assert_eq!(
            source_package("bash-5.1.8-6.el9.src.rpm", "5.1.8-6.el9"),
            Some(SourcePackage {
                name: "bash".into(),
                version: None
            })
        );
        assert_eq!(
            source_package("python-urllib3-1.26.5-3.el9.src.rpm", "1.26.5-3.el9")
                .unwrap()
                .name,
            "python-urllib3"
        );
        assert_eq!(
            source_package("openssl-3.0.7-27.el9.src.rpm", "3.0.7-28.el9").unwrap(),
            SourcePackage {
                name: "openssl".into(),
                version: Some("3.0.7-27.el9".into())
            }
        );
        assert_eq!(source_package("weird.src.rpm", "1"), None);
        assert_eq!(source_package("a-1-2.rpm", "1-2"), None);
        assert!(Rpm.wants("/usr/lib/sysimage/rpm/rpmdb.sqlite"));
        assert!(Rpm.wants("/var/lib/rpm/Packages"));
        assert!(!Rpm.wants("/var/lib/rpm/Name"));
    }
}
