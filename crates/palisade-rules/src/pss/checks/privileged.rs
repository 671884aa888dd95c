//! PSS-privileged (baseline): privileged containers are forbidden.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "privileged",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-privileged",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Pod Security baseline: privileged container",
            zh: "Pod 安全标准 baseline：特权容器",
        },
        description: Text {
            en: "Privileged containers disable almost every isolation mechanism of the node. The baseline and \
                 restricted levels reject pods where any container sets `securityContext.privileged: true`.",
            zh: "特权容器几乎关闭了节点上的所有隔离机制。baseline 与 restricted 级别会拒绝任何容器设置了 \
                 `securityContext.privileged: true` 的 Pod。",
        },
        remediation: Text {
            en: "Remove `privileged: true` (or set it to `false`) in every container's securityContext.",
            zh: "删除每个容器 securityContext 中的 `privileged: true`（或改为 `false`）。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("privileged"),
    },
    versions: &[Versioned::new(0, run)],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for container in pod.containers() {
        let Some(value) = own(&container, "privileged") else {
            continue;
        };
        if value.as_bool() == Some(true) {
            let name = container.name();
            let message = tr!(
                out.lang,
                "container `{name}` is privileged; allowed: `privileged` false or unset",
                "容器 `{name}` 为特权容器；允许的值：`privileged` 为 false 或不设置",
            );
            out.report(
                &CHECK,
                value,
                container.field("securityContext.privileged"),
                "privileged",
                message,
            );
        }
    }
}
