//! Root filesystems and project folders on disk: walked without following symlinks (so nothing
//! outside the root is ever read), each wanted file offered to its catalogers.

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
    let mut out = TreeCatalog::default();
    walk_tree(
        root,
        project,
        catalogers,
        u64::MAX,
        &mut |_, found, diagnostics| {
            out.found.extend(found);
            out.diagnostics.extend(diagnostics);
        },
    );
    out
}

/// The walk behind [`catalog_tree`]: `visit` gets each wanted file's path (in name order within a
/// folder), what it gave and what went wrong. `max_buffer` caps what a cataloger may hold.
pub(crate) fn walk_tree(
    root: &Path,
    project: bool,
    catalogers: &[&dyn Cataloger],
    max_buffer: u64,
    visit: &mut dyn FnMut(Arc<str>, Vec<Found>, Vec<Diagnostic>),
) {
    let catalogers: Vec<&dyn Cataloger> = catalogers
        .iter()
        .copied()
        .filter(|c| !project || c.scope() == Scope::Declared)
        .collect();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        let entries = match fs_err::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                let path: Arc<str> = Arc::from(format!("{rel}/"));
                visit(
                    Arc::clone(&path),
                    Vec::new(),
                    vec![Diagnostic::file(&path, e.to_string())],
                );
                continue;
            }
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(fs_err::DirEntry::file_name);
        for entry in entries.into_iter().rev() {
            // `file_type` does not follow symlinks: a link to `/etc` is neither a folder nor a file.
            let Ok(kind) = entry.file_type() else { continue };
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let path = format!("{rel}/{name}");
            if kind.is_dir() {
                if !(project && name == ".git") {
                    stack.push((entry.path(), path));
                }
            } else if kind.is_file() {
                let path: Arc<str> = Arc::from(path);
                let mut found = Vec::new();
                let mut diagnostics = Vec::new();
                for cataloger in catalogers.iter().filter(|c| c.wants(&path)) {
                    catalog_file(
                        &entry.path(),
                        &path,
                        *cataloger,
                        max_buffer,
                        &mut found,
                        &mut diagnostics,
                    );
                }
                if !found.is_empty() || !diagnostics.is_empty() {
                    visit(path, found, diagnostics);
                }
            }
        }
    }
}

fn catalog_file(
    disk: &Path,
    path: &Arc<str>,
    cataloger: &dyn Cataloger,
    max_buffer: u64,
    found: &mut Vec<Found>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let origin = Origin {
        layer: None,
        path: Arc::clone(path),
    };
    let opened = fs_err::File::open(disk).and_then(|f| Ok((f.metadata()?.len(), f)));
    let result = match opened {
        Ok((size, mut file)) => {
            let mut input = FileInput::new(origin, size, &mut file).with_buffer_limit(max_buffer);
            cataloger.catalog(&mut input, found)
        }
        Err(e) => Err(crate::CatalogError::Io(e)),
    };
    if let Err(e) = result {
        diagnostics.push(Diagnostic::file(path, format!("{}: {e}", cataloger.name())));
    }
}
