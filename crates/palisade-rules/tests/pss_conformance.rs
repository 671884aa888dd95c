//! Conformance with the Pod Security Admission fixtures: every fixture of
//! `$PALISADE_CORPORA/pod-security-admission/test/testdata/<level>/v1.N/<pass|fail>/`, evaluated at
//! its level and version (and the v1.37 ones also at `latest`), must be allowed or denied as its
//! folder says, and a failing fixture must be denied by the check its file name names.

use std::path::Path;

use palisade_core::{Lang, corpora};
use palisade_rules::k8s::objects;
use palisade_rules::pss::{self, LATEST_MINOR, Level, Policy, Version};
use palisade_yaml::{Budgets, documents};

struct Outcome {
    evaluated: usize,
    failures: Vec<String>,
    /// (replacing check, replaced check), lower-cased, from `CHECKS.tsv`.
    replaces: Vec<(String, String)>,
}

fn evaluate_file(path: &Path, policy: Policy, expect_allowed: bool, outcome: &mut Outcome) {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = documents(&text, &Budgets::default()).next().unwrap().unwrap();
    let objects = objects(&doc.root);
    let spec = objects[0].pod_spec().unwrap();
    let mut violations = Vec::new();
    pss::evaluate(spec, policy, Lang::En, &mut violations);
    outcome.evaluated += 1;
    let name = path.file_stem().unwrap().to_str().unwrap();
    let what = format!("{policy} {}", path.display());
    if violations.is_empty() != expect_allowed {
        let ids: Vec<_> = violations.iter().map(|v| v.check.id).collect();
        outcome.failures.push(format!(
            "{what}: expected allowed={expect_allowed}, violations {ids:?}"
        ));
        return;
    }
    if !expect_allowed {
        let check = name.trim_end_matches(|c: char| c.is_ascii_digit());
        let named = |id: &str| {
            let id = id.to_ascii_lowercase();
            id == check || outcome.replaces.iter().any(|(by, of)| *by == id && of == check)
        };
        if !violations.iter().any(|v| named(v.check.id)) {
            let ids: Vec<_> = violations.iter().map(|v| v.check.id).collect();
            outcome
                .failures
                .push(format!("{what}: denied, but not by `{check}` ({ids:?})"));
        }
    }
}

#[test]
fn every_fixture_at_every_version() {
    let Some(corpora) = corpora::dir() else { return };
    let root = corpora.join("pod-security-admission/test/testdata");

    let table = std::fs::read_to_string(corpora.join("pod-security-admission/CHECKS.tsv")).unwrap();
    let replaces = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let columns: Vec<&str> = l.split('\t').collect();
            let (id, overrides) = (columns.first()?, columns.get(3)?);
            (*overrides != "-").then(|| (id.to_ascii_lowercase(), overrides.to_ascii_lowercase()))
        })
        .collect();
    let mut outcome = Outcome {
        evaluated: 0,
        failures: Vec::new(),
        replaces,
    };
    for level in [Level::Baseline, Level::Restricted] {
        for minor in 0..=LATEST_MINOR {
            let dir = root.join(level.as_str()).join(format!("v1.{minor}"));
            let mut versions = vec![Version::Minor(minor)];
            if minor == LATEST_MINOR {
                versions.push(Version::Latest);
            }
            for (folder, allowed) in [("pass", true), ("fail", false)] {
                let mut files: Vec<_> = std::fs::read_dir(dir.join(folder))
                    .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                    .map(|e| e.unwrap().path())
                    .collect();
                files.sort();
                for file in files {
                    for version in &versions {
                        let policy = Policy {
                            level,
                            version: *version,
                        };
                        evaluate_file(&file, policy, allowed, &mut outcome);
                    }
                }
            }
        }
    }
    eprintln!(
        "{} evaluations, {} disagreements",
        outcome.evaluated,
        outcome.failures.len()
    );
    assert!(
        outcome.evaluated > 4500,
        "only {} fixtures evaluated",
        outcome.evaluated
    );
    assert!(outcome.failures.is_empty(), "{}", outcome.failures.join("\n"));
}

/// PSA allows `image` volumes under restricted since Kubernetes 1.33, at every policy version
/// (the upstream fixtures predate it); in-tree network volumes stay forbidden.
#[test]
fn image_volumes_are_restricted_safe() {
    let pod = |source: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile: {{type: RuntimeDefault}}\n  containers:\n  - name: c\n    image: app:1\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities: {{drop: [ALL]}}\n  volumes:\n  - name: v\n    {source}\n"
        )
    };
    for (source, allowed) in [
        ("image: {reference: models:1, pullPolicy: IfNotPresent}", true),
        ("nfs: {server: nas, path: /x}", false),
    ] {
        let text = pod(source);
        let doc = documents(&text, &Budgets::default()).next().unwrap().unwrap();
        let spec = objects(&doc.root)[0].pod_spec().unwrap();
        for version in [Version::Minor(20), Version::Latest] {
            let mut violations = Vec::new();
            let policy = Policy {
                level: Level::Restricted,
                version,
            };
            pss::evaluate(spec, policy, Lang::En, &mut violations);
            assert_eq!(
                violations.is_empty(),
                allowed,
                "{source} at {policy}: {violations:?}"
            );
        }
    }
}
