//! DR001: `docker run --privileged` (the seed's first "dangerous way to run").
//!
//! The `docker run` counterpart of DC001 and K8S001. `--privileged=false` is not reported.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR001",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Container runs privileged (`--privileged`)",
            zh: "容器以特权模式运行（`--privileged`）",
        },
        description: Text {
            en: "`--privileged` gives the container every capability and every host device, and turns off \
                 seccomp, AppArmor and the read-only `/proc` and `/sys` mounts. Whoever controls the process \
                 can mount the host's disks or load kernel modules: a privileged container is root on the host.",
            zh: "`--privileged` 会给容器全部 Linux 能力和宿主机的所有设备，并关闭 seccomp、AppArmor 以及 `/proc`、\
                 `/sys` 的只读挂载。控制了容器进程的人可以挂载宿主机磁盘、加载内核模块：特权容器就等于宿主机上的 root。",
        },
        remediation: Text {
            en: "Remove `--privileged` and grant only what the container needs: single capabilities with \
                 `--cap-add`, single devices with `--device`.",
            zh: "删除 `--privileged`，只授予容器真正需要的权限：用 `--cap-add` 添加单个能力，用 `--device` 映射单个设备。",
        },
        references: &["https://docs.docker.com/reference/cli/docker/container/run/#privileged"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for option in command.options_named("privileged").filter(|o| o.enabled()) {
        let image = command.image_name();
        let message = tr!(
            sink.lang(),
            "container `{image}` runs privileged; remove `--privileged`",
            "容器 `{image}` 以特权模式运行；请删除 `--privileged`",
        );
        report(sink, &RULE.meta, option.span, message);
    }
}
