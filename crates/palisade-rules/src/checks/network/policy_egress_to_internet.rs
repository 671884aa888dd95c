//! K8S502: a `NetworkPolicy` egress rule lets the pods reach the whole internet through an `ipBlock`
//! of `0.0.0.0/0` or `::/0`. A rule limited to DNS (port 53) is left alone: resolving names
//! through an outside resolver is common and narrow.

use super::view::{Direction, NetworkPolicy, ports_phrase};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S502",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "NetworkPolicy allows egress to the whole internet",
            zh: "NetworkPolicy 放行到整个互联网的出站流量",
        },
        description: Text {
            en: "An egress `ipBlock` of `0.0.0.0/0` or `::/0` lets the selected pods connect anywhere. A \
                 compromised pod can then download tooling, reach a command-and-control server or send data \
                 out, and the egress policy no longer limits what an attacker can do from inside.",
            zh: "出站规则中的 `ipBlock` 为 `0.0.0.0/0` 或 `::/0` 时，所选 Pod 可以连接任何地址。Pod 一旦被攻破，\
                 攻击者就能下载工具、连接远控服务器或外传数据，出站策略形同虚设。",
        },
        remediation: Text {
            en: "List the destinations the workload really calls: the CIDRs of the external APIs it uses, or \
                 route outbound traffic through an egress proxy or gateway and allow only that.",
            zh: "只列出工作负载真正要访问的目标：所调用外部 API 的网段；或让出站流量统一经过出口代理/网关，\
                 策略中只放行该代理。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors",
            "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/",
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
        if rule.only_dns() {
            continue;
        }
        for (peer, node, cidr, except) in rule.ip_blocks() {
            if !cidr.is_everything() || !cidr.reaches_internet(&except) {
                continue;
            }
            let (name, block) = (policy.name, node.as_text().unwrap_or_default());
            let ports = ports_phrase(&rule, sink.lang());
            let message = tr!(
                sink.lang(),
                "NetworkPolicy `{name}` lets the pods connect to any internet address {ports} through \
                 `{block}`; list the destinations they need instead",
                "NetworkPolicy `{name}` 通过 `{block}` 允许 Pod 连接任意互联网地址（{ports}）；请改为只列出所需的目标",
            );
            sink.report(
                &RULE.meta,
                node,
                rule.field(&format!("to[{peer}].ipBlock.cidr")),
                message,
            );
        }
    }
}
