//! DR014: a service container without `--security-opt no-new-privileges` (or with
//! `no-new-privileges=false`, reported on every command). `no-new-privileges` alone means `true`.

use super::prelude::*;
use crate::dockerrun::syntax::{SecurityOpt, security_opt};

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR014",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Container allows privilege escalation (no `no-new-privileges`)",
            zh: "容器允许提升权限（未设置 `no-new-privileges`）",
        },
        description: Text {
            en: "Without `no-new-privileges`, a process in the container can gain privileges through setuid and \
                 setgid binaries (`su`, `sudo`, `passwd` …) or file capabilities: a non-root process that finds \
                 a vulnerable setuid binary in the image becomes root.",
            zh: "未设置 `no-new-privileges` 时，容器中的进程可以借助 setuid/setgid 程序（`su`、`sudo`、`passwd` 等）\
                 或文件能力提升权限：非 root 进程只要在镜像里找到一个有漏洞的 setuid 程序，就能变成 root。",
        },
        remediation: Text {
            en: "Add `--security-opt=no-new-privileges`.",
            zh: "添加 `--security-opt=no-new-privileges`。",
        },
        references: &[
            "https://docs.docker.com/reference/cli/docker/container/run/#security-opt",
            "https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html",
        ],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    let image = command.image_name();
    let mut on = false;
    for (option, arg) in command.values("security-opt") {
        match security_opt(&arg.text) {
            SecurityOpt::NoNewPrivileges(Some(true)) => on = true,
            SecurityOpt::NoNewPrivileges(Some(false)) => {
                let written = &arg.text;
                let message = tr!(
                    sink.lang(),
                    "container `{image}` allows privilege escalation (`{written}`); use `no-new-privileges`",
                    "容器 `{image}` 允许提升权限（`{written}`）；请改为 `no-new-privileges`",
                );
                report(sink, &RULE.meta, option.span, message);
                return;
            }
            _ => {}
        }
    }
    if on || !audited(command) {
        return;
    }
    let message = tr!(
        sink.lang(),
        "container `{image}` lets its processes gain privileges through setuid binaries; add \
         `--security-opt=no-new-privileges`",
        "容器 `{image}` 的进程可以借助 setuid 程序提升权限；请添加 `--security-opt=no-new-privileges`",
    );
    report(sink, &RULE.meta, command.head, message);
}
