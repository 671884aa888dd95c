//! K8S421: a role can change Services, endpoints, Ingresses or `NetworkPolicies`.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S421",
        aliases: &["KSV056"],
        severity: Severity::High,
        title: Text {
            en: "Role can change Services, endpoints, Ingresses or NetworkPolicies",
            zh: "角色可以修改 Service、Endpoints、Ingress 或 NetworkPolicy",
        },
        description: Text {
            en: "Whoever controls Services and endpoints decides which pods receive other \
                 workloads' traffic, so they can intercept it; Ingresses expose services to the \
                 outside; deleting or rewriting NetworkPolicies removes the isolation that limits \
                 lateral movement.",
            zh: "控制 Service 和 Endpoints 的人，决定了其他工作负载的流量被送到哪些 Pod，从而可以截获流量；\
                 Ingress 会把服务暴露到集群外；删除或改写 NetworkPolicy 则会去掉限制横向移动的隔离。",
        },
        remediation: Text {
            en: "Grant only `get`, `list` and `watch` on networking resources, except to the \
                 deployment tooling and controllers that own them.",
            zh: "对网络类资源只授予 `get`、`list` 和 `watch`；负责这些资源的部署工具和控制器除外。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
        ],
        concern: None,
    },
    check,
};

static NETWORKING: Grant = Grant {
    targets: &[
        ("", "services"),
        ("", "endpoints"),
        ("discovery.k8s.io", "endpointslices"),
        ("networking.k8s.io", "networkpolicies"),
        ("networking.k8s.io", "ingresses"),
        ("extensions", "networkpolicies"),
        ("extensions", "ingresses"),
    ],
    verbs: &["create", "update", "patch", "delete", "deletecollection"],
    cluster_scoped: false,
    names: Names::UNRESTRICTED,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&NETWORKING) {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on `{resource}`, which can redirect traffic or lift network isolation; grant only `get`, `list`, `watch`",
            "{kind} `{name}` 对 `{resource}` 授予 `{verbs}`，可以改变流量走向或解除网络隔离；请只授予 `get`、`list`、`watch`",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
