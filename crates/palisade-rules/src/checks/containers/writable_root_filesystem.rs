//! K8S008: a container's root filesystem is writable (`readOnlyRootFilesystem` is not `true`).
//!
//! The field exists only per container; a pod-level one is dropped by the API server, which the
//! message points out. Windows containers cannot have a read-only root filesystem, so Windows
//! pods are exempt.

use super::inherited::{ignored_at_pod_level, malformed, set};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S008",
        aliases: &[
            "KSV014",
            "CKV_K8S_22",
            "container-security-context-readonlyrootfilesystem",
        ],
        severity: Severity::High,
        title: Text {
            en: "Container root filesystem is writable",
            zh: "容器根文件系统可写",
        },
        description: Text {
            en: "A writable root filesystem lets an intruder change the container's binaries and \
                 configuration, drop tools and stay until the pod is replaced. With \
                 `readOnlyRootFilesystem: true` the image cannot be changed at run time, and the \
                 paths the application really writes to become explicit volumes.",
            zh: "根文件系统可写时，入侵者可以篡改容器里的程序和配置、放入自己的工具，并一直驻留到 Pod 被替换。\
                 设置 `readOnlyRootFilesystem: true` 后，镜像内容在运行时无法修改，应用真正需要写入的路径也会\
                 以卷的形式明确列出。",
        },
        remediation: Text {
            en: "Set `securityContext.readOnlyRootFilesystem: true` on each container and mount an \
                 `emptyDir` volume at each path the application writes to (for example `/tmp`).",
            zh: "在每个容器上设置 `securityContext.readOnlyRootFilesystem: true`，并在应用需要写入的每个路径\
                 （例如 `/tmp`）挂载 `emptyDir` 卷。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
            "https://kubesec.io/basics/containers-securitycontext-readonlyrootfilesystem-true/",
        ],
        concern: Some("readOnlyRootFilesystem"),
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
        let field = container.field("securityContext.readOnlyRootFilesystem");
        match set(container.security_context(), "readOnlyRootFilesystem") {
            None => {
                let note = ignored_at_pod_level(&pod, "readOnlyRootFilesystem", sink.lang());
                let message = tr!(
                    sink.lang(),
                    "container `{name}` does not set `readOnlyRootFilesystem: true`; add it to its securityContext and mount the paths it writes to as `emptyDir` volumes{note}",
                    "容器 `{name}` 没有设置 `readOnlyRootFilesystem: true`；请在它的 securityContext 中加上，并把需要写入的路径挂载为 `emptyDir` 卷{note}",
                );
                sink.report(
                    &RULE.meta,
                    container.nearest(&["securityContext"]),
                    field,
                    message,
                );
            }
            Some(value) if value.as_bool() == Some(false) => {
                let message = tr!(
                    sink.lang(),
                    "container `{name}` sets `readOnlyRootFilesystem: false`; set it to `true` and mount the paths it writes to as `emptyDir` volumes",
                    "容器 `{name}` 设置了 `readOnlyRootFilesystem: false`；请改为 `true`，并把需要写入的路径挂载为 `emptyDir` 卷",
                );
                sink.report(&RULE.meta, value, field, message);
            }
            Some(_) => {}
        }
    }
}
