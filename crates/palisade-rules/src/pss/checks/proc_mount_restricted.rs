//! PSS-procMount_restricted (restricted, v1.35+): `procMount: Default` even in a user namespace.
//! Replaces procMount.

use super::super::prelude::*;
use super::proc_mount::report_unmasked;

pub(crate) static CHECK: Check = Check {
    id: "procMount_restricted",
    level: Level::Restricted,
    meta: RuleMeta {
        code: "PSS-procMount_restricted",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Pod Security restricted: unmasked /proc",
            zh: "Pod 安全标准 restricted：未屏蔽的 /proc",
        },
        description: Text {
            en: "Restricted keeps /proc masked for every pod, including pods in their own user namespace \
                 (`hostUsers: false`), which baseline lets unmask it from policy version v1.35.",
            zh: "restricted 级别要求所有 Pod 都使用屏蔽的 /proc，包括运行在独立用户命名空间（`hostUsers: false`）\
                 中的 Pod——从策略版本 v1.35 起 baseline 允许后者取消屏蔽。",
        },
        remediation: Text {
            en: "Remove `procMount` from the container's securityContext (or set it to `Default`).",
            zh: "删除容器 securityContext 中的 `procMount`（或设为 `Default`）。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
        concern: Some("proc-mount"),
    },
    versions: &[Versioned::new(35, run).replacing(&["procMount"])],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    report_unmasked(&CHECK, pod, out);
}
