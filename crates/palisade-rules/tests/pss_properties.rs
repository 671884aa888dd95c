//! Properties of the Pod Security engine and its fixes.
//!
//! - Fixing every object of the PSA fixture corpus and of the real-world corpus leaves no
//!   violation an automatic fix exists for, keeps the objects, is idempotent, and what is left
//!   is exactly what `fix` reports as manual.
//! - On generated pods (random combinations of the fields the checks read): restricted never
//!   allows a Linux pod baseline denies, and a check whose behaviour did not change between two
//!   versions finds the same violations at both.

// The pod generator reads best as flags and `+=` of formatted lines.
#![allow(clippy::format_push_string, clippy::struct_excessive_bools)]

use std::path::{Path, PathBuf};

use palisade_core::{Lang, corpora};
use palisade_rules::k8s::objects;
use palisade_rules::pss::{self, LATEST_MINOR, Level, Policy, Version, fix};
use palisade_yaml::{Budgets, documents};
use proptest::prelude::*;

/// Violations an automatic fix exists for.
fn fixable(check: &str, field: &str) -> bool {
    match check {
        "allowPrivilegeEscalation"
        | "runAsNonRoot"
        | "seccompProfile_baseline"
        | "seccompProfile_restricted"
        | "procMount"
        | "procMount_restricted"
        | "appArmorProfile" => true,
        "capabilities_restricted" => field.rsplit('.').next() == Some("drop"),
        _ => false,
    }
}

/// `(check, field)` of every violation in `text` under `policy`, and the object names.
fn violations(text: &str, policy: Policy) -> (Vec<(String, String)>, Vec<String>) {
    let mut found = Vec::new();
    let mut names = Vec::new();
    for doc in documents(text, &Budgets::default()) {
        let Ok(doc) = doc else { break };
        for object in objects(&doc.root) {
            names.push(object.reference.to_string());
            let Some(spec) = object.pod_spec() else { continue };
            let mut out = Vec::new();
            pss::evaluate(spec, policy, Lang::En, &mut out);
            found.extend(out.into_iter().map(|v| (v.check.id.to_owned(), v.field)));
        }
    }
    (found, names)
}

fn check_fix(path: &Path, policy: Policy, failures: &mut Vec<String>) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let (before, names) = violations(&text, policy);
    if before.is_empty() {
        return;
    }
    let outcome = fix::fix(&text, &Budgets::default(), Lang::En, |_| vec![policy]);
    let (after, names_after) = violations(&outcome.text, policy);
    let what = format!("{policy} {}", path.display());
    if names != names_after {
        failures.push(format!("{what}: objects changed {names:?} → {names_after:?}"));
    }
    if let Some((check, field)) = after.iter().find(|(c, f)| fixable(c, f)) {
        failures.push(format!("{what}: {check} at {field} left after the fix"));
    }
    let mut manual: Vec<(String, String)> = outcome
        .manual
        .iter()
        .map(|m| (m.check.to_owned(), m.field.clone()))
        .collect();
    let mut left = after.clone();
    manual.sort();
    manual.dedup();
    left.sort();
    left.dedup();
    if manual != left {
        failures.push(format!("{what}: manual {manual:?} but left {left:?}"));
    }
    let again = fix::fix(&outcome.text, &Budgets::default(), Lang::En, |_| vec![policy]);
    if again.text != outcome.text {
        failures.push(format!("{what}: a second fix changed the text again"));
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            out.push(path);
        }
    }
}

#[test]
fn fixes_leave_only_what_needs_a_person() {
    let Some(corpora) = corpora::dir() else { return };
    let mut failures = Vec::new();
    let mut fixed = 0;
    let psa = corpora.join("pod-security-admission/test/testdata");
    for level in [Level::Baseline, Level::Restricted] {
        for minor in 0..=LATEST_MINOR {
            let dir = psa.join(level.as_str()).join(format!("v1.{minor}")).join("fail");
            let mut files = Vec::new();
            yaml_files(&dir, &mut files);
            for file in files {
                let policy = Policy {
                    level,
                    version: Version::Minor(minor),
                };
                check_fix(&file, policy, &mut failures);
                fixed += 1;
            }
        }
    }
    let mut realworld = Vec::new();
    yaml_files(&corpora.join("realworld/k8s-manifests"), &mut realworld);
    for file in &realworld {
        for level in [Level::Baseline, Level::Restricted] {
            let policy = Policy {
                level,
                version: Version::Latest,
            };
            check_fix(file, policy, &mut failures);
            fixed += 1;
        }
    }
    assert!(fixed > 3000, "only {fixed} files fixed");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A pod spec from a combination of the settings the checks read.
#[derive(Debug, Clone)]
struct Knobs {
    privileged: Option<bool>,
    escalation: Option<bool>,
    non_root: [Option<bool>; 2],
    user: [Option<i64>; 2],
    seccomp: [Option<&'static str>; 2],
    drop_all: bool,
    add: Option<&'static str>,
    host_network: bool,
    host_path: bool,
    host_port: bool,
    proc_mount: Option<&'static str>,
    host_users: Option<bool>,
    sysctl: Option<&'static str>,
    windows: bool,
    selinux_type: Option<&'static str>,
    probe_host: bool,
    apparmor: Option<&'static str>,
}

fn knobs() -> impl Strategy<Value = Knobs> {
    let flag = || proptest::option::of(any::<bool>());
    let seccomp = || {
        proptest::option::of(prop::sample::select(vec![
            "RuntimeDefault",
            "Unconfined",
            "Localhost",
        ]))
    };
    (
        (
            flag(),
            flag(),
            [flag(), flag()],
            [proptest::option::of(0i64..3), proptest::option::of(0i64..3)],
        ),
        (
            [seccomp(), seccomp()],
            any::<bool>(),
            proptest::option::of(prop::sample::select(vec![
                "NET_BIND_SERVICE",
                "CHOWN",
                "SYS_ADMIN",
            ])),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(prop::sample::select(vec!["Default", "Unmasked"])),
            flag(),
        ),
        (
            proptest::option::of(prop::sample::select(vec![
                "kernel.shm_rmid_forced",
                "net.ipv4.tcp_rmem",
                "kernel.msgmax",
            ])),
            any::<bool>(),
            proptest::option::of(prop::sample::select(vec![
                "container_t",
                "container_engine_t",
                "spc_t",
            ])),
            any::<bool>(),
            proptest::option::of(prop::sample::select(vec!["RuntimeDefault", "Unconfined"])),
        ),
    )
        .prop_map(|(a, b, c, d)| Knobs {
            privileged: a.0,
            escalation: a.1,
            non_root: a.2,
            user: a.3,
            seccomp: b.0,
            drop_all: b.1,
            add: b.2,
            host_network: c.0,
            host_path: c.1,
            host_port: c.2,
            proc_mount: c.3,
            host_users: c.4,
            sysctl: d.0,
            windows: d.1,
            selinux_type: d.2,
            probe_host: d.3,
            apparmor: d.4,
        })
}

fn render(k: &Knobs) -> String {
    let mut pod = String::from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n");
    if k.host_network {
        pod += "  hostNetwork: true\n";
    }
    if let Some(h) = k.host_users {
        pod += &format!("  hostUsers: {h}\n");
    }
    if k.windows {
        pod += "  os:\n    name: windows\n";
    }
    pod += "  securityContext:\n    fsGroup: 1\n";
    if let Some(v) = k.non_root[0] {
        pod += &format!("    runAsNonRoot: {v}\n");
    }
    if let Some(v) = k.user[0] {
        pod += &format!("    runAsUser: {v}\n");
    }
    if let Some(v) = k.seccomp[0] {
        pod += &format!("    seccompProfile:\n      type: {v}\n");
    }
    if let Some(s) = k.sysctl {
        pod += &format!("    sysctls:\n    - name: {s}\n      value: \"1\"\n");
    }
    if let Some(t) = k.selinux_type {
        pod += &format!("    seLinuxOptions:\n      type: {t}\n");
    }
    pod += "  containers:\n  - name: c\n    image: busybox\n";
    if k.host_port {
        pod += "    ports:\n    - containerPort: 80\n      hostPort: 80\n";
    }
    if k.probe_host {
        pod += "    livenessProbe:\n      tcpSocket:\n        host: 10.0.0.1\n        port: 80\n";
    }
    pod += "    securityContext:\n      readOnlyRootFilesystem: true\n";
    if let Some(v) = k.privileged {
        pod += &format!("      privileged: {v}\n");
    }
    if let Some(v) = k.escalation {
        pod += &format!("      allowPrivilegeEscalation: {v}\n");
    }
    if let Some(v) = k.non_root[1] {
        pod += &format!("      runAsNonRoot: {v}\n");
    }
    if let Some(v) = k.user[1] {
        pod += &format!("      runAsUser: {v}\n");
    }
    if let Some(v) = k.seccomp[1] {
        pod += &format!("      seccompProfile:\n        type: {v}\n");
    }
    if let Some(v) = k.proc_mount {
        pod += &format!("      procMount: {v}\n");
    }
    if let Some(v) = k.apparmor {
        pod += &format!("      appArmorProfile:\n        type: {v}\n");
    }
    pod += "      capabilities:\n";
    pod += if k.drop_all {
        "        drop: [ALL]\n"
    } else {
        "        drop: [NET_RAW]\n"
    };
    if let Some(cap) = k.add {
        pod += &format!("        add: [{cap}]\n");
    }
    if k.host_path {
        pod += "  volumes:\n  - name: v\n    hostPath:\n      path: /var/log\n";
    }
    pod
}

fn violations_of(text: &str, policy: Policy) -> Vec<(&'static str, String)> {
    let doc = documents(text, &Budgets::default()).next().unwrap().unwrap();
    let object = &objects(&doc.root)[0];
    let mut out = Vec::new();
    pss::evaluate(object.pod_spec().unwrap(), policy, Lang::En, &mut out);
    out.into_iter().map(|v| (v.check.id, v.field)).collect()
}

/// The checks (ids) whose behaviour is the same at both versions for `level`.
fn unchanged(level: Level, a: u32, b: u32) -> Vec<&'static str> {
    let at = |minor| {
        pss::applicable(Policy {
            level,
            version: Version::Minor(minor),
        })
        .map(|c| {
            let entry = c.versions.iter().rposition(|v| v.since <= minor);
            (c.id, entry)
        })
        .collect::<Vec<_>>()
    };
    let (x, y) = (at(a), at(b));
    x.into_iter()
        .filter(|e| y.contains(e))
        .map(|(id, _)| id)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PALISADE_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn restricted_never_allows_what_baseline_denies(k in knobs(), minor in 0..=LATEST_MINOR) {
        // Linux pods: from v1.25 restricted exempts Windows pods from controls baseline keeps.
        let text = render(&Knobs { windows: false, ..k });
        let version = Version::Minor(minor);
        let baseline = violations_of(&text, Policy { level: Level::Baseline, version });
        let restricted = violations_of(&text, Policy { level: Level::Restricted, version });
        prop_assert!(baseline.is_empty() || !restricted.is_empty(), "{text}\nbaseline {baseline:?}");
    }

    #[test]
    fn unchanged_checks_find_the_same_at_every_version(
        k in knobs(), a in 0..=LATEST_MINOR, b in 0..=LATEST_MINOR, restricted in any::<bool>()
    ) {
        let level = if restricted { Level::Restricted } else { Level::Baseline };
        let text = render(&k);
        let same = unchanged(level, a.min(b), a.max(b));
        let of = |minor| {
            let mut v: Vec<_> = violations_of(&text, Policy { level, version: Version::Minor(minor) })
                .into_iter()
                .filter(|(id, _)| same.contains(id))
                .collect();
            v.sort();
            v
        };
        prop_assert_eq!(of(a), of(b), "{}", text);
    }

    #[test]
    fn fixing_a_generated_pod_leaves_only_manual_checks(k in knobs(), restricted in any::<bool>()) {
        let level = if restricted { Level::Restricted } else { Level::Baseline };
        let policy = Policy { level, version: Version::Latest };
        let text = render(&k);
        let outcome = fix::fix(&text, &Budgets::default(), Lang::En, |_| vec![policy]);
        let left = violations_of(&outcome.text, policy);
        prop_assert!(left.iter().all(|(c, f)| !fixable(c, f)), "{}\n→\n{}\n{:?}", text, outcome.text, left);
    }
}
