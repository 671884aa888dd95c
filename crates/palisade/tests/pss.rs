//! `palisade pss` as users run it: namespace labels, exemptions, the JSON contract, exit codes,
//! fixes as diffs and in place, and `scan --pss`.

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

fn pss_json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = palisade(dir)
        .args(["pss", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (value, out.status.code().unwrap())
}

const NAMESPACES: &str = "\
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.29
    pod-security.kubernetes.io/warn: restricted
---
apiVersion: v1
kind: Namespace
metadata:
  name: batch
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: v1
kind: Namespace
metadata:
  name: typo
  labels:
    pod-security.kubernetes.io/enforce: restrcted
";

/// Baseline-clean but not restricted: no securityContext at all.
const PLAIN_POD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
";

const DEPLOYMENT: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: report
  namespace: batch
spec:
  template:
    spec:
      containers:
      - name: report
        image: python:3.12
        securityContext:
          allowPrivilegeEscalation: true
";

fn results<'a>(report: &'a Value, name: &str) -> Vec<&'a Value> {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["object"]["name"] == name)
        .collect()
}

#[test]
fn namespaces_decide_levels_modes_and_versions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ns.yaml"), NAMESPACES).unwrap();
    std::fs::write(dir.path().join("pod.yaml"), PLAIN_POD).unwrap();
    std::fs::write(dir.path().join("deploy.yaml"), DEPLOYMENT).unwrap();
    let typo = PLAIN_POD
        .replace("name: web", "name: other")
        .replace("namespace: shop", "namespace: typo");
    std::fs::write(dir.path().join("typo.yaml"), typo).unwrap();
    let (report, code) = pss_json(dir.path(), &["."]);
    assert_eq!(report["schema"], "palisade.pss/v1");
    assert_eq!(code, 1);

    // The pod passes baseline:v1.29 (enforced) and fails restricted (warned).
    let web = results(&report, "web");
    assert_eq!(web.len(), 2, "{web:?}");
    assert_eq!(
        (&web[0]["level"], &web[0]["version"], &web[0]["mode"]),
        (&"baseline".into(), &"v1.29".into(), &"enforce".into())
    );
    assert_eq!(web[0]["allowed"], true);
    assert_eq!(
        (&web[1]["level"], &web[1]["mode"], &web[1]["allowed"]),
        (&"restricted".into(), &"warn".into(), &false.into())
    );
    let checks: Vec<&str> = web[1]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        checks,
        [
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "runAsNonRoot",
            "seccompProfile_restricted"
        ]
    );
    let first = &web[1]["violations"][0];
    assert_eq!(
        first["field"],
        "spec.containers[0].securityContext.allowPrivilegeEscalation"
    );
    assert_eq!(first["line"], 8);
    assert_eq!(web[1]["path"], "./pod.yaml");
    assert_eq!(
        web[1]["object"],
        serde_json::json!({"apiVersion": "v1", "kind": "Pod", "namespace": "shop", "name": "web"})
    );

    // A workload under an enforce label is warned, as the API server does: its pods are rejected.
    let report_results = results(&report, "report");
    assert_eq!(report_results.len(), 1);
    assert_eq!(
        (&report_results[0]["mode"], &report_results[0]["allowed"]),
        (&"warn".into(), &false.into())
    );

    // An unparseable enforce level is read as restricted, with a warning at the label.
    let other = results(&report, "other");
    assert_eq!(other[0]["level"], "restricted");
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["message"].as_str().unwrap().contains("restrcted") && w["line"] == 22),
        "{warnings:?}"
    );
}

#[test]
fn exemptions_and_defaults_come_from_flags_and_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deploy.yaml"),
        DEPLOYMENT.replace("namespace: batch", "namespace: legacy"),
    )
    .unwrap();
    let (report, code) = pss_json(dir.path(), &["--exempt-namespace", "legacy", "."]);
    assert_eq!(
        (
            code,
            &report["results"][0]["mode"],
            &report["results"][0]["allowed"]
        ),
        (0, &"exempt".into(), &true.into())
    );

    // allowPrivilegeEscalation only counts from v1.8, and baseline never reads it.
    let (report, code) = pss_json(dir.path(), &["--level", "baseline", "."]);
    assert_eq!((code, &report["results"][0]["allowed"]), (0, &true.into()));
    let (_, code) = pss_json(dir.path(), &["--version", "v1.7", "."]);
    assert_eq!(code, 1, "restricted at v1.7 still requires runAsNonRoot");

    std::fs::write(
        dir.path().join(".palisade.yaml"),
        "pss:\n  level: baseline\n  exemptions:\n    runtimeClasses: [kata]\n",
    )
    .unwrap();
    let (report, code) = pss_json(dir.path(), &["."]);
    assert_eq!((code, &report["results"][0]["level"]), (0, &"baseline".into()));
    std::fs::write(dir.path().join(".palisade.yaml"), "pss:\n  level: strict\n").unwrap();
    let out = palisade(dir.path()).args(["pss", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".palisade.yaml:2:10") && stderr.contains("`strict` is not a level"),
        "{stderr}"
    );
}

#[test]
fn fix_prints_a_diff_and_write_makes_the_file_pass() {
    let dir = tempfile::tempdir().unwrap();
    let original = "# the web tier\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web   # keep this comment\n    image: nginx:1.27\n    securityContext: {readOnlyRootFilesystem: true}\n  - name: sidecar\n    image: envoy:1.30\n    securityContext:\n      capabilities:\n        drop:\n        - NET_RAW\n        add: [SYS_ADMIN]\n";
    std::fs::write(dir.path().join("pod.yaml"), original).unwrap();
    let out = palisade(dir.path())
        .args(["pss", "--fix", "pod.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("--- a/pod.yaml\n+++ b/pod.yaml"), "{stdout}");
    assert!(stdout.contains("+    securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}"), "{stdout}");
    assert!(stdout.contains("+        - ALL"), "{stdout}");
    assert!(
        stdout.contains("capabilities_restricted: not fixed automatically"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pod.yaml")).unwrap(),
        original,
        "--fix alone writes nothing"
    );

    palisade(dir.path())
        .args(["pss", "--fix", "--write", "pod.yaml"])
        .assert()
        .code(1);
    let fixed = std::fs::read_to_string(dir.path().join("pod.yaml")).unwrap();
    assert!(
        fixed.starts_with("# the web tier\n") && fixed.contains("- name: web   # keep this comment\n"),
        "{fixed}"
    );
    // Only the added SYS_ADMIN is left, and it is a person's call.
    let (report, _) = pss_json(dir.path(), &["pod.yaml"]);
    let left: Vec<&str> = report["results"][0]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["field"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["spec.containers[1].securityContext.capabilities.add[0]"]);
}

#[test]
fn scan_with_pss_reports_each_field_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pod.yaml"), PLAIN_POD).unwrap();
    let out = palisade(dir.path())
        .args([
            "scan",
            "--format",
            "json",
            "--pss",
            "restricted:v1.30",
            "pod.yaml",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let fields: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["location"]["field"].as_str())
        .collect();
    let mut unique = fields.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(fields.len(), unique.len(), "a field reported twice: {fields:?}");
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "PSS-capabilities_restricted"),
        "{findings:?}"
    );
    let out = palisade(dir.path())
        .args(["scan", "--pss", "strict", "pod.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn table_output_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pod.yaml"), PLAIN_POD).unwrap();
    let out = palisade(dir.path())
        .args(["pss", "--lang", "zh", "pod.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("拒绝") && stdout.contains("容器 `web` 允许特权提升"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
}

/// What Kubernetes accepts, `pss` reads: a quoted value continued at its key's indentation
/// (libyaml's leniency) is evaluated, and chart templates are skipped with a hint instead.
#[test]
fn lenient_yaml_is_read_and_chart_templates_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lenient.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: lenient\n  annotations:\n    note: 'one\n    two'\n\
         spec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: nginx:1.27\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("chart/templates")).unwrap();
    std::fs::write(
        dir.path().join("chart/Chart.yaml"),
        "apiVersion: v2\nname: chart\nversion: 1.0.0\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("chart/templates/pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers: []\n",
    )
    .unwrap();
    let (report, code) = pss_json(dir.path(), &["--level", "baseline", "."]);
    assert_eq!(code, 1, "{report:#}");
    let lenient = results(&report, "lenient");
    assert_eq!(lenient.len(), 1, "{report:#}");
    assert_eq!(lenient[0]["allowed"], false);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{report:#}");
    assert!(
        errors[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("chart/templates/pod.yaml"),
        "{report:#}"
    );
    assert!(
        errors[0]["message"].as_str().unwrap().contains("helm template"),
        "{report:#}"
    );
}
