//! Java archives (`.jar`, `.war`, `.ear`, Jenkins `.jpi`/`.hpi`, and the other zip-based Java
//! packagings Syft reads), nested archives included.
//!
//! Every `META-INF/maven/<group>/<artifact>/pom.properties` in an archive is a Maven package
//! `group:artifact` at its version; a shaded (uber) jar has several. When none of them is the
//! archive itself (the file name is not its artifact and a version), `META-INF/MANIFEST.MF`
//! names it as Syft does: the artifact and version from the file name (`name-1.2.3.jar`), else
//! `Implementation-Title`/`Bundle-Name` and `Implementation-Version`/`Specification-Version`/
//! `Bundle-Version`; the group from `Implementation-Vendor-Id`, or from `Bundle-SymbolicName`
//! when that is `<group>.<artifact>`. Without a group the name is the artifact alone.
//!
//! Archives inside the archive (`WEB-INF/lib/*.jar` of a war, `BOOT-INF/lib/*.jar` of a Spring
//! Boot jar, the modules of an ear, or any other entry with a Java archive extension) are read
//! the same way; their packages' origin is the outer path, `!`, and the entry's path:
//! `/app/shop.war!/WEB-INF/lib/guava-32.1.2-jre.jar` (the notation of `jar:` URLs).
//!
//! Budgets. Zip's central directory is at the end, so an archive is read whole into memory, up
//! to [`ARCHIVE_MAX`] (256 MiB; Spring Boot fat jars are rarely over 150 MiB). A nested archive
//! stored uncompressed (as Spring Boot and most wars store theirs) is read in place; a compressed
//! one is inflated into memory, at most [`INFLATED_MAX`] each. Nesting stops at
//! [`DEPTH_MAX`] archives deep, and one walk opens at most [`WALK_MAX`] bytes of nested
//! archives and [`NESTED_COUNT_MAX`] of them, and no archive of over [`ENTRIES_MAX`] entries is
//! opened, so neither a zip bomb nor an archive whose entries
//! all point at the same data ("zip quine") can run long or exhaust memory. Peak memory is about
//! the outer archive plus `DEPTH_MAX` × `INFLATED_MAX`.

use std::io::{Cursor, Read};
use std::sync::Arc;

use palisade_core::{Origin, PackageKind};
use zip::{CompressionMethod, ZipArchive};

use super::java_manifest::{field, manifest_main, name_and_version_from_file, pom_properties};
use super::{file_name, package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct JavaArchive;

/// The largest archive read.
pub(crate) const ARCHIVE_MAX: u64 = 256 << 20;
/// The largest compressed nested archive inflated.
pub(crate) const INFLATED_MAX: u64 = 64 << 20;
/// How deep archives inside archives are read: the file itself is depth 0.
pub(crate) const DEPTH_MAX: usize = 4;
/// Bytes of nested archives opened in one walk, stored or inflated.
pub(crate) const WALK_MAX: u64 = 1 << 30;
/// Nested archives opened in one walk.
pub(crate) const NESTED_COUNT_MAX: usize = 10_000;
/// Entries of one archive: the zip reader keeps a record of each in memory (a few hundred bytes),
/// so an archive of nothing but central directory records must not be opened. The largest real
/// shaded jars have tens of thousands of entries.
pub(crate) const ENTRIES_MAX: usize = 200_000;
/// The largest manifest or `pom.properties` read.
const METADATA_MAX: u64 = 1 << 20;

const EXTENSIONS: &[&str] = &[
    "jar", "war", "ear", "jpi", "hpi", "par", "sar", "nar", "kar", "lpkg",
];

fn is_java_archive(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

impl Cataloger for JavaArchive {
    fn name(&self) -> &'static str {
        "java-archive"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        is_java_archive(file_name(path))
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(ARCHIVE_MAX)?;
        let mut walk = Walk {
            layer: file.origin().layer.clone(),
            cataloger: self.name(),
            opened: 0,
            nested: 0,
            first_error: None,
            out,
        };
        let path = file.path().to_string();
        walk.archive(&bytes, &path, 0)?;
        match walk.first_error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The state of one walk through an archive and the archives inside it.
struct Walk<'o> {
    layer: Option<Arc<str>>,
    cataloger: &'static str,
    /// Bytes of nested archives opened so far.
    opened: u64,
    /// Nested archives opened so far.
    nested: usize,
    /// The first nested archive that could not be read: reported once the walk ends, after
    /// everything else was found.
    first_error: Option<CatalogError>,
    out: &'o mut Vec<Found>,
}

fn zip_error(path: &str, e: &zip::result::ZipError) -> CatalogError {
    CatalogError::Malformed(format!("{path}: not a readable zip archive: {e}"))
}

impl Walk<'_> {
    fn archive(&mut self, bytes: &[u8], path: &str, depth: usize) -> Result<(), CatalogError> {
        if too_many_entries(bytes) {
            return Err(CatalogError::Malformed(format!(
                "{path}: more than {ENTRIES_MAX} entries: not read"
            )));
        }
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(path, &e))?;
        let mut manifest = None;
        let mut poms = Vec::new();
        let mut nested = Vec::new();
        for i in 0..zip.len() {
            let Some(name) = zip.name_for_index(i) else {
                continue;
            };
            if name.eq_ignore_ascii_case("META-INF/MANIFEST.MF") {
                manifest = Some(i);
            } else if name.starts_with("META-INF/maven/") && name.ends_with("/pom.properties") {
                poms.push(i);
            } else if is_java_archive(name) && !name.ends_with('/') {
                nested.push(i);
            }
        }
        let origin = Origin {
            layer: self.layer.clone(),
            path: Arc::from(path),
        };

        let mut own_artifact_found = false;
        let (file_artifact, file_version) = name_and_version_from_file(file_name(path));
        for i in poms {
            let Some(text) = small_entry(&mut zip, i, &mut self.opened) else {
                continue;
            };
            let Some((group, artifact, version)) = pom_properties(&text) else {
                continue;
            };
            own_artifact_found |= names_archive(&artifact, path);
            push(
                self.out,
                package(
                    PackageKind::Maven,
                    format!("{group}:{artifact}"),
                    &version,
                    Vec::new(),
                    &origin,
                    self.cataloger,
                ),
            );
        }
        if !own_artifact_found {
            if let Some(text) = manifest.and_then(|i| small_entry(&mut zip, i, &mut self.opened)) {
                let fields = manifest_main(&text);
                let artifact = Some(file_artifact)
                    .filter(|a| !a.is_empty())
                    .or_else(|| field(&fields, "Implementation-Title"))
                    .or_else(|| field(&fields, "Bundle-Name"));
                let version = file_version
                    .or_else(|| field(&fields, "Implementation-Version"))
                    .or_else(|| field(&fields, "Specification-Version"))
                    .or_else(|| field(&fields, "Bundle-Version"));
                if let (Some(artifact), Some(version)) = (artifact, version) {
                    let name = match group(&fields, artifact) {
                        Some(group) => format!("{group}:{artifact}"),
                        None => artifact.to_owned(),
                    };
                    push(
                        self.out,
                        package(
                            PackageKind::Maven,
                            &name,
                            version,
                            Vec::new(),
                            &origin,
                            self.cataloger,
                        ),
                    );
                }
            }
        }

        if depth >= DEPTH_MAX {
            return Ok(());
        }
        for i in nested {
            if self.nested >= NESTED_COUNT_MAX || self.opened >= WALK_MAX {
                self.note(CatalogError::Malformed(format!(
                    "{path}: more nested archives than palisade reads ({NESTED_COUNT_MAX} or {WALK_MAX} bytes): the rest were not read"
                )));
                return Ok(());
            }
            self.nested += 1;
            let Some(name) = zip.name_for_index(i).map(str::to_owned) else {
                continue;
            };
            let inner_path = format!("{path}!/{name}");
            match self.open(&mut zip, bytes, i, &inner_path) {
                Ok(Inner::InPlace(range)) => {
                    if let Err(e) = self.archive(&bytes[range], &inner_path, depth + 1) {
                        self.note(e);
                    }
                }
                Ok(Inner::Inflated(inner)) => {
                    if let Err(e) = self.archive(&inner, &inner_path, depth + 1) {
                        self.note(e);
                    }
                }
                Err(e) => self.note(e),
            }
        }
        Ok(())
    }

    fn note(&mut self, e: CatalogError) {
        self.first_error.get_or_insert(e);
    }

    /// The bytes of nested archive `i`: a range of `bytes` when stored, else inflated.
    fn open(
        &mut self,
        zip: &mut ZipArchive<Cursor<&[u8]>>,
        bytes: &[u8],
        i: usize,
        path: &str,
    ) -> Result<Inner, CatalogError> {
        let entry = zip.by_index(i).map_err(|e| zip_error(path, &e))?;
        let left = WALK_MAX.saturating_sub(self.opened);
        if entry.compression() == CompressionMethod::Stored {
            let start = entry.data_start().unwrap_or(u64::MAX);
            let len = entry.compressed_size();
            let end = start.saturating_add(len);
            if end > bytes.len() as u64 {
                return Err(CatalogError::Malformed(format!(
                    "{path}: the entry's data lies outside its archive"
                )));
            }
            self.opened += len;
            // In range of a slice's length, so both fit in usize.
            let (start, end) = (
                usize::try_from(start).unwrap_or(usize::MAX),
                usize::try_from(end).unwrap_or(usize::MAX),
            );
            return Ok(Inner::InPlace(start..end));
        }
        let cap = INFLATED_MAX.min(left);
        let mut inner = Vec::new();
        entry
            .take(cap + 1)
            .read_to_end(&mut inner)
            .map_err(|e| CatalogError::Malformed(format!("{path}: could not inflate: {e}")))?;
        self.opened += inner.len() as u64;
        if inner.len() as u64 > cap {
            return Err(CatalogError::TooLarge {
                size: inner.len() as u64,
                max: cap,
            });
        }
        Ok(Inner::Inflated(inner))
    }
}

enum Inner {
    InPlace(std::ops::Range<usize>),
    Inflated(Vec<u8>),
}

/// A manifest or `pom.properties`, when it inflates to at most [`METADATA_MAX`] bytes; what it
/// inflated counts towards the walk's bytes (`opened`), so thousands of metadata bombs stop too.
fn small_entry(zip: &mut ZipArchive<Cursor<&[u8]>>, i: usize, opened: &mut u64) -> Option<String> {
    if *opened >= WALK_MAX {
        return None;
    }
    let entry = zip.by_index(i).ok()?;
    let mut bytes = Vec::new();
    let read = entry.take(METADATA_MAX + 1).read_to_end(&mut bytes);
    *opened += bytes.len() as u64;
    read.ok()?;
    if bytes.len() as u64 > METADATA_MAX {
        return None;
    }
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether the zip reader could be made to keep more than [`ENTRIES_MAX`] entries. Without Zip64
/// an archive states at most 65 534 entries in its end record, and the reader parses no more. A
/// Zip64 archive (a 0xFFFF count, or a Zip64 locator before the end record) can claim any
/// number: then the central directory signatures of the whole file are counted, an upper bound
/// (stored nested archives' records count too) that only archives of over 65 535 entries meet.
fn too_many_entries(bytes: &[u8]) -> bool {
    let tail = bytes.len().saturating_sub(65_535 + 22);
    let Some(end) = memchr::memmem::rfind(&bytes[tail..], b"PK\x05\x06").map(|at| tail + at) else {
        return false; // not a zip: the reader says so
    };
    let count = bytes
        .get(end + 10..end + 12)
        .map(|c| u16::from_le_bytes([c[0], c[1]]));
    let zip64_locator = end >= 20 && bytes[end - 20..].starts_with(b"PK\x06\x07");
    if count.is_some_and(|c| c != 0xFFFF) && !zip64_locator {
        return false;
    }
    memchr::memmem::find_iter(bytes, b"PK\x01\x02")
        .nth(ENTRIES_MAX)
        .is_some()
}

/// Whether `artifact` is the archive at `path` itself: the file name is the artifact, `_` and `-`
/// alike, then a version or the extension (`geronimo-annotation-1.3-spec-1.3.jar` is
/// `geronimo-annotation_1.3_spec` 1.3; `wagon-http-shaded.jar` is not `wagon-http`).
fn names_archive(artifact: &str, path: &str) -> bool {
    let norm = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let file = norm(file_name(path));
    let artifact = norm(artifact);
    file.strip_prefix(&artifact).is_some_and(|rest| {
        rest.starts_with('.')
            || rest
                .strip_prefix('-')
                .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// The Maven group of an archive without `pom.properties`, from its manifest.
fn group<'m>(fields: &'m [(String, String)], artifact: &str) -> Option<&'m str> {
    let looks_like_group = |g: &&str| g.contains('.') && !g.contains(char::is_whitespace) && !g.contains(':');
    if let Some(g) = field(fields, "Implementation-Vendor-Id").filter(looks_like_group) {
        return Some(g);
    }
    let symbolic = field(fields, "Bundle-SymbolicName")?;
    let symbolic = symbolic.split(';').next().unwrap_or(symbolic).trim();
    symbolic
        .strip_suffix(artifact)
        .and_then(|g| g.strip_suffix('.'))
        .filter(looks_like_group)
}

#[cfg(test)]
mod tests {
    use super::names_archive;

    #[test]
    fn which_pom_properties_is_the_archive_itself() {
        // Debian's /usr/share/java: the pom spells with `_` what the file spells with `-`.
        assert!(names_archive(
            "error_prone_annotation",
            "/usr/share/java/error-prone-annotation-2.18.0.jar"
        ));
        assert!(names_archive("guava", "/lib/guava.jar"));
        assert!(names_archive("guava", "/lib/guava-32.1.2-jre.jar"));
        // A shaded jar carries the pom of what it shades, which is not the jar.
        assert!(!names_archive(
            "wagon-http",
            "/usr/share/java/wagon-http-shaded.jar"
        ));
        assert!(!names_archive("guava", "/lib/guavax-1.0.jar"));
    }
}
