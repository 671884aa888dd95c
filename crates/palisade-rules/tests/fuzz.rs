//! Fuzz target for the manifest loader and every check behind it: YAML bytes from `arbitrary`
//! (raw mutations of a seed corpus, and structured Kubernetes-shaped documents) must never panic,
//! hang, or give a finding or error that points outside the input. Runs a bounded number of cases
//! per seed in normal tests; `PALISADE_FUZZ_CASES` raises it for a longer session.

use std::fmt::Write as _;
use std::sync::Arc;

mod support;

use arbitrary::Unstructured;
use palisade_rules::{Settings, scan_manifest};
use support::{Shape, cases, document, entropy, mutate, seeds};

/// Bytes that matter to YAML syntax, for overwriting.
const YAMLISH: &[u8] = b" -:{}[]&*!|>'\"\n\t#?,0aZ";

/// The target: every node's raw text is a slice of the input; then scan `text` and check that
/// every position it reports lies inside it.
fn target(text: &str) {
    for doc in palisade_yaml::documents(text, &palisade_yaml::Budgets::default()).flatten() {
        let mut pending = vec![&doc.root];
        while let Some(node) = pending.pop() {
            if node.scalar().is_some() {
                assert!(
                    node.raw(text).is_some(),
                    "raw text outside the input: {node:?}\n{text}"
                );
            }
            match &node.value {
                palisade_yaml::Value::Seq(items) => pending.extend(items),
                palisade_yaml::Value::Map(entries) => {
                    pending.extend(entries.iter().flat_map(|(k, v)| [k, v]));
                }
                palisade_yaml::Value::Scalar(_) => {}
            }
        }
    }
    let path: Arc<str> = Arc::from("fuzz.yaml");
    let settings = Settings {
        trusted_registries: vec!["registry.example.com".into()],
        ..Settings::default()
    };
    let scan = scan_manifest(&path, text, &settings);
    let lines = u32::try_from(text.lines().count()).unwrap() + 1;
    for f in &scan.findings {
        assert!(
            f.location.line >= 1 && f.location.line <= lines,
            "finding outside the input: {f:?}\n{text}"
        );
    }
    for e in &scan.errors {
        assert!(
            e.line.is_none_or(|l| l <= lines + 1),
            "error outside the input: {e:?}\n{text}"
        );
    }
}

const KEYS: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "namespace",
    "annotations",
    "spec",
    "template",
    "jobTemplate",
    "containers",
    "initContainers",
    "ephemeralContainers",
    "securityContext",
    "privileged",
    "runAsUser",
    "runAsNonRoot",
    "capabilities",
    "add",
    "drop",
    "hostPath",
    "path",
    "volumes",
    "hostNetwork",
    "image",
    "resources",
    "limits",
    "requests",
    "env",
    "value",
    "valueFrom",
    "rules",
    "verbs",
    "resources",
    "subjects",
    "roleRef",
    "ingress",
    "from",
    "ipBlock",
    "cidr",
    "tls",
    "data",
    "stringData",
    "mtls",
    "mode",
    "items",
    "<<",
    "seccompProfile",
    "type",
    "ports",
    "hostPort",
    "sysctls",
    "automountServiceAccountToken",
    "defaultMode",
];
const SCALARS: &[&str] = &[
    "v1",
    "apps/v1",
    "batch/v1",
    "Pod",
    "Deployment",
    "CronJob",
    "List",
    "Role",
    "ClusterRoleBinding",
    "Service",
    "Ingress",
    "NetworkPolicy",
    "Secret",
    "PeerAuthentication",
    "true",
    "yes",
    "0",
    "0644",
    "-1",
    "\"\"",
    "~",
    "*",
    "ALL",
    "SYS_ADMIN",
    "/",
    "/var/run/docker.sock",
    "0.0.0.0/0",
    "latest",
    "nginx:latest",
    "Unconfined",
    "'quoted'",
    "9999999999999999999999",
    ".inf",
    "{{ .Values.x }}",
    "é",
    "\"\\u0000\"",
];
const RAW: &[&str] = &[
    "- ", ": ", "\n", "  ", "&a ", "*a ", "{", "}", "[", "]", ",", "? ", "---\n", "|\n", ">-\n", "!!str ",
    "#", "\t", "'", "\"",
];

const SHAPE: Shape = Shape {
    keys: KEYS,
    scalars: SCALARS,
    raw: RAW,
    max_depth: 8,
    item: "x: 1",
    scalar_items: (1, 2),
};

#[test]
fn fuzz_manifest_scanning() {
    let cases = cases(30);
    let seeds = seeds("k8s");
    let mut case = 0u64;
    for seed in &seeds {
        target(seed);
        for _ in 0..cases {
            case += 1;
            let data = entropy(case);
            let mut u = Unstructured::new(&data);
            if let Ok(text) = mutate(seed, &mut u, YAMLISH, RAW) {
                target(&text);
            }
            let mut doc = String::new();
            let mut u = Unstructured::new(&data);
            if document(&SHAPE, &mut u, 0, 0, &mut doc).is_ok() {
                target(&doc);
                target(&format!(
                    "apiVersion: v1\nkind: List\nitems:\n- {}",
                    doc.replace('\n', "\n  ")
                ));
            }
        }
    }
    assert!(case > 0, "no seeds");
}

#[test]
fn hostile_shapes() {
    // Alias bombs, deep nesting, huge documents counts and odd encodings end in errors, not hangs.
    let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12u8 {
        let (prev, cur) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        writeln!(
            laughs,
            "{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
        )
        .unwrap();
    }
    target(&laughs);
    target(&"- ".repeat(100_000));
    target(&"[".repeat(100_000));
    target(&"{a: ".repeat(50_000));
    target(&"---\n".repeat(200_000));
    target(
        "\u{feff}apiVersion: v1\nkind: Pod\nspec: {containers: [{securityContext: {privileged: true}}]}\n",
    );
    target("apiVersion: v1\nkind: Pod\nspec: !!binary aGVsbG8=\n");
    target(
        "apiVersion: v1\nkind: List\nitems: [1, [2], {kind: Pod}, {apiVersion: v1, kind: Pod, spec: 7}]\n",
    );
}
