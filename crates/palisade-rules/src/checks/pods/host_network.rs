//! K8S101: a pod shares the node's network namespace (`hostNetwork: true`).

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S101",
        aliases: &["KSV009", "CKV_K8S_19"],
        severity: Severity::High,
        title: Text {
            en: "Pod uses the host network",
            zh: "Pod 使用宿主机网络",
        },
        description: Text {
            en: "With `hostNetwork: true` the pod's containers use the node's network stack: they can \
                 reach services bound to the node's loopback (the kubelet's and other daemons' local \
                 ports), sniff the node's traffic with the right capability, bypass NetworkPolicy, and \
                 open ports on the node's addresses.",
            zh: "设置 `hostNetwork: true` 后，Pod 内的容器直接使用节点的网络栈：可以访问只监听在节点回环地址上的\
                 服务（kubelet 及其他守护进程的本地端口），具备相应能力时可以嗅探节点流量，不受 NetworkPolicy \
                 约束，还能在节点地址上直接开放端口。",
        },
        remediation: Text {
            en: "Remove `hostNetwork: true` (the default is `false`) and expose the pod through a Service.",
            zh: "删除 `hostNetwork: true`（默认值为 `false`），通过 Service 对外暴露 Pod。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/concepts/configuration/overview/#services",
        ],
        concern: Some("host-network"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    let Some(value) = pod.get("hostNetwork") else {
        return;
    };
    if value.as_bool() != Some(true) {
        return;
    }
    let object = label(object);
    let message = tr!(
        sink.lang(),
        "{object} shares the node's network namespace; remove `hostNetwork: true`",
        "{object} 共享节点的网络命名空间；请删除 `hostNetwork: true`",
    );
    sink.report(&RULE.meta, value, pod.field("hostNetwork"), message);
}
