//! K8S416: a role can request tokens for service accounts.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S416",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Role can mint service account tokens",
            zh: "角色可以签发服务账号令牌",
        },
        description: Text {
            en: "`create` on `serviceaccounts/token` (the TokenRequest API) issues a token for any \
                 service account the rule reaches, with a lifetime the caller picks. The holder gets \
                 the permissions of every one of those accounts, controllers' included.",
            zh: "对 `serviceaccounts/token`（TokenRequest API）的 `create` 可以为规则覆盖到的任意服务账号签发\
                 令牌，有效期由调用者决定。持有者因此获得这些账号（包括各类控制器的账号）的全部权限。",
        },
        remediation: Text {
            en: "Remove `serviceaccounts/token`, or limit it with `resourceNames` to the service \
                 accounts the workload must act as.",
            zh: "删除 `serviceaccounts/token`，或用 `resourceNames` 把它限制为工作负载必须使用的服务账号。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request",
            "https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/",
        ],
        concern: None,
    },
    check,
};

static TOKENS: Grant = Grant {
    targets: &[("", "serviceaccounts/token")],
    verbs: &["create"],
    cluster_scoped: false,
    names: Names::UNRESTRICTED,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&TOKENS) {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on `{resource}`, so it can mint a token for any service account it reaches; limit it with `resourceNames` or remove it",
            "{kind} `{name}` 对 `{resource}` 授予 `{verbs}`，可以为其覆盖到的任意服务账号签发令牌；请用 `resourceNames` 加以限制或删除",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
