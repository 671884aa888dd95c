//! K8S503: a `NetworkPolicy` ingress rule without `from` (or with an empty one) admits every
//! source: all pods of every namespace and every outside address. `ingress: [{}]` is the classic
//! allow-all. This is not the default-deny pattern, which has no ingress rules at all.

use super::view::{Direction, NetworkPolicy, Peers, ports_phrase};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S503",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "NetworkPolicy ingress rule admits every source",
            zh: "NetworkPolicy 入站规则放行所有来源",
        },
        description: Text {
            en: "An ingress rule whose `from` is missing or empty matches all sources: every pod in every \
                 namespace and every address outside the cluster. Because policies add up, `ingress: [{}]` \
                 undoes any other policy's isolation of the selected pods. (A policy with no ingress rules at \
                 all is the opposite: it denies all ingress.)",
            zh: "入站规则缺少 `from` 或 `from` 为空时，会匹配所有来源：所有命名空间的所有 Pod，以及集群外的\
                 所有地址。NetworkPolicy 是叠加生效的，`ingress: [{}]` 会抵消其他策略对所选 Pod 的隔离。\
                 （完全没有入站规则的策略恰恰相反，表示拒绝全部入站流量。）",
        },
        remediation: Text {
            en: "Add a `from` list naming the allowed clients (`podSelector`, `namespaceSelector` or a narrow \
                 `ipBlock`). To deny all ingress, remove the rule and keep `policyTypes: [Ingress]`.",
            zh: "为该规则添加 `from`，写明允许的客户端（`podSelector`、`namespaceSelector` 或精确的 \
                 `ipBlock`）。若想拒绝全部入站流量，删除这条规则并保留 `policyTypes: [Ingress]`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic",
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(policy) = NetworkPolicy::of(object) else {
        return;
    };
    for rule in policy.applied_rules(Direction::Ingress) {
        if !matches!(rule.peers(), Peers::All) {
            continue;
        }
        let (name, at) = (policy.name, rule.field(""));
        let ports = ports_phrase(&rule, sink.lang());
        let message = tr!(
            sink.lang(),
            "NetworkPolicy `{name}`: `{at}` has no `from`, so it admits every source {ports}; \
             add a `from` list of the allowed clients",
            "NetworkPolicy `{name}` 的入站规则 `{at}` 没有 `from`，放行所有来源（{ports}）；请添加列出允许客户端的 `from`",
        );
        sink.report(&RULE.meta, rule.node, rule.field("from"), message);
    }
}
