//! K8S016: a container adds capabilities at all.
//!
//! This is the floor of the capability rules that report the same `capabilities.add` entry: a
//! report keeps K8S011 to K8S015 where they apply, so what this rule alone reports is the
//! default-set capabilities added back after `drop: ["ALL"]`, `NET_BIND_SERVICE` among them. Its
//! severity is below Trivy's MEDIUM for KSV022 for that reason.

use super::capabilities;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S016",
        aliases: &["KSV022", "CKV_K8S_25"],
        severity: Severity::Low,
        title: Text {
            en: "Container adds capabilities",
            zh: "容器添加了 Linux 能力",
        },
        description: Text {
            en: "Every capability in `capabilities.add` is a kernel check the container's processes \
                 skip. The restricted Pod Security profile allows only NET_BIND_SERVICE, and even \
                 that is needed only to listen on a port below 1024 as a non-root user.",
            zh: "`capabilities.add` 里的每一项能力，都意味着容器进程可以跳过一道内核检查。Pod 安全\
                 标准的 restricted 级别只允许 NET_BIND_SERVICE，而它也只在非 root 用户要监听 1024 \
                 以下端口时才用得上。",
        },
        remediation: Text {
            en: "Remove the entry from `securityContext.capabilities.add`. For NET_BIND_SERVICE, \
                 listen on a port of 1024 or above and map it with the Service's `targetPort`, or \
                 set the safe sysctl `net.ipv4.ip_unprivileged_port_start: \"0\"` in the pod's \
                 `securityContext.sysctls`.",
            zh: "从 `securityContext.capabilities.add` 中删除该项。如果是 NET_BIND_SERVICE，\
                 让程序监听 1024 及以上的端口，再由 Service 的 `targetPort` 做映射；或者在 Pod 的 \
                 `securityContext.sysctls` 中设置安全的 sysctl \
                 `net.ipv4.ip_unprivileged_port_start: \"0\"`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container",
        ],
        concern: Some("capability-added"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        for cap in capabilities::added(&container) {
            let (name, written) = (container.name(), cap.written);
            let message = if cap.name == "NET_BIND_SERVICE" {
                tr!(
                    sink.lang(),
                    "container `{name}` adds `{written}`; listen on a port of 1024 or above \
                     instead and remove it from `securityContext.capabilities.add`",
                    "容器 `{name}` 添加了 `{written}`；请改为监听 1024 及以上的端口，并从 \
                     `securityContext.capabilities.add` 中删除",
                )
            } else {
                tr!(
                    sink.lang(),
                    "container `{name}` adds `{written}`; remove it from \
                     `securityContext.capabilities.add` unless the workload cannot run without it",
                    "容器 `{name}` 添加了 `{written}`；除非工作负载离开它无法运行，否则请从 \
                     `securityContext.capabilities.add` 中删除",
                )
            };
            sink.report(&RULE.meta, cap.node, cap.field, message);
        }
    }
}
