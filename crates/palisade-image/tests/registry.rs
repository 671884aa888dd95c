//! Pulls from a real registry: Debian's `docker-registry` (distribution 2.8) started on a free
//! loopback port, the test image pushed into it with `skopeo`, then pulled by palisade by tag,
//! by digest, from a two-platform index, through htpasswd basic auth over TLS with a
//! self-signed CA, and through the bearer-token flow with a token server written here. A
//! hand-written hostile server covers what a real registry never does (wrong digests, huge
//! manifests, flaky connections, redirects to blob storage).
//!
//! Needs `docker-registry`, `skopeo`, `openssl` and `htpasswd` on PATH (Debian packages
//! docker-registry, skopeo, openssl, apache2-utils) and the test image (`PALISADE_TEST_IMAGE`, a
//! folder holding the `oci/` layout tagged `debian-test`); each test says why it skips when one is
//! missing, and fails instead under `PALISADE_REQUIRE_ORACLES=1` / `PALISADE_REQUIRE_IMAGE=1`.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use palisade_image::Platform;
use palisade_image::registry::{Credential, Progress, RegistryError, RegistryOptions, pull};
use sha2::{Digest as _, Sha256};

// ---------------------------------------------------------------------------------------------
// The real parts: tools, the test image, a registry process.

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

/// Whether the tools are there; says why not (or fails under `PALISADE_REQUIRE_ORACLES=1`).
fn have_tools(tools: &[&str]) -> bool {
    let missing: Vec<_> = tools.iter().filter(|t| !on_path(t)).collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var("PALISADE_REQUIRE_ORACLES").as_deref() != Ok("1"),
        "PALISADE_REQUIRE_ORACLES=1 and {missing:?} not on PATH"
    );
    eprintln!(
        "note: skipped, {missing:?} not on PATH (apt-get install docker-registry skopeo openssl apache2-utils)"
    );
    false
}

/// The test image's OCI layout: `$PALISADE_TEST_IMAGE/oci`, or the development copy.
fn layout() -> Option<PathBuf> {
    let dir = std::env::var_os("PALISADE_TEST_IMAGE")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from("/work/testimg/out")).filter(|d| d.is_dir()));
    let found = dir
        .map(|d| d.join("oci"))
        .filter(|d| d.join("index.json").is_file());
    if found.is_none() {
        assert!(
            std::env::var("PALISADE_REQUIRE_IMAGE").as_deref() != Ok("1"),
            "PALISADE_REQUIRE_IMAGE=1 and no test image (PALISADE_TEST_IMAGE)"
        );
        eprintln!("note: skipped, no test image (set PALISADE_TEST_IMAGE)");
    }
    found
}

/// The layout's `debian-test` manifest: its digest, and the digests and sizes of its blobs.
fn layout_image(layout: &Path) -> (String, BTreeSet<(String, u64)>) {
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(layout.join("index.json")).unwrap()).unwrap();
    let entry = index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["annotations"]["org.opencontainers.image.ref.name"] == "debian-test")
        .expect("debian-test in the layout");
    let digest = entry["digest"].as_str().unwrap().to_owned();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(blob_path(layout, &digest)).unwrap()).unwrap();
    let mut blobs = BTreeSet::new();
    for d in std::iter::once(&manifest["config"]).chain(manifest["layers"].as_array().unwrap()) {
        blobs.insert((
            d["digest"].as_str().unwrap().to_owned(),
            d["size"].as_u64().unwrap(),
        ));
    }
    (digest, blobs)
}

fn blob_path(layout: &Path, digest: &str) -> PathBuf {
    layout
        .join("blobs/sha256")
        .join(digest.strip_prefix("sha256:").unwrap())
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A registry process with its own storage; stopped when dropped.
struct Registry {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Registry {
    /// Starts `docker-registry` on a free port; `http_extra` and `auth` are spliced into its
    /// config (TLS settings under `http:`, an `auth:` section).
    fn start(http_extra: &str, auth: &str) -> Registry {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let config = format!(
            "version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\nstorage:\n  filesystem:\n    rootdirectory: {data}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n{http_extra}{auth}",
            data = dir.path().join("data").display()
        );
        std::fs::write(dir.path().join("config.yml"), config).unwrap();
        let log = std::fs::File::create(dir.path().join("log")).unwrap();
        let child = Command::new("docker-registry")
            .arg("serve")
            .arg(dir.path().join("config.yml"))
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let registry = Registry { child, port, dir };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the registry did not start:\n{}",
                registry.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        registry
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    /// Blob downloads the registry served, counted in its access log.
    fn blob_gets(&self) -> usize {
        self.log()
            .lines()
            .filter(|l| l.contains("\"GET /v2/") && l.contains("/blobs/sha256:"))
            .count()
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `skopeo copy` of the layout's `debian-test` to `repo:tag` here.
    fn push(&self, layout: &Path, target: &str, creds: Option<&str>) {
        let mut cmd = Command::new("skopeo");
        cmd.args(["--insecure-policy", "copy", "-q", "--dest-tls-verify=false"]);
        if let Some(creds) = creds {
            cmd.arg(format!("--dest-creds={creds}"));
        }
        cmd.arg(format!("oci:{}:debian-test", layout.display()))
            .arg(format!("docker://{}/{target}", self.host()));
        run(&mut cmd);
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Options for a test: its own cache, no docker config of the machine's user, nothing from the
/// environment.
fn options(cache: &Path) -> RegistryOptions {
    RegistryOptions {
        insecure: true,
        platform: Some("linux/amd64".parse().unwrap()),
        cache_dir: cache.to_owned(),
        docker_config: Some(cache.join("no-docker-config.json")),
        progress: None,
        ca_file: None,
        credential: None,
        insecure_registries: Vec::new(),
        credential_helper_path: None,
    }
}

fn sha256_file(path: &Path) -> String {
    format!("sha256:{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

/// Every blob of the layout's image is in the pulled store, byte for byte.
fn assert_same_blobs(pulled: &Path, blobs: &BTreeSet<(String, u64)>) {
    for (digest, size) in blobs {
        let path = pulled
            .join("sha256")
            .join(digest.strip_prefix("sha256:").unwrap());
        assert_eq!(
            std::fs::metadata(&path).map(|m| m.len()).ok(),
            Some(*size),
            "{digest}"
        );
        assert_eq!(&sha256_file(&path), digest);
    }
}

// ---------------------------------------------------------------------------------------------

#[test]
fn pull_by_tag_then_by_digest_downloads_each_blob_once() {
    if !have_tools(&["docker-registry", "skopeo"]) {
        return;
    }
    let Some(layout) = layout() else { return };
    let (manifest_digest, blobs) = layout_image(&layout);
    let registry = Registry::start("", "");
    registry.push(&layout, "palisade/debian-test:1", None);
    let cache = tempfile::tempdir().unwrap();
    let bytes = Arc::new(AtomicUsize::new(0));
    let mut opts = options(cache.path());
    let seen = Arc::clone(&bytes);
    opts.progress = Some(Arc::new(move |p| {
        if let Progress::Bytes(n) = p {
            seen.fetch_add(usize::try_from(n).unwrap(), Ordering::Relaxed);
        }
    }));

    let before = registry.blob_gets();
    let by_tag = pull(&format!("{}/palisade/debian-test:1", registry.host()), &opts).unwrap();
    assert_eq!(
        by_tag.reference,
        format!("{}/palisade/debian-test:1", registry.host())
    );
    assert_eq!(by_tag.manifest_digest, manifest_digest);
    assert_eq!(by_tag.index_digest, None);
    assert_eq!(by_tag.blobs, cache.path().join("blobs"));
    assert_same_blobs(&by_tag.blobs, &blobs);
    assert_eq!(by_tag.fetched.len(), blobs.len());
    let total: u64 = blobs.iter().map(|(_, s)| s).sum();
    assert_eq!(
        bytes.load(Ordering::Relaxed) as u64,
        total,
        "progress counts every byte"
    );
    // The manifest itself is in the store too, for the OCI reader.
    let manifest = by_tag.blobs.join("sha256").join(&manifest_digest[7..]);
    assert_eq!(sha256_file(&manifest), manifest_digest);
    assert_eq!(registry.blob_gets() - before, blobs.len(), "{}", registry.log());

    // The same image again, by digest and as name:tag@digest: only manifests travel.
    let before = registry.blob_gets();
    for reference in [
        format!("{}/palisade/debian-test@{manifest_digest}", registry.host()),
        format!("{}/palisade/debian-test:1@{manifest_digest}", registry.host()),
    ] {
        let again = pull(&reference, &opts).unwrap();
        assert_eq!(again.manifest_digest, manifest_digest);
        assert_eq!(again.reference, reference);
        assert!(again.fetched.is_empty(), "{:?}", again.fetched);
    }
    assert_eq!(registry.blob_gets(), before, "a cached blob was downloaded again");

    // By digest into an empty cache: the same blobs.
    let fresh = tempfile::tempdir().unwrap();
    let by_digest = pull(
        &format!("{}/palisade/debian-test@{manifest_digest}", registry.host()),
        &options(fresh.path()),
    )
    .unwrap();
    assert_same_blobs(&by_digest.blobs, &blobs);

    // What is not there is named.
    let err = pull(&format!("{}/palisade/debian-test:nope", registry.host()), &opts).unwrap_err();
    assert!(matches!(err, RegistryError::NotFound { .. }), "{err}");
    assert!(err.to_string().contains("MANIFEST_UNKNOWN"), "{err}");
    let err = pull(&format!("{}/palisade/absent:1", registry.host()), &opts).unwrap_err();
    assert!(err.to_string().contains("not found"), "{err}");
    // Without --insecure palisade speaks TLS, which a plain-HTTP registry cannot answer.
    let mut tls = options(fresh.path());
    tls.insecure = false;
    let err = pull(&format!("{}/palisade/debian-test:1", registry.host()), &tls).unwrap_err();
    assert!(matches!(err, RegistryError::Transport { .. }), "{err}");
    assert!(err.to_string().contains("needs --insecure"), "{err}");
}

#[test]
fn insecure_is_refused_off_loopback() {
    let cache = tempfile::tempdir().unwrap();
    let err = pull("registry.example.com/app:1", &options(cache.path())).unwrap_err();
    assert!(matches!(err, RegistryError::InsecureRefused { .. }), "{err}");
    assert!(err.to_string().contains("PALISADE_INSECURE_REGISTRIES"), "{err}");
    let err = pull("Bad/Name", &options(cache.path())).unwrap_err();
    assert!(err.to_string().contains("must be lowercase"), "{err}");
}

/// Writes an OCI image manifest or index into the registry with the distribution API (PUT).
fn put_manifest(registry: &Registry, repo: &str, reference: &str, media_type: &str, body: &[u8]) {
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let response = agent
        .put(format!(
            "http://{}/v2/{repo}/manifests/{reference}",
            registry.host()
        ))
        .header("Content-Type", media_type)
        .send(body)
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        201,
        "PUT {reference}: {}",
        registry.log()
    );
}

#[test]
fn manifest_list_gives_the_platform_asked_for() {
    if !have_tools(&["docker-registry", "skopeo"]) {
        return;
    }
    let Some(layout) = layout() else { return };
    let (amd64_digest, blobs) = layout_image(&layout);
    let registry = Registry::start("", "");
    registry.push(&layout, "multi:base", None);
    // A second platform's manifest: the same blobs, told apart by an annotation.
    let amd64 = std::fs::read(blob_path(&layout, &amd64_digest)).unwrap();
    let mut arm: serde_json::Value = serde_json::from_slice(&amd64).unwrap();
    arm["annotations"] = serde_json::json!({"org.example.platform": "arm64"});
    let arm = serde_json::to_vec(&arm).unwrap();
    let arm_digest = format!("sha256:{:x}", Sha256::digest(&arm));
    let oci_manifest = "application/vnd.oci.image.manifest.v1+json";
    put_manifest(&registry, "multi", &arm_digest, oci_manifest, &arm);
    let index = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
            {"mediaType": oci_manifest, "digest": amd64_digest, "size": amd64.len(),
             "platform": {"os": "linux", "architecture": "amd64"}},
            {"mediaType": oci_manifest, "digest": arm_digest, "size": arm.len(),
             "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
        ]
    });
    let index = serde_json::to_vec(&index).unwrap();
    let index_digest = format!("sha256:{:x}", Sha256::digest(&index));
    put_manifest(
        &registry,
        "multi",
        "2",
        "application/vnd.oci.image.index.v1+json",
        &index,
    );

    let cache = tempfile::tempdir().unwrap();
    let reference = format!("{}/multi:2", registry.host());
    let mut opts = options(cache.path());
    for (platform, digest) in [("linux/amd64", &amd64_digest), ("linux/arm64", &arm_digest)] {
        opts.platform = Some(platform.parse().unwrap());
        let pulled = pull(&reference, &opts).unwrap();
        assert_eq!(&pulled.manifest_digest, digest, "{platform}");
        assert_eq!(pulled.index_digest.as_ref(), Some(&index_digest));
        assert_same_blobs(&pulled.blobs, &blobs);
    }
    // The index by its digest works the same way.
    opts.platform = Some("linux/arm64/v8".parse().unwrap());
    let pulled = pull(&format!("{}/multi@{index_digest}", registry.host()), &opts).unwrap();
    assert_eq!(pulled.manifest_digest, arm_digest);
    opts.platform = Some("linux/s390x".parse::<Platform>().unwrap());
    let err = pull(&reference, &opts).unwrap_err().to_string();
    assert!(
        err.contains("no manifest for linux/s390x; it has linux/amd64, linux/arm64/v8"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// Basic auth over TLS.

/// A CA and a server certificate for 127.0.0.1 signed by it, made with openssl.
fn make_certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let p = |name: &str| dir.join(name);
    run(Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ])
        .args(["-subj", "/CN=palisade test CA", "-days", "2", "-keyout"])
        .arg(p("ca.key"))
        .arg("-out")
        .arg(p("ca.crt"))
        .stderr(Stdio::null()));
    run(Command::new("openssl")
        .args([
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ])
        .args(["-subj", "/CN=127.0.0.1", "-keyout"])
        .arg(p("server.key"))
        .arg("-out")
        .arg(p("server.csr"))
        .stderr(Stdio::null()));
    std::fs::write(
        p("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(Command::new("openssl")
        .args(["x509", "-req", "-days", "2", "-CAcreateserial", "-in"])
        .arg(p("server.csr"))
        .arg("-CA")
        .arg(p("ca.crt"))
        .arg("-CAkey")
        .arg(p("ca.key"))
        .arg("-extfile")
        .arg(p("ext.cnf"))
        .arg("-out")
        .arg(p("server.crt"))
        .stderr(Stdio::null()));
    (p("ca.crt"), p("server.crt"), p("server.key"))
}

#[test]
fn basic_auth_over_tls() {
    if !have_tools(&["docker-registry", "skopeo", "openssl", "htpasswd"]) {
        return;
    }
    let Some(layout) = layout() else { return };
    let (manifest_digest, blobs) = layout_image(&layout);
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = make_certificates(certs.path());
    let htpasswd = certs.path().join("htpasswd");
    let out = Command::new("htpasswd")
        .args(["-Bbn", "alice", "s3cret"])
        .output()
        .unwrap();
    std::fs::write(&htpasswd, out.stdout).unwrap();
    let registry = Registry::start(
        &format!(
            "  tls:\n    certificate: {}\n    key: {}\n",
            cert.display(),
            key.display()
        ),
        &format!(
            "auth:\n  htpasswd:\n    realm: palisade-test\n    path: {}\n",
            htpasswd.display()
        ),
    );
    registry.push(&layout, "private/debian:1", Some("alice:s3cret"));
    let reference = format!("{}/private/debian:1", registry.host());

    let cache = tempfile::tempdir().unwrap();
    let mut opts = options(cache.path());
    opts.insecure = false;
    opts.ca_file = Some(ca.clone());
    opts.credential = Some(Credential::Basic {
        username: "alice".into(),
        password: "s3cret".into(),
    });
    let pulled = pull(&reference, &opts).unwrap();
    assert_eq!(pulled.manifest_digest, manifest_digest);
    assert_same_blobs(&pulled.blobs, &blobs);

    // The login from docker's config file, as `docker login` writes it.
    let config = certs.path().join("config.json");
    let auth = STANDARD.encode("alice:s3cret");
    std::fs::write(
        &config,
        format!(r#"{{"auths":{{"{}":{{"auth":"{auth}"}}}}}}"#, registry.host()),
    )
    .unwrap();
    let fresh = tempfile::tempdir().unwrap();
    let mut from_config = opts.clone();
    from_config.cache_dir = fresh.path().to_owned();
    from_config.credential = None;
    from_config.docker_config = Some(config);
    assert_eq!(
        pull(&reference, &from_config).unwrap().manifest_digest,
        manifest_digest
    );

    // A wrong password, no login, an untrusted certificate: each says what is wrong, and the
    // password never appears.
    let mut wrong = opts.clone();
    wrong.credential = Some(Credential::Basic {
        username: "alice".into(),
        password: "hunter2".into(),
    });
    let err = pull(&format!("{}/private/debian:2", registry.host()), &wrong).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, RegistryError::Unauthorized { .. }), "{text}");
    assert!(text.contains("wrong user name or password"), "{text}");
    assert!(
        !text.contains("hunter2") && !format!("{err:?}").contains("hunter2"),
        "{text}"
    );
    let mut anonymous = opts.clone();
    anonymous.credential = None;
    let err = pull(&reference, &anonymous).unwrap_err().to_string();
    assert!(err.contains("none is configured"), "{err}");
    let mut untrusted = opts.clone();
    untrusted.ca_file = None;
    let err = pull(&reference, &untrusted).unwrap_err().to_string();
    assert!(
        err.contains("cannot reach") && err.contains("ertificate"),
        "{err}"
    );
    let mut bad_ca = opts;
    bad_ca.ca_file = Some(certs.path().join("ext.cnf"));
    let err = pull(&reference, &bad_ca).unwrap_err().to_string();
    assert!(err.contains("no PEM certificate"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// The bearer-token flow.

/// libtrust's key id, which distribution 2.8 looks a token's `kid` up by: the SHA-256 of the
/// key's SubjectPublicKeyInfo, cut to 240 bits, base32 in colon-separated groups of four.
fn libtrust_key_id(spki_der: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let hash = Sha256::digest(spki_der);
    let bits: String = hash[..30]
        .iter()
        .flat_map(|b| (0..8).rev().map(move |i| if b >> i & 1 == 1 { '1' } else { '0' }))
        .collect();
    let base32: String = bits
        .as_bytes()
        .chunks(5)
        .map(|c| ALPHABET[usize::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap()] as char)
        .collect();
    base32
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(":")
}

fn percent_decode(s: &str) -> String {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A token server on loopback, as docker's auth service behaves: `GET /token?service=…&scope=…`
/// with `alice:t0ken` as basic auth gives an ES256 JWT granting the scopes asked for.
struct TokenServer {
    port: u16,
    requests: Arc<AtomicUsize>,
}

fn token_server(key_pem: &str, issuer: &'static str, service: &'static str) -> TokenServer {
    use p256::ecdsa::signature::Signer as _;
    use p256::pkcs8::{DecodePrivateKey as _, EncodePublicKey as _};
    let secret = p256::SecretKey::from_pkcs8_pem(key_pem).unwrap();
    let spki = secret.public_key().to_public_key_der().unwrap();
    let kid = libtrust_key_id(spki.as_bytes());
    let signer = p256::ecdsa::SigningKey::from(secret);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (target, headers) = read_request(&stream);
            counter.fetch_add(1, Ordering::Relaxed);
            let good = format!("Basic {}", STANDARD.encode("alice:t0ken"));
            let login = headers.iter().find_map(|h| {
                let (name, value) = h.split_once(':')?;
                name.eq_ignore_ascii_case("authorization").then(|| value.trim())
            });
            if login != Some(good.as_str()) {
                let body = serde_json::json!({"details": "bad login"});
                respond(&stream, "401 Unauthorized", &[], body.to_string().as_bytes());
                continue;
            }
            let query = target.split_once('?').map_or("", |(_, q)| q);
            let access: Vec<serde_json::Value> = query
                .split('&')
                .filter_map(|kv| kv.strip_prefix("scope="))
                .map(percent_decode)
                .filter_map(|scope| {
                    let mut parts = scope.splitn(3, ':');
                    let (kind, name, actions) = (parts.next()?, parts.next()?, parts.next()?);
                    Some(serde_json::json!({"type": kind, "name": name, "actions": actions.split(',').collect::<Vec<_>>()}))
                })
                .collect();
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs();
            let header = serde_json::json!({"typ": "JWT", "alg": "ES256", "kid": kid});
            let claims = serde_json::json!({
                "iss": issuer, "sub": "alice", "aud": service, "exp": now + 300, "nbf": now - 10,
                "iat": now, "jti": format!("{now}-{}", counter.load(Ordering::Relaxed)), "access": access,
            });
            let signing_input = format!(
                "{}.{}",
                URL_SAFE_NO_PAD.encode(header.to_string()),
                URL_SAFE_NO_PAD.encode(claims.to_string())
            );
            let signature: p256::ecdsa::Signature = signer.sign(signing_input.as_bytes());
            let token = format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()));
            let body = serde_json::json!({"token": token, "expires_in": 300});
            respond(
                &stream,
                "200 OK",
                &["Content-Type: application/json"],
                body.to_string().as_bytes(),
            );
        }
    });
    TokenServer { port, requests }
}

#[test]
fn bearer_token_flow() {
    if !have_tools(&["docker-registry", "skopeo", "openssl"]) {
        return;
    }
    let Some(layout) = layout() else { return };
    let (manifest_digest, blobs) = layout_image(&layout);
    let keys = tempfile::tempdir().unwrap();
    let (key, cert) = (keys.path().join("token.key"), keys.path().join("token.crt"));
    run(Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ])
        .args(["-subj", "/CN=palisade token issuer", "-days", "2", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null()));
    let tokens = token_server(
        &std::fs::read_to_string(&key).unwrap(),
        "palisade-issuer",
        "palisade-registry",
    );
    let registry = Registry::start(
        "",
        &format!(
            "auth:\n  token:\n    realm: http://127.0.0.1:{}/token\n    service: palisade-registry\n    issuer: palisade-issuer\n    rootcertbundle: {}\n",
            tokens.port,
            cert.display()
        ),
    );
    registry.push(&layout, "team/debian:1", Some("alice:t0ken"));
    let reference = format!("{}/team/debian:1", registry.host());

    let cache = tempfile::tempdir().unwrap();
    let mut opts = options(cache.path());
    opts.credential = Some(Credential::Basic {
        username: "alice".into(),
        password: "t0ken".into(),
    });
    let before = tokens.requests.load(Ordering::Relaxed);
    let pulled = pull(&reference, &opts).unwrap_or_else(|e| panic!("{e}\n{}", registry.log()));
    assert_eq!(pulled.manifest_digest, manifest_digest);
    assert_same_blobs(&pulled.blobs, &blobs);
    // One token for the repository's pull scope served the manifest and every blob.
    assert_eq!(tokens.requests.load(Ordering::Relaxed) - before, 1);

    let mut wrong = opts.clone();
    wrong.credential = Some(Credential::Basic {
        username: "alice".into(),
        password: "nope".into(),
    });
    let err = pull(&reference, &wrong).unwrap_err().to_string();
    assert!(err.contains("token server refused the configured login"), "{err}");
    let mut anonymous = opts;
    anonymous.credential = None;
    let err = pull(&reference, &anonymous).unwrap_err().to_string();
    assert!(err.contains("none is configured"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// A hostile registry, hand-written: what real registries never do.

fn read_request(stream: &TcpStream) -> (String, Vec<String>) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let _ = reader.read_line(&mut line);
    let target = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        headers.push(h.trim().to_owned());
    }
    (target, headers)
}

fn respond(mut stream: &TcpStream, status: &str, headers: &[&str], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

/// Answers each request with `handler(path, how many times that path was asked before)`:
/// status, headers and body. Returns the port and the paths asked for.
fn hostile(
    handler: impl Fn(&str, usize) -> (String, Vec<String>, Vec<u8>) + Send + 'static,
) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (target, _) = read_request(&stream);
            let nth = {
                let mut log = log.lock().unwrap();
                let nth = log.iter().filter(|p| **p == target).count();
                log.push(target.clone());
                nth
            };
            let (status, headers, body) = handler(&target, nth);
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            respond(&stream, &status, &headers, &body);
            // Let the client read before the socket closes under it.
            let mut rest = Vec::new();
            let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
            let _ = (&stream).take(1 << 16).read_to_end(&mut rest);
        }
    });
    (port, seen)
}

fn digest_of(bytes: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(bytes))
}

#[test]
fn hostile_registry_answers_are_refused_and_flaky_ones_retried() {
    let config = br#"{"architecture":"amd64","os":"linux"}"#.to_vec();
    let layer = b"not really a layer, but bytes with a digest".to_vec();
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest_of(&config), "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": digest_of(&layer), "size": layer.len()}],
    }))
    .unwrap();
    let manifest_digest = digest_of(&manifest);
    let bad_layer_manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "config": {"digest": digest_of(&config), "size": config.len()},
        "layers": [{"digest": digest_of(b"something else"), "size": layer.len()}],
    }))
    .unwrap();
    let (config_path, layer_path) = (
        format!("/v2/app/blobs/{}", digest_of(&config)),
        format!("/v2/app/blobs/{}", digest_of(&layer)),
    );
    let ok = |body: &[u8]| {
        (
            "200 OK".to_owned(),
            vec!["Content-Type: application/vnd.oci.image.manifest.v1+json".to_owned()],
            body.to_vec(),
        )
    };
    let (config_digest, layer_digest) = (digest_of(&config), digest_of(&layer));
    let impostor_path = format!("/v2/app/blobs/{}", digest_of(b"something else"));
    let (port, seen) = hostile(move |path, nth| match path {
        "/v2/app/manifests/good" => ok(&manifest),
        // Flaky: the config fails twice with 503, then arrives.
        p if p == config_path && nth < 2 => ("503 Service Unavailable".into(), vec![], vec![]),
        p if p == config_path => ok(&config),
        // The layer lives in "object storage", one redirect away.
        p if p == layer_path => (
            "307 Temporary Redirect".into(),
            vec!["Location: /storage/layer?sig=x".into()],
            vec![],
        ),
        "/storage/layer?sig=x" => ok(&layer),
        p if p == impostor_path => ok(&layer),
        "/v2/app/manifests/huge" => ok(&vec![b' '; 5 << 20]),
        "/v2/app/manifests/garbage" => ok(b"{\"schemaVersion\":2,\"layers\":[{\"digest\":7}]"),
        "/v2/app/manifests/badlayer" => ok(&bad_layer_manifest),
        p if p.starts_with("/v2/app/manifests/sha256:") => ok(b"{}"),
        "/v2/app/manifests/nochallenge" => ("401 Unauthorized".into(), vec![], vec![]),
        "/v2/app/manifests/badrealm" => (
            "401 Unauthorized".into(),
            vec!["WWW-Authenticate: Bearer realm=\"http://auth.example.com/token\",service=x".into()],
            vec![],
        ),
        _ => ("404 Not Found".into(), vec![], vec![]),
    });
    let host = format!("127.0.0.1:{port}");
    let cache = tempfile::tempdir().unwrap();
    let opts = options(cache.path());

    let pulled = pull(&format!("{host}/app:good"), &opts)
        .unwrap_or_else(|e| panic!("{e}: {:?}", seen.lock().unwrap()));
    assert_eq!(pulled.manifest_digest, manifest_digest);
    assert_eq!(pulled.fetched, vec![config_digest.clone(), layer_digest.clone()]);
    let asked = seen.lock().unwrap().clone();
    assert!(asked.contains(&"/storage/layer?sig=x".to_owned()), "{asked:?}");
    let config_asked = format!("/v2/app/blobs/{config_digest}");
    assert_eq!(
        asked.iter().filter(|p| **p == config_asked).count(),
        3,
        "two 503s, then the blob"
    );

    let err = |reference: &str| pull(&format!("{host}/{reference}"), &opts).unwrap_err();
    let e = err("app:huge");
    assert!(
        matches!(e, RegistryError::TooLarge { limit: 4_194_304, .. }),
        "{e}"
    );
    let e = err("app:garbage").to_string();
    assert!(e.contains("not valid JSON"), "{e}");
    let e = err("app:badlayer").to_string();
    assert!(e.contains("has digest") && e.contains(&layer_digest), "{e}");
    let wanted = digest_of(b"what was asked for");
    let e = err(&format!("app@{wanted}"));
    assert!(matches!(e, RegistryError::DigestMismatch { .. }), "{e}");
    assert!(e.to_string().contains(&wanted), "{e}");
    let e = err("app:nochallenge").to_string();
    assert!(e.contains("no authentication scheme"), "{e}");
    let e = err("app:badrealm").to_string();
    assert!(e.contains("not https"), "{e}");
    // Nothing unverified stayed in the store.
    let stored: Vec<_> = std::fs::read_dir(cache.path().join("blobs/sha256"))
        .unwrap()
        .flatten()
        .map(|e| format!("sha256:{}", e.file_name().to_string_lossy()))
        .collect();
    for digest in &stored {
        assert_eq!(
            &sha256_file(&cache.path().join("blobs/sha256").join(&digest[7..])),
            digest
        );
    }
    let leftovers = std::fs::read_dir(cache.path().join("blobs")).unwrap().count();
    assert_eq!(leftovers, 1, "temporary files left in the store");
}

/// What a user sees of an image's packages: every package with the layer and file it came from.
fn packages_of(target: &str, cache: &Path) -> Vec<String> {
    let target: palisade_image::Target = target.parse().unwrap();
    let options = palisade_image::Options {
        cache_dir: Some(cache.to_owned()),
        insecure: true,
        platform: Some("linux/amd64".parse().unwrap()),
        ..palisade_image::Options::default()
    };
    let inventory = palisade_image::inventory(&target, &options, &palisade_image::catalogers())
        .unwrap_or_else(|e| panic!("{target:?}: {e}"));
    assert!(inventory.diagnostics.is_empty(), "{:?}", inventory.diagnostics);
    let mut rows: Vec<String> = inventory
        .packages
        .iter()
        .map(|p| {
            let layer = p.origin.layer.as_deref().unwrap_or("-");
            format!("{:?} {} {} {layer} {}", p.kind, p.name, p.version, p.origin.path)
        })
        .collect();
    rows.sort();
    rows
}

/// The issue's promise: the same image read as `oci:`, `oci-archive:`, `docker-archive:` and
/// pulled from a registry by tag and by digest gives the same packages from the same layers
/// (docker-archive names layers by the digests of their uncompressed tars when skopeo wrote it
/// uncompressed, so its rows are compared without the layer).
#[test]
fn every_form_of_the_image_gives_the_same_packages() {
    if !have_tools(&["docker-registry", "skopeo"]) {
        return;
    }
    let Some(layout) = layout() else { return };
    let dir = layout.parent().unwrap();
    let (manifest_digest, _) = layout_image(&layout);
    let registry = Registry::start("", "");
    registry.push(&layout, "palisade/debian-test:1", None);
    let cache = tempfile::tempdir().unwrap();

    let reference = packages_of(&format!("oci:{}:debian-test", layout.display()), cache.path());
    assert!(
        reference.iter().filter(|r| r.starts_with("Deb ")).count() >= 80,
        "{reference:#?}"
    );
    for other in [
        format!("oci-archive:{}", dir.join("image.oci.tar").display()),
        format!("registry:{}/palisade/debian-test:1", registry.host()),
        format!("{}/palisade/debian-test@{manifest_digest}", registry.host()),
    ] {
        assert_eq!(packages_of(&other, cache.path()), reference, "{other}");
    }
    let without_layer = |rows: &[String]| -> Vec<String> {
        rows.iter()
            .map(|r| {
                let f: Vec<&str> = r.split(' ').collect();
                format!("{} {} {} {}", f[0], f[1], f[2], f[4])
            })
            .collect()
    };
    let docker = packages_of(
        &format!("docker-archive:{}", dir.join("image.docker.tar").display()),
        cache.path(),
    );
    assert_eq!(without_layer(&docker), without_layer(&reference));
}
