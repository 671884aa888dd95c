//! DC006: a compose service shares the host's IPC namespace (`ipc: host`).

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC006",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Service shares the host's IPC namespace",
            zh: "服务共享宿主机的 IPC 命名空间",
        },
        description: Text {
            en: "With `ipc: host` the container reaches the host's shared memory segments, semaphores and \
                 message queues, which databases, browsers and other processes use to pass data they assume \
                 no one else can read or change.",
            zh: "设置 `ipc: host` 后容器可以访问宿主机的共享内存、信号量和消息队列；数据库、浏览器等进程用它们\
                 传递数据，并假定其他人无法读取或篡改。",
        },
        remediation: Text {
            en: "Remove `ipc: host`. To share memory between two services, use `ipc: \"service:<name>\"` or \
                 `ipc: shareable` on one of them.",
            zh: "删除 `ipc: host`。如需在两个服务之间共享内存，请使用 `ipc: \"service:<名称>\"`，或在其中一个服务上\
                 设置 `ipc: shareable`。",
        },
        references: &["https://docs.docker.com/reference/compose-file/services/#ipc"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    let Some(value) = service.get("ipc") else {
        return;
    };
    if value.as_text() == Some("host") {
        let name = service.name;
        let message = tr!(
            sink.lang(),
            "service `{name}` shares the host's IPC namespace; remove `ipc: host`",
            "服务 `{name}` 共享宿主机的 IPC 命名空间；请删除 `ipc: host`",
        );
        sink.report(&RULE.meta, value, service.field("ipc"), message);
    }
}
