//! K8S510: a Service sets `spec.externalIPs`. Whoever can create such a Service can take over
//! traffic that any pod or node sends to those addresses (CVE-2020-8554, unpatched by design).
//!
//! Trivy's KSV0108 also reports `externalName`; palisade does not, since an `ExternalName` Service
//! is a DNS alias and opens nothing by itself.

use super::view::Service;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S510",
        aliases: &["KSV0108"],
        severity: Severity::High,
        title: Text {
            en: "Service sets externalIPs",
            zh: "Service 设置了 externalIPs",
        },
        description: Text {
            en: "kube-proxy sends traffic for a Service's `externalIPs` to its pods from every node, and for \
                 traffic that pods and nodes send to those addresses too. A Service listing someone else's \
                 address silently intercepts that traffic (CVE-2020-8554, a man-in-the-middle Kubernetes \
                 will not fix), and a listed address exposes the pods wherever it routes to a node.",
            zh: "kube-proxy 会在每个节点上把发往 Service `externalIPs` 的流量转给其 Pod，包括 Pod 和节点自己\
                 发往这些地址的流量。若 Service 列出了别人的地址，就会悄悄截获这些流量（CVE-2020-8554，\
                 Kubernetes 不会修复的中间人问题）；而只要该地址能路由到节点，Pod 就被暴露出去。",
        },
        remediation: Text {
            en: "Remove `spec.externalIPs`; publish the Service with `type: LoadBalancer` or an Ingress. \
                 Cluster-wide, block the field with the DenyServiceExternalIPs admission plugin or a policy.",
            zh: "删除 `spec.externalIPs`，改用 `type: LoadBalancer` 或 Ingress 对外发布。在集群层面用 \
                 DenyServiceExternalIPs 准入插件或策略引擎禁止该字段。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
            "https://github.com/kubernetes/kubernetes/issues/97076",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(service) = Service::of(object) else {
        return;
    };
    let Some((node, ips)) = service.external_ips() else {
        return;
    };
    let (name, ips) = (service.name, ips.join(", "));
    let message = tr!(
        sink.lang(),
        "Service `{name}` sets externalIPs ({ips}), which can intercept cluster traffic to those \
         addresses (CVE-2020-8554); remove `spec.externalIPs`",
        "Service `{name}` 设置了 externalIPs（{ips}），可截获集群内发往这些地址的流量（CVE-2020-8554）；请删除 `spec.externalIPs`",
    );
    sink.report(&RULE.meta, node, "spec.externalIPs", message);
}
