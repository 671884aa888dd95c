//! DC002: a compose service adds a dangerous capability with `cap_add` (`SYS_ADMIN`, `NET_ADMIN`,
//! `SYS_PTRACE`, `ALL` …). The list is the one K8S011, K8S013 and K8S014 use.

use super::prelude::*;
use crate::checks::runtime;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC002",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Service adds a dangerous capability",
            zh: "服务添加了危险的 Linux 能力",
        },
        description: Text {
            en: "Some capabilities act on what the container shares with the host: SYS_ADMIN (mounts and \
                 namespaces, where most escapes start), SYS_MODULE (kernel modules), SYS_PTRACE (other \
                 processes), NET_ADMIN (interfaces and firewall rules), DAC_READ_SEARCH, SYS_RAWIO, BPF, \
                 PERFMON, SYS_TIME, MAC_ADMIN and `ALL`. Each gives a compromised container a known path to \
                 the host or to its neighbours.",
            zh: "有些能力作用于容器与宿主机共享的资源：SYS_ADMIN（挂载与命名空间，多数逃逸由此开始）、\
                 SYS_MODULE（内核模块）、SYS_PTRACE（其他进程）、NET_ADMIN（网卡与防火墙规则），以及 \
                 DAC_READ_SEARCH、SYS_RAWIO、BPF、PERFMON、SYS_TIME、MAC_ADMIN 和 `ALL`。每一个都给被攻破的\
                 容器留下通往宿主机或相邻容器的已知路径。",
        },
        remediation: Text {
            en: "Remove the capability from `cap_add`. If a host agent truly needs it, run that agent on its \
                 own, never next to application services.",
            zh: "从 `cap_add` 中删除该能力。如果某个宿主机代理确实需要它，请单独运行该代理，不要与业务服务放在一起。",
        },
        references: &[
            "https://man7.org/linux/man-pages/man7/capabilities.7.html",
            "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
        ],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    for item in service.strings("cap_add") {
        let Some((_, en, zh)) = runtime::dangerous_capability(item.text) else {
            continue;
        };
        let (name, written) = (service.name, item.text);
        let message = tr!(
            sink.lang(),
            "service `{name}` adds `{written}`, which grants {en}; remove it from `cap_add`",
            "服务 `{name}` 添加了 `{written}`，从而获得{zh}；请从 `cap_add` 中删除",
        );
        sink.report(&RULE.meta, item.node, item.field, message);
    }
}
