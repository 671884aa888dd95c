//! K8S512: an external `LoadBalancer` Service accepts connections from any address: no
//! `spec.loadBalancerSourceRanges` (nor the older annotation), or a range of `0.0.0.0/0` / `::/0`.
//! Load balancers the cloud providers' annotations make internal are left alone.

use super::view::{LoadBalancerOpening, SOURCE_RANGES_ANNOTATION, Service, annotation_field};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S512",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "LoadBalancer Service open to the whole internet",
            zh: "LoadBalancer Service 对整个互联网开放",
        },
        description: Text {
            en: "A `LoadBalancer` Service gets a public address from the cloud provider. Unless \
                 `spec.loadBalancerSourceRanges` lists the allowed client networks, the provider's firewall \
                 admits every address, so scanners and attackers reach the workload directly.",
            zh: "`LoadBalancer` 类型的 Service 会从云厂商获得公网地址。如果 `spec.loadBalancerSourceRanges` \
                 没有列出允许的客户端网段，云厂商的防火墙会放行所有地址，扫描器和攻击者可以直接访问该工作负载。",
        },
        remediation: Text {
            en: "Set `spec.loadBalancerSourceRanges` to the client networks that need access (for example your \
                 office or CDN ranges), or make the load balancer internal with your provider's annotation.",
            zh: "把 `spec.loadBalancerSourceRanges` 设置为需要访问的客户端网段（如办公网或 CDN 回源网段），\
                 或使用云厂商的注解把负载均衡器设为内网类型。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/",
            "https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(service) = Service::of(object) else {
        return;
    };
    let Some(opening) = service.load_balancer_opening() else {
        return;
    };
    let name = service.name;
    match opening {
        LoadBalancerOpening::NoRanges(node) => {
            let message = tr!(
                sink.lang(),
                "LoadBalancer Service `{name}` accepts connections from any address; set \
                 `spec.loadBalancerSourceRanges` to the client networks that need it",
                "LoadBalancer Service `{name}` 接受任意地址的连接；请把 `spec.loadBalancerSourceRanges` 设置为需要访问的客户端网段",
            );
            sink.report(&RULE.meta, node, "spec.loadBalancerSourceRanges", message);
        }
        LoadBalancerOpening::Range(node, index, range) => {
            let message = tr!(
                sink.lang(),
                "LoadBalancer Service `{name}` allows source range `{range}`, the whole internet; list only \
                 the client networks that need it",
                "LoadBalancer Service `{name}` 的来源网段 `{range}` 等于整个互联网；请只列出需要访问的客户端网段",
            );
            sink.report(
                &RULE.meta,
                node,
                format!("spec.loadBalancerSourceRanges[{index}]"),
                message,
            );
        }
        LoadBalancerOpening::Annotation(node, range) => {
            let message = tr!(
                sink.lang(),
                "LoadBalancer Service `{name}` allows source range `{range}`, the whole internet; list only \
                 the client networks that need it in `spec.loadBalancerSourceRanges`",
                "LoadBalancer Service `{name}` 的来源网段 `{range}` 等于整个互联网；请在 `spec.loadBalancerSourceRanges` 中只列出需要访问的客户端网段",
            );
            sink.report(
                &RULE.meta,
                node,
                annotation_field(SOURCE_RANGES_ANNOTATION),
                message,
            );
        }
    }
}
