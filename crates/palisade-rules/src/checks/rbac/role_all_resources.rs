//! K8S403: a Role grants a verb on every resource of its namespace.

use super::view::Role;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S403",
        aliases: &["KSV112"],
        // Trivy says CRITICAL; a Role stops at its namespace, and Trivy itself rates namespaced
        // Secret access (KSV113) below cluster-wide access (KSV041).
        severity: Severity::High,
        title: Text {
            en: "Role grants access to every resource in its namespace",
            zh: "Role 授予对所在命名空间所有资源的访问权限",
        },
        description: Text {
            en: "`resources: [\"*\"]` in the core or every API group covers every Secret, pod, \
                 service account and role binding of the namespace. Whoever holds the role can read \
                 the tokens of the namespace's other service accounts and run pods as any of them.",
            zh: "在核心组或全部 API 组上使用 `resources: [\"*\"]`，会覆盖命名空间内所有 Secret、Pod、服务账号和角色\
                 绑定。持有该角色的人可以读取同一命名空间中其他服务账号的令牌，并以任意服务账号的身份运行 Pod。",
        },
        remediation: Text {
            en: "Replace `\"*\"` in `resources` with the resources the workload uses. A GitOps agent \
                 that really manages the whole namespace should be documented and suppressed by name.",
            zh: "把 `resources` 中的 `\"*\"` 换成工作负载实际用到的资源。确需管理整个命名空间的 GitOps \
                 组件，应在文档中说明并按名称单独豁免。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources",
        ],
        concern: Some("rbac-wildcard"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    if role.cluster {
        return;
    }
    let name = role.name;
    for (field, node, verbs) in role.all_core_resources() {
        let message = tr!(
            sink.lang(),
            "Role `{name}` grants `{verbs}` on every resource of its namespace, Secrets included; list the resources it needs instead of `*`",
            "Role `{name}` 对所在命名空间的所有资源（包括 Secret）授予 `{verbs}`；请用实际需要的资源替换 `*`",
        );
        sink.report(&RULE.meta, node, field, message);
    }
}
