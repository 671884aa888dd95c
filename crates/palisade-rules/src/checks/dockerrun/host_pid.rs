//! DR005: `docker run --pid host`.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR005",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Container shares the host's process namespace (`--pid host`)",
            zh: "容器共享宿主机的进程命名空间（`--pid host`）",
        },
        description: Text {
            en: "With `--pid host` the container sees every process of the host, with its command line and \
                 environment (where secrets often are), can signal them, and with SYS_PTRACE can inject code \
                 into them. It is a common first step of a container escape.",
            zh: "使用 `--pid host` 后容器能看到宿主机上的所有进程及其命令行和环境变量（密钥常在其中），可以向它们发送\
                 信号，有 SYS_PTRACE 时还能向其注入代码。这是容器逃逸常见的第一步。",
        },
        remediation: Text {
            en: "Remove `--pid host`. To share processes with one other container, use `--pid container:<name>`.",
            zh: "删除 `--pid host`。如只需与另一个容器共享进程，请使用 `--pid container:<名称>`。",
        },
        references: &["https://docs.docker.com/reference/cli/docker/container/run/#pid"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (option, arg) in command.values("pid") {
        if arg.text == "host" {
            let image = command.image_name();
            let message = tr!(
                sink.lang(),
                "container `{image}` sees and can signal every process of the host; remove `--pid host`",
                "容器 `{image}` 能看到并操纵宿主机的所有进程；请删除 `--pid host`",
            );
            report(sink, &RULE.meta, option.span, message);
        }
    }
}
