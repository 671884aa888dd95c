//! PSS-windowsHostProcess (baseline): Windows HostProcess containers are forbidden.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "windowsHostProcess",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-windowsHostProcess",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Pod Security baseline: Windows HostProcess container",
            zh: "Pod 安全标准 baseline：Windows HostProcess 容器",
        },
        description: Text {
            en: "A Windows HostProcess container runs directly on the node with the host's network and file \
                 system, the Windows counterpart of a privileged container. Baseline rejects \
                 `windowsOptions.hostProcess: true` at pod or container level.",
            zh: "Windows HostProcess 容器直接在节点上运行，使用宿主机的网络和文件系统，相当于 Windows 上的特权容器。\
                 baseline 级别拒绝 Pod 或容器级的 `windowsOptions.hostProcess: true`。",
        },
        remediation: Text {
            en: "Remove `windowsOptions.hostProcess: true`; node agents that need it belong in a privileged \
                 namespace.",
            zh: "删除 `windowsOptions.hostProcess: true`；确实需要它的节点代理应放在 privileged 级别的命名空间中。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("windows-host-process"),
    },
    versions: &[Versioned::new(0, run)],
};

fn host_process(options: Option<&Node>) -> Option<&Node> {
    set(options?.get("hostProcess")).filter(|v| v.as_bool() == Some(true))
}

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    if let Some(value) = host_process(pod_level(pod, "windowsOptions")) {
        let message = tr!(
            out.lang,
            "the pod runs as a Windows HostProcess; allowed: `hostProcess` false or unset",
            "Pod 以 Windows HostProcess 方式运行；允许的值：`hostProcess` 为 false 或不设置",
        );
        let field = pod.spec.field("securityContext.windowsOptions.hostProcess");
        out.report(&CHECK, value, field, "windows-host-process", message);
    }
    for container in pod.containers() {
        let Some(value) = host_process(own(&container, "windowsOptions")) else {
            continue;
        };
        let name = container.name();
        let message = tr!(
            out.lang,
            "container `{name}` runs as a Windows HostProcess; allowed: `hostProcess` false or unset",
            "容器 `{name}` 以 Windows HostProcess 方式运行；允许的值：`hostProcess` 为 false 或不设置",
        );
        let field = container.field("securityContext.windowsOptions.hostProcess");
        out.report(&CHECK, value, field, "windows-host-process", message);
    }
}
