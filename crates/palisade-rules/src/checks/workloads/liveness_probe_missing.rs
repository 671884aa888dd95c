//! K8S220: a long-running container has no liveness probe.
//!
//! Regular containers of pods that are not run to completion (see `probes.rs`). kube-score's
//! `pod-probes` is not an alias: it asks for one probe per pod, only for pods a Service selects,
//! and mostly judges readiness probes and identical probes.

use super::container_label;
use super::probes::without;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S220",
        aliases: &["CKV_K8S_8"],
        severity: Severity::Low,
        title: Text {
            en: "Container has no liveness probe",
            zh: "容器未配置存活探针",
        },
        description: Text {
            en: "Without a liveness probe the kubelet restarts a container only when its process \
                 exits. A container that deadlocks, hangs on a dependency or stops serving while its \
                 process lives on stays broken until someone notices.",
            zh: "没有存活探针时，kubelet 只会在进程退出时重启容器。死锁、卡在某个依赖上，或进程还在却\
                 不再提供服务的容器，会一直处于故障状态，直到有人发现为止。",
        },
        remediation: Text {
            en: "Add a `livenessProbe` that checks the process can still make progress (an `httpGet` \
                 on a cheap health endpoint, a `tcpSocket` or a `grpc` check), with thresholds loose \
                 enough that a slow moment does not restart it. Jobs and other pods that run to \
                 completion are not checked.",
            zh: "添加 `livenessProbe`，检查进程是否还能正常工作（对轻量健康检查端点的 `httpGet`、\
                 `tcpSocket` 或 `grpc` 检查），阈值要留足余量，避免偶尔变慢就触发重启。Job 等运行到\
                 结束即退出的 Pod 不在检查范围内。",
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
    for (container, at) in without(object, "livenessProbe") {
        let who = container_label(&container, sink.lang());
        let message = tr!(
            sink.lang(),
            "{who} has no liveness probe; add a `livenessProbe` (for example an `httpGet` on its health endpoint)",
            "{who} 未配置存活探针；请添加 `livenessProbe`（例如对健康检查端点的 `httpGet`）",
        );
        sink.report(&RULE.meta, at, container.field("livenessProbe"), message);
    }
}
