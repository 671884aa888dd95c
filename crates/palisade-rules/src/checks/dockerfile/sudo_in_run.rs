//! DF014: `RUN` uses `sudo`.
//!
//! *What it does.* Finds a `sudo` command anywhere in a `RUN` script (inside `$( … )` too) and in
//! `ONBUILD RUN` triggers.
//!
//! *Why is this bad?* Build steps already run as the current `USER`; `sudo` there means the
//! image ships `sudo` and a sudoers policy, a ready-made privilege escalation for anyone who
//! gets a shell in the container, and its TTY and environment handling makes builds behave
//! unpredictably.
//!
//! *Example.* `RUN sudo apt-get install -y curl` → switch with `USER root` for the step, then
//! back with `USER app`; to drop privileges at run time use `gosu` or `su-exec`.
//!
//! *hadolint.* DL3004; Trivy DS010. Like hadolint, only a command named exactly `sudo` counts
//! (`/usr/bin/sudo` is not matched).

use super::packages::commands;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF014",
        aliases: &["DL3004", "DS010"],
        severity: Severity::Medium,
        title: Text {
            en: "`RUN` uses `sudo`",
            zh: "`RUN` 中使用了 `sudo`",
        },
        description: Text {
            en: "Build steps run as the current `USER` already. Using `sudo` means the image carries \
                 `sudo` and a sudoers policy — a ready-made privilege escalation for anyone who gets a \
                 shell in the container — and its TTY and environment handling makes builds unpredictable.",
            zh: "构建步骤本来就以当前 `USER` 身份执行。使用 `sudo` 意味着镜像里带有 `sudo` 和 sudoers 策略，\
                 任何拿到容器 shell 的人都多了一条现成的提权途径；它对 TTY 和环境变量的处理也会让构建结果难以预测。",
        },
        remediation: Text {
            en: "Remove `sudo`: switch users with `USER root` for the step and `USER app` after it; to drop \
                 privileges when the container starts, use `gosu` or `su-exec` in the entrypoint.",
            zh: "去掉 `sudo`：需要 root 的步骤前写 `USER root`，之后用 `USER app` 切回；\
                 如需在容器启动时降权，请在入口脚本里使用 `gosu` 或 `su-exec`。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#user",
            "https://github.com/hadolint/hadolint/wiki/DL3004",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() == "sudo" {
            let message = tr!(
                sink.lang(),
                "`sudo` in a build step; use `USER` to change users instead",
                "构建步骤中使用了 `sudo`；请改用 `USER` 切换用户",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
