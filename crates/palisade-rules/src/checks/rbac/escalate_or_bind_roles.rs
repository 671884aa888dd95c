//! K8S409: a role can escalate or bind roles, stepping around RBAC's escalation check.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S409",
        aliases: &["KSV050", "CKV_K8S_157", "CKV_K8S_158"],
        severity: Severity::Critical,
        title: Text {
            en: "Role can escalate or bind roles",
            zh: "角色可以对角色执行 escalate 或 bind",
        },
        description: Text {
            en: "RBAC stops users from writing or binding a role with permissions they do not hold, \
                 unless they have `escalate` (write any rule into a role) or `bind` (bind any role) \
                 on `roles` or `clusterroles`. With either, the holder can give itself anything, up \
                 to cluster-admin. `*` in `verbs` includes both.",
            zh: "RBAC 会阻止用户创建、修改或绑定一个包含自己并不具备的权限的角色，除非他对 `roles` 或 \
                 `clusterroles` 拥有 `escalate`（可以往角色里写入任意规则）或 `bind`（可以绑定任意角色）。\
                 拥有其中任何一个，持有者就能给自己任何权限，直至 cluster-admin。`verbs` 中的 `*` 同时包含两者。",
        },
        remediation: Text {
            en: "Remove `escalate` and `bind` (and `*`) from the rule. If a controller must bind \
                 roles, limit `bind` with `resourceNames` to the roles it hands out.",
            zh: "从规则中删除 `escalate` 和 `bind`（以及 `*`）。如果某个控制器确实需要绑定角色，请用 \
                 `resourceNames` 把 `bind` 限制为它要分发的那几个角色。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping",
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb",
        ],
        concern: None,
    },
    check,
};

const RBAC: &str = "rbac.authorization.k8s.io";

/// Role names whose `bind` is as good as unrestricted: the built-in administrator roles, and a
/// literal `*`, which Kubernetes compares as a name but which shows the intent to allow every role.
pub(super) const PRIVILEGED_ROLES: &[&str] = &["*", "cluster-admin", "admin", "edit"];

/// `escalate` lets the holder write any rule into the named roles, so names do not make it safe.
static ESCALATE: Grant = Grant {
    targets: &[(RBAC, "roles"), (RBAC, "clusterroles")],
    verbs: &["escalate"],
    cluster_scoped: false,
    names: Names::Any,
};

/// Binding a few named, modest roles is the documented way to delegate; anything else is not.
pub(super) static BIND: Grant = Grant {
    targets: &[(RBAC, "roles"), (RBAC, "clusterroles")],
    verbs: &["bind"],
    cluster_scoped: false,
    names: Names::UnlessRestrictedTo(PRIVILEGED_ROLES),
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    let mut hits = role.hits(&ESCALATE);
    for bind in role.hits(&BIND) {
        let same = hits
            .iter_mut()
            .find(|h| h.rule.index == bind.rule.index && h.resource_index == bind.resource_index);
        match same {
            Some(hit) => {
                for verb in bind.verbs {
                    if !hit.verbs.contains(&verb) {
                        hit.verbs.push(verb);
                    }
                }
            }
            None => hits.push(bind),
        }
    }
    hits.sort_by_key(|h| (h.rule.index, h.resource_index));
    for hit in hits {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on `{resource}`, which lets it grant itself any permission; remove `escalate` and `bind` from the rule",
            "{kind} `{name}` 对 `{resource}` 授予 `{verbs}`，可以给自己授予任何权限；请从规则中删除 `escalate` 和 `bind`",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
