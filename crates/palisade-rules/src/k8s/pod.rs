//! Pod specs and their containers, with the field path of every value.

use palisade_yaml::Node;

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
        if rest.is_empty() {
            self.prefix.to_owned()
        } else {
            format!("{}.{rest}", self.prefix)
        }
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

    /// A field of the container's `securityContext`, falling back to the pod's `securityContext`
    /// for the fields Kubernetes inherits (runAsUser, runAsGroup, runAsNonRoot, seccompProfile,
    /// seLinuxOptions, appArmorProfile, windowsOptions). An explicit `null` counts as unset, as the
    /// API server decodes it. Returns the node and its field path.
    pub fn effective(&self, key: &str) -> Option<(&'a Node, String)> {
        let set = |sc: Option<&'a Node>| sc.and_then(|sc| sc.get(key)).filter(|v| !v.is_null());
        if let Some(v) = set(self.security_context()) {
            return Some((v, self.field(&format!("securityContext.{key}"))));
        }
        set(self.pod.security_context()).map(|v| (v, self.pod.field(&format!("securityContext.{key}"))))
    }

    /// The path of a field under this container: `field("image")` is `spec.containers[0].image`.
    pub fn field(&self, rest: &str) -> String {
        let base = format!("{}.{}[{}]", self.pod.prefix, self.kind.list(), self.index);
        if rest.is_empty() {
            base
        } else {
            format!("{base}.{rest}")
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
