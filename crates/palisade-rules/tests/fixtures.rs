//! Every rule's fixtures, in `fixtures/<engine>/<CODE>/`: `bad.<ext>` opens with
//! `# CODE: line, line …` and must give exactly those findings of that code; `good.<ext>` must give
//! none. The findings of each bad fixture are snapshotted as the table renderer shows them, in both
//! languages. The engine folder says how a fixture is read (`k8s`, `compose`, `dockerfile`), else
//! its name does (`bad.sh` is a script).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use palisade_core::render::{Format, RenderOptions, render};
use palisade_core::{Finding, Lang, Report};
use palisade_rules::{FileKind, Settings, rules, scan_file};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `fixtures/<engine>/<code>`, whichever engine folder has it, and the engine.
fn fixture_dir(code: &str) -> Option<(String, PathBuf)> {
    let mut engines: Vec<_> = std::fs::read_dir(fixtures()).unwrap().flatten().collect();
    engines.sort_by_key(std::fs::DirEntry::file_name);
    engines.into_iter().find_map(|engine| {
        let dir = engine.path().join(code);
        dir.is_dir()
            .then(|| (engine.file_name().to_string_lossy().into_owned(), dir))
    })
}

/// `bad.*` or `good.*` in `dir`.
fn fixture_file(dir: &Path, stem: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_stem().is_some_and(|s| s == stem))
}

/// How a fixture is read: by its engine folder, else by its name.
fn kind(engine: &str, path: &Path) -> FileKind {
    match engine {
        "k8s" => FileKind::Manifest,
        "compose" => FileKind::Compose,
        "dockerfile" => FileKind::Dockerfile,
        _ => FileKind::of(path),
    }
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
fn lines_of(code: &str, engine: &str, path: &Path, lang: Lang) -> (Vec<u32>, String) {
    let text = fs_read(path);
    // Relative to the crate, as the test runs there: the renderer reads the snippet from it.
    let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
    let name: Arc<str> = Arc::from(relative.to_str().unwrap());
    let scan = scan_file(&name, kind(engine, path), &text, &settings(lang));
    // Kubernetes fixtures may hold objects the API server would refuse; the others must read.
    assert!(
        engine == "k8s" || scan.errors.is_empty(),
        "{}: {:?}",
        path.display(),
        scan.errors
    );
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
    // Pod Security checks are proven by the upstream fixtures (pss_conformance.rs).
    for rule in rules().filter(|r| !r.code.starts_with("PSS-")) {
        let code = rule.code;
        let Some((engine, dir)) = fixture_dir(code) else {
            failures.push(format!("{code}: no fixtures/<engine>/{code}"));
            continue;
        };
        let (Some(bad), Some(good)) = (fixture_file(&dir, "bad"), fixture_file(&dir, "good")) else {
            failures.push(format!("{code}: missing bad or good in {}", dir.display()));
            continue;
        };
        let (mut found, _) = lines_of(code, &engine, &bad, Lang::En);
        found.sort_unstable();
        let mut expected = expected_lines(code, &bad);
        expected.sort_unstable();
        if found != expected {
            failures.push(format!(
                "{code}: {} expected lines {expected:?}, found {found:?}",
                bad.display()
            ));
        }
        let (found, _) = lines_of(code, &engine, &good, Lang::En);
        if !found.is_empty() {
            failures.push(format!(
                "{code}: {} gave findings at lines {found:?}",
                good.display()
            ));
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
            let Some((engine, dir)) = fixture_dir(code) else {
                continue;
            };
            let Some(bad) = fixture_file(&dir, "bad") else {
                continue;
            };
            let (_, en) = lines_of(code, &engine, &bad, Lang::En);
            let (_, zh) = lines_of(code, &engine, &bad, Lang::Zh);
            insta::assert_snapshot!(code, format!("{en}--- zh ---\n{zh}"));
        }
    });
}
