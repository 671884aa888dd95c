//! The operating-system catalogers on real package databases: rpm databases written by rpm
//! itself (SQLite, and Berkeley DB in both byte orders, see `tests/data/os/make-rpmdb.sh`) and
//! checked against `rpm -qa`; dpkg and apk databases as Debian, distroless and Alpine images
//! hold them; and the dpkg packages of the real Debian test image checked against Syft 1.18.1.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use palisade_core::{Distro, Origin, Package, PackageKind, SourcePackage};
use palisade_image::{CatalogError, Cataloger, FileInput, Found, catalog_tree, catalogers};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/os")
        .join(rel)
}

fn cataloger(name: &str) -> &'static dyn Cataloger {
    catalogers()
        .into_iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("no cataloger {name}"))
}

/// Runs the cataloger `name` on `bytes` as the file at `path`, which it must want.
fn run(name: &str, path: &str, bytes: &[u8]) -> (Vec<Found>, Result<(), CatalogError>) {
    let c = cataloger(name);
    assert!(c.wants(path), "{name} does not want {path}");
    let origin = Origin {
        layer: Some(Arc::from("sha256:0123")),
        path: Arc::from(path),
    };
    let mut reader = bytes;
    let mut input = FileInput::new(origin, bytes.len() as u64, &mut reader);
    let mut out = Vec::new();
    let result = c.catalog(&mut input, &mut out);
    (out, result)
}

fn packages(found: Vec<Found>) -> Vec<Package> {
    found
        .into_iter()
        .filter_map(|f| match f {
            Found::Package(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// `name version arch source-name source-version`, one line per package, sorted.
fn rows(packages: &[Package]) -> Vec<String> {
    let mut rows: Vec<String> = packages
        .iter()
        .map(|p| {
            let (source, source_version) = p.source.as_ref().map_or(("", ""), |s| {
                (s.name.as_str(), s.version.as_deref().unwrap_or(""))
            });
            format!(
                "{} {} {} {source} {source_version}",
                p.name,
                p.version,
                p.arch.as_deref().unwrap_or("")
            )
            .trim_end()
            .to_owned()
        })
        .collect();
    rows.sort();
    rows
}

fn require_oracles() -> bool {
    std::env::var("PALISADE_REQUIRE_ORACLES").is_ok_and(|v| v == "1")
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok()
}

// ---------------------------------------------------------------------------------------- rpm

/// The packages `rpm -qa` listed when the fixtures were made (`expected.txt`: name, version as
/// `[epoch:]version-release`, arch, source RPM, licence), gpg-pubkey left out.
fn rpm_expected() -> Vec<(String, String, String, String, String)> {
    let mut expected = std::fs::read_to_string(data("expected.txt"))
        .unwrap()
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            (
                f[0].to_owned(),
                f[1].to_owned(),
                f[2].to_owned(),
                f[3].to_owned(),
                f[4].to_owned(),
            )
        })
        .filter(|e| e.0 != "gpg-pubkey")
        .collect::<Vec<_>>();
    expected.sort();
    expected
}

/// Each package matches its `rpm -qa` line; the source package, joined back into a source RPM
/// file name, gives rpm's SOURCERPM.
fn assert_matches_rpm(got: &[Package], expected: &[(String, String, String, String, String)]) {
    let mut got: Vec<&Package> = got.iter().collect();
    got.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(
        got.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        expected.iter().map(|e| e.0.as_str()).collect::<Vec<_>>()
    );
    for (p, (_, version, arch, source_rpm, license)) in got.iter().zip(expected) {
        assert_eq!(&p.version, version, "{}", p.name);
        assert_eq!(p.arch.as_deref(), Some(arch.as_str()), "{}", p.name);
        assert_eq!(p.licenses, std::slice::from_ref(license), "{}", p.name);
        assert_eq!(p.kind, PackageKind::Rpm);
        let source = p.source.as_ref().expect("a source package");
        let version_release = version.split_once(':').map_or(version.as_str(), |v| v.1);
        let rebuilt = format!(
            "{}-{}.src.rpm",
            source.name,
            source.version.as_deref().unwrap_or(version_release)
        );
        assert_eq!(&rebuilt, source_rpm, "{}", p.name);
    }
}

#[test]
fn rpm_sqlite_database_gives_what_rpm_lists() {
    let bytes = std::fs::read(data("rpmdb.sqlite")).unwrap();
    // rpm keeps it in WAL mode; the reader must cope.
    assert_eq!(&bytes[18..20], &[2, 2]);
    let (found, result) = run("rpm", "/usr/lib/sysimage/rpm/rpmdb.sqlite", &bytes);
    result.unwrap();
    let got = packages(found);
    assert_matches_rpm(&got, &rpm_expected());
    let libs = got.iter().find(|p| p.name == "palisade-alpha-libs").unwrap();
    assert_eq!(
        libs.source,
        Some(SourcePackage {
            name: "palisade-alpha".into(),
            version: Some("1.2.3-4.el9".into())
        })
    );
    assert_eq!(libs.origin.path.as_ref(), "/usr/lib/sysimage/rpm/rpmdb.sqlite");
}

#[test]
fn rpm_berkeley_db_gives_what_rpm_lists_in_both_byte_orders() {
    for file in ["Packages.le", "Packages.be"] {
        let bytes = std::fs::read(data(file)).unwrap();
        let (found, result) = run("rpm", "/var/lib/rpm/Packages", &bytes);
        result.unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_matches_rpm(&packages(found), &rpm_expected());
    }
}

#[test]
fn rpm_truncated_and_foreign_databases_are_errors() {
    for file in ["rpmdb.sqlite", "Packages.le", "Packages.be"] {
        let bytes = std::fs::read(data(file)).unwrap();
        for cut in [0, 10, 100, 4096, bytes.len() / 2, bytes.len() - 1] {
            let (found, result) = run("rpm", "/var/lib/rpm/Packages", &bytes[..cut]);
            // A cut database loses the packages on the missing pages, and says so only when
            // what is left shows it (a cut overflow chain, a page SQLite needs); it must never
            // invent one.
            for p in packages(found) {
                assert!(rpm_expected().iter().any(|e| e.0 == p.name), "{file}");
            }
            if cut < 4096 {
                assert!(result.is_err(), "{file} cut at {cut}");
            }
        }
    }
    let (_, result) = run("rpm", "/var/lib/rpm/Packages", b"RpmP\0\0\0\0 suse ndb");
    assert!(result.unwrap_err().to_string().contains("ndb"));
}

/// Differential: rpm itself reads the same fixtures (when it is installed).
#[test]
fn rpm_agrees_with_rpm_qa_on_the_fixtures() {
    if !have("rpm") {
        assert!(!require_oracles(), "rpm is not installed");
        eprintln!("note: rpm is not installed; the live comparison with rpm -qa is skipped");
        return;
    }
    let q = "%{NAME}|%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}|%{ARCH}|%{SOURCERPM}|%{LICENSE}\\n";
    for (file, target, backend) in [
        ("rpmdb.sqlite", "rpmdb.sqlite", "sqlite"),
        ("Packages.le", "Packages", "bdb_ro"),
        ("Packages.be", "Packages", "bdb_ro"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(data(file), dir.path().join(target)).unwrap();
        let out = Command::new("rpm")
            .args(["--define", &format!("_db_backend {backend}"), "--dbpath"])
            .arg(dir.path())
            .args(["-qa", "--qf", q])
            .output()
            .unwrap();
        assert!(out.status.success(), "rpm failed on {file}");
        let mut listed: Vec<(String, String, String, String, String)> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let f: Vec<&str> = l.split('|').collect();
                (f[0].into(), f[1].into(), f[2].into(), f[3].into(), f[4].into())
            })
            .filter(|e| e.0 != "gpg-pubkey")
            .collect();
        listed.sort();
        let bytes = std::fs::read(data(file)).unwrap();
        let (found, result) = run("rpm", &format!("/var/lib/rpm/{target}"), &bytes);
        result.unwrap();
        assert_matches_rpm(&packages(found), &listed);
    }
}

// --------------------------------------------------------------------------------------- dpkg

const DPKG_EXPECTED: &[&str] = &[
    "bsdutils 1:2.38.1-5+deb12u1 amd64 util-linux 2.38.1-5+deb12u1",
    "libgcc-s1 12.2.0-14 arm64 gcc-12",
    "libssl3 3.0.15-1~deb12u1 amd64 openssl",
    "tzdata 2024b-0+deb12u1 all",
];

#[test]
fn dpkg_status_gives_installed_packages_with_their_source() {
    let bytes = std::fs::read(data("dpkg/status")).unwrap();
    let (found, result) = run("dpkg", "/var/lib/dpkg/status", &bytes);
    result.unwrap();
    let got = packages(found);
    assert_eq!(rows(&got), DPKG_EXPECTED);
    assert!(got.iter().all(|p| p.kind == PackageKind::Deb
        && p.cataloger == "dpkg"
        && &*p.origin.path == "/var/lib/dpkg/status"));
    // The same file with CRLF line ends, and with no final newline.
    let crlf = String::from_utf8(bytes.clone()).unwrap().replace('\n', "\r\n");
    let (found, result) = run("dpkg", "/var/lib/dpkg/status", crlf.as_bytes());
    result.unwrap();
    assert_eq!(rows(&packages(found)), DPKG_EXPECTED);
    let (found, _) = run("dpkg", "/var/lib/dpkg/status", bytes.trim_ascii_end());
    assert_eq!(rows(&packages(found)), DPKG_EXPECTED);
}

#[test]
fn distroless_status_d_is_read_and_checksums_are_not() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("var/lib/dpkg/status.d");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["libssl3", "libssl3.md5sums", "base-files"] {
        std::fs::copy(data(&format!("dpkg/status.d/{name}")), dir.join(name)).unwrap();
    }
    let tree = catalog_tree(root.path(), false, &catalogers());
    assert!(tree.diagnostics.is_empty(), "{:?}", tree.diagnostics);
    let got = packages(tree.found);
    assert_eq!(
        rows(&got),
        [
            "base-files 12.4+deb12u8 amd64",
            "libssl3 3.0.15-1~deb12u1 amd64 openssl"
        ]
    );
    let ssl = got.iter().find(|p| p.name == "libssl3").unwrap();
    assert_eq!(&*ssl.origin.path, "/var/lib/dpkg/status.d/libssl3");
    // A project folder is not an installed system.
    assert!(catalog_tree(root.path(), true, &catalogers()).found.is_empty());
}

/// A status file much larger than any line cap is read whole, as a stream.
#[test]
fn dpkg_reads_a_large_status_file() {
    let mut text = String::new();
    for i in 0..20_000 {
        writeln!(
            text,
            "Package: pkg{i}\nStatus: install ok installed\nArchitecture: amd64\n\
             Version: 1.{i}-1\nDescription: one\n {}\n",
            "x".repeat(200)
        )
        .unwrap();
    }
    let (found, result) = run("dpkg", "/var/lib/dpkg/status", text.as_bytes());
    result.unwrap();
    let got = packages(found);
    assert_eq!(got.len(), 20_000);
    assert_eq!(got[19_999].version, "1.19999-1");
}

/// The real Debian test image (`PALISADE_TEST_IMAGE`, made by test-image.sh): the committed
/// expectation, then Syft 1.18.1's dpkg packages when Syft is installed.
#[test]
fn dpkg_on_the_debian_test_image_matches_syft() {
    let Some(image) = std::env::var_os("PALISADE_TEST_IMAGE") else {
        assert!(
            !std::env::var("PALISADE_REQUIRE_IMAGE").is_ok_and(|v| v == "1"),
            "PALISADE_TEST_IMAGE is not set"
        );
        eprintln!("note: PALISADE_TEST_IMAGE is not set; the Debian test image checks are skipped");
        return;
    };
    let rootfs = Path::new(&image).join("rootfs");
    let bytes = std::fs::read(rootfs.join("var/lib/dpkg/status")).unwrap();
    let (found, result) = run("dpkg", "/var/lib/dpkg/status", &bytes);
    result.unwrap();
    let got = rows(&packages(found));
    // debootstrap --variant=minbase bookworm: 88 packages; rows that Debian point releases leave
    // alone.
    assert_eq!(got.len(), 88);
    for row in [
        "adduser 3.134 all",
        "bash 5.2.15-2+b13 amd64 bash 5.2.15-2",
        "libss2 1.47.0-2+b2 amd64 e2fsprogs 1.47.0-2",
        "zlib1g 1:1.2.13.dfsg-1 amd64 zlib",
    ] {
        assert!(got.iter().any(|r| r == row), "{row} missing from\n{got:#?}");
    }
    let (found, _) = run(
        "os-release",
        "/etc/os-release",
        &std::fs::read(rootfs.join("etc/os-release")).unwrap(),
    );
    let Some(Found::Distro(distro)) = found.first() else {
        panic!("no distribution in /etc/os-release")
    };
    assert_eq!(distro.osv_ecosystem().as_deref(), Some("Debian:12"));

    if !have("syft") {
        assert!(!require_oracles(), "syft is not on PATH");
        eprintln!("note: syft is not on PATH; the comparison with Syft 1.18.1 is skipped");
        return;
    }
    let out = Command::new("syft")
        .args(["scan", "-q", "-o", "syft-json", "--select-catalogers", "dpkg"])
        .arg(format!("dir:{}", rootfs.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut syft: Vec<String> = doc["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["type"] == "deb")
        .map(|a| {
            let m = &a["metadata"];
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_owned();
            format!(
                "{} {} {} {} {}",
                s(&a["name"]),
                s(&a["version"]),
                s(&m["architecture"]),
                s(&m["source"]),
                s(&m["sourceVersion"])
            )
            .trim_end()
            .to_owned()
        })
        .collect();
    syft.sort();
    for (ours, theirs) in got.iter().zip(&syft) {
        assert_eq!(ours, theirs, "first disagreement with Syft");
    }
    assert_eq!(got.len(), syft.len());
}

// ---------------------------------------------------------------------------------------- apk

#[test]
fn apk_installed_gives_packages_with_origin_and_licence() {
    let bytes = std::fs::read(data("apk/installed")).unwrap();
    let (found, result) = run("apk", "/lib/apk/db/installed", &bytes);
    result.unwrap();
    let got = packages(found);
    assert_eq!(
        rows(&got),
        [
            "ca-certificates-bundle 20240705-r0 x86_64 ca-certificates",
            "libcrypto3 3.3.2-r0 x86_64 openssl",
            "libssl3 3.3.2-r0 x86_64 openssl",
            "musl 1.2.5-r0 x86_64 musl",
        ]
    );
    let bundle = got.iter().find(|p| p.name == "ca-certificates-bundle").unwrap();
    assert_eq!(bundle.licenses, ["MPL-2.0 AND MIT"]);
    assert!(got.iter().all(|p| p.kind == PackageKind::Apk));
}

// ----------------------------------------------------------------------------------- releases

fn distro(path: &str, text: &str) -> Distro {
    let (found, result) = run("os-release", path, text.as_bytes());
    result.unwrap();
    match found.as_slice() {
        [Found::Distro(d)] => d.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn release_files_of_current_and_old_images() {
    let d = distro(
        "/usr/lib/os-release",
        "NAME=\"Rocky Linux\"\nVERSION=\"9.4 (Blue Onyx)\"\nID=\"rocky\"\n\
         ID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.4\"\nPRETTY_NAME=\"Rocky Linux 9.4 (Blue Onyx)\"\n",
    );
    assert_eq!(d.osv_ecosystem().as_deref(), Some("Rocky Linux:9"));
    assert_eq!(d.id_like, ["rhel", "centos", "fedora"]);
    let d = distro(
        "/etc/os-release",
        "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n",
    );
    assert_eq!(d.osv_ecosystem().as_deref(), Some("Alpine:v3.20"));
    let d = distro("/etc/centos-release", "CentOS release 6.10 (Final)\n");
    assert_eq!((d.id.as_str(), d.version_id.as_deref()), ("centos", Some("6.10")));
    let d = distro("/etc/alpine-release", "3.9.6\n");
    assert_eq!(d.osv_ecosystem().as_deref(), Some("Alpine:v3.9"));
    let d = distro("/etc/debian_version", "8.11\n");
    assert_eq!(d.osv_ecosystem().as_deref(), Some("Debian:8"));
    let (found, result) = run("os-release", "/etc/os-release", b"\n# nothing\n");
    assert!(found.is_empty() && result.is_err());
    assert!(!cataloger("os-release").wants("/etc/passwd"));
    assert!(!cataloger("os-release").wants("/usr/lib/os-release.d/x"));
}
