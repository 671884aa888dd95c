//! K8S603: an Istio `AuthorizationPolicy` allows every request.
//!
//! An ALLOW policy (`action: ALLOW` or no action) with a rule that has no `from`, `to` or `when`
//! (`rules: [{}]`) matches every request, and since ALLOW policies are combined with OR it makes every other
//! ALLOW policy on the same workloads irrelevant. Not reported:
//! - `spec: {}` and `rules: []`: an ALLOW policy without rules matches nothing, so it denies
//!   everything (the zero-trust default-deny pattern);
//! - DENY with `rules: [{}]`: a deliberate lockdown; AUDIT and CUSTOM with `rules: [{}]`: audit
//!   or delegate every request, which allows nothing by itself.
//!
//! Istio's validation rejects empty `from`/`to` lists and empty sources and operations, so a rule
//! matches everything only when all three fields are absent (or null).

use super::view::{ISTIO_SECURITY, is_kind, list, name};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S603",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "AuthorizationPolicy allows all requests",
            zh: "AuthorizationPolicy 放行所有请求",
        },
        description: Text {
            en: "An empty rule `{}` in an ALLOW policy matches every request from every source, \
                 authenticated or not. Because a request is allowed as soon as any ALLOW policy \
                 matches, this one overrides every narrower ALLOW policy and the default-deny \
                 policy for the workloads it selects, so the zero-trust model no longer applies \
                 to them.",
            zh: "ALLOW 策略中的空规则 `{}` 会匹配来自任何来源的所有请求，无论是否经过认证。\
                 只要有一条 ALLOW 策略匹配，请求就会被放行，因此这条策略会让所选工作负载上\
                 所有更精细的 ALLOW 策略和默认拒绝策略全部失效，零信任模型对它们不再成立。",
        },
        remediation: Text {
            en: "Replace the empty rule with rules that name the callers and operations \
                 (`from[].source.principals`, `to[].operation.methods`/`paths`); to deny everything \
                 by default use `spec: {}` instead.",
            zh: "把空规则换成明确列出调用方和操作的规则（`from[].source.principals`、\
                 `to[].operation.methods`/`paths`）；如果想默认拒绝所有请求，请改用 `spec: {}`。",
        },
        references: &[
            "https://istio.io/latest/docs/reference/config/security/authorization-policy/",
            "https://istio.io/latest/docs/ops/best-practices/security/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    if !is_kind(object, ISTIO_SECURITY, "AuthorizationPolicy") {
        return;
    }
    let Some(spec) = object.spec() else { return };
    let allows = match spec.get("action").filter(|a| !a.is_null()) {
        None => true,
        Some(action) => action.as_text() == Some("ALLOW"),
    };
    if !allows {
        return;
    }
    let policy = name(object);
    for (index, rule) in list(spec, "rules") {
        let unconditional = ["from", "to", "when"]
            .iter()
            .all(|key| rule.get(key).is_none_or(Node::is_null));
        if !unconditional {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "AuthorizationPolicy `{policy}` has an empty rule that allows every request; list \
             the allowed sources and operations, or use `spec: {{}}` to deny all",
            "AuthorizationPolicy `{policy}` 含有放行所有请求的空规则；请明确列出允许的来源和操作，\
             或改用 `spec: {{}}` 拒绝所有请求",
        );
        sink.report(&RULE.meta, rule, format!("spec.rules[{index}]"), message);
    }
}
