//! K8S017: a container's seccomp profile is not `RuntimeDefault` or `Localhost`: unset, unknown,
//! or `Unconfined` (which K8S018 reports more severely on the same field).

use super::seccomp::{self, Profile};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S017",
        aliases: &["KSV030", "CKV_K8S_31"],
        severity: Severity::Low,
        title: Text {
            en: "Seccomp profile is not RuntimeDefault or Localhost",
            zh: "seccomp 配置文件不是 RuntimeDefault 或 Localhost",
        },
        description: Text {
            en: "seccomp filters the system calls a container may make. Unless \
                 `seccompProfile.type` is `RuntimeDefault` or `Localhost`, Kubernetes runs the \
                 container Unconfined (only a kubelet started with `--seccomp-default` changes \
                 that), and every syscall the kernel offers, `unshare`, `keyctl` and `bpf` included, \
                 is open to an attacker looking for a kernel bug. The restricted Pod Security \
                 profile requires one of the two.",
            zh: "seccomp 用来过滤容器可以发起的系统调用。除非 `seccompProfile.type` 设为 \
                 `RuntimeDefault` 或 `Localhost`，Kubernetes 会让容器以 Unconfined 方式运行（只有\
                 以 `--seccomp-default` 启动的 kubelet 例外），内核提供的所有系统调用，包括 \
                 `unshare`、`keyctl`、`bpf`，都向寻找内核漏洞的攻击者敞开。Pod 安全标准的 \
                 restricted 级别要求二者必居其一。",
        },
        remediation: Text {
            en: "Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod spec (it \
                 applies to every container), or `Localhost` with a `localhostProfile` for a \
                 profile of your own. The `seccomp.security.alpha.kubernetes.io` annotations no \
                 longer do anything.",
            zh: "在 Pod 规约中设置 `securityContext.seccompProfile.type: RuntimeDefault`（对所有容器\
                 生效）；如需自定义配置，设为 `Localhost` 并填写 `localhostProfile`。\
                 `seccomp.security.alpha.kubernetes.io` 系列注解已不再起任何作用。",
        },
        references: &[
            "https://kubernetes.io/docs/tutorials/security/seccomp/",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
        ],
        concern: Some("seccomp"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for profile in seccomp::profiles(&pod) {
        let message = match profile.kind {
            Some("RuntimeDefault" | "Localhost") => continue,
            Some(kind) => wrong_type_message(&profile, kind, sink),
            None => missing_message(&profile, sink),
        };
        sink.report(&RULE.meta, profile.at, profile.field, message);
    }
}

fn wrong_type_message(profile: &Profile<'_>, kind: &str, sink: &Sink<'_>) -> String {
    let who = seccomp::who(&profile.containers, sink.lang());
    if profile.pod_level {
        tr!(
            sink.lang(),
            "the pod's seccomp profile type `{kind}` applies to {who}; set it to `RuntimeDefault` \
             or `Localhost`",
            "Pod 级 seccomp 配置类型 `{kind}` 作用于{who}；请改为 `RuntimeDefault` 或 `Localhost`",
        )
    } else {
        tr!(
            sink.lang(),
            "{who} has seccomp profile type `{kind}`; set it to `RuntimeDefault` or `Localhost`",
            "{who} 的 seccomp 配置类型为 `{kind}`；请改为 `RuntimeDefault` 或 `Localhost`",
        )
    }
}

fn missing_message(profile: &Profile<'_>, sink: &Sink<'_>) -> String {
    let who = seccomp::who(&profile.containers, sink.lang());
    match &profile.annotation {
        Some(key) => tr!(
            sink.lang(),
            "{who} sets its seccomp profile only with the annotation `{key}`, which Kubernetes \
             ignores since 1.27; set `securityContext.seccompProfile.type: RuntimeDefault`",
            "{who} 只用注解 `{key}` 指定 seccomp 配置，而 Kubernetes 从 1.27 起已忽略该注解；\
             请设置 `securityContext.seccompProfile.type: RuntimeDefault`",
        ),
        None if profile.pod_level => tr!(
            sink.lang(),
            "the pod's `seccompProfile` has no `type` and applies to {who}; set `type: \
             RuntimeDefault`",
            "Pod 级 `seccompProfile` 缺少 `type`，且作用于{who}；请设置 `type: RuntimeDefault`",
        ),
        None if profile.untyped => tr!(
            sink.lang(),
            "{who} has a `seccompProfile` without `type`; set `type: RuntimeDefault`",
            "{who} 的 `seccompProfile` 缺少 `type`；请设置 `type: RuntimeDefault`",
        ),
        None => tr!(
            sink.lang(),
            "{who} sets no seccomp profile; set `securityContext.seccompProfile.type: \
             RuntimeDefault` on the pod or the container",
            "{who} 未设置 seccomp 配置；请在 Pod 或容器上设置 \
             `securityContext.seccompProfile.type: RuntimeDefault`",
        ),
    }
}
