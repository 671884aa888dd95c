//! `docker run` lines inside CI files: a GitHub Actions workflow (plain, literal `|`, folded `>-`
//! and double-quoted `run:` scalars, a script run over `ssh`, job and service container
//! `options`) and a `.gitlab-ci.yml` (`script`, `before_script`, `after_script`, lists and block
//! scalars). Every finding must point at the exact option in the
//! file — through YAML indentation, folding and quotes — and the whole set of findings is known.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use palisade_core::render::{Format, RenderOptions, render};
use palisade_core::{Finding, Lang, Report};
use palisade_rules::{FileKind, Settings, scan_file};

fn fixture(relative: &str) -> (PathBuf, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("tests/fixtures/dockerrun/ci").join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn scan(relative: &str, lang: Lang) -> (Vec<Finding>, String) {
    let (path, text) = fixture(relative);
    assert_eq!(FileKind::of(&path), FileKind::Pipeline, "{relative}");
    let name: Arc<str> = Arc::from(format!("tests/fixtures/dockerrun/ci/{relative}"));
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    let scan = scan_file(&name, FileKind::of(&path), &text, &settings);
    assert!(scan.errors.is_empty(), "{:?}", scan.errors);
    let mut findings = scan.findings;
    findings.sort_by_key(|f| (f.location.line, f.location.column, f.rule.to_string()));
    (findings, text)
}

/// Asserts that the findings are exactly `expected`: (code, line, the text the finding starts
/// at in the file).
fn assert_findings(findings: &[Finding], text: &str, expected: &[(&str, u32, &str)]) {
    let lines: Vec<&str> = text.lines().collect();
    let found: Vec<(String, u32, String)> = findings
        .iter()
        .map(|f| {
            let line = lines[f.location.line as usize - 1];
            let at: String = line.chars().skip(f.location.column as usize - 1).collect();
            (f.rule.to_string(), f.location.line, at)
        })
        .collect();
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((code, line, at), (want_code, want_line, want_at)) in found.iter().zip(expected) {
        assert!(
            code == want_code && line == want_line && at.starts_with(want_at),
            "expected {want_code} at line {want_line} on `{want_at}`, found {code} at line {line} on `{at}`\n{found:#?}"
        );
    }
}

#[test]
fn github_workflow_steps() {
    let (findings, text) = scan(".github/workflows/integration.yml", Lang::En);
    assert_findings(
        &findings,
        &text,
        &[
            // `docker run -d`: a service, so the missing hardening options are reported.
            ("DR003", 12, "docker run -d"),
            ("DR010", 12, "docker run -d"),
            ("DR011", 12, "docker run -d"),
            ("DR012", 12, "docker run -d"),
            ("DR014", 12, "docker run -d"),
            ("DR015", 13, "-p 5432:5432"),
            ("DR016", 14, "-e POSTGRES_PASSWORD=ci-password-123"),
            ("DR004", 16, "--network host"),
            ("DR001", 16, "--privileged"),
            ("DR007", 20, "/var/run/docker.sock:/var/run/docker.sock"),
            // `${{ secrets.TOKEN }}` is filled in by the runner: no credential.
            ("DR005", 23, "--pid=host"),
            // Job and service containers' `options` are `docker create` options; they live as
            // long as the job, so only what the options do is reported.
            ("DR001", 28, "--privileged"),
            ("DR007", 28, "/var/run/docker.sock:/var/run/docker.sock"),
            ("DR003", 35, "--cap-add SYS_ADMIN"),
            ("DR002", 35, "SYS_ADMIN"),
            // A script run over `ssh` is read too.
            ("DR003", 37, "docker run -d"),
            ("DR010", 37, "docker run -d"),
            ("DR011", 37, "docker run -d"),
            ("DR012", 37, "docker run -d"),
            ("DR014", 37, "docker run -d"),
            ("DR005", 37, "--pid=host"),
        ],
    );
}

#[test]
fn gitlab_ci_scripts() {
    let (findings, text) = scan(".gitlab-ci.yml", Lang::En);
    assert_findings(
        &findings,
        &text,
        &[
            ("DR008", 10, "/:/host"),
            ("DR010", 12, "docker run -d"),
            ("DR011", 12, "docker run -d"),
            ("DR012", 12, "docker run -d"),
            ("DR014", 12, "docker run -d"),
            ("DR003", 13, "--cap-add SYS_ADMIN"),
            ("DR002", 13, "SYS_ADMIN"),
            ("DR006", 16, "--ipc=host"),
            ("DR017", 18, "--device /dev/fuse"),
        ],
    );
}

#[test]
fn ci_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, file) in [
            ("ci-github-workflow", ".github/workflows/integration.yml"),
            ("ci-gitlab", ".gitlab-ci.yml"),
        ] {
            let mut both = String::new();
            for lang in [Lang::En, Lang::Zh] {
                let (findings, _) = scan(file, lang);
                let report = Report {
                    rules: findings
                        .iter()
                        .filter_map(|f| palisade_rules::find(&f.rule))
                        .map(|m| (m.code.to_owned(), m.doc(lang)))
                        .collect(),
                    findings,
                    lang,
                    files: 1,
                    ..Report::default()
                };
                let options = RenderOptions {
                    tool_version: "test",
                    color: false,
                    snippets: true,
                    stdin: None,
                };
                let mut out = Vec::new();
                render(&report, Format::Table, &options, &mut out).unwrap();
                both.push_str(&String::from_utf8(out).unwrap());
                both.push_str("--- zh ---\n");
            }
            insta::assert_snapshot!(name, both);
        }
    });
}
