//! DC017: a compose service maps a host device into the container (`devices: [/dev/…]`).
//!
//! Medium severity: some services need a device (a GPU, a serial adapter), but each one is direct
//! access to hardware the host's kernel drives, and disks or `/dev/mem` are the whole host.
//! CDI device names (`vendor.com/gpu=all`) are not host paths and are not reported.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC017",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Service maps a host device",
            zh: "服务映射了宿主机设备",
        },
        description: Text {
            en: "A mapped device is handed to the container outside its isolation: a disk (`/dev/sda`) gives \
                 every file of the host, `/dev/mem` and `/dev/kmem` its memory, and every driver is kernel \
                 code the container can now call with inputs of its choosing.",
            zh: "映射进来的设备不受容器隔离的约束：磁盘（`/dev/sda`）意味着宿主机的所有文件，`/dev/mem`、`/dev/kmem` \
                 意味着宿主机内存，而每个驱动都是容器从此可以用任意输入调用的内核代码。",
        },
        remediation: Text {
            en: "Remove the device unless the service cannot work without it; then map only that one device, \
                 with the least permissions (`/dev/ttyUSB0:/dev/ttyUSB0:r`), never a disk or memory device.",
            zh: "除非服务离开它就无法工作，否则请删除该设备；确需映射时只映射那一个设备并给最小权限\
                 （如 `/dev/ttyUSB0:/dev/ttyUSB0:r`），绝不映射磁盘或内存设备。",
        },
        references: &["https://docs.docker.com/reference/compose-file/services/#devices"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    for item in service.strings("devices") {
        let device = item.text.split(':').next().unwrap_or_default();
        if !device.starts_with('/') {
            continue;
        }
        let name = service.name;
        let message = tr!(
            sink.lang(),
            "service `{name}` maps host device `{device}` into the container; remove it unless the service needs it",
            "服务 `{name}` 把宿主机设备 `{device}` 映射进了容器；除非服务确实需要，否则请删除",
        );
        sink.report(&RULE.meta, item.node, item.field, message);
    }
}
