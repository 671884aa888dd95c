//! K8S415: a `ClusterRole` can reach the kubelet API through `nodes/proxy`.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S415",
        aliases: &["KSV047"],
        severity: Severity::High,
        title: Text {
            en: "ClusterRole can reach the kubelet API (nodes/proxy)",
            zh: "ClusterRole 可以访问 kubelet API（nodes/proxy）",
        },
        description: Text {
            en: "`nodes/proxy` forwards requests to the kubelet of any node, whose API runs commands \
                 in every pod on that node (`/exec`, `/run`). Those requests bypass admission control \
                 and are not audited as pod exec; `get` alone is enough over WebSockets.",
            zh: "`nodes/proxy` 会把请求转发给任意节点的 kubelet，而 kubelet API 可以在该节点的每个 Pod 中执行\
                 命令（`/exec`、`/run`）。这些请求绕过准入控制，也不会作为 Pod exec 被审计；通过 WebSocket \
                 只需 `get` 即可。",
        },
        remediation: Text {
            en: "Remove `nodes/proxy`; monitoring agents should read `nodes/metrics` and \
                 `nodes/stats` instead.",
            zh: "删除 `nodes/proxy`；监控组件应改为读取 `nodes/metrics` 和 `nodes/stats`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes",
            "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/",
        ],
        concern: None,
    },
    check,
};

static NODE_PROXY: Grant = Grant {
    targets: &[("", "nodes/proxy")],
    verbs: &["get", "create"],
    cluster_scoped: true,
    names: Names::Any,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&NODE_PROXY) {
        let (name, verbs, resource) = (role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "ClusterRole `{name}` grants `{verbs}` on `{resource}`, which runs commands in any pod through the kubelet; remove it and read `nodes/metrics` instead",
            "ClusterRole `{name}` 对 `{resource}` 授予 `{verbs}`，可以通过 kubelet 在任意 Pod 中执行命令；请删除它，改为读取 `nodes/metrics`",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
