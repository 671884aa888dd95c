//! PSS-capabilities_baseline (baseline): only the runtime's default capabilities may be added.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "capabilities_baseline",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-capabilities_baseline",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Pod Security baseline: capability beyond the default set",
            zh: "Pod 安全标准 baseline：添加了默认集合之外的能力",
        },
        description: Text {
            en: "Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container powers close to root on \
                 the node. Baseline allows adding only the capabilities container runtimes grant by default: \
                 AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, \
                 SETGID, SETPCAP, SETUID and SYS_CHROOT.",
            zh: "SYS_ADMIN、NET_ADMIN、SYS_PTRACE 等能力让容器拥有接近节点 root 的权力。baseline 级别只允许添加\
                 容器运行时默认授予的能力：AUDIT_WRITE、CHOWN、DAC_OVERRIDE、FOWNER、FSETID、KILL、MKNOD、\
                 NET_BIND_SERVICE、SETFCAP、SETGID、SETPCAP、SETUID、SYS_CHROOT。",
        },
        remediation: Text {
            en: "Remove the capability from `securityContext.capabilities.add`.",
            zh: "从 `securityContext.capabilities.add` 中删除该能力。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("capability-added"),
    },
    versions: &[Versioned::new(0, run)],
};

const ALLOWED: [&str; 13] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for container in pod.containers() {
        let Some(capabilities) = own(&container, "capabilities") else {
            continue;
        };
        let added = capabilities.get("add").and_then(Node::as_seq).unwrap_or_default();
        for (index, capability) in added.iter().enumerate() {
            let text = capability.as_text().unwrap_or_default();
            if ALLOWED.contains(&text) {
                continue;
            }
            let name = container.name();
            let message = tr!(
                out.lang,
                "container `{name}` adds capability `{text}`; allowed: the runtime's default capabilities (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT)",
                "容器 `{name}` 添加了能力 `{text}`；允许的值：运行时默认能力（AUDIT_WRITE、CHOWN、DAC_OVERRIDE、FOWNER、FSETID、KILL、MKNOD、NET_BIND_SERVICE、SETFCAP、SETGID、SETPCAP、SETUID、SYS_CHROOT）",
            );
            let field = container.field(&format!("securityContext.capabilities.add[{index}]"));
            out.report(&CHECK, capability, field, "capability-added", message);
        }
    }
}
