//! K8S019: an `AppArmor` profile is `Unconfined` or not one Kubernetes can apply, in the
//! `appArmorProfile` field (Kubernetes 1.30+, pod or container) or in the older
//! `container.apparmor.security.beta.kubernetes.io/<container>` pod annotation.
//!
//! Every value written is checked, as the Pod Security admission does: a pod-level `Unconfined`
//! still applies to containers added later (`kubectl debug`) even when each container overrides it.
//!
//! As in the Pod Security Standards, `Localhost` (`localhost/<profile>`) profiles are accepted:
//! Trivy's KSV002 also rejects them, which would condemn the custom profile the `AppArmor`
//! documentation recommends. Trivy rates KSV002 LOW; this rule is MEDIUM, level with the other
//! baseline breaches (seccomp `Unconfined`, a custom `SELinux` type, an unmasked `/proc`).

use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S019",
        aliases: &["KSV002"],
        severity: Severity::Medium,
        title: Text {
            en: "AppArmor profile is unconfined or invalid",
            zh: "AppArmor 配置为 unconfined 或无效值",
        },
        description: Text {
            en: "On nodes with AppArmor, the runtime's default profile stops a container from \
                 mounting file systems, writing to most of `/proc` and `/sys`, and other moves \
                 that container escapes rely on. `Unconfined` switches that off, and a value that \
                 is neither the runtime default nor a `localhost/` profile is rejected by the API \
                 server. The baseline Pod Security profile forbids both.",
            zh: "在启用了 AppArmor 的节点上，运行时的默认配置会阻止容器挂载文件系统、写入 `/proc` \
                 和 `/sys` 的大部分内容，以及容器逃逸常用的其他操作。`Unconfined` 会关掉这层保护；\
                 既不是运行时默认、也不是 `localhost/` 开头的取值，则会被 API 服务器拒绝。Pod 安全\
                 标准的 baseline 级别对两者都明令禁止。",
        },
        remediation: Text {
            en: "Set `securityContext.appArmorProfile.type: RuntimeDefault` (or `Localhost` with a \
                 `localhostProfile` loaded on the nodes), or the annotation value \
                 `runtime/default` (or `localhost/<profile>`) on clusters older than 1.30.",
            zh: "设置 `securityContext.appArmorProfile.type: RuntimeDefault`（或设为 `Localhost` 并\
                 指定已加载到节点上的 `localhostProfile`）；1.30 之前的集群则把注解值设为 \
                 `runtime/default`（或 `localhost/<配置名>`）。",
        },
        references: &[
            "https://kubernetes.io/docs/tutorials/security/apparmor/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
        concern: Some("apparmor"),
    },
    check,
};

const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if let Some((kind, value)) = field_type(pod.security_context()) {
        if !allowed_type(value) {
            let message = if value.eq_ignore_ascii_case("Unconfined") {
                tr!(
                    sink.lang(),
                    "the pod's AppArmor profile type `{value}` leaves its containers unconfined; \
                     set `securityContext.appArmorProfile.type: RuntimeDefault`",
                    "Pod 级 AppArmor 配置类型 `{value}` 让其容器不受 AppArmor 约束；请设置 \
                     `securityContext.appArmorProfile.type: RuntimeDefault`",
                )
            } else {
                tr!(
                    sink.lang(),
                    "the pod's AppArmor profile type `{value}` is not one Kubernetes accepts; set \
                     `securityContext.appArmorProfile.type: RuntimeDefault`",
                    "Pod 级 AppArmor 配置类型 `{value}` 不是 Kubernetes 接受的取值；请设置 \
                     `securityContext.appArmorProfile.type: RuntimeDefault`",
                )
            };
            let field = pod.field("securityContext.appArmorProfile.type");
            sink.report(&RULE.meta, kind, field, message);
        }
    }
    for container in pod.containers() {
        let name = container.name();
        if let Some((kind, value)) = field_type(container.security_context()) {
            if !allowed_type(value) {
                let message = if value.eq_ignore_ascii_case("Unconfined") {
                    tr!(
                        sink.lang(),
                        "container `{name}` runs without AppArmor (profile type `{value}`); set \
                         `securityContext.appArmorProfile.type: RuntimeDefault`",
                        "容器 `{name}` 的 AppArmor 配置类型为 `{value}`，不受 AppArmor 约束；\
                         请设置 `securityContext.appArmorProfile.type: RuntimeDefault`",
                    )
                } else {
                    tr!(
                        sink.lang(),
                        "container `{name}` has AppArmor profile type `{value}`, which Kubernetes \
                         does not accept; set `securityContext.appArmorProfile.type: \
                         RuntimeDefault`",
                        "容器 `{name}` 的 AppArmor 配置类型 `{value}` 不是 Kubernetes 接受的取值；\
                         请设置 `securityContext.appArmorProfile.type: RuntimeDefault`",
                    )
                };
                let field = container.field("securityContext.appArmorProfile.type");
                sink.report(&RULE.meta, kind, field, message);
            }
        }
        let key = format!("{ANNOTATION_PREFIX}{name}");
        let Some(value) = pod.annotation(&key) else {
            continue;
        };
        let Some(text) = value.as_text() else { continue };
        if allowed_annotation(text) {
            continue;
        }
        let message = if text == "unconfined" {
            tr!(
                sink.lang(),
                "container `{name}` runs without AppArmor (annotation `{key}: unconfined`); use \
                 `runtime/default`, or `securityContext.appArmorProfile.type: RuntimeDefault` on \
                 Kubernetes 1.30+",
                "容器 `{name}` 不受 AppArmor 约束（注解 `{key}: unconfined`）；请改用 \
                 `runtime/default`，1.30 及以上版本可直接设置 \
                 `securityContext.appArmorProfile.type: RuntimeDefault`",
            )
        } else {
            tr!(
                sink.lang(),
                "container `{name}` names AppArmor profile `{text}` (annotation `{key}`), which \
                 Kubernetes does not accept; use `runtime/default` or `localhost/<profile>`",
                "容器 `{name}` 的 AppArmor 配置 `{text}`（注解 `{key}`）不是 Kubernetes 接受的\
                 取值；请改用 `runtime/default` 或 `localhost/<配置名>`",
            )
        };
        let field = format!("{}.annotations[\"{key}\"]", pod.metadata_prefix);
        sink.report(&RULE.meta, value, field, message);
    }
}

/// The `appArmorProfile.type` string of a security context and its node, if one is written.
fn field_type(context: Option<&Node>) -> Option<(&Node, &str)> {
    let kind = context?.get("appArmorProfile")?.get("type")?;
    Some((kind, kind.as_str()?))
}

fn allowed_type(kind: &str) -> bool {
    matches!(kind, "RuntimeDefault" | "Localhost")
}

/// The annotation values the Pod Security Standards allow; an empty value sets nothing.
fn allowed_annotation(value: &str) -> bool {
    value.is_empty() || value == "runtime/default" || value.starts_with("localhost/")
}
