//! K8S004: `runAsUser: 0`, in a container or in the pod-level securityContext.
//!
//! A pod-level `runAsUser: 0` is reported even when every container overrides it, as the Pod
//! Security Standards and Trivy's `KSV105` do: it is the default of any container added later,
//! ephemeral debug containers included. Trivy rates KSV105 LOW; palisade rates it MEDIUM, like
//! K8S003, because a container pinned to root is no better than one that merely may be. Pods with
//! `hostUsers: false` are exempt, as the Pod Security Standards exempt them.

use super::inherited::{RootIdText, check_root_id};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S004",
        aliases: &["KSV105"],
        severity: Severity::Medium,
        title: Text {
            en: "Container runs as root (runAsUser: 0)",
            zh: "容器以 root 身份运行（runAsUser: 0）",
        },
        description: Text {
            en: "`runAsUser: 0` runs the container's processes as root, whatever user the image \
                 declares. Root in the container owns every file in it and can undo in-container \
                 hardening, and a breakout through a kernel or runtime bug lands as root on the node. \
                 A pod-level value applies to every container that does not set its own, including \
                 ephemeral containers added later.",
            zh: "`runAsUser: 0` 让容器进程以 root 运行，不管镜像声明的是哪个用户。容器内的 root 拥有其中所有文件，\
                 可以撤销容器内的各种加固；一旦借助内核或运行时漏洞逃逸，在节点上就是 root。Pod 级别的值会作用于\
                 所有没有自行设置 runAsUser 的容器，包括之后添加的临时容器。",
        },
        remediation: Text {
            en: "Set `runAsUser` to a non-zero UID (above 10000 is best), or remove it and give the \
                 image a numeric non-root `USER`. The restricted Pod Security Standard rejects \
                 `runAsUser: 0`.",
            zh: "把 `runAsUser` 改为非零 UID（最好大于 10000），或者删除该字段并在镜像中使用数字形式的非 root \
                 `USER`。Pod 安全标准的 restricted 级别会拒绝 `runAsUser: 0`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        concern: Some("runAsUser"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    check_root_id(object, sink, &RULE.meta, "runAsUser", &TEXT);
}

static TEXT: RootIdText = RootIdText {
    own: |lang, name| {
        tr!(
            lang,
            "container `{name}` sets `runAsUser: 0` and runs as root; set a non-zero UID",
            "容器 `{name}` 设置了 `runAsUser: 0`，以 root 运行；请改为非零 UID"
        )
    },
    inherited: |lang, names| {
        tr!(
            lang,
            "the pod-level `runAsUser: 0` makes {names} run as root; set a non-zero UID",
            "Pod 级别的 `runAsUser: 0` 使{names} 以 root 运行；请改为非零 UID"
        )
    },
    unused: |lang| {
        tr!(
            lang,
            "the pod-level `runAsUser: 0` is the UID of every container that does not set its own; set a non-zero UID or remove it",
            "Pod 级别的 `runAsUser: 0` 是所有未自行设置 runAsUser 的容器的 UID；请改为非零 UID 或删除它"
        )
    },
};
