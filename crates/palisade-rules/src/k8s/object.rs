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
    /// The pod spec and the pods' metadata of a pod-bearing kind, found once per object: every
    /// check asks for them.
    pod: Option<PodSpec<'a>>,
    pod_metadata: Option<&'a Node>,
}

impl<'a> Object<'a> {
    /// The object in `node`, if it is one. YAML that is not a Kubernetes object gives `None`.
    pub fn new(node: &'a Node) -> Option<Object<'a>> {
        let api_version = node.get("apiVersion")?.as_text()?;
        let kind = node.get("kind")?.as_text()?;
        Object::typed(node, api_version, kind)
    }

    /// An object whose kind and version may come from its list (items of a typed list such as
    /// `DeploymentList`, as the API server returns them, carry neither).
    fn typed(node: &'a Node, api_version: &'a str, kind: &'a str) -> Option<Object<'a>> {
        node.as_map()?;
        // A kustomize patch (`$patch: delete`, `$patch: replace`) is a fragment applied to an
        // object defined elsewhere, not an object: checking it for missing fields is noise.
        if kind.is_empty() || node.get("$patch").is_some() {
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
        let layout = pod_layout(kind, group_of(api_version));
        let pod_metadata = layout.and_then(|l| node.path(l.metadata));
        let pod = layout.and_then(|l| {
            let spec = node.path(l.spec).filter(|spec| spec.as_map().is_some())?;
            Some(PodSpec {
                node: spec,
                prefix: l.spec_prefix,
                metadata_prefix: l.metadata_prefix,
                metadata: pod_metadata,
            })
        });
        Some(Object {
            root: node,
            api_version,
            kind,
            name,
            namespace,
            reference,
            pod,
            pod_metadata,
        })
    }

    /// The API group, empty for the core group (`apps/v1` gives `apps`, `v1` gives ``).
    pub fn group(&self) -> &'a str {
        group_of(self.api_version)
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
        self.pod
    }

    /// The metadata of the pods this object makes (a Pod's own, or the template's).
    pub fn pod_metadata(&self) -> Option<&'a Node> {
        self.pod_metadata
    }
}

fn group_of(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(g, _)| g)
}

/// Where a pod-bearing kind keeps its pod spec and the pods' metadata.
struct PodLayout {
    spec: &'static [&'static str],
    spec_prefix: &'static str,
    metadata: &'static [&'static str],
    metadata_prefix: &'static str,
}

static POD: PodLayout = PodLayout {
    spec: &["spec"],
    spec_prefix: "spec",
    metadata: &["metadata"],
    metadata_prefix: "metadata",
};
static POD_TEMPLATE: PodLayout = PodLayout {
    spec: &["template", "spec"],
    spec_prefix: "template.spec",
    metadata: &["template", "metadata"],
    metadata_prefix: "template.metadata",
};
static WORKLOAD: PodLayout = PodLayout {
    spec: &["spec", "template", "spec"],
    spec_prefix: "spec.template.spec",
    metadata: &["spec", "template", "metadata"],
    metadata_prefix: "spec.template.metadata",
};
static CRON_JOB: PodLayout = PodLayout {
    spec: &["spec", "jobTemplate", "spec", "template", "spec"],
    spec_prefix: "spec.jobTemplate.spec.template.spec",
    metadata: &["spec", "jobTemplate", "spec", "template", "metadata"],
    metadata_prefix: "spec.jobTemplate.spec.template.metadata",
};

fn pod_layout(kind: &str, group: &str) -> Option<&'static PodLayout> {
    Some(match (kind, group) {
        ("Pod", "") => &POD,
        ("PodTemplate", "") => &POD_TEMPLATE,
        ("ReplicationController", "")
        | ("Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet", "apps" | "extensions")
        | ("Job", "batch") => &WORKLOAD,
        ("CronJob", "batch") => &CRON_JOB,
        _ => return None,
    })
}

/// Every object in a document: the document itself, or the items of a list: `kind: List` as
/// `kubectl get -o yaml` prints it, or a typed list (`DeploymentList`) whose items may leave out
/// their kind and version.
pub fn objects(root: &Node) -> Vec<Object<'_>> {
    let Some(object) = Object::new(root) else {
        return Vec::new();
    };
    let Some(item_kind) = object.kind.strip_suffix("List") else {
        return vec![object];
    };
    let Some(items) = root.get("items").and_then(Node::as_seq) else {
        return vec![object];
    };
    items
        .iter()
        .filter_map(|item| {
            let api_version = item
                .get("apiVersion")
                .and_then(Node::as_text)
                .unwrap_or(object.api_version);
            let kind = item.get("kind").and_then(Node::as_text).unwrap_or(item_kind);
            Object::typed(item, api_version, kind)
        })
        .collect()
}
