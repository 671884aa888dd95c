//! Every rule's fixtures, in `fixtures/<engine>/<CODE>/`: `bad.<ext>` opens with
//! `# CODE: line, line …` and must give exactly those findings of that code; `good.<ext>` must
//! give none. The findings of each bad fixture are snapshotted as the table renderer shows them,
//! in both languages. Kubernetes rules use `k8s/…/{bad,good}.yaml`, Dockerfile rules
//! `dockerfile/…/{bad,good}.Dockerfile`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use palisade_core::render::{Format, RenderOptions, render};
use palisade_core::{Finding, Lang, Report};
use palisade_rules::{FileScan, Settings, rules, scan_dockerfile, scan_manifest};

/// How the fixtures of a rule's engine are laid out and scanned.
struct Engine {
    dir: &'static str,
    ext: &'static str,
    scan: fn(&Arc<str>, &str, &Settings) -> FileScan,
}

fn engine(code: &str) -> Engine {
    if code.starts_with("DF") {
        Engine {
            dir: "dockerfile",
            ext: "Dockerfile",
            scan: scan_dockerfile,
        }
    } else {
        Engine {
            dir: "k8s",
            ext: "yaml",
            scan: scan_manifest,
        }
    }
}

/// The `bad` and `good` fixtures of a rule.
fn fixture_pair(code: &str) -> (PathBuf, PathBuf) {
    let engine = engine(code);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(engine.dir)
        .join(code);
    (
        dir.join(format!("bad.{}", engine.ext)),
        dir.join(format!("good.{}", engine.ext)),
    )
}

fn settings(lang: Lang) -> Settings {
    Settings {
        lang,
        trusted_registries: vec!["registry.example.com".into()],
        ..Settings::default()
    }
}

/// The lines of `code`'s findings in `path`, and those findings rendered as the table renderer
/// shows them on a terminal (source snippet included, no colour).
fn lines_of(code: &str, path: &Path, lang: Lang) -> (Vec<u32>, String) {
    let text = fs_read(path);
    // Relative to the crate, as the test runs there: the renderer reads the snippet from it.
    let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
    let name: Arc<str> = Arc::from(relative.to_str().unwrap());
    let scan = (engine(code).scan)(&name, &text, &settings(lang));
    let mut findings: Vec<Finding> = scan.findings.into_iter().filter(|f| f.rule == code).collect();
    findings.sort_by_key(|f| (f.location.line, f.location.column));
    let lines = findings.iter().map(|f| f.location.line).collect();
    let mut report = Report {
        findings,
        lang,
        files: 1,
        objects: scan.objects,
        ..Report::default()
    };
    if let Some(rule) = palisade_rules::find(code) {
        report.rules.insert(code.to_owned(), rule.doc(lang));
    }
    let options = RenderOptions {
        tool_version: "test",
        color: false,
        snippets: true,
        stdin: None,
    };
    let mut out = Vec::new();
    render(&report, Format::Table, &options, &mut out).unwrap();
    (lines, String::from_utf8(out).unwrap())
}

fn fs_read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expected_lines(code: &str, bad: &Path) -> Vec<u32> {
    let text = fs_read(bad);
    let header = text.lines().next().unwrap_or_default();
    let Some(rest) = header.strip_prefix(&format!("# {code}:")) else {
        panic!("{}: the first line must be `# {code}: <lines>`", bad.display());
    };
    rest.split(',')
        .map(|l| {
            l.trim()
                .parse()
                .unwrap_or_else(|_| panic!("{}: bad line `{l}`", bad.display()))
        })
        .collect()
}

#[test]
fn every_rule_has_fixtures_that_behave() {
    let mut failures = Vec::new();
    for rule in rules() {
        let code = rule.code;
        let (bad, good) = fixture_pair(code);
        if !bad.exists() || !good.exists() {
            failures.push(format!("{code}: missing {} or {}", bad.display(), good.display()));
            continue;
        }
        let (mut found, _) = lines_of(code, &bad, Lang::En);
        found.sort_unstable();
        let mut expected = expected_lines(code, &bad);
        expected.sort_unstable();
        if found != expected {
            failures.push(format!(
                "{code}: bad fixture expected lines {expected:?}, found {found:?}"
            ));
        }
        let (found, _) = lines_of(code, &good, Lang::En);
        if !found.is_empty() {
            failures.push(format!("{code}: good fixture gave findings at lines {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_fixture_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for rule in rules() {
            let code = rule.code;
            let (bad, _) = fixture_pair(code);
            if !bad.exists() {
                continue;
            }
            let (_, en) = lines_of(code, &bad, Lang::En);
            let (_, zh) = lines_of(code, &bad, Lang::Zh);
            insta::assert_snapshot!(code, format!("{en}--- zh ---\n{zh}"));
        }
    });
}
