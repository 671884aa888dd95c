//! K8S201: a container has no CPU request.
//!
//! Containers and init containers; a pod-level `spec.resources` request or limit, or the
//! container's own CPU limit (which the request defaults to), counts as a request. See
//! `resources.rs` for the full semantics.

use super::container_label;
use super::resources::{Bound, unset};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S201",
        aliases: &["KSV015", "CKV_K8S_10"],
        severity: Severity::Low,
        title: Text {
            en: "Container has no CPU request",
            zh: "容器未设置 CPU 请求",
        },
        description: Text {
            en: "Without a CPU request the scheduler reserves no CPU for the container: the pod can \
                 land on a node that is already busy, and under contention it gets only what is \
                 left over, so it slows down or fails its probes exactly when load peaks. A pod \
                 with no requests or limits at all is BestEffort, the first to be evicted when the \
                 node runs short.",
            zh: "没有 CPU 请求，调度器就不会为容器预留 CPU：Pod 可能被调度到本已繁忙的节点上，\
                 资源争抢时只能分到剩下的算力，恰恰在负载高峰时变慢，甚至探针失败。完全没有请求和限制的 \
                 Pod 属于 BestEffort 级别，节点资源不足时最先被驱逐。",
        },
        remediation: Text {
            en: "Set `resources.requests.cpu` on every container and init container to what it \
                 normally uses (for example `250m`), or set `spec.resources.requests.cpu` for the \
                 whole pod (Kubernetes 1.32+).",
            zh: "为每个容器和初始化容器设置 `resources.requests.cpu`，取其日常用量（例如 `250m`）；\
                 或在 Kubernetes 1.32 及以上版本中用 `spec.resources.requests.cpu` 为整个 Pod 设置。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    for gap in unset(object, Bound::Request, "cpu") {
        let who = container_label(&gap.container, sink.lang());
        let message = if gap.zero {
            tr!(
                sink.lang(),
                "{who} requests `0` CPU, which reserves nothing; set `resources.requests.cpu` to what it needs (for example `250m`)",
                "{who} 的 CPU 请求为 `0`，等于没有预留；请把 `resources.requests.cpu` 设为实际所需（例如 `250m`）",
            )
        } else {
            tr!(
                sink.lang(),
                "{who} has no CPU request; set `resources.requests.cpu` (for example `250m`)",
                "{who} 未设置 CPU 请求；请设置 `resources.requests.cpu`（例如 `250m`）",
            )
        };
        sink.report(&RULE.meta, gap.at, gap.field, message);
    }
}
