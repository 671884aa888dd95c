//! K8S011: a container adds `SYS_ADMIN`.

use super::capabilities;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S011",
        aliases: &["KSV005", "CKV_K8S_39"],
        severity: Severity::High,
        title: Text {
            en: "Container adds the SYS_ADMIN capability",
            zh: "容器添加了 SYS_ADMIN 能力",
        },
        description: Text {
            en: "SYS_ADMIN is the catch-all capability: it allows mount, unshare, setns, BPF, \
                 keyctl and dozens of other kernel operations. Most known container escapes (the \
                 cgroup v1 `release_agent` trick, mounting the host's disks) need nothing more; a \
                 container with SYS_ADMIN is close to a privileged one.",
            zh: "SYS_ADMIN 是一个“大杂烩”能力：mount、unshare、setns、BPF、keyctl 等几十种内核操作都\
                 靠它放行。多数已知的容器逃逸手法（cgroup v1 的 `release_agent`、挂载宿主机磁盘）\
                 有它就够了；带 SYS_ADMIN 的容器与特权容器相差无几。",
        },
        remediation: Text {
            en: "Remove `SYS_ADMIN` from `securityContext.capabilities.add`. If the workload mounts \
                 file systems, use a volume, a CSI driver or FUSE through a device plugin instead.",
            zh: "从 `securityContext.capabilities.add` 中删除 `SYS_ADMIN`。如果工作负载需要挂载文件\
                 系统，请改用卷、CSI 驱动，或通过设备插件提供的 FUSE。",
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
    capabilities::report_added(object, sink, &RULE.meta, "SYS_ADMIN", |lang, name, written| {
        tr!(
            lang,
            "container `{name}` adds `{written}`, which is nearly as strong as privileged; \
                 remove it from `securityContext.capabilities.add`",
            "容器 `{name}` 添加了 `{written}`，其权力与特权模式相差无几；请从 \
                 `securityContext.capabilities.add` 中删除",
        )
    });
}
