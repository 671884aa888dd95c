//! PSS-hostPorts (baseline): container ports bound on the node are forbidden.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "hostPorts",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-hostPorts",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security baseline: host port",
            zh: "Pod 安全标准 baseline：宿主机端口",
        },
        description: Text {
            en: "A `hostPort` binds the container port on the node's own addresses, bypassing Services and \
                 NetworkPolicies and limiting where the pod can be scheduled. Baseline rejects any non-zero \
                 hostPort.",
            zh: "`hostPort` 把容器端口绑定到节点自身的地址上，绕过 Service 和 NetworkPolicy，并限制 Pod 可调度的\
                 节点。baseline 级别拒绝任何非零的 hostPort。",
        },
        remediation: Text {
            en: "Remove `hostPort` from the container's ports and expose the port through a Service.",
            zh: "删除容器端口中的 `hostPort`，改用 Service 暴露端口。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("host-port"),
    },
    versions: &[Versioned::new(0, run)],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for container in pod.containers() {
        let ports = container.get("ports").and_then(Node::as_seq).unwrap_or_default();
        for (index, port) in ports.iter().enumerate() {
            let Some(value) = set(port.get("hostPort")) else {
                continue;
            };
            if value.as_i64() == Some(0) {
                continue;
            }
            let (name, number) = (container.name(), value.as_text().unwrap_or_default());
            let message = tr!(
                out.lang,
                "container `{name}` uses host port {number}; allowed: `hostPort` 0 or unset",
                "容器 `{name}` 使用宿主机端口 {number}；允许的值：`hostPort` 为 0 或不设置",
            );
            let field = container.field(&format!("ports[{index}].hostPort"));
            out.report(&CHECK, value, field, "host-port", message);
        }
    }
}
