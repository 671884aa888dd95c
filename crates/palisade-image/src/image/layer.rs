//! One layer, read once as a stream: its blob is hashed as it is read, decompressed by what its
//! first bytes say it is (gzip, zstd or plain tar, whatever the media type claims), its entries
//! named safely, and each file a cataloger wants handed to it. What comes out is this layer's
//! part of the squashed image: the results of the files it holds, and what it removes from the
//! layers below (whiteouts, opaque directories, paths it replaces with symlinks).

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::MultiGzDecoder;
use palisade_core::{Diagnostic, Origin};
use sha2::{Digest as _, Sha256};

use super::Budgets;
use super::blobs::hex;
use super::tar::{Kind, Streamed, TarError, TarReader};
use crate::{Cataloger, FileInput, Found};

/// How a layer's blob is checked.
#[derive(Clone, Debug)]
pub(crate) enum Verify {
    /// Against the digest of the blob as stored (OCI manifests name layers by it).
    Stored(String),
    /// Against the digest of the uncompressed tar (`docker save`'s legacy layout names its
    /// layer files arbitrarily; the configuration's `diff_ids` are what identify them).
    Uncompressed(String),
}

/// What one wanted path of a layer gave.
#[derive(Debug)]
pub(crate) struct FileResult {
    pub(crate) path: Arc<str>,
    pub(crate) found: Vec<Found>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// One layer's part of the squashed image.
#[derive(Debug, Default)]
pub(crate) struct LayerScan {
    /// Wanted paths in entry order; a directory, device or unread link at a wanted path is here
    /// with nothing found, since it still hides what lower layers had there.
    pub(crate) files: Vec<FileResult>,
    /// Paths removed, with what is below them, from lower layers (`.wh.name`).
    pub(crate) whiteouts: Vec<Arc<str>>,
    /// Directories whose lower-layer children are removed (`.wh..wh..opq`).
    pub(crate) opaques: Vec<Arc<str>>,
    /// Symlinks: each replaces what lower layers had at its path and below it.
    pub(crate) symlinks: Vec<Arc<str>>,
    /// Wanted hard links whose target is not an earlier wanted file of this layer: resolved
    /// against the layers below when the image is squashed.
    pub(crate) links: Vec<(Arc<str>, Arc<str>)>,
    /// About the layer and its entries, each naming the layer.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// False when the blob is not what its digest names: then nothing above is used.
    pub(crate) usable: bool,
}

/// The decompressed-byte counter shared by every layer of an image.
pub(crate) struct Limits<'a> {
    pub(crate) budgets: &'a Budgets,
    pub(crate) total: &'a AtomicU64,
}

/// Reads one layer blob. `digest` is what its files' origins and the diagnostics name.
pub(crate) fn scan_layer(
    blob: Box<dyn Read + Send>,
    digest: &Arc<str>,
    verify: &Verify,
    catalogers: &[&dyn Cataloger],
    limits: &Limits<'_>,
) -> LayerScan {
    let mut scan = LayerScan::default();
    let say = |scan: &mut LayerScan, message: String| {
        scan.diagnostics.push(Diagnostic::file(digest, message));
    };
    let mut stored = Hashing::new(blob, true);
    let mut stop: Option<String> = None;
    let mut uncompressed_digest = None;
    {
        let mut buffered = BufReader::with_capacity(1 << 16, &mut stored);
        let magic = match buffered.fill_buf() {
            Ok(head) => Compression::sniff(head),
            Err(e) => Err(format!("truncated or corrupt layer: {e}")),
        };
        let decoder: Option<Box<dyn Read + '_>> = match magic {
            Ok(Compression::Gzip) => Some(Box::new(MultiGzDecoder::new(buffered))),
            Ok(Compression::Zstd) => match zstd::stream::read::Decoder::with_buffer(buffered) {
                Ok(d) => Some(Box::new(d)),
                Err(e) => {
                    stop = Some(format!("truncated or corrupt layer: {e}"));
                    None
                }
            },
            Ok(Compression::Plain) => Some(Box::new(buffered)),
            Err(message) => {
                stop = Some(message);
                None
            }
        };
        if let Some(decoder) = decoder {
            let guard = Guard {
                inner: decoder,
                limits,
                layer: 0,
                stop: None,
            };
            let hash_tar = matches!(verify, Verify::Uncompressed(_));
            let mut tar = TarReader::new(
                Streamed(Hashing::new(guard, hash_tar)),
                limits.budgets.max_path_len,
            );
            walk(&mut tar, digest, catalogers, limits.budgets, &mut scan, &mut stop);
            let mut rest = tar.into_inner().0;
            if stop.is_none() && hash_tar {
                // The tar's end blocks may be followed by padding that the digest covers.
                if let Err(e) = io::copy(&mut rest, &mut io::sink()) {
                    stop = Some(rest.inner.stop.take().unwrap_or_else(|| corrupt(&e)));
                }
                uncompressed_digest = Some(rest.finish());
            }
        }
    }
    if let Some(message) = stop.take() {
        say(&mut scan, message);
    }
    // Whatever the tar reader left, the stored digest covers the whole blob.
    let drained = io::copy(&mut stored, &mut io::sink());
    let (expected, actual, what) = match verify {
        Verify::Stored(expected) => (expected, Some(stored.finish()), "content"),
        Verify::Uncompressed(expected) => (expected, uncompressed_digest, "uncompressed content"),
    };
    match (drained, actual) {
        (Err(e), _) => {
            say(
                &mut scan,
                format!("the layer could not be read to its end: {e}; none of its files are used"),
            );
            scan.usable = false;
        }
        (Ok(_), Some(actual)) if &actual == expected => scan.usable = true,
        (Ok(_), Some(actual)) => {
            say(
                &mut scan,
                format!("the layer's {what} has digest {actual}, not {expected}: none of its files are used"),
            );
            scan.usable = false;
        }
        (Ok(_), None) => {
            say(
                &mut scan,
                format!(
                    "the layer could not be checked against its digest {expected}: none of its files are used"
                ),
            );
            scan.usable = false;
        }
    }
    scan
}

/// Goes through the entries, until the end or the first error that stops the layer.
fn walk<R: Read>(
    tar: &mut TarReader<Streamed<Hashing<Guard<'_, R>>>>,
    digest: &Arc<str>,
    catalogers: &[&dyn Cataloger],
    budgets: &Budgets,
    scan: &mut LayerScan,
    stop: &mut Option<String>,
) {
    let mut read_here: HashMap<Arc<str>, usize> = HashMap::new();
    let mut entries = 0u64;
    let mut wanted = Vec::with_capacity(catalogers.len());
    loop {
        let header = match tar.next_entry() {
            Ok(Some(header)) => header,
            Ok(None) => return,
            Err(e) => {
                *stop = Some(stopped(tar, &e));
                return;
            }
        };
        entries += 1;
        if entries > budgets.max_entries {
            *stop = Some(format!(
                "more than {} entries, over the budget for one layer: the entries after that were not read",
                budgets.max_entries
            ));
            return;
        }
        let raw = String::from_utf8_lossy(&header.name);
        let Some(path) = entry_path(&raw) else {
            scan.diagnostics.push(Diagnostic::file(
                digest,
                format!("entry `{}` climbs out of the image root: skipped", shorten(&raw)),
            ));
            continue;
        };
        if &*path == "/" {
            continue;
        }
        let (dir, base) = path.rsplit_once('/').unwrap_or(("", &path));
        if let Some(hidden) = base.strip_prefix(".wh.") {
            let dir = if dir.is_empty() { "/" } else { dir };
            if hidden == ".wh..opq" {
                scan.opaques.push(Arc::from(dir));
            } else if !hidden.starts_with(".wh.") && !hidden.is_empty() {
                scan.whiteouts
                    .push(Arc::from(format!("{}/{hidden}", dir.trim_end_matches('/'))));
            }
            continue;
        }
        wanted.clear();
        wanted.extend(catalogers.iter().copied().filter(|c| c.wants(&path)));
        match header.kind {
            Kind::Symlink => scan.symlinks.push(path),
            Kind::File if !wanted.is_empty() => {
                let result = catalog(tar, &path, header.size, digest, &wanted, budgets);
                if let Some(message) = tar.inner_stop() {
                    *stop = Some(message);
                    return;
                }
                read_here.insert(Arc::clone(&path), scan.files.len());
                scan.files.push(result);
            }
            Kind::HardLink if !wanted.is_empty() => {
                let target = entry_path(&String::from_utf8_lossy(&header.link));
                match target {
                    None => scan.diagnostics.push(Diagnostic::file(
                        digest,
                        format!(
                            "hard link `{path}` points out of the image root (`{}`): not read",
                            shorten(&String::from_utf8_lossy(&header.link))
                        ),
                    )),
                    Some(target) => match read_here.get(&target) {
                        Some(&i) => {
                            let copy = relocate(&scan.files[i], &path);
                            read_here.insert(Arc::clone(&path), scan.files.len());
                            scan.files.push(copy);
                        }
                        None => scan.links.push((path, target)),
                    },
                }
            }
            Kind::File | Kind::HardLink => {}
            Kind::Dir | Kind::Other => {
                if !wanted.is_empty() {
                    scan.files.push(FileResult {
                        path,
                        found: Vec::new(),
                        diagnostics: Vec::new(),
                    });
                }
            }
        }
    }
}

/// Hands one file to the catalogers that want it: streamed to a single one, or held in memory
/// (within the budget) and given to each when several want it.
fn catalog<R: Read>(
    tar: &mut TarReader<Streamed<Hashing<Guard<'_, R>>>>,
    path: &Arc<str>,
    size: u64,
    digest: &Arc<str>,
    wanted: &[&dyn Cataloger],
    budgets: &Budgets,
) -> FileResult {
    let origin = Origin {
        layer: Some(Arc::clone(digest)),
        path: Arc::clone(path),
    };
    let mut result = FileResult {
        path: Arc::clone(path),
        found: Vec::new(),
        diagnostics: Vec::new(),
    };
    if let [only] = wanted {
        run(*only, &origin, size, tar, budgets, &mut result);
        return result;
    }
    if size > budgets.max_file_buffer {
        run(wanted[0], &origin, size, tar, budgets, &mut result);
        for c in &wanted[1..] {
            result.diagnostics.push(Diagnostic::file(
                path,
                format!(
                    "{}: not read: {size} bytes, over the limit of {} for a file read by several catalogers",
                    c.name(),
                    budgets.max_file_buffer
                ),
            ));
        }
        return result;
    }
    let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    if let Err(e) = tar.read_to_end(&mut data) {
        result
            .diagnostics
            .push(Diagnostic::file(path, format!("could not be read: {e}")));
        return result;
    }
    for c in wanted {
        run(*c, &origin, size, &mut Cursor::new(&data), budgets, &mut result);
    }
    result
}

fn run(
    cataloger: &dyn Cataloger,
    origin: &Origin,
    size: u64,
    reader: &mut dyn Read,
    budgets: &Budgets,
    result: &mut FileResult,
) {
    let mut input = FileInput::new(origin.clone(), size, reader).with_buffer_limit(budgets.max_file_buffer);
    // A cataloger reads hostile bytes; a bug in one must not end the whole inventory.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        cataloger.catalog(&mut input, &mut result.found)
    }));
    let message = match outcome {
        Ok(Ok(())) => return,
        Ok(Err(e)) => format!("{}: {e}", cataloger.name()),
        Err(_) => format!(
            "{}: the cataloger failed on this file (a bug: please report it)",
            cataloger.name()
        ),
    };
    result.diagnostics.push(Diagnostic::file(&origin.path, message));
}

/// A copy of what a file gave, for a hard link to it.
pub(crate) fn relocate(from: &FileResult, path: &Arc<str>) -> FileResult {
    let found = from
        .found
        .iter()
        .cloned()
        .map(|mut f| {
            if let Found::Package(p) = &mut f {
                p.origin.path = Arc::clone(path);
            }
            f
        })
        .collect();
    FileResult {
        path: Arc::clone(path),
        found,
        diagnostics: Vec::new(),
    }
}

/// An entry's name as an absolute, normalised path: `./a/../b` and `/b` are both `/b`. None
/// when `..` climbs above the root.
pub(crate) fn entry_path(name: &str) -> Option<Arc<str>> {
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
    let mut path = String::with_capacity(name.len() + 1);
    for p in &parts {
        path.push('/');
        path.push_str(p);
    }
    if path.is_empty() {
        path.push('/');
    }
    Some(Arc::from(path))
}

fn shorten(s: &str) -> String {
    if s.len() <= 200 {
        s.to_owned()
    } else {
        let cut = (0..=200).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
        format!("{}…", &s[..cut])
    }
}

fn corrupt(e: &io::Error) -> String {
    format!("truncated or corrupt layer: {e}")
}

/// Why reading the tar stopped: a budget the guard saw, or damage.
fn stopped<R: Read>(tar: &mut TarReader<Streamed<Hashing<Guard<'_, R>>>>, e: &TarError) -> String {
    if let Some(message) = tar.inner_stop() {
        return message;
    }
    match e {
        TarError::Io(io) => corrupt(io),
        TarError::BadHeader { .. } => format!("truncated or corrupt layer: {e}"),
        TarError::NameTooLong { .. } => {
            format!("{e}, over the budget for a path: the entries after that were not read")
        }
    }
}

impl<R: Read> TarReader<Streamed<Hashing<Guard<'_, R>>>> {
    /// The budget or read error the guard recorded, if any.
    fn inner_stop(&mut self) -> Option<String> {
        self.inner_mut().0.inner.stop.take()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Compression {
    Gzip,
    Zstd,
    Plain,
}

impl Compression {
    /// By the blob's first bytes: media types are often wrong (Docker's "tar.gzip" layers that
    /// are plain, zstd layers labelled gzip).
    fn sniff(head: &[u8]) -> Result<Compression, String> {
        if head.starts_with(&[0x1f, 0x8b]) {
            Ok(Compression::Gzip)
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Ok(Compression::Zstd)
        } else if head.starts_with(b"BZh") || head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
            Err("the layer is compressed with bzip2 or xz, which OCI images do not use: not read".into())
        } else {
            Ok(Compression::Plain)
        }
    }
}

/// Hashes (optionally) and counts what passes through.
pub(crate) struct Hashing<R> {
    pub(crate) inner: R,
    hasher: Option<Sha256>,
}

impl<R> Hashing<R> {
    fn new(inner: R, hash: bool) -> Hashing<R> {
        Hashing {
            inner,
            hasher: hash.then(Sha256::new),
        }
    }

    fn finish(&mut self) -> String {
        let hasher = self.hasher.take().unwrap_or_default();
        format!("sha256:{}", hex(&hasher.finalize()))
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(h) = &mut self.hasher {
            h.update(&buf[..n]);
        }
        Ok(n)
    }
}

/// Counts decompressed bytes against the layer's and the image's budgets, and remembers the
/// first failure so that an error a cataloger swallowed still stops the layer.
pub(crate) struct Guard<'a, R> {
    inner: R,
    limits: &'a Limits<'a>,
    layer: u64,
    stop: Option<String>,
}

impl<R: Read> Read for Guard<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.stop.is_some() {
            return Err(io::Error::other("the layer stopped"));
        }
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
            Err(e) => {
                self.stop = Some(corrupt(&e));
                return Err(e);
            }
        };
        self.layer += n as u64;
        let total = self.limits.total.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        let b = self.limits.budgets;
        let over = if self.layer > b.max_layer_bytes {
            Some(format!(
                "over the budget of {} decompressed bytes for one layer: the entries after that were not read",
                b.max_layer_bytes
            ))
        } else if total > b.max_total_bytes {
            Some(format!(
                "over the budget of {} decompressed bytes for the whole image: the entries after that were not read",
                b.max_total_bytes
            ))
        } else {
            None
        };
        if let Some(message) = over {
            self.stop = Some(message);
            return Err(io::Error::other("over the decompression budget"));
        }
        Ok(n)
    }
}
