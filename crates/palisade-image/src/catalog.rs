//! The contract between the readers of images and folders and the catalogers: a cataloger picks
//! files by path and turns each file into what it found.

use std::io::Read;
use std::sync::Arc;

use palisade_core::{Distro, Finding, Origin, Package};

/// Reads one kind of file (a package database, a lockfile, a binary) and says what is in it.
///
/// One cataloger instance serves every file of every layer, from several threads.
pub trait Cataloger: Sync {
    /// The name recorded on what it finds (`dpkg`, `npm-lock`, `go-binary`).
    fn name(&self) -> &'static str;

    /// Which targets it runs on.
    fn scope(&self) -> Scope;

    /// Whether it reads the file at `path` (absolute, `/`-separated, normalised). Called for every
    /// file, so it must be cheap: look at the file name first.
    fn wants(&self, path: &str) -> bool;

    /// Reads one file it wanted and pushes what it found. An `Err` means the file could not be
    /// read as what it claims to be; what was pushed before the error is kept.
    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError>;
}

/// The targets a cataloger runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// What an image or root filesystem has installed (package databases, installed metadata,
    /// binaries): not run on `dir:` project folders.
    Installed,
    /// What a project declares or locks (lockfiles and manifests): run everywhere.
    Declared,
}

/// What a cataloger found in one file.
#[derive(Clone, Debug)]
pub enum Found {
    Package(Package),
    Distro(Distro),
    Finding(Finding),
}

/// One file offered to a cataloger, read as a stream.
pub struct FileInput<'a> {
    origin: Origin,
    size: u64,
    reader: &'a mut dyn Read,
    buffer_limit: u64,
}

impl<'a> FileInput<'a> {
    pub fn new(origin: Origin, size: u64, reader: &'a mut dyn Read) -> FileInput<'a> {
        FileInput {
            origin,
            size,
            reader,
            buffer_limit: u64::MAX,
        }
    }

    /// Caps what [`FileInput::read_to_end`] reads whatever cap the cataloger asks for: the
    /// image's budget for a file held in memory.
    #[must_use]
    pub fn with_buffer_limit(mut self, limit: u64) -> FileInput<'a> {
        self.buffer_limit = limit;
        self
    }

    /// Where the file is; packages found in it carry this as their origin.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The file's path inside the target, with a leading `/`.
    pub fn path(&self) -> &Arc<str> {
        &self.origin.path
    }

    /// Its size in bytes, as the archive or file system states it.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The content as a stream, read once.
    pub fn reader(&mut self) -> &mut dyn Read {
        self.reader
    }

    /// The whole content, refused when it is over `max` bytes (whatever the stated size says).
    pub fn read_to_end(&mut self, max: u64) -> Result<Vec<u8>, CatalogError> {
        let max = max.min(self.buffer_limit);
        if self.size > max {
            return Err(CatalogError::TooLarge { size: self.size, max });
        }
        let mut buf = Vec::with_capacity(usize::try_from(self.size.min(max)).unwrap_or(0));
        self.reader
            .take(max + 1)
            .read_to_end(&mut buf)
            .map_err(CatalogError::Io)?;
        if buf.len() as u64 > max {
            return Err(CatalogError::TooLarge {
                size: buf.len() as u64,
                max,
            });
        }
        Ok(buf)
    }
}

/// Why a file could not be cataloged. The reader of the target adds the path and the layer.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("could not read the file: {0}")]
    Io(std::io::Error),
    #[error("{size} bytes, over the limit of {max}: not read")]
    TooLarge { size: u64, max: u64 },
    /// The content is not what the file's name promised; the message says where and what.
    #[error("{0}")]
    Malformed(String),
}
