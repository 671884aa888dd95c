//! CycloneDX 1.6 JSON: the image as `metadata.component` (a container with its digest as an
//! `oci` PURL), palisade as the tool, the distribution as an `operating-system` component, every
//! package as a library with its PURL, licences and location, and the dependency tree
//! image → OS → OS packages, image → language packages.

use std::collections::HashSet;

use palisade_core::Package;
use serde_json::{Map, Value, json};

use super::license::{self, License};
use super::{SbomOptions, Subject};
use crate::Inventory;

pub(super) fn document(inventory: &Inventory, options: &SbomOptions) -> Value {
    let subject = Subject::of(inventory);
    let root_ref = subject.purl.clone().unwrap_or_else(|| "target".to_owned());
    let distro = inventory.distro.as_ref();

    let mut components = Vec::new();
    let mut refs = Refs::default();
    let os_ref = distro.map(|d| {
        let version = d.version_id.as_deref().unwrap_or_default();
        let bom_ref = refs.unique(format!("os:{}@{version}", d.id));
        let mut os = json!({"bom-ref": bom_ref, "type": "operating-system", "name": d.id});
        if !version.is_empty() {
            os["version"] = version.into();
        }
        if let Some(pretty) = &d.pretty_name {
            os["description"] = pretty.as_str().into();
        }
        let mut properties = Vec::new();
        if let Some(codename) = &d.codename {
            properties.push(property("palisade:distro:codename", codename));
        }
        for like in &d.id_like {
            properties.push(property("palisade:distro:id-like", like));
        }
        if !properties.is_empty() {
            os["properties"] = properties.into();
        }
        components.push(os);
        bom_ref
    });

    let mut os_packages = Vec::new();
    let mut other_packages = Vec::new();
    for package in super::sorted(inventory) {
        let purl = package.purl(distro);
        let bom_ref = refs.unique(purl.clone());
        components.push(component(package, &purl, &bom_ref, inventory));
        if package.kind.is_os() && os_ref.is_some() {
            os_packages.push(bom_ref);
        } else {
            other_packages.push(bom_ref);
        }
    }

    let mut root = json!({"bom-ref": root_ref, "name": subject.name});
    if inventory.image.is_some() {
        root["type"] = "container".into();
    } else {
        root["type"] = "file".into();
    }
    if let Some(version) = &subject.version {
        root["version"] = version.as_str().into();
        if let Some(hex) = version.strip_prefix("sha256:") {
            root["hashes"] = json!([{"alg": "SHA-256", "content": hex}]);
        }
    }
    if let Some(purl) = &subject.purl {
        root["purl"] = purl.as_str().into();
    }
    if let Some(image) = &inventory.image {
        let mut properties = vec![
            property("palisade:image:config-digest", &image.config_digest),
            property(
                "palisade:image:platform",
                &match &image.variant {
                    Some(v) => format!("{}/{}/{v}", image.os, image.architecture),
                    None => format!("{}/{}", image.os, image.architecture),
                },
            ),
        ];
        for (i, layer) in image.layers.iter().enumerate() {
            properties.push(property(&format!("palisade:image:layer:{i}"), &layer.digest));
        }
        root["properties"] = properties.into();
    }

    let mut dependencies = Vec::new();
    let mut root_deps: Vec<&str> = os_ref.iter().map(String::as_str).collect();
    root_deps.extend(other_packages.iter().map(String::as_str));
    dependencies.push(json!({"ref": root_ref, "dependsOn": root_deps}));
    if let Some(os_ref) = &os_ref {
        dependencies.push(json!({"ref": os_ref, "dependsOn": os_packages}));
    }

    json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": format!("urn:uuid:{}", options.uuid_string()),
        "version": 1,
        "metadata": {
            "timestamp": options.timestamp_string(),
            "tools": {"components": [{
                "type": "application",
                "name": "palisade",
                "version": options.tool_version,
            }]},
            "component": root,
        },
        "components": components,
        "dependencies": dependencies,
    })
}

/// bom-refs in use; a package found twice (two paths, two layers) gets its second ref
/// suffixed, since refs must be unique.
#[derive(Default)]
struct Refs(HashSet<String>);

impl Refs {
    fn unique(&mut self, wanted: String) -> String {
        if self.0.insert(wanted.clone()) {
            return wanted;
        }
        let mut candidate;
        let mut n = 1;
        loop {
            n += 1;
            candidate = format!("{wanted}#{n}");
            if self.0.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

fn component(package: &Package, purl: &str, bom_ref: &str, inventory: &Inventory) -> Value {
    let mut c = Map::new();
    c.insert("bom-ref".into(), bom_ref.into());
    c.insert("type".into(), "library".into());
    match package.name.split_once(':') {
        Some((group, artifact)) if package.kind == palisade_core::PackageKind::Maven => {
            c.insert("group".into(), group.into());
            c.insert("name".into(), artifact.into());
        }
        _ => {
            c.insert("name".into(), package.name.as_str().into());
        }
    }
    if !package.version.is_empty() {
        c.insert("version".into(), package.version.as_str().into());
    }
    c.insert("purl".into(), purl.into());
    let licenses = licenses(&package.licenses);
    if !licenses.is_empty() {
        c.insert("licenses".into(), licenses.into());
    }
    c.insert(
        "evidence".into(),
        json!({"occurrences": [{"location": package.origin.path.as_ref()}]}),
    );
    let mut properties = vec![
        property("palisade:package:type", package.kind.purl_type()),
        property("palisade:package:cataloger", package.cataloger),
    ];
    if let Some(arch) = &package.arch {
        properties.push(property("palisade:package:arch", arch));
    }
    if let Some(source) = &package.source {
        properties.push(property("palisade:package:source-name", &source.name));
        if let Some(version) = &source.version {
            properties.push(property("palisade:package:source-version", version));
        }
    }
    if let Some(layer) = &package.origin.layer {
        properties.push(property("palisade:location:layer", layer));
        let diff_id = inventory.image.as_ref().and_then(|image| {
            image
                .layers
                .iter()
                .find(|l| l.digest.as_str() == layer.as_ref())
                .map(|l| l.diff_id.as_str())
                .filter(|d| !d.is_empty())
        });
        if let Some(diff_id) = diff_id {
            properties.push(property("palisade:location:diff-id", diff_id));
        }
    }
    properties.push(property("palisade:location:path", &package.origin.path));
    c.insert("properties".into(), properties.into());
    Value::Object(c)
}

/// CycloneDX's `licenses`: a list of licences each by SPDX id or by name, or a single SPDX
/// expression (the schema allows no mix). Several licences combine into one expression (`AND`)
/// when one of them is an expression and all are valid SPDX; otherwise an expression that cannot
/// be combined is kept by name.
fn licenses(recorded: &[String]) -> Vec<Value> {
    let classified = license::classify(recorded);
    let has_expression = classified.iter().any(|l| matches!(l, License::Expression(_)));
    let all_spdx = classified.iter().all(|l| !matches!(l, License::Name(_)));
    if has_expression && all_spdx {
        let expression = if classified.len() == 1 {
            match classified[0] {
                License::Id(t) | License::Expression(t) | License::Name(t) => t.to_owned(),
            }
        } else {
            classified
                .iter()
                .map(|l| match l {
                    License::Id(t) => (*t).to_owned(),
                    License::Expression(t) | License::Name(t) => format!("({t})"),
                })
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        return vec![json!({"expression": expression})];
    }
    classified
        .iter()
        .map(|l| match l {
            License::Id(id) => json!({"license": {"id": id}}),
            License::Expression(t) | License::Name(t) => json!({"license": {"name": t}}),
        })
        .collect()
}

fn property(name: &str, value: &str) -> Value {
    json!({"name": name, "value": value})
}
