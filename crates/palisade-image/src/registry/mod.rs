//! Pulling images from OCI distribution registries into palisade's blob store.
//!
//! [`pull`] resolves a reference (docker's rules: `alpine` is `docker.io/library/alpine:latest`),
//! fetches its manifest (an index or manifest list is narrowed to one platform), and downloads the
//! config and layer blobs that are not cached yet, each verified against its digest before it
//! enters `<cache>/blobs/sha256/`. The OCI reader then reads the image from there.
//!
//! - **Authentication**: anonymous, HTTP basic, and the bearer-token flow (the registry's
//!   `WWW-Authenticate` names the token realm; a configured login is sent there). Logins come from
//!   [`RegistryOptions::credential`] (`PALISADE_REGISTRY_USERNAME`/`PASSWORD`), else from docker's
//!   config (`auths`, `credHelpers`, `credsStore`).
//! - **TLS** always, with rustls and Mozilla's roots; `SSL_CERT_FILE` ([`RegistryOptions::ca_file`])
//!   replaces those roots by the certificates it holds, as it does for OpenSSL (point it at the
//!   system bundle plus a company CA). **Plain HTTP** only with `insecure`, and only to loopback
//!   hosts or to hosts listed in `PALISADE_INSECURE_REGISTRIES` (comma-separated `host[:port]`,
//!   the counterpart of docker's `insecure-registries`): `--insecure` alone never sends a login or
//!   pulls an image over the open network unencrypted.
//! - **Hostile registries**: manifests are read up to 4 MiB, token answers up to 1 MiB, a blob
//!   only up to the size its manifest declares; digests are checked for everything fetched by
//!   digest. Transient failures (connection, 429, 5xx) are retried with backoff.
//!
//! The client is blocking `ureq` with rustls, not DESIGN's async `oci-client`: a pull is a few
//! sequential requests, and the async stack would more than double the crate's clean build
//! (measured figures in the commit that made the choice) and bring tokio into a crate that
//! is otherwise synchronous.

mod auth;
mod client;
mod credentials;
mod manifest;
mod reference;
mod store;

use std::ffi::OsString;
use std::fmt;
use std::io::Read as _;
use std::path::PathBuf;
use std::sync::Arc;

pub use auth::{Challenge, parse_challenge};
pub use credentials::{Credential, CredentialError, default_docker_config};
pub use manifest::{
    DOCKER_LIST, DOCKER_MANIFEST, Descriptor, DescriptorPlatform, Manifest, OCI_INDEX, OCI_MANIFEST,
    choose as choose_platform, parse as parse_manifest,
};
pub use reference::{Reference, ReferenceError};

use crate::Platform;
use client::Session;
use store::{Store, WriteError};

/// Largest manifest or index read from a registry.
pub const MAX_MANIFEST: u64 = 4 << 20;

/// What a pull reports as it goes, for a progress bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The manifest is read: `blobs` blobs of `bytes` bytes in all, `cached_bytes` of them
    /// already in the cache.
    Plan {
        blobs: usize,
        bytes: u64,
        cached_bytes: u64,
    },
    /// This many more bytes were downloaded.
    Bytes(u64),
    /// A download broke off and starts again; the `discarded` bytes reported for it are lost.
    Retry { digest: String, discarded: u64 },
    /// A blob is in the cache, downloaded now or `cached` before.
    BlobDone { digest: String, cached: bool },
}

/// Hears a pull's [`Progress`].
pub type ProgressFn = Arc<dyn Fn(Progress) + Send + Sync>;

/// How to pull.
#[derive(Clone)]
pub struct RegistryOptions {
    /// Plain HTTP instead of TLS; allowed only for loopback hosts and `insecure_registries`.
    pub insecure: bool,
    /// The platform picked from an index; [`Platform::host`] when none.
    pub platform: Option<Platform>,
    /// palisade's cache folder; blobs go to `<cache_dir>/blobs/sha256/<hex>`.
    pub cache_dir: PathBuf,
    /// Docker's config file; [`default_docker_config`] when none.
    pub docker_config: Option<PathBuf>,
    /// Told of the pull's progress.
    pub progress: Option<ProgressFn>,
    /// PEM certificates trusted instead of Mozilla's roots (`SSL_CERT_FILE`).
    pub ca_file: Option<PathBuf>,
    /// A login that overrides docker's config (`PALISADE_REGISTRY_USERNAME`/`PASSWORD`).
    pub credential: Option<Credential>,
    /// Non-loopback `host[:port]`s `insecure` may use (`PALISADE_INSECURE_REGISTRIES`).
    pub insecure_registries: Vec<String>,
    /// Where to look for `docker-credential-*` helpers instead of `PATH`.
    pub credential_helper_path: Option<OsString>,
}

impl RegistryOptions {
    /// Options for a pull into `cache_dir`, with what the environment says: `SSL_CERT_FILE`,
    /// `PALISADE_REGISTRY_USERNAME`/`PALISADE_REGISTRY_PASSWORD`, `PALISADE_INSECURE_REGISTRIES`.
    pub fn from_env(cache_dir: PathBuf) -> RegistryOptions {
        let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        let credential = match (
            var("PALISADE_REGISTRY_USERNAME"),
            var("PALISADE_REGISTRY_PASSWORD"),
        ) {
            (Some(username), Some(password)) => Some(Credential::Basic { username, password }),
            _ => None,
        };
        RegistryOptions {
            insecure: false,
            platform: None,
            cache_dir,
            docker_config: None,
            progress: None,
            ca_file: var("SSL_CERT_FILE").map(PathBuf::from),
            credential,
            insecure_registries: var("PALISADE_INSECURE_REGISTRIES")
                .map(|v| {
                    v.split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            credential_helper_path: None,
        }
    }

    fn report(&self, progress: Progress) {
        if let Some(f) = &self.progress {
            f(progress);
        }
    }
}

impl fmt::Debug for RegistryOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RegistryOptions")
            .field("insecure", &self.insecure)
            .field("platform", &self.platform)
            .field("cache_dir", &self.cache_dir)
            .field("docker_config", &self.docker_config)
            .field("ca_file", &self.ca_file)
            .field("credential", &self.credential)
            .field("insecure_registries", &self.insecure_registries)
            .finish_non_exhaustive()
    }
}

/// A pulled image, in the blob store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pulled {
    /// `<cache>/blobs`: `sha256/<hex>` files, the manifest, config and layers among them.
    pub blobs: PathBuf,
    /// Digest of the platform's image manifest.
    pub manifest_digest: String,
    /// Digest of the index or manifest list the reference named, when it named one.
    pub index_digest: Option<String>,
    /// The normalised reference: `docker.io/library/alpine:3.20`.
    pub reference: String,
    /// The blobs downloaded by this pull (the others were cached).
    pub fetched: Vec<String>,
}

/// Why a pull failed.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error(
        "--insecure allows plain HTTP only to loopback hosts; {registry} is not one (list it in PALISADE_INSECURE_REGISTRIES to allow it anyway)"
    )]
    InsecureRefused { registry: String },
    #[error("cannot reach {url}: {problem}")]
    Transport { url: String, problem: String },
    #[error("{url} answered HTTP {status}: {detail}")]
    Status {
        url: String,
        status: u16,
        detail: String,
    },
    #[error("not authorised by {registry}: {detail}")]
    Unauthorized { registry: String, detail: String },
    #[error("{what} not found{detail}")]
    NotFound { what: String, detail: String },
    #[error("the manifest of {reference} cannot be used: {problem}")]
    Manifest { reference: String, problem: String },
    #[error("{what} has digest {actual}, not the {expected} asked for")]
    DigestMismatch {
        what: String,
        expected: String,
        actual: String,
    },
    #[error("{what} is larger than {limit} bytes")]
    TooLarge { what: String, limit: u64 },
    #[error("blob {digest}: {problem}")]
    Blob { digest: String, problem: String },
    #[error("cannot use the cache folder {path}: {problem}")]
    Cache { path: PathBuf, problem: String },
    #[error("cannot use the CA certificates in {path}: {problem}")]
    CaFile { path: PathBuf, problem: String },
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    #[error("palisade does not support {what}")]
    Unsupported { what: String },
}

/// Pulls `reference` into the blob store under `options.cache_dir` and says where its
/// manifest is. Blobs already there are not downloaded again.
pub fn pull(reference: &str, options: &RegistryOptions) -> Result<Pulled, RegistryError> {
    let reference = Reference::parse(reference)?;
    let store = Store::open(&options.cache_dir)?;
    let credential = match &options.credential {
        Some(c) => Some(c.clone()),
        None => match options.docker_config.clone().or_else(default_docker_config) {
            Some(config) => credentials::lookup(
                &config,
                &reference.registry,
                options.credential_helper_path.as_ref(),
            )?,
            None => None,
        },
    };
    let mut session = Session::new(
        &reference.registry,
        reference.api_host(),
        reference.host_name(),
        &reference.repository,
        credential,
        options,
    )?;
    let shown = reference.to_string();
    let manifest_error = |problem: String| RegistryError::Manifest {
        reference: shown.clone(),
        problem,
    };

    let (bytes, content_type) = fetch_manifest(
        &mut session,
        reference.manifest_reference(),
        reference.digest.as_deref(),
        &shown,
    )?;
    let mut index_digest = None;
    let (manifest_bytes, config, layers) =
        match manifest::parse(&bytes, content_type.as_deref()).map_err(manifest_error)? {
            Manifest::Image { config, layers } => (bytes, config, layers),
            Manifest::Index(entries) => {
                index_digest = Some(store.put_bytes(&bytes)?);
                let platform = options.platform.clone().unwrap_or_else(Platform::host);
                let entry = manifest::choose(&entries, &platform).map_err(manifest_error)?;
                let (bytes, content_type) =
                    fetch_manifest(&mut session, &entry.digest, Some(&entry.digest), &shown)?;
                if bytes.len() as u64 != entry.size {
                    return Err(manifest_error(format!(
                        "the {platform} manifest is {} bytes, the index says {}",
                        bytes.len(),
                        entry.size
                    )));
                }
                match manifest::parse(&bytes, content_type.as_deref()).map_err(manifest_error)? {
                    Manifest::Image { config, layers } => (bytes, config, layers),
                    Manifest::Index(_) => {
                        return Err(manifest_error(format!(
                            "the index entry for {platform} is another index"
                        )));
                    }
                }
            }
        };
    let manifest_digest = store.put_bytes(&manifest_bytes)?;

    let blobs: Vec<&Descriptor> = std::iter::once(&config).chain(&layers).collect();
    let cached = |d: &Descriptor| store.has(&d.digest, d.size);
    options.report(Progress::Plan {
        blobs: blobs.len(),
        bytes: blobs.iter().map(|d| d.size).sum(),
        cached_bytes: blobs.iter().filter(|d| cached(d)).map(|d| d.size).sum(),
    });
    let mut fetched = Vec::new();
    for blob in blobs {
        store.path(&blob.digest)?;
        let was_cached = cached(blob);
        if !was_cached {
            fetch_blob(&mut session, &store, blob, options)?;
            fetched.push(blob.digest.clone());
        }
        options.report(Progress::BlobDone {
            digest: blob.digest.clone(),
            cached: was_cached,
        });
    }
    Ok(Pulled {
        blobs: store.blobs,
        manifest_digest,
        index_digest,
        reference: shown,
        fetched,
    })
}

/// GETs a manifest (at most [`MAX_MANIFEST`] bytes) and checks it against `digest` when one is
/// expected. Returns its bytes and `Content-Type`.
fn fetch_manifest(
    session: &mut Session<'_>,
    reference: &str,
    digest: Option<&str>,
    shown: &str,
) -> Result<(Vec<u8>, Option<String>), RegistryError> {
    let response = session.get(
        &format!("manifests/{reference}"),
        Some(manifest::ACCEPT),
        &format!("manifest of {shown}"),
    )?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(MAX_MANIFEST + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| RegistryError::Transport {
            url: format!("manifest of {shown}"),
            problem: e.to_string(),
        })?;
    if bytes.len() as u64 > MAX_MANIFEST {
        return Err(RegistryError::TooLarge {
            what: format!("the manifest of {shown}"),
            limit: MAX_MANIFEST,
        });
    }
    if let Some(expected) = digest {
        if expected.starts_with("sha256:") {
            let actual = store::sha256_digest(&bytes);
            if actual != expected {
                return Err(RegistryError::DigestMismatch {
                    what: format!("the manifest the registry returned for {shown}"),
                    expected: expected.to_owned(),
                    actual,
                });
            }
        } else {
            return Err(RegistryError::Unsupported {
                what: format!("the digest `{expected}`: palisade verifies sha256 digests only"),
            });
        }
    }
    Ok((bytes, content_type))
}

/// Downloads one blob into the store, starting again when the connection breaks.
fn fetch_blob(
    session: &mut Session<'_>,
    store: &Store,
    blob: &Descriptor,
    options: &RegistryOptions,
) -> Result<(), RegistryError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let response = session.get(
            &format!("blobs/{}", blob.digest),
            None,
            &format!("blob {}", blob.digest),
        )?;
        let mut reader = response.into_body().into_reader();
        let mut got = 0;
        let result = store.write(&blob.digest, blob.size, &mut reader, &mut |n| {
            got += n;
            options.report(Progress::Bytes(n));
        });
        match result {
            Ok(()) => return Ok(()),
            Err(WriteError::Read(e)) if attempt < 4 => {
                options.report(Progress::Retry {
                    digest: blob.digest.clone(),
                    discarded: got,
                });
                let _ = e;
                client::backoff(attempt, None);
            }
            Err(WriteError::Read(e)) => {
                return Err(RegistryError::Blob {
                    digest: blob.digest.clone(),
                    problem: format!("the download failed {attempt} times: {e}"),
                });
            }
            Err(WriteError::Fatal(e)) => return Err(e),
        }
    }
}
