//! SBOM documents for an [`Inventory`]: CycloneDX 1.6 JSON, SPDX 2.3 JSON, palisade's own JSON
//! (`palisade.sbom/v1`) and a table for terminals.
//!
//! Every document is deterministic for a given inventory and [`SbomOptions`]: packages are sorted
//! (OS packages first, then by kind, name, version and place), and the only varying parts, the
//! creation time and the document's UUID, come from the options, so tests can fix them.
//!
//! Where a package came from is said in each format's own terms: CycloneDX `evidence.occurrences`
//! and the properties `palisade:location:layer`, `palisade:location:diff-id` and
//! `palisade:location:path` (with `palisade:package:type`, `palisade:package:cataloger`,
//! `palisade:package:arch`, `palisade:package:source-name`, `palisade:package:source-version`);
//! SPDX `sourceInfo`.

mod cyclonedx;
mod json;
mod license;
mod spdx;
mod table;

use std::io;
use std::str::FromStr;

use palisade_core::{Lang, Package};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::Inventory;

/// The SBOM formats `palisade sbom --format` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SbomFormat {
    CycloneDxJson,
    SpdxJson,
    Json,
    Table,
}

impl SbomFormat {
    pub const ALL: [SbomFormat; 4] = [
        SbomFormat::CycloneDxJson,
        SbomFormat::SpdxJson,
        SbomFormat::Json,
        SbomFormat::Table,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SbomFormat::CycloneDxJson => "cyclonedx-json",
            SbomFormat::SpdxJson => "spdx-json",
            SbomFormat::Json => "json",
            SbomFormat::Table => "table",
        }
    }
}

impl FromStr for SbomFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<SbomFormat, String> {
        match s.to_ascii_lowercase().as_str() {
            "cyclonedx-json" | "cyclonedx" => Ok(SbomFormat::CycloneDxJson),
            "spdx-json" | "spdx" => Ok(SbomFormat::SpdxJson),
            "json" => Ok(SbomFormat::Json),
            "table" => Ok(SbomFormat::Table),
            other => Err(format!(
                "unknown SBOM format `{other}` (expected cyclonedx-json, spdx-json, json or table)"
            )),
        }
    }
}

/// What a document says about its own making.
#[derive(Clone, Debug)]
pub struct SbomOptions {
    /// palisade's version, named as the tool that wrote the document.
    pub tool_version: String,
    /// When the document was made (whole seconds, UTC).
    pub timestamp: OffsetDateTime,
    /// The document's identity: CycloneDX `serialNumber`, part of SPDX `documentNamespace`.
    pub uuid: [u8; 16],
    /// Language of the table's headings.
    pub lang: Lang,
}

impl SbomOptions {
    /// Options for a document made now, with a fresh random (version 4) UUID.
    pub fn now(tool_version: &str, lang: Lang) -> SbomOptions {
        let timestamp = OffsetDateTime::now_utc();
        // Unique per run without a random-number dependency: the time to the nanosecond, the
        // process, and an address of this run's stack.
        let marker = 0u8;
        let seed = format!(
            "{}:{}:{:p}",
            timestamp.unix_timestamp_nanos(),
            std::process::id(),
            &raw const marker
        );
        let digest = Sha256::digest(seed.as_bytes());
        let mut uuid = [0u8; 16];
        uuid.copy_from_slice(&digest[..16]);
        uuid[6] = (uuid[6] & 0x0f) | 0x40;
        uuid[8] = (uuid[8] & 0x3f) | 0x80;
        SbomOptions {
            tool_version: tool_version.to_owned(),
            timestamp,
            uuid,
            lang,
        }
    }

    /// The UUID in its usual form, `8-4-4-4-12` lower-case hex.
    pub fn uuid_string(&self) -> String {
        let hex = hex(&self.uuid);
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    }

    /// The creation time as both formats want it: `2024-05-01T12:00:00Z`.
    pub fn timestamp_string(&self) -> String {
        let t = self.timestamp.to_offset(time::UtcOffset::UTC);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

/// Writes `inventory` as `format`.
pub fn write_sbom(
    inventory: &Inventory,
    format: SbomFormat,
    options: &SbomOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        SbomFormat::CycloneDxJson => write_json(out, &cyclonedx::document(inventory, options)),
        SbomFormat::SpdxJson => write_json(out, &spdx::document(inventory, options)),
        SbomFormat::Json => write_json(out, &json::document(inventory, options)),
        SbomFormat::Table => table::write(inventory, options, out),
    }
}

fn write_json(out: &mut dyn io::Write, doc: &serde_json::Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    writeln!(out)
}

/// The inventory's packages in document order: OS packages first, then by kind, name, version
/// and where they were found.
pub(crate) fn sorted(inventory: &Inventory) -> Vec<&Package> {
    let mut packages: Vec<&Package> = inventory.packages.iter().collect();
    packages.sort_by(|a, b| {
        (!a.kind.is_os(), a.kind, &a.name, &a.version, &a.origin, &a.arch).cmp(&(
            !b.kind.is_os(),
            b.kind,
            &b.name,
            &b.version,
            &b.origin,
            &b.arch,
        ))
    });
    packages
}

/// Lower-case hex SHA-256 of the parts, each followed by a NUL.
pub(crate) fn short_hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex(&hasher.finalize()[..8])
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// A package's identity within one document, stable across runs.
pub(crate) fn package_hash(p: &Package) -> String {
    short_hash(&[
        p.kind.purl_type(),
        &p.name,
        &p.version,
        p.arch.as_deref().unwrap_or_default(),
        p.origin.layer.as_deref().unwrap_or_default(),
        &p.origin.path,
    ])
}

/// What the document describes: the image, or the folder or root filesystem.
pub(crate) struct Subject {
    /// `debian-test`, or the folder's path.
    pub(crate) name: String,
    /// The manifest digest of an image.
    pub(crate) version: Option<String>,
    /// `pkg:oci/…` for an image.
    pub(crate) purl: Option<String>,
}

impl Subject {
    pub(crate) fn of(inventory: &Inventory) -> Subject {
        let Some(image) = &inventory.image else {
            let name = ["rootfs:", "dir:"]
                .iter()
                .find_map(|scheme| inventory.target.strip_prefix(scheme))
                .unwrap_or(&inventory.target);
            return Subject {
                name: name.to_owned(),
                version: None,
                purl: None,
            };
        };
        let (repository, tag) = match &image.reference {
            Some(reference) => split_reference(reference),
            None => (image_name_of_target(&inventory.target), None),
        };
        let name = repository
            .rsplit('/')
            .next()
            .unwrap_or(&repository)
            .to_lowercase();
        let name = if name.is_empty() { "image".to_owned() } else { name };
        let digest = Some(image.manifest_digest.clone()).filter(|d| !d.is_empty());
        let mut qualifiers: Vec<(&str, &str)> = vec![("arch", image.architecture.as_str())];
        // A repository URL only where the reference names more than the image's bare name.
        if repository.contains('/') {
            qualifiers.push(("repository_url", repository.as_str()));
        }
        if let Some(tag) = &tag {
            qualifiers.push(("tag", tag.as_str()));
        }
        let purl = palisade_core::purl("oci", None, &name, digest.as_deref(), &qualifiers);
        Subject {
            name: image.reference.clone().unwrap_or(name),
            version: digest,
            purl: Some(purl),
        }
    }
}

/// `host:5000/team/app:1.2@sha256:…` → (`host:5000/team/app`, `1.2`).
fn split_reference(reference: &str) -> (String, Option<String>) {
    let without_digest = reference.split('@').next().unwrap_or(reference);
    let slash = without_digest.rfind('/').map_or(0, |i| i + 1);
    match without_digest[slash..].rfind(':') {
        Some(colon) => (
            without_digest[..slash + colon].to_owned(),
            Some(without_digest[slash + colon + 1..].to_owned()),
        ),
        None => (without_digest.to_owned(), None),
    }
}

/// An image's name when its reference is unknown: the archive's or layout's file name.
fn image_name_of_target(target: &str) -> String {
    let path = target.split_once(':').map_or(target, |(_, rest)| rest);
    let path = path.trim_end_matches('/');
    let file = path.rsplit('/').next().unwrap_or(path);
    file.trim_end_matches(".tar").to_owned()
}

#[cfg(test)]
pub(crate) mod tests;
