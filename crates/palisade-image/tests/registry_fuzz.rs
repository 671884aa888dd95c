//! Fuzz targets for what a registry or a user hands the puller: image references, manifests
//! and indexes, `WWW-Authenticate` challenges. Mutations of seeds (from `arbitrary`) must never
//! panic; a reference that parses must print as a reference that parses back to itself, and a
//! manifest that parses must hold only well-formed digests. Runs a bounded number of cases per
//! seed in normal tests; `PALISADE_FUZZ_CASES` raises it for a longer session.

use arbitrary::Unstructured;
use palisade_fuzz::{Mutator, cases, entropy};
use palisade_image::Platform;
use palisade_image::registry::{
    Challenge, Manifest, Reference, choose_platform, parse_challenge, parse_manifest,
};

const D: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn reference_target(text: &str) {
    if let Ok(r) = Reference::parse(text) {
        let shown = r.to_string();
        let again = Reference::parse(&shown).unwrap_or_else(|e| panic!("{text:?} → {shown:?}: {e}"));
        assert_eq!(again, r, "{text:?} → {shown:?}");
        assert!(!r.api_host().is_empty() && !r.repository.is_empty());
    }
}

#[test]
fn fuzz_references() {
    let seeds = [
        "alpine".to_owned(),
        "alpine:3.20".to_owned(),
        "docker.io/library/alpine:latest".to_owned(),
        "index.docker.io/bitnami/redis".to_owned(),
        "localhost:5000/team/app:v1.2.3".to_owned(),
        "[::1]:5000/app".to_owned(),
        "ghcr.io/org/a.b_c__d-e---f/g".to_owned(),
        format!("quay.io/x/y:1@{D}"),
        format!("busybox@{D}"),
    ];
    let inserts = [
        "/",
        ":",
        "@",
        "sha256:",
        ".",
        "-",
        "__",
        "[",
        "]",
        "localhost",
        "A",
        "docker.io/",
    ];
    for (i, seed) in seeds.iter().enumerate() {
        reference_target(seed);
        for case in 0..cases(300) {
            let data = entropy(case ^ (i as u64) << 32);
            let mut u = Unstructured::new(&data);
            if let Ok(bytes) = (Mutator {
                overwrites: b"/:@._-[]aZ0 ",
                inserts: &inserts,
                max_cut: 16,
                hot: &[],
            })
            .mutate(seed.as_bytes(), &mut u)
            {
                reference_target(&String::from_utf8_lossy(&bytes));
            }
        }
    }
}

fn well_formed(digest: &str) -> bool {
    digest.strip_prefix("sha256:").is_some_and(|h| h.len() == 64)
        || digest.strip_prefix("sha512:").is_some_and(|h| h.len() == 128)
}

fn manifest_target(bytes: &[u8]) {
    let platforms: [Platform; 3] = [
        "linux/amd64".parse().unwrap(),
        "linux/arm/v7".parse().unwrap(),
        "windows/amd64".parse().unwrap(),
    ];
    for content_type in [
        None,
        Some("application/vnd.docker.distribution.manifest.list.v2+json"),
    ] {
        match parse_manifest(bytes, content_type) {
            Ok(Manifest::Index(entries)) => {
                assert!(entries.iter().all(|d| well_formed(&d.digest)));
                for p in &platforms {
                    if let Ok(d) = choose_platform(&entries, p) {
                        assert!(entries.contains(d));
                    }
                }
            }
            Ok(Manifest::Image { config, layers }) => {
                assert!(well_formed(&config.digest));
                assert!(layers.iter().all(|d| well_formed(&d.digest)));
            }
            Err(e) => assert!(!e.is_empty()),
        }
    }
}

#[test]
fn fuzz_manifests() {
    let seeds = [
        format!(
            r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{D}","size":1469}},"layers":[{{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{D}","size":3623807}}]}}"#
        ),
        format!(
            r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[{{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{D}","size":528,"platform":{{"architecture":"arm","os":"linux","variant":"v7"}}}},{{"digest":"{D}","size":1,"platform":{{"architecture":"amd64","os":"linux"}}}}]}}"#
        ),
        r#"{"schemaVersion":1,"name":"x","tag":"1","fsLayers":[{"blobSum":"sha256:a"}]}"#.to_owned(),
    ];
    let inserts = [
        "{",
        "}",
        "[",
        "]",
        "\"",
        ":",
        ",",
        "null",
        "-1",
        "1e999",
        "\"manifests\":[]",
        "\\u0000",
    ];
    for (i, seed) in seeds.iter().enumerate() {
        manifest_target(seed.as_bytes());
        for case in 0..cases(300) {
            let data = entropy(case ^ (i as u64) << 32 ^ 0xABCD);
            let mut u = Unstructured::new(&data);
            if let Ok(bytes) = (Mutator {
                overwrites: b"{}[]\":, 0aZ",
                inserts: &inserts,
                max_cut: 16,
                hot: &[],
            })
            .mutate(seed.as_bytes(), &mut u)
            {
                manifest_target(&bytes);
            }
        }
    }
}

#[test]
fn fuzz_challenges() {
    let seeds = [
        r#"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push""#,
        r#"Basic realm="Registry Realm""#,
        r#"bearer realm=http://127.0.0.1:1/t, service=x, error="invalid_token""#,
    ];
    let inserts = ["\"", "\\", ",", "=", " ", "realm", "Bearer "];
    for (i, seed) in seeds.iter().enumerate() {
        for case in 0..cases(300) {
            let data = entropy(case ^ (i as u64) << 32 ^ 0x1234);
            let mut u = Unstructured::new(&data);
            if let Ok(bytes) = (Mutator {
                overwrites: b"\"\\,= aZ",
                inserts: &inserts,
                max_cut: 16,
                hot: &[],
            })
            .mutate(seed.as_bytes(), &mut u)
            {
                if let Some(Challenge::Bearer { realm, .. }) =
                    parse_challenge(&String::from_utf8_lossy(&bytes))
                {
                    assert!(!realm.is_empty());
                }
            }
        }
    }
}
