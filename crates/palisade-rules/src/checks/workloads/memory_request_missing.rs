//! K8S203: a container has no memory request.
//!
//! Containers and init containers; a pod-level `spec.resources` request or limit, or the
//! container's own memory limit (which the request defaults to), counts as a request. See
//! `resources.rs` for the full semantics.

use super::container_label;
use super::resources::{Bound, unset};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S203",
        aliases: &["KSV016", "CKV_K8S_12"],
        severity: Severity::Low,
        title: Text {
            en: "Container has no memory request",
            zh: "容器未设置内存请求",
        },
        description: Text {
            en: "Without a memory request the scheduler reserves no memory for the container and may \
                 place it on a node that cannot hold it. When the node runs short of memory, the \
                 kubelet evicts first the pods that use more than they requested, so this container \
                 is among the first to go.",
            zh: "没有内存请求，调度器就不会为容器预留内存，可能把它放到容纳不下的节点上。节点内存紧张时，\
                 kubelet 优先驱逐用量超出请求的 Pod，这个容器会首当其冲。",
        },
        remediation: Text {
            en: "Set `resources.requests.memory` on every container and init container to its usual \
                 working set (for example `256Mi`), or set `spec.resources.requests.memory` for the \
                 whole pod (Kubernetes 1.32+).",
            zh: "为每个容器和初始化容器设置 `resources.requests.memory`，取其日常内存用量（例如 \
                 `256Mi`）；或在 Kubernetes 1.32 及以上版本中用 `spec.resources.requests.memory` \
                 为整个 Pod 设置。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
            "https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    for gap in unset(object, Bound::Request, "memory") {
        let who = container_label(&gap.container, sink.lang());
        let message = if gap.zero {
            tr!(
                sink.lang(),
                "{who} requests `0` memory, which reserves nothing; set `resources.requests.memory` to what it needs (for example `256Mi`)",
                "{who} 的内存请求为 `0`，等于没有预留；请把 `resources.requests.memory` 设为实际所需（例如 `256Mi`）",
            )
        } else {
            tr!(
                sink.lang(),
                "{who} has no memory request; set `resources.requests.memory` (for example `256Mi`)",
                "{who} 未设置内存请求；请设置 `resources.requests.memory`（例如 `256Mi`）",
            )
        };
        sink.report(&RULE.meta, gap.at, gap.field, message);
    }
}
