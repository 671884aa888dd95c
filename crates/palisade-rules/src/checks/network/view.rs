//! Views over the objects the network rules read: `NetworkPolicy`, Service and Ingress, with the
//! defaults Kubernetes applies to them and the field path of every value.

use palisade_core::Lang;

use super::cidr::Cidr;
use crate::checks::prelude::*;

/// The path of an annotation: `metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]`.
pub(super) fn annotation_field(key: &str) -> String {
    format!("metadata.annotations[\"{key}\"]")
}

/// Where to report a missing field: the key of its nearest existing parent (`spec:`), or the
/// object's `kind` when even that is missing.
pub(super) fn missing_at<'a>(root: &'a Node, parent: &str) -> &'a Node {
    root.get_entry(parent)
        .or_else(|| root.get_entry("kind"))
        .map_or(root, |(key, _)| key)
}

/// Which way a `NetworkPolicy` rule lets traffic through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Direction {
    Ingress,
    Egress,
}

impl Direction {
    /// The list of rules: `ingress` or `egress`.
    pub(super) fn key(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }

    /// The peers of a rule: `from` or `to`.
    pub(super) fn peers_key(self) -> &'static str {
        match self {
            Direction::Ingress => "from",
            Direction::Egress => "to",
        }
    }

    /// The value of `policyTypes` that turns this direction on.
    pub(super) fn policy_type(self) -> &'static str {
        match self {
            Direction::Ingress => "Ingress",
            Direction::Egress => "Egress",
        }
    }
}

/// A `networking.k8s.io` `NetworkPolicy`. Calico's and Cilium's policies have other groups and
/// other schemas; the core group is accepted because hand-written examples (Trivy's among them)
/// often say `apiVersion: v1`.
pub(super) struct NetworkPolicy<'a> {
    pub(super) root: &'a Node,
    pub(super) spec: Option<&'a Node>,
    pub(super) name: &'a str,
}

impl<'a> NetworkPolicy<'a> {
    pub(super) fn of(object: &Object<'a>) -> Option<NetworkPolicy<'a>> {
        if object.kind != "NetworkPolicy"
            || !matches!(object.group(), "networking.k8s.io" | "extensions" | "")
        {
            return None;
        }
        Some(NetworkPolicy {
            root: object.root,
            spec: object.spec().filter(|s| s.as_map().is_some()),
            name: object.name.unwrap_or("<unnamed>"),
        })
    }

    pub(super) fn get(&self, key: &str) -> Option<&'a Node> {
        self.spec?.get(key)
    }

    /// `spec.policyTypes` as written, when it is a non-empty list (an empty or missing list is
    /// defaulted by the API server).
    fn policy_types(&self) -> Option<Vec<&'a str>> {
        let types = self.get("policyTypes")?.as_seq()?;
        (!types.is_empty()).then(|| types.iter().filter_map(Node::as_text).collect())
    }

    /// Whether the policy isolates the selected pods in this direction, with the API server's
    /// default for a missing `policyTypes`: always `Ingress`, and `Egress` when `egress` has at
    /// least one rule (so `egress: []` alone does not isolate egress).
    pub(super) fn affects(&self, direction: Direction) -> bool {
        match self.policy_types() {
            Some(types) => types.contains(&direction.policy_type()),
            None => match direction {
                Direction::Ingress => true,
                Direction::Egress => self
                    .get("egress")
                    .and_then(Node::as_seq)
                    .is_some_and(|rules| !rules.is_empty()),
            },
        }
    }

    /// The rules of one direction, whether or not the policy applies them.
    fn rules(&self, direction: Direction) -> impl Iterator<Item = PolicyRule<'a>> + use<'a> {
        self.get(direction.key())
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, node)| node.as_map().is_some() || node.is_null())
            .map(move |(index, node)| PolicyRule {
                node,
                index,
                direction,
            })
    }

    /// The rules of one direction that the policy applies.
    pub(super) fn applied_rules(
        &self,
        direction: Direction,
    ) -> impl Iterator<Item = PolicyRule<'a>> + use<'a> {
        let applied = self.affects(direction);
        self.rules(direction).filter(move |_| applied)
    }
}

/// What a rule's `from` or `to` says.
pub(super) enum Peers<'a> {
    /// Missing, null or empty: every source or destination, inside the cluster and out.
    All,
    List(&'a [Node]),
    /// Not a list: the API server rejects the object.
    Invalid,
}

/// One ingress or egress rule of a `NetworkPolicy` (a null entry is an empty rule).
#[derive(Clone, Copy)]
pub(super) struct PolicyRule<'a> {
    pub(super) node: &'a Node,
    pub(super) index: usize,
    pub(super) direction: Direction,
}

impl<'a> PolicyRule<'a> {
    /// The path of a field under this rule: `spec.ingress[0].from`.
    pub(super) fn field(&self, rest: &str) -> String {
        let base = format!("spec.{}[{}]", self.direction.key(), self.index);
        if rest.is_empty() {
            base
        } else {
            format!("{base}.{rest}")
        }
    }

    pub(super) fn peers(&self) -> Peers<'a> {
        match self.node.get(self.direction.peers_key()) {
            None => Peers::All,
            Some(n) if n.is_null() => Peers::All,
            Some(n) => match n.as_seq() {
                Some([]) => Peers::All,
                Some(list) => Peers::List(list),
                None => Peers::Invalid,
            },
        }
    }

    /// The `ipBlock`s among the peers: `(index, cidr node, block, except)` for each that parses.
    pub(super) fn ip_blocks(&self) -> Vec<(usize, &'a Node, Cidr, Vec<Cidr>)> {
        let Peers::List(peers) = self.peers() else {
            return Vec::new();
        };
        peers
            .iter()
            .enumerate()
            .filter_map(|(i, peer)| {
                let block = peer.get("ipBlock")?;
                let node = block.get("cidr")?;
                let cidr = Cidr::parse(node.as_str()?)?;
                let except = block
                    .get("except")
                    .and_then(Node::as_seq)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|e| Cidr::parse(e.as_str()?))
                    .collect();
                Some((i, node, cidr, except))
            })
            .collect()
    }

    /// The rule's ports, each as `TCP 443` or `TCP 8000-9000`; `None` for every port (no `ports`,
    /// or an empty list).
    pub(super) fn ports(&self) -> Option<Vec<String>> {
        let ports = self.node.get("ports").and_then(Node::as_seq)?;
        if ports.is_empty() {
            return None;
        }
        let describe = |port: &Node| {
            let protocol = port.get("protocol").and_then(Node::as_text).unwrap_or("TCP");
            match (
                port.get("port").and_then(Node::as_text),
                port.get("endPort").and_then(Node::as_i64),
            ) {
                (Some(p), Some(end)) => format!("{protocol} {p}-{end}"),
                (Some(p), None) => format!("{protocol} {p}"),
                (None, _) => protocol.to_owned(),
            }
        };
        Some(ports.iter().map(describe).collect())
    }

    /// True when every port of the rule is DNS: port 53 over UDP or TCP, no range.
    pub(super) fn only_dns(&self) -> bool {
        let Some(ports) = self.node.get("ports").and_then(Node::as_seq) else {
            return false;
        };
        !ports.is_empty()
            && ports.iter().all(|p| {
                let protocol = p.get("protocol").and_then(Node::as_text).unwrap_or("TCP");
                p.get("port").and_then(Node::as_i64) == Some(53)
                    && p.get("endPort").is_none_or(|e| e.as_i64() == Some(53))
                    && matches!(protocol, "UDP" | "TCP")
            })
    }
}

/// A core `v1` Service (Knative's `serving.knative.dev` Service is something else).
pub(super) struct Service<'a> {
    pub(super) root: &'a Node,
    pub(super) spec: &'a Node,
    pub(super) name: &'a str,
}

/// How a Service is reachable from outside the cluster.
#[derive(Clone, Copy)]
pub(super) enum Exposure {
    /// `type: NodePort`: a port on every node.
    NodePort,
    /// `type: LoadBalancer`, external, with no source ranges or one that lets in the internet.
    LoadBalancer,
    /// `externalIPs`: nodes answer on these addresses.
    ExternalIps,
}

/// Why an external load balancer accepts connections from anywhere.
pub(super) enum LoadBalancerOpening<'a> {
    /// Neither `spec.loadBalancerSourceRanges` nor the annotation limits it: `type` node.
    NoRanges(&'a Node),
    /// `spec.loadBalancerSourceRanges[i]` lets in the internet.
    Range(&'a Node, usize, &'a str),
    /// The `service.beta.kubernetes.io/load-balancer-source-ranges` annotation lets it in.
    Annotation(&'a Node, &'a str),
}

pub(super) const SOURCE_RANGES_ANNOTATION: &str = "service.beta.kubernetes.io/load-balancer-source-ranges";

impl<'a> Service<'a> {
    pub(super) fn of(object: &Object<'a>) -> Option<Service<'a>> {
        if object.kind != "Service" || object.group() != "" {
            return None;
        }
        let spec = object.spec().filter(|s| s.as_map().is_some())?;
        Some(Service {
            root: object.root,
            spec,
            name: object.name.unwrap_or("<unnamed>"),
        })
    }

    /// `spec.type` and its value, when written as a string.
    pub(super) fn service_type(&self) -> Option<(&'a Node, &'a str)> {
        let node = self.spec.get("type")?;
        Some((node, node.as_str()?))
    }

    fn annotation(&self, key: &str) -> Option<&'a str> {
        self.root.path(&["metadata", "annotations", key])?.as_str()
    }

    /// The cloud providers' annotations that put a load balancer on a private network.
    pub(super) fn internal_load_balancer(&self) -> bool {
        let is = |key: &str, want: &[&str]| {
            self.annotation(key)
                .is_some_and(|v| want.iter().any(|w| v.trim().eq_ignore_ascii_case(w)))
        };
        // The in-tree AWS provider treats any value but "false" as internal.
        self.annotation("service.beta.kubernetes.io/aws-load-balancer-internal")
            .is_some_and(|v| !v.trim().is_empty() && !v.trim().eq_ignore_ascii_case("false"))
            || is(
                "service.beta.kubernetes.io/aws-load-balancer-scheme",
                &["internal"],
            )
            || is("networking.gke.io/load-balancer-type", &["internal"])
            || is("cloud.google.com/load-balancer-type", &["internal"])
            || is(
                "service.beta.kubernetes.io/azure-load-balancer-internal",
                &["true"],
            )
            || is(
                "service.beta.kubernetes.io/openstack-internal-load-balancer",
                &["true"],
            )
            || is("service.beta.kubernetes.io/oci-load-balancer-internal", &["true"])
            || is(
                "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type",
                &["intranet"],
            )
            || is(
                "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type",
                &["private"],
            )
            || self
                .annotation("service.kubernetes.io/qcloud-loadbalancer-internal-subnetid")
                .is_some_and(|v| !v.trim().is_empty())
    }

    /// Why an external `LoadBalancer` Service accepts the internet, if it does.
    /// `spec.loadBalancerSourceRanges` wins over the annotation when both are set.
    pub(super) fn load_balancer_opening(&self) -> Option<LoadBalancerOpening<'a>> {
        let (type_node, kind) = self.service_type()?;
        if kind != "LoadBalancer" || self.internal_load_balancer() {
            return None;
        }
        let ranges = self
            .spec
            .get("loadBalancerSourceRanges")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        if !ranges.is_empty() {
            return ranges.iter().enumerate().find_map(|(i, r)| {
                let text = r.as_str()?;
                open_range(text).then_some(LoadBalancerOpening::Range(r, i, text))
            });
        }
        let annotation = self
            .root
            .path(&["metadata", "annotations", SOURCE_RANGES_ANNOTATION])
            .and_then(|n| Some((n, n.as_str()?)))
            .filter(|(_, v)| !v.trim().is_empty());
        if let Some((node, value)) = annotation {
            return value
                .split(',')
                .find(|r| open_range(r))
                .map(|r| LoadBalancerOpening::Annotation(node, r.trim()));
        }
        Some(LoadBalancerOpening::NoRanges(type_node))
    }

    /// How the Service is reachable from outside the cluster, the widest way first.
    pub(super) fn exposure(&self) -> Option<Exposure> {
        if self.load_balancer_opening().is_some() {
            return Some(Exposure::LoadBalancer);
        }
        if let Some((_, "NodePort")) = self.service_type() {
            return Some(Exposure::NodePort);
        }
        self.external_ips().map(|_| Exposure::ExternalIps)
    }

    /// `spec.externalIPs` when it lists at least one address, with the addresses.
    pub(super) fn external_ips(&self) -> Option<(&'a Node, Vec<&'a str>)> {
        let node = self.spec.get("externalIPs")?;
        let ips: Vec<&str> = node.as_seq()?.iter().filter_map(Node::as_text).collect();
        (!ips.is_empty()).then_some((node, ips))
    }

    /// `(index, entry)` for each entry of `spec.ports`.
    pub(super) fn ports(&self) -> impl Iterator<Item = (usize, &'a Node)> + use<'a> {
        self.spec
            .get("ports")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, p)| p.as_map().is_some())
    }
}

/// A source range that lets in the public internet: a `/0`.
fn open_range(text: &str) -> bool {
    Cidr::parse(text).is_some_and(|c| c.is_everything() && c.reaches_internet(&[]))
}

/// A `networking.k8s.io` (or legacy `extensions`) Ingress.
pub(super) struct Ingress<'a> {
    pub(super) root: &'a Node,
    pub(super) spec: Option<&'a Node>,
    pub(super) name: &'a str,
}

/// The prefix of ingress-nginx's annotations.
pub(super) const NGINX: &str = "nginx.ingress.kubernetes.io/";

impl<'a> Ingress<'a> {
    pub(super) fn of(object: &Object<'a>) -> Option<Ingress<'a>> {
        if object.kind != "Ingress" || !matches!(object.group(), "networking.k8s.io" | "extensions" | "") {
            return None;
        }
        Some(Ingress {
            root: object.root,
            spec: object.spec().filter(|s| s.as_map().is_some()),
            name: object.name.unwrap_or("<unnamed>"),
        })
    }

    /// An annotation's node and string value.
    pub(super) fn annotation(&self, key: &str) -> Option<(&'a Node, &'a str)> {
        let node = self.root.path(&["metadata", "annotations", key])?;
        Some((node, node.as_str()?))
    }

    /// `(key, value node, value)` for every annotation with a string value.
    pub(super) fn annotations(&self) -> impl Iterator<Item = (&'a str, &'a Node, &'a str)> + use<'a> {
        self.root
            .path(&["metadata", "annotations"])
            .and_then(Node::as_map)
            .unwrap_or_default()
            .iter()
            .filter_map(|(k, v)| Some((k.as_text()?, v, v.as_str()?)))
    }

    /// True for an ingress-nginx boolean annotation set to false, parsed as Go's
    /// `strconv.ParseBool` parses it.
    pub(super) fn nginx_false(&self, name: &str) -> Option<&'a Node> {
        let (node, value) = self.annotation(&format!("{NGINX}{name}"))?;
        matches!(value.trim(), "0" | "f" | "F" | "false" | "FALSE" | "False").then_some(node)
    }

    /// True for an ingress-nginx boolean annotation set to true.
    pub(super) fn nginx_true(&self, name: &str) -> bool {
        self.annotation(&format!("{NGINX}{name}"))
            .is_some_and(|(_, v)| matches!(v.trim(), "1" | "t" | "T" | "true" | "TRUE" | "True"))
    }

    /// `spec.tls` entries.
    pub(super) fn tls(&self) -> &'a [Node] {
        self.spec
            .and_then(|s| s.get("tls"))
            .and_then(Node::as_seq)
            .unwrap_or_default()
    }

    /// `(index, rule)` for each entry of `spec.rules`.
    pub(super) fn rules(&self) -> impl Iterator<Item = (usize, &'a Node)> + use<'a> {
        self.spec
            .and_then(|s| s.get("rules"))
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, r)| r.as_map().is_some())
    }

    /// Whether the Ingress routes anything: a rule, or a default backend.
    pub(super) fn routes_traffic(&self) -> bool {
        let Some(spec) = self.spec else { return false };
        self.rules().next().is_some()
            || spec.get("defaultBackend").is_some_and(|b| b.as_map().is_some())
            || spec.get("backend").is_some_and(|b| b.as_map().is_some())
    }
}

/// How a `NetworkPolicy` rule's ports read in a message: `on TCP 443` / `on every port`.
pub(super) fn ports_phrase(rule: &PolicyRule<'_>, lang: Lang) -> String {
    match (rule.ports(), lang) {
        (Some(ports), Lang::En) => format!("on {}", ports.join(", ")),
        (Some(ports), Lang::Zh) => format!("端口 {}", ports.join("、")),
        (None, _) => tr!(lang, "on every port", "所有端口"),
    }
}
