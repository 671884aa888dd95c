//! The real Debian test image (`scripts/test-image.sh`, env `PALISADE_TEST_IMAGE`) read as an
//! OCI layout, an oci-archive and a docker-archive gives the same files from the same layers:
//! the dpkg database from the debootstrap layer, the `/app` files from the second one.

mod support;

use std::path::PathBuf;

use palisade_image::{Cataloger, Options, Target, inventory};
use support::{Recorder, recorded};

fn image_dir() -> Option<PathBuf> {
    match std::env::var_os("PALISADE_TEST_IMAGE") {
        Some(dir) => Some(PathBuf::from(dir)),
        None if std::env::var_os("PALISADE_REQUIRE_IMAGE").is_some_and(|v| v == "1") => {
            panic!("PALISADE_TEST_IMAGE is not set and PALISADE_REQUIRE_IMAGE=1")
        }
        None => {
            eprintln!("note: PALISADE_TEST_IMAGE is not set (scripts/test-image.sh builds it): skipped");
            None
        }
    }
}

#[test]
fn the_three_local_forms_give_the_same_inventory() {
    let Some(dir) = image_dir() else { return };
    let catalogers: [&dyn Cataloger; 1] = [&Recorder];
    let targets = [
        format!("oci:{}:debian-test", dir.join("oci").display()),
        format!("oci-archive:{}", dir.join("image.oci.tar").display()),
        format!("docker-archive:{}", dir.join("image.docker.tar").display()),
    ];
    let mut results = Vec::new();
    for t in &targets {
        let target: Target = t.parse().unwrap();
        let inv = inventory(&target, &Options::default(), &catalogers).unwrap_or_else(|e| panic!("{t}: {e}"));
        assert!(inv.diagnostics.is_empty(), "{t}: {:?}", inv.diagnostics);
        let image = inv.image.clone().unwrap();
        assert_eq!(image.layers.len(), 2, "{t}");
        assert_eq!(image.config.cmd, ["/bin/bash"], "{t}");
        let diff_ids: Vec<String> = image.layers.iter().map(|l| l.diff_id.clone()).collect();
        results.push((t, recorded(&inv), diff_ids, image.config_digest));
    }
    let (_, first, diff_ids, config) = &results[0];
    // The dpkg database comes from the bottom layer, /app from the second.
    let status = first
        .iter()
        .find(|r| r.0 == "/var/lib/dpkg/status")
        .expect("dpkg status");
    assert_eq!(status.2, 0);
    for name in [
        "/app/rust/Cargo.lock",
        "/app/go/go.mod",
        "/app/node/package-lock.json",
        "/app/yarn/yarn.lock",
        "/app/python/requirements.txt",
        "/app/poetry/poetry.lock",
        "/app/ruby/Gemfile.lock",
        "/app/php/composer.lock",
        "/app/dotnet/packages.lock.json",
        "/app/bin/gohello",
        "/app/bin/rusthello",
    ] {
        let row = first
            .iter()
            .find(|r| r.0 == name)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(row.2, 1, "{name} comes from the /app layer");
    }
    assert!(
        first
            .iter()
            .any(|r| r.0 == "/etc/os-release" || r.0.starts_with("/etc/apt/"))
    );
    for (t, other, other_diff_ids, other_config) in &results[1..] {
        assert_eq!(other, first, "{t} differs from {}", results[0].0);
        assert_eq!(other_diff_ids, diff_ids, "{t}");
        assert_eq!(other_config, config, "{t}");
    }
}

#[test]
fn dpkg_packages_are_counted_in_every_form() {
    let Some(dir) = image_dir() else { return };
    let status = std::fs::read_to_string(dir.join("rootfs/var/lib/dpkg/status")).unwrap();
    let expected = status.lines().filter(|l| l.starts_with("Package:")).count();
    let target: Target = format!("docker-archive:{}", dir.join("image.docker.tar").display())
        .parse()
        .unwrap();
    let catalogers: [&dyn Cataloger; 1] = [&DpkgCount];
    let inv = inventory(&target, &Options::default(), &catalogers).unwrap();
    assert_eq!(inv.packages.len(), expected);
    assert!(expected > 80, "{expected}");
    let target: Target = format!("rootfs:{}", dir.join("rootfs").display())
        .parse()
        .unwrap();
    let inv = inventory(&target, &Options::default(), &catalogers).unwrap();
    assert_eq!(inv.packages.len(), expected);
}

/// One package per `Package:` paragraph of the dpkg database.
struct DpkgCount;

impl Cataloger for DpkgCount {
    fn name(&self) -> &'static str {
        "dpkg-count"
    }
    fn scope(&self) -> palisade_image::Scope {
        palisade_image::Scope::Installed
    }
    fn wants(&self, path: &str) -> bool {
        path == "/var/lib/dpkg/status"
    }
    fn catalog(
        &self,
        file: &mut palisade_image::FileInput<'_>,
        out: &mut Vec<palisade_image::Found>,
    ) -> Result<(), palisade_image::CatalogError> {
        let text = String::from_utf8_lossy(&file.read_to_end(64 << 20)?).into_owned();
        for line in text.lines().filter(|l| l.starts_with("Package:")) {
            out.push(palisade_image::Found::Package(palisade_core::Package {
                name: line[8..].trim().to_owned(),
                version: String::new(),
                kind: palisade_core::PackageKind::Deb,
                arch: None,
                source: None,
                licenses: vec![],
                origin: file.origin().clone(),
                cataloger: "dpkg-count",
            }));
        }
        Ok(())
    }
}
