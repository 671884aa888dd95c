//! Fuzz target for the compose view and every DC rule: YAML from `arbitrary` (mutations of the DC
//! fixtures, and compose-shaped documents over the keys the rules read, in short and long
//! syntaxes, with `extends` chains and loops), read as a compose file and as a YAML file of any
//! name (which detects compose files by content). Nothing may panic or hang, and every position
//! reported must lie in the input.

mod support;

use std::fmt::Write as _;
use std::sync::Arc;

use arbitrary::Unstructured;
use palisade_rules::{FileKind, Settings, scan_file};
use support::{SHELLISH, Shape, cases, check_positions, document, entropy, mutate, seeds};

const KEYS: &[&str] = &[
    "services",
    "image",
    "build",
    "privileged",
    "cap_add",
    "cap_drop",
    "network_mode",
    "pid",
    "ipc",
    "volumes",
    "type",
    "source",
    "target",
    "read_only",
    "user",
    "deploy",
    "resources",
    "limits",
    "memory",
    "cpus",
    "mem_limit",
    "security_opt",
    "ports",
    "host_ip",
    "published",
    "environment",
    "devices",
    "extends",
    "service",
    "file",
    "x-common",
    "<<",
    "web",
    "db",
];
const SCALARS: &[&str] = &[
    "true",
    "\"true\"",
    "yes",
    "host",
    "ALL",
    "SYS_ADMIN",
    "/:/host",
    "/var/run/docker.sock:/x:ro",
    "/etc",
    "bind",
    "5432:5432",
    "127.0.0.1:6379:6379",
    "\"27017\"",
    "3300-3310:3300-3310",
    "[::1]:80:80",
    "root",
    "0:0",
    "${UID}",
    "seccomp:unconfined",
    "no-new-privileges",
    "no-new-privileges:false",
    "DB_PASSWORD=hunter22",
    "AKIAIOSFODNN7EXAMPLE",
    "/dev/sda",
    "nginx",
    "nginx:latest",
    "web",
    "db",
    "~",
    "\"\"",
    "[]",
    "{}",
    "*a",
    "&a x",
    "é",
    "${X:-a:b}",
    "-1",
    "99999999999999999999",
];
const RAW: &[&str] = &[
    "- ", ": ", "\n", "  ", "&a ", "*a ", "{", "}", "[", "]", ",", "? ", "---\n", "|\n", ">-\n", "!!str ",
    "#", "\t", "'", "\"", "<<: ",
];

const SHAPE: Shape = Shape {
    keys: KEYS,
    scalars: SCALARS,
    raw: RAW,
    max_depth: 6,
    item: "type: bind",
    scalar_items: (2, 3),
};

fn target(text: &str) {
    let settings = Settings::default();
    let scan = scan_file(&Arc::from("compose.yaml"), FileKind::Compose, text, &settings);
    check_positions(&scan, text);
    let scan = scan_file(&Arc::from("stack.yml"), FileKind::Manifest, text, &settings);
    check_positions(&scan, text);
}

#[test]
fn fuzz_compose_scanning() {
    let cases = cases(30);
    let seeds = seeds("compose");
    assert!(seeds.len() >= 36, "{} seeds", seeds.len());
    let mut case = 0u64;
    for seed in &seeds {
        target(seed);
        for _ in 0..cases {
            case += 1;
            let data = entropy(case);
            let mut u = Unstructured::new(&data);
            if let Ok(text) = mutate(seed, &mut u, SHELLISH, RAW) {
                target(&text);
            }
            let mut doc = String::from("services:\n");
            let mut u = Unstructured::new(&data);
            if document(&SHAPE, &mut u, 1, 2, &mut doc).is_ok() {
                target(&doc);
            }
        }
    }
}

#[test]
fn extends_loops_and_long_chains_end() {
    let mut chain = String::from("services:\n");
    for i in 0..5_000 {
        writeln!(chain, "  s{i}:\n    extends: s{}", i + 1).unwrap();
    }
    chain.push_str("  s5000:\n    extends: s0\n");
    target(&chain);
    target(
        "services:\n  a: {extends: b}\n  b: {extends: {service: a}}\n  c: {extends: c, privileged: true}\n",
    );
}
