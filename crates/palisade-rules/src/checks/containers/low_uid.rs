//! K8S006: a container runs with a UID of 10000 or less, or with the image's UID.
//!
//! The bound is Trivy's (KSV020: `runAsUser <= 10000` fails); Checkov's `CKV_K8S_40` lets exactly
//! 10000 pass. The UID is the container's effective one: a pod-level value counts for the
//! containers that inherit it, and is reported once, at the pod, naming them. Pods with
//! `hostUsers: false` map UIDs to an unused host range, and Windows pods have no UIDs: both are
//! exempt.

use super::inherited::{HostRangeText, check_host_range};
use crate::checks::prelude::*;

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
    check_host_range(object, sink, &RULE.meta, "runAsUser", &TEXT);
}

static TEXT: HostRangeText = HostRangeText {
    own: |lang, name, id| {
        tr!(
            lang,
            "container `{name}` runs as UID {id}; set `runAsUser` above 10000",
            "容器 `{name}` 以 UID {id} 运行；请把 `runAsUser` 设为大于 10000 的值",
        )
    },
    inherited: |lang, names, id| {
        tr!(
            lang,
            "the pod-level `runAsUser: {id}` gives {names} a UID of 10000 or less; set it above 10000",
            "Pod 级别的 `runAsUser: {id}` 使{names} 的 UID 不大于 10000；请设为大于 10000 的值",
        )
    },
    unset: |lang, name| {
        tr!(
            lang,
            "container `{name}` sets no `runAsUser`, so its UID comes from the image; set `runAsUser` above 10000",
            "容器 `{name}` 没有设置 `runAsUser`，UID 由镜像决定；请把 `runAsUser` 设为大于 10000 的值",
        )
    },
};
