//! K8S511: a Service has `type: NodePort`, which opens its port on every node of the cluster.

use super::view::Service;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S511",
        aliases: &["service-type"],
        severity: Severity::Low,
        title: Text {
            en: "Service of type NodePort",
            zh: "Service 类型为 NodePort",
        },
        description: Text {
            en: "A NodePort Service listens on the same high port of every node, reachable by anything that \
                 can reach a node's address. NetworkPolicy `ipBlock` rules cannot be relied on for that traffic, \
                 because the client address is usually rewritten on the way in, so only a firewall in front of \
                 the nodes protects it.",
            zh: "NodePort 类型的 Service 会在每个节点上监听同一个高位端口，凡是能访问节点地址的都能连上。\
                 这类流量的客户端地址在转发时通常会被改写，NetworkPolicy 的 `ipBlock` 规则无法可靠生效，只能依靠\
                 节点前面的防火墙来保护。",
        },
        remediation: Text {
            en: "Use `type: ClusterIP` and publish the workload through an Ingress or a `LoadBalancer` Service \
                 with `loadBalancerSourceRanges`.",
            zh: "改用 `type: ClusterIP`，通过 Ingress 或设置了 `loadBalancerSourceRanges` 的 `LoadBalancer` \
                 Service 对外发布。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport",
            "https://github.com/zegl/kube-score/blob/master/README_CHECKS.md",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(service) = Service::of(object) else {
        return;
    };
    let Some((node, "NodePort")) = service.service_type() else {
        return;
    };
    let name = service.name;
    let message = tr!(
        sink.lang(),
        "Service `{name}` is of type NodePort and listens on every node; use ClusterIP behind an Ingress \
         or a LoadBalancer with source ranges",
        "Service `{name}` 类型为 NodePort，会在每个节点上监听；请改用 ClusterIP 并通过 Ingress 或限制了来源网段的 LoadBalancer 发布",
    );
    sink.report(&RULE.meta, node, "spec.type", message);
}
