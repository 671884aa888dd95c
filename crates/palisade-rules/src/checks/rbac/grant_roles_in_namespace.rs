//! K8S410: a role can create `RoleBindings` and bind any role: it can grant any permission in a
//! namespace.

use super::escalate_or_bind_roles::BIND;
use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S410",
        aliases: &["KSV051"],
        severity: Severity::High,
        title: Text {
            en: "Role can create RoleBindings to any role",
            zh: "角色可以创建指向任意角色的 RoleBinding",
        },
        description: Text {
            en: "With `create` on `rolebindings` and an unrestricted `bind` on `roles` or \
                 `clusterroles`, the holder can bind any role, `cluster-admin` included, to itself or \
                 anyone else in the namespace: it becomes namespace administrator with one request.",
            zh: "同时拥有对 `rolebindings` 的 `create` 和对 `roles` 或 `clusterroles` 不受限制的 `bind`，持有者\
                 就能在命名空间内把任意角色（包括 `cluster-admin`）绑定给自己或他人：一个请求即可成为命名空间管理员。",
        },
        remediation: Text {
            en: "Limit `bind` with `resourceNames` to the roles this role may hand out, or remove \
                 `create` on `rolebindings`.",
            zh: "用 `resourceNames` 把 `bind` 限制为该角色可以分发的角色，或删除对 `rolebindings` 的 `create`。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update",
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#bind-verb",
        ],
        concern: Some("rbac-binding-grant"),
    },
    check,
};

/// `resourceNames` never authorise `create`, so a rule limited by name creates nothing.
static CREATE_ROLE_BINDINGS: Grant = Grant {
    targets: &[("rbac.authorization.k8s.io", "rolebindings")],
    verbs: &["create"],
    cluster_scoped: false,
    names: Names::UNRESTRICTED,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    let Some(bind) = role.hits(&BIND).into_iter().next() else {
        return;
    };
    for hit in role.hits(&CREATE_ROLE_BINDINGS) {
        let (kind, name, bound, line) = (
            role.kind,
            role.name,
            bind.resource,
            bind.resource_node.span.start.line,
        );
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` can create RoleBindings and has an unrestricted `bind` on `{bound}` (line {line}), so it can grant any role in the namespace; limit `bind` with `resourceNames`",
            "{kind} `{name}` 可以创建 RoleBinding，并对 `{bound}` 拥有不受限制的 `bind`（第 {line} 行），因此能在命名空间内授予任何角色；请用 `resourceNames` 限制 `bind`",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
