//! K8S411: a `ClusterRole` can create `ClusterRoleBindings` and bind any `ClusterRole`: it can make
//! anyone cluster-admin.

use super::escalate_or_bind_roles::BIND;
use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S411",
        aliases: &["KSV052"],
        // Trivy says HIGH; one request makes the holder cluster-admin, which K8S409 (KSV050)
        // already rates CRITICAL for the `bind` half alone.
        severity: Severity::Critical,
        title: Text {
            en: "ClusterRole can create ClusterRoleBindings to any ClusterRole",
            zh: "ClusterRole 可以创建指向任意 ClusterRole 的 ClusterRoleBinding",
        },
        description: Text {
            en: "With `create` on `clusterrolebindings` and an unrestricted `bind` on \
                 `clusterroles`, the holder can bind `cluster-admin` to itself across the whole \
                 cluster with one request.",
            zh: "同时拥有对 `clusterrolebindings` 的 `create` 和对 `clusterroles` 不受限制的 `bind`，持有者只需\
                 一个请求就能把 `cluster-admin` 绑定给自己，控制整个集群。",
        },
        remediation: Text {
            en: "Limit `bind` with `resourceNames` to the ClusterRoles this role may hand out, or \
                 remove `create` on `clusterrolebindings`.",
            zh: "用 `resourceNames` 把 `bind` 限制为该角色可以分发的 ClusterRole，或删除对 \
                 `clusterrolebindings` 的 `create`。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update",
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#bind-verb",
        ],
        concern: Some("rbac-binding-grant"),
    },
    check,
};

static CREATE_CLUSTER_ROLE_BINDINGS: Grant = Grant {
    targets: &[("rbac.authorization.k8s.io", "clusterrolebindings")],
    verbs: &["create"],
    cluster_scoped: true,
    names: Names::UNRESTRICTED,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    // A ClusterRoleBinding can only refer to a ClusterRole.
    let Some(bind) = role.hits(&BIND).into_iter().find(|h| h.target == "clusterroles") else {
        return;
    };
    for hit in role.hits(&CREATE_CLUSTER_ROLE_BINDINGS) {
        let (name, line) = (role.name, bind.resource_node.span.start.line);
        let message = tr!(
            sink.lang(),
            "ClusterRole `{name}` can create ClusterRoleBindings and bind any ClusterRole (line {line}), so it can make anyone cluster-admin; limit `bind` with `resourceNames`",
            "ClusterRole `{name}` 可以创建 ClusterRoleBinding，并可以绑定任意 ClusterRole（第 {line} 行），因此能让任何人成为 cluster-admin；请用 `resourceNames` 限制 `bind`",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
