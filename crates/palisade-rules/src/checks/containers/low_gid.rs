//! K8S007: a container runs with a primary GID of 10000 or less, or with the image's GID.
//!
//! The bound is Trivy's (KSV021: `runAsGroup <= 10000` fails). The GID is the container's
//! effective one: a pod-level value counts for the containers that inherit it, and is reported
//! once, at the pod, naming them. Pods with `hostUsers: false` map GIDs to an unused host range,
//! and Windows pods have no GIDs: both are exempt.

use super::inherited::{HostRangeText, check_host_range};
use crate::checks::prelude::*;

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
    check_host_range(object, sink, &RULE.meta, "runAsGroup", &TEXT);
}

static TEXT: HostRangeText = HostRangeText {
    own: |lang, name, id| {
        tr!(
            lang,
            "container `{name}` runs with GID {id}; set `runAsGroup` above 10000",
            "容器 `{name}` 以 GID {id} 运行；请把 `runAsGroup` 设为大于 10000 的值",
        )
    },
    inherited: |lang, names, id| {
        tr!(
            lang,
            "the pod-level `runAsGroup: {id}` gives {names} a GID of 10000 or less; set it above 10000",
            "Pod 级别的 `runAsGroup: {id}` 使{names} 的 GID 不大于 10000；请设为大于 10000 的值",
        )
    },
    unset: |lang, name| {
        tr!(
            lang,
            "container `{name}` sets no `runAsGroup`, so its primary group comes from the image (often root); set `runAsGroup` above 10000",
            "容器 `{name}` 没有设置 `runAsGroup`，主组由镜像决定（往往是 root 组）；请把 `runAsGroup` 设为大于 10000 的值",
        )
    },
};
