//! The bundled examples: the hardened manifests (the seed's ✅ examples, taken all the way) give no
//! finding at all; the insecure ones (the seed's ❌ examples) are caught in every family; and the
//! SARIF report of them validates against the official SARIF 2.1.0 schema.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn scan(args: &[&str]) -> (Value, i32) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::cargo_bin("palisade")
        .unwrap()
        .current_dir(root)
        .args(["scan"])
        .args(args)
        .output()
        .unwrap();
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (value, out.status.code().unwrap())
}

#[test]
fn hardened_examples_are_clean() {
    let (report, code) = scan(&["--format", "json", "examples/hardened"]);
    assert_eq!(report["findings"], Value::Array(Vec::new()), "{report:#}");
    assert_eq!(report["errors"], Value::Array(Vec::new()));
    assert_eq!(code, 0);
    assert!(report["summary"]["objects"].as_u64().unwrap() >= 12);
}

#[test]
fn insecure_examples_are_caught_in_every_family() {
    let (report, code) = scan(&["--format", "json", "examples/insecure"]);
    assert_eq!(code, 1);
    let codes: BTreeSet<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for family in [
        "K8S0", "K8S1", "K8S2", "K8S3", "K8S4", "K8S5", "K8S6", "DC0", "DR0",
    ] {
        assert!(
            codes.iter().any(|c| c.starts_with(family)),
            "no {family}xx finding in {codes:?}"
        );
    }
    for expected in [
        "K8S001", "K8S101", "K8S111", "K8S112", "K8S210", "K8S301", "K8S405", "K8S432", "K8S501", "K8S510",
        "K8S601", "K8S603", "K8S610", "DC001", "DC007", "DC008", "DC015", "DC016", "DR001", "DR008", "DR015",
        "DR016",
    ] {
        assert!(codes.contains(expected), "{expected} missing from {codes:?}");
    }
}

#[test]
fn sarif_of_the_examples_validates_against_the_schema() {
    let Some(corpora) = palisade_core::corpora::dir() else {
        return;
    };
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(corpora.join("schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    for dir in ["examples/insecure", "examples/hardened"] {
        let (sarif, _) = scan(&["--format", "sarif", dir]);
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{dir}: {}", errors.join("\n"));
        assert_eq!(sarif["version"], "2.1.0");
    }
}
