//! Reading a target into an [`Inventory`]: image sources (OCI layouts, `oci-archive`,
//! `docker-archive`, pulled registry blobs) over one blob store abstraction, each layer streamed
//! once, in parallel, and squashed bottom-up; root filesystems and folders through [`crate::fs`].

mod blobs;
mod docker;
mod layer;
mod oci;
mod spec;
mod squash;
mod tar;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use palisade_core::{Diagnostic, Distro};
use rayon::prelude::*;

use crate::inventory::{History, ImageConfig, ImageInfo, Inventory, Layer};
use crate::registry::{self, ProgressFn, RegistryError, RegistryOptions};
use crate::{Cataloger, Found, Platform, Target};
use blobs::Store;
use layer::{LayerScan, Limits, Verify};

/// Limits on what reading one image may cost; hitting one is an error naming the layer, and the
/// rest of the image is still reported.
#[derive(Clone, Debug)]
pub struct Budgets {
    /// Decompressed bytes of one layer.
    pub max_layer_bytes: u64,
    /// Decompressed bytes of all layers together.
    pub max_total_bytes: u64,
    /// Entries of one layer (and of an archive's outer tar).
    pub max_entries: u64,
    /// Bytes of one entry name or link target.
    pub max_path_len: u64,
    /// Bytes of one file a cataloger may hold in memory.
    pub max_file_buffer: u64,
}

impl Default for Budgets {
    fn default() -> Budgets {
        Budgets {
            max_layer_bytes: 32 << 30,
            max_total_bytes: 128 << 30,
            max_entries: 2_000_000,
            max_path_len: 4096,
            max_file_buffer: 64 << 20,
        }
    }
}

/// How to read a target.
#[derive(Clone, Default)]
pub struct Options {
    /// The platform to pick from a multi-platform image; the host's when none.
    pub platform: Option<Platform>,
    pub budgets: Budgets,
    /// Where pulled blobs are cached; palisade's cache folder when none.
    pub cache_dir: Option<PathBuf>,
    /// Plain HTTP to a loopback registry (`--insecure`).
    pub insecure: bool,
    /// Told how a registry pull goes.
    pub progress: Option<ProgressFn>,
}

/// Why a target could not be read at all. Problems with single layers or files are not errors:
/// they are diagnostics of the inventory, and the rest is still reported.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The I/O error is part of the message, not a source: the binary prints sources after
    /// the message, and the path alone says too little.
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{path}: {what}")]
    Invalid { path: String, what: String },
    #[error("{path} is not a folder")]
    NotAFolder { path: String },
    #[error("the {what} {digest} is missing from {place}")]
    MissingBlob {
        what: &'static str,
        digest: String,
        place: String,
    },
    #[error("the {what} {expected} does not match its content, whose digest is {actual}")]
    DigestMismatch {
        what: &'static str,
        expected: String,
        actual: String,
    },
    #[error("`{0}` is not a digest palisade can check (sha256:<64 hex digits>)")]
    BadDigest(String),
    #[error("no image tagged `{tag}` in {place}; tags present: {present}")]
    NoSuchTag {
        place: String,
        tag: String,
        present: String,
    },
    #[error("{place} holds several images: name one with a tag ({present})")]
    SeveralImages { place: String, present: String },
    #[error("no image for {wanted} in {place}; platforms present: {present} (pick one with --platform)")]
    NoPlatform {
        place: String,
        wanted: String,
        present: String,
    },
    #[error("the image in {place} is {found}, not the requested {wanted}")]
    WrongPlatform {
        place: String,
        found: String,
        wanted: String,
    },
    #[error("{place}: image indexes nested deeper than {max} levels")]
    TooDeep { place: String, max: usize },
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error("no cache folder to pull `{0}` into: set PALISADE_CACHE_DIR or HOME")]
    NoCache(String),
}

/// Reads a target: every file the catalogers want, in a single pass over each layer.
pub fn inventory(
    target: &Target,
    options: &Options,
    catalogers: &[&dyn Cataloger],
) -> Result<Inventory, ImageError> {
    let name = target.to_string();
    match target {
        Target::Rootfs(root) => tree(&name, root, false, options, catalogers),
        Target::Dir(root) => tree(&name, root, true, options, catalogers),
        Target::OciLayout { dir, tag } => {
            if !dir.is_dir() {
                return Err(ImageError::NotAFolder {
                    path: dir.display().to_string(),
                });
            }
            let store = Store::Dir(dir.clone());
            let plan = oci::plan_layout(&store, tag.as_deref(), options.platform.as_ref())?;
            Ok(run(&name, &store, plan, options, catalogers))
        }
        Target::OciArchive(file) => {
            let store = Store::tar(file, options.budgets.max_entries, options.budgets.max_path_len)?;
            let plan = oci::plan_layout(&store, None, options.platform.as_ref())?;
            Ok(run(&name, &store, plan, options, catalogers))
        }
        Target::DockerArchive(file) => {
            let store = Store::tar(file, options.budgets.max_entries, options.budgets.max_path_len)?;
            let plan = docker::plan(&store, options.platform.as_ref())?;
            Ok(run(&name, &store, plan, options, catalogers))
        }
        Target::Registry(reference) => {
            let cache = options
                .cache_dir
                .clone()
                .or_else(palisade_core::cache::dir)
                .ok_or_else(|| ImageError::NoCache(reference.clone()))?;
            let mut registry = RegistryOptions::from_env(cache);
            registry.insecure = options.insecure;
            registry.platform.clone_from(&options.platform);
            registry.progress.clone_from(&options.progress);
            let pulled = registry::pull(reference, &registry)?;
            inventory_from_blobs(
                &format!("registry:{}", pulled.reference),
                &pulled.blobs,
                &pulled.manifest_digest,
                Some(&pulled.reference),
                options,
                catalogers,
            )
        }
    }
}

/// Reads an image whose blobs are files `sha256/<hex>` under `blobs` (what a registry pull
/// leaves), starting from its platform manifest.
pub fn inventory_from_blobs(
    target: &str,
    blobs: &Path,
    manifest_digest: &str,
    reference: Option<&str>,
    options: &Options,
    catalogers: &[&dyn Cataloger],
) -> Result<Inventory, ImageError> {
    let store = Store::Dir(blobs.to_path_buf());
    let plan = oci::plan_manifest(&store, "", manifest_digest, reference, options.platform.as_ref())?;
    Ok(run(target, &store, plan, options, catalogers))
}

/// An image ready to be read: what its manifest and configuration say, and where its layers are.
pub(crate) struct Plan {
    pub(crate) info: ImageInfo,
    pub(crate) layers: Vec<PlannedLayer>,
}

pub(crate) struct PlannedLayer {
    /// The blob's path in the store.
    pub(crate) rel: String,
    /// The digest origins and messages name.
    pub(crate) digest: Arc<str>,
    pub(crate) verify: Verify,
}

fn run(name: &str, store: &Store, plan: Plan, options: &Options, catalogers: &[&dyn Cataloger]) -> Inventory {
    let total = AtomicU64::new(0);
    let limits = Limits {
        budgets: &options.budgets,
        total: &total,
    };
    let scans: Vec<LayerScan> = plan
        .layers
        .par_iter()
        .map(|l| match store.open(&l.rel) {
            Ok((blob, _)) => layer::scan_layer(blob, &l.digest, &l.verify, catalogers, &limits),
            Err(e) => LayerScan {
                diagnostics: vec![Diagnostic::file(
                    &l.digest,
                    format!("the layer could not be opened ({e}): none of its files are used"),
                )],
                ..LayerScan::default()
            },
        })
        .collect();
    let digests: Vec<Arc<str>> = plan.layers.iter().map(|l| Arc::clone(&l.digest)).collect();
    let (view, mut diagnostics) = squash::squash(scans, &digests);
    let mut files = Vec::with_capacity(view.len());
    for (path, kept) in view {
        diagnostics.extend(kept.diagnostics);
        files.push((path, kept.found));
    }
    let mut inventory = assemble(name, files, diagnostics);
    inventory.image = Some(plan.info);
    inventory
}

fn tree(
    name: &str,
    root: &Path,
    project: bool,
    options: &Options,
    catalogers: &[&dyn Cataloger],
) -> Result<Inventory, ImageError> {
    if !root.is_dir() {
        return Err(ImageError::NotAFolder {
            path: root.display().to_string(),
        });
    }
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    crate::fs::walk_tree(
        root,
        project,
        catalogers,
        options.budgets.max_file_buffer,
        &mut |path, found, diags| {
            files.push((path, found));
            diagnostics.extend(diags);
        },
    );
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(assemble(name, files, diagnostics))
}

/// Sorts what the files gave into packages, findings and the distribution.
fn assemble(name: &str, files: Vec<(Arc<str>, Vec<Found>)>, diagnostics: Vec<Diagnostic>) -> Inventory {
    let mut inventory = Inventory {
        target: name.to_owned(),
        diagnostics,
        ..Inventory::default()
    };
    let mut distro: Option<(usize, Distro)> = None;
    for (path, found) in files {
        for f in found {
            match f {
                Found::Package(p) => inventory.packages.push(p),
                Found::Finding(f) => inventory.findings.push(f),
                Found::Distro(d) => {
                    let rank = crate::os::distro_precedence(&path).unwrap_or(usize::MAX);
                    if distro.as_ref().is_none_or(|(r, _)| rank < *r) {
                        distro = Some((rank, d));
                    }
                }
            }
        }
    }
    inventory.distro = distro.map(|(_, d)| d);
    inventory
}

/// The size cap of manifests and indexes.
pub(crate) const MAX_MANIFEST: u64 = 4 << 20;
/// The size cap of image configurations (long histories make them large).
pub(crate) const MAX_CONFIG: u64 = 16 << 20;

/// What an image's configuration says, with its layers from the manifest.
pub(crate) fn image_info(
    config: &spec::Config,
    manifest_digest: String,
    config_digest: String,
    reference: Option<String>,
    layers: Vec<Layer>,
) -> ImageInfo {
    let run = config.config.clone().unwrap_or_default();
    ImageInfo {
        reference,
        manifest_digest,
        config_digest,
        os: config.os.clone(),
        architecture: config.architecture.clone(),
        variant: config.variant.clone(),
        config: ImageConfig {
            user: run.user.filter(|u| !u.is_empty()),
            env: run.env.unwrap_or_default(),
            labels: run.labels.unwrap_or_default(),
            exposed_ports: run.exposed_ports.unwrap_or_default().into_keys().collect(),
            entrypoint: run.entrypoint.unwrap_or_default(),
            cmd: run.cmd.unwrap_or_default(),
            working_dir: run.working_dir.filter(|w| !w.is_empty()),
            healthcheck: run.healthcheck.and_then(|h| h.test),
        },
        history: config
            .history
            .iter()
            .map(|h| History {
                created_by: h.created_by.clone(),
                comment: h.comment.clone(),
                empty_layer: h.empty_layer,
            })
            .collect(),
        layers,
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    place: &str,
    what: &str,
) -> Result<T, ImageError> {
    serde_json::from_slice(bytes).map_err(|e| ImageError::Invalid {
        path: place.to_owned(),
        what: format!("not a valid {what}: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_are_normalised_or_refused() {
        let p = |s: &str| layer::entry_path(s).map(|p| p.to_string());
        assert_eq!(p("./etc/os-release").as_deref(), Some("/etc/os-release"));
        assert_eq!(p("/etc//passwd").as_deref(), Some("/etc/passwd"));
        assert_eq!(p("usr/lib/../../etc/x").as_deref(), Some("/etc/x"));
        assert_eq!(p("./"), Some("/".into()));
        assert_eq!(p("../../etc/passwd"), None);
        assert_eq!(p("a/../../b"), None);
    }

    #[test]
    fn distro_prefers_etc_os_release() {
        let d = |id: &str| {
            Found::Distro(Distro {
                id: id.into(),
                ..Distro::default()
            })
        };
        let inv = assemble(
            "t",
            vec![
                (Arc::from("/etc/debian_version"), vec![d("other")]),
                (Arc::from("/etc/os-release"), vec![d("etc")]),
                (Arc::from("/usr/lib/os-release"), vec![d("usr")]),
            ],
            vec![],
        );
        assert_eq!(inv.distro.unwrap().id, "etc");
        let inv = assemble(
            "t",
            vec![
                (Arc::from("/etc/alpine-release"), vec![d("other")]),
                (Arc::from("/usr/lib/os-release"), vec![d("usr")]),
            ],
            vec![],
        );
        assert_eq!(inv.distro.unwrap().id, "usr");
    }
}
