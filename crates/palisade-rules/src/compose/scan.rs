//! Scanning one compose file: every service of every document through every DC rule, and the
//! file's own `# palisade:ignore=…` comments.

use std::sync::Arc;

use palisade_core::Diagnostic;
use palisade_core::suppress;
use palisade_yaml::{Node, Warning};

use super::ComposeFile;
use crate::registry::compose_rules;
use crate::sink::Sink;
use crate::{FileScan, Settings};

/// Scans a compose file. Each service counts as one object.
pub(crate) fn scan(path: &Arc<str>, text: &str, settings: &Settings) -> FileScan {
    let mut scan = FileScan::default();
    for doc in palisade_yaml::documents(text, &settings.budgets) {
        let doc = match doc {
            Ok(doc) => doc,
            Err(e) => {
                scan.errors.push(Diagnostic::at(path, e.mark(), e.to_string()));
                break;
            }
        };
        for warning in &doc.warnings {
            let Warning::DuplicateKey { key, first, again } = warning;
            scan.warnings.push(Diagnostic::at(
                path,
                *again,
                format!(
                    "duplicate key `{key}` (first at line {}); docker compose rejects this file",
                    first.line
                ),
            ));
        }
        let Some(file) = ComposeFile::of(&doc.root) else {
            continue;
        };
        for service in file.services() {
            scan.objects += 1;
            let mut sink = Sink {
                settings,
                path,
                object: None,
                findings: &mut scan.findings,
            };
            for rule in compose_rules() {
                (rule.check)(&service, &mut sink);
            }
        }
    }
    scan.suppressions.extend(suppress::inline(path, text));
    scan
}

/// Whether a YAML file that is not named like a compose file is one: its first document has no
/// `apiVersion` or `kind` (it is no Kubernetes object) and a `services` mapping whose entries
/// are all mappings, one at least with an `image` or a `build`.
pub(crate) fn looks_like_compose(text: &str, settings: &Settings) -> bool {
    if !text.contains("services:") {
        return false;
    }
    let Some(Ok(doc)) = palisade_yaml::documents(text, &settings.budgets).next() else {
        return false;
    };
    let root = &doc.root;
    if root.get("apiVersion").is_some() || root.get("kind").is_some() {
        return false;
    }
    let Some(services) = root.get("services").and_then(Node::as_map) else {
        return false;
    };
    !services.is_empty()
        && services.iter().all(|(_, s)| s.as_map().is_some())
        && services
            .iter()
            .any(|(_, s)| s.get("image").is_some() || s.get("build").is_some())
}
