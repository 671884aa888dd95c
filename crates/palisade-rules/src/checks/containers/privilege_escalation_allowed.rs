//! K8S002: a container can gain more privileges than it started with.
//!
//! The kubelet sets `no_new_privs` only when `allowPrivilegeEscalation` is explicitly `false`, so
//! a missing field is a finding. A privileged container or one that adds `SYS_ADMIN` escalates
//! whatever the field says (Kubernetes documents both as "always true"), so `false` there is a
//! finding too, reported at the promise that does not hold. Windows pods have no such field.

use palisade_core::Lang;

use super::inherited::{ignored_at_pod_level, malformed, set};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S002",
        aliases: &["KSV001", "CKV_K8S_20"],
        severity: Severity::Medium,
        title: Text {
            en: "Container allows privilege escalation",
            zh: "容器允许提权",
        },
        description: Text {
            en: "Unless `allowPrivilegeEscalation` is explicitly `false`, a process in the container can \
                 gain privileges it was not started with, through setuid and setgid binaries or file \
                 capabilities: an attacker with an unprivileged shell can become root inside the \
                 container. A privileged container, or one that adds `SYS_ADMIN`, can escalate even \
                 when the field is `false`.",
            zh: "除非 `allowPrivilegeEscalation` 显式设为 `false`，容器内的进程可以借助 setuid、setgid \
                 程序或文件能力获得启动时没有的权限：攻击者拿到一个普通用户的 shell，就能在容器内变成 root。\
                 特权容器或添加了 `SYS_ADMIN` 能力的容器，即使该字段为 `false` 也照样可以提权。",
        },
        remediation: Text {
            en: "Set `securityContext.allowPrivilegeEscalation: false` on every container, init \
                 container and ephemeral container, and do not combine it with `privileged: true` or \
                 an added `SYS_ADMIN` capability.",
            zh: "在每个容器、初始化容器和临时容器上设置 `securityContext.allowPrivilegeEscalation: false`，\
                 并且不要同时使用 `privileged: true` 或添加 `SYS_ADMIN` 能力。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
        ],
        concern: Some("allowPrivilegeEscalation"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if pod.is_windows() {
        return;
    }
    for container in pod.containers() {
        if malformed(&container) {
            continue;
        }
        let name = container.name();
        let sc = container.security_context();
        let field = container.field("securityContext.allowPrivilegeEscalation");
        let Some(value) = set(sc, "allowPrivilegeEscalation") else {
            let note = ignored_at_pod_level(&pod, "allowPrivilegeEscalation", sink.lang());
            let message = tr!(
                sink.lang(),
                "container `{name}` does not set `allowPrivilegeEscalation: false`; add it to its securityContext{note}",
                "容器 `{name}` 没有设置 `allowPrivilegeEscalation: false`；请在它的 securityContext 中加上{note}",
            );
            sink.report(
                &RULE.meta,
                container.nearest(&["securityContext"]),
                field,
                message,
            );
            continue;
        };
        let message = match value.as_bool() {
            Some(true) => tr!(
                sink.lang(),
                "container `{name}` sets `allowPrivilegeEscalation: true`; set it to `false`",
                "容器 `{name}` 设置了 `allowPrivilegeEscalation: true`；请改为 `false`",
            ),
            Some(false) => match always_escalates(sc, sink.lang()) {
                Some(reason) => tr!(
                    sink.lang(),
                    "`allowPrivilegeEscalation: false` has no effect on container `{name}`: {reason}",
                    "`allowPrivilegeEscalation: false` 对容器 `{name}` 不起作用：{reason}",
                ),
                None => continue,
            },
            None => continue,
        };
        sink.report(&RULE.meta, value, field, message);
    }
}

/// Why a container escalates whatever `allowPrivilegeEscalation` says, if it does.
fn always_escalates(sc: Option<&Node>, lang: Lang) -> Option<String> {
    if set(sc, "privileged").and_then(Node::as_bool) == Some(true) {
        return Some(tr!(
            lang,
            "it is privileged (the API server rejects this combination); remove `privileged: true`",
            "它是特权容器（API Server 也会拒绝这种组合）；请删除 `privileged: true`",
        ));
    }
    let added = sc
        .and_then(|sc| sc.path(&["capabilities", "add"]))
        .and_then(Node::as_seq)
        .unwrap_or_default();
    let cap = added
        .iter()
        .filter_map(Node::as_text)
        .find(|cap| grants_sys_admin(cap))?;
    Some(tr!(
        lang,
        "it adds `{cap}`, which can escalate regardless; remove `{cap}` from `capabilities.add`",
        "它添加了 `{cap}` 能力，无论如何都能提权；请从 `capabilities.add` 中删除 `{cap}`",
    ))
}

/// `SYS_ADMIN`, `CAP_SYS_ADMIN` or `ALL`, in any case: the runtimes upper-case the name and add
/// the `CAP_` prefix when it is missing.
fn grants_sys_admin(cap: &str) -> bool {
    let cap = cap.trim().to_ascii_uppercase();
    let cap = cap.strip_prefix("CAP_").unwrap_or(&cap);
    cap == "SYS_ADMIN" || cap == "ALL"
}

#[cfg(test)]
mod tests {
    use super::grants_sys_admin;

    #[test]
    fn sys_admin_in_every_spelling() {
        for cap in [
            "SYS_ADMIN",
            "CAP_SYS_ADMIN",
            "sys_admin",
            "cap_sys_admin",
            "ALL",
            "all",
        ] {
            assert!(grants_sys_admin(cap), "{cap}");
        }
        for cap in ["NET_ADMIN", "SYS_ADMINX", "CAP_ALL_X", ""] {
            assert!(!grants_sys_admin(cap), "{cap}");
        }
    }
}
