//! Executables (ELF, PE, Mach-O): the Go build info and the cargo-auditable dependency list
//! compiled into them, both read in one streaming pass over the file.
//!
//! File names do not say what is an executable, so [`Binary::wants`] takes files that may be
//! one (in a `bin`/`sbin`/`libexec` folder, named without an extension, or `.so`/`.exe`/`.dll`,
//! outside data trees such as `/usr/share`), and `catalog` reads the first bytes and stops
//! there unless they open an executable. An executable is then read once, in chunks: the Go
//! build info is found by its magic (and, for Go before 1.18, the module text by its
//! sentinels), and the bytes cargo-auditable's section may occupy are kept (see
//! [`super::cargo_auditable`]). Memory stays bounded by the caps there and in
//! [`super::go_buildinfo`], whatever the file's size.

use std::io::Read;

use memchr::memmem;

use super::cargo_auditable::{self, Format, Plan};
use super::go_buildinfo::{self, Header, Inline};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static BINARY: Binary = Binary;

/// The first read: enough for the magic and, almost always, the headers.
const HEAD: usize = 4 << 10;
/// The most read for the headers.
const HEAD_MAX: u64 = 64 << 10;
/// The size of each later read.
const CHUNK: usize = 256 << 10;

pub(crate) struct Binary;

/// The names the packages found are recorded under.
const GO: &str = "go-binary";
const CARGO: &str = "cargo-auditable";

impl Cataloger for Binary {
    fn name(&self) -> &'static str {
        "binary"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        may_be_executable(path)
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let origin = file.origin().clone();
        let reader = file.reader();
        let mut buf = Vec::with_capacity(HEAD);
        fill(reader, &mut buf, HEAD)?;
        let Some(format) = Format::detect(&buf) else {
            return Ok(());
        };
        let want = format.header_len(&buf).min(HEAD_MAX);
        fill(reader, &mut buf, usize::try_from(want).unwrap_or(HEAD))?;
        let plan = cargo_auditable::plan(format, &buf);
        let mut scan = Scan {
            reader,
            buf,
            base: 0,
            eof: false,
            kept: Kept {
                range: plan.map(Plan::range),
                bytes: Vec::new(),
            },
        };
        let go = scan.go()?;
        scan.finish()?;
        if let Some(go) = go {
            let text = go
                .modinfo
                .as_deref()
                .and_then(go_buildinfo::strip_sentinels)
                .unwrap_or("");
            go_buildinfo::packages(go.version.as_deref(), text, &origin, GO, out);
        }
        if let Some(section) = plan.and_then(|p| cargo_auditable::section(p, &scan.kept.bytes)) {
            cargo_auditable::packages(section, &origin, CARGO, out)?;
        }
        Ok(())
    }
}

/// Trees that hold data, not programs (unless in a `bin` folder).
const DATA: &[&str] = &[
    "/usr/share/",
    "/usr/include/",
    "/usr/src/",
    "/var/lib/dpkg/",
    "/var/lib/apt/",
    // Package databases: the OS catalogers read them, and a second reader would make the layer
    // reader hold them in memory to hand them to both.
    "/var/lib/rpm/",
    "/usr/lib/sysimage/rpm/",
    "/lib/apk/db/",
    "/var/cache/",
    "/var/log/",
    "/etc/",
    "/proc/",
    "/sys/",
    "/dev/",
];

/// Whether a path may name an executable (see the module's documentation).
fn may_be_executable(path: &str) -> bool {
    let name = super::file_name(path);
    let dir = &path[..path.len() - name.len()];
    let in_bin = dir.split('/').any(|c| matches!(c, "bin" | "sbin" | "libexec"));
    if in_bin {
        return true;
    }
    if DATA.iter().any(|d| path.starts_with(d)) || path.contains("/node_modules/") || path.contains("/.git/")
    {
        return false;
    }
    match name.rsplit_once('.') {
        None => true,
        Some((stem, ext)) => {
            stem.is_empty() || matches!(ext, "so" | "exe" | "dll" | "bin") || name.contains(".so.")
        }
    }
}

/// Reads until `buf` holds `len` bytes or the file ends.
fn fill(reader: &mut dyn Read, buf: &mut Vec<u8>, len: usize) -> Result<bool, CatalogError> {
    while buf.len() < len {
        let old = buf.len();
        buf.resize(len, 0);
        match reader.read(&mut buf[old..]) {
            Ok(0) => {
                buf.truncate(old);
                return Ok(false);
            }
            Ok(n) => buf.truncate(old + n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => buf.truncate(old),
            Err(e) => {
                buf.truncate(old);
                return Err(CatalogError::Io(e));
            }
        }
    }
    Ok(true)
}

/// What the Go build info gave.
struct Go {
    version: Option<String>,
    modinfo: Option<Vec<u8>>,
}

/// The bytes kept for cargo-auditable: those of the file inside `range`.
struct Kept {
    range: Option<(u64, u64)>,
    bytes: Vec<u8>,
}

impl Kept {
    fn take(&mut self, base: u64, data: &[u8]) {
        let Some((start, end)) = self.range else { return };
        let from = start.max(base);
        let to = end.min(base + data.len() as u64);
        if from < to {
            // Both within `data`, so they fit in usize.
            let a = usize::try_from(from - base).unwrap_or(usize::MAX);
            let b = usize::try_from(to - base).unwrap_or(usize::MAX);
            self.bytes.extend_from_slice(data.get(a..b).unwrap_or_default());
        }
    }

    fn done(&self, base: u64) -> bool {
        self.range.is_none_or(|(_, end)| base >= end)
    }
}

/// The file as it streams past: `buf` holds the bytes from offset `base` on.
struct Scan<'r> {
    reader: &'r mut dyn Read,
    buf: Vec<u8>,
    base: u64,
    eof: bool,
    kept: Kept,
}

/// The most bytes kept behind a match while more of the file is read for it.
const PENDING_MAX: usize = go_buildinfo::MODINFO_MAX + 1024;

impl Scan<'_> {
    /// Drops the first `n` bytes of the buffer (offering them to `kept`), then reads a chunk;
    /// `false` at the end of the file.
    fn advance(&mut self, n: usize) -> Result<bool, CatalogError> {
        let n = n.min(self.buf.len());
        self.kept.take(self.base, &self.buf[..n]);
        self.buf.drain(..n);
        self.base += n as u64;
        if self.eof {
            return Ok(false);
        }
        let want = self.buf.len() + CHUNK;
        self.eof = !fill(self.reader, &mut self.buf, want)?;
        Ok(true)
    }

    /// Reads on until the Go build info is found and read, or the file ends. Also returns, for
    /// Go before 1.18 (a header without inline strings), the module text found by its
    /// sentinels; sentinels alone, with no header, are not taken for Go.
    fn go(&mut self) -> Result<Option<Go>, CatalogError> {
        let magic = memmem::Finder::new(go_buildinfo::MAGIC);
        let start = memmem::Finder::new(&go_buildinfo::MODINFO_START);
        let end = memmem::Finder::new(&go_buildinfo::MODINFO_END);
        let mut text: Option<Vec<u8>> = None;
        let mut pointers = false;
        // Where the next search starts, in `buf`.
        let mut from = 0;
        loop {
            let base = self.base;
            let m = magic
                .find_iter(&self.buf[from..])
                .map(|i| from + i)
                .find(|i| (base + *i as u64) % 16 == 0);
            let s = if text.is_none() {
                start.find(&self.buf[from..]).map(|i| from + i)
            } else {
                None
            };
            // The position to keep the buffer from while more is read.
            let hold = match (m.filter(|m| s.is_none_or(|s| *m < s)), s) {
                (Some(m), _) => match self.header_at(m) {
                    Step::Done(go) => return Ok(Some(go)),
                    Step::Pointers => {
                        pointers = true;
                        from = m + 1;
                        continue;
                    }
                    Step::Skip => {
                        from = m + 1;
                        continue;
                    }
                    Step::More => m,
                },
                (_, Some(s)) => {
                    if let Some(e) = end.find(&self.buf[s + 16..]) {
                        let stop = s + 16 + e + 16;
                        text = Some(self.buf[s..stop].to_vec());
                        from = stop;
                        continue;
                    }
                    if self.eof || self.buf.len() - s > PENDING_MAX {
                        from = s + 1;
                        continue;
                    }
                    s
                }
                (None, None) => {
                    if self.eof {
                        break;
                    }
                    // A needle may start in the last 15 bytes.
                    self.buf.len().saturating_sub(15).max(from)
                }
            };
            self.advance(hold)?;
            from = 0;
        }
        Ok(pointers.then_some(Go {
            version: None,
            modinfo: text,
        }))
    }

    /// Reads a build info header at `m` in the buffer.
    fn header_at(&self, m: usize) -> Step {
        let more = |len: usize| {
            if self.eof || len > PENDING_MAX {
                Step::Skip
            } else {
                Step::More
            }
        };
        let data = &self.buf[m..];
        if data.len() < go_buildinfo::HEADER {
            return more(data.len());
        }
        match go_buildinfo::header(data) {
            None => Step::Skip,
            Some(Header::Pointers) => Step::Pointers,
            Some(Header::Inline) => match go_buildinfo::inline(&data[go_buildinfo::HEADER..]) {
                Inline::Done { version, modinfo } => Step::Done(Go {
                    version: Some(version.to_owned()),
                    modinfo: Some(modinfo.to_vec()),
                }),
                Inline::Need(_) => more(data.len()),
                Inline::Invalid => Step::Skip,
            },
        }
    }

    /// Reads the rest of the file that `kept` may want.
    fn finish(&mut self) -> Result<(), CatalogError> {
        while !self.kept.done(self.base) {
            if !self.advance(self.buf.len())? {
                break;
            }
        }
        Ok(())
    }
}

/// What a build info header at a position leads to.
enum Step {
    Done(Go),
    Pointers,
    Skip,
    More,
}
