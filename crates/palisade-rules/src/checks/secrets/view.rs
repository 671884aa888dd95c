//! Views the secret checks share: Secret and `ConfigMap` data, the environment and volume mounts of a
//! container, the pod's volumes by source, and positions inside multi-line values.

use palisade_yaml::{Node, Style, Value};

use crate::checks::prelude::{Container, Object, PodSpec};

/// True for a core-group object of this kind (`v1` Secret, `ConfigMap`).
pub(super) fn is_core(object: &Object<'_>, kind: &str) -> bool {
    object.kind == kind && object.group().is_empty()
}

/// True for a manifest encrypted with SOPS: its values are ciphertexts, not the secrets.
pub(super) fn is_sops_encrypted(object: &Object<'_>) -> bool {
    object
        .root
        .get("sops")
        .is_some_and(|sops| sops.get("mac").is_some() || sops.get("lastmodified").is_some())
}

/// `(key, value)` for each entry of a mapping field with a scalar key (`data`, `stringData`).
pub(super) fn entries(map: Option<&Node>) -> impl Iterator<Item = (&str, &Node)> {
    map.and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|(k, v)| Some((k.as_text()?, v)))
}

/// The field path of `key` under `parent`: `data.password`, or `data["tls.crt"]` when the key has
/// characters a dotted path cannot carry.
pub(super) fn key_field(parent: &str, key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        format!("{parent}.{key}")
    } else {
        format!("{parent}[{key:?}]")
    }
}

/// `(index, entry)` for each mapping in a list field of `node` (`env`, `envFrom`, `volumeMounts`).
pub(super) fn list<'a>(node: &'a Node, key: &str) -> impl Iterator<Item = (usize, &'a Node)> {
    node.get(key)
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.as_map().is_some())
}

/// The name of an env entry, for messages.
pub(super) fn env_name(entry: &Node) -> &str {
    entry.get("name").and_then(Node::as_text).unwrap_or("<unnamed>")
}

/// The text of a scalar value that is not null. Leak checks read the text as written: an
/// unquoted `123456` password is rejected by the API server, but it is in the file all the same.
pub(super) fn text(node: &Node) -> Option<&str> {
    if node.is_null() {
        return None;
    }
    node.as_text()
}

/// Which source a pod volume reads from, for the sources whose files are API data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ApiVolume {
    Secret,
    ConfigMap,
    Projected,
}

impl ApiVolume {
    pub(super) fn key(self) -> &'static str {
        match self {
            ApiVolume::Secret => "secret",
            ApiVolume::ConfigMap => "configMap",
            ApiVolume::Projected => "projected",
        }
    }
}

/// The source of the pod volume called `name`, if it is a Secret, `ConfigMap` or projected volume.
pub(super) fn api_volume(pod: &PodSpec<'_>, name: &str) -> Option<ApiVolume> {
    let (_, volume) = pod
        .volumes()
        .find(|(_, v)| v.get("name").and_then(Node::as_text) == Some(name))?;
    [ApiVolume::Secret, ApiVolume::ConfigMap, ApiVolume::Projected]
        .into_iter()
        .find(|source| volume.get(source.key()).is_some_and(|s| s.as_map().is_some()))
}

/// The field path of an entry of a container list field: `spec.containers[0].env[2]`.
pub(super) fn container_entry(container: &Container<'_>, list: &str, index: usize) -> String {
    container.field(&format!("{list}[{index}]"))
}

/// A node to report a finding on line `line` (0-based) of a multi-line value. Only literal block
/// scalars (`|`) keep their lines where they were written; for any other style the value's own
/// position is the best there is.
pub(super) fn line_node(value: &Node, line: usize) -> Node {
    let mut span = value.span;
    if let Value::Scalar(scalar) = &value.value {
        if scalar.style == Style::Literal {
            let lines: Vec<&str> = scalar.text.split('\n').collect();
            // The span starts at the first line with content; leading blank lines come before.
            let leading = lines.iter().take_while(|l| l.is_empty()).count();
            if let (Some(text), Some(offset)) = (lines.get(line), line.checked_sub(leading)) {
                let offset = u32::try_from(offset).unwrap_or(u32::MAX);
                // The span starts at the block's indentation; the text keeps what is beyond it.
                let extra = indent(text);
                span.start.line = span.start.line.saturating_add(offset);
                span.start.column = span
                    .start
                    .column
                    .saturating_add(u32::try_from(extra).unwrap_or(0));
                span.end = span.start;
                span.end.column = span
                    .end
                    .column
                    .saturating_add(u32::try_from(text.trim().chars().count()).unwrap_or(0));
            }
        }
    }
    Node {
        value: Value::Seq(Vec::new()),
        span,
    }
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}
