//! K8S007: a container runs with a primary GID of 10000 or less, or with the image's GID.
//!
//! The bound is Trivy's (KSV021: `runAsGroup <= 10000` fails). The GID is the container's
//! effective one: a pod-level value counts for the containers that inherit it, and is reported
//! once, at the pod, naming them. Pods with `hostUsers: false` map GIDs to an unused host range,
//! and Windows pods have no GIDs: both are exempt.

use super::inherited::{Source, containers_named, in_user_namespace, malformed, resolve};
use crate::checks::prelude::*;

/// The highest GID that may belong to a group on the node.
const HOST_RANGE_END: i64 = 10000;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S007",
        aliases: &["KSV021"],
        severity: Severity::Low,
        title: Text {
            en: "Container runs with a GID of 10000 or less",
            zh: "容器的 GID 不大于 10000",
        },
        description: Text {
            en: "GIDs up to 10000 are where a node's own groups live. A container process whose \
                 primary group is a host group has that group's access to every host file it can \
                 reach, through a hostPath mount or after a breakout. Without `runAsGroup` the group \
                 comes from the image, and is often 0 (root).",
            zh: "10000 以内的 GID 通常是节点自身用户组所在的范围。容器进程的主组如果与宿主机上的某个组相同，\
                 那么通过 hostPath 挂载或逃逸后接触到的宿主机文件，它都拥有该组的访问权限。不设置 `runAsGroup` 时，\
                 主组由镜像决定，往往是 0（root 组）。",
        },
        remediation: Text {
            en: "Set `runAsGroup` to a GID above 10000 (for example 10001 or 65532) in the \
                 pod-level or container `securityContext`, or give the pod its own user namespace \
                 with `hostUsers: false`.",
            zh: "在 Pod 级别或容器的 `securityContext` 中把 `runAsGroup` 设为大于 10000 的 GID（例如 10001 或 \
                 65532），或者设置 `hostUsers: false`，让 Pod 使用独立的用户命名空间。",
        },
        references: &[
            "https://kubesec.io/basics/containers-securitycontext-runasuser/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
            "https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/",
        ],
        concern: Some("runAsGroup"),
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
        match resolve(&container, "runAsGroup") {
            Source::Container(value) => {
                if let Some(gid) = in_host_range(value) {
                    let message = tr!(
                        sink.lang(),
                        "container `{name}` runs with GID {gid}; set `runAsGroup` above 10000",
                        "容器 `{name}` 以 GID {gid} 运行；请把 `runAsGroup` 设为大于 10000 的值",
                    );
                    sink.report(
                        &RULE.meta,
                        value,
                        container.field("securityContext.runAsGroup"),
                        message,
                    );
                }
            }
            Source::Pod(value) => {
                if let Some(gid) = in_host_range(value) {
                    inheriting.push(name);
                    pod_value = Some((value, gid));
                }
            }
            Source::Unset => {
                let message = tr!(
                    sink.lang(),
                    "container `{name}` sets no `runAsGroup`, so its primary group comes from the image (often root); set `runAsGroup` above 10000",
                    "容器 `{name}` 没有设置 `runAsGroup`，主组由镜像决定（往往是 root 组）；请把 `runAsGroup` 设为大于 10000 的值",
                );
                sink.report(
                    &RULE.meta,
                    container.nearest(&["securityContext"]),
                    container.field("securityContext.runAsGroup"),
                    message,
                );
            }
        }
    }
    if let Some((value, gid)) = pod_value {
        let names = containers_named(&inheriting, sink.lang());
        let message = tr!(
            sink.lang(),
            "the pod-level `runAsGroup: {gid}` gives {names} a GID of 10000 or less; set it above 10000",
            "Pod 级别的 `runAsGroup: {gid}` 使{names} 的 GID 不大于 10000；请设为大于 10000 的值",
        );
        sink.report(
            &RULE.meta,
            value,
            pod.field("securityContext.runAsGroup"),
            message,
        );
    }
}

/// The GID in `value` if it is in the node's own range. A negative GID fails the API server's
/// validation and is not this rule's finding.
fn in_host_range(value: &Node) -> Option<i64> {
    value.as_i64().filter(|id| (0..=HOST_RANGE_END).contains(id))
}
