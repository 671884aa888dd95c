//! DF101: a `RUN` uses a command that makes no sense in a build.
//!
//! *What it does.* Finds `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill` and
//! `mount` in `RUN` scripts. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* A build step has no terminal, no init system and no running services:
//! these commands either do nothing, hang, or hide a design that belongs in the container's
//! entrypoint or in the orchestrator. Editors and `ssh` left in the image widen what an
//! intruder can use.
//!
//! *Example.* `RUN service nginx start` → start it in the `CMD`/`ENTRYPOINT`.
//!
//! *hadolint.* DL3001 (its description also names `ifconfig`, which hadolint 2.15.1 does not
//! report; neither does palisade).

use super::packages::commands;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF101",
        aliases: &["DL3001"],
        severity: Severity::Info,
        title: Text {
            en: "Command that makes no sense in a build",
            zh: "在构建中使用了没有意义的命令",
        },
        description: Text {
            en: "A build step has no terminal, no init system and no running services. `ssh`, `vim`, \
                 `service`, `shutdown`, `ps`, `top`, `free`, `kill` or `mount` there do nothing, hang, or \
                 hide work that belongs in the entrypoint or the orchestrator.",
            zh: "构建步骤里没有终端、没有 init 系统，也没有运行中的服务。在这里调用 `ssh`、`vim`、`service`、\
                 `shutdown`、`ps`、`top`、`free`、`kill` 或 `mount`，要么无效，要么卡住，要么掩盖了本该放在入口脚本或编排系统中的工作。",
        },
        remediation: Text {
            en: "Remove the command; start services from `CMD`/`ENTRYPOINT`, and do runtime work at run time.",
            zh: "删除该命令；服务应由 `CMD`/`ENTRYPOINT` 启动，运行时的工作放到运行时去做。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3001"],
        concern: None,
    },
    check,
};

const POINTLESS: [&str; 9] = [
    "ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount",
];

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let name = cmd.name();
        if POINTLESS.contains(&name) {
            let message = tr!(
                sink.lang(),
                "`{name}` makes no sense in a build step",
                "`{name}` 在构建步骤中没有意义",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
