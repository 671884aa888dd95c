//! K8S412: a role can create or change role bindings, handing its holder's permissions to others.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S412",
        aliases: &["KSV055"],
        severity: Severity::Low,
        title: Text {
            en: "Role can create or change role bindings",
            zh: "角色可以创建或修改角色绑定",
        },
        description: Text {
            en: "RBAC lets a user create or edit a binding to a role whose permissions the user \
                 already holds. Whoever holds this role can therefore add any user, group or service \
                 account to their own bindings and pass on everything they can do. That is normal \
                 for namespace administrators and surprising anywhere else.",
            zh: "RBAC 允许用户创建或修改指向某个角色的绑定，只要该用户自己已经拥有这个角色的全部权限。因此持有\
                 本角色的人可以把任意用户、组或服务账号加入自己的绑定，把自己能做的一切转交出去。对命名空间管理员\
                 这是正常的，对其他角色则出乎意料。",
        },
        remediation: Text {
            en: "Remove `create`, `update` and `patch` on `rolebindings` and `clusterrolebindings` \
                 unless the role is meant to administer access.",
            zh: "除非该角色本来就负责管理访问权限，否则删除对 `rolebindings` 和 `clusterrolebindings` 的 \
                 `create`、`update` 和 `patch`。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update",
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
        ],
        concern: Some("rbac-binding-grant"),
    },
    check,
};

const RBAC: &str = "rbac.authorization.k8s.io";

static ROLE_BINDINGS: Grant = Grant {
    targets: &[(RBAC, "rolebindings")],
    verbs: &["create", "update", "patch"],
    cluster_scoped: false,
    names: Names::Any,
};

static CLUSTER_ROLE_BINDINGS: Grant = Grant {
    targets: &[(RBAC, "clusterrolebindings")],
    verbs: &["create", "update", "patch"],
    cluster_scoped: true,
    names: Names::Any,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    let mut hits = role.hits(&ROLE_BINDINGS);
    hits.extend(role.hits(&CLUSTER_ROLE_BINDINGS));
    hits.sort_by_key(|h| (h.rule.index, h.resource_index));
    for hit in hits {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on `{resource}`, so its holders can hand their own permissions to anyone; remove these verbs unless the role administers access",
            "{kind} `{name}` 对 `{resource}` 授予 `{verbs}`，持有者可以把自己的权限转交给任何人；除非该角色负责管理访问权限，否则请删除这些操作",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
