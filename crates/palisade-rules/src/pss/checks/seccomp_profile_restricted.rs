//! PSS-seccompProfile_restricted (restricted, v1.19+): every container runs with a
//! RuntimeDefault or Localhost seccomp profile, its own or the pod's; Windows pods are exempt from
//! v1.25. Replaces seccompProfile_baseline.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "seccompProfile_restricted",
    level: Level::Restricted,
    meta: RuleMeta {
        code: "PSS-seccompProfile_restricted",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security restricted: no seccomp profile",
            zh: "Pod 安全标准 restricted：没有 seccomp 配置",
        },
        description: Text {
            en: "Restricted requires a seccomp profile of type RuntimeDefault or Localhost for every container, set \
                 at pod level or on the container; unset counts as unconfined.",
            zh: "restricted 级别要求每个容器都有类型为 RuntimeDefault 或 Localhost 的 seccomp 配置，可在 Pod 级或\
                 容器上设置；不设置视为不受限。",
        },
        remediation: Text {
            en: "Set `securityContext.seccompProfile.type: RuntimeDefault` at pod level.",
            zh: "在 Pod 级设置 `securityContext.seccompProfile.type: RuntimeDefault`。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
        concern: Some("seccomp"),
    },
    versions: &[
        Versioned::new(19, run).replacing(&["seccompProfile_baseline"]),
        Versioned::new(25, run)
            .except_windows()
            .replacing(&["seccompProfile_baseline"]),
    ],
};

/// The type node of a profile, or the profile itself when it has no type.
fn bad_type(profile: &Node) -> Option<(&Node, &str)> {
    match set(profile.get("type")) {
        Some(kind) => {
            let text = kind.as_text().unwrap_or_default();
            (!matches!(text, "RuntimeDefault" | "Localhost")).then_some((kind, text))
        }
        None => Some((profile, "")),
    }
}

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    let mut pod_sets = false;
    if let Some(profile) = pod_level(pod, "seccompProfile") {
        match bad_type(profile) {
            Some((at, kind)) => {
                let message = tr!(
                    out.lang,
                    "the pod's seccomp profile type is `{kind}`; allowed: RuntimeDefault or Localhost",
                    "Pod 的 seccomp 配置类型为 `{kind}`；允许的值：RuntimeDefault 或 Localhost",
                );
                let field = pod.spec.field("securityContext.seccompProfile.type");
                out.report(&CHECK, at, field, "seccomp", message);
            }
            None => pod_sets = true,
        }
    }
    for container in pod.containers() {
        let name = container.name();
        let field = || container.field("securityContext.seccompProfile.type");
        match own(&container, "seccompProfile") {
            Some(profile) => {
                if let Some((at, kind)) = bad_type(profile) {
                    let message = tr!(
                        out.lang,
                        "container `{name}` has seccomp profile type `{kind}`; allowed: RuntimeDefault or Localhost",
                        "容器 `{name}` 的 seccomp 配置类型为 `{kind}`；允许的值：RuntimeDefault 或 Localhost",
                    );
                    out.report(&CHECK, at, field(), "seccomp", message);
                }
            }
            None if !pod_sets => {
                let message = tr!(
                    out.lang,
                    "container `{name}` has no seccomp profile; required: `seccompProfile.type` RuntimeDefault or Localhost on the container or the pod",
                    "容器 `{name}` 没有 seccomp 配置；要求：在容器或 Pod 上设置 `seccompProfile.type` 为 RuntimeDefault 或 Localhost",
                );
                out.report(
                    &CHECK,
                    container.nearest(&["securityContext"]),
                    field(),
                    "seccomp",
                    message,
                );
            }
            None => {}
        }
    }
}
