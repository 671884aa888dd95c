//! K8S103: a pod shares the node's IPC namespace (`hostIPC: true`).

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S103",
        aliases: &["KSV008", "CKV_K8S_18"],
        severity: Severity::High,
        title: Text {
            en: "Pod shares the host's IPC namespace",
            zh: "Pod 共享宿主机的 IPC 命名空间",
        },
        description: Text {
            en: "With `hostIPC: true` the pod's containers share System V shared memory, semaphores and \
                 message queues (and `/dev/shm`) with every process on the node, so they can read or \
                 corrupt the data other programs exchange there.",
            zh: "设置 `hostIPC: true` 后，Pod 内的容器与节点上的所有进程共享 System V 共享内存、信号量、消息队列\
                 （以及 `/dev/shm`），可以读取或篡改其他程序通过它们交换的数据。",
        },
        remediation: Text {
            en: "Remove `hostIPC: true` (the default is `false`). Containers of one pod already share an \
                 IPC namespace with each other.",
            zh: "删除 `hostIPC: true`（默认值为 `false`）。同一 Pod 内的容器本来就共享同一个 IPC 命名空间。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("host-ipc"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    let Some(value) = pod.get("hostIPC") else { return };
    if value.as_bool() != Some(true) {
        return;
    }
    let object = label(object);
    let message = tr!(
        sink.lang(),
        "{object} shares the node's IPC namespace; remove `hostIPC: true`",
        "{object} 共享节点的 IPC 命名空间；请删除 `hostIPC: true`",
    );
    sink.report(&RULE.meta, value, pod.field("hostIPC"), message);
}
