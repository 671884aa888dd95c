//! Images built to hurt the reader (DESIGN §8, issue 5 "Layers"): path traversal, symlink loops
//! and escapes, a decompression bomb, a truncated layer, a wrong digest, over-long names and
//! too many entries — each gives its exact diagnostic and the rest of the image is still read.
//! And the squash itself: whiteouts, opaque directories, replacement, hard links, compression
//! told by magic bytes.

mod support;

use palisade_image::{Budgets, Cataloger, ImageError, Options, Target, inventory};
use support::{Entry, Recorder, diagnostics, digest, recorded, tar};

fn read(dir: &std::path::Path, options: &Options) -> palisade_image::Inventory {
    let catalogers: [&dyn Cataloger; 1] = [&Recorder];
    let target: Target = format!("oci:{}:test", dir.display()).parse().unwrap();
    inventory(&target, options, &catalogers).unwrap()
}

fn row(path: &str, line: &str, layer: usize) -> (String, String, usize) {
    (path.into(), line.into(), layer)
}

#[test]
fn path_traversal_entries_are_skipped_and_absolute_ones_kept_inside() {
    let layer = tar(&[
        Entry::File("../../etc/passwd", b"root:x:0:0\n"),
        Entry::File("/etc/os-release", b"ID=debian\n"),
        Entry::File("./app/../app/Cargo.lock", b"version = 3\n"),
        Entry::File("app/a/../../../../x", b"up\n"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    support::oci_layout(dir.path(), std::slice::from_ref(&layer), &[]);
    let inv = read(dir.path(), &Options::default());
    assert_eq!(
        recorded(&inv),
        [
            row("/app/Cargo.lock", "version = 3", 0),
            row("/etc/os-release", "ID=debian", 0)
        ]
    );
    let d = digest(&layer);
    assert_eq!(
        diagnostics(&inv),
        [
            format!("{d}: entry `../../etc/passwd` climbs out of the image root: skipped"),
            format!("{d}: entry `app/a/../../../../x` climbs out of the image root: skipped"),
        ]
    );
}

#[test]
fn symlinks_are_never_followed_and_hide_what_they_replace() {
    let lower = tar(&[
        Entry::File("etc/os-release", b"ID=debian\n"),
        Entry::File("etc/ssl/cert.pem", b"cert\n"),
        Entry::File("app/Cargo.lock", b"lock\n"),
    ]);
    let upper = tar(&[
        // An escape: a reader that followed it would read the host's file.
        Entry::Symlink("etc/os-release", "../../../../../../etc/shadow"),
        // A directory replaced by a symlink: what was below it is gone.
        Entry::Symlink("etc/ssl", "/etc/ssl"),
        // A loop: never walked, so it cannot spin.
        Entry::Symlink("app/loop-a", "loop-b"),
        Entry::Symlink("app/loop-b", "loop-a"),
        Entry::HardLink("app/escape", "../../etc/shadow"),
        Entry::HardLink("app/same-as-lower", "app/Cargo.lock"),
        Entry::File("app/new.lock", b"new\n"),
        Entry::HardLink("app/same-as-new", "app/new.lock"),
        Entry::HardLink("app/to-unread", "usr/bin/tool"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    support::oci_layout(dir.path(), &[lower, upper.clone()], &[]);
    let inv = read(dir.path(), &Options::default());
    assert_eq!(
        recorded(&inv),
        [
            row("/app/Cargo.lock", "lock", 0),
            row("/app/new.lock", "new", 1),
            // Hard links give their target's content: same layer, and a lower layer.
            row("/app/same-as-lower", "lock", 0),
            row("/app/same-as-new", "new", 1),
        ]
    );
    let d = digest(&upper);
    assert_eq!(
        diagnostics(&inv),
        [
            format!(
                "{d}: hard link `/app/escape` points out of the image root (`../../etc/shadow`): not read"
            ),
            format!(
                "/app/to-unread: hard link to `/usr/bin/tool`, a file no cataloger read (layer {d}): not read"
            ),
        ]
    );
}

#[test]
fn whiteouts_and_opaque_directories() {
    let base = tar(&[
        Entry::File("etc/os-release", b"ID=debian\n"),
        Entry::File("etc/apt/sources.list", b"deb\n"),
        Entry::File("etc/apt/apt.conf.d/x", b"x\n"),
        Entry::File("app/old/Cargo.lock", b"old\n"),
        Entry::File("app/keep.lock", b"keep\n"),
    ]);
    let top = tar(&[
        Entry::File("app/.wh.old", b""),
        Entry::Dir("etc/apt"),
        Entry::File("etc/apt/.wh..wh..opq", b""),
        Entry::File("etc/apt/preferences", b"pin\n"),
        Entry::File("etc/os-release", b"ID=ubuntu\n"),
    ]);
    let dir = tempfile::tempdir().unwrap();
    // Compression is told by magic bytes: both layers claim gzip; one is zstd, one plain.
    support::oci_layout(dir.path(), &[support::zstd(&base), top], &[]);
    let inv = read(dir.path(), &Options::default());
    assert_eq!(
        recorded(&inv),
        [
            row("/app/keep.lock", "keep", 0),
            row("/etc/apt/preferences", "pin", 1),
            row("/etc/os-release", "ID=ubuntu", 1),
        ]
    );
    assert!(inv.diagnostics.is_empty(), "{:?}", inv.diagnostics);
    let image = inv.image.unwrap();
    assert_eq!(image.reference.as_deref(), Some("test"));
    assert_eq!(image.config.user.as_deref(), Some("app"));
    assert_eq!(image.config.exposed_ports, ["22/tcp"]);
    assert_eq!(image.config.healthcheck, Some(vec!["CMD".into(), "true".into()]));
    assert_eq!(image.config.working_dir.as_deref(), Some("/app"));
    assert_eq!(image.history.len(), 2);
    assert!(image.history[1].empty_layer);
    assert_eq!(image.layers.len(), 2);
}

#[test]
fn decompression_bomb_stops_at_the_budget_and_keeps_what_came_before() {
    let bomb = support::gzip_bomb("app/before", "app/bomb", 64 << 20, "app/after");
    assert!(bomb.len() < 1 << 20, "the bomb is small: {}", bomb.len());
    let dir = tempfile::tempdir().unwrap();
    support::oci_layout(dir.path(), std::slice::from_ref(&bomb), &[]);
    let options = Options {
        budgets: Budgets {
            max_layer_bytes: 8 << 20,
            ..Budgets::default()
        },
        ..Options::default()
    };
    let inv = read(dir.path(), &options);
    assert_eq!(recorded(&inv), [row("/app/before", "before", 0)]);
    assert_eq!(
        diagnostics(&inv),
        [format!(
            "{}: over the budget of 8388608 decompressed bytes for one layer: the entries after that were not read",
            digest(&bomb)
        )]
    );
    // The whole image's budget is shared by its layers.
    let options = Options {
        budgets: Budgets {
            max_total_bytes: 4 << 20,
            ..Budgets::default()
        },
        ..Options::default()
    };
    let inv = read(dir.path(), &options);
    assert_eq!(
        diagnostics(&inv),
        [format!(
            "{}: over the budget of 4194304 decompressed bytes for the whole image: the entries after that were not read",
            digest(&bomb)
        )]
    );
}

#[test]
fn entry_count_and_path_length_budgets() {
    let many = tar(&[
        Entry::File("etc/a", b"a\n"),
        Entry::File("etc/b", b"b\n"),
        Entry::File("etc/c", b"c\n"),
    ]);
    let long_name = format!("app/{}", "n".repeat(90));
    let long = tar(&[Entry::File("app/short", b"s\n"), Entry::File(&long_name, b"l\n")]);
    let dir = tempfile::tempdir().unwrap();
    support::oci_layout(dir.path(), &[many.clone(), long.clone()], &[]);
    let options = Options {
        budgets: Budgets {
            max_entries: 2,
            max_path_len: 64,
            ..Budgets::default()
        },
        ..Options::default()
    };
    let inv = read(dir.path(), &options);
    assert_eq!(
        recorded(&inv),
        [
            row("/app/short", "s", 1),
            row("/etc/a", "a", 0),
            row("/etc/b", "b", 0)
        ]
    );
    assert_eq!(
        diagnostics(&inv),
        [
            format!(
                "{}: more than 2 entries, over the budget for one layer: the entries after that were not read",
                digest(&many)
            ),
            format!(
                "{}: an entry name of 94 bytes at byte 1024 is over the limit of 64, over the budget for a path: the entries after that were not read",
                digest(&long)
            ),
        ]
    );
}

#[test]
fn truncated_layer_names_the_layer_and_is_not_used() {
    let good = tar(&[Entry::File("etc/os-release", b"ID=debian\n")]);
    let full = support::gzip(&tar(&[
        Entry::File("app/one", &[b'1'; 3000]),
        Entry::File("app/two", &[b'2'; 3000]),
    ]));
    let cut = full[..full.len() / 2].to_vec();
    let named = digest(&full);
    let dir = tempfile::tempdir().unwrap();
    support::oci_layout(dir.path(), &[good, cut.clone()], &[None, Some(named.clone())]);
    let inv = read(dir.path(), &Options::default());
    // The other layer is still read.
    assert_eq!(recorded(&inv), [row("/etc/os-release", "ID=debian", 0)]);
    assert_eq!(
        diagnostics(&inv),
        [
            format!("{named}: truncated or corrupt layer: incomplete deflate stream"),
            format!(
                "{named}: the layer's content has digest {}, not {named}: none of its files are used",
                digest(&cut)
            ),
        ]
    );
}

#[test]
fn wrong_digest_discards_the_layer_and_names_it() {
    let base = tar(&[Entry::File("etc/os-release", b"ID=debian\n")]);
    let evil = tar(&[
        Entry::File("app/Cargo.lock", b"tampered\n"),
        Entry::File("etc/.wh.os-release", b""),
    ]);
    let claimed = format!("sha256:{}", "ab".repeat(32));
    let dir = tempfile::tempdir().unwrap();
    support::oci_layout(dir.path(), &[base, evil.clone()], &[None, Some(claimed.clone())]);
    let inv = read(dir.path(), &Options::default());
    // Neither its files nor its whiteout count.
    assert_eq!(recorded(&inv), [row("/etc/os-release", "ID=debian", 0)]);
    assert_eq!(
        diagnostics(&inv),
        [format!(
            "{claimed}: the layer's content has digest {}, not {claimed}: none of its files are used",
            digest(&evil)
        )]
    );
}

#[test]
fn docker_archive_legacy_checks_diff_ids() {
    let layer = tar(&[Entry::File("etc/os-release", b"ID=debian\n")]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("image.tar");
    support::docker_archive(&file, std::slice::from_ref(&layer), None);
    let catalogers: [&dyn Cataloger; 1] = [&Recorder];
    let target: Target = format!("docker-archive:{}", file.display()).parse().unwrap();
    let inv = inventory(&target, &Options::default(), &catalogers).unwrap();
    assert_eq!(recorded(&inv), [row("/etc/os-release", "ID=debian", 0)]);
    assert_eq!(inv.image.as_ref().unwrap().reference.as_deref(), Some("test:1"));
    assert_eq!(inv.image.as_ref().unwrap().layers[0].diff_id, digest(&layer));

    let wrong = format!("sha256:{}", "cd".repeat(32));
    support::docker_archive(&file, std::slice::from_ref(&layer), Some(vec![wrong.clone()]));
    let inv = inventory(&target, &Options::default(), &catalogers).unwrap();
    assert!(recorded(&inv).is_empty());
    assert_eq!(
        diagnostics(&inv),
        [format!(
            "{wrong}: the layer's uncompressed content has digest {}, not {wrong}: none of its files are used",
            digest(&layer)
        )]
    );
}

#[test]
fn oci_archive_reads_in_place() {
    let layer = support::gzip(&tar(&[Entry::File("app/go.mod", b"module x\n")]));
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("layout");
    support::oci_layout(&layout, &[layer], &[]);
    let file = dir.path().join("image.oci.tar");
    support::pack(&layout, &file);
    let catalogers: [&dyn Cataloger; 1] = [&Recorder];
    let target: Target = format!("oci-archive:{}", file.display()).parse().unwrap();
    let inv = inventory(&target, &Options::default(), &catalogers).unwrap();
    assert_eq!(recorded(&inv), [row("/app/go.mod", "module x", 0)]);
}

#[test]
fn tags_and_platforms() {
    let dir = tempfile::tempdir().unwrap();
    support::oci_layout(dir.path(), &[tar(&[Entry::File("etc/x", b"x\n")])], &[]);
    let target: Target = format!("oci:{}:nope", dir.path().display()).parse().unwrap();
    let err = inventory(&target, &Options::default(), &[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "no image tagged `nope` in {}; tags present: test",
            dir.path().display()
        )
    );
    // A request for another platform than the image's is refused, not silently ignored.
    let options = Options {
        platform: Some("linux/arm64".parse().unwrap()),
        ..Options::default()
    };
    let target: Target = format!("oci:{}:test", dir.path().display()).parse().unwrap();
    assert!(matches!(
        inventory(&target, &options, &[]),
        Err(ImageError::WrongPlatform { found, .. }) if found == "linux/amd64"
    ));

    // An index over two platforms, nested under the layout's index.
    let index_dir = tempfile::tempdir().unwrap();
    support::oci_layout(index_dir.path(), &[tar(&[Entry::File("etc/x", b"x\n")])], &[]);
    let top: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index_dir.path().join("index.json")).unwrap()).unwrap();
    let amd64 = top["manifests"][0].clone();
    let mut arm = amd64.clone();
    arm["digest"] = serde_json::json!(format!("sha256:{}", "0".repeat(64)));
    let mut amd = amd64.clone();
    amd["platform"] = serde_json::json!({"os": "linux", "architecture": "amd64"});
    arm["platform"] = serde_json::json!({"os": "linux", "architecture": "arm", "variant": "v7"});
    let inner = serde_json::to_vec(&serde_json::json!({"schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [arm, amd]}))
    .unwrap();
    std::fs::write(
        index_dir.path().join("blobs/sha256").join(&digest(&inner)[7..]),
        &inner,
    )
    .unwrap();
    let outer = serde_json::json!({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.index.v1+json", "digest": digest(&inner), "size": inner.len(),
        "annotations": {"org.opencontainers.image.ref.name": "multi"}}]});
    std::fs::write(
        index_dir.path().join("index.json"),
        serde_json::to_vec(&outer).unwrap(),
    )
    .unwrap();
    let target: Target = format!("oci:{}:multi", index_dir.path().display())
        .parse()
        .unwrap();
    let options = Options {
        platform: Some("linux/amd64".parse().unwrap()),
        ..Options::default()
    };
    let catalogers: [&dyn Cataloger; 1] = [&Recorder];
    let inv = inventory(&target, &options, &catalogers).unwrap();
    assert_eq!(recorded(&inv), [row("/etc/x", "x", 0)]);
    let options = Options {
        platform: Some("linux/s390x".parse().unwrap()),
        ..Options::default()
    };
    assert_eq!(
        inventory(&target, &options, &catalogers).unwrap_err().to_string(),
        format!(
            "no image for linux/s390x in {}; platforms present: linux/arm/v7, linux/amd64 (pick one with --platform)",
            index_dir.path().display()
        )
    );
}

#[test]
fn registry_targets_pull_and_refuse_plain_http_off_loopback() {
    let cache = tempfile::tempdir().unwrap();
    let target: Target = "registry:registry.example.com/app:1".parse().unwrap();
    let options = Options {
        cache_dir: Some(cache.path().to_path_buf()),
        insecure: true,
        ..Options::default()
    };
    assert_eq!(
        inventory(&target, &options, &[]).unwrap_err().to_string(),
        "--insecure allows plain HTTP only to loopback hosts; registry.example.com is not one \
         (list it in PALISADE_INSECURE_REGISTRIES to allow it anyway)"
    );
}

#[test]
fn rootfs_walk_does_not_follow_symlinks_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("etc")).unwrap();
    std::fs::write(dir.path().join("etc/os-release"), "ID=debian\n").unwrap();
    std::os::unix::fs::symlink("/etc", dir.path().join("app")).unwrap();
    let catalogers: [&dyn Cataloger; 1] = [&Recorder];
    let target: Target = format!("rootfs:{}", dir.path().display()).parse().unwrap();
    let inv = inventory(&target, &Options::default(), &catalogers).unwrap();
    let paths: Vec<String> = inv.packages.iter().map(|p| p.origin.path.to_string()).collect();
    assert_eq!(paths, ["/etc/os-release"]);
}
