//! SPDX 2.3 JSON: the document describes one package for the image (or folder), which contains
//! a package for the distribution and one for every package found; each with its PURL as a
//! `PACKAGE-MANAGER` reference, its declared licence as an SPDX expression (free-form names as
//! `LicenseRef-` ids with their text in `hasExtractedLicensingInfos`, `NOASSERTION` when none is
//! recorded) and, in `sourceInfo`, the layer and path it was read from.

use std::collections::{BTreeMap, HashSet};

use palisade_core::Package;
use serde_json::{Value, json};

use super::license::{self, License};
use super::{SbomOptions, Subject};
use crate::Inventory;

pub(super) fn document(inventory: &Inventory, options: &SbomOptions) -> Value {
    let subject = Subject::of(inventory);
    let distro = inventory.distro.as_ref();
    let mut ids = Ids::default();
    let mut extracted: BTreeMap<String, String> = BTreeMap::new();
    let mut packages = Vec::new();
    let mut relationships = Vec::new();

    let root_id = ids.unique(&format!("SPDXRef-{}", sanitise(&subject.name)));
    let mut root = json!({
        "SPDXID": root_id,
        "name": subject.name,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "licenseConcluded": "NOASSERTION",
        "licenseDeclared": "NOASSERTION",
        "copyrightText": "NOASSERTION",
        "primaryPackagePurpose": root_purpose(inventory),
    });
    if let Some(version) = &subject.version {
        root["versionInfo"] = version.as_str().into();
        if let Some(hex) = version.strip_prefix("sha256:") {
            root["checksums"] = json!([{"algorithm": "SHA256", "checksumValue": hex}]);
        }
    }
    if let Some(purl) = &subject.purl {
        root["externalRefs"] = json!([purl_ref(purl)]);
    }
    packages.push(root);
    relationships.push(relationship("SPDXRef-DOCUMENT", "DESCRIBES", &root_id));

    if let Some(d) = distro {
        let id = ids.unique(&format!("SPDXRef-OperatingSystem-{}", sanitise(&d.id)));
        let mut os = json!({
            "SPDXID": id,
            "name": d.id,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "primaryPackagePurpose": "OPERATING_SYSTEM",
        });
        if let Some(v) = &d.version_id {
            os["versionInfo"] = v.as_str().into();
        }
        if let Some(pretty) = &d.pretty_name {
            os["description"] = pretty.as_str().into();
        }
        packages.push(os);
        relationships.push(relationship(&root_id, "CONTAINS", &id));
    }

    for package in super::sorted(inventory) {
        let id = ids.unique(&format!(
            "SPDXRef-Package-{}-{}-{}",
            package.kind.purl_type(),
            sanitise(&package.name),
            &super::package_hash(package)[..8]
        ));
        packages.push(spdx_package(package, &id, distro, &mut extracted));
        relationships.push(relationship(&root_id, "CONTAINS", &id));
    }

    let mut doc = json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": subject.name,
        "documentNamespace": format!(
            "https://palisade.dev/spdxdocs/{}-{}",
            sanitise(&subject.name),
            options.uuid_string()
        ),
        "creationInfo": {
            "created": options.timestamp_string(),
            "creators": [format!("Tool: palisade-{}", options.tool_version)],
            "licenseListVersion": license_list_version(),
        },
        "packages": packages,
        "relationships": relationships,
    });
    if !extracted.is_empty() {
        doc["hasExtractedLicensingInfos"] = extracted
            .into_iter()
            .map(|(id, text)| json!({"licenseId": id, "name": text, "extractedText": text}))
            .collect::<Vec<_>>()
            .into();
    }
    doc
}

fn spdx_package(
    package: &Package,
    id: &str,
    distro: Option<&palisade_core::Distro>,
    extracted: &mut BTreeMap<String, String>,
) -> Value {
    let mut p = json!({
        "SPDXID": id,
        "name": package.name,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "licenseConcluded": "NOASSERTION",
        "licenseDeclared": declared(&package.licenses, extracted),
        "copyrightText": "NOASSERTION",
        "sourceInfo": source_info(package),
        "externalRefs": [purl_ref(&package.purl(distro))],
        "primaryPackagePurpose": "LIBRARY",
    });
    if !package.version.is_empty() {
        p["versionInfo"] = package.version.as_str().into();
    }
    if let Some(source) = &package.source {
        let version = source.version.as_deref().unwrap_or(&package.version);
        p["comment"] = format!("source package {} {version}", source.name).into();
    }
    p
}

/// `licenseDeclared`: the recorded licences joined by `AND`, each a valid SPDX expression or a
/// `LicenseRef-` standing for a name; `NOASSERTION` when none is recorded.
fn declared(recorded: &[String], extracted: &mut BTreeMap<String, String>) -> String {
    let classified = license::classify(recorded);
    if classified.is_empty() {
        return "NOASSERTION".to_owned();
    }
    let single = classified.len() == 1;
    classified
        .iter()
        .map(|l| match l {
            License::Id(t) => (*t).to_owned(),
            License::Expression(t) if single => (*t).to_owned(),
            License::Expression(t) => format!("({t})"),
            License::Name(t) => {
                let id = license::license_ref(t);
                extracted.insert(id.clone(), (*t).to_owned());
                id
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Where the package was read from, for people.
fn source_info(package: &Package) -> String {
    let path = &package.origin.path;
    match &package.origin.layer {
        Some(layer) => format!(
            "found by the {} cataloger in layer {layer} at {path}",
            package.cataloger
        ),
        None => format!("found by the {} cataloger at {path}", package.cataloger),
    }
}

fn purl_ref(purl: &str) -> Value {
    json!({"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": purl})
}

fn relationship(from: &str, kind: &str, to: &str) -> Value {
    json!({"spdxElementId": from, "relationshipType": kind, "relatedSpdxElement": to})
}

/// SPDX ids allow letters, digits, `.` and `-` only.
fn sanitise(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    let clean = clean.trim_matches('-');
    if clean.is_empty() {
        "unnamed".to_owned()
    } else {
        clean.to_owned()
    }
}

/// `3.29` from the licence list version `3.29.0` palisade knows (SPDX wants `M.N`).
fn license_list_version() -> String {
    let full = ::spdx::license_version();
    let mut parts = full.split('.');
    match (parts.next(), parts.next()) {
        (Some(major), Some(minor)) => format!("{major}.{minor}"),
        _ => full.to_owned(),
    }
}

#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    fn unique(&mut self, wanted: &str) -> String {
        let mut candidate = wanted.to_owned();
        let mut n = 1;
        while !self.0.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{wanted}-{n}");
        }
        candidate
    }
}

/// An image is a container; a project folder is source; a root filesystem is none of SPDX's
/// named kinds.
fn root_purpose(inventory: &Inventory) -> &'static str {
    if inventory.image.is_some() {
        "CONTAINER"
    } else if inventory.target.starts_with("dir:") {
        "SOURCE"
    } else {
        "OTHER"
    }
}
