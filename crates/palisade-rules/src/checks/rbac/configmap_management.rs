//! K8S419: a role can create, change or delete any `ConfigMap`.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S419",
        aliases: &["KSV049"],
        severity: Severity::Medium,
        title: Text {
            en: "Role can change any ConfigMap",
            zh: "角色可以修改任意 ConfigMap",
        },
        description: Text {
            en: "ConfigMaps steer how workloads behave (feature flags, endpoints, scripts mounted \
                 and executed at start-up), and some hold credentials by mistake. Write access to \
                 all of them lets the holder change other workloads' behaviour or, on EKS, edit \
                 `aws-auth` to map an IAM identity to `system:masters`.",
            zh: "ConfigMap 决定工作负载的行为（功能开关、服务地址、启动时挂载并执行的脚本），有些还误存了凭据。\
                 对全部 ConfigMap 有写权限，持有者就能改变其他工作负载的行为；在 EKS 上还能编辑 `aws-auth`，\
                 把某个 IAM 身份映射到 `system:masters`。",
        },
        remediation: Text {
            en: "Name the ConfigMaps the workload writes in `resourceNames` (and grant `create` \
                 separately if it must make new ones), or grant only `get`, `list` and `watch`.",
            zh: "在 `resourceNames` 中列出工作负载要写入的 ConfigMap（如需新建，再单独授予 `create`），\
                 或只授予 `get`、`list` 和 `watch`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources",
        ],
        concern: None,
    },
    check,
};

static CONFIGMAPS: Grant = Grant {
    targets: &[("", "configmaps")],
    verbs: &["create", "update", "patch", "delete", "deletecollection"],
    cluster_scoped: false,
    names: Names::UNRESTRICTED,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&CONFIGMAPS) {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on every ConfigMap (`{resource}`); name the ConfigMaps it writes in `resourceNames`",
            "{kind} `{name}` 对所有 ConfigMap（`{resource}`）授予 `{verbs}`；请在 `resourceNames` 中列出它要写入的 ConfigMap",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
