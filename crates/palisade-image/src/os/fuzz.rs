//! Fuzz targets for the operating-system parsers, run over the seed files of
//! `tests/data/os` in normal tests (`PALISADE_FUZZ_CASES` cases per seed, default 300): byte
//! mutations driven by `arbitrary`, plus structure-aware ones for the binary formats (rpm header
//! index entries, Berkeley DB page headers, item offsets and overflow links). No input may
//! panic, hang, or make a parser allocate from a count it read.

use std::path::Path;
use std::sync::Arc;

use arbitrary::{Result, Unstructured};
use palisade_core::Origin;
use palisade_fuzz::{Mutator, entropy};

use super::rpm::{bdb, header};
use super::{Apk, Dpkg, OsRelease, Rpm};
use crate::{Cataloger, FileInput, Found};

fn seed(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/os")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `cataloger` on `bytes` at `path`; what it finds must be well-formed.
fn target(cataloger: &dyn Cataloger, path: &str, bytes: &[u8]) {
    let origin = Origin {
        layer: None,
        path: Arc::from(path),
    };
    let mut reader = bytes;
    let mut input = FileInput::new(origin, bytes.len() as u64, &mut reader);
    let mut out = Vec::new();
    let _ = cataloger.catalog(&mut input, &mut out);
    assert!(out.len() <= bytes.len(), "more results than bytes");
    for found in &out {
        match found {
            Found::Package(p) => {
                assert!(!p.name.is_empty() && !p.version.is_empty(), "{p:?}");
                assert_eq!(&*p.origin.path, path);
            }
            Found::Distro(d) => assert!(!d.id.is_empty(), "{d:?}"),
            Found::Finding(_) => {}
        }
    }
}

fn run(seeds: &[Vec<u8>], mut case: impl FnMut(&[u8], &mut Unstructured<'_>) -> Result<()>) {
    for (s, seed) in seeds.iter().enumerate() {
        for n in 0..palisade_fuzz::cases(300) {
            let data = entropy(n ^ ((s as u64) << 32));
            let mut u = Unstructured::new(&data);
            let _ = case(seed, &mut u);
        }
    }
}

const TEXTISH: &[u8] = b" :\n\r\t=\"'\\#$`()-.0aZP";

/// Text formats (release files, dpkg, apk): syntax bytes over a byte, random bytes inserted.
const TEXT: Mutator = Mutator {
    overwrites: TEXTISH,
    inserts: &[],
    max_cut: 16,
    hot: &[],
};

#[test]
fn fuzz_release_files() {
    let seeds = [
        b"NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n\
          PRETTY_NAME='Debian \\\"12\\\"'\nID_LIKE=\"rhel fedora\"\n"
            .to_vec(),
        b"CentOS Linux release 7.9.2009 (Core)\n".to_vec(),
        b"DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\nDISTRIB_CODENAME=trusty\n".to_vec(),
    ];
    let paths = [
        "/etc/os-release",
        "/etc/redhat-release",
        "/etc/lsb-release",
        "/etc/alpine-release",
        "/etc/debian_version",
    ];
    run(&seeds, |seed, u| {
        let bytes = TEXT.mutate(seed, u)?;
        target(&OsRelease, u.choose(&paths)?, &bytes);
        Ok(())
    });
}

#[test]
fn fuzz_dpkg_status() {
    let seeds = [seed("dpkg/status"), seed("dpkg/status.d/libssl3")];
    run(&seeds, |seed, u| {
        let bytes = TEXT.mutate(seed, u)?;
        target(&Dpkg, "/var/lib/dpkg/status", &bytes);
        Ok(())
    });
}

#[test]
fn fuzz_apk_installed() {
    let seeds = [seed("apk/installed")];
    run(&seeds, |seed, u| {
        let bytes = TEXT.mutate(seed, u)?;
        target(&Apk, "/lib/apk/db/installed", &bytes);
        Ok(())
    });
}

/// Header blobs taken from the real Berkeley DB fixture, mutated with the index (counts,
/// types, offsets) as the hot range.
#[test]
fn fuzz_rpm_header() {
    let mut seeds = Vec::new();
    bdb::for_each_value(&seed("Packages.le"), |v| seeds.push(v.to_vec())).unwrap();
    assert!(seeds.len() >= 5);
    run(&seeds, |seed, u| {
        let count = u32::from_be_bytes(seed[..4].try_into().unwrap()) as usize;
        let bytes = Mutator {
            overwrites: &[0, 1, 4, 6, 8, 9, 0xff],
            inserts: &[],
            max_cut: 16,
            hot: &[(0, 8 + 16 * count)],
        }
        .mutate(seed, u)?;
        if let Ok(h) = header::parse(&bytes) {
            assert!(!h.name.is_empty());
        }
        Ok(())
    });
}

/// The real Berkeley DB fixtures in both byte orders, mutated mostly in the metadata page and
/// in page headers and item offsets; also through the rpm cataloger.
#[test]
fn fuzz_rpm_berkeley_db() {
    let seeds = [seed("Packages.le"), seed("Packages.be")];
    run(&seeds, |seed, u| {
        let pages = seed.len() / 4096;
        let mut hot = vec![(0, 64)];
        hot.extend((1..pages).map(|p| (p * 4096, 64)));
        let bytes = Mutator {
            overwrites: &[0, 1, 2, 3, 7, 13, 0x10, 0xff],
            inserts: &[],
            max_cut: 16,
            hot: &hot,
        }
        .mutate(seed, u)?;
        let mut total = 0usize;
        let _ = bdb::for_each_value(&bytes, |v| total += v.len());
        // Values are slices of the file or chains of its pages: never more than it holds.
        assert!(
            total <= bytes.len() * 2,
            "{total} bytes of values from {}",
            bytes.len()
        );
        target(&Rpm, "/var/lib/rpm/Packages", &bytes);
        Ok(())
    });
}

/// The SQLite fixture with its header and first pages mutated: SQLite must report corruption,
/// not crash, and the rpm cataloger must not panic on what it returns.
#[test]
fn fuzz_rpm_sqlite() {
    let seeds = [seed("rpmdb.sqlite")];
    let cases = palisade_fuzz::cases(300).min(100);
    for n in 0..cases {
        let data = entropy(n);
        let mut u = Unstructured::new(&data);
        let hot = [(0, 100), (4096, 4096), (8192, 4096)];
        if let Ok(bytes) = (Mutator {
            overwrites: &[0, 1, 2, 0x0d, 0xff],
            inserts: &[],
            max_cut: 16,
            hot: &hot,
        })
        .mutate(&seeds[0], &mut u)
        {
            target(&Rpm, "/var/lib/rpm/rpmdb.sqlite", &bytes);
        }
    }
}

fn real_headers() -> Vec<Vec<u8>> {
    let mut blobs = Vec::new();
    bdb::for_each_value(&seed("Packages.le"), |v| blobs.push(v.to_vec())).unwrap();
    blobs
}

fn names(bytes: &[u8], path: &str) -> Vec<String> {
    let origin = Origin {
        layer: None,
        path: Arc::from(path),
    };
    let mut reader = bytes;
    let mut input = FileInput::new(origin, bytes.len() as u64, &mut reader);
    let mut out = Vec::new();
    Rpm.catalog(&mut input, &mut out).unwrap();
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

/// No rpm on Debian writes ndb; the file is laid out from rpm's `rpmpkg.c` around the real
/// headers rpm wrote, and must read as the Berkeley DB holding the same headers does.
#[test]
fn ndb_reads_the_same_packages_as_berkeley_db() {
    let ndb = super::rpm::ndb::build(&real_headers());
    let from_ndb = names(&ndb, "/usr/lib/sysimage/rpm/Packages.db");
    assert_eq!(from_ndb.len(), 5, "six headers, one of them gpg-pubkey");
    assert_eq!(from_ndb, names(&seed("Packages.le"), "/var/lib/rpm/Packages"));
}

#[test]
fn fuzz_rpm_ndb() {
    let seeds = [super::rpm::ndb::build(&real_headers())];
    run(&seeds, |seed, u| {
        let bytes = Mutator {
            overwrites: &[0, 1, 0x10, 0xff, b'S'],
            inserts: &[],
            max_cut: 16,
            hot: &[(0, 256), (4096, 64)],
        }
        .mutate(seed, u)?;
        let _ = super::rpm::ndb::for_each_blob(&bytes, |_| {});
        target(&Rpm, "/var/lib/rpm/Packages.db", &bytes);
        Ok(())
    });
}
