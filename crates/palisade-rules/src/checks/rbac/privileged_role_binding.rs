//! K8S430: a binding grants the built-in `cluster-admin`, `admin` or `edit` `ClusterRole`.

use super::view::Binding;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S430",
        aliases: &["KSV111"],
        severity: Severity::Medium,
        title: Text {
            en: "Binding grants cluster-admin, admin or edit",
            zh: "绑定授予了 cluster-admin、admin 或 edit",
        },
        description: Text {
            en: "`cluster-admin` is unrestricted access (to the whole cluster through a \
                 ClusterRoleBinding, to the namespace and its RBAC through a RoleBinding). `admin` \
                 and `edit` include reading every Secret, running pods as any service account and \
                 exec into pods, so they also reach every service account's permissions. They are \
                 meant for people, rarely for workloads.",
            zh: "`cluster-admin` 是不受限制的访问权限（通过 ClusterRoleBinding 覆盖整个集群，通过 RoleBinding 覆盖\
                 命名空间及其 RBAC）。`admin` 和 `edit` 包括读取所有 Secret、以任意服务账号运行 Pod 以及进入 Pod \
                 执行命令，因此同样能获得每个服务账号的权限。这些角色是给人用的，很少适合工作负载。",
        },
        remediation: Text {
            en: "Bind a role that lists only what the subjects need; keep `cluster-admin` for \
                 break-glass accounts.",
            zh: "绑定一个只列出主体实际所需权限的角色；`cluster-admin` 只留给应急账号。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(binding) = Binding::of(object) else {
        return;
    };
    // The built-in roles are ClusterRoles; a Role called `admin` is someone's own role.
    if binding.role_kind() != Some("ClusterRole") {
        return;
    }
    let Some((node, role)) = binding.role_name() else {
        return;
    };
    let (kind, name) = (binding.kind, binding.name);
    let message = match (role, kind) {
        ("cluster-admin", "ClusterRoleBinding") => tr!(
            sink.lang(),
            "{kind} `{name}` grants `cluster-admin` on the whole cluster; bind a role that lists only what its subjects need",
            "{kind} `{name}` 在整个集群范围授予 `cluster-admin`；请绑定只包含主体所需权限的角色",
        ),
        ("cluster-admin" | "admin" | "edit", _) => tr!(
            sink.lang(),
            "{kind} `{name}` grants the built-in `{role}` role, which reads Secrets and runs pods as any service account; bind a role that lists only what its subjects need",
            "{kind} `{name}` 授予内置的 `{role}` 角色，可读取 Secret 并以任意服务账号运行 Pod；请绑定只包含主体所需权限的角色",
        ),
        _ => return,
    };
    sink.report(&RULE.meta, node, "roleRef.name", message);
}
