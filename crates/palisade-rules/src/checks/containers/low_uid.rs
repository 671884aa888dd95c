//! K8S006: a container runs with a UID of 10000 or less, or with the image's UID.
//!
//! The bound is Trivy's (KSV020: `runAsUser <= 10000` fails); Checkov's `CKV_K8S_40` lets exactly
//! 10000 pass. The UID is the container's effective one: a pod-level value counts for the
//! containers that inherit it, and is reported once, at the pod, naming them. Pods with
//! `hostUsers: false` map UIDs to an unused host range, and Windows pods have no UIDs: both are
//! exempt.

use super::inherited::{Source, containers_named, in_user_namespace, malformed, resolve};
use crate::checks::prelude::*;

/// The highest UID that may belong to an account on the node.
const HOST_RANGE_END: i64 = 10000;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S006",
        aliases: &["KSV020", "CKV_K8S_40"],
        severity: Severity::Low,
        title: Text {
            en: "Container runs with a UID of 10000 or less",
            zh: "容器的 UID 不大于 10000",
        },
        description: Text {
            en: "UIDs up to 10000 are where a node's own users and system accounts live. A container \
                 process that shares its UID with a host account has that account's access to every \
                 host file it can reach, through a hostPath mount or after a breakout. Without \
                 `runAsUser` the UID comes from the image, and is often 0.",
            zh: "10000 以内的 UID 通常是节点自身用户和系统账户所在的范围。容器进程的 UID 如果与宿主机上的某个账户相同，\
                 那么通过 hostPath 挂载或逃逸后接触到的宿主机文件，它都拥有该账户的访问权限。不设置 `runAsUser` 时，\
                 UID 由镜像决定，而且往往是 0。",
        },
        remediation: Text {
            en: "Set `runAsUser` to a UID above 10000 (for example 10001 or 65532) in the pod-level \
                 or container `securityContext`, or give the pod its own user namespace with \
                 `hostUsers: false`.",
            zh: "在 Pod 级别或容器的 `securityContext` 中把 `runAsUser` 设为大于 10000 的 UID（例如 10001 或 \
                 65532），或者设置 `hostUsers: false`，让 Pod 使用独立的用户命名空间。",
        },
        references: &[
            "https://kubesec.io/basics/containers-securitycontext-runasuser/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
            "https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/",
        ],
        concern: Some("runAsUser"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if pod.is_windows() || in_user_namespace(&pod) {
        return;
    }
    let mut inheriting = Vec::new();
    let mut pod_value = None;
    for container in pod.containers() {
        if malformed(&container) {
            continue;
        }
        let name = container.name();
        match resolve(&container, "runAsUser") {
            Source::Container(value) => {
                if let Some(uid) = in_host_range(value) {
                    let message = tr!(
                        sink.lang(),
                        "container `{name}` runs as UID {uid}; set `runAsUser` above 10000",
                        "容器 `{name}` 以 UID {uid} 运行；请把 `runAsUser` 设为大于 10000 的值",
                    );
                    sink.report(
                        &RULE.meta,
                        value,
                        container.field("securityContext.runAsUser"),
                        message,
                    );
                }
            }
            Source::Pod(value) => {
                if let Some(uid) = in_host_range(value) {
                    inheriting.push(name);
                    pod_value = Some((value, uid));
                }
            }
            Source::Unset => {
                let message = tr!(
                    sink.lang(),
                    "container `{name}` sets no `runAsUser`, so its UID comes from the image; set `runAsUser` above 10000",
                    "容器 `{name}` 没有设置 `runAsUser`，UID 由镜像决定；请把 `runAsUser` 设为大于 10000 的值",
                );
                sink.report(
                    &RULE.meta,
                    container.nearest(&["securityContext"]),
                    container.field("securityContext.runAsUser"),
                    message,
                );
            }
        }
    }
    if let Some((value, uid)) = pod_value {
        let names = containers_named(&inheriting, sink.lang());
        let message = tr!(
            sink.lang(),
            "the pod-level `runAsUser: {uid}` gives {names} a UID of 10000 or less; set it above 10000",
            "Pod 级别的 `runAsUser: {uid}` 使{names} 的 UID 不大于 10000；请设为大于 10000 的值",
        );
        sink.report(&RULE.meta, value, pod.field("securityContext.runAsUser"), message);
    }
}

/// The UID in `value` if it is in the node's own range. A negative UID fails the API server's
/// validation and is not this rule's finding.
fn in_host_range(value: &Node) -> Option<i64> {
    value.as_i64().filter(|id| (0..=HOST_RANGE_END).contains(id))
}
