//! K8S120: a pod sets a sysctl outside the Pod Security Standards' safe set.
//!
//! The safe set is the baseline policy's list as of Kubernetes 1.32 (Trivy's default too). Names
//! written with `/` (`net/ipv4/tcp_syncookies`) are the same sysctl to the kubelet and are
//! compared in their dotted form.

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S120",
        aliases: &["KSV026"],
        severity: Severity::Medium,
        title: Text {
            en: "Pod sets an unsafe sysctl",
            zh: "Pod 设置了不安全的 sysctl",
        },
        description: Text {
            en: "Only a few sysctls are isolated per pod. The others either change the kernel for every \
                 pod on the node or weaken its defences (for example `kernel.msgmax`, `net.core.*`, \
                 `vm.*`), so one pod can degrade or attack its neighbours. The kubelet refuses them \
                 unless the node explicitly allows them, and the baseline Pod Security Standard forbids them.",
            zh: "只有少数 sysctl 是按 Pod 隔离的。其余的要么会修改节点上所有 Pod 共用的内核参数，要么会削弱内核\
                 防护（例如 `kernel.msgmax`、`net.core.*`、`vm.*`），一个 Pod 就可能拖垮或攻击同节点的其他 Pod。\
                 除非节点明确放行，kubelet 会拒绝这些 sysctl，基线级 Pod 安全标准也禁止使用。",
        },
        remediation: Text {
            en: "Remove the sysctl from `securityContext.sysctls`, keeping only kernel.shm_rmid_forced, \
                 net.ipv4.ip_local_port_range, net.ipv4.ip_local_reserved_ports, \
                 net.ipv4.ip_unprivileged_port_start, net.ipv4.ping_group_range, net.ipv4.tcp_syncookies, \
                 net.ipv4.tcp_keepalive_time, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes, \
                 net.ipv4.tcp_fin_timeout, net.ipv4.tcp_rmem and net.ipv4.tcp_wmem. Tune node-wide \
                 parameters on the node itself.",
            zh: "从 `securityContext.sysctls` 中删除该项，只保留 kernel.shm_rmid_forced、\
                 net.ipv4.ip_local_port_range、net.ipv4.ip_local_reserved_ports、\
                 net.ipv4.ip_unprivileged_port_start、net.ipv4.ping_group_range、net.ipv4.tcp_syncookies、\
                 net.ipv4.tcp_keepalive_time、net.ipv4.tcp_keepalive_intvl、net.ipv4.tcp_keepalive_probes、\
                 net.ipv4.tcp_fin_timeout、net.ipv4.tcp_rmem 和 net.ipv4.tcp_wmem。节点级参数请在节点上调整。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
            "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/",
        ],
        concern: Some("sysctls"),
    },
    check,
};

/// The baseline policy's safe sysctls (pod-security-admission `check_sysctls.go`, 1.32).
const SAFE: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
];

/// The dotted form of a sysctl name, as the kubelet normalises it: when the first separator is
/// `/`, slashes and dots swap (`net/ipv4/conf/eth0.100/rp_filter` is
/// `net.ipv4.conf.eth0/100.rp_filter`).
fn dotted(name: &str) -> String {
    match name.find(['.', '/']) {
        Some(i) if name.as_bytes()[i] == b'/' => name
            .chars()
            .map(|c| match c {
                '/' => '.',
                '.' => '/',
                c => c,
            })
            .collect(),
        _ => name.to_owned(),
    }
}

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    let Some(sysctls) = pod
        .security_context()
        .and_then(|sc| sc.get("sysctls"))
        .and_then(Node::as_seq)
    else {
        return;
    };
    for (index, sysctl) in sysctls.iter().enumerate() {
        let Some(node) = sysctl.get("name") else { continue };
        let Some(name) = node.as_text().filter(|n| !n.is_empty()) else {
            continue;
        };
        if SAFE.contains(&dotted(name).as_str()) {
            continue;
        }
        let object = label(object);
        let message = tr!(
            sink.lang(),
            "{object} sets sysctl `{name}`, which is not isolated per pod; remove it or set it on the node",
            "{object} 设置了 sysctl `{name}`，它并非按 Pod 隔离；请删除，或改在节点上设置",
        );
        sink.report(
            &RULE.meta,
            node,
            pod.field(&format!("securityContext.sysctls[{index}].name")),
            message,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::dotted;

    #[test]
    fn slash_names_are_the_dotted_sysctl() {
        assert_eq!(dotted("net/ipv4/tcp_syncookies"), "net.ipv4.tcp_syncookies");
        assert_eq!(
            dotted("net/ipv4/conf/eth0.100/rp_filter"),
            "net.ipv4.conf.eth0/100.rp_filter"
        );
        assert_eq!(
            dotted("net.ipv4.conf.eth0/100.rp_filter"),
            "net.ipv4.conf.eth0/100.rp_filter"
        );
        assert_eq!(dotted("kernel"), "kernel");
    }
}
