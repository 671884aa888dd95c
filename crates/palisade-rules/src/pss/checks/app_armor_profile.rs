//! PSS-appArmorProfile (baseline): AppArmor may not be turned off, by field or by the legacy
//! annotations.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "appArmorProfile",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-appArmorProfile",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security baseline: AppArmor turned off",
            zh: "Pod 安全标准 baseline：关闭了 AppArmor",
        },
        description: Text {
            en: "On nodes with AppArmor, the runtime's default profile confines what a container may touch. \
                 Baseline rejects an `appArmorProfile` of any type other than `RuntimeDefault` or `Localhost`, \
                 at pod or container level, and legacy `container.apparmor.security.beta.kubernetes.io/*` \
                 annotations other than `runtime/default` and `localhost/<profile>`.",
            zh: "在启用 AppArmor 的节点上，运行时的默认配置文件限制容器可访问的资源。baseline 级别拒绝 Pod 或容器级\
                 类型不是 `RuntimeDefault` 或 `Localhost` 的 `appArmorProfile`，以及取值不是 `runtime/default` \
                 或 `localhost/<配置>` 的旧注解 `container.apparmor.security.beta.kubernetes.io/*`。",
        },
        remediation: Text {
            en: "Set `securityContext.appArmorProfile.type: RuntimeDefault` (or a `Localhost` profile) and remove \
                 `Unconfined` profiles and `unconfined` annotations.",
            zh: "设置 `securityContext.appArmorProfile.type: RuntimeDefault`（或 `Localhost` 配置文件），删除 \
                 `Unconfined` 配置和 `unconfined` 注解。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/tutorials/security/apparmor/",
        ],
        concern: Some("apparmor"),
    },
    versions: &[Versioned::new(0, run)],
};

const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    let annotations = pod.spec.metadata().and_then(|m| m.get("annotations"));
    for (key, value) in annotations.and_then(Node::as_map).unwrap_or_default() {
        let Some(container) = key.as_text().and_then(|k| k.strip_prefix(ANNOTATION_PREFIX)) else {
            continue;
        };
        let profile = value.as_text().unwrap_or_default();
        if profile.is_empty() || profile == "runtime/default" || profile.starts_with("localhost/") {
            continue;
        }
        let message = tr!(
            out.lang,
            "the AppArmor annotation of container `{container}` is `{profile}`; allowed: `runtime/default` or `localhost/<profile>`",
            "容器 `{container}` 的 AppArmor 注解为 `{profile}`；允许的值：`runtime/default` 或 `localhost/<配置>`",
        );
        let field = format!(
            "{}.annotations.{}",
            pod.spec.metadata_prefix,
            key.as_text().unwrap_or_default()
        );
        out.report(&CHECK, value, field, "apparmor", message);
    }
    if let Some(profile) = pod_level(pod, "appArmorProfile") {
        if let Some((at, kind)) = forbidden(profile) {
            let message = tr!(
                out.lang,
                "the pod's AppArmor profile type is `{kind}`; allowed: RuntimeDefault or Localhost",
                "Pod 的 AppArmor 配置类型为 `{kind}`；允许的值：RuntimeDefault 或 Localhost",
            );
            let field = pod.spec.field("securityContext.appArmorProfile.type");
            out.report(&CHECK, at, field, "apparmor", message);
        }
    }
    for container in pod.containers() {
        let Some(profile) = own(&container, "appArmorProfile") else {
            continue;
        };
        if let Some((at, kind)) = forbidden(profile) {
            let name = container.name();
            let message = tr!(
                out.lang,
                "container `{name}` has AppArmor profile type `{kind}`; allowed: RuntimeDefault or Localhost",
                "容器 `{name}` 的 AppArmor 配置类型为 `{kind}`；允许的值：RuntimeDefault 或 Localhost",
            );
            let field = container.field("securityContext.appArmorProfile.type");
            out.report(&CHECK, at, field, "apparmor", message);
        }
    }
}

/// The node and type of a profile whose type is neither RuntimeDefault nor Localhost.
fn forbidden(profile: &Node) -> Option<(&Node, &str)> {
    match set(profile.get("type")) {
        Some(kind) => {
            let text = kind.as_text().unwrap_or_default();
            (!matches!(text, "RuntimeDefault" | "Localhost")).then_some((kind, text))
        }
        None => Some((profile, "")),
    }
}
