//! Installed Python distributions: `*.dist-info/METADATA` (wheels, pip), `*.egg-info/PKG-INFO`
//! and bare `*.egg-info` files (setuptools, distro packages).
//!
//! Both are the core metadata format (PEP 241/314/345/566/643): RFC 822-style headers, then an
//! optional body (the long description) after the first blank line, which is never read. A
//! header continues on lines that start with whitespace (multi-line `License:` texts do).

use palisade_core::PackageKind;

use super::{LOCKFILE_MAX, package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct PythonMetadata;

impl Cataloger for PythonMetadata {
    fn name(&self) -> &'static str {
        "python-installed"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        // Like Syft: `*dist-info/METADATA`, `*egg-info/PKG-INFO` and a plain `*.egg-info` file
        // (a directory of that name never reaches a cataloger; only files do).
        let lower_end = |suffix: &str| {
            path.len() >= suffix.len()
                && path.is_char_boundary(path.len() - suffix.len())
                && path[path.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        lower_end("dist-info/METADATA") || lower_end("egg-info/PKG-INFO") || lower_end(".egg-info")
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        // Only the headers matter; descriptions can be long, but not this long.
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let text = String::from_utf8_lossy(&bytes);
        let meta = Metadata::parse(&text);
        let (Some(name), Some(version)) = (meta.name, meta.version) else {
            return Err(CatalogError::Malformed(
                "no Name or Version header: not Python package metadata".into(),
            ));
        };
        push(
            out,
            package(
                PackageKind::Python,
                &name,
                &version,
                meta.licenses,
                file.origin(),
                self.name(),
            ),
        );
        Ok(())
    }
}

/// What palisade keeps of a metadata file.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    pub(crate) name: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) licenses: Vec<String>,
}

impl Metadata {
    pub(crate) fn parse(text: &str) -> Metadata {
        let mut fields: Vec<(&str, String)> = Vec::new();
        for line in text.lines() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                break; // the body starts
            }
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = fields.last_mut() {
                    value.push('\n');
                    value.push_str(line.trim());
                }
                continue;
            }
            if let Some((key, value)) = line.split_once(':') {
                fields.push((key.trim(), value.trim().to_owned()));
            }
        }
        let field = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.as_str())
                .filter(|v| !v.is_empty())
        };
        Metadata {
            name: field("Name").map(str::to_owned),
            version: field("Version").map(str::to_owned),
            licenses: licenses(&fields),
        }
    }
}

/// The licence, by what states it best: `License-Expression` (PEP 639, SPDX), else a short
/// `License` (a whole licence text pasted there is not a name), else the `License ::`
/// classifiers' last segments (`MIT License`).
fn licenses(fields: &[(&str, String)]) -> Vec<String> {
    let get = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty() && !v.eq_ignore_ascii_case("UNKNOWN"))
    };
    if let Some(expr) = get("License-Expression") {
        return vec![expr.to_owned()];
    }
    if let Some(license) = get("License").filter(|l| !l.contains('\n') && l.len() <= 100) {
        return vec![license.to_owned()];
    }
    fields
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("Classifier"))
        .filter_map(|(_, v)| v.strip_prefix("License ::"))
        .filter_map(|v| v.rsplit("::").next())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty() && v != "OSI Approved")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_stop_at_the_body_and_continue_on_indented_lines() {
        let m = Metadata::parse(
            "Metadata-Version: 2.1\nName: Flask-Cors\nVersion: 4.0.1\nLicense: Copyright (c)\n        all rights\nClassifier: License :: OSI Approved :: MIT License\n\nName: not-this\n",
        );
        assert_eq!(m.name.as_deref(), Some("Flask-Cors"));
        assert_eq!(m.version.as_deref(), Some("4.0.1"));
        // A multi-line License is a text, not a name: the classifier names the licence.
        assert_eq!(m.licenses, ["MIT License"]);
    }

    #[test]
    fn license_expression_wins() {
        let m = Metadata::parse("Name: a\nVersion: 1\nLicense: BSD\nLicense-Expression: MIT OR Apache-2.0\n");
        assert_eq!(m.licenses, ["MIT OR Apache-2.0"]);
        let m = Metadata::parse("Name: a\nVersion: 1\nLicense: UNKNOWN\n");
        assert!(m.licenses.is_empty());
    }

    #[test]
    fn paths_it_reads() {
        let c = PythonMetadata;
        assert!(c.wants("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA"));
        assert!(c.wants("/usr/lib/python3/dist-packages/pkg.egg-info/PKG-INFO"));
        assert!(c.wants("/usr/lib/python3/dist-packages/distro-1.8.0.egg-info"));
        assert!(!c.wants("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/RECORD"));
        assert!(!c.wants("/METADATA"));
    }
}
