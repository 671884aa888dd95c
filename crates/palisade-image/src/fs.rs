//! Root filesystems and project folders on disk: walked without following symlinks, each
//! wanted file offered to its catalogers.

use std::path::Path;
use std::sync::Arc;

use palisade_core::{Diagnostic, Origin};

use crate::{Cataloger, FileInput, Found, Scope};

/// What the catalogers found under a folder, and the files they could not read.
#[derive(Debug, Default)]
pub struct TreeCatalog {
    pub found: Vec<Found>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Offers every regular file under `root` to the catalogers that want it. A project folder
/// (`project`) gets only the catalogers of declared dependencies, and its `.git` is not entered.
/// Paths are given to catalogers relative to `root`, with a leading `/`.
pub fn catalog_tree(root: &Path, project: bool, catalogers: &[&dyn Cataloger]) -> TreeCatalog {
    let catalogers: Vec<&dyn Cataloger> = catalogers
        .iter()
        .copied()
        .filter(|c| !project || c.scope() == Scope::Declared)
        .collect();
    let mut out = TreeCatalog::default();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        let entries = match fs_err::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                out.diagnostics.push(Diagnostic::file(
                    &Arc::from(dir.display().to_string()),
                    e.to_string(),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let path = format!("{rel}/{name}");
            if kind.is_dir() {
                if !(project && name == ".git") {
                    stack.push((entry.path(), path));
                }
            } else if kind.is_file() {
                for cataloger in catalogers.iter().filter(|c| c.wants(&path)) {
                    catalog_file(&entry.path(), &path, *cataloger, &mut out);
                }
            }
        }
    }
    out
}

fn catalog_file(disk: &Path, path: &str, cataloger: &dyn Cataloger, out: &mut TreeCatalog) {
    let origin = Origin {
        layer: None,
        path: Arc::from(path),
    };
    let opened = fs_err::File::open(disk).and_then(|f| Ok((f.metadata()?.len(), f)));
    let result = match opened {
        Ok((size, mut file)) => {
            let mut input = FileInput::new(origin.clone(), size, &mut file);
            cataloger.catalog(&mut input, &mut out.found)
        }
        Err(e) => Err(crate::CatalogError::Io(e)),
    };
    if let Err(e) = result {
        out.diagnostics.push(Diagnostic::file(
            &origin.path,
            format!("{}: {e}", cataloger.name()),
        ));
    }
}
