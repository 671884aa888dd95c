//! PSS-hostNamespaces (baseline): sharing the host's network, PID or IPC namespace is forbidden.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "hostNamespaces",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-hostNamespaces",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Pod Security baseline: host namespaces",
            zh: "Pod 安全标准 baseline：共享宿主机命名空间",
        },
        description: Text {
            en: "A pod that shares the host's network, process or IPC namespace can see and reach the node's \
                 traffic, processes and shared memory. Baseline rejects `hostNetwork`, `hostPID` and `hostIPC` \
                 set to true.",
            zh: "共享宿主机网络、进程或 IPC 命名空间的 Pod 能看到并访问节点的流量、进程和共享内存。baseline \
                 级别拒绝 `hostNetwork`、`hostPID`、`hostIPC` 为 true 的 Pod。",
        },
        remediation: Text {
            en: "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to `false`).",
            zh: "从 Pod spec 中删除 `hostNetwork`、`hostPID` 和 `hostIPC`（或设为 `false`）。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: None,
    },
    versions: &[Versioned::new(0, run)],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for (key, concern) in [
        ("hostNetwork", "host-network"),
        ("hostPID", "host-pid"),
        ("hostIPC", "host-ipc"),
    ] {
        let Some(value) = set(pod.spec.get(key)) else {
            continue;
        };
        if value.as_bool() == Some(true) {
            let message = tr!(
                out.lang,
                "the pod sets `{key}: true`; allowed: false or unset",
                "Pod 设置了 `{key}: true`；允许的值：false 或不设置",
            );
            out.report(&CHECK, value, pod.spec.field(key), concern, message);
        }
    }
}
