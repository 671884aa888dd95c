//! Go module build info, as the Go linker writes it into every executable built in module mode
//! (`go version -m` prints it): the Go version, the main module, and every dependency module
//! with its replacement.
//!
//! The build info starts with a 32-byte header (`\xff Go buildinf:`, the pointer size, flags),
//! 16-byte aligned. Go ≥ 1.18 writes the version and module strings right after it (flag bit 2,
//! each a uvarint length and bytes); older Go writes pointers to them instead, which only the
//! loaded image resolves. Both formats also wrap the module text in two fixed 16-byte
//! sentinels, so for older binaries the module text is found by its sentinels and the Go version
//! is not known. [`super::binary`] finds both in one pass over the file; this module parses.
//!
//! Packages, as Syft reports them: the main module (`(devel)` when built from a checkout
//! without a version), each `dep` (or its `=>` replacement, which is what was compiled), and the
//! Go toolchain as the module `stdlib` with the version `go1.x.y`. Replacements by local
//! directories are not listed (Syft lists `../dir` with `(devel)`): they name no module.

use palisade_core::{Origin, PackageKind};

use super::{package, push};
use crate::Found;

/// The header's first bytes.
pub(super) const MAGIC: &[u8] = b"\xff Go buildinf:";
/// What opens the module text.
pub(super) const MODINFO_START: [u8; 16] = [
    0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6,
];
/// What closes it.
pub(super) const MODINFO_END: [u8; 16] = [
    0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2,
];
/// The header's length.
pub(super) const HEADER: usize = 32;
/// The most module text read: the largest real programs (Kubernetes, Terraform) have well
/// under 100 KiB.
pub(super) const MODINFO_MAX: usize = 4 << 20;
/// The most a Go version string may take.
const VERSION_MAX: usize = 256;

/// What a build info header says about the data after it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Header {
    /// Go ≥ 1.18: the strings follow the header.
    Inline,
    /// Older Go: pointers to the strings, resolved only in the loaded program.
    Pointers,
}

/// Reads a candidate header (the magic already matched): `None` when its pointer size or flags
/// are not what Go writes (the magic also appears as a constant in programs that read build
/// info, such as the `go` command).
pub(super) fn header(bytes: &[u8]) -> Option<Header> {
    let (&size, &flags) = (bytes.get(14)?, bytes.get(15)?);
    if !matches!(size, 4 | 8) || flags & !0b11 != 0 {
        return None;
    }
    Some(if flags & 0b10 != 0 {
        Header::Inline
    } else {
        Header::Pointers
    })
}

/// The outcome of reading inline strings from `data` (what follows the header).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Inline<'a> {
    /// Both strings: the Go version and the raw module text (with sentinels).
    Done { version: &'a str, modinfo: &'a [u8] },
    /// `data` is too short: this many bytes are needed in all.
    Need(usize),
    /// Not build info.
    Invalid,
}

/// Reads the two uvarint-prefixed strings that follow an inline header.
pub(super) fn inline(data: &[u8]) -> Inline<'_> {
    let mut at = 0;
    let mut strings = [&[][..]; 2];
    for (i, s) in strings.iter_mut().enumerate() {
        let Some((len, width)) = uvarint(&data[at.min(data.len())..]) else {
            return if data.len() < at + 10 {
                Inline::Need(at + 10)
            } else {
                Inline::Invalid
            };
        };
        let cap = if i == 0 { VERSION_MAX } else { MODINFO_MAX };
        let Some(len) = usize::try_from(len).ok().filter(|l| *l <= cap) else {
            return Inline::Invalid;
        };
        let end = at + width + len;
        let Some(bytes) = data.get(at + width..end) else {
            return Inline::Need(end);
        };
        *s = bytes;
        at = end;
    }
    match std::str::from_utf8(strings[0]) {
        Ok(version) if version.is_empty() || version.starts_with("go") => Inline::Done {
            version,
            modinfo: strings[1],
        },
        _ => Inline::Invalid,
    }
}

/// A little-endian base-128 integer and its width; `None` when `bytes` ends inside it or it
/// overflows 64 bits.
fn uvarint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        let part = u64::from(b & 0x7f);
        if i == 9 && b > 1 {
            return None;
        }
        value |= part << (7 * i);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// The module text between the sentinels, as Go's own reader takes it: `None` when the
/// string is too short or the sentinels are missing.
pub(super) fn strip_sentinels(modinfo: &[u8]) -> Option<&str> {
    if modinfo.len() < 33 || modinfo[modinfo.len() - 17] != b'\n' {
        return None;
    }
    std::str::from_utf8(&modinfo[16..modinfo.len() - 16]).ok()
}

/// Pushes the packages of one binary's build info: the toolchain (when the version is known)
/// and the modules of the module text.
pub(super) fn packages(
    go_version: Option<&str>,
    modinfo: &str,
    origin: &Origin,
    cataloger: &'static str,
    out: &mut Vec<Found>,
) {
    let mut modules = Vec::new();
    for line in modinfo.lines() {
        let mut fields = line.split('\t');
        let (Some(kind), Some(path)) = (fields.next(), fields.next()) else {
            continue;
        };
        let version = fields.next().unwrap_or("");
        match kind {
            "mod" | "dep" => modules.push((path, version)),
            // A replacement takes the place of the module listed just before it.
            "=>" => {
                if let Some(last) = modules.last_mut() {
                    *last = (path, version);
                }
            }
            _ => {}
        }
    }
    // Go modules are listed even when the module text is empty (a binary built outside
    // module mode has only the toolchain), like Syft.
    if let Some(version) = go_version.and_then(|v| v.split_whitespace().next()) {
        push(
            out,
            package(PackageKind::Go, "stdlib", version, Vec::new(), origin, cataloger),
        );
    }
    for (path, version) in modules {
        if !path.is_empty() && !path.starts_with('.') && !path.starts_with('/') {
            push(
                out,
                package(PackageKind::Go, path, version, Vec::new(), origin, cataloger),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uvarints_are_read_and_bounded() {
        assert_eq!(uvarint(&[0x05]), Some((5, 1)));
        assert_eq!(uvarint(&[0x96, 0x01]), Some((150, 2)));
        assert_eq!(uvarint(&[0x80]), None);
        assert_eq!(uvarint(&[0xff; 10]), None);
    }

    #[test]
    fn inline_strings_ask_for_more_until_complete() {
        let mut data = vec![8];
        data.extend_from_slice(b"go1.22.1");
        assert_eq!(inline(&data), Inline::Need(19));
        data.push(0);
        assert_eq!(
            inline(&data),
            Inline::Done {
                version: "go1.22.1",
                modinfo: b""
            }
        );
        assert_eq!(inline(&[3, b'x', b'y', b'z', 0]), Inline::Invalid);
        assert_eq!(inline(&[0xff, 0xff, 0xff, 0x7f]), Inline::Invalid);
    }

    #[test]
    fn headers_name_their_format() {
        let mut h = MAGIC.to_vec();
        h.extend_from_slice(&[8, 2]);
        assert_eq!(header(&h), Some(Header::Inline));
        h[15] = 0;
        assert_eq!(header(&h), Some(Header::Pointers));
        h[14] = 3;
        assert_eq!(header(&h), None);
    }
}
