//! The real-world corpus (`$PALISADE_CORPORA/realworld`: Dockerfiles and Kubernetes manifests)
//! read by the compose and `docker run` engines as if every file were a script, a Makefile, a CI
//! file and a compose file: real text in shapes those engines never expect must give no panic and
//! no position outside the file. The Dockerfiles' `RUN` lines are real shell, so the lexer meets
//! real quoting, continuations and here-documents there.

mod support;

use std::path::PathBuf;
use std::sync::Arc;

use palisade_core::corpora;
use palisade_rules::{FileKind, Settings, scan_file};
use support::check_positions;

fn files(root: PathBuf) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![root];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn realworld_corpus_through_the_compose_and_docker_run_engines() {
    let Some(dir) = corpora::dir() else { return };
    let settings = Settings::default();
    let (mut read, mut commands) = (0, 0);
    for path in files(dir.join("realworld")) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        read += 1;
        for (name, kind) in [
            ("run.sh", FileKind::Script),
            ("Makefile", FileKind::Script),
            (".gitlab-ci.yml", FileKind::Pipeline),
            (".github/workflows/ci.yml", FileKind::Pipeline),
            ("compose.yaml", FileKind::Compose),
        ] {
            let scan = scan_file(&Arc::from(name), kind, &text, &settings);
            check_positions(&scan, &text);
            if kind == FileKind::Script && name == "run.sh" {
                commands += scan.objects;
            }
        }
    }
    eprintln!("{read} files read, {commands} run commands found in them as scripts");
    assert!(read > 500, "{read} files");
}
