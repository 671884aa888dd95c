//! K8S102: a pod shares the node's process namespace (`hostPID: true`).

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S102",
        aliases: &["KSV010", "CKV_K8S_17"],
        severity: Severity::High,
        title: Text {
            en: "Pod shares the host's process namespace",
            zh: "Pod 共享宿主机的进程命名空间",
        },
        description: Text {
            en: "With `hostPID: true` the pod's containers see every process on the node. They can read \
                 other processes' command lines and environment (often holding secrets), signal them, \
                 and with ptrace rights or root enter them through `/proc/<pid>/root` and \
                 `nsenter` — a well-known way out of the container.",
            zh: "设置 `hostPID: true` 后，Pod 内的容器能看到节点上的所有进程：可以读取其他进程的命令行和环境变量\
                 （其中常有密钥），向它们发送信号；若有 ptrace 权限或以 root 运行，还能通过 `/proc/<pid>/root` \
                 和 `nsenter` 进入这些进程，这是众所周知的容器逃逸手法。",
        },
        remediation: Text {
            en: "Remove `hostPID: true` (the default is `false`). To share processes between the pod's \
                 own containers, use `shareProcessNamespace: true` instead.",
            zh: "删除 `hostPID: true`（默认值为 `false`）。如果只是想让同一 Pod 的容器互相看到进程，\
                 请改用 `shareProcessNamespace: true`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/",
        ],
        concern: Some("host-pid"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    let Some(value) = pod.get("hostPID") else { return };
    if value.as_bool() != Some(true) {
        return;
    }
    let object = label(object);
    let message = tr!(
        sink.lang(),
        "{object} shares the node's process namespace; remove `hostPID: true`",
        "{object} 共享节点的进程命名空间；请删除 `hostPID: true`",
    );
    sink.report(&RULE.meta, value, pod.field("hostPID"), message);
}
