//! A streaming reader of tar archives (ustar, GNU long names, PAX), written for hostile input:
//! every name is bounded before it is read, headers are checksummed, and nothing is buffered
//! beyond one header block and one name.
//!
//! The `tar` crate reads GNU long names and PAX headers whole, whatever size they claim, which
//! lets a few kilobytes of gzip ask for gigabytes; this reader refuses them past the path budget.

use std::io::{self, BufReader, Read, Seek};

const BLOCK: u64 = 512;
const BLOCK_LEN: usize = 512;
/// PAX extended headers larger than this are refused (real ones are a few hundred bytes).
const MAX_PAX: u64 = 1 << 20;

/// What an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    File,
    HardLink,
    Symlink,
    Dir,
    /// Devices, fifos, sparse files and anything unknown: they occupy a path but hold nothing a
    /// cataloger reads.
    Other,
}

/// One entry's header, with long names and PAX overrides applied.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub(crate) name: Vec<u8>,
    pub(crate) link: Vec<u8>,
    pub(crate) kind: Kind,
    pub(crate) size: u64,
    /// Where the entry's data starts in the archive.
    pub(crate) data_offset: u64,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum TarError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("tar header at byte {offset} is damaged ({what})")]
    BadHeader { offset: u64, what: &'static str },
    #[error("an entry name of {len} bytes at byte {offset} is over the limit of {max}")]
    NameTooLong { offset: u64, len: u64, max: u64 },
}

/// A byte stream the reader can skip forward in: by reading (compressed layers) or by seeking
/// (archives on disk).
pub(crate) trait Source: Read {
    fn skip(&mut self, n: u64) -> io::Result<()> {
        let copied = io::copy(&mut self.take(n), &mut io::sink())?;
        if copied < n {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(())
    }
}

/// Skips by reading.
pub(crate) struct Streamed<R>(pub(crate) R);

impl<R: Read> Read for Streamed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: Read> Source for Streamed<R> {}

/// Skips by seeking, for archives on disk.
pub(crate) struct Seeked<R>(pub(crate) BufReader<R>);

impl<R: Read> Read for Seeked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: Read + Seek> Source for Seeked<R> {
    fn skip(&mut self, n: u64) -> io::Result<()> {
        let n = i64::try_from(n).map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
        self.0.seek_relative(n)
    }
}

pub(crate) struct TarReader<R> {
    inner: R,
    /// Bytes consumed from `inner`.
    pos: u64,
    /// Data bytes of the current entry not yet read.
    remaining: u64,
    /// Padding after the current entry's data.
    padding: u64,
    max_name: u64,
    done: bool,
}

impl<R: Source> TarReader<R> {
    pub(crate) fn new(inner: R, max_name: u64) -> TarReader<R> {
        TarReader {
            inner,
            pos: 0,
            remaining: 0,
            padding: 0,
            max_name,
            done: false,
        }
    }

    /// The next entry, or none at the end of the archive. The previous entry's unread data is
    /// skipped first.
    pub(crate) fn next_entry(&mut self) -> Result<Option<Header>, TarError> {
        let mut long_name = None;
        let mut long_link = None;
        let mut pax = Pax::default();
        loop {
            self.skip_rest()?;
            if self.done {
                return Ok(None);
            }
            let offset = self.pos;
            let mut block = [0u8; BLOCK_LEN];
            if !self.read_block(&mut block)? {
                // The end-of-archive blocks are missing; the digest check decides whether the
                // layer was cut.
                self.done = true;
                return Ok(None);
            }
            if block.iter().all(|&b| b == 0) {
                self.done = true;
                return Ok(None);
            }
            check_sum(&block, offset)?;
            let size = parse_size(&block[124..136]).ok_or(TarError::BadHeader { offset, what: "size" })?;
            let flag = block[156];
            let data_offset = self.pos;
            match flag {
                b'L' | b'K' => {
                    let name = self.read_small(size, self.max_name, offset)?;
                    let name = trim_nul(&name).to_vec();
                    if flag == b'L' {
                        long_name = Some(name);
                    } else {
                        long_link = Some(name);
                    }
                    continue;
                }
                b'x' => {
                    let data = self.read_small(size, MAX_PAX.max(self.max_name), offset)?;
                    pax.parse(&data);
                    continue;
                }
                b'g' => {
                    self.start_data(size);
                    continue;
                }
                _ => {}
            }
            let kind = match flag {
                b'0' | 0 | b'7' => Kind::File,
                b'1' => Kind::HardLink,
                b'2' => Kind::Symlink,
                b'5' => Kind::Dir,
                _ => Kind::Other,
            };
            let ustar = &block[257..263] == b"ustar\0";
            let name = if let Some(name) = pax.path.take().or(long_name.take()) {
                name
            } else {
                {
                    let base = trim_nul(&block[0..100]);
                    let prefix = if ustar { trim_nul(&block[345..500]) } else { &[] };
                    if prefix.is_empty() {
                        base.to_vec()
                    } else {
                        [prefix, b"/", base].concat()
                    }
                }
            };
            let link = pax
                .link
                .take()
                .or(long_link.take())
                .unwrap_or_else(|| trim_nul(&block[157..257]).to_vec());
            let size = pax.size.take().unwrap_or(size);
            if name.len() as u64 > self.max_name || link.len() as u64 > self.max_name {
                return Err(TarError::NameTooLong {
                    offset,
                    len: name.len().max(link.len()) as u64,
                    max: self.max_name,
                });
            }
            // Links, directories, devices and fifos carry no data whatever their size says.
            let data = match flag {
                b'1'..=b'6' => 0,
                _ => size,
            };
            self.start_data(data);
            return Ok(Some(Header {
                name,
                link,
                kind,
                size: data,
                data_offset,
            }));
        }
    }

    pub(crate) fn inner_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The inner stream, for reading what follows the archive.
    pub(crate) fn into_inner(self) -> R {
        self.inner
    }

    fn start_data(&mut self, size: u64) {
        self.remaining = size;
        self.padding = (BLOCK - size % BLOCK) % BLOCK;
    }

    fn skip_rest(&mut self) -> io::Result<()> {
        if self.remaining > 0 {
            self.inner.skip(self.remaining)?;
            self.pos += self.remaining;
            self.remaining = 0;
        }
        if self.padding > 0 {
            // umoci 0.4 ends its layers right after the last file's data, without padding or
            // end blocks: the data is whole, so that is an end, not damage (the digest still
            // decides whether the blob is what the manifest names).
            match self.inner.skip(self.padding) {
                Ok(()) => self.pos += self.padding,
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => self.done = true,
                Err(e) => return Err(e),
            }
            self.padding = 0;
        }
        Ok(())
    }

    /// Reads one block; false at a clean end of stream before its first byte.
    fn read_block(&mut self, block: &mut [u8; BLOCK_LEN]) -> io::Result<bool> {
        let mut filled = 0;
        while filled < block.len() {
            match self.inner.read(&mut block[filled..]) {
                Ok(0) if filled == 0 => return Ok(false),
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.pos += BLOCK;
        Ok(true)
    }

    fn read_small(&mut self, size: u64, max: u64, offset: u64) -> Result<Vec<u8>, TarError> {
        if size > max {
            return Err(TarError::NameTooLong {
                offset,
                len: size,
                max,
            });
        }
        self.start_data(size);
        let mut buf = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        self.read_to_end(&mut buf)?;
        if (buf.len() as u64) < size {
            return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into());
        }
        Ok(buf)
    }
}

/// Reads the current entry's data.
impl<R: Source> Read for TarReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.remaining == 0 {
            return Ok(0);
        }
        let want = usize::try_from(self.remaining.min(buf.len() as u64)).unwrap_or(buf.len());
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        self.remaining -= n as u64;
        self.pos += n as u64;
        Ok(n)
    }
}

#[derive(Default)]
struct Pax {
    path: Option<Vec<u8>>,
    link: Option<Vec<u8>>,
    size: Option<u64>,
}

impl Pax {
    /// Records are `LEN key=value\n`, LEN counting the whole record.
    fn parse(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            let Some(space) = data.iter().position(|&b| b == b' ') else {
                return;
            };
            let Some(len) = std::str::from_utf8(&data[..space])
                .ok()
                .and_then(|s| s.parse::<usize>().ok())
            else {
                return;
            };
            if len <= space || len > data.len() {
                return;
            }
            let record = &data[space + 1..len];
            let record = record.strip_suffix(b"\n").unwrap_or(record);
            if let Some(eq) = record.iter().position(|&b| b == b'=') {
                let (key, value) = (&record[..eq], &record[eq + 1..]);
                match key {
                    b"path" => self.path = Some(value.to_vec()),
                    b"linkpath" => self.link = Some(value.to_vec()),
                    b"size" => {
                        self.size = std::str::from_utf8(value).ok().and_then(|s| s.parse().ok());
                    }
                    _ => {}
                }
            }
            data = &data[len..];
        }
    }
}

fn trim_nul(field: &[u8]) -> &[u8] {
    let end = field.iter().position(|&b| b == 0).unwrap_or(field.len());
    &field[..end]
}

/// Octal digits (space or NUL padded), or GNU base-256 for sizes over 8 GiB.
fn parse_size(field: &[u8]) -> Option<u64> {
    if field[0] & 0x80 != 0 {
        if field[0] & 0x40 != 0 {
            return None; // negative
        }
        let mut n: u64 = u64::from(field[0] & 0x3f);
        for &b in &field[1..] {
            n = n.checked_mul(256)?.checked_add(u64::from(b))?;
        }
        return Some(n);
    }
    parse_octal(field)
}

fn parse_octal(field: &[u8]) -> Option<u64> {
    let mut n: u64 = 0;
    let mut digits = 0;
    for &b in field {
        match b {
            b'0'..=b'7' => {
                n = n.checked_mul(8)?.checked_add(u64::from(b - b'0'))?;
                digits += 1;
            }
            b' ' | 0 if digits == 0 => {}
            b' ' | 0 => break,
            _ => return None,
        }
    }
    Some(n)
}

/// The checksum is the sum of the header's bytes with its own field read as spaces; some old
/// writers summed signed bytes, so both are accepted.
fn check_sum(block: &[u8; BLOCK_LEN], offset: u64) -> Result<(), TarError> {
    let stored = parse_octal(&block[148..156]).ok_or(TarError::BadHeader {
        offset,
        what: "checksum field",
    })?;
    let mut unsigned: u64 = 0;
    let mut signed: i64 = 0;
    for (i, &b) in block.iter().enumerate() {
        let b = if (148..156).contains(&i) { b' ' } else { b };
        unsigned += u64::from(b);
        signed += i64::from(i8::from_ne_bytes([b]));
    }
    if stored == unsigned || i64::try_from(stored).is_ok_and(|s| s == signed) {
        Ok(())
    } else {
        Err(TarError::BadHeader {
            offset,
            what: "checksum mismatch",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(build: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        build(&mut b);
        b.into_inner().unwrap()
    }

    fn file(b: &mut tar::Builder<Vec<u8>>, name: &str, data: &[u8]) {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, name, data).unwrap();
    }

    type Listed = Vec<(String, Kind, String, Vec<u8>)>;

    fn entries(bytes: &[u8], max_name: u64) -> Result<Listed, TarError> {
        let mut r = TarReader::new(Streamed(bytes), max_name);
        let mut out = vec![];
        while let Some(h) = r.next_entry()? {
            let mut data = vec![];
            r.read_to_end(&mut data)?;
            out.push((
                String::from_utf8_lossy(&h.name).into_owned(),
                h.kind,
                String::from_utf8_lossy(&h.link).into_owned(),
                data,
            ));
        }
        Ok(out)
    }

    #[test]
    fn reads_long_names_links_and_data() {
        let long = format!("{}/Cargo.lock", "d".repeat(150));
        let bytes = archive(|b| {
            file(b, "etc/os-release", b"ID=debian\n");
            file(b, &long, b"[[package]]\n");
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_size(0);
            b.append_link(&mut h, "usr/lib/os-release", "../../etc/os-release")
                .unwrap();
        });
        let got = entries(&bytes, 4096).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, "etc/os-release");
        assert_eq!(got[0].3, b"ID=debian\n");
        assert_eq!(got[1].0, long);
        assert_eq!(got[1].3, b"[[package]]\n");
        assert_eq!(
            (got[2].1, got[2].2.as_str()),
            (Kind::Symlink, "../../etc/os-release")
        );
    }

    #[test]
    fn refuses_long_names_over_the_budget_before_reading_them() {
        let long = "x/".repeat(200);
        let bytes = archive(|b| file(b, &long, b""));
        let err = entries(&bytes, 100).unwrap_err();
        assert_eq!(
            err.to_string(),
            "an entry name of 401 bytes at byte 0 is over the limit of 100"
        );
    }

    #[test]
    fn damaged_header_is_an_error() {
        let mut bytes = archive(|b| file(b, "a", b"1"));
        bytes[3] ^= 0x55;
        assert_eq!(
            entries(&bytes, 100).unwrap_err().to_string(),
            "tar header at byte 0 is damaged (checksum mismatch)"
        );
    }

    #[test]
    fn cut_data_is_an_error() {
        let bytes = archive(|b| file(b, "a", &[7u8; 2000]));
        assert!(matches!(
            entries(&bytes[..1200], 100),
            Err(TarError::Io(e)) if e.kind() == io::ErrorKind::UnexpectedEof
        ));
    }

    #[test]
    fn missing_padding_after_the_last_file_is_an_end() {
        // As umoci 0.4.7 writes its layers.
        let bytes = archive(|b| file(b, "app/yarn.lock", b"# yarn lockfile v1\n"));
        let got = entries(&bytes[..512 + 19], 100).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].3, b"# yarn lockfile v1\n");
    }

    #[test]
    fn pax_records() {
        let mut p = Pax::default();
        p.parse(b"28 path=some/long/name/here\n11 size=42\n");
        assert_eq!(p.path.as_deref(), Some(&b"some/long/name/here"[..]));
        assert_eq!(p.size, Some(42));
        let mut p = Pax::default();
        p.parse(b"999999 path=x\n");
        assert!(p.path.is_none());
    }
}
