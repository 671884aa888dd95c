//! Where an image's blobs are: a folder (an OCI layout, or the `sha256/<hex>` folder a registry
//! pull fills) or a tar archive on disk (`oci-archive`, `docker-archive`) read in place, by
//! seeking to each entry's data: an archive is indexed once and never extracted.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::ImageError;
use super::tar::{Kind, Seeked, TarReader};

/// A readable blob: the stream and its size.
pub(crate) type Opened = (Box<dyn Read + Send>, u64);

pub(crate) enum Store {
    Dir(PathBuf),
    Tar { file: PathBuf, index: TarIndex },
}

/// The entries of an archive: where each regular file's data is, and its symlinks.
#[derive(Default)]
pub(crate) struct TarIndex {
    files: HashMap<String, (u64, u64)>,
    links: HashMap<String, String>,
}

impl Store {
    /// Indexes an archive: reads its headers and seeks over the data.
    pub(crate) fn tar(file: &Path, max_entries: u64, max_path: u64) -> Result<Store, ImageError> {
        let io_err = |error| ImageError::Io {
            path: file.display().to_string(),
            error,
        };
        let handle = File::open(file).map_err(io_err)?;
        let mut reader = TarReader::new(Seeked(BufReader::new(handle)), max_path);
        let mut index = TarIndex::default();
        let mut count = 0u64;
        loop {
            let header = match reader.next_entry() {
                Ok(Some(h)) => h,
                Ok(None) => break,
                Err(e) => {
                    return Err(ImageError::Invalid {
                        path: file.display().to_string(),
                        what: format!("not a readable tar archive: {e}"),
                    });
                }
            };
            count += 1;
            if count > max_entries {
                return Err(ImageError::Invalid {
                    path: file.display().to_string(),
                    what: format!("more than {max_entries} entries"),
                });
            }
            let Some(name) = normalise(&String::from_utf8_lossy(&header.name)) else {
                continue;
            };
            match header.kind {
                Kind::File => {
                    index.files.insert(name, (header.data_offset, header.size));
                }
                Kind::Symlink | Kind::HardLink => {
                    let link = String::from_utf8_lossy(&header.link).into_owned();
                    let target = if header.kind == Kind::HardLink || link.starts_with('/') {
                        link
                    } else {
                        match name.rsplit_once('/') {
                            Some((dir, _)) => format!("{dir}/{link}"),
                            None => link,
                        }
                    };
                    if let Some(target) = normalise(&target) {
                        index.links.insert(name, target);
                    }
                }
                _ => {}
            }
        }
        Ok(Store::Tar {
            file: file.to_path_buf(),
            index,
        })
    }

    /// What to call the store in messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Store::Dir(dir) => dir.display().to_string(),
            Store::Tar { file, .. } => file.display().to_string(),
        }
    }

    pub(crate) fn has(&self, rel: &str) -> bool {
        match self {
            Store::Dir(dir) => dir.join(rel).is_file(),
            Store::Tar { index, .. } => index.resolve(rel).is_some(),
        }
    }

    /// Opens the file at `rel` (a `/`-separated path inside the store, made by palisade or
    /// looked up in the archive's own index, never joined from untrusted text onto a folder).
    pub(crate) fn open(&self, rel: &str) -> io::Result<Opened> {
        match self {
            Store::Dir(dir) => {
                let file = File::open(dir.join(rel))?;
                let size = file.metadata()?.len();
                Ok((Box::new(file), size))
            }
            Store::Tar { file, index } => {
                let (offset, size) = index.resolve(rel).ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, format!("no `{rel}` in the archive"))
                })?;
                let mut handle = File::open(file)?;
                handle.seek(SeekFrom::Start(offset))?;
                Ok((Box::new(handle.take(size)), size))
            }
        }
    }

    /// Reads a small file (a manifest, a configuration) whole, refusing it over `max` bytes.
    pub(crate) fn read_small(&self, rel: &str, max: u64) -> Result<Vec<u8>, ImageError> {
        let place = || format!("{}: {rel}", self.describe());
        let (reader, size) = self
            .open(rel)
            .map_err(|error| ImageError::Io { path: place(), error })?;
        if size > max {
            return Err(ImageError::Invalid {
                path: place(),
                what: format!("{size} bytes, over the limit of {max} for a manifest or configuration"),
            });
        }
        let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        reader
            .take(max + 1)
            .read_to_end(&mut buf)
            .map_err(|error| ImageError::Io { path: place(), error })?;
        Ok(buf)
    }

    /// Reads a small blob by digest and checks its content against it.
    pub(crate) fn read_blob(
        &self,
        prefix: &str,
        digest: &str,
        what: &'static str,
        max: u64,
    ) -> Result<Vec<u8>, ImageError> {
        let rel = blob_path(prefix, digest)?;
        if !self.has(&rel) {
            return Err(ImageError::MissingBlob {
                what,
                digest: digest.to_owned(),
                place: self.describe(),
            });
        }
        let bytes = self.read_small(&rel, max)?;
        let actual = sha256_digest(&bytes);
        if actual != digest {
            return Err(ImageError::DigestMismatch {
                what,
                expected: digest.to_owned(),
                actual,
            });
        }
        Ok(bytes)
    }
}

impl TarIndex {
    /// The data of `rel`, following the archive's own links (`docker save` links layers).
    fn resolve(&self, rel: &str) -> Option<(u64, u64)> {
        let mut name = normalise(rel)?;
        for _ in 0..16 {
            if let Some(&found) = self.files.get(&name) {
                return Some(found);
            }
            name = self.links.get(&name)?.clone();
        }
        None
    }
}

/// `blobs/sha256/<hex>` for a digest, refusing anything but a well-formed sha256 digest so a
/// digest can never name a path of its choosing.
pub(crate) fn blob_path(prefix: &str, digest: &str) -> Result<String, ImageError> {
    let hex = digest
        .strip_prefix("sha256:")
        .filter(|h| {
            h.len() == 64
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
        .ok_or_else(|| ImageError::BadDigest(digest.chars().take(100).collect()))?;
    Ok(format!("{prefix}sha256/{hex}"))
}

pub(crate) fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", hex(&Sha256::digest(bytes)))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// An archive member name without `./`, leading `/` or `..`; none when it climbs out.
fn normalise(name: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("/"))
    }
}
