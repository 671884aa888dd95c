//! Input discovery: files and folders given on the command line, walked in parallel, honouring
//! `.gitignore` (inside a repository or not), `--skip-dirs` and `--skip-files` globs.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

use crate::Diagnostic;

/// One thing to scan.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input, given as `-`.
    Stdin,
    File(PathBuf),
}

#[derive(Clone, Debug, Default)]
pub struct WalkOptions {
    /// Globs of directories not to enter (`**/testdata`, `vendor`).
    pub skip_dirs: Vec<String>,
    /// Globs of files not to scan.
    pub skip_files: Vec<String>,
}

/// Finds the inputs under `paths`. Files named explicitly are always taken; files found by walking
/// a folder are taken when `wanted` accepts them. Paths that do not exist become errors.
pub fn discover(
    paths: &[PathBuf],
    options: &WalkOptions,
    wanted: impl Fn(&Path) -> bool + Sync,
) -> Result<(Vec<Input>, Vec<Diagnostic>), globset::Error> {
    let skip_dirs = globs(&options.skip_dirs)?;
    let skip_files = globs(&options.skip_files)?;
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut roots = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_file() {
            if !skip_files.is_match(path) {
                inputs.push(Input::File(path.clone()));
            }
        } else if path.is_dir() {
            roots.push(path.clone());
        } else {
            errors.push(Diagnostic::file(
                &Arc::from(path.display().to_string()),
                "no such file or directory",
            ));
        }
    }
    if let Some((first, rest)) = roots.split_first() {
        let mut builder = WalkBuilder::new(first);
        for root in rest {
            builder.add(root);
        }
        let skip_dirs = skip_dirs.clone();
        builder
            .hidden(false)
            .require_git(false)
            .filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                !(is_dir && (entry.file_name() == ".git" || skip_dirs.is_match(entry.path())))
            });
        let found = Mutex::new(Vec::new());
        let walk_errors = Mutex::new(Vec::new());
        builder.build_parallel().run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry) => {
                        let path = entry.path();
                        if entry.file_type().is_some_and(|t| t.is_file())
                            && !skip_files.is_match(path)
                            && wanted(path)
                        {
                            found
                                .lock()
                                .expect("walk results")
                                .push(Input::File(path.to_path_buf()));
                        }
                    }
                    Err(e) => walk_errors.lock().expect("walk errors").push(e.to_string()),
                }
                WalkState::Continue
            })
        });
        let mut found = found.into_inner().expect("walk results");
        found.sort();
        inputs.extend(found);
        errors.extend(
            walk_errors
                .into_inner()
                .expect("walk errors")
                .into_iter()
                .map(|message| Diagnostic::file(&Arc::from(""), message)),
        );
    }
    Ok((inputs, errors))
}

fn globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        builder.add(Glob::new(pattern)?);
        // `vendor` skips a folder named vendor anywhere, as users of Trivy's --skip-dirs expect.
        if !pattern.contains('/') {
            builder.add(Glob::new(&format!("**/{pattern}"))?);
        }
    }
    builder.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_with_gitignore_and_skip_globs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "a.yaml",
            "b.json",
            "notes.txt",
            "vendor/c.yaml",
            "ignored/d.yaml",
            "deep/x/e.yml",
            "deep/skip.yaml",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "a: 1\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        let options = WalkOptions {
            skip_dirs: vec!["vendor".into()],
            skip_files: vec!["**/skip.yaml".into()],
        };
        let wanted = |p: &Path| {
            p.extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        };
        let (inputs, errors) =
            discover(&[root.to_path_buf(), root.join("missing")], &options, wanted).unwrap();
        let names: Vec<String> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p.strip_prefix(root).unwrap().display().to_string(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(names, vec!["a.yaml", "b.json", "deep/x/e.yml"]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.ends_with("missing"));
    }
}
