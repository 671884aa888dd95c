//! DC005: a compose service shares the host's process namespace (`pid: host`).

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC005",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Service shares the host's process namespace",
            zh: "服务共享宿主机的进程命名空间",
        },
        description: Text {
            en: "With `pid: host` the container sees every process of the host, with its command line and \
                 environment (where secrets often are), can signal them, and with SYS_PTRACE can inject code \
                 into them. It is a common first step of a container escape.",
            zh: "设置 `pid: host` 后容器能看到宿主机上的所有进程及其命令行和环境变量（密钥常在其中），可以向它们\
                 发送信号，有 SYS_PTRACE 时还能向其注入代码。这是容器逃逸常见的第一步。",
        },
        remediation: Text {
            en: "Remove `pid: host`. To share processes between two services, use `pid: \"service:<name>\"`.",
            zh: "删除 `pid: host`。如需在两个服务之间共享进程，请使用 `pid: \"service:<名称>\"`。",
        },
        references: &["https://docs.docker.com/reference/compose-file/services/#pid"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    let Some(value) = service.get("pid") else {
        return;
    };
    if value.as_text() == Some("host") {
        let name = service.name;
        let message = tr!(
            sink.lang(),
            "service `{name}` sees and can signal every process of the host; remove `pid: host`",
            "服务 `{name}` 能看到并操纵宿主机的所有进程；请删除 `pid: host`",
        );
        sink.report(&RULE.meta, value, service.field("pid"), message);
    }
}
