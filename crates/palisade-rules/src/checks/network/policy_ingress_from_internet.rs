//! K8S501: a `NetworkPolicy` ingress rule admits the whole internet through an `ipBlock` of
//! `0.0.0.0/0` or `::/0`. An `except` list only helps when it removes every public address, which
//! excluding the private ranges does not.

use super::view::{Direction, NetworkPolicy, ports_phrase};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S501",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "NetworkPolicy admits ingress from the whole internet",
            zh: "NetworkPolicy 放行来自整个互联网的入站流量",
        },
        description: Text {
            en: "An ingress `ipBlock` of `0.0.0.0/0` or `::/0` matches every address, so any host that can \
                 route to the pods (through a load balancer, a NodePort or a routable pod network) gets in. \
                 NetworkPolicies add up: one such rule opens the selected pods whatever the other policies say.",
            zh: "入站规则中的 `ipBlock` 为 `0.0.0.0/0` 或 `::/0` 时会匹配所有地址，任何能路由到这些 Pod 的主机\
                 （经由负载均衡器、NodePort 或可路由的 Pod 网络）都能连进来。NetworkPolicy 是叠加生效的：\
                 只要有一条这样的规则，其他策略再严格，所选 Pod 也已对外敞开。",
        },
        remediation: Text {
            en: "Replace the `ipBlock` with the sources that need access: a `podSelector` / `namespaceSelector` \
                 (for example the ingress controller's namespace), or the narrow CIDR of a known client network.",
            zh: "把该 `ipBlock` 换成确实需要访问的来源：`podSelector` / `namespaceSelector`（例如 Ingress \
                 控制器所在的命名空间），或已知客户端网络的精确网段。",
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
    for rule in policy.applied_rules(Direction::Ingress) {
        for (peer, node, cidr, except) in rule.ip_blocks() {
            if !cidr.is_everything() || !cidr.reaches_internet(&except) {
                continue;
            }
            let (name, block) = (policy.name, node.as_text().unwrap_or_default());
            let ports = ports_phrase(&rule, sink.lang());
            let message = if except.is_empty() {
                tr!(
                    sink.lang(),
                    "NetworkPolicy `{name}` admits any internet address {ports} through `{block}`; \
                     allow only the sources that need access",
                    "NetworkPolicy `{name}` 通过 `{block}` 放行任意互联网地址访问（{ports}）；请只放行确实需要访问的来源",
                )
            } else {
                tr!(
                    sink.lang(),
                    "NetworkPolicy `{name}` admits any internet address {ports} through `{block}` \
                     (its `except` list leaves the public internet in); allow only the sources that need access",
                    "NetworkPolicy `{name}` 通过 `{block}` 放行任意互联网地址访问（{ports}，`except` 列表并未排除公网地址）；\
                     请只放行确实需要访问的来源",
                )
            };
            sink.report(
                &RULE.meta,
                node,
                rule.field(&format!("from[{peer}].ipBlock.cidr")),
                message,
            );
        }
    }
}
