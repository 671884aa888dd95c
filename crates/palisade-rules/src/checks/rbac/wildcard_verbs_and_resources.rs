//! K8S400: a rule allows every verb on every resource.

use super::view::Role;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S400",
        aliases: &["KSV044"],
        severity: Severity::Critical,
        title: Text {
            en: "Role allows every verb on every resource",
            zh: "角色允许对所有资源执行所有操作",
        },
        description: Text {
            en: "`verbs: [\"*\"]` on `resources: [\"*\"]` is administrator access: whoever holds the \
                 role can read every Secret, run any pod, exec into running containers and, in a \
                 ClusterRole, rewrite RBAC itself. Wildcards also grant every resource and verb that \
                 Kubernetes or a CRD adds later.",
            zh: "对 `resources: [\"*\"]` 授予 `verbs: [\"*\"]` 就是管理员权限：持有该角色的人可以读取所有 \
                 Secret、运行任意 Pod、进入正在运行的容器执行命令；如果是 ClusterRole，还能改写 RBAC 本身。\
                 通配符还会自动覆盖 Kubernetes 或 CRD 日后新增的资源和操作。",
        },
        remediation: Text {
            en: "Replace the wildcards with the resources and verbs the workload uses, for example \
                 `resources: [\"configmaps\"]`, `verbs: [\"get\", \"list\", \"watch\"]`.",
            zh: "把通配符换成工作负载实际用到的资源和操作，例如 `resources: [\"configmaps\"]`、\
                 `verbs: [\"get\", \"list\", \"watch\"]`。",
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
    for rule in &role.rules {
        // `*` resources in another API group are that group's resources only (an operator and its
        // CRDs); in the core group they include Secrets, pods and service accounts.
        if !rule.verbs().any(|(_, _, v)| v == "*") || !rule.has_group("") {
            continue;
        }
        for (index, node, _) in rule.resources().filter(|(_, _, r)| *r == "*") {
            let (kind, name) = (role.kind, role.name);
            let message = tr!(
                sink.lang(),
                "{kind} `{name}` allows every verb on every resource; list the resources and verbs it needs instead of `*`",
                "{kind} `{name}` 允许对所有资源执行所有操作；请用实际需要的资源和操作替换 `*`",
            );
            sink.report(
                &RULE.meta,
                node,
                rule.field(&format!("resources[{index}]")),
                message,
            );
        }
    }
}
