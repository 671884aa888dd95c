//! Pod specs and their containers, with the field path of every value.

use palisade_yaml::Node;

/// The volume sources the restricted Pod Security level allows. `image` came with Kubernetes
/// 1.33's admission code, at every policy version (an older pod cannot have the field).
pub const RESTRICTED_VOLUME_SOURCES: [&str; 9] = [
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

/// Every other volume source of `core/v1` Volume. A key that is in neither list is not a volume
/// source: the API server's decoder drops it, and a volume left without one is an `emptyDir`.
pub const OTHER_VOLUME_SOURCES: [&str; 21] = [
    "awsElasticBlockStore",
    "azureDisk",
    "azureFile",
    "cephfs",
    "cinder",
    "fc",
    "flexVolume",
    "flocker",
    "gcePersistentDisk",
    "gitRepo",
    "glusterfs",
    "hostPath",
    "iscsi",
    "nfs",
    "photonPersistentDisk",
    "portworxVolume",
    "quobyte",
    "rbd",
    "scaleIO",
    "storageos",
    "vsphereVolume",
];

/// A pod spec, wherever the object keeps it.
#[derive(Clone, Copy)]
pub struct PodSpec<'a> {
    pub node: &'a Node,
    /// Path from the object root to the spec: `spec`, `spec.template.spec` …
    pub prefix: &'static str,
    /// Path from the object root to the pods' metadata: `metadata`, `spec.template.metadata` …
    pub metadata_prefix: &'static str,
    pub(crate) metadata: Option<&'a Node>,
}

/// Which list of the pod spec a container is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    Container,
    Init,
    Ephemeral,
}

impl ContainerKind {
    pub fn list(self) -> &'static str {
        match self {
            ContainerKind::Container => "containers",
            ContainerKind::Init => "initContainers",
            ContainerKind::Ephemeral => "ephemeralContainers",
        }
    }
}

/// Where a container's value of an inheritable `securityContext` field comes from.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// The container sets it.
    Container(&'a Node),
    /// The container leaves it unset and inherits the pod-level value.
    Pod(&'a Node),
    /// Neither sets it: the image or the runtime decides.
    Unset,
}

/// A container of a pod spec: regular, init or ephemeral.
#[derive(Clone, Copy)]
pub struct Container<'a> {
    pub node: &'a Node,
    pub kind: ContainerKind,
    pub index: usize,
    pub pod: PodSpec<'a>,
}

impl<'a> PodSpec<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// The path of a field under the pod spec: `field("hostPID")` is `spec.template.spec.hostPID`.
    pub fn field(&self, rest: &str) -> String {
        self.field_of(&[rest])
    }

    /// `field` of the concatenation of `rest`.
    fn field_of(&self, rest: &[&str]) -> String {
        if rest.iter().all(|r| r.is_empty()) {
            return self.prefix.to_owned();
        }
        concat(&[&[self.prefix, "."], rest])
    }

    /// The pod-level `securityContext`.
    pub fn security_context(&self) -> Option<&'a Node> {
        self.node.get("securityContext")
    }

    /// The metadata of the pods (labels, annotations).
    pub fn metadata(&self) -> Option<&'a Node> {
        self.metadata
    }

    /// A pod annotation (for example the AppArmor annotations of Kubernetes before 1.30).
    pub fn annotation(&self, key: &str) -> Option<&'a Node> {
        self.metadata()?.get("annotations")?.get(key)
    }

    /// Every container: `containers`, then `initContainers`, then `ephemeralContainers`.
    pub fn containers(&self) -> impl Iterator<Item = Container<'a>> + use<'a> {
        let pod = *self;
        [
            ContainerKind::Container,
            ContainerKind::Init,
            ContainerKind::Ephemeral,
        ]
        .into_iter()
        .flat_map(move |kind| {
            pod.node
                .get(kind.list())
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .filter_map(move |(index, node)| {
                    node.as_map().map(|_| Container {
                        node,
                        kind,
                        index,
                        pod,
                    })
                })
        })
    }

    /// `(index, volume)` for each entry of `volumes`.
    pub fn volumes(&self) -> impl Iterator<Item = (usize, &'a Node)> + use<'a> {
        self.node
            .get("volumes")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
    }

    /// True when `spec.os.name` is `windows`, which exempts a pod from Linux-only controls.
    pub fn is_windows(&self) -> bool {
        self.node.path(&["os", "name"]).and_then(Node::as_text) == Some("windows")
    }
}

impl<'a> Container<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    pub fn name(&self) -> &'a str {
        self.node
            .get("name")
            .and_then(Node::as_text)
            .unwrap_or("<unnamed>")
    }

    pub fn image(&self) -> Option<&'a Node> {
        self.node.get("image")
    }

    pub fn security_context(&self) -> Option<&'a Node> {
        self.node.get("securityContext")
    }

    /// Where the container's value of a `securityContext` field comes from: its own, or the
    /// pod's for the fields Kubernetes inherits (runAsUser, runAsGroup, runAsNonRoot,
    /// seccompProfile, seLinuxOptions, appArmorProfile, windowsOptions), or nowhere. An explicit
    /// `null` counts as unset, as the API server decodes it.
    pub fn source(&self, key: &str) -> Source<'a> {
        let set = |sc: Option<&'a Node>| sc.and_then(|sc| sc.get(key)).filter(|v| !v.is_null());
        if let Some(value) = set(self.security_context()) {
            return Source::Container(value);
        }
        set(self.pod.security_context()).map_or(Source::Unset, Source::Pod)
    }

    /// The path of a field under this container: `field("image")` is `spec.containers[0].image`.
    pub fn field(&self, rest: &str) -> String {
        self.field_of(&[rest])
    }

    /// `field` of the concatenation of `rest`.
    fn field_of(&self, rest: &[&str]) -> String {
        let mut index = itoa::Buffer::new();
        let base = [
            self.pod.prefix,
            ".",
            self.kind.list(),
            "[",
            index.format(self.index),
            "]",
        ];
        if rest.iter().all(|r| r.is_empty()) {
            concat(&[&base])
        } else {
            concat(&[&base, &["."], rest])
        }
    }

    /// The best node to point at when a field is missing: the deepest of `keys` that exists, or
    /// the container itself.
    pub fn nearest(&self, keys: &[&str]) -> &'a Node {
        let mut node = self.node;
        for key in keys {
            match node.get(key) {
                Some(next) if next.as_map().is_some() => node = next,
                _ => break,
            }
        }
        node
    }
}

/// The pieces joined in one allocation of the right size. Checks build a field path for nearly
/// every container they look at, and `format!` would grow each string several times.
fn concat(pieces: &[&[&str]]) -> String {
    let len = pieces.iter().flat_map(|p| p.iter()).map(|s| s.len()).sum();
    let mut out = String::with_capacity(len);
    for piece in pieces.iter().flat_map(|p| p.iter()) {
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use palisade_yaml::{Budgets, documents};

    use crate::k8s::{Source, objects};

    #[test]
    fn field_paths_name_the_list_index_and_key() {
        let containers = (0..11)
            .map(|i| format!("        - name: c{i}\n"))
            .collect::<Vec<_>>()
            .concat();
        let text = format!(
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      \
             securityContext: {{runAsUser: 1}}\n      initContainers:\n        - name: init\n          \
             securityContext: {{runAsUser: 2}}\n      containers:\n{containers}"
        );
        let doc = documents(&text, &Budgets::default()).next().unwrap().unwrap();
        let object = &objects(&doc.root)[0];
        let pod = object.pod_spec().unwrap();
        assert_eq!(pod.field(""), "spec.template.spec");
        assert_eq!(pod.field("hostPID"), "spec.template.spec.hostPID");
        let paths: Vec<(String, String, String)> = pod
            .containers()
            .filter(|c| c.index % 10 == 0)
            .map(|c| {
                let inherited = match c.source("runAsUser") {
                    Source::Container(_) => c.field("securityContext.runAsUser"),
                    Source::Pod(_) => pod.field("securityContext.runAsUser"),
                    Source::Unset => String::new(),
                };
                (c.field(""), c.field("image"), inherited)
            })
            .collect();
        let expected = |list: &str, i: usize, effective: &str| {
            let base = format!("spec.template.spec.{list}[{i}]");
            (base.clone(), format!("{base}.image"), effective.to_owned())
        };
        assert_eq!(
            paths,
            [
                expected("containers", 0, "spec.template.spec.securityContext.runAsUser"),
                expected("containers", 10, "spec.template.spec.securityContext.runAsUser"),
                expected(
                    "initContainers",
                    0,
                    "spec.template.spec.initContainers[0].securityContext.runAsUser"
                ),
            ]
        );
    }
}
