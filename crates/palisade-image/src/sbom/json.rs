//! palisade's own SBOM, `palisade.sbom/v1`: the inventory as it is, each package with its PURL
//! and OSV ecosystem added, so scripts need not compute them.

use serde_json::{Value, json};

use super::SbomOptions;
use crate::Inventory;

pub(super) fn document(inventory: &Inventory, options: &SbomOptions) -> Value {
    let distro = inventory.distro.as_ref();
    let packages: Vec<Value> = super::sorted(inventory)
        .into_iter()
        .map(|p| {
            let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
            v["purl"] = p.purl(distro).into();
            if let Some(ecosystem) = p.osv_ecosystem(distro) {
                v["ecosystem"] = ecosystem.into();
            }
            v
        })
        .collect();
    let mut doc = json!({
        "schema": "palisade.sbom/v1",
        "tool": {"name": "palisade", "version": options.tool_version},
        "created": options.timestamp_string(),
        "target": inventory.target,
    });
    if let Some(image) = &inventory.image {
        doc["image"] = serde_json::to_value(image).unwrap_or(Value::Null);
    }
    if let Some(distro) = distro {
        doc["distro"] = serde_json::to_value(distro).unwrap_or(Value::Null);
    }
    doc["packages"] = packages.into();
    doc
}
