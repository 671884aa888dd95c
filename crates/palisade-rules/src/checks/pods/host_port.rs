//! K8S104: a container port is bound on the node (`ports[].hostPort` set and non-zero).
//!
//! `hostPort: 0` is how the API spells "no host port", so it is not reported (Trivy and Checkov
//! report any `hostPort` key).

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S104",
        aliases: &["KSV024", "CKV_K8S_26"],
        severity: Severity::High,
        title: Text {
            en: "Container binds a port on the host",
            zh: "容器占用宿主机端口",
        },
        description: Text {
            en: "A `hostPort` opens the port on the node's own addresses and forwards it to the container, \
                 outside any Service and around NetworkPolicy on many CNI plugins. It also ties the pod to \
                 nodes where that port is free, so replicas fail to schedule.",
            zh: "`hostPort` 会在节点自身的地址上开放端口并转发给容器，绕开 Service，在很多 CNI 插件上也不受 \
                 NetworkPolicy 约束。它还把 Pod 限制在该端口空闲的节点上，副本因此可能无法调度。",
        },
        remediation: Text {
            en: "Remove `hostPort` from the container's `ports` and expose the port with a Service \
                 (NodePort or LoadBalancer if it must be reachable from outside the cluster).",
            zh: "从容器的 `ports` 中删除 `hostPort`，改用 Service 暴露端口（需要集群外访问时用 NodePort 或 \
                 LoadBalancer）。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/concepts/configuration/overview/#services",
        ],
        concern: Some("host-port"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        let ports = container.get("ports").and_then(Node::as_seq).unwrap_or_default();
        for (index, port) in ports.iter().enumerate() {
            let Some(value) = port.get("hostPort") else {
                continue;
            };
            let Some(host_port) = value.as_i64().filter(|p| *p != 0) else {
                continue;
            };
            let name = container.name();
            let object = label(object);
            let message = tr!(
                sink.lang(),
                "container `{name}` of {object} binds port {host_port} on the node; remove `hostPort` and use a Service",
                "{object} 的容器 `{name}` 占用节点的 {host_port} 端口；请删除 `hostPort`，改用 Service",
            );
            sink.report(
                &RULE.meta,
                value,
                container.field(&format!("ports[{index}].hostPort")),
                message,
            );
        }
    }
}
