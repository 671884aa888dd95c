//! What the two probe rules share: which containers are expected to have health probes.
//!
//! Only regular containers: init containers run to completion before the pod starts (sidecar
//! init containers with `restartPolicy: Always` may have probes, but are not required to), and
//! ephemeral containers cannot have probes. Pods that run to completion (a `Job`, a `CronJob`, and
//! any pod with `restartPolicy: Never` or `OnFailure`) are not long-running services, so a probe
//! has nothing to keep healthy and no traffic to gate.

use crate::checks::prelude::{Container, Node, Object};
use crate::k8s::ContainerKind;

/// The regular containers of a long-running pod that have no `probe` (`livenessProbe` …), each
/// with the node to report at: the null or empty probe if written, else the container.
pub(super) fn without<'a>(object: &Object<'a>, probe: &str) -> Vec<(Container<'a>, &'a Node)> {
    let Some(pod) = object.pod_spec() else {
        return Vec::new();
    };
    if matches!(object.kind, "Job" | "CronJob") {
        return Vec::new();
    }
    let restart = pod.get("restartPolicy").and_then(Node::as_str);
    if matches!(restart, Some("Never" | "OnFailure")) {
        return Vec::new();
    }
    pod.containers()
        .filter(|c| c.kind == ContainerKind::Container)
        .filter_map(|c| match c.get(probe) {
            None => Some((c, c.node)),
            Some(node) if node.is_null() => Some((c, node)),
            // `{}` names no handler: the probe does nothing (and the API server refuses it).
            Some(node) if node.as_map().is_some_and(<[_]>::is_empty) => Some((c, node)),
            Some(_) => None,
        })
        .collect()
}
