//! PSS-procMount (baseline): containers keep the default masked /proc; from v1.35 pods in their
//! own user namespace (`hostUsers: false`) may unmask it.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "procMount",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-procMount",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Pod Security baseline: unmasked /proc",
            zh: "Pod 安全标准 baseline：未屏蔽的 /proc",
        },
        description: Text {
            en: "The default /proc mount masks and makes read-only the paths that leak host information or \
                 control the kernel. Baseline allows only `procMount: Default`; from policy version v1.35 a pod \
                 with `hostUsers: false` runs in its own user namespace and may use `Unmasked`.",
            zh: "默认的 /proc 挂载会屏蔽或只读化那些泄露宿主机信息、可控制内核的路径。baseline 级别只允许 \
                 `procMount: Default`；从策略版本 v1.35 起，设置了 `hostUsers: false` 的 Pod 运行在独立的用户\
                 命名空间中，可以使用 `Unmasked`。",
        },
        remediation: Text {
            en: "Remove `procMount` from the container's securityContext (or set it to `Default`).",
            zh: "删除容器 securityContext 中的 `procMount`（或设为 `Default`）。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("proc-mount"),
    },
    versions: &[
        Versioned::new(0, run),
        Versioned::new(35, default_unless_own_user_namespace),
    ],
};

fn default_unless_own_user_namespace<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    if !pod.own_user_namespace {
        run(pod, out);
    }
}

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    report_unmasked(&CHECK, pod, out);
}

/// Reports, as `check`, containers whose `procMount` is set to anything but `Default` (shared
/// with procMount_restricted).
pub(super) fn report_unmasked<'a>(check: &'static Check, pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for container in pod.containers() {
        let Some(value) = own(&container, "procMount") else {
            continue;
        };
        let text = value.as_text().unwrap_or_default();
        if text == "Default" {
            continue;
        }
        let name = container.name();
        let message = tr!(
            out.lang,
            "container `{name}` sets `procMount: {text}`; allowed: Default or unset",
            "容器 `{name}` 设置了 `procMount: {text}`；允许的值：Default 或不设置",
        );
        out.report(
            check,
            value,
            container.field("securityContext.procMount"),
            "proc-mount",
            message,
        );
    }
}
