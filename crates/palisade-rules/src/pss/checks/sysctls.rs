//! PSS-sysctls (baseline): only the namespaced, isolated sysctls; the allowed set grows with the
//! policy version.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "sysctls",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-sysctls",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security baseline: unsafe sysctl",
            zh: "Pod 安全标准 baseline：不安全的 sysctl",
        },
        description: Text {
            en: "Sysctls outside the safe set can change kernel behaviour for every pod on the node. Baseline allows \
                 only sysctls that are namespaced and isolated between pods: kernel.shm_rmid_forced and the \
                 net.ipv4 port-range, syncookies, ping-group and unprivileged-port settings, extended by later \
                 policy versions (local_reserved_ports v1.27; TCP keepalive and fin timeout v1.29; tcp_rmem and \
                 tcp_wmem v1.32; tcp_slow_start_after_idle and tcp_notsent_lowat v1.37).",
            zh: "安全集合以外的 sysctl 可能改变节点上所有 Pod 的内核行为。baseline 级别只允许命名空间化且在 Pod 之间\
                 隔离的 sysctl：kernel.shm_rmid_forced 以及 net.ipv4 的端口范围、syncookies、ping 组、非特权端口\
                 设置，并随策略版本扩展（v1.27 加入 ip_local_reserved_ports；v1.29 加入 TCP keepalive 与 \
                 fin_timeout；v1.32 加入 tcp_rmem、tcp_wmem；v1.37 加入 tcp_slow_start_after_idle、\
                 tcp_notsent_lowat）。",
        },
        remediation: Text {
            en: "Remove the sysctl from `securityContext.sysctls`, or set it on the nodes instead.",
            zh: "从 `securityContext.sysctls` 中删除该 sysctl，或改为在节点上配置。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("sysctls"),
    },
    versions: &[
        Versioned::new(0, allowed_up_to::<5>),
        Versioned::new(27, allowed_up_to::<6>),
        Versioned::new(29, allowed_up_to::<10>),
        Versioned::new(32, allowed_up_to::<12>),
        Versioned::new(37, allowed_up_to::<14>),
    ],
};

/// Every sysctl ever allowed, in the order versions added them; a version allows a prefix.
const ALLOWED: [&str; 14] = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start",
    // v1.27
    "net.ipv4.ip_local_reserved_ports",
    // v1.29
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    // v1.32
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
    // v1.37
    "net.ipv4.tcp_slow_start_after_idle",
    "net.ipv4.tcp_notsent_lowat",
];

/// The behaviour of a version that allows the first `N` sysctls of `ALLOWED`.
fn allowed_up_to<'a, const N: usize>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    run(pod, out, &ALLOWED[..N]);
}

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>, allowed: &[&str]) {
    let sysctls = pod_level(pod, "sysctls")
        .and_then(Node::as_seq)
        .unwrap_or_default();
    for (index, sysctl) in sysctls.iter().enumerate() {
        let name_node = sysctl.get("name");
        let name = name_node.and_then(Node::as_text).unwrap_or_default();
        if allowed.contains(&name) {
            continue;
        }
        let message = tr!(
            out.lang,
            "the pod sets sysctl `{name}`; allowed at this policy version: {}",
            "Pod 设置了 sysctl `{name}`；该策略版本允许的值：{}",
            allowed.join(", "),
        );
        let field = pod.spec.field(&format!("securityContext.sysctls[{index}].name"));
        out.report(&CHECK, name_node.unwrap_or(sysctl), field, "sysctls", message);
    }
}
