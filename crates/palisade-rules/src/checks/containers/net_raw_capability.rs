//! K8S012: a container adds `NET_RAW`.
//!
//! Only an explicit `add` is reported. A container that merely does not drop `NET_RAW` keeps it
//! from containerd's and Docker's default set; that case is K8S010's (Checkov's `CKV_K8S_28` mixes
//! the two and is not aliased here).

use super::capabilities;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S012",
        aliases: &["KSV119"],
        severity: Severity::High,
        title: Text {
            en: "Container adds the NET_RAW capability",
            zh: "容器添加了 NET_RAW 能力",
        },
        description: Text {
            en: "NET_RAW lets a process open raw and packet sockets: it can forge packets with any \
                 source address, spoof ARP and DNS answers to neighbours on the pod network, and \
                 sniff traffic that reaches the pod. Only tools such as ping or tcpdump need it.",
            zh: "NET_RAW 允许进程打开原始套接字和数据包套接字：可以用任意源地址伪造数据包，在 Pod \
                 网络上向邻居伪造 ARP 和 DNS 应答，并嗅探到达本 Pod 的流量。只有 ping、tcpdump \
                 这类工具才需要它。",
        },
        remediation: Text {
            en: "Remove `NET_RAW` from `securityContext.capabilities.add` and set \
                 `capabilities.drop: [\"ALL\"]`. For health checks use an HTTP, TCP or gRPC probe \
                 instead of ping.",
            zh: "从 `securityContext.capabilities.add` 中删除 `NET_RAW`，并设置 \
                 `capabilities.drop: [\"ALL\"]`。健康检查请用 HTTP、TCP 或 gRPC 探针代替 ping。",
        },
        references: &[
            "https://man7.org/linux/man-pages/man7/capabilities.7.html",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
        concern: Some("capability-added"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    capabilities::report_added(object, sink, &RULE.meta, "NET_RAW", |lang, name, written| {
        tr!(
            lang,
            "container `{name}` adds `{written}` and can forge and sniff packets; remove it \
                 from `securityContext.capabilities.add`",
            "容器 `{name}` 添加了 `{written}`，可以伪造和嗅探数据包；请从 \
                 `securityContext.capabilities.add` 中删除",
        )
    });
}
