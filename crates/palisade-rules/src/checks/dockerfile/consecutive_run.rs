//! DF140: consecutive single-command `RUN`s.
//!
//! *What it does.* Finds a `RUN` that runs one command, right after a `RUN` with the same flags
//! that also runs one command (comments and empty lines between them do not matter).
//!
//! *Why is this bad?* Each `RUN` is a layer: splitting trivially related commands adds layers,
//! size and build time. Longer scripts are left alone, as splitting them is often deliberate for
//! caching.
//!
//! *Example.* `RUN mkdir /app` then `RUN chown app /app` →
//! `RUN mkdir /app && chown app /app`.
//!
//! *hadolint.* DL3059, with its definition of consecutive: `RUN`s with different flags (a
//! `--mount` on one only) are not merged candidates.

use super::packages::previous_in_stage;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF140",
        aliases: &["DL3059"],
        severity: Severity::Info,
        title: Text {
            en: "Consecutive `RUN` instructions could be one",
            zh: "连续的 `RUN` 指令可以合并",
        },
        description: Text {
            en: "Every `RUN` makes a layer. Two one-command `RUN`s in a row add a layer, size and build time \
                 for nothing.",
            zh: "每条 `RUN` 都会产生一个镜像层。连续两条只有一个命令的 `RUN`，白白多出一层、增加体积和构建时间。",
        },
        remediation: Text {
            en: "Join them with `&&` in one `RUN`.",
            zh: "用 `&&` 把它们合并成一条 `RUN`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3059"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in &df.instructions {
        let Some(script) = instruction.script() else {
            continue;
        };
        let Some(prev) = previous_in_stage(df, instruction) else {
            continue;
        };
        let Some(prev_script) = prev.script() else {
            continue;
        };
        if script.commands.len() != 1 || prev_script.commands.len() != 1 {
            continue;
        }
        let flags = |i: &Instruction| i.flags.iter().map(|f| df.text(f.span)).collect::<Vec<_>>();
        if flags(instruction) != flags(prev) {
            continue;
        }
        let line = prev.line;
        let message = tr!(
            sink.lang(),
            "this `RUN` and the one on line {line} each run one command; join them with `&&`",
            "这条 `RUN` 与第 {line} 行的 `RUN` 各只运行一个命令；请用 `&&` 合并",
        );
        report(sink, df, &RULE.meta, instruction.head_span(), message);
    }
}
