//! K8S506: a `NetworkPolicy` writes `ingress` or `egress` rules (or an empty list meant as "deny
//! all") for a direction its `policyTypes` leaves out, so they have no effect.
//!
//! The API server defaults a missing `policyTypes` to `Ingress`, plus `Egress` only when `egress`
//! has at least one rule: `egress: []` without `policyTypes: [..., Egress]` blocks nothing.

use super::view::{Direction, NetworkPolicy};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S506",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "NetworkPolicy rules ignored because policyTypes leaves out their direction",
            zh: "NetworkPolicy 规则因 policyTypes 未包含其方向而不生效",
        },
        description: Text {
            en: "A NetworkPolicy only isolates the directions listed in `policyTypes`. When the field is \
                 missing, Kubernetes assumes `Ingress`, and `Egress` only if `egress` has at least one rule. So \
                 `egress: []` written to block all outbound traffic blocks nothing without \
                 `policyTypes: [Ingress, Egress]`, and rules for a direction an explicit `policyTypes` omits are \
                 ignored: the pods stay open in that direction while the manifest reads as locked down.",
            zh: "NetworkPolicy 只隔离 `policyTypes` 中列出的方向。未写该字段时，Kubernetes 默认只有 `Ingress`，\
                 只有 `egress` 中至少有一条规则时才加上 `Egress`。因此为了禁止所有出站流量而写的 `egress: []`，\
                 若没有 `policyTypes: [Ingress, Egress]` 就什么也不会拦截；显式的 `policyTypes` 中没有的方向，\
                 其规则也会被忽略——清单看似已锁死，Pod 在该方向上其实仍然畅通。",
        },
        remediation: Text {
            en: "Add the direction to `spec.policyTypes` (for example `policyTypes: [Ingress, Egress]`), or \
                 delete the rules if that direction is deliberately left open.",
            zh: "把该方向加入 `spec.policyTypes`（例如 `policyTypes: [Ingress, Egress]`）；如果确实有意不限制\
                 该方向，就删除这些规则。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec",
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-egress-traffic",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(policy) = NetworkPolicy::of(object) else {
        return;
    };
    for direction in [Direction::Ingress, Direction::Egress] {
        let Some((at, rules)) = policy.spec.and_then(|s| s.get_entry(direction.key())) else {
            continue;
        };
        let Some(list) = rules.as_seq() else { continue };
        if policy.affects(direction) {
            continue;
        }
        let (name, key, kind) = (policy.name, direction.key(), direction.policy_type());
        let message = if list.is_empty() {
            tr!(
                sink.lang(),
                "NetworkPolicy `{name}`: `{key}: []` blocks nothing because `policyTypes` does not include \
                 `{kind}`; add `{kind}` to `spec.policyTypes`",
                "NetworkPolicy `{name}`：`policyTypes` 未包含 `{kind}`，`{key}: []` 不会拦截任何流量；请把 `{kind}` 加入 `spec.policyTypes`",
            )
        } else {
            tr!(
                sink.lang(),
                "NetworkPolicy `{name}`: the `{key}` rules are ignored because `policyTypes` does not include \
                 `{kind}`, so this policy does not restrict {key}; add `{kind}` to `spec.policyTypes`",
                "NetworkPolicy `{name}`：`policyTypes` 未包含 `{kind}`，`{key}` 规则被忽略，该策略不会限制这一方向的流量；请把 `{kind}` 加入 `spec.policyTypes`",
            )
        };
        sink.report(&RULE.meta, at, format!("spec.{key}"), message);
    }
}
