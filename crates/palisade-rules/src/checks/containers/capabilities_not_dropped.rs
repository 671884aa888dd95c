//! K8S010: a container keeps the runtime's default capabilities (it does not drop `ALL`).
//!
//! Windows pods are exempt: Linux capabilities do not exist there, and the API server rejects
//! `capabilities` on pods with `spec.os.name: windows`. Trivy's KSV004 ("drops none") is the weaker half
//! of this rule and is not aliased to it.

use super::{capabilities, platform};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S010",
        aliases: &["KSV003", "CKV_K8S_37"],
        severity: Severity::Low,
        title: Text {
            en: "Container does not drop all capabilities",
            zh: "容器未删除全部 Linux 能力",
        },
        description: Text {
            en: "Unless it drops them, a container starts with the runtime's default capabilities \
                 (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, MKNOD and more). Few \
                 applications need any of them, yet each one is something a compromised process can \
                 use: NET_RAW to spoof packets on the pod network, SETUID and DAC_OVERRIDE to get \
                 around file permissions.",
            zh: "如果不主动删除，容器启动时会带着运行时默认授予的一组能力（CHOWN、DAC_OVERRIDE、\
                 FOWNER、SETUID、SETGID、NET_RAW、MKNOD 等）。绝大多数应用一个都用不上，却都能被\
                 入侵者利用：借 NET_RAW 在 Pod 网络上伪造数据包，借 SETUID、DAC_OVERRIDE 绕过文件权限。",
        },
        remediation: Text {
            en: "Set `securityContext.capabilities.drop: [\"ALL\"]` on the container and list under \
                 `capabilities.add` only what it really needs (usually nothing, at most \
                 `NET_BIND_SERVICE`).",
            zh: "在容器上设置 `securityContext.capabilities.drop: [\"ALL\"]`，只在 `capabilities.add` \
                 中列出确实需要的能力（通常一个都不需要，最多加 `NET_BIND_SERVICE`）。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container",
        ],
        concern: Some("capabilities-drop"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if platform::is_windows(&pod) {
        return;
    }
    for container in pod.containers() {
        if capabilities::drops_all(&container) || capabilities::malformed(&container) {
            continue;
        }
        let name = container.name();
        let drop = capabilities::capabilities(&container)
            .and_then(|c| c.get("drop"))
            .filter(|d| !d.is_null());
        let listed = match drop.map(|d| d.as_seq()) {
            // A scalar or mapping here is a type error the API server rejects; not this finding.
            Some(None) => continue,
            Some(Some(items)) => !items.is_empty(),
            None => false,
        };
        let at = drop.unwrap_or_else(|| container.nearest(&["securityContext", "capabilities"]));
        let message = if listed {
            tr!(
                sink.lang(),
                "container `{name}` drops some capabilities but not `ALL`; add `ALL` to \
                 `securityContext.capabilities.drop`",
                "容器 `{name}` 只删除了部分能力，没有删除 `ALL`；请在 \
                 `securityContext.capabilities.drop` 中加入 `ALL`",
            )
        } else {
            tr!(
                sink.lang(),
                "container `{name}` keeps the runtime's default capabilities; set \
                 `securityContext.capabilities.drop: [\"ALL\"]`",
                "容器 `{name}` 保留了运行时默认授予的能力；请设置 \
                 `securityContext.capabilities.drop: [\"ALL\"]`",
            )
        };
        sink.report(
            &RULE.meta,
            at,
            container.field("securityContext.capabilities.drop"),
            message,
        );
    }
}
