//! PSS-runAsNonRoot (restricted): every container must be required to run as non-root, by the
//! pod or by itself, and nothing may set it to false.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "runAsNonRoot",
    level: Level::Restricted,
    meta: RuleMeta {
        code: "PSS-runAsNonRoot",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security restricted: not required to run as non-root",
            zh: "Pod 安全标准 restricted：未要求以非 root 运行",
        },
        description: Text {
            en: "With `runAsNonRoot: true` the kubelet refuses to start a container whose user is root, whatever \
                 the image says. Restricted requires it at pod level or in every container, and rejects an \
                 explicit `false` anywhere.",
            zh: "设置 `runAsNonRoot: true` 后，无论镜像如何声明，只要容器用户是 root，kubelet 就拒绝启动它。\
                 restricted 级别要求在 Pod 级或每个容器中设置它，并拒绝任何位置显式设为 `false`。",
        },
        remediation: Text {
            en: "Set `securityContext.runAsNonRoot: true` at pod level (and remove `runAsNonRoot: false` from \
                 containers); make sure the image runs as a non-zero user.",
            zh: "在 Pod 级设置 `securityContext.runAsNonRoot: true`（并删除容器中的 `runAsNonRoot: false`）；\
                 确保镜像以非 0 用户运行。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
        concern: Some("runAsNonRoot"),
    },
    versions: &[Versioned::new(0, run)],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    let mut pod_requires = false;
    if let Some(value) = pod_level(pod, "runAsNonRoot") {
        if value.as_bool() == Some(true) {
            pod_requires = true;
        } else {
            let message = tr!(
                out.lang,
                "the pod sets `runAsNonRoot: false`; required: true",
                "Pod 设置了 `runAsNonRoot: false`；要求：true",
            );
            out.report(
                &CHECK,
                value,
                pod.spec.field("securityContext.runAsNonRoot"),
                "runAsNonRoot",
                message,
            );
        }
    }
    for container in pod.containers() {
        let name = container.name();
        let field = || container.field("securityContext.runAsNonRoot");
        match own(&container, "runAsNonRoot") {
            Some(value) if value.as_bool() == Some(true) => {}
            Some(value) => {
                let message = tr!(
                    out.lang,
                    "container `{name}` sets `runAsNonRoot: false`; required: true",
                    "容器 `{name}` 设置了 `runAsNonRoot: false`；要求：true",
                );
                out.report(&CHECK, value, field(), "runAsNonRoot", message);
            }
            None if !pod_requires => {
                let message = tr!(
                    out.lang,
                    "container `{name}` is not required to run as non-root; required: `runAsNonRoot: true` on the container or the pod",
                    "容器 `{name}` 未要求以非 root 运行；要求：在容器或 Pod 上设置 `runAsNonRoot: true`",
                );
                out.report(
                    &CHECK,
                    container.nearest(&["securityContext"]),
                    field(),
                    "runAsNonRoot",
                    message,
                );
            }
            None => {}
        }
    }
}
