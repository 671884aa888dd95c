//! Parity with Syft 1.18.1 on `tests/fixtures/lang/rootfs`: every Python, Java, Ruby and PHP
//! package Syft reports (with every cataloger on: `--override-default-catalogers all`) is found by
//! palisade, name and version. Syft is `$PALISADE_SYFT` or `syft` on `PATH`
//! (`source /opt/palisade-oracles/env.sh`); without it the test says so and passes, unless
//! `PALISADE_REQUIRE_ORACLES=1`.
//!
//! Where the two differ by design, the comparison maps Syft's answer to palisade's:
//! - PyPI names: Syft normalises them (PEP 503: `PyYAML` → `pyyaml`, `ruamel.yaml` →
//!   `ruamel-yaml`); palisade keeps them as written and normalises when matching, so both sides
//!   are compared normalised.
//! - `urllib3===2.2.1`: Syft strips `==` and reports version `=2.2.1`; palisade reads PEP 440
//!   arbitrary equality and reports `2.2.1`.
//! - Maven: Syft names a package by its artifact; palisade by `group:artifact`, compared by the
//!   artifact.
//! - Gemfile.lock: Syft keeps the platform in the version (`1.16.2-x86_64-linux`); palisade cuts
//!   it as Bundler does (`1.16.2`), so one nokogiri stands for its three platform builds.
//! - Packages Syft reports without a version (`UNKNOWN`, a git requirement in `Pipfile.lock`)
//!   are not packages palisade can match, and it does not report them.
//!
//! palisade finds more than Syft 1.18.1, printed as a note: `uv.lock` (no Syft cataloger in
//! 1.18), `Pipfile.lock` `develop` and `composer.lock` `packages-dev` (Syft reads neither), and
//! Composer 1's array-shaped `installed.json`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use palisade_core::{Package, PackageKind};
use palisade_image::{Found, catalog_tree, catalogers};

fn syft() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PALISADE_SYFT") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("syft"))
            .find(|p| p.is_file())
    })
}

/// PEP 503: lower case, runs of `-`, `_`, `.` become one `-`.
fn pep503(name: &str) -> String {
    let mut out = String::new();
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// A package as both sides can name it: ecosystem, comparable name, version.
fn key(kind: PackageKind, name: &str, version: &str) -> (PackageKind, String, String) {
    let name = match kind {
        PackageKind::Python => pep503(name),
        PackageKind::Maven => name.rsplit(':').next().unwrap_or(name).to_owned(),
        _ => name.to_owned(),
    };
    (kind, name, version.to_owned())
}

#[test]
fn every_package_syft_reports_is_found() {
    let Some(syft) = syft() else {
        assert!(
            std::env::var("PALISADE_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "PALISADE_REQUIRE_ORACLES=1 but syft is not on PATH (nor PALISADE_SYFT)"
        );
        eprintln!("note: syft not found (PALISADE_SYFT or PATH): parity with Syft not checked");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lang/rootfs");
    let output = Command::new(&syft)
        .args([
            "scan",
            "-q",
            "-o",
            "syft-json",
            "--override-default-catalogers",
            "all",
        ])
        .arg(format!("dir:{}", root.display()))
        .env("SYFT_CHECK_FOR_APP_UPDATE", "false")
        .output()
        .expect("syft runs");
    assert!(
        output.status.success(),
        "syft failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("syft-json");
    let mut theirs = BTreeSet::new();
    for a in doc["artifacts"].as_array().expect("artifacts") {
        let (Some(ty), Some(name), Some(version), Some(by)) = (
            a["type"].as_str(),
            a["name"].as_str(),
            a["version"].as_str(),
            a["foundBy"].as_str(),
        ) else {
            continue;
        };
        let kind = match ty {
            "python" => PackageKind::Python,
            "java-archive" => PackageKind::Maven,
            "gem" => PackageKind::Gem,
            "php-composer" => PackageKind::Composer,
            other => panic!("Syft found a {other} package in a fixture of these catalogers: {a}"),
        };
        if version.is_empty() || version == "UNKNOWN" {
            continue;
        }
        let version = match kind {
            // `===2.2.1` read as `==` then `=2.2.1`.
            PackageKind::Python => version.trim_start_matches('='),
            PackageKind::Gem if by == "ruby-gemfile-cataloger" => {
                version.split_once('-').map_or(version, |(v, _)| v)
            }
            _ => version,
        };
        theirs.insert(key(kind, name, version));
    }
    assert!(theirs.len() > 40, "Syft found too little: {theirs:?}");

    let tree = catalog_tree(&root, false, &catalogers());
    let ours: Vec<Package> = tree
        .found
        .into_iter()
        .filter_map(|f| match f {
            Found::Package(p) => Some(p),
            _ => None,
        })
        .collect();
    let ours: BTreeSet<_> = ours.iter().map(|p| key(p.kind, &p.name, &p.version)).collect();
    let missing: Vec<_> = theirs.difference(&ours).collect();
    assert!(
        missing.is_empty(),
        "Syft reports packages palisade does not find:\n{missing:#?}"
    );
    let more: Vec<_> = ours.difference(&theirs).collect();
    eprintln!(
        "note: palisade finds {} packages Syft does not: {more:?}",
        more.len()
    );
}
