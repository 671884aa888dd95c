//! PSS-capabilities_restricted (restricted, v1.22+): every container drops ALL and adds at most
//! NET_BIND_SERVICE; Windows pods are exempt from v1.25. Replaces capabilities_baseline.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "capabilities_restricted",
    level: Level::Restricted,
    meta: RuleMeta {
        code: "PSS-capabilities_restricted",
        aliases: &["KSV106"],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security restricted: capabilities not dropped, or added",
            zh: "Pod 安全标准 restricted：未丢弃全部能力或添加了能力",
        },
        description: Text {
            en: "Restricted requires every container to drop ALL capabilities and to add back at most \
                 NET_BIND_SERVICE, so a compromised process holds no kernel privilege it does not need.",
            zh: "restricted 级别要求每个容器丢弃全部（ALL）能力，最多只加回 NET_BIND_SERVICE，使被攻破的进程不持有\
                 任何不需要的内核特权。",
        },
        remediation: Text {
            en: "Set `securityContext.capabilities.drop: [\"ALL\"]` in every container and remove added \
                 capabilities other than NET_BIND_SERVICE.",
            zh: "在每个容器中设置 `securityContext.capabilities.drop: [\"ALL\"]`，并删除除 NET_BIND_SERVICE 以外\
                 添加的能力。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
        concern: Some("capabilities-drop"),
    },
    versions: &[
        Versioned::new(22, run).replacing(&["capabilities_baseline"]),
        Versioned::new(25, run)
            .except_windows()
            .replacing(&["capabilities_baseline"]),
    ],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for container in pod.containers() {
        let name = container.name();
        let capabilities = own(&container, "capabilities");
        let drop = capabilities
            .and_then(|c| c.get("drop"))
            .and_then(Node::as_seq)
            .unwrap_or_default();
        if !drop.iter().any(|d| d.as_text() == Some("ALL")) {
            let message = tr!(
                out.lang,
                "container `{name}` does not drop ALL capabilities; required: `capabilities.drop` includes \"ALL\"",
                "容器 `{name}` 未丢弃全部能力；要求：`capabilities.drop` 包含 \"ALL\"",
            );
            let at = container.nearest(&["securityContext", "capabilities", "drop"]);
            let field = container.field("securityContext.capabilities.drop");
            out.report(&CHECK, at, field, "capabilities-drop", message);
        }
        let added = capabilities
            .and_then(|c| c.get("add"))
            .and_then(Node::as_seq)
            .unwrap_or_default();
        for (index, capability) in added.iter().enumerate() {
            let text = capability.as_text().unwrap_or_default();
            if text == "NET_BIND_SERVICE" {
                continue;
            }
            let message = tr!(
                out.lang,
                "container `{name}` adds capability `{text}`; allowed: only NET_BIND_SERVICE",
                "容器 `{name}` 添加了能力 `{text}`；允许的值：只能添加 NET_BIND_SERVICE",
            );
            let field = container.field(&format!("securityContext.capabilities.add[{index}]"));
            out.report(&CHECK, capability, field, "capability-added", message);
        }
    }
}
