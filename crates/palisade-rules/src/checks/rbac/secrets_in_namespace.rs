//! K8S406: a Role can read or change the Secrets of its namespace.

use super::secrets_cluster_wide::{SECRETS, lists};
use super::view::Role;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S406",
        aliases: &["KSV113"],
        severity: Severity::Medium,
        title: Text {
            en: "Role can read or change the Secrets of its namespace",
            zh: "Role 可以读取或修改所在命名空间的 Secret",
        },
        description: Text {
            en: "Access to all Secrets of a namespace includes the tokens and credentials of every \
                 other workload there; if one of their service accounts is bound to a stronger role, \
                 this role leads to it. `list` and `watch` return every Secret's content, and \
                 `create` can mint a token for any service account of the namespace.",
            zh: "能访问命名空间内的全部 Secret，就能拿到同一命名空间中其他所有工作负载的令牌和凭据；只要其中\
                 某个服务账号绑定了更高权限的角色，这个角色就能借此提权。`list` 和 `watch` 会返回每个 Secret \
                 的内容，`create` 可以为该命名空间的任意服务账号签发令牌。",
        },
        remediation: Text {
            en: "Name the Secrets the workload reads in `resourceNames` and grant only `get`.",
            zh: "在 `resourceNames` 中列出工作负载要读取的 Secret，并只授予 `get`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets",
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    if role.cluster {
        return;
    }
    for hit in role.hits(&SECRETS) {
        let (name, verbs) = (role.name, hit.verb_list());
        let message = if lists(&hit) {
            tr!(
                sink.lang(),
                "Role `{name}` grants `{verbs}` on Secrets, which returns the content of every Secret in the namespace; name the Secrets in `resourceNames` and grant only `get`",
                "Role `{name}` 对 Secret 授予 `{verbs}`，可以读出命名空间内每个 Secret 的内容；请在 `resourceNames` 中列出所需 Secret，并只授予 `get`",
            )
        } else {
            tr!(
                sink.lang(),
                "Role `{name}` grants `{verbs}` on every Secret of its namespace; name the Secrets it needs in `resourceNames`",
                "Role `{name}` 对所在命名空间的所有 Secret 授予 `{verbs}`；请在 `resourceNames` 中列出所需 Secret",
            )
        };
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
