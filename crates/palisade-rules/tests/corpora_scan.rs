//! Every manifest of the real-world and Pod Security Admission corpora scans without a panic and
//! without an error: all of them are valid Kubernetes YAML (templates are reported as skipped).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use palisade_core::corpora;
use palisade_core::walk::{Input, WalkOptions, discover};
use palisade_rules::{Settings, scan_manifest};

fn manifests(root: &Path) -> Vec<PathBuf> {
    let yaml = |p: &Path| {
        p.extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
    };
    let (inputs, errors) = discover(&[root.to_path_buf()], &WalkOptions::default(), yaml).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    inputs
        .into_iter()
        .filter_map(|i| if let Input::File(p) = i { Some(p) } else { None })
        .collect()
}

#[test]
fn realworld_and_psa_corpora_scan_cleanly() {
    let Some(dir) = corpora::dir() else { return };
    let settings = Settings::default();
    let (mut files, mut objects, mut skipped, mut findings) = (0, 0, 0, 0);
    let mut errors = Vec::new();
    for tree in ["realworld/k8s-manifests", "pod-security-admission/test"] {
        for path in manifests(&dir.join(tree)) {
            let text = std::fs::read_to_string(&path).unwrap();
            let name: Arc<str> = Arc::from(path.display().to_string());
            let scan = scan_manifest(&name, &text, &settings);
            files += 1;
            objects += scan.objects;
            findings += scan.findings.len();
            skipped += usize::from(scan.skipped.is_some());
            errors.extend(scan.errors.iter().map(ToString::to_string));
        }
    }
    eprintln!("{files} files, {objects} objects, {findings} findings, {skipped} templates skipped");
    assert!(files > 4500 && objects > 4800, "{files} files, {objects} objects");
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
