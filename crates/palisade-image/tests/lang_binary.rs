//! The executable cataloger on hand-built files for what the toolchains here cannot produce:
//! Go build info in the pointer format of Go before 1.18, build info that straddles the reads of
//! the stream, and cargo-auditable sections in PE and Mach-O files.

use std::io::{Cursor, Write as _};
use std::sync::Arc;

use palisade_core::Origin;
use palisade_image::{Cataloger, FileInput, Found, catalogers};

const MAGIC: &[u8] = b"\xff Go buildinf:";
const START: [u8; 16] = [
    0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6,
];
const END: [u8; 16] = [
    0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2,
];
const MODINFO: &str = "path\texample.com/tool\nmod\texample.com/tool\tv1.4.0\th1:abc=\n\
dep\tgithub.com/a/b\tv0.1.0\th1:def=\ndep\tgithub.com/c/d\tv1.0.0\th1:ghi=\n\
=>\tgithub.com/c/d-fork\tv1.0.1\th1:jkl=\n";

fn binary() -> &'static dyn Cataloger {
    catalogers().into_iter().find(|c| c.name() == "binary").unwrap()
}

/// `name version` of what the cataloger finds in `bytes`.
fn scan(bytes: &[u8]) -> Vec<String> {
    let origin = Origin {
        layer: None,
        path: Arc::from("/usr/local/bin/tool"),
    };
    let mut cursor = Cursor::new(bytes);
    let mut input = FileInput::new(origin, bytes.len() as u64, &mut cursor);
    let mut out = Vec::new();
    binary().catalog(&mut input, &mut out).unwrap();
    let mut names: Vec<String> = out
        .into_iter()
        .filter_map(|f| match f {
            Found::Package(p) => Some(format!("{} {}", p.name, p.version)),
            _ => None,
        })
        .collect();
    names.sort();
    names
}

/// An ELF file header of a 64-bit little-endian executable with no program or section headers.
fn elf() -> Vec<u8> {
    let mut head = vec![0u8; 64];
    head[..6].copy_from_slice(&[0x7f, b'E', b'L', b'F', 2, 1]);
    head
}

fn pad_to(bytes: &mut Vec<u8>, len: usize) {
    bytes.resize(len, 0xcc);
}

fn modinfo() -> Vec<u8> {
    let mut text = START.to_vec();
    text.extend_from_slice(MODINFO.as_bytes());
    text.extend_from_slice(&END);
    text
}

fn uvarint(mut n: usize, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push(u8::try_from(n & 0x7f).unwrap() | 0x80);
        n >>= 7;
    }
    out.push(u8::try_from(n).unwrap());
}

/// Inline (Go ≥ 1.18) build info.
fn inline_buildinfo() -> Vec<u8> {
    let mut info = MAGIC.to_vec();
    info.extend_from_slice(&[8, 2]);
    info.resize(32, 0);
    uvarint(8, &mut info);
    info.extend_from_slice(b"go1.22.5");
    let text = modinfo();
    uvarint(text.len(), &mut info);
    info.extend_from_slice(&text);
    info
}

const EXPECTED: [&str; 4] = [
    "example.com/tool v1.4.0",
    "github.com/a/b v0.1.0",
    "github.com/c/d-fork v1.0.1",
    "stdlib go1.22.5",
];

#[test]
fn inline_build_info_across_read_boundaries() {
    // The reads are 4 KiB, then 256 KiB at a time: put the header just before, across and
    // after the boundaries.
    for at in [4096 - 32, 4096 - 16, 4096, 266_240 - 16, 266_240 + 1_000_000] {
        let at = at / 16 * 16;
        let mut file = elf();
        pad_to(&mut file, at);
        file.extend_from_slice(&inline_buildinfo());
        pad_to(&mut file, at + 300_000);
        assert_eq!(scan(&file), EXPECTED, "build info at {at}");
    }
}

#[test]
fn the_magic_off_alignment_or_with_bad_flags_is_not_build_info() {
    let mut file = elf();
    pad_to(&mut file, 4096 + 8);
    file.extend_from_slice(&inline_buildinfo());
    pad_to(&mut file, 8192);
    assert!(scan(&file).is_empty());
    // The magic as a constant of a program that reads build info, then the real one.
    let mut file = elf();
    pad_to(&mut file, 1024);
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(b"\x00\x00garbage");
    pad_to(&mut file, 2048);
    file.extend_from_slice(&inline_buildinfo());
    assert_eq!(scan(&file), EXPECTED);
}

#[test]
fn pointer_format_build_info_gives_modules_without_the_go_version() {
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(&[8, 0]);
    header.extend_from_slice(&[0x10; 16]);
    let expected = &EXPECTED[..3];
    // Module text before the header (in .rodata, as the linker lays it out) and after it.
    for text_first in [true, false] {
        let mut file = elf();
        pad_to(&mut file, 512);
        let (a, b) = if text_first {
            (modinfo(), header.clone())
        } else {
            (header.clone(), modinfo())
        };
        file.extend_from_slice(&a);
        pad_to(&mut file, 300_000);
        file.extend_from_slice(&b);
        pad_to(&mut file, 400_000);
        assert_eq!(scan(&file), expected, "text first: {text_first}");
    }
    // Sentinels without a build info header are not taken for Go.
    let mut file = elf();
    file.extend_from_slice(&modinfo());
    assert!(scan(&file).is_empty());
}

fn dep_v0() -> Vec<u8> {
    let json = br#"{"packages":[{"name":"tool","version":"0.3.0","source":"local","root":true,"dependencies":[1]},{"name":"serde","version":"1.0.210","source":"crates.io"}]}"#;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(7));
    z.write_all(json).unwrap();
    z.finish().unwrap()
}

#[test]
fn cargo_auditable_sections_in_pe_files() {
    let data = dep_v0();
    let mut pe = vec![0u8; 0x200];
    pe[..2].copy_from_slice(b"MZ");
    pe[0x3c..0x40].copy_from_slice(&0x80u32.to_le_bytes());
    pe[0x80..0x84].copy_from_slice(b"PE\0\0");
    // COFF header: two sections, no optional header.
    pe[0x86..0x88].copy_from_slice(&2u16.to_le_bytes());
    let table = 0x80 + 24;
    for (i, (name, offset)) in [(&b".text\0\0\0"[..], 0x1000u32), (b".dep-v0\0", 0x200)]
        .iter()
        .enumerate()
    {
        let at = table + 40 * i;
        pe[at..at + 8].copy_from_slice(name);
        let size = u32::try_from(data.len()).unwrap();
        pe[at + 8..at + 12].copy_from_slice(&size.to_le_bytes());
        pe[at + 16..at + 20].copy_from_slice(&size.to_le_bytes());
        pe[at + 20..at + 24].copy_from_slice(&offset.to_le_bytes());
    }
    pe.extend_from_slice(&data);
    pad_to(&mut pe, 0x2000);
    assert_eq!(scan(&pe), ["serde 1.0.210", "tool 0.3.0"]);
}

#[test]
fn cargo_auditable_sections_in_mach_o_files() {
    let data = dep_v0();
    let mut macho = Vec::new();
    macho.extend_from_slice(&0xfeed_facf_u32.to_le_bytes());
    macho.extend_from_slice(&[0; 12]);
    macho.extend_from_slice(&1u32.to_le_bytes()); // ncmds
    macho.extend_from_slice(&(72u32 + 80).to_le_bytes()); // sizeofcmds
    macho.extend_from_slice(&[0; 8]);
    // LC_SEGMENT_64 with one section.
    let mut cmd = vec![0u8; 72 + 80];
    cmd[..4].copy_from_slice(&0x19u32.to_le_bytes());
    cmd[4..8].copy_from_slice(&152u32.to_le_bytes());
    cmd[8..14].copy_from_slice(b"__DATA");
    cmd[64..68].copy_from_slice(&1u32.to_le_bytes());
    let sect = 72;
    cmd[sect..sect + 7].copy_from_slice(b".dep-v0");
    cmd[sect + 16..sect + 22].copy_from_slice(b"__DATA");
    cmd[sect + 40..sect + 48].copy_from_slice(&(data.len() as u64).to_le_bytes());
    cmd[sect + 48..sect + 52].copy_from_slice(&0x400u32.to_le_bytes());
    macho.extend_from_slice(&cmd);
    pad_to(&mut macho, 0x400);
    macho.extend_from_slice(&data);
    pad_to(&mut macho, 0x1000);
    assert_eq!(scan(&macho), ["serde 1.0.210", "tool 0.3.0"]);
}

#[test]
fn files_that_are_not_executables_are_left_after_their_first_bytes() {
    assert!(scan(b"#!/bin/sh\necho hi\n").is_empty());
    assert!(scan(b"").is_empty());
    let b = binary();
    assert!(b.wants("/usr/local/bin/kubectl") && b.wants("/app/server") && b.wants("/usr/lib/libx.so.1"));
    assert!(b.wants("/usr/bin/python3.11") && b.wants("/opt/app/tool.exe"));
    assert!(!b.wants("/usr/share/zoneinfo/UTC") && !b.wants("/app/main.go") && !b.wants("/etc/passwd"));
    assert!(
        !b.wants("/app/node_modules/x/LICENSE")
            && b.wants("/app/node_modules/@esbuild/linux-x64/bin/esbuild")
    );
}
