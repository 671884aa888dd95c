//! The result of reading a target: its packages, its distribution, what the content checks found,
//! and for images the configuration and layers.

use std::collections::BTreeMap;

use palisade_core::{Diagnostic, Distro, Finding, Package};
use serde::Serialize;

/// Everything found in one target.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Inventory {
    /// The target as the user named it.
    pub target: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distro: Option<Distro>,
    pub packages: Vec<Package>,
    #[serde(skip)]
    pub findings: Vec<Finding>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// What an image's manifest and configuration say about it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImageInfo {
    /// `name:tag` where the target gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The digest of the image manifest (`sha256:…`): the image's identity in a registry.
    pub manifest_digest: String,
    pub config_digest: String,
    pub os: String,
    pub architecture: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    pub config: ImageConfig,
    pub history: Vec<History>,
    /// Bottom layer first.
    pub layers: Vec<Layer>,
}

/// The runtime configuration an image carries (the `config` object of its configuration blob).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImageConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    pub env: Vec<String>,
    pub labels: BTreeMap<String, String>,
    /// `80/tcp`, `53/udp`.
    pub exposed_ports: Vec<String>,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    /// The `Healthcheck.Test` of Docker's configuration (`["CMD", "curl", …]`, `["NONE"]`); none
    /// when the image declares no health check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<Vec<String>>,
}

/// One step of the image's build history.
#[derive(Clone, Debug, Default, Serialize)]
pub struct History {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Whether the step made no layer (`ENV`, `USER`, …).
    pub empty_layer: bool,
}

/// One layer as the manifest lists it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Layer {
    /// The digest of the blob as stored (compressed).
    pub digest: String,
    /// The digest of the uncompressed tar (the configuration's `rootfs.diff_ids`).
    pub diff_id: String,
    pub media_type: String,
    /// Size of the blob as stored.
    pub size: u64,
}
