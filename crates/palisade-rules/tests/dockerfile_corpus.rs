//! The parser reads every real-world Dockerfile of the corpus (`$PALISADE_CORPORA/realworld/
//! dockerfiles`: docker-library images (Windows ones included), nginx, node, Kubernetes
//! examples, a multi-stage demo app) without an error entry, and every instruction it finds
//! starts with its keyword as written.

use std::path::{Path, PathBuf};

use palisade_core::corpora;
use palisade_rules::dockerfile::{Keyword, parse};

fn dockerfiles(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            dockerfiles(&path, out);
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("Dockerfile"))
        {
            out.push(path);
        }
    }
}

#[test]
fn realworld_dockerfiles_parse_without_errors() {
    let Some(corpora) = corpora::dir() else { return };
    let mut files = Vec::new();
    dockerfiles(&corpora.join("realworld/dockerfiles"), &mut files);
    assert_eq!(files.len(), 246, "the corpus README counts 246 Dockerfiles");
    let mut failures = Vec::new();
    let mut instructions = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let df = parse(&text);
        for e in &df.errors {
            failures.push(format!(
                "{}:{}: {}",
                path.display(),
                df.mark(e.at.start).line,
                e.message
            ));
        }
        if df.stages.is_empty() {
            failures.push(format!("{}: no stage", path.display()));
        }
        for i in &df.instructions {
            instructions += 1;
            let written = df.text(i.keyword_span);
            if i.keyword == Keyword::Unknown || !written.eq_ignore_ascii_case(i.keyword.as_str()) {
                failures.push(format!("{}:{}: keyword `{written}`", path.display(), i.line));
            }
        }
    }
    eprintln!("{} files, {instructions} instructions", files.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
