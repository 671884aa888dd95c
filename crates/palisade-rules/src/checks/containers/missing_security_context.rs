//! K8S009: a container runs with no securityContext at all: neither its own nor the pod's sets
//! anything.
//!
//! A context with only `null` values counts as empty, as the API server decodes it. Trivy's
//! `KSV118` also reports a pod whose own securityContext is empty when every container sets one;
//! palisade does not, because the containers are not running with defaults then. Windows pods are
//! exempt: the settings this rule asks for are Linux-only.

use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S009",
        aliases: &["KSV118", "CKV_K8S_30"],
        severity: Severity::High,
        title: Text {
            en: "Container has no security context",
            zh: "容器没有任何安全上下文",
        },
        description: Text {
            en: "When neither a container nor its pod sets a `securityContext`, the container runs \
                 with every default: as the image's user (often root), with privilege escalation \
                 allowed, a writable root filesystem and the runtime's default capabilities. Nothing \
                 in the manifest records a security decision.",
            zh: "容器和它所在的 Pod 都没有设置 `securityContext` 时，容器完全按默认值运行：以镜像指定的用户（往往是 \
                 root）运行、允许提权、根文件系统可写，并拥有容器运行时默认授予的能力。清单里看不到任何安全方面的决定。",
        },
        remediation: Text {
            en: "Give the container (or the pod) a `securityContext` with at least \
                 `runAsNonRoot: true`, `allowPrivilegeEscalation: false`, \
                 `readOnlyRootFilesystem: true`, `capabilities: {drop: [ALL]}` and \
                 `seccompProfile: {type: RuntimeDefault}`.",
            zh: "为容器（或 Pod）添加 `securityContext`，至少包含 `runAsNonRoot: true`、\
                 `allowPrivilegeEscalation: false`、`readOnlyRootFilesystem: true`、\
                 `capabilities: {drop: [ALL]}` 和 `seccompProfile: {type: RuntimeDefault}`。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
        ],
        concern: Some("securityContext"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    if pod.is_windows() || !is_empty(pod.security_context()) {
        return;
    }
    for container in pod.containers() {
        if !is_empty(container.security_context()) {
            continue;
        }
        let name = container.name();
        let message = tr!(
            sink.lang(),
            "container `{name}` has no securityContext and the pod has none either; add one with at least `runAsNonRoot: true`, `allowPrivilegeEscalation: false`, `readOnlyRootFilesystem: true` and `capabilities.drop: [ALL]`",
            "容器 `{name}` 没有 securityContext，Pod 也没有；请添加一个，至少包含 `runAsNonRoot: true`、`allowPrivilegeEscalation: false`、`readOnlyRootFilesystem: true` 和 `capabilities.drop: [ALL]`",
        );
        sink.report(
            &RULE.meta,
            container.nearest(&["securityContext"]),
            container.field("securityContext"),
            message,
        );
    }
}

/// Absent, `null`, `{}`, or a mapping of nothing but `null`s. A value of the wrong type is not
/// empty: the API server rejects the object, and the type check reports it.
fn is_empty(security_context: Option<&Node>) -> bool {
    let Some(sc) = security_context.filter(|sc| !sc.is_null()) else {
        return true;
    };
    sc.as_map()
        .is_some_and(|entries| entries.iter().all(|(_, value)| value.is_null()))
}
