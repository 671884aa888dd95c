//! K8S001: a container runs privileged.

use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S001",
        aliases: &["KSV017", "CKV_K8S_16", "container-security-context-privileged"],
        severity: Severity::High,
        title: Text {
            en: "Container runs privileged",
            zh: "容器以特权模式运行",
        },
        description: Text {
            en: "A privileged container has every capability and every host device, and the kernel's \
                 isolation no longer applies to it: whoever controls the process controls the node.",
            zh: "特权容器拥有全部 Linux 能力和宿主机的所有设备，内核隔离对它不再生效：谁控制了容器进程，\
                 谁就控制了整个节点。",
        },
        remediation: Text {
            en: "Remove `securityContext.privileged: true` (or set it to `false`) and add only the \
                 capabilities the workload needs.",
            zh: "删除 `securityContext.privileged: true`（或改为 `false`），只添加工作负载确实需要的能力。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("privileged"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        let Some(value) = container.security_context().and_then(|sc| sc.get("privileged")) else {
            continue;
        };
        if value.as_bool() == Some(true) {
            let name = container.name();
            let message = tr!(
                sink.lang(),
                "container `{name}` runs privileged; remove `privileged: true`",
                "容器 `{name}` 以特权模式运行；请删除 `privileged: true`",
            );
            sink.report(
                &RULE.meta,
                value,
                container.field("securityContext.privileged"),
                message,
            );
        }
    }
}
