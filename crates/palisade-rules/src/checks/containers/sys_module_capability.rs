//! K8S013: a container adds `SYS_MODULE`.

use super::capabilities;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S013",
        aliases: &["KSV120"],
        severity: Severity::High,
        title: Text {
            en: "Container adds the SYS_MODULE capability",
            zh: "容器添加了 SYS_MODULE 能力",
        },
        description: Text {
            en: "SYS_MODULE lets a process load and unload kernel modules. The node has one kernel \
                 for every pod, so a module loaded from a container runs with full kernel rights on \
                 the node: a rootkit is one `insmod` away.",
            zh: "SYS_MODULE 允许进程加载和卸载内核模块。节点上所有 Pod 共用一个内核，从容器里加载\
                 的模块在节点上拥有完整的内核权限：装一个 rootkit 只需一条 `insmod`。",
        },
        remediation: Text {
            en: "Remove `SYS_MODULE` from `securityContext.capabilities.add`. Load the modules a \
                 workload needs on the node itself (for example through the node image or \
                 `/etc/modules-load.d`).",
            zh: "从 `securityContext.capabilities.add` 中删除 `SYS_MODULE`。工作负载需要的内核模块\
                 应在节点上预先加载（例如写进节点镜像或 `/etc/modules-load.d`）。",
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
    capabilities::report_added(object, sink, &RULE.meta, "SYS_MODULE", |lang, name, written| {
        tr!(
            lang,
            "container `{name}` adds `{written}` and can load kernel modules on the node; \
                 remove it from `securityContext.capabilities.add`",
            "容器 `{name}` 添加了 `{written}`，可以向节点内核加载模块；请从 \
                 `securityContext.capabilities.add` 中删除",
        )
    });
}
