//! Fuzz target for the `docker run` finder: the shell lexer, the run-command parser and every DR
//! rule, over shell text from `arbitrary` (mutations of the DR fixtures, and token soup built from
//! shell syntax and Docker options), read as a script, a Makefile, a command line given directly,
//! and inside GitHub and GitLab CI scalars of every style. Nothing may panic or hang, and every
//! position reported must lie in the input. Runs a bounded number of cases per seed in normal
//! tests; `PALISADE_FUZZ_CASES` raises it.

mod support;

use std::fmt::Write as _;
use std::sync::Arc;

use arbitrary::{Result, Unstructured};
use palisade_rules::{FileKind, Settings, scan_docker_run, scan_file};
use support::{SHELLISH, cases, check_positions, entropy, mutate, seeds};

const WORDS: &[&str] = &[
    "docker",
    "podman",
    "sudo",
    "env",
    "X=1",
    "run",
    "create",
    "container",
    "-d",
    "-it",
    "--rm",
    "-v",
    "/:/host",
    "/var/run/docker.sock:/var/run/docker.sock",
    "--privileged",
    "--privileged=false",
    "-e",
    "A=b",
    "DB_PASSWORD=hunter22",
    "-p",
    "5432:5432",
    "127.0.0.1:6379:6379",
    "--cap-add",
    "SYS_ADMIN",
    "--cap-drop",
    "ALL",
    "-u",
    "0",
    "--user=1000",
    "--network",
    "host",
    "--pid=host",
    "--security-opt",
    "seccomp=unconfined",
    "no-new-privileges",
    "--mount",
    "type=bind,source=/etc,target=/e",
    "--device",
    "/dev/sda",
    "-m",
    "1g",
    "--cpus",
    "--",
    "alpine:3.20",
    "$(DOCKER)",
    "$IMAGE",
    "\"$@\"",
    "${X:-a b}",
    "$(pwd):/src",
    "`id -u`",
    "$$(pwd)",
    "'",
    "\"",
    "\\",
    "\\\n",
    "\n",
    ";",
    "&&",
    "||",
    "|",
    "&",
    "(",
    ")",
    "{",
    "}",
    "<<EOF",
    "EOF",
    "<<-'E'",
    "2>&1",
    ">",
    "#",
    "$",
    "${",
    "$(",
    "é",
    "\t",
    "-",
    "-p80:80",
    "-eX=Y",
    "--restart=always",
];

/// A shell text of words and separators.
fn shell(u: &mut Unstructured<'_>, out: &mut String) -> Result<()> {
    for _ in 0..u.int_in_range(1..=40)? {
        out.push_str(u.choose(WORDS)?);
        if u.ratio(3, 4)? {
            out.push(' ');
        }
    }
    Ok(())
}

/// `shell` as the `run:` of a GitHub step, in one of the YAML scalar styles.
fn workflow(script: &str, style: u8) -> String {
    let mut out = String::from("on: push\njobs:\n  t:\n    steps:\n      - run: ");
    match style {
        0 => {
            out.push_str("|\n");
            for line in script.split('\n') {
                let _ = writeln!(out, "          {line}");
            }
        }
        1 => {
            out.push_str(">-\n");
            for line in script.split('\n') {
                let _ = writeln!(out, "          {line}");
            }
        }
        2 => {
            let escaped = script
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            let _ = writeln!(out, "\"{escaped}\"");
        }
        3 => {
            let _ = writeln!(out, "'{}'", script.replace('\'', "''").replace('\n', " "));
        }
        _ => {
            let _ = writeln!(out, "{}", script.replace('\n', " "));
        }
    }
    out
}

fn gitlab(script: &str) -> String {
    let mut out = String::from("job:\n  script:\n    - |\n");
    for line in script.split('\n') {
        let _ = writeln!(out, "      {line}");
    }
    out
}

fn target(text: &str) {
    let settings = Settings::default();
    for name in ["fuzz.sh", "Makefile"] {
        let scan = scan_file(&Arc::from(name), FileKind::Script, text, &settings);
        check_positions(&scan, text);
    }
    let scan = scan_docker_run(&Arc::from("<docker-run>"), text, &settings);
    check_positions(&scan, text);
    for style in 0..5 {
        let yaml = workflow(text, style);
        let scan = scan_file(
            &Arc::from(".github/workflows/f.yml"),
            FileKind::Pipeline,
            &yaml,
            &settings,
        );
        check_positions(&scan, &yaml);
    }
    let yaml = gitlab(text);
    let scan = scan_file(&Arc::from(".gitlab-ci.yml"), FileKind::Pipeline, &yaml, &settings);
    check_positions(&scan, &yaml);
}

#[test]
fn fuzz_docker_run_finding() {
    let cases = cases(30);
    let seeds = seeds("dockerrun");
    assert!(seeds.len() > 30, "{} seeds", seeds.len());
    let mut case = 0u64;
    for seed in &seeds {
        target(seed);
        for _ in 0..cases {
            case += 1;
            let data = entropy(case);
            let mut u = Unstructured::new(&data);
            if let Ok(text) = mutate(seed, &mut u, SHELLISH, WORDS) {
                target(&text);
            }
            let mut text = String::new();
            let mut u = Unstructured::new(&data);
            if shell(&mut u, &mut text).is_ok() {
                target(&text);
            }
        }
    }
}

#[test]
fn hostile_shapes() {
    // Deep nesting, long runs of one character and unterminated constructs end, in linear time.
    for text in [
        "$(".repeat(50_000),
        "`".repeat(50_000),
        "${".repeat(50_000),
        "$$".repeat(50_000),
        "\\\n".repeat(50_000),
        "'".repeat(50_001),
        "\"".repeat(50_001),
        "<<E ".repeat(20_000),
        format!("docker run {}alpine", "-v /:/h ".repeat(20_000)),
        format!("docker run {}", "$(docker run ".repeat(2_000)),
        "docker run -\u{e9}\u{301}p\u{1F600} x".to_owned(),
    ] {
        target(&text);
    }
}
