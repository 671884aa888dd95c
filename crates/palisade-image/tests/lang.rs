//! The language catalogers on their fixtures (real lockfiles written by npm, yarn, pnpm and
//! cargo, real binaries built by `go build` and `cargo auditable build`, and hand-written files
//! for the rest): exact results, and parity with Syft 1.18.1 where it is installed.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use palisade_core::Package;
use palisade_image::{Found, catalog_tree, catalogers};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lang")
        .join(name)
}

/// Every package found under a fixture folder, read as a root filesystem (`project` false) or
/// a project folder; fails on any diagnostic.
fn packages(name: &str, project: bool) -> Vec<Package> {
    let tree = catalog_tree(&fixture(name), project, &catalogers());
    assert!(tree.diagnostics.is_empty(), "{name}: {:?}", tree.diagnostics);
    tree.found
        .into_iter()
        .filter_map(|f| match f {
            Found::Package(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// `name version cataloger` of each package, sorted.
fn listing(packages: &[Package]) -> Vec<String> {
    let mut out: Vec<String> = packages
        .iter()
        .map(|p| format!("{} {} {}", p.name, p.version, p.cataloger))
        .collect();
    out.sort();
    out
}

#[test]
fn cargo_lockfiles_of_version_1_and_4_list_every_package() {
    assert_eq!(
        listing(&packages("cargo-v4", true)),
        ["audbin 0.1.0 cargo-lock", "itoa 1.0.19 cargo-lock"]
    );
    assert_eq!(
        listing(&packages("cargo-v1", true)),
        [
            "ledger 0.3.0 cargo-lock",
            "ledger-core 0.3.0 cargo-lock",
            "maybe-uninit 2.0.0 cargo-lock",
            "serde 1.0.100 cargo-lock",
            "smallvec 0.6.14 cargo-lock",
            "tinyvec 1.0.1 cargo-lock",
        ]
    );
}

#[test]
fn go_mod_applies_replace_and_exclude() {
    assert_eq!(
        listing(&packages("go-mod", true)),
        [
            "github.com/google/uuid v1.6.0 go-mod",
            // `github.com/old/thing v1.0.0` replaced by its fork.
            "github.com/new/thing v1.2.0 go-mod",
            // Replaced without being required: listed, as Syft lists it.
            "github.com/other/fork v0.0.0-20240101000000-abcdefabcdef go-mod",
            "github.com/pkg/errors v0.9.1 go-mod",
            "golang.org/x/text v0.14.0 go-mod",
            "gopkg.in/yaml.v3 v3.0.1 go-mod",
        ]
    );
}

#[test]
fn binaries_give_go_modules_and_auditable_crates() {
    let found = packages("binaries", false);
    assert_eq!(
        listing(&found),
        [
            "audbin 0.1.0 cargo-auditable",
            // Built from a checkout without a version; `example.com/greet` was replaced by a
            // local directory, so it is not listed.
            "example.com/app (devel) go-binary",
            "itoa 1.0.19 cargo-auditable",
            "stdlib go1.19.8 go-binary",
        ]
    );
    let go = found.iter().find(|p| p.name == "stdlib").unwrap();
    assert_eq!(&*go.origin.path, "/go-app");
    // Nothing is found in a project folder: binaries are installed things.
    assert!(packages("binaries", true).is_empty());
}

#[test]
fn npm_lockfiles_resolve_aliases_and_skip_links() {
    for v in ["npm-v2", "npm-v3"] {
        let found = listing(&packages(v, true));
        assert_eq!(found.len(), 21, "{v}: {found:#?}");
        for expected in [
            "shop-web 1.4.0 npm-lock",
            "@shop/util 0.2.0 npm-lock",
            "left-pad 1.3.0 npm-lock",
            "ms 2.0.0 npm-lock",
            "ms 2.1.2 npm-lock",
            "is-number 7.0.0 npm-lock",
        ] {
            assert!(found.iter().any(|f| f == expected), "{v}: no {expected}");
        }
    }
    let v1 = listing(&packages("npm-v1", true));
    // Nested dependencies (the two older `ms`) are read; the workspace's `file:` entry is not.
    assert_eq!(v1.len(), 19, "{v1:#?}");
    assert!(v1.iter().any(|f| f == "ms 2.1.2 npm-lock"));
    assert!(v1.iter().any(|f| f == "left-pad 1.3.0 npm-lock"));
    assert!(!v1.iter().any(|f| f.contains("file:")));
    let licensed = packages("npm-v3", true);
    let chalk = licensed.iter().find(|p| p.name == "chalk").unwrap();
    assert_eq!(chalk.licenses, ["MIT"]);
}

#[test]
fn yarn_and_pnpm_lockfiles_agree_with_npm() {
    let npm: BTreeSet<(String, String)> = packages("npm-v3", true)
        .into_iter()
        .filter(|p| !matches!(p.name.as_str(), "shop-web" | "@shop/util"))
        .map(|p| (p.name, p.version))
        .collect();
    for dir in ["yarn-classic", "pnpm-v5", "pnpm-v6", "pnpm-v9"] {
        let got: BTreeSet<(String, String)> = packages(dir, true)
            .into_iter()
            .map(|p| (p.name, p.version))
            .collect();
        assert_eq!(got, npm, "{dir}");
    }
    // Berry also locks what it needs to build `fsevents` (node-gyp and its dependencies).
    let berry: BTreeSet<(String, String)> = packages("yarn-berry", true)
        .into_iter()
        .map(|p| (p.name, p.version))
        .collect();
    assert!(
        berry.is_superset(&npm),
        "{:?}",
        npm.difference(&berry).collect::<Vec<_>>()
    );
    assert!(
        !berry
            .iter()
            .any(|(n, v)| n == "left-pad-alias" || v == "0.0.0-use.local")
    );
}

#[test]
fn installed_node_modules_with_every_licence_shape() {
    let found = packages("npm-installed", false);
    assert_eq!(
        listing(&found),
        [
            "@types/node 20.11.30 npm-installed",
            "debug 2.6.9 npm-installed",
            "express 4.19.2 npm-installed",
            "old-style 0.4.1 npm-installed",
        ]
    );
    let licences = |n: &str| found.iter().find(|p| p.name == n).unwrap().licenses.clone();
    assert_eq!(licences("old-style"), ["MIT", "Apache-2.0"]);
    assert_eq!(licences("debug"), ["MIT"]);
    assert!(packages("npm-installed", true).is_empty());
}

#[test]
fn dotnet_lockfiles_skip_projects() {
    assert_eq!(
        listing(&packages("dotnet", true)),
        [
            "Microsoft.Extensions.DependencyInjection 8.0.0 dotnet-packages-lock",
            "Microsoft.Extensions.Logging 8.0.0 dotnet-packages-lock",
            "Microsoft.Extensions.Logging.Abstractions 8.0.0 dotnet-packages-lock",
            "Newtonsoft.Json 13.0.3 dotnet-packages-lock",
            "Serilog 3.1.1 dotnet-deps",
            "System.Memory 4.5.5 dotnet-deps",
            "System.Text.Json 6.0.10 dotnet-packages-lock",
        ]
    );
}

/// What Syft reports that palisade deliberately does not, per fixture, with the reason.
const NOT_LISTED: &[(&str, &str, &str, &str)] = &[
    (
        "binaries",
        "../lib",
        "(devel)",
        "a replacement by a local directory names no module",
    ),
    (
        "go-mod",
        "./third_party/thing",
        "UNKNOWN",
        "a replacement by a local directory names no module",
    ),
    (
        "npm-v1",
        "@shop/util",
        "file:packages/util",
        "the project's own workspace folder",
    ),
    (
        "npm-v2",
        "@shop/util",
        "UNKNOWN",
        "a link entry; its folder is listed as @shop/util 0.2.0",
    ),
    (
        "npm-v3",
        "@shop/util",
        "UNKNOWN",
        "a link entry; its folder is listed as @shop/util 0.2.0",
    ),
    (
        "yarn-berry",
        "@shop/util",
        "0.0.0-use.local",
        "a workspace, not a locked package",
    ),
    (
        "yarn-berry",
        "shop-web",
        "0.0.0-use.local",
        "a workspace, not a locked package",
    ),
    (
        "yarn-berry",
        "left-pad-alias",
        "1.3.0",
        "an alias: listed under its real name, left-pad",
    ),
    (
        "dotnet",
        "Shop.Api",
        "1.2.0",
        "a project of the solution, not a NuGet package",
    ),
    (
        "dotnet",
        "Shop.Core",
        "1.2.0",
        "a project of the solution, not a NuGet package",
    ),
];

/// Syft's `(name, version)` pairs for a folder; `None` (with a note) when Syft is not installed,
/// unless `PALISADE_REQUIRE_ORACLES=1`.
fn syft(dir: &Path) -> Option<BTreeSet<(String, String)>> {
    let program = std::env::var("PALISADE_SYFT").unwrap_or_else(|_| "syft".into());
    let output = match Command::new(&program)
        .args(["scan", "-q", "-o", "syft-json"])
        .arg(format!("dir:{}", dir.display()))
        .env("SYFT_CHECK_FOR_APP_UPDATE", "false")
        .output()
    {
        Ok(output) => output,
        Err(e) => {
            assert!(
                std::env::var("PALISADE_REQUIRE_ORACLES").as_deref() != Ok("1"),
                "syft is required (PALISADE_REQUIRE_ORACLES=1) but could not run: {e}"
            );
            let _ = writeln!(
                std::io::stderr(),
                "note: syft not found ({e}); parity not checked"
            );
            return None;
        }
    };
    assert!(
        output.status.success(),
        "syft failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    Some(
        doc["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["name"].as_str().unwrap().to_owned(),
                    a["version"].as_str().unwrap().to_owned(),
                )
            })
            .collect(),
    )
}

#[test]
fn every_package_syft_finds_is_found() {
    let dirs = [
        ("binaries", false),
        ("cargo-v1", true),
        ("cargo-v4", true),
        ("go-mod", true),
        ("npm-v1", true),
        ("npm-v2", true),
        ("npm-v3", true),
        ("yarn-classic", true),
        ("yarn-berry", true),
        ("pnpm-v5", true),
        ("pnpm-v6", true),
        ("pnpm-v9", true),
        ("dotnet", true),
    ];
    for (dir, project) in dirs {
        let Some(theirs) = syft(&fixture(dir)) else { return };
        assert!(!theirs.is_empty(), "{dir}: Syft found nothing");
        let ours: BTreeSet<(String, String)> = packages(dir, project)
            .into_iter()
            .map(|p| (p.name, p.version))
            .collect();
        let missing: Vec<_> = theirs
            .iter()
            .filter(|(n, v)| !ours.contains(&(n.clone(), v.clone())))
            .filter(|(n, v)| {
                !NOT_LISTED
                    .iter()
                    .any(|(d, ln, lv, _)| *d == dir && ln == n && lv == v)
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{dir}: Syft finds, palisade does not: {missing:?}"
        );
        // Each explained difference is still one: if Syft changes, the list must too.
        for (d, n, v, why) in NOT_LISTED.iter().filter(|(d, ..)| *d == dir) {
            assert!(
                theirs.contains(&((*n).to_owned(), (*v).to_owned())),
                "{d}: Syft no longer reports {n} {v} ({why}): update NOT_LISTED"
            );
        }
    }
}
