//! IMG005: the image exposes the SSH port, 22.
//!
//! *What it does.* Looks for `22/tcp` (or `22`, `22/udp`) among the image's exposed ports.
//!
//! *Why is this bad?* A container is managed through its runtime (`kubectl exec`, `docker exec`),
//! not by logging in. An SSH server in an image is one more service to attack, usually with keys
//! or passwords baked into a layer, and it hides who did what from the cluster's audit log.
//!
//! *Example.* Remove `EXPOSE 22` and the SSH server; use `kubectl exec` or an ephemeral debug
//! container.
//!
//! *Trivy.* DS004; *Checkov* CKV_DOCKER_1.

use palisade_core::{RuleMeta, Severity, Text, tr};

use super::{ImageRule, Sink};
use crate::ImageInfo;

pub(super) static RULE: ImageRule = ImageRule {
    meta: RuleMeta {
        code: "IMG005",
        aliases: &["DS004", "CKV_DOCKER_1"],
        severity: Severity::Medium,
        title: Text {
            en: "Image exposes the SSH port 22",
            zh: "镜像暴露了 SSH 端口 22",
        },
        description: Text {
            en: "The image declares port 22 as exposed, which means it expects to run an SSH server. \
                 Containers are reached through the runtime; an SSH daemon adds an attack surface, \
                 usually comes with credentials stored in the image, and bypasses the audit trail.",
            zh: "镜像声明暴露 22 端口，说明它打算运行 SSH 服务。容器应通过运行时进入；SSH 守护进程\
                 增加了攻击面，通常还伴随写入镜像的凭据，并且绕过了集群的审计记录。",
        },
        remediation: Text {
            en: "Remove `EXPOSE 22` and the SSH server from the image; use `kubectl exec`, `docker exec` \
                 or an ephemeral debug container instead.",
            zh: "从镜像中删除 `EXPOSE 22` 和 SSH 服务；改用 `kubectl exec`、`docker exec` 或临时调试容器。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#expose",
            "https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container",
        ],
        concern: None,
    },
    check,
};

fn check(image: &ImageInfo, sink: &mut Sink<'_>) {
    for port in &image.config.exposed_ports {
        let number = port.split('/').next().unwrap_or_default().trim();
        if number == "22" {
            let message = tr!(
                sink.lang(),
                "the image exposes `{port}`, the SSH port; remove `EXPOSE 22` and the SSH server",
                "镜像暴露了 SSH 端口 `{port}`；请删除 `EXPOSE 22` 以及 SSH 服务",
            );
            sink.report(&RULE.meta, format!("config.ExposedPorts.{port}"), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{clean, codes, image};

    #[test]
    fn port_22_is_reported() {
        let mut config = clean();
        config.exposed_ports = vec![
            "80/tcp".into(),
            "22/tcp".into(),
            "2222/tcp".into(),
            "220/udp".into(),
        ];
        assert_eq!(
            codes(&image(config)),
            vec![("IMG005".to_owned(), "config.ExposedPorts.22/tcp".to_owned())]
        );
        let mut config = clean();
        config.exposed_ports = vec!["22".into()];
        assert_eq!(codes(&image(config)).len(), 1);
        let mut config = clean();
        config.exposed_ports = vec!["2222/tcp".into(), "122/tcp".into()];
        assert!(codes(&image(config)).is_empty());
    }
}
