//! Conformance with Trivy's check examples (`$PALISADE_CORPORA/trivy-checks`): for every Trivy
//! check a palisade rule lists as an alias, every `bad` example must trigger that rule and every
//! `good` example must not — as upstream's own example test asserts.

use std::path::Path;
use std::sync::Arc;

use palisade_core::corpora;
use palisade_rules::{Settings, find, scan_manifest};
use palisade_yaml::{Budgets, Node, documents};

struct Check {
    alias: String,
    examples: String,
}

fn checks(corpus: &Path) -> Vec<Check> {
    let table = std::fs::read_to_string(corpus.join("CHECKS.tsv")).unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let alias = cols.get(1).filter(|a| !a.is_empty()).or(cols.first())?;
            let rego = cols.get(7)?;
            if !rego.starts_with("checks/kubernetes/") || cols.get(5) == Some(&"True") {
                return None;
            }
            let examples = corpus.join(rego.replace(".rego", ".yaml"));
            examples.exists().then(|| Check {
                alias: (*alias).to_owned(),
                examples: std::fs::read_to_string(examples).unwrap(),
            })
        })
        .collect()
}

fn examples<'a>(root: &'a Node, kind: &str) -> Vec<&'a str> {
    root.path(&["kubernetes", kind])
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_text)
        .collect()
}

#[test]
fn trivy_check_examples() {
    let Some(dir) = corpora::dir() else { return };
    let corpus = dir.join("trivy-checks");
    let settings = Settings {
        trusted_registries: vec!["registry.example.com".into()],
        pss: Some(palisade_rules::pss::Policy::parse("restricted").unwrap()),
        ..Settings::default()
    };
    let mut failures = Vec::new();
    let (mut covered, mut total, mut cases) = (Vec::new(), 0, 0);
    for check in checks(&corpus) {
        total += 1;
        let Some(rule) = find(&check.alias) else { continue };
        covered.push(format!("{}→{}", check.alias, rule.code));
        let doc = documents(&check.examples, &Budgets::default())
            .next()
            .unwrap()
            .unwrap();
        for (kind, must_fire) in [("bad", true), ("good", false)] {
            for (i, example) in examples(&doc.root, kind).into_iter().enumerate() {
                cases += 1;
                let path: Arc<str> = Arc::from(format!("{}-{kind}-{i}.yaml", check.alias));
                let scan = scan_manifest(&path, example, &settings);
                let fired = scan.findings.iter().any(|f| f.rule == rule.code);
                if fired != must_fire {
                    failures.push(format!(
                        "{} ({}) {kind} example #{i}: {}\n{example}",
                        check.alias,
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
        "trivy-checks: {} of {total} Kubernetes checks with examples are covered by palisade aliases ({cases} examples): {}",
        covered.len(),
        covered.join(", ")
    );
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
