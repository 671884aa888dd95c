//! Scanning one manifest file: documents, objects, every rule, and the suppressions the file
//! itself carries (inline comments and object annotations).

use std::sync::Arc;

use palisade_core::suppress::{self, Origin, Scope, Suppression};
use palisade_core::{Diagnostic, Finding};
use palisade_yaml::{Chunk, Node, Value, Warning};
use rayon::prelude::*;

use crate::k8s::{Object, PodSpec, objects};
use crate::pss::{self, Policy};
use crate::registry::k8s_rules;
use crate::sink::Sink;
use crate::{FileKind, Settings, compose, dockerrun, typecheck};

/// What scanning one file gave.
#[derive(Debug, Default)]
pub struct FileScan {
    pub findings: Vec<Finding>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Set when the file was deliberately not scanned, with the reason.
    pub skipped: Option<Diagnostic>,
    pub objects: usize,
    pub suppressions: Vec<Suppression>,
}

/// Scans one file with the engine for its kind. Files of kinds no engine reads give nothing.
pub fn scan_file(path: &Arc<str>, kind: FileKind, text: &str, settings: &Settings) -> FileScan {
    match kind {
        FileKind::Manifest => {
            let scan = scan_manifest(path, text, settings);
            // A compose file by another name (`stack.yml`): no Kubernetes object in it, and a
            // `services` mapping of containers.
            if scan.objects == 0
                && scan.errors.is_empty()
                && scan.skipped.is_none()
                && compose::looks_like_compose(text, settings)
            {
                return compose::scan(path, text, settings);
            }
            scan
        }
        FileKind::Compose => compose::scan(path, text, settings),
        FileKind::Script => dockerrun::scan_script(path, text, settings),
        FileKind::Pipeline => dockerrun::scan_pipeline(path, text, settings),
        FileKind::Dockerfile => crate::checks::dockerfile::scan_dockerfile(path, text, settings),
        FileKind::Other => FileScan::default(),
    }
}

/// Streams larger than this are cut at document markers and their parts scanned in parallel.
const CHUNK_BYTES: usize = 1 << 20;

/// Scans the Kubernetes objects of one YAML or JSON file. Non-Kubernetes documents are ignored;
/// a syntax error stops the part of the file it is in but keeps what the documents before it found.
pub fn scan_manifest(path: &Arc<str>, text: &str, settings: &Settings) -> FileScan {
    let chunks = palisade_yaml::chunks(text, CHUNK_BYTES);
    let parts: Vec<Part> = if chunks.len() == 1 {
        vec![scan_chunk(path, &chunks[0], settings)]
    } else {
        chunks
            .par_iter()
            .map(|chunk| scan_chunk(path, chunk, settings))
            .collect()
    };
    let mut scan = FileScan::default();
    let mut documents = 0;
    for part in parts {
        if part.template {
            return helm_template(path);
        }
        documents += part.documents;
        if scan.findings.is_empty() {
            // Most files are one part: take its findings over rather than copy them.
            scan.findings = part.scan.findings;
        } else {
            scan.findings.extend(part.scan.findings);
        }
        scan.errors.extend(part.scan.errors);
        scan.warnings.extend(part.scan.warnings);
        scan.suppressions.extend(part.scan.suppressions);
        scan.objects += part.scan.objects;
    }
    if documents > settings.budgets.max_documents {
        let limit = settings.budgets.max_documents;
        scan.errors.push(Diagnostic::file(
            path,
            format!("more than {limit} documents in one file; split the file"),
        ));
    }
    scan.suppressions.extend(suppress::inline(path, text));
    scan
}

/// What one chunk of a file gave.
struct Part {
    scan: FileScan,
    documents: usize,
    /// Broken only by YAML 1.2 strictness that Kubernetes' decoder does not have.
    strict: bool,
    /// A template (`{{ … }}`) rather than a manifest: it has `{{` and either does not parse or
    /// parses into collection keys.
    template: bool,
}

fn scan_chunk(path: &Arc<str>, chunk: &Chunk<'_>, settings: &Settings) -> Part {
    let part = scan_documents(path, chunk, settings);
    if !part.strict {
        return part;
    }
    // Kubernetes reads YAML with libyaml's leniency; read what it would accept the same way.
    match palisade_yaml::relax(chunk.text) {
        Some(relaxed) => scan_documents(
            path,
            &Chunk {
                text: &relaxed,
                ..*chunk
            },
            settings,
        ),
        None => part,
    }
}

fn scan_documents(path: &Arc<str>, chunk: &Chunk<'_>, settings: &Settings) -> Part {
    let mut part = Part {
        scan: FileScan::default(),
        documents: 0,
        strict: false,
        template: false,
    };
    let scan = &mut part.scan;
    // Only a text with `{{` can be a template; other documents are not walked for it.
    let may_be_template = chunk.text.contains("{{");
    for doc in palisade_yaml::documents_in(chunk, &settings.budgets) {
        let doc = match doc {
            Ok(doc) => doc,
            Err(e) => {
                part.template |= may_be_template;
                part.strict = e.is_strictness();
                scan.errors.push(Diagnostic::at(path, e.mark(), e.to_string()));
                break;
            }
        };
        part.documents += 1;
        part.template |= may_be_template && has_collection_key(&doc.root);
        for warning in &doc.warnings {
            let Warning::DuplicateKey { key, first, again } = warning;
            scan.warnings.push(Diagnostic::at(path, *again, format!(
                    "duplicate key `{key}` (first at line {}); kubectl rejects this object, and palisade checks the last value",
                    first.line
                )));
        }
        for object in objects(&doc.root) {
            scan.objects += 1;
            typecheck::check(path, &object, &mut scan.errors);
            let mut sink = Sink {
                settings,
                path,
                object: Some(&object.reference),
                findings: &mut scan.findings,
            };
            for rule in k8s_rules() {
                (rule.check)(&object, &mut sink);
            }
            if let (Some(policy), Some(spec)) = (settings.pss, object.pod_spec()) {
                pod_security(spec, policy, &mut sink);
            }
            annotation_suppressions(path, &object, &mut scan.suppressions);
        }
    }
    part
}

/// Pod Security violations as `PSS-<check>` findings. Each carries the concern of the field it is
/// about, shared with palisade's own rules, so a report names each field once.
fn pod_security(spec: PodSpec<'_>, policy: Policy, sink: &mut Sink<'_>) {
    let mut violations = Vec::new();
    pss::evaluate(spec, policy, sink.lang(), &mut violations);
    for v in violations {
        sink.report_concern(&v.check.meta, v.concern, v.at, v.field, v.message);
    }
}

fn helm_template(path: &Arc<str>) -> FileScan {
    FileScan {
        skipped: Some(Diagnostic::file(
            path,
            "a template (`{{ … }}`), not a manifest: render it and scan the output \
             (for Helm: `helm template CHART | palisade scan -`)",
        )),
        ..FileScan::default()
    }
}

/// `{{ .Values.x }}` in a plain YAML position parses as a flow mapping used as a key; real
/// manifests never have collection keys.
fn has_collection_key(node: &Node) -> bool {
    let mut pending = vec![node];
    while let Some(n) = pending.pop() {
        match &n.value {
            Value::Scalar(_) => {}
            Value::Seq(items) => pending.extend(items),
            Value::Map(entries) => {
                for (k, v) in entries {
                    if k.scalar().is_none() {
                        return true;
                    }
                    pending.push(v);
                }
            }
        }
    }
    false
}

/// `palisade.dev/ignore: "K8S001,PSS-privileged"` (reason in `palisade.dev/ignore-reason`) and
/// Checkov's `checkov.io/skip<N>: CKV_K8S_16=reason` cover the whole object.
fn annotation_suppressions(path: &Arc<str>, object: &Object<'_>, out: &mut Vec<Suppression>) {
    let reason = object
        .annotation("palisade.dev/ignore-reason")
        .and_then(Node::as_text);
    for (key, value) in object.annotations() {
        let (Some(key_text), Some(text)) = (key.as_text(), value.as_text()) else {
            continue;
        };
        let (ids, reason) = if key_text == "palisade.dev/ignore" {
            (
                text.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect(),
                reason.map(str::to_owned),
            )
        } else if key_text.starts_with("checkov.io/skip") {
            let (id, why) = text.split_once('=').unwrap_or((text, ""));
            (
                vec![id.trim().to_owned()],
                Some(why.trim().to_owned()).filter(|w| !w.is_empty()),
            )
        } else {
            continue;
        };
        out.push(Suppression {
            ids,
            scope: Scope::Lines {
                path: Arc::clone(path),
                first: object.root.span.start.line,
                last: last_line(object.root),
            },
            reason,
            expires: None,
            origin: Origin {
                path: Arc::clone(path),
                line: Some(key.span.start.line),
            },
            wants_reason: true,
        });
    }
}

/// The last line holding part of `node` (a mapping's own end mark may sit on the next object's line).
fn last_line(node: &Node) -> u32 {
    match &node.value {
        Value::Scalar(_) => node.span.end.line,
        Value::Seq(items) => items.last().map_or(node.span.start.line, last_line),
        Value::Map(entries) => entries.last().map_or(node.span.start.line, |(_, v)| last_line(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kustomize_patches_are_not_objects() {
        let text =
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: loadgenerator\n$patch: delete\n";
        let scan = scan_manifest(&Arc::from("delete.patch.yaml"), text, &Settings::default());
        assert_eq!((scan.objects, scan.findings.len()), (0, 0));
    }
}
