//! The blob store under palisade's cache: `blobs/sha256/<hex>`, the layout an OCI image layout
//! uses, so the OCI reader reads pulled images from it. A blob enters only whole and verified:
//! it is streamed to a temporary file beside its place, hashed on the way, and renamed.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use super::RegistryError;

pub(crate) struct Store {
    /// `<cache>/blobs`.
    pub(crate) blobs: PathBuf,
}

impl Store {
    pub(crate) fn open(cache_dir: &Path) -> Result<Store, RegistryError> {
        let blobs = cache_dir.join("blobs");
        let sha = blobs.join("sha256");
        std::fs::create_dir_all(&sha).map_err(|e| RegistryError::Cache {
            path: sha.clone(),
            problem: e.to_string(),
        })?;
        Ok(Store { blobs })
    }

    /// Where `digest` lives; only sha256 digests are stored.
    pub(crate) fn path(&self, digest: &str) -> Result<PathBuf, RegistryError> {
        match digest.strip_prefix("sha256:") {
            Some(hex) if super::reference::check_digest(digest).is_ok() => {
                Ok(self.blobs.join("sha256").join(hex))
            }
            _ => Err(RegistryError::Unsupported {
                what: format!("the digest `{digest}`: palisade verifies sha256 digests only"),
            }),
        }
    }

    /// Whether `digest` is stored with `size` bytes. What is stored was verified on the way in.
    pub(crate) fn has(&self, digest: &str, size: u64) -> bool {
        self.path(digest)
            .ok()
            .and_then(|p| std::fs::metadata(p).ok())
            .is_some_and(|m| m.is_file() && m.len() == size)
    }

    /// Stores `bytes` under their own sha256 digest and returns it.
    pub(crate) fn put_bytes(&self, bytes: &[u8]) -> Result<String, RegistryError> {
        let digest = sha256_digest(bytes);
        if !self.has(&digest, bytes.len() as u64) {
            self.write(&digest, bytes.len() as u64, &mut &bytes[..], &mut |_| {})?;
        }
        Ok(digest)
    }

    /// Streams `reader` into the store as `digest`, refusing more or fewer than `size` bytes or
    /// a different hash. `progress` hears of every chunk written.
    pub(crate) fn write(
        &self,
        digest: &str,
        size: u64,
        reader: &mut dyn Read,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), WriteError> {
        let target = self.path(digest).map_err(WriteError::Fatal)?;
        let cache = |e: std::io::Error| {
            WriteError::Fatal(RegistryError::Cache {
                path: self.blobs.clone(),
                problem: e.to_string(),
            })
        };
        let mut temp = tempfile::Builder::new()
            .prefix(".partial-")
            .tempfile_in(&self.blobs)
            .map_err(cache)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 << 10];
        let mut written: u64 = 0;
        let mut limited = reader.take(size.saturating_add(1));
        loop {
            let n = match limited.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(WriteError::Read(e)),
            };
            written += n as u64;
            if written > size {
                return Err(WriteError::Fatal(RegistryError::Blob {
                    digest: digest.to_owned(),
                    problem: format!("the registry sent more than the {size} bytes the manifest declares"),
                }));
            }
            hasher.update(&buf[..n]);
            temp.write_all(&buf[..n]).map_err(cache)?;
            progress(n as u64);
        }
        if written < size {
            return Err(WriteError::Read(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("the download ended after {written} of {size} bytes"),
            )));
        }
        let actual = format!("sha256:{:x}", hasher.finalize());
        if actual != digest {
            return Err(WriteError::Fatal(RegistryError::DigestMismatch {
                what: "blob".into(),
                expected: digest.to_owned(),
                actual,
            }));
        }
        temp.as_file().sync_all().map_err(cache)?;
        temp.persist(&target).map_err(|e| cache(e.error))?;
        Ok(())
    }
}

/// How a blob write failed: reading (worth another download) or for good.
pub(crate) enum WriteError {
    Read(std::io::Error),
    Fatal(RegistryError),
}

impl From<WriteError> for RegistryError {
    fn from(e: WriteError) -> RegistryError {
        match e {
            WriteError::Fatal(e) => e,
            WriteError::Read(e) => RegistryError::Cache {
                path: PathBuf::new(),
                problem: e.to_string(),
            },
        }
    }
}

pub(crate) fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verified_atomic_writes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let digest = store.put_bytes(b"hello").unwrap();
        assert_eq!(
            digest,
            "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert!(store.has(&digest, 5));
        assert!(!store.has(&digest, 6));
        let other = sha256_digest(b"other");
        let err = |r: Result<(), WriteError>| match r {
            Err(WriteError::Fatal(e)) => e.to_string(),
            Err(WriteError::Read(e)) => format!("read: {e}"),
            Ok(()) => "ok".into(),
        };
        let e = err(store.write(&other, 5, &mut &b"wrong"[..], &mut |_| {}));
        assert!(e.contains("digest") && e.contains(&other), "{e}");
        let e = err(store.write(&other, 3, &mut &b"other"[..], &mut |_| {}));
        assert!(e.contains("more than the 3 bytes"), "{e}");
        let e = err(store.write(&other, 9, &mut &b"other"[..], &mut |_| {}));
        assert!(e.contains("after 5 of 9"), "{e}");
        assert!(!store.has(&other, 5));
        // Nothing half-written is left behind.
        let names: Vec<_> = std::fs::read_dir(&store.blobs)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("sha256")]);
        assert!(store.path("sha512:00").is_err());
    }
}
