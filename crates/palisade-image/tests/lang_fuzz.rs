//! Fuzz targets for the Python, Java, Ruby and PHP catalogers, and the hostile archives the
//! Java walk must survive.
//!
//! Every fixture of `tests/fixtures/lang/rootfs` is a seed: text files are mutated as an
//! unstructured fuzzer would, jars byte by byte, and zip trees are also generated whole from
//! `arbitrary` (nested archives, stored or deflated, with manifests and `pom.properties` of
//! arbitrary text). Each case goes to every cataloger that wants its path: none may panic, and
//! every package found must have a name, a version and an origin inside the file. Cases per seed
//! are bounded in normal tests; `PALISADE_FUZZ_CASES` raises them.

use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::Arc;

use arbitrary::{Result, Unstructured};
use palisade_core::Origin;
use palisade_fuzz::{Mutator, cases, entropy};
use palisade_image::{CatalogError, Cataloger, FileInput, Found, catalogers};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

/// Bytes that matter to the formats read here (TOML, JSON, RFC 822, Ruby, properties, pins).
const SYNTAX: &[u8] = b" -:=\"'[]{}(),.#\\\n\t|%<>!~;0aZ\r";
const INSERTS: &[&str] = &[
    "\n",
    " ",
    "==",
    "===",
    "\\\n",
    "[[package]]\n",
    "  specs:\n",
    "    x (1.0-",
    "#{",
    "<<~EOS\n",
    "%w[",
    "\"",
    "'",
    "{",
    "[",
    "\u{feff}",
    "\u{0}",
    "s.name = ",
    "Name: ",
    " --hash=",
];

/// Text seeds: syntax bytes over a byte, fragments spliced in.
const TEXT: Mutator = Mutator {
    overwrites: SYNTAX,
    inserts: INSERTS,
    max_cut: 16,
    hot: &[],
};

/// Archives: any byte, flipped bits, runs cut.
const BINARY: Mutator = Mutator {
    overwrites: &[],
    inserts: &[],
    max_cut: 16,
    hot: &[],
};

/// The target: every cataloger that wants `path` reads `bytes`; what it finds is well formed.
fn target(path: &str, bytes: &[u8]) -> Vec<Result<(), String>> {
    let mut results = Vec::new();
    for c in catalogers().into_iter().filter(|c| c.wants(path)) {
        let (found, result) = run(c, path, bytes);
        for f in &found {
            if let Found::Package(p) = f {
                assert!(!p.name.is_empty() && !p.version.is_empty(), "{p:?} from {path}");
                assert!(p.origin.path.starts_with(path), "{p:?} from {path}");
            }
        }
        results.push(result.map_err(|e| e.to_string()));
    }
    results
}

fn run(c: &dyn Cataloger, path: &str, bytes: &[u8]) -> (Vec<Found>, std::result::Result<(), CatalogError>) {
    let origin = Origin {
        layer: Some(Arc::from("sha256:00")),
        path: Arc::from(path),
    };
    let mut reader = bytes;
    let mut input = FileInput::new(origin, bytes.len() as u64, &mut reader);
    let mut found = Vec::new();
    let result = c.catalog(&mut input, &mut found);
    (found, result)
}

/// Every fixture file, with its path inside the root file system.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lang/rootfs");
    let mut out = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/");
                out.push((format!("/{rel}"), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn is_archive(path: &str) -> bool {
    [".jar", ".war", ".ear"].iter().any(|e| path.ends_with(e))
}

#[test]
fn mutated_fixtures() {
    let seeds = seeds();
    assert!(seeds.len() > 20);
    for (path, seed) in &seeds {
        assert!(
            target(path, seed).iter().all(Result::is_ok),
            "a seed fails: {path}"
        );
        let archive = is_archive(path);
        for case in 0..cases(if archive { 150 } else { 60 }) {
            let data = entropy(case);
            let mut u = Unstructured::new(&data);
            if let Ok(bytes) = if archive { BINARY } else { TEXT }.mutate(seed, &mut u) {
                target(path, &bytes);
            }
        }
    }
}

/// A zip of `(name, content, stored)` entries, written by the `zip` crate.
fn zip(entries: &[(String, Vec<u8>, bool)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content, stored) in entries {
        let method = if *stored {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(content).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn pom(group: &str, artifact: &str, version: &str) -> (String, Vec<u8>, bool) {
    (
        format!("META-INF/maven/{group}/{artifact}/pom.properties"),
        format!("groupId={group}\nartifactId={artifact}\nversion={version}\n").into_bytes(),
        false,
    )
}

/// An archive tree from `arbitrary`: metadata of arbitrary text, nested archives.
fn arbitrary_archive(u: &mut Unstructured<'_>, depth: u32) -> Result<Vec<u8>> {
    const NAMES: &[&str] = &[
        "META-INF/MANIFEST.MF",
        "META-INF/maven/g/a/pom.properties",
        "META-INF/maven/org.x/y/pom.properties",
        "WEB-INF/lib/a-1.0.jar",
        "BOOT-INF/lib/b.jar",
        "m.war",
        "x.class",
        "dir/",
    ];
    let mut entries = Vec::new();
    for _ in 0..u.int_in_range(0..=6)? {
        let name = (*u.choose(NAMES)?).to_owned();
        if entries.iter().any(|(n, _, _)| *n == name) {
            continue; // the writer refuses duplicates; a hostile reader's zip may still have them
        }
        let content = if name.ends_with("ar") && depth < 6 && u.arbitrary()? {
            arbitrary_archive(u, depth + 1)?
        } else if name.ends_with(".properties") {
            let v: String = u.arbitrary()?;
            format!("groupId=g\nartifactId={v}\nversion={v}\n{v}").into_bytes()
        } else {
            let v: String = u.arbitrary()?;
            format!("Manifest-Version: 1.0\nImplementation-Version: {v}\n {v}\nBundle-SymbolicName: {v}\n")
                .into_bytes()
        };
        entries.push((name, content, u.arbitrary()?));
    }
    Ok(zip(&entries))
}

#[test]
fn generated_archive_trees() {
    let java = catalogers()
        .into_iter()
        .find(|c| c.name() == "java-archive")
        .unwrap();
    for case in 0..cases(300) {
        let data = entropy(case);
        let mut u = Unstructured::new(&data);
        let Ok(bytes) = arbitrary_archive(&mut u, 0) else {
            continue;
        };
        let (found, _) = run(java, "/app/t-1.0.jar", &bytes);
        for f in &found {
            if let Found::Package(p) = f {
                assert!(!p.name.is_empty() && !p.version.is_empty(), "{p:?}");
                assert!(p.origin.path.starts_with("/app/t-1.0.jar"), "{p:?}");
                assert!(p.origin.path.matches("!/").count() <= 4, "{p:?}");
            }
        }
    }
}

fn java() -> &'static dyn Cataloger {
    catalogers()
        .into_iter()
        .find(|c| c.name() == "java-archive")
        .unwrap()
}

#[test]
fn nesting_stops_four_archives_deep() {
    let mut inner = zip(&[pom("org.x", "level12", "1")]);
    for level in (0..12).rev() {
        inner = zip(&[
            pom("org.x", &format!("level{level}"), "1"),
            (format!("lib/level{}.jar", level + 1), inner, level % 2 == 0),
        ]);
    }
    let (found, result) = run(java(), "/deep.jar", &inner);
    result.unwrap();
    let names: Vec<_> = found
        .iter()
        .filter_map(|f| match f {
            Found::Package(p) => Some((p.name.as_str(), p.origin.path.matches("!/").count())),
            _ => None,
        })
        .collect();
    assert_eq!(
        names,
        [
            ("org.x:level0", 0),
            ("org.x:level1", 1),
            ("org.x:level2", 2),
            ("org.x:level3", 3),
            ("org.x:level4", 4)
        ]
    );
}

/// A deflate stream (RFC 1951) inflating to `len` zeros, about 13 bits per 258 bytes, built
/// directly: one fixed-Huffman block of a literal 0 and then matches of length 258 at distance 1.
#[allow(clippy::cast_possible_truncation)] // sizes of a few MiB, bytes of a u64
fn zeros_deflated(len: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        /// `count` bits of `value`, least significant first.
        fn put(&mut self, value: u64, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u64, count: u32) {
            let reversed = (0..count).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
            self.put(reversed, count);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // BFINAL
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30, 8); // literal 0
    for _ in 0..(len - 1) / 258 {
        b.code(0b1100_0101, 8); // length symbol 285: 258
        b.code(0, 5); // distance symbol 0: 1
    }
    for _ in 0..(len - 1) % 258 {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

/// CRC-32 (ISO-HDLC), bit by bit.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |crc, &b| {
        (0..8).fold(crc ^ u32::from(b), |c, _| {
            (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg())
        })
    })
}

/// A zip written by hand, for entries the `zip` crate would not write (a deflated entry given as
/// its raw stream). Entries: name, method (0 stored, 8 deflated), data as stored, uncompressed
/// size. Stored entries get their CRC; deflated ones 0: a reader that stops at its cap never
/// reaches the check.
#[allow(clippy::cast_possible_truncation)] // sizes of a few MiB, bytes of a u64
fn raw_zip(entries: &[(&str, u16, Vec<u8>, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, size) in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend([0; 4]); // time, date
            h.extend((if *method == 0 { crc32(data) } else { 0 }).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let at = out.len() as u32;
    let count = entries.len() as u16;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend([0; 2]);
    out
}

#[test]
#[allow(clippy::cast_possible_truncation)] // sizes of a few MiB
fn a_nested_inflation_bomb_is_refused_and_the_rest_kept() {
    // 96 MiB of zeros in about 600 KiB; inflated, they pass the 64 MiB a nested archive may take.
    let pom = b"groupId=org.x\nartifactId=app\nversion=1.0\n".to_vec();
    let outer = raw_zip(&[
        (
            "META-INF/maven/org.x/app/pom.properties",
            0,
            pom.clone(),
            pom.len() as u32,
        ),
        ("WEB-INF/lib/bomb.jar", 8, zeros_deflated(96 << 20), 96 << 20),
        // A metadata bomb: an 8 MiB pom.properties is not read (1 MiB at most).
        (
            "META-INF/maven/org.y/big/pom.properties",
            8,
            zeros_deflated(8 << 20),
            8 << 20,
        ),
    ]);
    assert!(outer.len() < 1 << 20, "{}", outer.len());
    let (found, result) = run(java(), "/app.war", &outer);
    assert!(
        matches!(result, Err(CatalogError::TooLarge { max, .. }) if max == 64 << 20),
        "{result:?}"
    );
    let names: Vec<_> = found
        .iter()
        .filter_map(|f| match f {
            Found::Package(p) => Some(p.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["org.x:app"]);
}

#[test]
fn a_fan_out_of_stored_copies_stops_at_the_nested_count() {
    // 20 stored copies per level, four levels: 168 420 archives if all were opened.
    let mut inner = zip(&[pom("org.x", "leaf", "1")]);
    for _ in 0..4 {
        let copies: Vec<_> = (0..20)
            .map(|i| (format!("lib/c{i}.jar"), inner.clone(), true))
            .collect();
        inner = zip(&copies);
    }
    let (found, result) = run(java(), "/fan.jar", &inner);
    let Err(CatalogError::Malformed(message)) = result else {
        panic!("{result:?}");
    };
    assert!(message.contains("nested archives"), "{message}");
    // The leaves are three levels down (never four: the last level is the leaf jar itself); a
    // walk stopped at 10 000 nested archives has seen fewer than every one of the 160 000 leaves.
    let leaves = found.len();
    assert!(leaves > 1000 && leaves < 10_000, "{leaves}");
}

#[test]
fn an_archive_of_too_many_entries_is_not_opened() {
    // 200 001 central directory records of empty entries, 9.2 MB, and an end record with the
    // Zip64 count 0xFFFF: opened, they would take the zip reader's memory for each.
    let entries: Vec<_> = (0..200_001)
        .map(|i| (format!("{i:x}"), 0u16, Vec::new(), 0))
        .collect();
    let refs: Vec<_> = entries
        .iter()
        .map(|(n, m, d, s)| (n.as_str(), *m, d.clone(), *s))
        .collect();
    let mut zip = raw_zip(&refs);
    let end = zip.len() - 22;
    zip[end + 8..end + 12].copy_from_slice(&[0xFF; 4]);
    let (found, result) = run(java(), "/many.jar", &zip);
    assert!(found.is_empty());
    let Err(CatalogError::Malformed(message)) = result else {
        panic!("{result:?}");
    };
    assert!(message.contains("more than 200000 entries"), "{message}");
}

#[test]
fn what_is_not_an_archive_is_an_error_not_a_panic() {
    for bytes in [
        &b""[..],
        b"PK\x03\x04",
        b"PK\x05\x06\0\0\0\0\xff\xff\xff\xff\0\0\0\0\0\0\0\0\0\0",
        b"not a zip",
    ] {
        let (found, result) = run(java(), "/x.jar", bytes);
        assert!(found.is_empty());
        assert!(matches!(result, Err(CatalogError::Malformed(_))), "{result:?}");
    }
}
