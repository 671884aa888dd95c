//! K8S413: a role can impersonate users, groups or service accounts.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S413",
        aliases: &["KSV043"],
        severity: Severity::Critical,
        title: Text {
            en: "Role can impersonate users, groups or service accounts",
            zh: "角色可以冒充用户、组或服务账号",
        },
        description: Text {
            en: "`impersonate` lets the holder send requests as another identity (`kubectl \
                 --as`/`--as-group`). Impersonating the group `system:masters`, a cluster-admin user \
                 or a controller's service account gives all of their access, and the audit log \
                 records the impersonated identity.",
            zh: "`impersonate` 允许持有者以另一个身份发送请求（`kubectl --as`/`--as-group`）。冒充 \
                 `system:masters` 组、某个 cluster-admin 用户或控制器的服务账号，就获得了它们的全部权限，\
                 而且审计日志记录的是被冒充的身份。",
        },
        remediation: Text {
            en: "Remove `impersonate`; if a proxy really needs it, limit it with `resourceNames` to \
                 the identities it acts for.",
            zh: "删除 `impersonate`；如果某个代理确实需要，请用 `resourceNames` 把它限制为所代理的那些身份。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation",
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#impersonate-verb",
        ],
        concern: None,
    },
    check,
};

/// Names that stay critical when `resourceNames` lists them.
const PRIVILEGED: &[&str] = &["system:masters"];

/// Users and groups are impersonated cluster-wide (the request carries no namespace), so only a
/// `ClusterRole` can grant it.
static IDENTITIES: Grant = Grant {
    targets: &[("", "users"), ("", "groups")],
    verbs: &["impersonate"],
    cluster_scoped: true,
    names: Names::UnlessRestrictedTo(PRIVILEGED),
};

static SERVICE_ACCOUNTS: Grant = Grant {
    targets: &[("", "serviceaccounts")],
    verbs: &["impersonate"],
    cluster_scoped: false,
    names: Names::UNRESTRICTED,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    let mut hits = role.hits(&IDENTITIES);
    hits.extend(role.hits(&SERVICE_ACCOUNTS));
    hits.sort_by_key(|h| (h.rule.index, h.resource_index));
    for hit in hits {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on `{resource}`, so it can act as any of them; remove `impersonate` or limit it with `resourceNames`",
            "{kind} `{name}` 对 `{resource}` 授予 `{verbs}`，可以冒充其中任何身份；请删除 `impersonate` 或用 `resourceNames` 加以限制",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
