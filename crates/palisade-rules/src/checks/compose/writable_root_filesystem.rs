//! DC011: a compose service's root filesystem is writable (no `read_only: true`).
//!
//! Low severity: hardening, and many images need a `tmpfs` for `/tmp` or a volume for their data
//! before they run read-only.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC011",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Service root filesystem is writable",
            zh: "服务的根文件系统可写",
        },
        description: Text {
            en: "A writable root filesystem lets an attacker who gets into the container drop tools, change \
                 the application's code or configuration, and persist until the container is recreated. A \
                 read-only one keeps the image as built; data goes to the volumes and tmpfs mounts named for it.",
            zh: "根文件系统可写时，进入容器的攻击者可以放置工具、篡改应用代码或配置，并一直驻留到容器被重建。\
                 只读的根文件系统能让镜像保持构建时的样子，数据只写入专门为其声明的卷和 tmpfs。",
        },
        remediation: Text {
            en: "Set `read_only: true`, and give the paths the service writes a `tmpfs` (`tmpfs: [/tmp]`) or a \
                 volume.",
            zh: "设置 `read_only: true`，并为服务需要写入的路径提供 `tmpfs`（如 `tmpfs: [/tmp]`）或卷。",
        },
        references: &["https://docs.docker.com/reference/compose-file/services/#read_only"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    let name = service.name;
    let message = tr!(
        sink.lang(),
        "service `{name}` can write to its root filesystem; set `read_only: true` and add a tmpfs for the paths it writes",
        "服务 `{name}` 可以写入根文件系统；请设置 `read_only: true`，并为需要写入的路径添加 tmpfs",
    );
    match service.setting(&["read_only"]) {
        // A base service's own `read_only: false` is reported on the base.
        Setting::Set(value) if service.get("read_only").is_some() => {
            if truthy(value) == Some(false) {
                sink.report(&RULE.meta, value, service.field("read_only"), message);
            }
        }
        Setting::Unset => sink.report(&RULE.meta, service.key, service.field("read_only"), message),
        Setting::Set(_) | Setting::Unknown => {}
    }
}
