//! Conformance with Trivy's Dockerfile check examples (`$PALISADE_CORPORA/trivy-checks/checks/
//! docker/*.yaml`): for every Trivy `DS` check a DF rule carries as an alias, every `bad`
//! example must trigger that rule and every `good` example must not — as upstream's own example
//! test asserts. Deprecated checks are left out.

use std::sync::Arc;

use palisade_core::corpora;
use palisade_rules::{Settings, find, scan_dockerfile};
use palisade_yaml::{Budgets, Node, documents};

#[test]
fn trivy_dockerfile_examples() {
    let Some(dir) = corpora::dir() else { return };
    let corpus = dir.join("trivy-checks");
    let table = std::fs::read_to_string(corpus.join("CHECKS.tsv")).unwrap();
    let settings = Settings::default();
    let (mut failures, mut covered, mut cases, mut total) = (Vec::new(), Vec::new(), 0, 0);
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(alias), Some(examples)) = (cols.get(1), cols.get(6)) else {
            continue;
        };
        if !examples.starts_with("checks/docker/") || cols.get(5) == Some(&"True") {
            continue;
        }
        total += 1;
        let Some(rule) = find(alias).filter(|r| r.code.starts_with("DF")) else {
            continue;
        };
        covered.push(format!("{alias}→{}", rule.code));
        let text = std::fs::read_to_string(corpus.join(examples)).unwrap();
        let doc = documents(&text, &Budgets::default()).next().unwrap().unwrap();
        for (kind, must_fire) in [("bad", true), ("good", false)] {
            let list = doc
                .root
                .path(&["dockerfile", kind])
                .and_then(Node::as_seq)
                .unwrap_or_default();
            for (i, example) in list.iter().filter_map(Node::as_text).enumerate() {
                cases += 1;
                let path: Arc<str> = Arc::from(format!("{alias}-{kind}-{i}.Dockerfile"));
                let scan = scan_dockerfile(&path, example, &settings);
                let fired = scan.findings.iter().any(|f| f.rule == rule.code);
                if fired != must_fire {
                    failures.push(format!(
                        "{alias} ({}) {kind} example #{i}: {}\n{example}",
                        rule.code,
                        if must_fire {
                            "no finding"
                        } else {
                            "unexpected finding"
                        }
                    ));
                }
            }
        }
    }
    eprintln!(
        "trivy-checks: {} of {total} Dockerfile checks with examples are DF aliases ({cases} examples): {}",
        covered.len(),
        covered.join(", ")
    );
    assert!(
        covered.len() >= 20,
        "expected most DS checks to be covered: {covered:?}"
    );
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
