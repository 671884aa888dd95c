//! K8S141: an application workload runs in `kube-system`.
//!
//! Control-plane static pods are exempt exactly as Trivy's KSV037 exempts them: labels
//! `tier: control-plane` and `component` one of kube-apiserver, etcd, kube-controller-manager,
//! kube-scheduler, with `priorityClassName: system-node-critical`. Unlike KSV037 the rule looks
//! only at workloads: `ConfigMap`s and `RoleBinding`s in `kube-system` (`aws-auth`,
//! `extension-apiserver-authentication-reader` bindings) are often required there.

use super::view::{is_workload, label};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S141",
        aliases: &["KSV037"],
        severity: Severity::Medium,
        title: Text {
            en: "Workload in the kube-system namespace",
            zh: "工作负载位于 kube-system 命名空间",
        },
        description: Text {
            en: "`kube-system` holds the cluster's own components and the most powerful service \
                 accounts and Secrets; it is usually exempt from Pod Security admission and policy \
                 engines. An application placed there runs next to them with the same exemptions, and \
                 anyone allowed to manage it is effectively allowed near the control plane.",
            zh: "`kube-system` 存放集群自身的组件以及权限最高的服务账号和 Secret，通常不受 Pod 安全准入和策略\
                 引擎的约束。放在这里的应用与这些组件比邻而居，享有同样的豁免；能管理它的人也就等于能接近控制面。",
        },
        remediation: Text {
            en: "Deploy the workload to a namespace of its own; keep `kube-system` for components installed \
                 with the cluster.",
            zh: "把工作负载部署到专用的命名空间；`kube-system` 只留给随集群安装的组件。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces",
            "https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/",
        ],
        concern: Some("namespace"),
    },
    check,
};

const CONTROL_PLANE: &[&str] = &[
    "kube-apiserver",
    "etcd",
    "kube-controller-manager",
    "kube-scheduler",
];

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    if !is_workload(object) || is_control_plane(object) {
        return;
    }
    let Some(node) = object.metadata().and_then(|m| m.get("namespace")) else {
        return;
    };
    if node.as_text() != Some("kube-system") {
        return;
    }
    let name = label(object);
    let message = tr!(
        sink.lang(),
        "{name} runs in `kube-system`; deploy it to a namespace of its own",
        "{name} 运行在 `kube-system` 中；请部署到专用的命名空间",
    );
    sink.report(&RULE.meta, node, "metadata.namespace", message);
}

/// A kubeadm-style control-plane static pod.
fn is_control_plane(object: &Object<'_>) -> bool {
    let labels = object.pod_metadata().and_then(|m| m.get("labels"));
    let label = |key| labels.and_then(|l| l.get(key)).and_then(Node::as_text);
    let priority = object
        .pod_spec()
        .and_then(|p| p.get("priorityClassName"))
        .and_then(Node::as_text);
    label("tier") == Some("control-plane")
        && label("component").is_some_and(|c| CONTROL_PLANE.contains(&c))
        && priority == Some("system-node-critical")
}
