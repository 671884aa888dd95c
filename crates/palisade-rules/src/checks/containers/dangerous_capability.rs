//! K8S014: a container adds a capability that reaches past the container (`NET_ADMIN`,
//! `SYS_PTRACE`, `DAC_READ_SEARCH`, `ALL` …). `SYS_ADMIN`, `NET_RAW` and `SYS_MODULE` have rules
//! of their own (K8S011 to K8S013), which Trivy and Checkov name separately.

use super::capabilities;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S014",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Container adds a dangerous capability",
            zh: "容器添加了危险的 Linux 能力",
        },
        description: Text {
            en: "Some capabilities act on things the container shares with the node: the kernel, \
                 the clock, the audit and AppArmor policy, other processes, the network set-up that \
                 NetworkPolicies rely on. NET_ADMIN, SYS_PTRACE, SYS_RAWIO, DAC_READ_SEARCH, \
                 SYS_BOOT, BPF, PERFMON, SYS_TIME, MAC_ADMIN, MAC_OVERRIDE, SYSLOG, AUDIT_CONTROL \
                 and `ALL` each give a compromised container a known path to the node or to its \
                 neighbours.",
            zh: "有些能力作用于容器与节点共享的东西：内核、时钟、审计和 AppArmor 策略、其他进程、\
                 NetworkPolicy 所依赖的网络配置。NET_ADMIN、SYS_PTRACE、SYS_RAWIO、DAC_READ_SEARCH、\
                 SYS_BOOT、BPF、PERFMON、SYS_TIME、MAC_ADMIN、MAC_OVERRIDE、SYSLOG、AUDIT_CONTROL \
                 以及 `ALL`，都会给被攻破的容器留下一条通往节点或相邻工作负载的已知路径。",
        },
        remediation: Text {
            en: "Remove the capability from `securityContext.capabilities.add`. If a node agent \
                 truly needs it, run that agent in its own namespace with a Pod Security exemption, \
                 never in an application pod.",
            zh: "从 `securityContext.capabilities.add` 中删除该能力。如果某个节点代理确实需要它，\
                 请把代理放在单独的命名空间并为其单独豁免 Pod 安全策略，绝不要放进业务 Pod。",
        },
        references: &[
            "https://man7.org/linux/man-pages/man7/capabilities.7.html",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
        concern: Some("capability-added"),
    },
    check,
};

/// The capabilities this rule reports, with what each one lets a container do.
pub(in crate::checks) const DANGEROUS: &[(&str, &str, &str)] = &[
    (
        "ALL",
        "every capability, SYS_ADMIN and SYS_MODULE included",
        "全部能力，包括 SYS_ADMIN 和 SYS_MODULE",
    ),
    (
        "NET_ADMIN",
        "control of the pod's interfaces, routes and iptables rules (the ones NetworkPolicies and \
         service meshes rely on)",
        "对 Pod 网卡、路由和 iptables 规则的控制权（NetworkPolicy 和服务网格都依赖这些规则）",
    ),
    (
        "SYS_PTRACE",
        "the power to trace other processes and inject code into them (the node's too, with \
         hostPID)",
        "跟踪其他进程并向其注入代码的能力（若开启 hostPID，节点上的进程也在其列）",
    ),
    (
        "SYS_RAWIO",
        "raw access to I/O ports and device memory",
        "直接访问 I/O 端口和设备内存的能力",
    ),
    (
        "DAC_READ_SEARCH",
        "use of `open_by_handle_at`, the call the \"shocker\" escape reads the host's files with",
        "调用 `open_by_handle_at` 的能力，“shocker” 逃逸正是借此读取宿主机文件",
    ),
    (
        "SYS_BOOT",
        "use of `kexec_load`, to boot the node into another kernel",
        "调用 `kexec_load` 的能力，可让节点换用另一个内核启动",
    ),
    (
        "BPF",
        "the power to load eBPF programs into the node's kernel",
        "向节点内核加载 eBPF 程序的能力",
    ),
    (
        "PERFMON",
        "perf and BPF tracing of every process on the node",
        "用 perf 和 BPF 跟踪节点上所有进程的能力",
    ),
    (
        "SYS_TIME",
        "control of the node's clock (no namespace isolates it), so certificate and token expiry \
         go wrong for every pod",
        "对节点时钟的控制权（时钟不受命名空间隔离），可使所有 Pod 的证书和令牌过期判断失准",
    ),
    (
        "MAC_ADMIN",
        "the power to change the node's AppArmor or SMACK policy",
        "修改节点 AppArmor 或 SMACK 策略的能力",
    ),
    (
        "MAC_OVERRIDE",
        "the power to override mandatory access control",
        "绕过强制访问控制的能力",
    ),
    (
        "SYSLOG",
        "read access to the kernel log, whose addresses defeat KASLR",
        "读取内核日志的能力，日志中的内核地址可用来绕过 KASLR",
    ),
    (
        "AUDIT_CONTROL",
        "the power to change or switch off the node's audit rules",
        "修改或关闭节点审计规则的能力",
    ),
];

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        for cap in capabilities::added(&container) {
            let Some((_, en, zh)) = DANGEROUS.iter().find(|(c, _, _)| *c == cap.name) else {
                continue;
            };
            let (name, written) = (container.name(), cap.written);
            let message = tr!(
                sink.lang(),
                "container `{name}` adds `{written}`, which grants {en}; remove it from \
                 `securityContext.capabilities.add`",
                "容器 `{name}` 添加了 `{written}`，从而获得{zh}；请从 \
                 `securityContext.capabilities.add` 中删除",
            );
            sink.report(&RULE.meta, cap.node, cap.field, message);
        }
    }
}
