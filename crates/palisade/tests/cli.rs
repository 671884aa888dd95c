//! The command line as users run it: real files in temporary folders, real exit codes, and the
//! JSON contract scripts depend on.

use std::path::Path;

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

const PRIVILEGED: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n  namespace: ops\nspec:\n  containers:\n    - name: agent\n      image: registry.example.com/agent:1.0\n      securityContext:\n        privileged: true\n";

fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = palisade(dir)
        .args(["scan", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (value, code)
}

/// The first finding of `rule` in a JSON report.
fn first<'a>(report: &'a Value, rule: &str) -> &'a Value {
    let findings = report["findings"].as_array().unwrap();
    findings
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {report}"))
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn finds_and_exits_with_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deploy/pod.yaml", PRIVILEGED);
    let (report, code) = json(dir.path(), &["deploy"]);
    assert_eq!(code, 1);
    assert_eq!(report["schema"], "palisade.report/v1");
    let finding = first(&report, "K8S001");
    assert_eq!(finding["severity"], "HIGH");
    assert!(
        finding["aliases"]
            .as_array()
            .unwrap()
            .contains(&Value::from("KSV017"))
    );
    let location = &finding["location"];
    assert_eq!(location["path"], "deploy/pod.yaml");
    assert_eq!(
        (location["line"].as_u64(), location["column"].as_u64()),
        (Some(11), Some(21))
    );
    assert_eq!(location["field"], "spec.containers[0].securityContext.privileged");
    assert_eq!(location["object"]["kind"], "Pod");
    assert_eq!(location["object"]["namespace"], "ops");
    assert_eq!(report["summary"]["files"], 1);

    let (_, code) = json(dir.path(), &["--exit-code", "0", "deploy"]);
    assert_eq!(code, 0);
    let (report, code) = json(dir.path(), &["--severity", "CRITICAL", "deploy"]);
    assert_eq!(code, 0, "{report}");
    assert!(codes(&report).iter().all(|c| c != "K8S001"));
}

#[test]
fn reads_standard_input_and_kubectl_lists() {
    let dir = tempfile::tempdir().unwrap();
    let list = format!(
        "apiVersion: v1\nkind: List\nitems:\n- {}",
        PRIVILEGED.replace('\n', "\n  ")
    );
    let out = palisade(dir.path())
        .args(["scan", "--format", "json", "-"])
        .write_stdin(list)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = first(&report, "K8S001");
    assert_eq!(finding["location"]["path"], "-");
    assert_eq!(finding["location"]["line"], 14);
}

#[test]
fn bad_input_is_an_error_entry_and_the_rest_is_scanned() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.yaml", PRIVILEGED);
    write(
        dir.path(),
        "broken.yaml",
        "apiVersion: v1\nkind: Pod\nspec: [unclosed\n",
    );
    write(dir.path(), "binary.yaml", "\u{0}\u{1}");
    std::fs::write(dir.path().join("latin1.yaml"), b"a: \xe9\n").unwrap();
    let (report, code) = json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert!(codes(&report).contains(&"K8S001".to_owned()));
    let errors = report["errors"].as_array().unwrap();
    let broken = errors
        .iter()
        .find(|e| e["path"] == "./broken.yaml")
        .expect("syntax error entry");
    assert_eq!(broken["line"], 4);
    assert!(
        errors
            .iter()
            .any(|e| e["path"] == "./latin1.yaml" && e["message"].as_str().unwrap().contains("UTF-8"))
    );
}

#[test]
fn nothing_scannable_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = palisade(dir.path())
        .args(["scan", "missing.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = palisade(dir.path())
        .args(["scan", "--format", "xml", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn helm_templates_are_skipped_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "chart/Chart.yaml",
        "apiVersion: v2\nname: web\nversion: 1.0.0\n",
    );
    write(
        dir.path(),
        "chart/templates/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n",
    );
    write(
        dir.path(),
        "loose.yaml",
        "apiVersion: v1\nkind: Pod\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n",
    );
    let (report, code) = json(dir.path(), &["."]);
    assert_eq!(code, 0, "{report}");
    let skipped = report["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{report}");
    assert!(
        skipped
            .iter()
            .all(|s| s["message"].as_str().unwrap().contains("helm template"))
    );
    assert!(report["errors"].as_array().unwrap().is_empty());
}

#[test]
fn suppressions_by_file_comment_and_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let annotated = PRIVILEGED.replace(
        "  namespace: ops\n",
        "  namespace: ops\n  annotations:\n    checkov.io/skip1: CKV_K8S_16=node agent needs it\n",
    );
    write(dir.path(), "a.yaml", &annotated);
    let commented = PRIVILEGED.replace(
        "        privileged: true\n",
        "        privileged: true # palisade:ignore=K8S001 CNI plugin\n",
    );
    write(dir.path(), "b.yaml", &commented);
    write(dir.path(), "c.yaml", PRIVILEGED);
    write(dir.path(), "d.yaml", PRIVILEGED);
    write(
        dir.path(),
        ".palisadeignore.yaml",
        "ignore:\n  - id: KSV-0017\n    paths: [c.yaml]\n    reason: legacy\n  - id: K8S001\n    paths: [d.yaml]\n    expires: 2020-01-01\n    reason: was temporary\n",
    );
    let (report, _) = json(dir.path(), &["a.yaml", "b.yaml", "c.yaml", "d.yaml"]);
    let privileged: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "K8S001")
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(privileged, vec!["d.yaml"], "{report}");
    assert_eq!(report["summary"]["suppressed"], 3);
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["message"].as_str().unwrap().contains("expired on 2020-01-01")),
        "{report}"
    );
}

#[test]
fn config_errors_point_at_the_key() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", PRIVILEGED);
    write(
        dir.path(),
        ".palisade.yaml",
        "severity:\n  K8S001: CRITICAL\ndisabled: [K8S002]\n",
    );
    let out = palisade(dir.path()).args(["scan", "pod.yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".palisade.yaml:3:1") && stderr.contains("unknown key `disabled`"),
        "{stderr}"
    );

    write(dir.path(), ".palisade.yaml", "severity:\n  KSV017: CRITICAL\n");
    let (report, _) = json(dir.path(), &["pod.yaml"]);
    let finding = first(&report, "K8S001");
    assert_eq!(finding["severity"], "CRITICAL");
}

#[test]
fn chinese_messages() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", PRIVILEGED);
    let (report, _) = json(dir.path(), &["--lang", "zh", "pod.yaml"]);
    let finding = first(&report, "K8S001");
    assert!(finding["title"].as_str().unwrap().contains("特权"));
    assert_eq!(
        finding["location"]["field"],
        "spec.containers[0].securityContext.privileged"
    );
    let out = palisade(dir.path())
        .env("LANG", "zh_CN.UTF-8")
        .args(["rules", "explain", "KSV017"])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("K8S001") && page.contains("修复方法"), "{page}");
}

#[test]
fn rules_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let out = palisade(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rules.len() >= 50, "{} rules", rules.len());
    for rule in &rules {
        for key in [
            "code",
            "severity",
            "concern",
            "title",
            "description",
            "remediation",
        ] {
            assert!(rule[key].as_str().is_some_and(|s| !s.is_empty()), "{rule}");
        }
    }
    let out = palisade(dir.path())
        .args(["rules", "explain", "NOPE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn budgets_are_flags_and_errors_name_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pod.yaml", PRIVILEGED);
    let (report, _) = json(dir.path(), &["--max-depth", "3", "pod.yaml"]);
    let error = &report["errors"][0];
    assert_eq!(error["line"], 8, "{report}");
    assert!(
        error["message"].as_str().unwrap().contains("deeper than 3"),
        "{report}"
    );
    let (report, _) = json(
        dir.path(),
        &["--max-documents", "1", "--max-file-size", "1", "pod.yaml"],
    );
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report}");
}

/// The seed's two `docker run` lines (§2.2): the dangerous one and the safe one.
const SEED_DANGEROUS: &str = "docker run -d --privileged \\\n  -v /:/host \\\n  myapp:latest";
const SEED_SAFE: &str = "docker run -d \\\n  --name myapp \\\n  --user 1000:1000 \\\n  --read-only \\\n  \
     --tmpfs /tmp \\\n  --security-opt=no-new-privileges \\\n  --cap-drop ALL \\\n  --cap-add NET_BIND_SERVICE \\\n  \
     --memory=\"512m\" \\\n  --cpus=\"1.0\" \\\n  --network myapp-network \\\n  -e SPRING_PROFILES_ACTIVE=prod \\\n  \
     myapp:1.0.0";

#[test]
fn docker_run_lines_given_directly() {
    let dir = tempfile::tempdir().unwrap();
    let (report, code) = json(dir.path(), &["--docker-run", SEED_DANGEROUS]);
    assert_eq!(code, 1);
    let privileged = first(&report, "DR001");
    assert_eq!(privileged["severity"], "HIGH");
    assert_eq!(privileged["location"]["path"], "<docker-run>");
    assert_eq!(
        (
            privileged["location"]["line"].as_u64(),
            privileged["location"]["column"].as_u64()
        ),
        (Some(1), Some(15))
    );
    let root = first(&report, "DR008");
    assert_eq!(root["severity"], "CRITICAL");
    assert_eq!(root["location"]["line"], 2);
    // A line given directly is checked as a service: missing hardening options are reported.
    let mut found = codes(&report);
    found.sort();
    assert_eq!(
        found,
        ["DR001", "DR003", "DR008", "DR010", "DR011", "DR012", "DR014"]
    );

    let (report, code) = json(dir.path(), &["--docker-run", SEED_SAFE]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["summary"]["objects"], 1);

    let (report, code) = json(
        dir.path(),
        &[
            "--docker-run",
            "docker run --pid=host x:1",
            "--docker-run",
            "podman run --ipc host y:2",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(first(&report, "DR005")["location"]["path"], "<docker-run #1>");
    assert_eq!(first(&report, "DR006")["location"]["path"], "<docker-run #2>");

    let (report, code) = json(dir.path(), &["--docker-run=--privileged myapp:latest"]);
    assert_eq!(code, 2);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no `docker run`")
    );
}

#[test]
fn compose_files_scripts_and_ci_files_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "app/docker-compose.yml",
        "services:\n  db:\n    image: postgres:16.4\n    ports: [\"5432:5432\"]\n",
    );
    write(
        dir.path(),
        "app/stack.yml",
        "services:\n  agent:\n    image: registry.example.com/agent:1.0\n    privileged: true\n",
    );
    write(
        dir.path(),
        "scripts/deploy.sh",
        "#!/bin/sh\nsudo docker run --rm --pid=host alpine:3.20 ps\n",
    );
    write(
        dir.path(),
        "Makefile",
        "run:\n\t@docker run --rm --net=host alpine:3.20 true\n",
    );
    write(
        dir.path(),
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: |\n          docker run --rm -v /var/run/docker.sock:/var/run/docker.sock docker:27 ps\n",
    );
    write(
        dir.path(),
        ".gitlab-ci.yml",
        "job:\n  script:\n    - docker run --rm --ipc=host alpine:3.20 true\n",
    );
    write(dir.path(), "deploy/pod.yaml", PRIVILEGED);
    let (report, code) = json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let at = |rule: &str| {
        let f = first(&report, rule);
        (
            f["location"]["path"].as_str().unwrap().to_owned(),
            f["location"]["line"].as_u64().unwrap(),
        )
    };
    assert_eq!(at("DC015"), ("./app/docker-compose.yml".to_owned(), 4));
    assert_eq!(at("DC001"), ("./app/stack.yml".to_owned(), 4));
    assert_eq!(at("DR005"), ("./scripts/deploy.sh".to_owned(), 2));
    assert_eq!(at("DR004"), ("./Makefile".to_owned(), 2));
    assert_eq!(at("DR007"), ("./.github/workflows/ci.yml".to_owned(), 7));
    assert_eq!(at("DR006"), ("./.gitlab-ci.yml".to_owned(), 3));
    assert_eq!(at("K8S001"), ("./deploy/pod.yaml".to_owned(), 11));
    assert_eq!(
        first(&report, "DC015")["location"]["field"],
        "services.db.ports[0]"
    );
    assert!(first(&report, "DR005")["location"]["field"].is_null());
}

#[test]
fn inline_suppressions_in_scripts_and_compose_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "run.sh",
        "# palisade:ignore=DR001 the flasher needs raw USB access\ndocker run --rm --privileged flasher:1.0\n",
    );
    write(
        dir.path(),
        "compose.yaml",
        "services:\n  agent:\n    image: registry.example.com/agent:1.0\n    # palisade:ignore=DC001 node agent, reviewed\n    privileged: true\n",
    );
    let (report, _) = json(dir.path(), &["run.sh", "compose.yaml"]);
    let found = codes(&report);
    assert!(!found.iter().any(|c| c == "DR001" || c == "DC001"), "{found:?}");
    assert!(found.iter().any(|c| c == "DC010"), "{found:?}");
}

/// A Dockerfile with findings of several rules: DF103 (DL3008) on line 3, DF003 on line 1,
/// DF007 and DF008 on line 1.
const DOCKERFILE: &str = "FROM debian:12.8\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n";

/// The rules that fire in `report`, with their lines.
fn hits(report: &Value) -> Vec<(String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn dockerfiles_are_scanned_with_exact_places_and_hadolint_aliases() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app/Dockerfile", DOCKERFILE);
    write(dir.path(), "app/api.Dockerfile", "FROM node\nUSER root\n");
    let (report, code) = json(dir.path(), &["app"]);
    assert_eq!(code, 1);
    let finding = first(&report, "DF103");
    assert!(
        finding["aliases"]
            .as_array()
            .unwrap()
            .contains(&Value::from("DL3008"))
    );
    let location = &finding["location"];
    assert_eq!(location["path"], "app/Dockerfile");
    // The `apt-get install` command on the continuation line, not the `RUN`.
    assert_eq!(
        (location["line"].as_u64(), location["column"].as_u64()),
        (Some(3), Some(5))
    );
    assert!(finding["message"].as_str().unwrap().contains("`curl`"));
    let api: Vec<_> = hits(&report)
        .into_iter()
        .filter(|(r, _)| r == "DF001" || r == "DF006")
        .collect();
    assert_eq!(api, vec![("DF001".to_owned(), 1), ("DF006".to_owned(), 2)]);
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn hadolint_and_palisade_pragmas_in_dockerfiles() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# hadolint global ignore=DL3057\nFROM debian:12.8\n# hadolint ignore=DL3008,DL3009\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n# palisade:ignore=DF103 pinned by the base image's snapshot\nRUN apt-get install -y --no-install-recommends \\\n    git\n# hadolint ignore=DL3008\n\nRUN apt-get install -y --no-install-recommends jq\n";
    write(dir.path(), "Dockerfile", text);
    let (report, _) = json(dir.path(), &["Dockerfile"]);
    let found = hits(&report);
    // The global pragma removes DF008 (DL3057); the pragma above line 4 its DF103 and DF104;
    // the palisade pragma covers the whole two-line instruction; the pragma on line 8 is
    // separated from its instruction by an empty line, as hadolint reads it, so it does not apply.
    assert!(!found.iter().any(|(r, _)| r == "DF008"), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(r, l)| *l == 4 && (r == "DF103" || r == "DF104")),
        "{found:?}"
    );
    assert!(!found.iter().any(|(r, l)| r == "DF103" && *l == 7), "{found:?}");
    assert!(found.contains(&("DF103".to_owned(), 10)), "{found:?}");
    assert_eq!(report["summary"]["suppressed"], 4, "{found:?}");
}

#[test]
fn hadolint_yaml_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "svc/Dockerfile", DOCKERFILE);
    // Without configuration: DF103 is LOW, DF015 is inactive.
    let (report, code) = json(dir.path(), &["svc"]);
    assert_eq!(code, 1);
    assert_eq!(first(&report, "DF103")["severity"], "LOW");
    assert!(!codes(&report).contains(&"DF015".to_owned()));

    // In the scanned folder: ids are hadolint's, levels map to severities.
    write(
        dir.path(),
        "svc/.hadolint.yaml",
        "ignored:\n  - DL3057\noverride:\n  error:\n    - DL3008\ntrustedRegistries:\n  - registry.example.com\nlabel-schema:\n  author: text\n",
    );
    let (report, code) = json(dir.path(), &["svc"]);
    assert_eq!(code, 1);
    let found = codes(&report);
    assert!(!found.contains(&"DF008".to_owned()), "{found:?}");
    assert_eq!(first(&report, "DF103")["severity"], "MEDIUM");
    assert_eq!(first(&report, "DF015")["location"]["line"], 1);
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["message"].as_str().unwrap().contains("label-schema")),
        "{warnings:?}"
    );

    // `failure-threshold`: only Dockerfile findings at or above it fail the scan.
    write(dir.path(), "svc/.hadolint.yaml", "failure-threshold: error\n");
    let (report, code) = json(dir.path(), &["svc"]);
    assert!(codes(&report).contains(&"DF103".to_owned()));
    assert_eq!(code, 1, "DF007 (no USER) is MEDIUM, the level of `error`");
    write(
        dir.path(),
        "svc/.hadolint.yaml",
        "failure-threshold: error\nignored: [DS002, DF003]\n",
    );
    let (report, code) = json(dir.path(), &["svc"]);
    assert!(!report["findings"].as_array().unwrap().is_empty());
    assert_eq!(code, 0, "only LOW and INFO findings remain: {:?}", hits(&report));

    // `.hadolint.yml` in the working folder, `none`: Dockerfile findings never fail, others do.
    std::fs::remove_file(dir.path().join("svc/.hadolint.yaml")).unwrap();
    write(dir.path(), ".hadolint.yml", "failure-threshold: none\n");
    let (_, code) = json(dir.path(), &["svc"]);
    assert_eq!(code, 0);
    write(dir.path(), "svc/pod.yaml", PRIVILEGED);
    let (_, code) = json(dir.path(), &["svc"]);
    assert_eq!(code, 1, "a Kubernetes finding still fails the scan");

    // A bad level is an error that points at the key.
    write(dir.path(), ".hadolint.yml", "override:\n  fatal: [DL3008]\n");
    let out = palisade(dir.path()).args(["scan", "svc"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".hadolint.yml:2:3"));
}

/// A GitHub token with a valid checksum (fake: random characters and their CRC-32).
fn github_token(seed: u32) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(12_345);
    let body: String = (0..30)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            char::from(DIGITS[(state % 62) as usize])
        })
        .collect();
    let mut crc = 0xFFFF_FFFFu32;
    for b in body.bytes() {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                0xEDB8_8320 ^ (crc >> 1)
            } else {
                crc >> 1
            };
        }
    }
    let mut n = !crc;
    let mut check = [b'0'; 6];
    for slot in check.iter_mut().rev() {
        *slot = DIGITS[(n % 62) as usize];
        n /= 62;
    }
    format!("ghp_{body}{}", std::str::from_utf8(&check).unwrap())
}

/// The (rule, path, line) of every finding, for comparing reports.
fn places(report: &Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["location"]["path"].as_str().unwrap().to_owned(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn place(rule: &str, path: &str, line: u64) -> (String, String, u64) {
    (rule.to_owned(), path.to_owned(), line)
}

#[test]
fn secrets_in_every_text_file_masked_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let token = github_token(1);
    write(
        dir.path(),
        "app/.env",
        &format!("LOG_LEVEL=info\nGITHUB_TOKEN={token}\n"),
    );
    write(
        dir.path(),
        "app/main.go",
        "package main\n\nconst dsn = \"postgres://shop:Xk9mPq2vLz7R@db.internal:5432/shop\"\n",
    );
    write(
        dir.path(),
        "docs/README.md",
        "Nothing secret here: set `DB_PASSWORD=${DB_PASSWORD}`.\n",
    );
    std::fs::write(
        dir.path().join("app/logo.png"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13],
    )
    .unwrap();
    let (report, code) = json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&report),
        [
            place("SEC100", "./app/.env", 2),
            place("SEC500", "./app/main.go", 3)
        ]
    );
    let github = first(&report, "SEC100");
    assert!(
        github["aliases"]
            .as_array()
            .unwrap()
            .contains(&Value::from("GitHubTokenDetector"))
    );
    assert_eq!(
        (
            github["location"]["column"].as_u64(),
            github["location"]["end_column"].as_u64()
        ),
        (Some(14), Some(54))
    );
    let message = github["message"].as_str().unwrap();
    assert!(
        message.starts_with("GitHub personal access token found in plain text: `ghp_"),
        "{message}"
    );
    assert!(!message.contains(&token), "{message}");
    assert!(report["errors"].as_array().unwrap().is_empty(), "{report}");
    assert_eq!(report["summary"]["files"], 3, "the PNG is not read: {report}");

    let (shown, _) = json(dir.path(), &["--show-secrets", "."]);
    assert!(
        first(&shown, "SEC100")["message"]
            .as_str()
            .unwrap()
            .contains(&token)
    );
    let (none, code) = json(dir.path(), &["--no-secrets", "."]);
    assert_eq!(codes(&none), Vec::<String>::new());
    assert_eq!(
        code, 2,
        "without secrets, no file here is of a kind an engine reads"
    );
}

#[test]
fn secrets_a_manifest_rule_reports_are_not_reported_twice() {
    let dir = tempfile::tempdir().unwrap();
    let token = github_token(2);
    write(
        dir.path(),
        "pod.yaml",
        &format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  annotations:\n    ci-token: {token}\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: api\n      image: registry.example.com/api:1.0\n      env:\n        - name: DB_PASSWORD\n          value: Xk9mPq2vLz7R!\n"
        ),
    );
    let (report, _) = json(dir.path(), &["pod.yaml"]);
    let secretish: Vec<_> = places(&report)
        .into_iter()
        .filter(|(rule, _, _)| rule.starts_with("SEC") || rule == "K8S302")
        .collect();
    // The env value is K8S302's (it names the container and field); the annotation only the
    // secret scanner sees.
    assert_eq!(
        secretish,
        [place("SEC100", "pod.yaml", 6), place("K8S302", "pod.yaml", 14)]
    );
}

#[test]
fn secrets_baseline_accepts_what_it_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (github_token(3), github_token(4));
    write(
        dir.path(),
        "deploy.sh",
        &format!("#!/bin/sh\nexport GITHUB_TOKEN={a}\n"),
    );
    let out = palisade(dir.path())
        .args(["scan", "--write-baseline", "baseline.json", "deploy.sh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "writing a baseline still reports");
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(text.contains("\"SEC100\"") && !text.contains(&a), "{text}");
    let baseline: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(baseline["schema"], "palisade.baseline/v1");

    // Lines added above: the accepted token moved and is still accepted.
    write(
        dir.path(),
        "deploy.sh",
        &format!("#!/bin/sh\nset -eu\n\nexport GITHUB_TOKEN={a}\n"),
    );
    let (report, code) = json(dir.path(), &["--baseline", "baseline.json", "deploy.sh"]);
    assert_eq!((codes(&report), code), (Vec::<String>::new(), 0));
    assert_eq!(report["summary"]["suppressed"], 1);

    // A second, different token in the same file is new.
    write(
        dir.path(),
        "deploy.sh",
        &format!("#!/bin/sh\nexport GITHUB_TOKEN={a}\nexport GH_BACKUP={b}\n"),
    );
    let (report, code) = json(dir.path(), &["--baseline", "baseline.json", "deploy.sh"]);
    assert_eq!(places(&report), [place("SEC100", "deploy.sh", 3)]);
    assert_eq!(code, 1);

    let out = palisade(dir.path())
        .args(["scan", "--baseline", "missing.json", "deploy.sh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn secrets_allow_list_and_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (github_token(5), github_token(6));
    write(
        dir.path(),
        "ci.env",
        &format!("A={a}\nB={b} # pragma: allowlist secret\nC=AKIAZ4NQ7RWXVBPKHT3M\n"),
    );
    // What `printf %s TOKEN | sha256sum` prints.
    let hash = palisade_secrets::value_hash(a.as_bytes());
    write(
        dir.path(),
        ".palisade.yaml",
        &format!(
            "secrets:\n  allow:\n    - values: ['{hash}']\n      reason: rotated, kept for the docs\n    - id: aws-access-token\n      paths: ['ci.env']\n"
        ),
    );
    let (report, code) = json(dir.path(), &["ci.env"]);
    assert_eq!((codes(&report), code), (Vec::<String>::new(), 0));

    write(
        dir.path(),
        ".palisade.yaml",
        "secrets:\n  allow:\n    - id: K8S001\n",
    );
    let out = palisade(dir.path()).args(["scan", "ci.env"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".palisade.yaml:3") && stderr.contains("K8S001"),
        "{stderr}"
    );
}

#[test]
fn secret_rules_are_in_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let out = palisade(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let secret_rules = rules
        .iter()
        .filter(|r| r["code"].as_str().unwrap().starts_with("SEC"))
        .count();
    assert!(secret_rules >= 150, "{secret_rules} SEC rules");
    for id in ["SEC100", "GitHubTokenDetector", "github-pat"] {
        let out = palisade(dir.path())
            .args(["rules", "explain", id])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{id}");
        let page = String::from_utf8_lossy(&out.stdout);
        assert!(
            page.starts_with("SEC100 — GitHub personal access token"),
            "{page}"
        );
    }
    let out = palisade(dir.path())
        .args(["rules", "explain", "SEC015", "--lang", "zh"])
        .output()
        .unwrap();
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.contains("阿里云 AccessKey ID") && page.contains("修复方法"),
        "{page}"
    );
}
