//! K8S504: a `NetworkPolicy` egress rule without `to` (or with an empty one) lets the selected pods
//! connect to every destination. A rule limited to DNS (port 53) is left alone, as the usual
//! "allow DNS" rule of a default-deny setup.

use super::view::{Direction, NetworkPolicy, Peers, ports_phrase};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S504",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "NetworkPolicy egress rule allows every destination",
            zh: "NetworkPolicy 出站规则放行所有目标",
        },
        description: Text {
            en: "An egress rule whose `to` is missing or empty matches all destinations: every pod, the \
                 Kubernetes API, cloud metadata endpoints and the internet. `egress: [{}]` undoes any other \
                 policy's egress isolation of the selected pods, so a compromised pod can move laterally \
                 and send data out.",
            zh: "出站规则缺少 `to` 或 `to` 为空时，会匹配所有目标：所有 Pod、Kubernetes API、云厂商元数据\
                 服务以及互联网。`egress: [{}]` 会抵消其他策略对所选 Pod 的出站隔离，Pod 一旦被攻破即可\
                 横向移动并外传数据。",
        },
        remediation: Text {
            en: "Add a `to` list naming the destinations the workload calls (`podSelector`, \
                 `namespaceSelector` or narrow `ipBlock`s), and keep a separate rule for DNS on port 53.",
            zh: "为该规则添加 `to`，写明工作负载要访问的目标（`podSelector`、`namespaceSelector` 或精确的 \
                 `ipBlock`），DNS（53 端口）单独写一条规则放行。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-egress-traffic",
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
    for rule in policy.applied_rules(Direction::Egress) {
        if !matches!(rule.peers(), Peers::All) || rule.only_dns() {
            continue;
        }
        let (name, at) = (policy.name, rule.field(""));
        let ports = ports_phrase(&rule, sink.lang());
        let message = tr!(
            sink.lang(),
            "NetworkPolicy `{name}`: `{at}` has no `to`, so the pods may connect anywhere {ports}; \
             add a `to` list of the destinations they need",
            "NetworkPolicy `{name}` 的出站规则 `{at}` 没有 `to`，Pod 可连接任意目标（{ports}）；请添加列出所需目标的 `to`",
        );
        sink.report(&RULE.meta, rule.node, rule.field("to"), message);
    }
}
