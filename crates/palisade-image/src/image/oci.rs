//! OCI image layouts (a folder or an `oci-archive`): the index picks an image by its
//! `org.opencontainers.image.ref.name` tag, nested indexes by platform, down to one manifest;
//! the manifest and configuration give the layers and the image's settings.

use std::sync::Arc;

use super::blobs::{Store, blob_path};
use super::layer::Verify;
use super::spec::{self, Config, Descriptor, Index, Manifest};
use super::{ImageError, MAX_CONFIG, MAX_MANIFEST, Plan, PlannedLayer, image_info, parse_json};
use crate::Platform;
use crate::inventory::Layer;

/// How deep indexes may nest (real images use one level, attestation indexes two).
const MAX_DEPTH: usize = 4;

/// Picks the image of a layout (`index.json` and `blobs/`).
pub(crate) fn plan_layout(
    store: &Store,
    tag: Option<&str>,
    platform: Option<&Platform>,
) -> Result<Plan, ImageError> {
    let place = store.describe();
    let index: Index = parse_json(
        &store.read_small("index.json", MAX_MANIFEST)?,
        &place,
        "image index",
    )?;
    let named = |d: &Descriptor| d.annotations.get(spec::REF_NAME).cloned();
    let tags = || {
        let mut tags: Vec<String> = index.manifests.iter().filter_map(named).collect();
        tags.sort();
        tags.dedup();
        if tags.is_empty() {
            "none".to_owned()
        } else {
            tags.join(", ")
        }
    };
    #[allow(clippy::single_match_else)]
    let candidates: Vec<Descriptor> = match tag {
        Some(tag) => {
            // Layouts written by skopeo name images `name:tag` as often as `tag`.
            let picked: Vec<Descriptor> = index
                .manifests
                .iter()
                .filter(|d| {
                    named(d).is_some_and(|n| n == tag || n.rsplit_once(':').is_some_and(|(_, t)| t == tag))
                })
                .cloned()
                .collect();
            if picked.is_empty() {
                return Err(ImageError::NoSuchTag {
                    place,
                    tag: tag.to_owned(),
                    present: tags(),
                });
            }
            picked
        }
        None => {
            let mut names: Vec<String> = index.manifests.iter().filter_map(named).collect();
            names.sort();
            names.dedup();
            if names.len() > 1 {
                return Err(ImageError::SeveralImages {
                    place,
                    present: names.join(", "),
                });
            }
            index.manifests.clone()
        }
    };
    let reference = tag
        .map(str::to_owned)
        .or_else(|| candidates.first().and_then(named));
    let manifest = resolve(store, "blobs/", &candidates, platform, &place, 0)?;
    plan_manifest(store, "blobs/", &manifest, reference.as_deref(), platform)
}

/// From a set of descriptors (an index's entries) down to one manifest digest.
fn resolve(
    store: &Store,
    prefix: &str,
    candidates: &[Descriptor],
    platform: Option<&Platform>,
    place: &str,
    depth: usize,
) -> Result<String, ImageError> {
    if depth > MAX_DEPTH {
        return Err(ImageError::TooDeep {
            place: place.to_owned(),
            max: MAX_DEPTH,
        });
    }
    let chosen = if candidates.len() == 1 {
        candidates[0].clone()
    } else {
        pick_platform(candidates, platform, place)?
    };
    let body = store.read_blob(prefix, &chosen.digest, "image index or manifest", MAX_MANIFEST)?;
    let value: serde_json::Value = parse_json(&body, place, "image index or manifest")?;
    if spec::is_index(&chosen.media_type, &value) || spec::is_index("", &value) {
        let index: Index = parse_json(&body, place, "image index")?;
        if index.manifests.is_empty() {
            return Err(ImageError::Invalid {
                path: place.to_owned(),
                what: format!("the image index {} lists no images", chosen.digest),
            });
        }
        // Inside an index, even a single entry must be for the right platform.
        let inner = if index.manifests.len() == 1 && index.manifests[0].platform.is_none() {
            index.manifests
        } else {
            vec![pick_platform(&index.manifests, platform, place)?]
        };
        return resolve(store, prefix, &inner, platform, place, depth + 1);
    }
    Ok(chosen.digest)
}

fn pick_platform(
    candidates: &[Descriptor],
    platform: Option<&Platform>,
    place: &str,
) -> Result<Descriptor, ImageError> {
    let wanted = platform.cloned().unwrap_or_else(Platform::host);
    let found = candidates.iter().find(|d| {
        d.platform
            .as_ref()
            .is_some_and(|p| wanted.matches(&p.os, &p.architecture, p.variant.as_deref()))
    });
    if let Some(d) = found {
        return Ok(d.clone());
    }
    // Attestation manifests are listed as `unknown/unknown`; they are not images.
    let mut present: Vec<String> = candidates
        .iter()
        .filter_map(|d| d.platform.as_ref())
        .filter(|p| p.os != "unknown")
        .map(spec::PlatformSpec::describe)
        .collect();
    present.dedup();
    Err(ImageError::NoPlatform {
        place: place.to_owned(),
        wanted: wanted.to_string(),
        present: if present.is_empty() {
            "none stated".to_owned()
        } else {
            present.join(", ")
        },
    })
}

/// Reads a manifest and its configuration into a plan.
pub(crate) fn plan_manifest(
    store: &Store,
    prefix: &str,
    manifest_digest: &str,
    reference: Option<&str>,
    platform: Option<&Platform>,
) -> Result<Plan, ImageError> {
    let place = store.describe();
    let body = store.read_blob(prefix, manifest_digest, "image manifest", MAX_MANIFEST)?;
    let manifest: Manifest = parse_json(&body, &place, "image manifest")?;
    let config_body = store.read_blob(prefix, &manifest.config.digest, "image configuration", MAX_CONFIG)?;
    let config: Config = parse_json(&config_body, &place, "image configuration")?;
    check_platform(&config, platform, &place)?;
    let diff_ids = config
        .rootfs
        .as_ref()
        .map(|r| r.diff_ids.as_slice())
        .unwrap_or_default();
    let mut layers = Vec::with_capacity(manifest.layers.len());
    let mut planned = Vec::with_capacity(manifest.layers.len());
    for (i, d) in manifest.layers.iter().enumerate() {
        planned.push(PlannedLayer {
            rel: blob_path(prefix, &d.digest)?,
            digest: Arc::from(d.digest.as_str()),
            verify: Verify::Stored(d.digest.clone()),
        });
        layers.push(Layer {
            digest: d.digest.clone(),
            diff_id: diff_ids.get(i).cloned().unwrap_or_default(),
            media_type: d.media_type.clone(),
            size: d.size,
        });
    }
    Ok(Plan {
        info: image_info(
            &config,
            manifest_digest.to_owned(),
            manifest.config.digest.clone(),
            reference.map(str::to_owned),
            layers,
        ),
        layers: planned,
    })
}

/// A platform the user asked for must be the image's, when the image says what it is.
pub(crate) fn check_platform(
    config: &Config,
    platform: Option<&Platform>,
    place: &str,
) -> Result<(), ImageError> {
    match platform {
        Some(wanted)
            if !config.os.is_empty()
                && !wanted.matches(&config.os, &config.architecture, config.variant.as_deref()) =>
        {
            let found = spec::PlatformSpec {
                os: config.os.clone(),
                architecture: config.architecture.clone(),
                variant: config.variant.clone(),
            };
            Err(ImageError::WrongPlatform {
                place: place.to_owned(),
                found: found.describe(),
                wanted: wanted.to_string(),
            })
        }
        _ => Ok(()),
    }
}
