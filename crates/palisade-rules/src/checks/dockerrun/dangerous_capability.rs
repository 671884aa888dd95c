//! DR002: `docker run --cap-add` of a dangerous capability (`SYS_ADMIN`, `NET_ADMIN`,
//! `SYS_PTRACE`, `ALL` …). The list is the one DC002 and K8S011–K8S014 use; a comma-separated
//! value (`--cap-add=SYS_ADMIN,NET_ADMIN`, which Podman accepts) is read entry by entry.

use super::prelude::*;
use crate::checks::runtime;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR002",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Container adds a dangerous capability (`--cap-add`)",
            zh: "容器添加了危险的 Linux 能力（`--cap-add`）",
        },
        description: Text {
            en: "Some capabilities act on what the container shares with the host: SYS_ADMIN (mounts and \
                 namespaces, where most escapes start), SYS_MODULE (kernel modules), SYS_PTRACE (other \
                 processes), NET_ADMIN (interfaces and firewall rules), DAC_READ_SEARCH, SYS_RAWIO, BPF, \
                 PERFMON, SYS_TIME, MAC_ADMIN and `ALL`. Each gives a compromised container a known path to \
                 the host.",
            zh: "有些能力作用于容器与宿主机共享的资源：SYS_ADMIN（挂载与命名空间，多数逃逸由此开始）、\
                 SYS_MODULE（内核模块）、SYS_PTRACE（其他进程）、NET_ADMIN（网卡与防火墙规则），以及 \
                 DAC_READ_SEARCH、SYS_RAWIO、BPF、PERFMON、SYS_TIME、MAC_ADMIN 和 `ALL`。每一个都给被攻破的\
                 容器留下通往宿主机的已知路径。",
        },
        remediation: Text {
            en: "Remove the `--cap-add`. Start from `--cap-drop ALL` and add back only harmless capabilities \
                 the process needs, such as NET_BIND_SERVICE.",
            zh: "删除该 `--cap-add`。从 `--cap-drop ALL` 开始，只加回进程确实需要的无害能力，例如 NET_BIND_SERVICE。",
        },
        references: &[
            "https://man7.org/linux/man-pages/man7/capabilities.7.html",
            "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
        ],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (_, arg) in command.values("cap-add") {
        for written in arg.text.split(',') {
            let Some((_, en, zh)) = runtime::dangerous_capability(written) else {
                continue;
            };
            let image = command.image_name();
            let message = tr!(
                sink.lang(),
                "container `{image}` adds `{written}`, which grants {en}; remove the `--cap-add`",
                "容器 `{image}` 添加了 `{written}`，从而获得{zh}；请删除该 `--cap-add`",
            );
            report(sink, &RULE.meta, arg.span, message);
        }
    }
}
