//! `palisade sbom` and `palisade image` as users run them: root filesystems and project folders
//! written into temporary folders, documents validated against their official schemas (from the
//! shared corpora), real exit codes. With `PALISADE_TEST_IMAGE` set (the folder
//! `scripts/test-image.sh` fills), also the unpacked Debian test image.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn palisade(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("palisade").unwrap();
    cmd.current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A small root filesystem: an OS release file, an `.env` with an AWS key, a private key, a
/// certificate, and a test suite's sample key that must be passed over.
fn rootfs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/os-release",
        "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
    );
    write(
        root,
        "app/.env",
        "LOG_LEVEL=info\nAWS_ACCESS_KEY_ID=AKIABSIN4ZCATC7SM7BJ\n",
    );
    write(
        root,
        "root/.ssh/id_ed25519",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n",
    );
    write(
        root,
        "etc/ssl/certs/ca.pem",
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ==\n-----END CERTIFICATE-----\n",
    );
    write(
        root,
        "usr/lib/python3/dist-packages/x/tests/key.pem",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n",
    );
    dir
}

/// Serves `$ref`s from the schema's own folder; refuses the network.
struct Local(PathBuf);

impl jsonschema::Retrieve for Local {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let path = self.0.join(&name);
        if name.is_empty() || !path.is_file() {
            return Err(format!("offline: refusing to fetch {uri}").into());
        }
        Ok(serde_json::from_slice(&std::fs::read(path)?)?)
    }
}

fn validator(relative: &str) -> Option<jsonschema::Validator> {
    let path = palisade_core::corpora::dir()?.join("schemas").join(relative);
    let schema: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .with_retriever(Local(path.parent().unwrap().to_path_buf()))
            .build(&schema)
            .unwrap(),
    )
}

#[track_caller]
fn assert_valid(schema: &str, doc: &Value) {
    let Some(v) = validator(schema) else { return };
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid against {schema}:\n{}",
        errors.join("\n")
    );
}

fn sbom(dir: &Path, target: &str, format: &str) -> Value {
    let out = palisade(dir)
        .args(["sbom", target, "--format", format])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sbom_documents_of_a_root_filesystem_validate() {
    let root = rootfs();
    let target = format!("rootfs:{}", root.path().display());
    let cdx = sbom(root.path(), &target, "cyclonedx-json");
    assert_valid("cyclonedx-1.6/bom-1.6.schema.json", &cdx);
    assert_eq!(
        cdx["metadata"]["component"]["name"],
        root.path().display().to_string()
    );
    assert_eq!(cdx["metadata"]["tools"]["components"][0]["name"], "palisade");
    let spdx = sbom(root.path(), &target, "spdx-json");
    assert_valid("spdx-2.3/spdx-schema.json", &spdx);
    assert_valid("spdx-2.3/spdx-schema-support-2.3.1.json", &spdx);
    assert_eq!(spdx["relationships"][0]["relationshipType"], "DESCRIBES");
    let json = sbom(root.path(), &target, "json");
    assert_eq!(json["schema"], "palisade.sbom/v1");
    assert_eq!(json["target"], target);
    // Each run is its own document.
    let again = sbom(root.path(), &target, "spdx-json");
    assert_ne!(spdx["documentNamespace"], again["documentNamespace"]);
}

#[test]
fn sbom_writes_to_a_file_and_as_a_table() {
    let root = rootfs();
    let target = format!("dir:{}", root.path().display());
    let file = root.path().join("out/sbom.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    palisade(root.path())
        .args(["sbom", &target, "-f", "cyclonedx-json", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["bomFormat"], "CycloneDX");
    let out = palisade(root.path()).args(["sbom", &target]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(&format!("Target: {target}\n")), "{text}");
    let out = palisade(root.path())
        .args(["sbom", &target, "--lang", "zh"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("扫描对象"));
}

#[test]
fn image_reports_secret_files_of_a_root_filesystem() {
    let root = rootfs();
    let target = format!("rootfs:{}", root.path().display());
    let out = palisade(root.path())
        .args(["image", &target, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["location"]["path"].as_str().unwrap().to_owned(),
                f["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("IMG007".to_owned(), "/app/.env".to_owned(), 2),
            ("IMG007".to_owned(), "/root/.ssh/id_ed25519".to_owned(), 1),
        ]
    );
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(!raw.contains("AKIABSIN4ZCATC7SM7BJ"), "secrets are masked");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Packages: none found"));
    // --severity and --exit-code as `scan` has them.
    palisade(root.path())
        .args(["image", &target, "--severity", "MEDIUM,LOW"])
        .assert()
        .code(0);
    palisade(root.path())
        .args(["image", &target, "--exit-code", "3"])
        .assert()
        .code(3);
    // SARIF for code scanning.
    let out = palisade(root.path())
        .args(["image", &target, "-f", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid("sarif-schema-2.1.0.json", &sarif);
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "IMG007");
    // Suppressions as `scan` reads them: an ignore file with a reason silences the key file.
    write(
        root.path(),
        "ignore.yaml",
        "ignore:\n  - id: IMG007\n    paths: [\"/root/.ssh/*\"]\n    reason: a throwaway test key\n",
    );
    let out = palisade(root.path())
        .args(["image", &target, "--format", "json", "--ignorefile"])
        .arg(root.path().join("ignore.yaml"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["/app/.env"]);
}

#[test]
fn project_folders_are_not_searched_for_secret_files() {
    // `dir:` reads what a project declares; its own `.env` is `palisade scan`'s business.
    let root = rootfs();
    let target = format!("dir:{}", root.path().display());
    let out = palisade(root.path()).args(["image", &target]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Packages: none found"), "{text}");
}

#[test]
fn image_rules_are_listed_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let out = palisade(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["code"].as_str())
        .filter(|c| c.starts_with("IMG"))
        .collect();
    assert_eq!(
        codes,
        [
            "IMG001", "IMG002", "IMG003", "IMG004", "IMG005", "IMG006", "IMG007"
        ]
    );
    let out = palisade(dir.path())
        .args(["rules", "explain", "IMG001"])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("IMG001 — Image runs as root"), "{page}");
    assert!(page.contains("DS002"), "{page}");
    let out = palisade(dir.path())
        .args(["rules", "explain", "IMG007", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("镜像文件中含有密钥")
    );
}

#[test]
fn bad_targets_and_formats_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["sbom", "dir:/no/such/folder"],
        vec!["sbom", "dir:.", "--format", "xml"],
        vec!["image", "dir:.", "--format", "cyclonedx"],
        vec!["sbom", "dir:.", "--platform", "linux"],
        vec!["sbom", "./image.tar"],
    ] {
        palisade(dir.path()).args(&args).assert().code(2);
    }
}

/// The unpacked Debian test image, when `PALISADE_TEST_IMAGE` names the folder holding it.
#[test]
fn sbom_of_the_debian_test_image_validates() {
    let Some(dir) = std::env::var_os("PALISADE_TEST_IMAGE").map(PathBuf::from) else {
        assert!(
            std::env::var_os("PALISADE_REQUIRE_IMAGE").is_none(),
            "PALISADE_REQUIRE_IMAGE is set but PALISADE_TEST_IMAGE is not"
        );
        eprintln!("skipped: PALISADE_TEST_IMAGE is not set");
        return;
    };
    let target = format!("rootfs:{}", dir.join("rootfs").display());
    let cwd = tempfile::tempdir().unwrap();
    let cdx = sbom(cwd.path(), &target, "cyclonedx-json");
    assert_valid("cyclonedx-1.6/bom-1.6.schema.json", &cdx);
    let spdx = sbom(cwd.path(), &target, "spdx-json");
    assert_valid("spdx-2.3/spdx-schema.json", &spdx);
    assert_valid("spdx-2.3/spdx-schema-support-2.3.1.json", &spdx);
    let json = sbom(cwd.path(), &target, "json");
    let packages = json["packages"].as_array().unwrap();
    // Every package the catalogers found is in each document, with the same PURL.
    assert_eq!(
        cdx["components"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["type"] == "library")
            .count(),
        packages.len()
    );
    for p in packages {
        let purl = p["purl"].as_str().unwrap();
        assert!(
            cdx["components"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["purl"] == purl),
            "{purl}"
        );
    }
}
