//! DF120: `apt` in a build.
//!
//! *What it does.* Finds the `apt` command in `RUN` scripts. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* `apt` is the interactive front end; its output and behaviour may change
//! between releases, and it warns that it has no stable command-line interface. Scripts should
//! use `apt-get` and `apt-cache`.
//!
//! *Example.* `RUN apt install -y curl` → `RUN apt-get install -y curl=…`.
//!
//! *hadolint.* DL3027.

use super::packages::commands;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF120",
        aliases: &["DL3027"],
        severity: Severity::Low,
        title: Text {
            en: "`apt` used in a build script",
            zh: "构建脚本中使用了 `apt`",
        },
        description: Text {
            en: "`apt` is the interactive front end and has no stable command-line interface: its output and \
                 behaviour can change between releases. Scripts should use `apt-get` and `apt-cache`.",
            zh: "`apt` 是面向交互的前端，没有稳定的命令行接口，其输出和行为可能随版本变化。脚本中应使用 `apt-get` 和 `apt-cache`。",
        },
        remediation: Text {
            en: "Replace `apt` with `apt-get` (or `apt-cache` for queries).",
            zh: "把 `apt` 换成 `apt-get`（查询用 `apt-cache`）。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3027"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() == "apt" {
            let message = tr!(
                sink.lang(),
                "`apt` has no stable interface for scripts; use `apt-get`",
                "`apt` 没有供脚本使用的稳定接口；请使用 `apt-get`",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
