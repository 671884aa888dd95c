//! DR017: `docker run --device /dev/…` — a host device given to the container, on every command.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR017",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Container gets a host device (`--device`)",
            zh: "容器获得了宿主机设备（`--device`）",
        },
        description: Text {
            en: "A device given with `--device` is handed to the container outside its isolation: a disk \
                 (`/dev/sda`) gives every file of the host, `/dev/mem` its memory, and every driver is kernel \
                 code the container can now call with inputs of its choosing.",
            zh: "通过 `--device` 交给容器的设备不受容器隔离的约束：磁盘（`/dev/sda`）意味着宿主机的所有文件，`/dev/mem` \
                 意味着宿主机内存，而每个驱动都是容器从此可以用任意输入调用的内核代码。",
        },
        remediation: Text {
            en: "Remove `--device` unless the container cannot work without it; then give only that device with \
                 the least permissions (`--device /dev/ttyUSB0:/dev/ttyUSB0:r`), never a disk or memory device.",
            zh: "除非容器离开它就无法工作，否则请删除 `--device`；确需使用时只给那一个设备并给最小权限\
                 （如 `--device /dev/ttyUSB0:/dev/ttyUSB0:r`），绝不给磁盘或内存设备。",
        },
        references: &["https://docs.docker.com/reference/cli/docker/container/run/#device"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (option, arg) in command.values("device") {
        let device = arg.text.split(':').next().unwrap_or_default();
        if !device.starts_with('/') {
            continue;
        }
        let image = command.image_name();
        let message = tr!(
            sink.lang(),
            "container `{image}` gets host device `{device}`; remove `--device` unless the container needs it",
            "容器 `{image}` 获得了宿主机设备 `{device}`；除非容器确实需要，否则请删除 `--device`",
        );
        report(sink, &RULE.meta, option.span, message);
    }
}
