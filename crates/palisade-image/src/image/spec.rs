//! The JSON documents of OCI and Docker images, as far as palisade reads them: image indexes,
//! manifests, image configurations, and `docker save`'s `manifest.json`.
//!
//! Plain serde structs rather than `oci-spec`: it brings about twenty crates, five of them
//! procedural macros (derive_builder, darling, getset, strum, const_format), for the dozen
//! fields read here. Unknown fields are ignored and every field is optional where images in
//! the wild leave it out, so a sparse document still reads.

use std::collections::BTreeMap;

use serde::Deserialize;

pub(crate) const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub(crate) const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub(crate) const REF_NAME: &str = "org.opencontainers.image.ref.name";

/// A pointer to a blob.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Descriptor {
    #[serde(default)]
    pub(crate) media_type: String,
    pub(crate) digest: String,
    #[serde(default)]
    pub(crate) size: u64,
    #[serde(default)]
    pub(crate) platform: Option<PlatformSpec>,
    #[serde(default)]
    pub(crate) annotations: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PlatformSpec {
    pub(crate) os: String,
    pub(crate) architecture: String,
    pub(crate) variant: Option<String>,
}

impl PlatformSpec {
    pub(crate) fn describe(&self) -> String {
        match &self.variant {
            Some(v) => format!("{}/{}/{v}", self.os, self.architecture),
            None => format!("{}/{}", self.os, self.architecture),
        }
    }
}

/// An image index (`index.json` of a layout, or a manifest list).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Index {
    pub(crate) manifests: Vec<Descriptor>,
}

/// An image manifest.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Manifest {
    pub(crate) config: Descriptor,
    #[serde(default)]
    pub(crate) layers: Vec<Descriptor>,
}

/// An image configuration blob.
#[derive(Clone, Debug, Default, Deserialize)]
#[allow(clippy::struct_field_names)] // `config` is the format's own name
#[serde(default)]
pub(crate) struct Config {
    pub(crate) os: String,
    pub(crate) architecture: String,
    pub(crate) variant: Option<String>,
    pub(crate) config: Option<RunConfig>,
    pub(crate) rootfs: Option<RootFs>,
    pub(crate) history: Vec<HistoryEntry>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub(crate) struct RunConfig {
    pub(crate) user: Option<String>,
    pub(crate) env: Option<Vec<String>>,
    pub(crate) labels: Option<BTreeMap<String, String>>,
    pub(crate) exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    pub(crate) entrypoint: Option<Vec<String>>,
    pub(crate) cmd: Option<Vec<String>>,
    pub(crate) working_dir: Option<String>,
    pub(crate) healthcheck: Option<Healthcheck>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub(crate) struct Healthcheck {
    pub(crate) test: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RootFs {
    pub(crate) diff_ids: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct HistoryEntry {
    pub(crate) created_by: Option<String>,
    pub(crate) comment: Option<String>,
    pub(crate) empty_layer: bool,
}

/// One image of `docker save`'s `manifest.json`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct DockerEntry {
    pub(crate) config: String,
    #[serde(default)]
    pub(crate) repo_tags: Option<Vec<String>>,
    #[serde(default)]
    pub(crate) layers: Vec<String>,
}

/// Whether a descriptor or document is an index rather than a manifest. Media types are
/// optional in indexes, so the document's shape decides when they are missing.
pub(crate) fn is_index(media_type: &str, body: &serde_json::Value) -> bool {
    match media_type {
        OCI_INDEX | DOCKER_LIST => true,
        "" => body.get("manifests").is_some() && body.get("layers").is_none(),
        _ => false,
    }
}
