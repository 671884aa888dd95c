//! Kubernetes objects found in a document: identity, metadata, and the pod spec of pod-bearing kinds.

use std::sync::Arc;

use palisade_core::ObjectRef;
use palisade_yaml::Node;

use super::pod::PodSpec;

/// A view over one Kubernetes object (a mapping with `apiVersion` and `kind`).
pub struct Object<'a> {
    pub root: &'a Node,
    pub api_version: &'a str,
    pub kind: &'a str,
    pub name: Option<&'a str>,
    pub namespace: Option<&'a str>,
    pub reference: Arc<ObjectRef>,
}

impl<'a> Object<'a> {
    /// The object in `node`, if it is one. YAML that is not a Kubernetes object gives `None`.
    pub fn new(node: &'a Node) -> Option<Object<'a>> {
        let api_version = node.get("apiVersion")?.as_text()?;
        let kind = node.get("kind")?.as_text()?;
        if kind.is_empty() {
            return None;
        }
        let metadata = node.get("metadata");
        let name = metadata.and_then(|m| m.get("name")).and_then(Node::as_text);
        let namespace = metadata.and_then(|m| m.get("namespace")).and_then(Node::as_text);
        let reference = Arc::new(ObjectRef {
            api_version: api_version.to_owned(),
            kind: kind.to_owned(),
            namespace: namespace.map(str::to_owned),
            name: name.map(str::to_owned),
        });
        Some(Object {
            root: node,
            api_version,
            kind,
            name,
            namespace,
            reference,
        })
    }

    /// The API group, empty for the core group (`apps/v1` gives `apps`, `v1` gives ``).
    pub fn group(&self) -> &'a str {
        self.api_version.rsplit_once('/').map_or("", |(g, _)| g)
    }

    pub fn metadata(&self) -> Option<&'a Node> {
        self.root.get("metadata")
    }

    pub fn spec(&self) -> Option<&'a Node> {
        self.root.get("spec")
    }

    pub fn annotation(&self, key: &str) -> Option<&'a Node> {
        self.metadata()?.get("annotations")?.get(key)
    }

    /// `(key, value)` pairs of `metadata.annotations`.
    pub fn annotations(&self) -> impl Iterator<Item = (&'a Node, &'a Node)> {
        self.metadata()
            .and_then(|m| m.get("annotations"))
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| (k, v))
    }

    /// The pod spec of a Pod or a workload's pod template, with the path that leads to it.
    pub fn pod_spec(&self) -> Option<PodSpec<'a>> {
        let prefix = pod_spec_prefix(self.kind, self.group())?;
        let keys: Vec<&str> = prefix.split('.').collect();
        let node = self.root.path(&keys)?;
        node.as_map()?;
        Some(PodSpec {
            node,
            prefix,
            metadata_prefix: pod_metadata_prefix(prefix),
            object: self.root,
        })
    }

    /// The metadata of the pods this object makes (a Pod's own, or the template's).
    pub fn pod_metadata(&self) -> Option<&'a Node> {
        let prefix = pod_spec_prefix(self.kind, self.group())?;
        let keys: Vec<&str> = pod_metadata_prefix(prefix).split('.').collect();
        self.root.path(&keys)
    }
}

/// Where each pod-bearing kind keeps its pod spec.
fn pod_spec_prefix(kind: &str, group: &str) -> Option<&'static str> {
    Some(match (kind, group) {
        ("Pod", "") => "spec",
        ("PodTemplate", "") => "template.spec",
        ("ReplicationController", "")
        | ("Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet", "apps" | "extensions")
        | ("Job", "batch") => "spec.template.spec",
        ("CronJob", "batch") => "spec.jobTemplate.spec.template.spec",
        _ => return None,
    })
}

fn pod_metadata_prefix(spec_prefix: &'static str) -> &'static str {
    match spec_prefix {
        "spec" => "metadata",
        "template.spec" => "template.metadata",
        "spec.template.spec" => "spec.template.metadata",
        _ => "spec.jobTemplate.spec.template.metadata",
    }
}

/// Every object in a document: the document itself, or the items of a `kind: List`
/// (`kubectl get -o yaml`), each with the path prefix of its place in the document.
pub fn objects(root: &Node) -> Vec<Object<'_>> {
    let Some(object) = Object::new(root) else {
        return Vec::new();
    };
    if object.kind.ends_with("List") && object.api_version == "v1" {
        if let Some(items) = root.get("items").and_then(Node::as_seq) {
            return items.iter().filter_map(Object::new).collect();
        }
    }
    vec![object]
}
