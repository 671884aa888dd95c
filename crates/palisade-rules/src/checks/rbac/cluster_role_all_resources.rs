//! K8S402: a `ClusterRole` grants a verb on every resource.

use super::view::Role;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S402",
        aliases: &["KSV046"],
        severity: Severity::Critical,
        title: Text {
            en: "ClusterRole grants access to every resource",
            zh: "ClusterRole 授予对所有资源的访问权限",
        },
        description: Text {
            en: "`resources: [\"*\"]` in the core or every API group covers Secrets, pods, nodes, \
                 service account tokens and every resource added later. Even `get` or `list` on it \
                 reads every Secret in the cluster, including the tokens of privileged service \
                 accounts; write verbs give root on every node.",
            zh: "在核心组或全部 API 组上使用 `resources: [\"*\"]`，会覆盖 Secret、Pod、节点、服务账号令牌以及日后\
                 新增的所有资源。即使只有 `get` 或 `list`，也能读取集群中所有 Secret（包括高权限服务账号的令牌）；\
                 有写权限则等于拿到每个节点的 root。",
        },
        remediation: Text {
            en: "Replace `\"*\"` in `resources` with the resources the workload uses, for example \
                 `[\"pods\", \"services\"]`.",
            zh: "把 `resources` 中的 `\"*\"` 换成工作负载实际用到的资源，例如 `[\"pods\", \"services\"]`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources",
        ],
        concern: Some("rbac-wildcard"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    if !role.cluster {
        return;
    }
    let name = role.name;
    for (field, node, verbs) in role.all_core_resources() {
        let message = tr!(
            sink.lang(),
            "ClusterRole `{name}` grants `{verbs}` on every resource, Secrets included; list the resources it needs instead of `*`",
            "ClusterRole `{name}` 对所有资源（包括 Secret）授予 `{verbs}`；请用实际需要的资源替换 `*`",
        );
        sink.report(&RULE.meta, node, field, message);
    }
}
