//! DR003: a container keeps Docker's default capabilities: `--cap-add` without `--cap-drop ALL`
//! (the seed's rule, for every command), or no `--cap-drop ALL` at all (for commands that start
//! a service, see the family's note on noise).

use super::prelude::*;
use crate::checks::runtime;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR003",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Container does not drop all capabilities (`--cap-drop ALL`)",
            zh: "容器没有丢弃全部 Linux 能力（`--cap-drop ALL`）",
        },
        description: Text {
            en: "Without `--cap-drop ALL` a container keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, \
                 FOWNER, SETUID, SETGID, NET_RAW, MKNOD …), and `--cap-add` adds to that set instead of \
                 naming the only ones the container has. Most processes need none of them; NET_RAW alone lets \
                 a compromised container forge packets on the host's networks.",
            zh: "没有 `--cap-drop ALL` 时，容器会保留 Docker 的默认能力（CHOWN、DAC_OVERRIDE、FOWNER、SETUID、SETGID、\
                 NET_RAW、MKNOD 等），`--cap-add` 也只是在这组能力之上追加，而不是列出容器仅有的能力。大多数进程\
                 一个都用不上；仅 NET_RAW 一项就能让被攻破的容器在宿主机网络上伪造数据包。",
        },
        remediation: Text {
            en: "Add `--cap-drop ALL`, then `--cap-add` only what the process needs (often nothing, sometimes \
                 NET_BIND_SERVICE).",
            zh: "添加 `--cap-drop ALL`，再用 `--cap-add` 只加回进程确实需要的能力（通常一个也不需要，有时需要 \
                 NET_BIND_SERVICE）。",
        },
        references: &[
            "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
        ],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    let drops_all = command
        .values("cap-drop")
        .any(|(_, v)| v.text.split(',').any(|c| runtime::capability(c) == "ALL"));
    if drops_all || command.open_ended {
        return;
    }
    let image = command.image_name();
    if let Some((option, arg)) = command.values("cap-add").next() {
        let added = &arg.text;
        let message = tr!(
            sink.lang(),
            "container `{image}` adds `{added}` on top of Docker's default capabilities; add `--cap-drop ALL` \
             so the added ones are the only ones",
            "容器 `{image}` 在 Docker 默认能力之上又添加了 `{added}`；请加上 `--cap-drop ALL`，让它只拥有所添加的能力",
        );
        report(sink, &RULE.meta, option.span, message);
    } else if audited(command) {
        let message = tr!(
            sink.lang(),
            "container `{image}` keeps Docker's default capabilities; add `--cap-drop ALL`",
            "容器 `{image}` 保留了 Docker 的默认能力；请添加 `--cap-drop ALL`",
        );
        report(sink, &RULE.meta, command.head, message);
    }
}
