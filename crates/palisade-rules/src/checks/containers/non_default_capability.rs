//! K8S015: a container adds a capability outside the runtime's default set, which the Pod
//! Security Standards baseline profile forbids.
//!
//! Names are read as the runtimes read them (`chown` and `CAP_CHOWN` are `CHOWN`), unlike the
//! Pod Security admission controller, which compares them literally; its exact verdict is the
//! `PSS-capabilities_baseline` rule's.

use super::capabilities::{self, BASELINE};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S015",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Container adds a capability beyond the default set",
            zh: "容器添加了默认集合之外的能力",
        },
        description: Text {
            en: "The Pod Security Standards baseline profile lets a container add back only the \
                 capabilities container runtimes grant by default (AUDIT_WRITE, CHOWN, \
                 DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, \
                 SETPCAP, SETUID, SYS_CHROOT). Anything else widens what the kernel lets the \
                 container do, and a namespace enforcing baseline rejects the pod.",
            zh: "Pod 安全标准的 baseline 级别只允许容器加回运行时默认授予的能力（AUDIT_WRITE、\
                 CHOWN、DAC_OVERRIDE、FOWNER、FSETID、KILL、MKNOD、NET_BIND_SERVICE、SETFCAP、\
                 SETGID、SETPCAP、SETUID、SYS_CHROOT）。除此之外的任何能力都会扩大内核允许容器做\
                 的事，启用了 baseline 强制模式的命名空间也会拒绝该 Pod。",
        },
        remediation: Text {
            en: "Remove the capability from `securityContext.capabilities.add`, or move the \
                 workload to a namespace whose Pod Security level is meant for it.",
            zh: "从 `securityContext.capabilities.add` 中删除该能力，或把工作负载迁到 Pod 安全级别\
                 与之相称的专用命名空间。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://man7.org/linux/man-pages/man7/capabilities.7.html",
        ],
        concern: Some("capability-added"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        for cap in capabilities::added(&container) {
            if BASELINE.contains(&cap.name.as_str()) {
                continue;
            }
            let (name, written) = (container.name(), cap.written);
            let message = tr!(
                sink.lang(),
                "container `{name}` adds `{written}`, which is not in the runtime's default set; \
                 remove it from `securityContext.capabilities.add`",
                "容器 `{name}` 添加了运行时默认集合之外的 `{written}`；请从 \
                 `securityContext.capabilities.add` 中删除",
            );
            sink.report(&RULE.meta, cap.node, cap.field, message);
        }
    }
}
