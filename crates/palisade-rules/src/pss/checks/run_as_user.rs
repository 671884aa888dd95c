//! PSS-runAsUser (restricted, v1.23+): no pod or container may set `runAsUser: 0`.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "runAsUser",
    level: Level::Restricted,
    meta: RuleMeta {
        code: "PSS-runAsUser",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security restricted: runs as user 0",
            zh: "Pod 安全标准 restricted：以用户 0 运行",
        },
        description: Text {
            en: "User 0 is root. From policy version v1.23 restricted rejects `runAsUser: 0` at pod or container \
                 level; leaving it unset is allowed (runAsNonRoot then guards the image's user).",
            zh: "用户 0 就是 root。从策略版本 v1.23 起，restricted 级别拒绝 Pod 或容器级的 `runAsUser: 0`；\
                 不设置是允许的（此时由 runAsNonRoot 约束镜像中的用户）。",
        },
        remediation: Text {
            en: "Set `runAsUser` to a non-zero UID (for example 10001) or remove it.",
            zh: "把 `runAsUser` 设为非 0 的 UID（例如 10001），或删除该字段。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
        concern: Some("runAsUser"),
    },
    versions: &[Versioned::new(23, run)],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    if let Some(value) = pod_level(pod, "runAsUser").filter(|v| v.as_i64() == Some(0)) {
        let message = tr!(
            out.lang,
            "the pod sets `runAsUser: 0`; allowed: a non-zero UID or unset",
            "Pod 设置了 `runAsUser: 0`；允许的值：非 0 的 UID 或不设置",
        );
        out.report(
            &CHECK,
            value,
            pod.spec.field("securityContext.runAsUser"),
            "runAsUser",
            message,
        );
    }
    for container in pod.containers() {
        let Some(value) = own(&container, "runAsUser").filter(|v| v.as_i64() == Some(0)) else {
            continue;
        };
        let name = container.name();
        let message = tr!(
            out.lang,
            "container `{name}` sets `runAsUser: 0`; allowed: a non-zero UID or unset",
            "容器 `{name}` 设置了 `runAsUser: 0`；允许的值：非 0 的 UID 或不设置",
        );
        out.report(
            &CHECK,
            value,
            container.field("securityContext.runAsUser"),
            "runAsUser",
            message,
        );
    }
}
