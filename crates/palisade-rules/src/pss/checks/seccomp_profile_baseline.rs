//! PSS-seccompProfile_baseline (baseline): seccomp may not be turned off — by the alpha
//! annotations before v1.19, by the `seccompProfile` fields from v1.19.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "seccompProfile_baseline",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-seccompProfile_baseline",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security baseline: seccomp turned off",
            zh: "Pod 安全标准 baseline：关闭了 seccomp",
        },
        description: Text {
            en: "Seccomp filters the system calls a container may make. Baseline rejects a seccomp profile of type \
                 `Unconfined` at pod or container level (policy versions before v1.19 read the \
                 `seccomp.security.alpha.kubernetes.io` annotations instead, rejecting `unconfined`).",
            zh: "seccomp 过滤容器可以发起的系统调用。baseline 级别拒绝 Pod 或容器级类型为 `Unconfined` 的 seccomp \
                 配置（v1.19 之前的策略版本改为读取 `seccomp.security.alpha.kubernetes.io` 注解，拒绝 \
                 `unconfined`）。",
        },
        remediation: Text {
            en: "Set `securityContext.seccompProfile.type: RuntimeDefault` (or `Localhost`) instead of \
                 `Unconfined`.",
            zh: "把 `securityContext.seccompProfile.type` 从 `Unconfined` 改为 `RuntimeDefault`（或 `Localhost`）。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("seccomp"),
    },
    versions: &[Versioned::new(0, annotations), Versioned::new(19, fields)],
};

const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const CONTAINER_ANNOTATION: &str = "container.seccomp.security.alpha.kubernetes.io/";

fn annotations<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    let annotations = pod.spec.metadata().and_then(|m| m.get("annotations"));
    for (key, value) in annotations.and_then(Node::as_map).unwrap_or_default() {
        let Some(key) = key.as_text() else { continue };
        if value.as_text() != Some("unconfined") {
            continue;
        }
        let who = if key == POD_ANNOTATION {
            tr!(out.lang, "the pod", "Pod")
        } else if let Some(container) = key.strip_prefix(CONTAINER_ANNOTATION) {
            tr!(out.lang, "container `{container}`", "容器 `{container}`")
        } else {
            continue;
        };
        let message = tr!(
            out.lang,
            "{who} has the seccomp annotation `unconfined`; allowed: `runtime/default`, `docker/default` or `localhost/<profile>`",
            "{who} 的 seccomp 注解为 `unconfined`；允许的值：`runtime/default`、`docker/default` 或 `localhost/<配置>`",
        );
        let field = format!("{}.annotations.{key}", pod.spec.metadata_prefix);
        out.report(&CHECK, value, field, "seccomp", message);
    }
}

fn fields<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    if let Some(kind) = pod_level(pod, "seccompProfile").and_then(|p| set(p.get("type"))) {
        if kind.as_text() == Some("Unconfined") {
            let message = tr!(
                out.lang,
                "the pod's seccomp profile is `Unconfined`; allowed: RuntimeDefault, Localhost or unset",
                "Pod 的 seccomp 配置为 `Unconfined`；允许的值：RuntimeDefault、Localhost 或不设置",
            );
            let field = pod.spec.field("securityContext.seccompProfile.type");
            out.report(&CHECK, kind, field, "seccomp", message);
        }
    }
    for container in pod.containers() {
        let Some(kind) = own(&container, "seccompProfile").and_then(|p| set(p.get("type"))) else {
            continue;
        };
        if kind.as_text() == Some("Unconfined") {
            let name = container.name();
            let message = tr!(
                out.lang,
                "container `{name}` has seccomp profile `Unconfined`; allowed: RuntimeDefault, Localhost or unset",
                "容器 `{name}` 的 seccomp 配置为 `Unconfined`；允许的值：RuntimeDefault、Localhost 或不设置",
            );
            let field = container.field("securityContext.seccompProfile.type");
            out.report(&CHECK, kind, field, "seccomp", message);
        }
    }
}
