//! K8S022: a Windows pod or container runs as a `HostProcess` container
//! (`windowsOptions.hostProcess: true`).
//!
//! Trivy rates KSV103 MEDIUM; this rule is HIGH, level with K8S001: a `HostProcess` container is
//! the Windows equivalent of a privileged container in the host's namespaces.

use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S022",
        aliases: &["KSV103"],
        severity: Severity::High,
        title: Text {
            en: "Windows HostProcess container",
            zh: "Windows HostProcess 容器",
        },
        description: Text {
            en: "A HostProcess container is a process on the Windows node itself: it shares the \
                 node's network and file system, can run as SYSTEM, and no container isolation \
                 applies to it. Whoever controls it controls the node.",
            zh: "HostProcess 容器就是 Windows 节点上的一个普通进程：它共享节点的网络和文件系统，\
                 可以以 SYSTEM 身份运行，不受任何容器隔离约束。谁控制了它，谁就控制了节点。",
        },
        remediation: Text {
            en: "Remove `windowsOptions.hostProcess: true` from the pod and its containers (and \
                 `hostNetwork: true` with it). Keep real node agents in a dedicated namespace \
                 whose Pod Security level allows them.",
            zh: "从 Pod 及其容器中删除 `windowsOptions.hostProcess: true`（连同 \
                 `hostNetwork: true`）。真正的节点代理请放在 Pod 安全级别允许它们的专用命名空间中。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
        concern: Some("windows-host-process"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if let Some(value) = host_process(pod.security_context()) {
        let message = tr!(
            sink.lang(),
            "the pod runs all its containers as HostProcess containers on the node; remove \
             `windowsOptions.hostProcess: true`",
            "Pod 让所有容器都以 HostProcess 方式直接运行在节点上；请删除 \
             `windowsOptions.hostProcess: true`",
        );
        let field = pod.field("securityContext.windowsOptions.hostProcess");
        sink.report(&RULE.meta, value, field, message);
    }
    for container in pod.containers() {
        let Some(value) = host_process(container.security_context()) else {
            continue;
        };
        let name = container.name();
        let message = tr!(
            sink.lang(),
            "container `{name}` runs as a HostProcess container on the node; remove \
             `windowsOptions.hostProcess: true`",
            "容器 `{name}` 以 HostProcess 方式直接运行在节点上；请删除 \
             `windowsOptions.hostProcess: true`",
        );
        let field = container.field("securityContext.windowsOptions.hostProcess");
        sink.report(&RULE.meta, value, field, message);
    }
}

/// The `windowsOptions.hostProcess` value of a security context, when it is `true`.
fn host_process(context: Option<&Node>) -> Option<&Node> {
    context?
        .get("windowsOptions")?
        .get("hostProcess")
        .filter(|v| v.as_bool() == Some(true))
}
