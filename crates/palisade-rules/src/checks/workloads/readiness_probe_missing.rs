//! K8S221: a long-running container has no readiness probe.
//!
//! Regular containers of pods that are not run to completion (see `probes.rs`). kube-score's
//! `pod-probes` is not an alias: it asks for one probe per pod and only for pods a Service
//! selects, which a single-object check cannot know.

use super::container_label;
use super::probes::without;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S221",
        aliases: &["CKV_K8S_9"],
        severity: Severity::Low,
        title: Text {
            en: "Container has no readiness probe",
            zh: "容器未配置就绪探针",
        },
        description: Text {
            en: "Without a readiness probe a container counts as ready as soon as it starts: Services \
                 send it traffic before it can answer, and a rollout moves on to the next pod even \
                 when the new version never works, turning a bad release into an outage.",
            zh: "没有就绪探针，容器一启动就被视为就绪：Service 会在它能应答之前就把流量转过来；滚动发布时\
                 即使新版本根本无法工作，也会继续替换下一个 Pod，一次失败的发布就这样变成一场故障。",
        },
        remediation: Text {
            en: "Add a `readinessProbe` that passes only when the container can serve (for example an \
                 `httpGet` on a readiness endpoint). Jobs and other pods that run to completion are \
                 not checked.",
            zh: "添加 `readinessProbe`，只有在容器能够提供服务时才通过（例如对就绪检查端点的 \
                 `httpGet`）。Job 等运行到结束即退出的 Pod 不在检查范围内。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    for (container, at) in without(object, "readinessProbe") {
        let who = container_label(&container, sink.lang());
        let message = tr!(
            sink.lang(),
            "{who} has no readiness probe; add a `readinessProbe` (for example an `httpGet` on its readiness endpoint)",
            "{who} 未配置就绪探针；请添加 `readinessProbe`（例如对就绪检查端点的 `httpGet`）",
        );
        sink.report(&RULE.meta, at, container.field("readinessProbe"), message);
    }
}
