//! K8S505: a `NetworkPolicy` has no `spec.podSelector`, so it does not say which pods it governs.
//!
//! Trivy's KSV038 reports the same policy only when no peer uses a selector either; palisade
//! reports it whatever the peers are, because the peers say who may talk to the pods, not which
//! pods the policy covers. Left out, it decodes to `{}`, every pod of the namespace, so an allow
//! rule meant for one workload opens them all. `podSelector:` written with no value is the same
//! `{}` said on purpose, and is not reported.

use super::view::{NetworkPolicy, missing_at};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S505",
        aliases: &["KSV038"],
        severity: Severity::Medium,
        title: Text {
            en: "NetworkPolicy does not select its pods",
            zh: "NetworkPolicy 未指定所作用的 Pod",
        },
        description: Text {
            en: "`spec.podSelector` decides which pods a NetworkPolicy isolates and which pods its allow rules \
                 open. The API documents it as required; left out, it decodes to `{}`, every pod in the \
                 namespace, so an allow rule written for one workload silently applies to all of them.",
            zh: "`spec.podSelector` 决定 NetworkPolicy 隔离哪些 Pod、其放行规则对哪些 Pod 生效。API 文档将其\
                 标为必填；一旦漏写，它会被解析为 `{}`，即命名空间内的全部 Pod——原本只为某个工作负载写的\
                 放行规则会悄悄作用于所有 Pod。",
        },
        remediation: Text {
            en: "Set `spec.podSelector` explicitly: `matchLabels` of the workload the policy is for, or `{}` \
                 when it really is meant for every pod of the namespace (a default-deny policy).",
            zh: "显式设置 `spec.podSelector`：写上目标工作负载的 `matchLabels`；若确实要作用于命名空间内所有 Pod\
                 （如默认拒绝策略），写 `podSelector: {}`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource",
            "https://kubernetes.io/docs/tasks/administer-cluster/declare-network-policy/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(policy) = NetworkPolicy::of(object) else {
        return;
    };
    // `podSelector:` left empty (null) decodes to `{}`, the same as writing it out.
    if policy.get("podSelector").is_some() {
        return;
    }
    let name = policy.name;
    let message = tr!(
        sink.lang(),
        "NetworkPolicy `{name}` has no `spec.podSelector`; set it to the labels of the pods it is for \
         (or `{{}}` for every pod of the namespace)",
        "NetworkPolicy `{name}` 缺少 `spec.podSelector`；请设置为目标 Pod 的标签（作用于命名空间全部 Pod 时写 `{{}}`）",
    );
    sink.report(
        &RULE.meta,
        missing_at(policy.root, "spec"),
        "spec.podSelector",
        message,
    );
}
