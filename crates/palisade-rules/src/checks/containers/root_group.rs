//! K8S005: GID 0 as a container's primary group (`runAsGroup: 0`), as a supplementary group
//! (`supplementalGroups`) or as the volume group (`fsGroup: 0`, which the kubelet also adds to
//! every container's supplementary groups).
//!
//! Like K8S004, a pod-level `runAsGroup: 0` is reported even when every container overrides it.
//! Windows pods cannot set these fields; pods with `hostUsers: false` map GID 0 to an
//! unprivileged host GID, so both are exempt.

use super::inherited::{RootIdText, check_root_id, in_user_namespace, set};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S005",
        aliases: &["KSV116"],
        severity: Severity::Low,
        title: Text {
            en: "Container runs with the root group (GID 0)",
            zh: "容器以 root 组（GID 0）运行",
        },
        description: Text {
            en: "GID 0 as the primary group (`runAsGroup: 0`), as a supplementary group \
                 (`supplementalGroups`) or as the volume group (`fsGroup: 0`) puts the container's \
                 processes in the root group: they can read and write every file whose group is root, \
                 in the image and on mounted volumes, even when they do not run as UID 0.",
            zh: "把 GID 0 用作主组（`runAsGroup: 0`）、附加组（`supplementalGroups`）或卷的属组（`fsGroup: 0`），\
                 容器进程就属于 root 组：即使不以 UID 0 运行，也能读写镜像中和挂载卷上所有属组为 root 的文件。",
        },
        remediation: Text {
            en: "Use a non-zero GID in `runAsGroup` and `fsGroup`, and remove `0` from \
                 `supplementalGroups`.",
            zh: "在 `runAsGroup` 和 `fsGroup` 中使用非零 GID，并从 `supplementalGroups` 中删除 `0`。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
            "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context",
        ],
        concern: Some("runAsGroup"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    check_root_id(object, sink, &RULE.meta, "runAsGroup", &TEXT);
    let Some(pod) = object.pod_spec() else { return };
    if pod.is_windows() || in_user_namespace(&pod) {
        return;
    }
    let sc = pod.security_context();
    let groups = set(sc, "supplementalGroups")
        .and_then(Node::as_seq)
        .unwrap_or_default();
    for (index, gid) in groups.iter().enumerate() {
        if gid.as_i64() == Some(0) {
            let message = tr!(
                sink.lang(),
                "the pod lists GID 0 in `supplementalGroups`, so every container's processes are in the root group; remove it",
                "Pod 在 `supplementalGroups` 中列出了 GID 0，所有容器的进程都属于 root 组；请删除它",
            );
            sink.report(
                &RULE.meta,
                gid,
                pod.field(&format!("securityContext.supplementalGroups[{index}]")),
                message,
            );
        }
    }
    if let Some(value) = set(sc, "fsGroup").filter(|v| v.as_i64() == Some(0)) {
        let message = tr!(
            sink.lang(),
            "the pod sets `fsGroup: 0`: its volumes get the root group, and every container gets GID 0 as a supplementary group; use a non-zero GID",
            "Pod 设置了 `fsGroup: 0`：卷的属组变为 root，每个容器都获得 GID 0 作为附加组；请改用非零 GID",
        );
        sink.report(&RULE.meta, value, pod.field("securityContext.fsGroup"), message);
    }
}

static TEXT: RootIdText = RootIdText {
    own: |lang, name| {
        tr!(
            lang,
            "container `{name}` sets `runAsGroup: 0` and runs with the root group; use a non-zero GID",
            "容器 `{name}` 设置了 `runAsGroup: 0`，以 root 组运行；请改用非零 GID"
        )
    },
    inherited: |lang, names| {
        tr!(
            lang,
            "the pod-level `runAsGroup: 0` gives {names} the root group; use a non-zero GID",
            "Pod 级别的 `runAsGroup: 0` 使{names} 以 root 组运行；请改用非零 GID"
        )
    },
    unused: |lang| {
        tr!(
            lang,
            "the pod-level `runAsGroup: 0` is the primary group of every container that does not set its own; use a non-zero GID or remove it",
            "Pod 级别的 `runAsGroup: 0` 是所有未自行设置 runAsGroup 的容器的主组；请改用非零 GID 或删除它"
        )
    },
};
