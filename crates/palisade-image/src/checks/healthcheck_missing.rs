//! IMG006: the image declares no health check, or turns it off (`HEALTHCHECK NONE`).
//!
//! *What it does.* Reads the configuration's `Healthcheck.Test`: absent, empty, or `["NONE"]`
//! is no health check.
//!
//! *Why is this bad?* Without a health check Docker and Swarm cannot tell a hung service from a
//! working one, and will not restart or stop routing to it. (Kubernetes ignores `HEALTHCHECK`
//! and uses its own probes, so for images run only there this is informational.)
//!
//! *Example.* `HEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1`.
//!
//! *Trivy.* DS026; *Checkov* CKV_DOCKER_2; *hadolint* has none for images.

use palisade_core::{RuleMeta, Severity, Text, tr};

use super::{ImageRule, Sink};
use crate::ImageInfo;

pub(super) static RULE: ImageRule = ImageRule {
    meta: RuleMeta {
        code: "IMG006",
        aliases: &["DS026", "CKV_DOCKER_2"],
        severity: Severity::Low,
        title: Text {
            en: "Image declares no health check",
            zh: "镜像没有声明健康检查",
        },
        description: Text {
            en: "The image has no `HEALTHCHECK`, or disables it with `HEALTHCHECK NONE`. Docker and Swarm \
                 then cannot tell a hung service from a healthy one, so they neither restart it nor \
                 stop sending it traffic. Kubernetes uses its own probes instead.",
            zh: "镜像没有 `HEALTHCHECK`，或用 `HEALTHCHECK NONE` 关闭了它。这样 Docker 和 Swarm 无法区分\
                 卡死的服务和正常的服务，既不会重启它，也不会停止向它转发流量。Kubernetes 则使用自己的探针。",
        },
        remediation: Text {
            en: "Add a health check to the Dockerfile, e.g. `HEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1`; \
                 on Kubernetes, define liveness and readiness probes.",
            zh: "在 Dockerfile 中加入健康检查，例如 `HEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1`；\
                 在 Kubernetes 上请定义 liveness 和 readiness 探针。",
        },
        references: &["https://docs.docker.com/reference/dockerfile/#healthcheck"],
        concern: None,
    },
    check,
};

fn check(image: &ImageInfo, sink: &mut Sink<'_>) {
    let test = image.config.healthcheck.as_deref().unwrap_or_default();
    let disabled = test.first().is_some_and(|t| t.eq_ignore_ascii_case("NONE"));
    let message = if test.is_empty() {
        tr!(
            sink.lang(),
            "the image declares no HEALTHCHECK; add one so the runtime can tell when the service hangs",
            "镜像没有声明 HEALTHCHECK；请添加健康检查，让运行时能发现服务卡死",
        )
    } else if disabled {
        tr!(
            sink.lang(),
            "the image turns its health check off with `HEALTHCHECK NONE`; declare a real check",
            "镜像用 `HEALTHCHECK NONE` 关闭了健康检查；请声明真正的检查命令",
        )
    } else {
        return;
    };
    sink.report(&RULE.meta, "config.Healthcheck".into(), message);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{clean, codes, image};

    #[test]
    fn missing_empty_and_none_are_reported() {
        for test in [None, Some(vec![]), Some(vec!["NONE".to_owned()])] {
            let mut config = clean();
            config.healthcheck = test.clone();
            assert_eq!(
                codes(&image(config)),
                vec![("IMG006".to_owned(), "config.Healthcheck".to_owned())],
                "{test:?}"
            );
        }
        let mut config = clean();
        config.healthcheck = Some(vec!["CMD-SHELL".into(), "pg_isready".into()]);
        assert!(codes(&image(config)).is_empty());
    }
}
