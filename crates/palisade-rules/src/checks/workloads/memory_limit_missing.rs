//! K8S204: a container has no memory limit.
//!
//! Containers and init containers; a pod-level `spec.resources.limits.memory` bounds them all.
//! See `resources.rs` for the full semantics.

use super::container_label;
use super::resources::{Bound, unset};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S204",
        aliases: &["KSV018", "CKV_K8S_13"],
        severity: Severity::Low,
        title: Text {
            en: "Container has no memory limit",
            zh: "容器未设置内存限制",
        },
        description: Text {
            en: "A container without a memory limit can grow until its node runs out of memory. A \
                 leak, an oversized request or a deliberate attack then sets off the kernel's OOM \
                 killer and evictions across the node, taking unrelated pods, and sometimes node \
                 components, down with it.",
            zh: "没有内存限制的容器可以一直增长，直到耗尽节点内存。内存泄漏、超大的请求或蓄意攻击都会触发\
                 内核的 OOM Killer 和整个节点范围的驱逐，把无关的 Pod 甚至节点组件一起拖垮。",
        },
        remediation: Text {
            en: "Set `resources.limits.memory` on every container and init container (for example \
                 `512Mi`), or set `spec.resources.limits.memory` for the whole pod (Kubernetes 1.32+).",
            zh: "为每个容器和初始化容器设置 `resources.limits.memory`（例如 `512Mi`），或在 \
                 Kubernetes 1.32 及以上版本中用 `spec.resources.limits.memory` 为整个 Pod 设置。",
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
    for gap in unset(object, Bound::Limit, "memory") {
        let who = container_label(&gap.container, sink.lang());
        let message = if gap.zero {
            tr!(
                sink.lang(),
                "{who} has a memory limit of `0`, which means no limit; set `resources.limits.memory` to a positive value (for example `512Mi`)",
                "{who} 的内存限制为 `0`，等于不限制；请把 `resources.limits.memory` 设为正数（例如 `512Mi`）",
            )
        } else {
            tr!(
                sink.lang(),
                "{who} has no memory limit; set `resources.limits.memory` (for example `512Mi`)",
                "{who} 未设置内存限制；请设置 `resources.limits.memory`（例如 `512Mi`）",
            )
        };
        sink.report(&RULE.meta, gap.at, gap.field, message);
    }
}
