//! K8S020: `seLinuxOptions` sets a custom `SELinux` type, user or role, in the pod's or a
//! container's `securityContext`.
//!
//! Allowed as in the Pod Security Standards: the types `container_t`, `container_init_t`,
//! `container_kvm_t` and `container_engine_t` (the last since 1.31; Trivy's KSV025 predates it),
//! and empty strings, which set nothing. `level` is free.

use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S020",
        aliases: &["KSV025"],
        severity: Severity::Medium,
        title: Text {
            en: "Custom SELinux type, user or role",
            zh: "自定义了 SELinux 类型、用户或角色",
        },
        description: Text {
            en: "On SELinux nodes the runtime labels every container `container_t`, a domain that \
                 may touch only its own files. Another type can lift that fence: `spc_t` is \
                 unconfined, and types of host daemons reach their files and sockets. A custom \
                 SELinux user or role changes which types the process may enter at all. The \
                 baseline Pod Security profile allows none of these.",
            zh: "在启用 SELinux 的节点上，运行时会给每个容器打上 `container_t` 标签，这个域只能访问\
                 容器自己的文件。换成别的类型就可能拆掉这道围栏：`spc_t` 完全不受约束，宿主机守护\
                 进程的类型则能访问它们的文件和套接字。自定义 SELinux 用户或角色，则会改变进程能\
                 进入哪些类型。Pod 安全标准的 baseline 级别对这些一概不允许。",
        },
        remediation: Text {
            en: "Remove `type`, `user` and `role` from `seLinuxOptions` (keep `level` if you need \
                 MCS categories), or set `type` to `container_t`, `container_init_t`, \
                 `container_kvm_t` or `container_engine_t`.",
            zh: "删除 `seLinuxOptions` 中的 `type`、`user` 和 `role`（如需 MCS 类别可保留 \
                 `level`），或把 `type` 改为 `container_t`、`container_init_t`、`container_kvm_t` \
                 或 `container_engine_t`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container",
        ],
        concern: Some("selinux"),
    },
    check,
};

const ALLOWED_TYPES: &[&str] = &[
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if let Some(options) = options(pod.security_context()) {
        let prefix = pod.field("securityContext.seLinuxOptions");
        for (key, value, text) in offending(options) {
            let message = tr!(
                sink.lang(),
                "the pod sets SELinux `{key}: {text}` for all its containers; {}",
                "Pod 为所有容器把 SELinux `{key}` 设为 `{text}`；{}",
                advice(key, sink),
            );
            sink.report(&RULE.meta, value, format!("{prefix}.{key}"), message);
        }
    }
    for container in pod.containers() {
        let Some(options) = options(container.security_context()) else {
            continue;
        };
        let name = container.name();
        let prefix = container.field("securityContext.seLinuxOptions");
        for (key, value, text) in offending(options) {
            let message = tr!(
                sink.lang(),
                "container `{name}` sets SELinux `{key}: {text}`; {}",
                "容器 `{name}` 把 SELinux `{key}` 设为 `{text}`；{}",
                advice(key, sink),
            );
            sink.report(&RULE.meta, value, format!("{prefix}.{key}"), message);
        }
    }
}

fn options(context: Option<&Node>) -> Option<&Node> {
    context?.get("seLinuxOptions").filter(|o| o.as_map().is_some())
}

/// The `type`, `user` and `role` entries the baseline profile rejects, with their text.
fn offending(options: &Node) -> Vec<(&'static str, &Node, &str)> {
    ["type", "user", "role"]
        .into_iter()
        .filter_map(|key| {
            let value = options.get(key)?;
            let text = value.as_str()?;
            let allowed = text.is_empty() || (key == "type" && ALLOWED_TYPES.contains(&text));
            (!allowed).then_some((key, value, text))
        })
        .collect()
}

fn advice(key: &str, sink: &Sink<'_>) -> String {
    if key == "type" {
        tr!(
            sink.lang(),
            "remove it or use `container_t`",
            "请删除或改为 `container_t`",
        )
    } else {
        tr!(
            sink.lang(),
            "remove `{key}` from `seLinuxOptions`",
            "请从 `seLinuxOptions` 中删除 `{key}`",
        )
    }
}
