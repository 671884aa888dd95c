//! PSS-allowPrivilegeEscalation (restricted, v1.8+): every container sets
//! `allowPrivilegeEscalation: false`; Windows pods are exempt from v1.25.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "allowPrivilegeEscalation",
    level: Level::Restricted,
    meta: RuleMeta {
        code: "PSS-allowPrivilegeEscalation",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security restricted: privilege escalation allowed",
            zh: "Pod 安全标准 restricted：允许特权提升",
        },
        description: Text {
            en: "Unless `allowPrivilegeEscalation` is false, a process can gain more privileges than its parent \
                 (setuid binaries, file capabilities). Restricted requires every container to set it to false \
                 explicitly; unset means allowed.",
            zh: "除非 `allowPrivilegeEscalation` 为 false，进程可以获得比父进程更多的权限（setuid 程序、文件能力）。\
                 restricted 级别要求每个容器显式设为 false；不设置即为允许。",
        },
        remediation: Text {
            en: "Set `securityContext.allowPrivilegeEscalation: false` in every container, init and ephemeral \
                 containers included.",
            zh: "在每个容器（包括 init 容器和临时容器）中设置 `securityContext.allowPrivilegeEscalation: false`。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
        concern: Some("allowPrivilegeEscalation"),
    },
    versions: &[Versioned::new(8, run), Versioned::new(25, run).except_windows()],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for container in pod.containers() {
        let value = own(&container, "allowPrivilegeEscalation");
        if value.and_then(Node::as_bool) == Some(false) {
            continue;
        }
        let name = container.name();
        let message = tr!(
            out.lang,
            "container `{name}` allows privilege escalation; required: `allowPrivilegeEscalation: false`",
            "容器 `{name}` 允许特权提升；要求：`allowPrivilegeEscalation: false`",
        );
        let at = value.unwrap_or_else(|| container.nearest(&["securityContext"]));
        let field = container.field("securityContext.allowPrivilegeEscalation");
        out.report(&CHECK, at, field, "allowPrivilegeEscalation", message);
    }
}
