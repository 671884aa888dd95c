//! K8S405: a `ClusterRole` can read or change Secrets.

use super::view::{Grant, Hit, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S405",
        aliases: &["KSV041"],
        severity: Severity::Critical,
        title: Text {
            en: "ClusterRole can read or change Secrets",
            zh: "ClusterRole 可以读取或修改 Secret",
        },
        description: Text {
            en: "Bound cluster-wide, access to Secrets reaches every service account token, registry \
                 credential and TLS key in the cluster; at least one of those usually belongs to a \
                 cluster-admin. `list` and `watch` return the full content of every Secret, not just \
                 names. `create` can mint a token for any service account (a \
                 `kubernetes.io/service-account-token` Secret), and `update`/`patch` can swap \
                 credentials in place.",
            zh: "通过 ClusterRoleBinding 绑定后，对 Secret 的访问覆盖集群中所有服务账号令牌、镜像仓库凭据和 TLS \
                 私钥，其中通常至少有一个属于 cluster-admin。`list` 和 `watch` 返回的是每个 Secret 的完整内容，\
                 而不只是名称。`create` 可以为任意服务账号签发令牌（`kubernetes.io/service-account-token` 类型的 \
                 Secret），`update`/`patch` 可以直接替换凭据。",
        },
        remediation: Text {
            en: "Name the Secrets the workload reads in `resourceNames` and grant only `get`, or move \
                 the permission to a Role in the one namespace that needs it.",
            zh: "在 `resourceNames` 中列出工作负载要读取的 Secret，并只授予 `get`；或者把权限移到真正需要它的\
                 那个命名空间的 Role 中。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets",
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
        ],
        concern: None,
    },
    check,
};

/// Every verb that reads, creates or changes Secrets. `resourceNames` makes a rule safe: it limits
/// the rule to the named Secrets, and never authorises `create`, `deletecollection` or an
/// unfiltered `list`.
pub(super) static SECRETS: Grant = Grant {
    targets: &[("", "secrets")],
    verbs: &[
        "get",
        "list",
        "watch",
        "create",
        "update",
        "patch",
        "delete",
        "deletecollection",
    ],
    cluster_scoped: false,
    names: Names::UNRESTRICTED,
};

/// True when the verbs return every Secret's content at once.
pub(super) fn lists(hit: &Hit<'_>) -> bool {
    hit.verbs.iter().any(|v| matches!(*v, "list" | "watch" | "*"))
}

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    if !role.cluster {
        return;
    }
    for hit in role.hits(&SECRETS) {
        let (name, verbs) = (role.name, hit.verb_list());
        let message = if lists(&hit) {
            tr!(
                sink.lang(),
                "ClusterRole `{name}` grants `{verbs}` on Secrets, which returns the content of every Secret it reaches; name the Secrets in `resourceNames` and grant only `get`",
                "ClusterRole `{name}` 对 Secret 授予 `{verbs}`，可以读出其作用范围内每个 Secret 的内容；请在 `resourceNames` 中列出所需 Secret，并只授予 `get`",
            )
        } else {
            tr!(
                sink.lang(),
                "ClusterRole `{name}` grants `{verbs}` on every Secret; name the Secrets it needs in `resourceNames`",
                "ClusterRole `{name}` 对所有 Secret 授予 `{verbs}`；请在 `resourceNames` 中列出所需 Secret",
            )
        };
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
