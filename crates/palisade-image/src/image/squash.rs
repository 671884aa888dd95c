//! The squashed image: layers' results merged bottom-up, each layer first removing from the
//! layers below what its whiteouts, opaque directories and symlinks hide, then adding its own
//! files. Only wanted paths are ever held, never an index of the whole image.

use std::collections::BTreeMap;
use std::sync::Arc;

use palisade_core::Diagnostic;

use super::layer::{LayerScan, relocate};
use crate::Found;

/// What a path of the squashed image gave, and the layer (bottom = 0) it came from.
#[derive(Debug)]
pub(crate) struct Kept {
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) layer: usize,
    pub(crate) found: Vec<Found>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

pub(crate) type View = BTreeMap<Arc<str>, Kept>;

/// Merges layer scans, bottom first. A layer that failed its digest check adds nothing and
/// removes nothing; its diagnostics say so.
pub(crate) fn squash(layers: Vec<LayerScan>, layer_digests: &[Arc<str>]) -> (View, Vec<Diagnostic>) {
    let mut view = View::new();
    let mut diagnostics = Vec::new();
    for (i, scan) in layers.into_iter().enumerate() {
        diagnostics.extend(scan.diagnostics);
        if !scan.usable {
            continue;
        }
        for path in &scan.whiteouts {
            remove(&mut view, path, true);
        }
        for dir in &scan.opaques {
            remove(&mut view, dir, false);
        }
        for link in &scan.symlinks {
            remove(&mut view, link, true);
        }
        for file in scan.files {
            view.insert(
                Arc::clone(&file.path),
                Kept {
                    layer: i,
                    found: file.found,
                    diagnostics: file.diagnostics,
                },
            );
        }
        for (path, target) in scan.links {
            let copy = view.get(&target).map(|kept| {
                let as_result = super::layer::FileResult {
                    path: Arc::clone(&target),
                    found: kept.found.clone(),
                    diagnostics: Vec::new(),
                };
                relocate(&as_result, &path).found
            });
            let kept = match copy {
                Some(found) => Kept {
                    layer: i,
                    found,
                    diagnostics: Vec::new(),
                },
                None => Kept {
                    layer: i,
                    found: Vec::new(),
                    diagnostics: vec![Diagnostic::file(
                        &path,
                        format!(
                            "hard link to `{target}`, a file no cataloger read (layer {}): not read",
                            layer_digests.get(i).map_or("?", |d| d)
                        ),
                    )],
                },
            };
            view.insert(path, kept);
        }
    }
    (view, diagnostics)
}

/// Removes `path` (when `itself`) and everything below it.
fn remove(view: &mut View, path: &str, itself: bool) {
    if itself {
        view.remove(path);
    }
    let prefix = if path == "/" {
        "/".to_owned()
    } else {
        format!("{path}/")
    };
    // Every key below `prefix` sorts between `prefix` and `prefix` with its `/` raised to `0`.
    let mut end = prefix.clone();
    end.pop();
    end.push('0');
    let below: Vec<Arc<str>> = view
        .range::<str, _>((
            std::ops::Bound::Included(prefix.as_str()),
            std::ops::Bound::Excluded(end.as_str()),
        ))
        .map(|(k, _)| Arc::clone(k))
        .collect();
    for key in below {
        view.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::layer::FileResult;

    fn file(path: &str) -> FileResult {
        FileResult {
            path: Arc::from(path),
            found: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn layer(files: &[&str], whiteouts: &[&str], opaques: &[&str], symlinks: &[&str]) -> LayerScan {
        LayerScan {
            files: files.iter().map(|p| file(p)).collect(),
            whiteouts: whiteouts.iter().map(|&p| Arc::from(p)).collect(),
            opaques: opaques.iter().map(|&p| Arc::from(p)).collect(),
            symlinks: symlinks.iter().map(|&p| Arc::from(p)).collect(),
            usable: true,
            ..LayerScan::default()
        }
    }

    fn squashed(layers: Vec<LayerScan>) -> Vec<(String, usize)> {
        let (view, _) = squash(layers, &[]);
        view.into_iter().map(|(k, v)| (k.to_string(), v.layer)).collect()
    }

    #[test]
    fn whiteout_removes_path_and_subtree_of_lower_layers_only() {
        let got = squashed(vec![
            layer(&["/a/x", "/a/y/z", "/ab", "/b"], &[], &[], &[]),
            layer(&["/a/new"], &["/a"], &[], &[]),
        ]);
        // `/ab` shares a prefix with `/a` but is not below it.
        assert_eq!(got, [("/a/new".into(), 1), ("/ab".into(), 0), ("/b".into(), 0)]);
    }

    #[test]
    fn opaque_directory_keeps_its_own_layer_children() {
        let got = squashed(vec![
            layer(&["/etc/a", "/etc/sub/b", "/etc2"], &[], &[], &[]),
            layer(&["/etc/c"], &[], &["/etc"], &[]),
        ]);
        assert_eq!(got, [("/etc/c".into(), 1), ("/etc2".into(), 0)]);
    }

    #[test]
    fn later_file_or_symlink_replaces_lower_ones() {
        let got = squashed(vec![
            layer(&["/app/Cargo.lock", "/lib/x/status", "/keep"], &[], &[], &[]),
            layer(&["/app/Cargo.lock"], &[], &[], &["/lib"]),
        ]);
        assert_eq!(got, [("/app/Cargo.lock".into(), 1), ("/keep".into(), 0)]);
    }

    #[test]
    fn unusable_layer_changes_nothing() {
        let mut bad = layer(&["/x"], &["/a"], &[], &[]);
        bad.usable = false;
        let got = squashed(vec![layer(&["/a"], &[], &[], &[]), bad]);
        assert_eq!(got, [("/a".into(), 0)]);
    }

    #[test]
    fn root_opaque() {
        let got = squashed(vec![
            layer(&["/a", "/b/c"], &[], &[], &[]),
            layer(&["/d"], &[], &["/"], &[]),
        ]);
        assert_eq!(got, [("/d".into(), 1)]);
    }
}
