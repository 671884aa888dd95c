//! DR006: `docker run --ipc host`.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR006",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Container shares the host's IPC namespace (`--ipc host`)",
            zh: "容器共享宿主机的 IPC 命名空间（`--ipc host`）",
        },
        description: Text {
            en: "With `--ipc host` the container reaches the host's shared memory segments, semaphores and \
                 message queues, which databases, browsers and other processes use to pass data they assume \
                 no one else can read or change.",
            zh: "使用 `--ipc host` 后容器可以访问宿主机的共享内存、信号量和消息队列；数据库、浏览器等进程用它们传递\
                 数据，并假定其他人无法读取或篡改。",
        },
        remediation: Text {
            en: "Remove `--ipc host`. To share memory with one other container, start that one with \
                 `--ipc shareable` and this one with `--ipc container:<name>`.",
            zh: "删除 `--ipc host`。如只需与另一个容器共享内存，请以 `--ipc shareable` 启动那个容器，并以 \
                 `--ipc container:<名称>` 启动本容器。",
        },
        references: &["https://docs.docker.com/reference/cli/docker/container/run/#ipc"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (option, arg) in command.values("ipc") {
        if arg.text == "host" {
            let image = command.image_name();
            let message = tr!(
                sink.lang(),
                "container `{image}` shares the host's IPC namespace; remove `--ipc host`",
                "容器 `{image}` 共享宿主机的 IPC 命名空间；请删除 `--ipc host`",
            );
            report(sink, &RULE.meta, option.span, message);
        }
    }
}
