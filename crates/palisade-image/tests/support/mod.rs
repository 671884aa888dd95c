//! What the image tests share: a cataloger that records what it read, and builders of layers,
//! OCI layouts and `docker save` archives written byte by byte (so they can be hostile).

#![allow(dead_code, unreachable_pub)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use palisade_core::{Package, PackageKind};
use palisade_image::{CatalogError, Cataloger, FileInput, Found, Inventory, Scope};
use sha2::{Digest, Sha256};

/// Records every file under `/etc` and `/app` (and `/var/lib/dpkg/status`) as a package named by
/// its path, versioned by its first line.
pub struct Recorder;

impl Cataloger for Recorder {
    fn name(&self) -> &'static str {
        "recorder"
    }
    fn scope(&self) -> Scope {
        Scope::Installed
    }
    fn wants(&self, path: &str) -> bool {
        path.starts_with("/etc/") || path.starts_with("/app/") || path == "/var/lib/dpkg/status"
    }
    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        // Streamed, never held: a bomb inside a wanted file costs no memory here.
        let mut first = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = file.reader().read(&mut buf).map_err(CatalogError::Io)?;
            if n == 0 {
                break;
            }
            if first.len() < 64 && !first.contains(&b'\n') {
                first.extend_from_slice(&buf[..n.min(64)]);
            }
        }
        let line = String::from_utf8_lossy(&first);
        let line = line.lines().next().unwrap_or("").to_owned();
        out.push(Found::Package(Package {
            name: file.path().to_string(),
            version: line,
            kind: PackageKind::Deb,
            arch: None,
            source: None,
            licenses: vec![],
            origin: file.origin().clone(),
            cataloger: "recorder",
        }));
        Ok(())
    }
}

/// (path, first line, layer index) of every recorded file, sorted by path.
pub fn recorded(inv: &Inventory) -> Vec<(String, String, usize)> {
    let layers: Vec<&str> = inv
        .image
        .as_ref()
        .map(|i| i.layers.iter().map(|l| l.digest.as_str()).collect())
        .unwrap_or_default();
    let mut out: Vec<_> = inv
        .packages
        .iter()
        .filter(|p| p.cataloger == "recorder")
        .map(|p| {
            let layer = p
                .origin
                .layer
                .as_deref()
                .and_then(|l| layers.iter().position(|d| *d == l))
                .unwrap_or(usize::MAX);
            (p.origin.path.to_string(), p.version.clone(), layer)
        })
        .collect();
    out.sort();
    out
}

pub fn diagnostics(inv: &Inventory) -> Vec<String> {
    inv.diagnostics.iter().map(ToString::to_string).collect()
}

pub fn digest(bytes: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(bytes))
}

/// A tar entry, written with whatever name it is given.
pub enum Entry<'a> {
    File(&'a str, &'a [u8]),
    Dir(&'a str),
    Symlink(&'a str, &'a str),
    HardLink(&'a str, &'a str),
}

/// A plain tar of `entries`; names are written raw (`..` and leading `/` included).
pub fn tar(entries: &[Entry<'_>]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let mut h = tar::Header::new_gnu();
        h.set_mode(0o644);
        let (name, data, kind, link): (&str, &[u8], tar::EntryType, Option<&str>) = match *e {
            Entry::File(n, d) => (n, d, tar::EntryType::Regular, None),
            Entry::Dir(n) => (n, b"", tar::EntryType::Directory, None),
            Entry::Symlink(n, l) => (n, b"", tar::EntryType::Symlink, Some(l)),
            Entry::HardLink(n, l) => (n, b"", tar::EntryType::Link, Some(l)),
        };
        if name.len() > 100 {
            // A GNU long name, written by the tar crate (such names are never hostile here).
            h.set_entry_type(kind);
            h.set_size(data.len() as u64);
            b.append_data(&mut h, name, data).unwrap();
            continue;
        }
        raw_name(&mut h, name);
        if let Some(l) = link {
            let field = &mut h.as_old_mut().linkname;
            field.fill(0);
            field[..l.len()].copy_from_slice(l.as_bytes());
        }
        h.set_entry_type(kind);
        h.set_size(data.len() as u64);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }
    b.into_inner().unwrap()
}

/// A tar whose one file is `size` zero bytes, streamed into gzip (the input is never whole).
pub fn gzip_bomb(before: &str, name: &str, size: u64, after: &str) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar(&[Entry::File(before, b"before\n")])[..1024])
        .unwrap();
    let mut h = tar::Header::new_gnu();
    raw_name(&mut h, name);
    h.set_mode(0o644);
    h.set_size(size);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_cksum();
    gz.write_all(h.as_bytes()).unwrap();
    std::io::copy(&mut std::io::repeat(0).take(size), &mut gz).unwrap();
    gz.write_all(&tar(&[Entry::File(after, b"after\n")])).unwrap();
    gz.finish().unwrap()
}

fn raw_name(h: &mut tar::Header, name: &str) {
    let field = &mut h.as_old_mut().name;
    field.fill(0);
    field[..name.len()].copy_from_slice(name.as_bytes());
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).unwrap()
}

/// An OCI image layout in `dir` with these layer blobs (bottom first), tagged `test`.
/// `named` overrides the digest the manifest gives a layer (for wrong-digest tests).
pub fn oci_layout(dir: &Path, layers: &[Vec<u8>], named: &[Option<String>]) -> PathBuf {
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    let put = |bytes: &[u8], as_digest: &str| {
        std::fs::write(blobs.join(as_digest.trim_start_matches("sha256:")), bytes).unwrap();
    };
    let mut descs = Vec::new();
    let mut diff_ids = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        let d = named.get(i).cloned().flatten().unwrap_or_else(|| digest(layer));
        put(layer, &d);
        descs.push(serde_json::json!({
            "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
            "digest": d, "size": layer.len()}));
        diff_ids.push(digest(layer));
    }
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64", "os": "linux",
        "config": {"User": "app", "Env": ["PATH=/usr/bin", "API_TOKEN=x"], "ExposedPorts": {"22/tcp": {}},
                   "Cmd": ["/bin/sh"], "WorkingDir": "/app", "Labels": {"team": "core"},
                   "Healthcheck": {"Test": ["CMD", "true"]}},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": [{"created_by": "ADD rootfs /"}, {"created_by": "ENV A=1", "empty_layer": true}]
    }))
    .unwrap();
    put(&config, &digest(&config));
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest(&config), "size": config.len()},
        "layers": descs}))
    .unwrap();
    put(&manifest, &digest(&manifest));
    let index = serde_json::json!({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest(&manifest),
        "size": manifest.len(), "annotations": {"org.opencontainers.image.ref.name": "test"}}]});
    std::fs::write(dir.join("index.json"), serde_json::to_vec(&index).unwrap()).unwrap();
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    dir.to_path_buf()
}

/// A legacy `docker save` archive (manifest.json, `<id>/layer.tar` symlinked to the layer file,
/// as skopeo writes) with these layers; `diff_ids` overrides what the configuration says.
pub fn docker_archive(file: &Path, layers: &[Vec<u8>], diff_ids: Option<Vec<String>>) {
    let diff_ids = diff_ids.unwrap_or_else(|| layers.iter().map(|l| digest(l)).collect());
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/sh"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids}}))
    .unwrap();
    let config_name = format!("{}.json", &digest(&config)[7..]);
    let mut b = tar::Builder::new(Vec::new());
    let mut add = |name: &str, data: &[u8]| {
        let mut h = tar::Header::new_gnu();
        h.set_mode(0o444);
        h.set_size(data.len() as u64);
        h.set_entry_type(tar::EntryType::Regular);
        b.append_data(&mut h, name, data).unwrap();
    };
    let mut names = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        let name = format!("{}.tar", &digest(layer)[7..]);
        add(&name, layer);
        names.push(format!("v1id{i}/layer.tar"));
    }
    add(&config_name, &config);
    let manifest = serde_json::json!([{"Config": config_name, "RepoTags": ["test:1"], "Layers": names}]);
    add("manifest.json", &serde_json::to_vec(&manifest).unwrap());
    for (i, layer) in layers.iter().enumerate() {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Symlink);
        h.set_size(0);
        b.append_link(
            &mut h,
            format!("v1id{i}/layer.tar"),
            format!("../{}.tar", &digest(layer)[7..]),
        )
        .unwrap();
    }
    std::fs::write(file, b.into_inner().unwrap()).unwrap();
}

/// `dir` packed as a tar (for oci-archive).
pub fn pack(dir: &Path, file: &Path) {
    let mut b = tar::Builder::new(Vec::new());
    b.append_dir_all(".", dir).unwrap();
    std::fs::write(file, b.into_inner().unwrap()).unwrap();
}
