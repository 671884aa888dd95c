//! Fuzz target for the Dockerfile parser and every DF rule: text from `arbitrary` (raw mutations
//! of the Dockerfile fixtures, and structured Dockerfiles built from instructions, flags,
//! continuations, here-documents and shell syntax) must never panic or hang, and every span the
//! parser gives and every finding or error the rules report must lie inside the input, on
//! character boundaries. Runs a bounded number of cases per seed in normal tests;
//! `PALISADE_FUZZ_CASES` raises it for a longer session.

use std::sync::Arc;

mod support;

use arbitrary::{Result, Unstructured};
use palisade_rules::dockerfile::{Args, CommandLine, Instruction, Span, parse};
use palisade_rules::{Settings, scan_dockerfile};
use support::{cases, entropy, mutate, seeds};

/// Bytes that matter to Dockerfile and shell syntax, for overwriting.
const DOCKERFILEISH: &[u8] = b" \\\n\t#\"'[]{}$`<-=|&;()0aZ";

fn in_bounds(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && text.get(span.start..span.end).is_some(),
        "{what} span {span:?} is not a slice of the input:\n{text:?}"
    );
}

fn check_instruction(text: &str, i: &Instruction) {
    in_bounds(text, i.span, "instruction");
    in_bounds(text, i.keyword_span, "keyword");
    in_bounds(text, i.args_span, "arguments");
    assert!(i.line <= i.last_line, "lines out of order: {i:?}");
    for f in &i.flags {
        in_bounds(text, f.span, "flag");
    }
    if let Some(script) = i.script() {
        for c in &script.commands {
            in_bounds(text, c.span, "command");
            for w in c.words.iter().chain(&c.assignments) {
                in_bounds(text, w.span, "word");
            }
        }
    }
    match &i.args {
        Args::Onbuild(Some(inner)) => check_instruction(text, inner),
        Args::Cmd(CommandLine::Exec { args, .. }) | Args::Entrypoint(CommandLine::Exec { args, .. }) => {
            for w in args {
                in_bounds(text, w.span, "exec argument");
            }
        }
        Args::Env(pairs) | Args::Label(pairs) => {
            for p in pairs {
                in_bounds(text, p.key.span, "key");
                in_bounds(text, p.value.span, "value");
            }
        }
        _ => {}
    }
}

/// The target: parse, check every span, scan, check every reported place.
fn target(text: &str) {
    let df = parse(text);
    for i in &df.instructions {
        check_instruction(text, i);
    }
    for e in &df.errors {
        in_bounds(text, e.at, "error");
    }
    for c in &df.comments {
        in_bounds(text, c.span, "comment");
    }
    let settings = Settings {
        trusted_registries: vec!["registry.example.com".into()],
        ..Settings::default()
    };
    let scan = scan_dockerfile(&Arc::from("fuzz.Dockerfile"), text, &settings);
    let lines = u32::try_from(text.split('\n').count()).unwrap();
    for f in &scan.findings {
        let l = &f.location;
        assert!(
            l.line >= 1 && l.line <= lines && (l.line, l.column) <= (l.end_line, l.end_column),
            "finding outside the input: {f:?}\n{text:?}"
        );
    }
    for e in &scan.errors {
        assert!(
            e.line.is_none_or(|l| l >= 1 && l <= lines),
            "error outside the input: {e:?}\n{text:?}"
        );
    }
}

const KEYWORDS: &[&str] = &[
    "FROM",
    "RUN",
    "CMD",
    "COPY",
    "ADD",
    "ENV",
    "ARG",
    "LABEL",
    "USER",
    "WORKDIR",
    "EXPOSE",
    "VOLUME",
    "ENTRYPOINT",
    "SHELL",
    "HEALTHCHECK",
    "ONBUILD",
    "STOPSIGNAL",
    "MAINTAINER",
    "from",
    "Run",
    "BOGUS",
];
const ARGS: &[&str] = &[
    "alpine:3.20",
    "ubuntu",
    "node:latest",
    "$BASE",
    "${BASE:-debian}",
    "AS build",
    "as",
    "--from=build",
    "--from=0",
    "--platform=$BUILDPLATFORM",
    "--mount=type=cache,target=/var/lib/apt/lists",
    "--chown=1000:1000",
    "apt-get update && apt-get install -y curl",
    "apk add --no-cache git",
    "pip install flask",
    "curl -fsSL https://x | sh",
    "cd /tmp || exit 1",
    "sudo make install",
    "[\"sh\", \"-c\", \"echo $HOME\"]",
    "[\"a\",",
    "[]",
    "<<EOF",
    "<<-'END'",
    "A=1 B=$A",
    "KEY value",
    "\"quoted string",
    "'single'",
    "CMD [\"true\"]",
    "NONE",
    "root",
    "22 80/tcp 99999",
    ". /app/",
    "$(id -u)",
    "`uname`",
    "case $x in a|b) y ;; esac",
    "{ a; } | b",
    "é ü 中文",
    "\\",
    "`",
    "#",
];
const GLUE: &[&str] = &[
    " ",
    "  ",
    "\t",
    " \\\n",
    " \\\n# comment\n",
    " \\\n\n",
    "\n",
    "\r\n",
    " && ",
    " | ",
    "; ",
];

/// A Dockerfile-shaped text: instructions with arguments, glued by continuations and comments,
/// sometimes followed by here-document bodies.
fn dockerfile(u: &mut Unstructured<'_>, out: &mut String) -> Result<()> {
    if u.ratio(1, 4)? {
        out.push_str(u.choose(&["# escape=`\n", "# syntax=docker/dockerfile:1\n", "# escape=\\\n"])?);
    }
    for _ in 0..u.int_in_range(1..=12)? {
        if u.ratio(1, 6)? {
            out.push_str("# hadolint ignore=DL3008\n");
        }
        out.push_str(u.choose(KEYWORDS)?);
        for _ in 0..u.int_in_range(0..=4)? {
            out.push_str(u.choose(GLUE)?);
            out.push_str(u.choose(ARGS)?);
        }
        out.push('\n');
        if u.ratio(1, 5)? {
            out.push_str("apk add curl\ncd /x\n");
            out.push_str(u.choose(&["EOF\n", "\tEND\n", "END\n", ""])?);
        }
    }
    Ok(())
}

#[test]
fn fuzz_dockerfile_scanning() {
    let cases = cases(20);
    let seeds = seeds("dockerfile");
    assert!(seeds.len() > 100, "the fixtures are the seed corpus");
    let mut case = 0u64;
    for seed in &seeds {
        target(seed);
        for _ in 0..cases {
            case += 1;
            let data = entropy(case);
            if let Ok(text) = mutate(seed, &mut Unstructured::new(&data), DOCKERFILEISH, GLUE) {
                target(&text);
            }
            let mut text = String::new();
            if dockerfile(&mut Unstructured::new(&data), &mut text).is_ok() {
                target(&text);
            }
        }
    }
}

#[test]
fn hostile_shapes() {
    // Deep nesting, long continuations, unterminated constructs and huge inputs end quickly.
    target(&format!("FROM a\nRUN {}\n", "$(".repeat(50_000)));
    target(&format!("FROM a\nRUN {}\n", "`".repeat(50_001)));
    target(&format!("FROM ${}\n", "{A:-".repeat(20_000)));
    target(&format!("FROM a\nRUN x{}\n", " \\\n".repeat(100_000)));
    target(&format!("FROM a\nRUN {}\n", "a | ".repeat(100_000)));
    target(&format!("FROM a\n{}", "RUN <<EOF\n".repeat(10_000)));
    target(&format!("FROM a\nRUN {}\n", "case x in ".repeat(20_000)));
    target(&format!("{}FROM a\n", "ONBUILD ".repeat(10_000)));
    target(&"FROM a AS b\n".repeat(20_000));
    target(&format!("FROM a\nENV {}\n", "A=\"".repeat(30_000)));
    target(&format!("FROM a\n{}", "COPY a b\n".repeat(30_000)));
    target(&format!("FROM a\n{}", "ENV A=1 B=$A\n".repeat(30_000)));
    target(&format!("FROM a\nENV {}\n", "A=$A ".repeat(30_000)));
    target(&format!("FROM a\n{}", "RUN pip install x\n".repeat(30_000)));
    target(&format!("FROM a\n{}", "COPY --from=x a b\n".repeat(30_000)));
    target(&format!(
        "FROM a\n{}",
        "USER root\nHEALTHCHECK NONE\nCMD x\nEXPOSE 22\n".repeat(10_000)
    ));
    target(&format!("FROM a\nRUN {}\n", "curl x | ".repeat(30_000)));
    target(&format!(
        "{}\n",
        "# hadolint ignore=DL3008\nFROM a\n".repeat(20_000)
    ));
    target("\u{feff}FROM a\r\nRUN \\\r\n  apt-get install x\r\n");
    target("FROM a\nRUN [\"\\ud800\"]\nCMD [\"\\u00\"]\n");
}
