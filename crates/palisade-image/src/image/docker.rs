//! `docker save` archives. Docker 25 and later write an OCI layout inside the archive (read as
//! such when its `index.json` leads to the same configuration); older Docker, Podman and skopeo
//! write only `manifest.json`, whose layer files are named by their uncompressed digest or by a
//! legacy layer id, and are checked against the configuration's `diff_ids`.

use std::sync::Arc;

use super::blobs::{Store, sha256_digest};
use super::layer::Verify;
use super::spec::{Config, DockerEntry};
use super::{ImageError, MAX_CONFIG, MAX_MANIFEST, Plan, PlannedLayer, image_info, oci, parse_json};
use crate::Platform;
use crate::inventory::Layer;

/// The media type of layers listed only by `manifest.json`.
const LEGACY_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";

pub(crate) fn plan(store: &Store, platform: Option<&Platform>) -> Result<Plan, ImageError> {
    let place = store.describe();
    if !store.has("manifest.json") {
        if store.has("index.json") {
            return oci::plan_layout(store, None, platform);
        }
        return Err(ImageError::Invalid {
            path: place,
            what: "not a docker-archive: it has no manifest.json".into(),
        });
    }
    let entries: Vec<DockerEntry> = parse_json(
        &store.read_small("manifest.json", MAX_MANIFEST)?,
        &place,
        "manifest.json",
    )?;
    // `docker save a b` holds several images; the first is read, as Syft does.
    let Some(entry) = entries.into_iter().next() else {
        return Err(ImageError::Invalid {
            path: place,
            what: "manifest.json lists no image".into(),
        });
    };
    let config_body = store.read_small(&entry.config, MAX_CONFIG)?;
    let actual = sha256_digest(&config_body);
    let config_digest = match named_digest(&entry.config) {
        Some(named) if named != actual => {
            return Err(ImageError::DigestMismatch {
                what: "image configuration",
                expected: named,
                actual,
            });
        }
        _ => actual,
    };
    if store.has("index.json") {
        if let Ok(plan) = oci::plan_layout(store, None, platform) {
            if plan.info.config_digest == config_digest {
                return Ok(plan);
            }
        }
    }
    let config: Config = parse_json(&config_body, &place, "image configuration")?;
    oci::check_platform(&config, platform, &place)?;
    let diff_ids = config
        .rootfs
        .as_ref()
        .map(|r| r.diff_ids.clone())
        .unwrap_or_default();
    let mut layers = Vec::new();
    let mut planned = Vec::new();
    for (i, rel) in entry.layers.iter().enumerate() {
        let diff_id = diff_ids.get(i).cloned().unwrap_or_default();
        let (digest, verify) = match rel.strip_prefix("blobs/").and_then(named_digest) {
            Some(stored) => (stored.clone(), Verify::Stored(stored)),
            None if diff_id.is_empty() => {
                return Err(ImageError::Invalid {
                    path: place,
                    what: format!("layer {rel} has no diff_id in the configuration to check it against"),
                });
            }
            // The layer is named by what it is uncompressed (the diff_id), as `docker inspect`
            // lists it.
            None => (diff_id.clone(), Verify::Uncompressed(diff_id.clone())),
        };
        let size = store.open(rel).map_or(0, |(_, size)| size);
        layers.push(Layer {
            digest: digest.clone(),
            diff_id,
            media_type: LEGACY_LAYER.into(),
            size,
        });
        planned.push(PlannedLayer {
            rel: rel.clone(),
            digest: Arc::from(digest),
            verify,
        });
    }
    let reference = entry.repo_tags.and_then(|t| t.into_iter().next());
    Ok(Plan {
        info: image_info(&config, String::new(), config_digest, reference, layers),
        layers: planned,
    })
}

/// The digest a file name states: `sha256/<hex>`, `<hex>.json`, `<hex>.tar`.
fn named_digest(rel: &str) -> Option<String> {
    let base = rel.rsplit('/').next()?;
    let hex = base
        .strip_suffix(".json")
        .or_else(|| base.strip_suffix(".tar"))
        .unwrap_or(base);
    let algo_ok = rel.contains("sha256/") || base != hex;
    (algo_ok
        && hex.len() == 64
        && hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
    .then(|| format!("sha256:{hex}"))
}
