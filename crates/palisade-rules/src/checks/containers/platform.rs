//! Whether a pod runs on Windows nodes, where Linux-only controls (capabilities, seccomp) do not
//! exist and cannot be set.
//!
//! `spec.os.name` is the field the API server and the Pod Security admission go by, but it only
//! became GA in 1.25 and many Windows manifests still say so with `nodeSelector` alone; a
//! `HostProcess` container can only be Windows.

use crate::checks::prelude::*;

pub(super) fn is_windows(pod: &PodSpec<'_>) -> bool {
    pod.is_windows()
        || pod
            .node
            .path(&["nodeSelector", "kubernetes.io/os"])
            .and_then(Node::as_text)
            == Some("windows")
        || host_process(pod.security_context())
        || pod.containers().any(|c| host_process(c.security_context()))
}

fn host_process(context: Option<&Node>) -> bool {
    context
        .and_then(|sc| sc.path(&["windowsOptions", "hostProcess"]))
        .and_then(Node::as_bool)
        == Some(true)
}
