//! K8S202: a container has no CPU limit.
//!
//! Containers and init containers; a pod-level `spec.resources.limits.cpu` bounds them all. See
//! `resources.rs` for the full semantics.

use super::container_label;
use super::resources::{Bound, unset};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S202",
        aliases: &["KSV011", "CKV_K8S_11"],
        severity: Severity::Low,
        title: Text {
            en: "Container has no CPU limit",
            zh: "容器未设置 CPU 限制",
        },
        description: Text {
            en: "A container without a CPU limit can use every core of its node. A busy loop, a bug, \
                 or an attacker mining on a compromised pod then starves the other pods on the node \
                 and the node's own daemons: the denial of service spreads beyond the workload.",
            zh: "没有 CPU 限制的容器可以占满所在节点的全部 CPU。一个死循环、一个缺陷，或攻击者在被攻陷的 \
                 Pod 里挖矿，都会让同一节点上的其他 Pod 和节点自身的守护进程抢不到 CPU，拒绝服务的影响\
                 会扩散到工作负载之外。",
        },
        remediation: Text {
            en: "Set `resources.limits.cpu` on every container and init container (for example `1` \
                 or `500m`), or set `spec.resources.limits.cpu` for the whole pod (Kubernetes 1.32+).",
            zh: "为每个容器和初始化容器设置 `resources.limits.cpu`（例如 `1` 或 `500m`），或在 \
                 Kubernetes 1.32 及以上版本中用 `spec.resources.limits.cpu` 为整个 Pod 设置。",
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
    for gap in unset(object, Bound::Limit, "cpu") {
        let who = container_label(&gap.container, sink.lang());
        let message = if gap.zero {
            tr!(
                sink.lang(),
                "{who} has a CPU limit of `0`, which means no limit; set `resources.limits.cpu` to a positive value (for example `500m`)",
                "{who} 的 CPU 限制为 `0`，等于不限制；请把 `resources.limits.cpu` 设为正数（例如 `500m`）",
            )
        } else {
            tr!(
                sink.lang(),
                "{who} has no CPU limit; set `resources.limits.cpu` (for example `500m`)",
                "{who} 未设置 CPU 限制；请设置 `resources.limits.cpu`（例如 `500m`）",
            )
        };
        sink.report(&RULE.meta, gap.at, gap.field, message);
    }
}
