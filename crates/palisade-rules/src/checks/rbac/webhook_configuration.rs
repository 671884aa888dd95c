//! K8S418: a `ClusterRole` can change admission webhooks and policies.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S418",
        aliases: &["KSV114", "CKV_K8S_155"],
        severity: Severity::Critical,
        title: Text {
            en: "ClusterRole can change admission webhooks or policies",
            zh: "ClusterRole 可以修改准入 Webhook 或准入策略",
        },
        description: Text {
            en: "A mutating webhook sees and can rewrite every object it selects as it is created, \
                 Secrets and pod specs included; a validating webhook or admission policy is often \
                 what enforces security policy. Whoever can create, change or delete them can inject \
                 containers into every pod, read Secrets in flight, or switch the guard rails off.",
            zh: "变更型 Webhook 可以在对象创建时看到并改写它选中的每个对象，包括 Secret 和 Pod 定义；验证型 \
                 Webhook 和准入策略往往就是安全策略的执行者。能创建、修改或删除它们的人，就能向每个 Pod 注入\
                 容器、在传输途中读取 Secret，或者直接关掉这些防护。",
        },
        remediation: Text {
            en: "Grant only `get`, `list` and `watch` on webhook configurations and admission \
                 policies; a controller that patches its own webhook's `caBundle` should name it in \
                 `resourceNames`.",
            zh: "对 Webhook 配置和准入策略只授予 `get`、`list` 和 `watch`；需要修补自身 Webhook `caBundle` 的\
                 控制器，应在 `resourceNames` 中写明该 Webhook。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks",
            "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/",
        ],
        concern: None,
    },
    check,
};

const ADMISSION: &str = "admissionregistration.k8s.io";

/// `resourceNames` limit a controller to its own webhook (cert-manager's cainjector does this).
static ADMISSION_CONFIG: Grant = Grant {
    targets: &[
        (ADMISSION, "mutatingwebhookconfigurations"),
        (ADMISSION, "validatingwebhookconfigurations"),
        (ADMISSION, "validatingadmissionpolicies"),
        (ADMISSION, "validatingadmissionpolicybindings"),
        (ADMISSION, "mutatingadmissionpolicies"),
        (ADMISSION, "mutatingadmissionpolicybindings"),
    ],
    verbs: &["create", "update", "patch", "delete", "deletecollection"],
    cluster_scoped: true,
    names: Names::UNRESTRICTED,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&ADMISSION_CONFIG) {
        let (name, verbs, resource) = (role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "ClusterRole `{name}` grants `{verbs}` on `{resource}`, which can intercept or disable admission control for the whole cluster; grant only `get`, `list`, `watch`, or name the objects in `resourceNames`",
            "ClusterRole `{name}` 对 `{resource}` 授予 `{verbs}`，可以拦截或关闭整个集群的准入控制；请只授予 `get`、`list`、`watch`，或在 `resourceNames` 中写明对象",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
