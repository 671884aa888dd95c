//! K8S018: a container runs seccomp Unconfined, because its profile says so or because none is
//! set (Kubernetes' default, as Trivy's KSV104 also reads it).

use super::seccomp::{self, Profile};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S018",
        aliases: &["KSV104"],
        severity: Severity::Medium,
        title: Text {
            en: "Container runs without seccomp (Unconfined)",
            zh: "容器未启用 seccomp（Unconfined）",
        },
        description: Text {
            en: "An Unconfined container may make every system call the node's kernel offers. \
                 Most kernel privilege escalations of recent years (through `unshare`, `keyctl`, \
                 `io_uring`, `bpf`) start with a call the runtime's default profile blocks. \
                 Kubernetes runs a container Unconfined when its profile says `Unconfined` and \
                 also when no profile is set, unless the kubelet was started with \
                 `--seccomp-default`.",
            zh: "Unconfined 的容器可以调用节点内核提供的全部系统调用。近年来大多数内核提权漏洞\
                 （借助 `unshare`、`keyctl`、`io_uring`、`bpf`）的第一步，恰恰是运行时默认配置会\
                 拦下的调用。配置类型写明 `Unconfined` 时，Kubernetes 以 Unconfined 运行容器；\
                 完全不设置时也是如此，除非 kubelet 以 `--seccomp-default` 启动。",
        },
        remediation: Text {
            en: "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod, and remove \
                 any `type: Unconfined` from the pod and its containers. If a workload really \
                 needs a blocked syscall, write a `Localhost` profile that allows just that one.",
            zh: "在 Pod 上设置 `securityContext.seccompProfile.type: RuntimeDefault`，并删除 Pod 和\
                 容器中所有的 `type: Unconfined`。如果工作负载确实需要某个被拦截的系统调用，\
                 请编写只放行该调用的 `Localhost` 配置。",
        },
        references: &[
            "https://kubernetes.io/docs/tutorials/security/seccomp/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
        concern: Some("seccomp"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for profile in seccomp::profiles(&pod) {
        let message = match profile.kind {
            // The API server accepts only `Unconfined`; other spellings are K8S017's.
            Some(kind) if kind.eq_ignore_ascii_case("Unconfined") => unconfined_message(&profile, kind, sink),
            Some(_) => continue,
            None => default_message(&profile, sink),
        };
        sink.report(&RULE.meta, profile.at, profile.field, message);
    }
}

fn unconfined_message(profile: &Profile<'_>, kind: &str, sink: &Sink<'_>) -> String {
    let who = seccomp::who(&profile.containers, sink.lang());
    if profile.pod_level {
        tr!(
            sink.lang(),
            "the pod's seccomp profile `{kind}` leaves {who} without seccomp; set it to \
             `RuntimeDefault`",
            "Pod 级 seccomp 配置为 `{kind}`，{who} 因此不受 seccomp 约束；请改为 `RuntimeDefault`",
        )
    } else {
        tr!(
            sink.lang(),
            "{who} disables seccomp with profile type `{kind}`; set it to `RuntimeDefault`",
            "{who} 以配置类型 `{kind}` 关闭了 seccomp；请改为 `RuntimeDefault`",
        )
    }
}

fn default_message(profile: &Profile<'_>, sink: &Sink<'_>) -> String {
    let who = seccomp::who(&profile.containers, sink.lang());
    match &profile.annotation {
        Some(key) => tr!(
            sink.lang(),
            "{who} runs Unconfined: the annotation `{key}` is ignored since Kubernetes 1.27; set \
             `securityContext.seccompProfile.type: RuntimeDefault`",
            "{who} 以 Unconfined 运行：Kubernetes 从 1.27 起忽略注解 `{key}`；请设置 \
             `securityContext.seccompProfile.type: RuntimeDefault`",
        ),
        None if profile.pod_level => tr!(
            sink.lang(),
            "the pod's `seccompProfile` has no `type` and leaves {who} Unconfined; set `type: \
             RuntimeDefault`",
            "Pod 级 `seccompProfile` 缺少 `type`，{who} 因此以 Unconfined 运行；请设置 \
             `type: RuntimeDefault`",
        ),
        None if profile.untyped => tr!(
            sink.lang(),
            "{who} has a `seccompProfile` without `type` and runs Unconfined; set `type: \
             RuntimeDefault`",
            "{who} 的 `seccompProfile` 缺少 `type`，将以 Unconfined 运行；请设置 \
             `type: RuntimeDefault`",
        ),
        None => tr!(
            sink.lang(),
            "{who} sets no seccomp profile and runs Unconfined; set \
             `securityContext.seccompProfile.type: RuntimeDefault` on the pod or the container",
            "{who} 未设置 seccomp 配置，将以 Unconfined 运行；请在 Pod 或容器上设置 \
             `securityContext.seccompProfile.type: RuntimeDefault`",
        ),
    }
}
