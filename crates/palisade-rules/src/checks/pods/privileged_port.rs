//! K8S150: a container listens on a privileged port (`containerPort` below 1024).
//!
//! This is Trivy's KSV117: it looks at `containerPort`, the port the process binds inside the
//! pod, not at `hostPort` (which K8S104 reports whatever its number).

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S150",
        aliases: &["KSV117"],
        severity: Severity::Medium,
        title: Text {
            en: "Container listens on a privileged port",
            zh: "容器监听特权端口",
        },
        description: Text {
            en: "Binding a port below 1024 has traditionally required root or the `NET_BIND_SERVICE` \
                 capability, so images that listen on 80 or 443 tend to run as root or keep a capability \
                 they need for nothing else. The port a client sees is the Service's, so the container \
                 does not need a low port at all.",
            zh: "绑定 1024 以下的端口历来需要 root 或 `NET_BIND_SERVICE` 能力，因此监听 80、443 的镜像往往以 \
                 root 运行，或为此保留一项别无他用的能力。客户端看到的是 Service 的端口，容器本身根本不需要\
                 低端口。",
        },
        remediation: Text {
            en: "Make the application listen on a port of 1024 or above (8080, 8443) and keep the public \
                 number on the Service: `port: 80`, `targetPort: 8080`.",
            zh: "让应用监听 1024 及以上的端口（如 8080、8443），对外的端口号由 Service 提供：`port: 80`、\
                 `targetPort: 8080`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
        ],
        concern: Some("privileged-port"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        let ports = container.get("ports").and_then(Node::as_seq).unwrap_or_default();
        for (index, port) in ports.iter().enumerate() {
            let Some(value) = port.get("containerPort") else {
                continue;
            };
            let Some(number) = value.as_i64().filter(|p| (1..1024).contains(p)) else {
                continue;
            };
            let name = container.name();
            let object = label(object);
            let message = tr!(
                sink.lang(),
                "container `{name}` of {object} listens on privileged port {number}; listen on a port of 1024 or above and map it in the Service",
                "{object} 的容器 `{name}` 监听特权端口 {number}；请改为监听 1024 及以上的端口，再由 Service 映射",
            );
            sink.report(
                &RULE.meta,
                value,
                container.field(&format!("ports[{index}].containerPort")),
                message,
            );
        }
    }
}
