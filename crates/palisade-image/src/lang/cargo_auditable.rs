//! Rust executables built with `cargo auditable`: the crates compiled in, from the zlib-compressed
//! JSON the tool links into the `.dep-v0` section.
//!
//! The section is found through the executable's own tables, read as the file streams past:
//! PE and Mach-O list their sections in the headers at the start, so the section's byte range is
//! known before it arrives. ELF keeps its section table at the end; `.dep-v0` is not loaded at
//! run time, and linkers put such sections after everything that is, so the part of the file
//! after the last loaded segment is kept (at most [`TAIL_MAX`] bytes: stripped release
//! binaries keep a few kilobytes there) and the section table is read from it at the end. An
//! unstripped binary whose symbols and debug info exceed that is skipped silently.
//!
//! Every crate the JSON lists is a package (the root crate, local and build-time crates too,
//! as Syft lists them).

use crate::bytes::Endian;
use std::io::Read as _;

use palisade_core::{Origin, PackageKind};
use serde::Deserialize;

use super::{json_error, package, push};
use crate::{CatalogError, Found};

/// The most kept of an ELF file's part after its loaded segments.
pub(super) const TAIL_MAX: u64 = 16 << 20;
/// The most read of a PE or Mach-O section.
const SECTION_MAX: u64 = 4 << 20;
/// The most the JSON may take once inflated (cargo-auditable's own reader stops at 8 MiB).
const JSON_MAX: u64 = 8 << 20;
const SECTION: &[u8] = b".dep-v0";

/// The executable formats read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Elf { wide: bool, little: bool },
    Pe,
    MachO { wide: bool, little: bool },
}

impl Format {
    /// The format of a file from its first bytes.
    pub(super) fn detect(head: &[u8]) -> Option<Format> {
        match head.get(..4)? {
            [0x7f, b'E', b'L', b'F'] => {
                let wide = match head.get(4)? {
                    1 => false,
                    2 => true,
                    _ => return None,
                };
                let little = match head.get(5)? {
                    1 => true,
                    2 => false,
                    _ => return None,
                };
                Some(Format::Elf { wide, little })
            }
            [b'M', b'Z', ..] => Some(Format::Pe),
            [0xce, 0xfa, 0xed, 0xfe] => Some(Format::MachO {
                wide: false,
                little: true,
            }),
            [0xcf, 0xfa, 0xed, 0xfe] => Some(Format::MachO {
                wide: true,
                little: true,
            }),
            [0xfe, 0xed, 0xfa, 0xce] => Some(Format::MachO {
                wide: false,
                little: false,
            }),
            [0xfe, 0xed, 0xfa, 0xcf] => Some(Format::MachO {
                wide: true,
                little: false,
            }),
            _ => None,
        }
    }

    /// How many leading bytes hold the tables [`plan`] reads (so the caller reads that much
    /// before planning, within its own cap).
    pub(super) fn header_len(self, head: &[u8]) -> u64 {
        let r = Bytes {
            data: head,
            little: self.little(),
        };
        let len = match self {
            Format::Elf { wide, .. } => {
                let (phoff, entsize, num) = if wide {
                    (r.u64(0x20), r.u16(0x36), r.u16(0x38))
                } else {
                    (r.u32(0x1c).map(u64::from), r.u16(0x2a), r.u16(0x2c))
                };
                phoff
                    .zip(entsize.zip(num))
                    .map(|(off, (size, num))| off.saturating_add(u64::from(size) * u64::from(num)))
            }
            Format::Pe => r.u32(0x3c).and_then(|lfanew| {
                let lfanew = u64::from(lfanew);
                let sections = r.u16(usize::try_from(lfanew + 6).ok()?)?;
                let optional = r.u16(usize::try_from(lfanew + 20).ok()?)?;
                Some(lfanew + 24 + u64::from(optional) + 40 * u64::from(sections))
            }),
            Format::MachO { wide, .. } => r.u32(20).map(|cmds| u64::from(cmds) + if wide { 32 } else { 28 }),
        };
        len.unwrap_or(0)
    }

    fn little(self) -> bool {
        match self {
            Format::Elf { little, .. } | Format::MachO { little, .. } => little,
            Format::Pe => true,
        }
    }
}

/// Which bytes of the file to keep for the section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Plan {
    /// The section itself (PE, Mach-O).
    Section { offset: u64, size: u64 },
    /// An ELF file's part after its loaded segments, read from `from`.
    ElfTail {
        from: u64,
        wide: bool,
        little: bool,
        shoff: u64,
        shentsize: u16,
        shnum: u16,
        shstrndx: u16,
    },
}

impl Plan {
    /// The byte range to keep, at most the caps.
    pub(super) fn range(self) -> (u64, u64) {
        match self {
            Plan::Section { offset, size } => (offset, offset.saturating_add(size.min(SECTION_MAX))),
            Plan::ElfTail { from, .. } => (from, from.saturating_add(TAIL_MAX)),
        }
    }
}

/// Where the section may be, from the headers in `head`; `None` when the headers do not say or
/// the file has no such section.
pub(super) fn plan(format: Format, head: &[u8]) -> Option<Plan> {
    let r = Bytes {
        data: head,
        little: format.little(),
    };
    match format {
        Format::Elf { wide, little } => {
            let (phoff, phentsize, phnum, shoff, shentsize, shnum, shstrndx) = if wide {
                (
                    r.u64(0x20)?,
                    r.u16(0x36)?,
                    r.u16(0x38)?,
                    r.u64(0x28)?,
                    r.u16(0x3a)?,
                    r.u16(0x3c)?,
                    r.u16(0x3e)?,
                )
            } else {
                let (ph, sh) = (u64::from(r.u32(0x1c)?), u64::from(r.u32(0x20)?));
                (
                    ph,
                    r.u16(0x2a)?,
                    r.u16(0x2c)?,
                    sh,
                    r.u16(0x2e)?,
                    r.u16(0x30)?,
                    r.u16(0x32)?,
                )
            };
            let mut from = 0u64;
            for i in 0..u64::from(phnum) {
                let at = usize::try_from(phoff.checked_add(i * u64::from(phentsize))?).ok()?;
                // PT_LOAD
                if r.u32(at)? != 1 {
                    continue;
                }
                let (offset, filesz) = if wide {
                    (r.u64(at + 8)?, r.u64(at + 32)?)
                } else {
                    (u64::from(r.u32(at + 4)?), u64::from(r.u32(at + 16)?))
                };
                from = from.max(offset.saturating_add(filesz));
            }
            (shoff >= from && shnum > 0).then_some(Plan::ElfTail {
                from,
                wide,
                little,
                shoff,
                shentsize,
                shnum,
                shstrndx,
            })
        }
        Format::Pe => {
            let lfanew = usize::try_from(r.u32(0x3c)?).ok()?;
            if head.get(lfanew..lfanew.checked_add(4)?)? != b"PE\0\0" {
                return None;
            }
            let sections = usize::from(r.u16(lfanew + 6)?);
            let table = lfanew + 24 + usize::from(r.u16(lfanew + 20)?);
            (0..sections).find_map(|i| {
                let at = table + 40 * i;
                let name = head.get(at..at + 8)?;
                let name = &name[..name.iter().position(|b| *b == 0).unwrap_or(8)];
                (name == SECTION).then_some(())?;
                Some(Plan::Section {
                    offset: u64::from(r.u32(at + 20)?),
                    size: u64::from(r.u32(at + 16)?),
                })
            })
        }
        Format::MachO { wide, .. } => {
            let ncmds = r.u32(16)?;
            let mut at = if wide { 32 } else { 28 };
            for _ in 0..ncmds.min(4096) {
                let (cmd, size) = (r.u32(at)?, usize::try_from(r.u32(at + 4)?).ok()?);
                // LC_SEGMENT, LC_SEGMENT_64
                if cmd == 0x1 || cmd == 0x19 {
                    let (nsects_at, first, entry) = if wide { (64, 72, 80) } else { (48, 56, 68) };
                    let nsects = r.u32(at + nsects_at)?;
                    for s in 0..usize::try_from(nsects.min(4096)).ok()? {
                        let sect = at + first + entry * s;
                        let name = head.get(sect..sect + 16)?;
                        let name = &name[..name.iter().position(|b| *b == 0).unwrap_or(16)];
                        if name != SECTION {
                            continue;
                        }
                        let (size, offset) = if wide {
                            (r.u64(sect + 40)?, u64::from(r.u32(sect + 48)?))
                        } else {
                            (u64::from(r.u32(sect + 36)?), u64::from(r.u32(sect + 40)?))
                        };
                        return Some(Plan::Section { offset, size });
                    }
                }
                if size < 8 {
                    return None;
                }
                at = at.checked_add(size)?;
            }
            None
        }
    }
}

/// The section's bytes out of what was kept for `plan` (`kept` starts at `plan.range().0`).
pub(super) fn section(plan: Plan, kept: &[u8]) -> Option<&[u8]> {
    let Plan::ElfTail {
        from,
        wide,
        little,
        shoff,
        shentsize,
        shnum,
        shstrndx,
    } = plan
    else {
        return Some(kept);
    };
    let r = Bytes { data: kept, little };
    let header = |i: u16| -> Option<(u32, u64, u64)> {
        let at = shoff
            .checked_sub(from)?
            .checked_add(u64::from(i) * u64::from(shentsize))?;
        let at = usize::try_from(at).ok()?;
        if wide {
            Some((r.u32(at)?, r.u64(at + 24)?, r.u64(at + 32)?))
        } else {
            Some((r.u32(at)?, u64::from(r.u32(at + 16)?), u64::from(r.u32(at + 20)?)))
        }
    };
    let slice = |offset: u64, size: u64| -> Option<&[u8]> {
        let start = usize::try_from(offset.checked_sub(from)?).ok()?;
        kept.get(start..start.checked_add(usize::try_from(size).ok()?)?)
    };
    let (_, names_offset, names_size) = header(shstrndx)?;
    let names = slice(names_offset, names_size)?;
    (0..shnum).find_map(|i| {
        let (name, offset, size) = header(i)?;
        let name = names.get(usize::try_from(name).ok()?..)?;
        let name = &name[..name.iter().position(|b| *b == 0)?];
        (name == SECTION).then(|| slice(offset, size))?
    })
}

#[derive(Deserialize)]
struct Audit {
    packages: Vec<Crate>,
}

#[derive(Deserialize)]
struct Crate {
    name: String,
    version: String,
}

/// Pushes the crates of a `.dep-v0` section.
pub(super) fn packages(
    section: &[u8],
    origin: &Origin,
    cataloger: &'static str,
    out: &mut Vec<Found>,
) -> Result<(), CatalogError> {
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(section)
        .take(JSON_MAX + 1)
        .read_to_end(&mut json)
        .map_err(|e| CatalogError::Malformed(format!("the .dep-v0 section does not inflate: {e}")))?;
    if json.len() as u64 > JSON_MAX {
        return Err(CatalogError::TooLarge {
            size: json.len() as u64,
            max: JSON_MAX,
        });
    }
    let audit: Audit = serde_json::from_slice(&json).map_err(|e| json_error(&e))?;
    for c in audit.packages {
        push(
            out,
            package(
                PackageKind::Cargo,
                c.name,
                c.version,
                Vec::new(),
                origin,
                cataloger,
            ),
        );
    }
    Ok(())
}

/// Fixed-width integers at offsets, `None` past the end.
struct Bytes<'a> {
    data: &'a [u8],
    little: bool,
}

impl Bytes<'_> {
    fn endian(&self) -> Endian {
        if self.little { Endian::Little } else { Endian::Big }
    }

    fn u16(&self, at: usize) -> Option<u16> {
        self.endian().u16(self.data, at)
    }

    fn u32(&self, at: usize) -> Option<u32> {
        self.endian().u32(self.data, at)
    }

    fn u64(&self, at: usize) -> Option<u64> {
        self.endian().u64(self.data, at)
    }
}
