//! K8S003: nothing stops a container from running as root; its image decides.
//!
//! A container is safe when its effective `runAsNonRoot` (its own, else the pod's) is `true`. A
//! container whose effective `runAsUser` is an integer is not this rule's business: a non-zero UID
//! cannot be root, and UID 0 is K8S004. Trivy's `KSV012` also fires when `runAsUser` is non-zero;
//! Checkov's `CKV_K8S_23` accepts it, as palisade does. Pods with `hostUsers: false` are exempt,
//! as the Pod Security Standards exempt them.

use super::inherited::{containers_named, in_user_namespace, malformed};
use crate::checks::prelude::*;
use crate::k8s::Source;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S003",
        aliases: &["KSV012", "CKV_K8S_23"],
        severity: Severity::Medium,
        title: Text {
            en: "Container may run as root",
            zh: "容器可能以 root 身份运行",
        },
        description: Text {
            en: "Without `runAsNonRoot: true` or a non-zero `runAsUser`, the user a container runs as \
                 is whatever its image says, and most images default to root. Root in the container \
                 owns every file in it, and a breakout through a kernel or runtime bug lands as root on \
                 the node. With `runAsNonRoot: true` the kubelet refuses to start a container that \
                 would run as UID 0.",
            zh: "如果既没有 `runAsNonRoot: true`，也没有非零的 `runAsUser`，容器以哪个用户运行就完全由镜像决定，\
                 而大多数镜像默认是 root。容器内的 root 拥有其中所有文件，一旦借助内核或运行时漏洞逃逸，\
                 在节点上同样是 root。设置 `runAsNonRoot: true` 后，kubelet 会拒绝启动将以 UID 0 运行的容器。",
        },
        remediation: Text {
            en: "Set `runAsNonRoot: true` in the pod-level `securityContext` (or in each container's) \
                 and give the image a numeric non-root `USER`; or pin `runAsUser` to a non-zero UID.",
            zh: "在 Pod 级别（或每个容器）的 `securityContext` 中设置 `runAsNonRoot: true`，并在镜像中使用数字形式的\
                 非 root `USER`；或者把 `runAsUser` 固定为非零 UID。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        concern: Some("runAsNonRoot"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if in_user_namespace(&pod) {
        return;
    }
    let mut inheriting = Vec::new();
    let mut pod_value = None;
    for container in pod.containers() {
        if malformed(&container) {
            continue;
        }
        if pins_uid(&container) {
            continue;
        }
        let name = container.name();
        match container.source("runAsNonRoot") {
            Source::Container(value) => {
                if value.as_bool() == Some(false) {
                    let message = tr!(
                        sink.lang(),
                        "container `{name}` sets `runAsNonRoot: false` and no `runAsUser`, so its image decides whether it runs as root; set `runAsNonRoot: true`",
                        "容器 `{name}` 设置了 `runAsNonRoot: false` 且没有指定 `runAsUser`，是否以 root 运行由镜像决定；请改为 `runAsNonRoot: true`",
                    );
                    sink.report(
                        &RULE.meta,
                        value,
                        container.field("securityContext.runAsNonRoot"),
                        message,
                    );
                }
            }
            Source::Pod(value) => {
                if value.as_bool() == Some(false) {
                    inheriting.push(name);
                    pod_value = Some(value);
                }
            }
            Source::Unset => {
                let message = tr!(
                    sink.lang(),
                    "container `{name}` may run as root: neither it nor the pod sets `runAsNonRoot: true` or a `runAsUser`; set `runAsNonRoot: true` in the pod or container securityContext",
                    "容器 `{name}` 可能以 root 运行：容器和 Pod 都没有设置 `runAsNonRoot: true` 或 `runAsUser`；请在 Pod 或容器的 securityContext 中设置 `runAsNonRoot: true`",
                );
                sink.report(
                    &RULE.meta,
                    container.nearest(&["securityContext"]),
                    container.field("securityContext.runAsNonRoot"),
                    message,
                );
            }
        }
    }
    if let Some(value) = pod_value {
        let names = containers_named(&inheriting, sink.lang());
        let message = tr!(
            sink.lang(),
            "the pod-level `runAsNonRoot: false` applies to {names}, which have no `runAsNonRoot` or `runAsUser` of their own; set it to `true`",
            "Pod 级别的 `runAsNonRoot: false` 作用于{names}，它们自己既没有设置 `runAsNonRoot` 也没有设置 `runAsUser`；请改为 `true`",
        );
        sink.report(
            &RULE.meta,
            value,
            pod.field("securityContext.runAsNonRoot"),
            message,
        );
    }
}

/// Whether the container's UID is fixed by `runAsUser`, its own or the pod's. A value of the
/// wrong type counts too: the API server rejects the object, and the type check reports it.
fn pins_uid(container: &Container<'_>) -> bool {
    !matches!(container.source("runAsUser"), Source::Unset)
}
