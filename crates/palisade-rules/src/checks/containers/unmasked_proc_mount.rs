//! K8S021: a container asks for an unmasked `/proc` (`procMount: Unmasked`).
//!
//! Pods with `hostUsers: false` are exempt, as in the baseline Pod Security profile since 1.35:
//! in a user namespace the unmasked paths no longer reach the node's kernel settings, and nested
//! container runtimes need them. Trivy's KSV027 reports any `procMount`, even `Default`.

use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S021",
        aliases: &["KSV027"],
        severity: Severity::Medium,
        title: Text {
            en: "Container mounts /proc unmasked",
            zh: "容器以未屏蔽方式挂载 /proc",
        },
        description: Text {
            en: "By default the runtime masks or mounts read-only the parts of `/proc` that \
                 reach past the container: `/proc/sys`, `/proc/sysrq-trigger`, `/proc/kcore`, \
                 `/proc/keys` and others. `procMount: Unmasked` removes those masks, so a process \
                 that is root in the container can read kernel memory and keys or change kernel \
                 settings for the whole node.",
            zh: "默认情况下，运行时会屏蔽 `/proc` 中超出容器范围的部分，或将其挂载为只读：\
                 `/proc/sys`、`/proc/sysrq-trigger`、`/proc/kcore`、`/proc/keys` 等。\
                 `procMount: Unmasked` 会去掉这些屏蔽，容器内的 root 进程便能读取内核内存和密钥，\
                 或修改整个节点的内核参数。",
        },
        remediation: Text {
            en: "Remove `securityContext.procMount` (or set it to `Default`). A nested container \
                 runtime that needs an unmasked `/proc` must run in a user namespace: set \
                 `hostUsers: false` in the pod spec.",
            zh: "删除 `securityContext.procMount`（或设为 `Default`）。需要未屏蔽 `/proc` 的嵌套\
                 容器运行时必须运行在用户命名空间中：在 Pod 规约中设置 `hostUsers: false`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/",
        ],
        concern: Some("proc-mount"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if pod.get("hostUsers").and_then(Node::as_bool) == Some(false) {
        return;
    }
    for container in pod.containers() {
        let Some(value) = container.security_context().and_then(|sc| sc.get("procMount")) else {
            continue;
        };
        let Some(text) = value.as_str() else { continue };
        if text == "Default" {
            continue;
        }
        let name = container.name();
        let message = tr!(
            sink.lang(),
            "container `{name}` sets `procMount: {text}`; remove it, or run the pod with \
             `hostUsers: false` if a nested runtime needs it",
            "容器 `{name}` 设置了 `procMount: {text}`；请删除该字段，若嵌套运行时确实需要，\
             则让 Pod 以 `hostUsers: false` 运行",
        );
        sink.report(
            &RULE.meta,
            value,
            container.field("securityContext.procMount"),
            message,
        );
    }
}
