//! DC001: a compose service runs privileged (`privileged: true`).
//!
//! The compose counterpart of DR001 (`docker run --privileged`) and K8S001.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC001",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Service runs privileged",
            zh: "服务以特权模式运行",
        },
        description: Text {
            en: "`privileged: true` gives the container every capability and every host device, and turns off \
                 seccomp, AppArmor and the read-only `/proc` and `/sys` mounts. Whoever controls the process \
                 can mount the host's disks or load kernel modules: a privileged container is root on the host.",
            zh: "`privileged: true` 会给容器全部 Linux 能力和宿主机的所有设备，并关闭 seccomp、AppArmor 以及 \
                 `/proc`、`/sys` 的只读挂载。控制了容器进程的人可以挂载宿主机磁盘、加载内核模块：特权容器就等于\
                 宿主机上的 root。",
        },
        remediation: Text {
            en: "Remove `privileged: true` and grant only what the service needs: single capabilities with \
                 `cap_add`, single devices with `devices`.",
            zh: "删除 `privileged: true`，只授予服务真正需要的权限：用 `cap_add` 添加单个能力，用 `devices` 映射单个设备。",
        },
        references: &["https://docs.docker.com/reference/compose-file/services/#privileged"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    let Some(value) = service.get("privileged") else {
        return;
    };
    if truthy(value) == Some(true) {
        let name = service.name;
        let message = tr!(
            sink.lang(),
            "service `{name}` runs privileged; remove `privileged: true`",
            "服务 `{name}` 以特权模式运行；请删除 `privileged: true`",
        );
        sink.report(&RULE.meta, value, service.field("privileged"), message);
    }
}
