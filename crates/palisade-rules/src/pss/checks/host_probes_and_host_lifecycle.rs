//! PSS-hostProbesAndHostLifecycle (baseline, v1.34+): probes and lifecycle hooks must not name a
//! host.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "hostProbesAndHostLifecycle",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-hostProbesAndHostLifecycle",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security baseline: probe or lifecycle hook with a host",
            zh: "Pod 安全标准 baseline：探针或生命周期钩子指定了 host",
        },
        description: Text {
            en: "An `httpGet` or `tcpSocket` probe or lifecycle hook with a `host` makes the kubelet connect to \
                 any address on the pod's behalf, from the node's network position. From policy version v1.34 \
                 baseline rejects any `host` there.",
            zh: "带 `host` 的 `httpGet` 或 `tcpSocket` 探针/生命周期钩子会让 kubelet 以节点的网络身份代替 Pod \
                 连接任意地址。从策略版本 v1.34 起，baseline 级别拒绝在这些位置设置 `host`。",
        },
        remediation: Text {
            en: "Remove `host` from the probe or hook: the kubelet then connects to the pod's own IP.",
            zh: "删除探针或钩子中的 `host`：kubelet 会改为连接 Pod 自己的 IP。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("probe-host"),
    },
    versions: &[Versioned::new(34, run)],
};

const HANDLERS: [&[&str]; 5] = [
    &["livenessProbe"],
    &["readinessProbe"],
    &["startupProbe"],
    &["lifecycle", "postStart"],
    &["lifecycle", "preStop"],
];

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for container in pod.containers() {
        for path in HANDLERS {
            let Some(handler) = container.node.path(path) else {
                continue;
            };
            for action in ["httpGet", "tcpSocket"] {
                let Some(host) = set(handler.get(action).and_then(|a| a.get("host"))) else {
                    continue;
                };
                if host.as_text().is_none_or(str::is_empty) && host.scalar().is_some() {
                    continue;
                }
                let (name, value) = (container.name(), host.as_text().unwrap_or_default());
                let message = tr!(
                    out.lang,
                    "container `{name}` sends a probe or hook to host `{value}`; allowed: `host` unset",
                    "容器 `{name}` 的探针或钩子指向主机 `{value}`；允许的值：不设置 `host`",
                );
                let field = container.field(&format!("{}.{action}.host", path.join(".")));
                out.report(&CHECK, host, field, "probe-host", message);
            }
        }
    }
}
