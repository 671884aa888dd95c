//! DF102: `RUN cd …` instead of `WORKDIR`.
//!
//! *What it does.* Finds a `cd` command in a `RUN` script.
//!
//! *Why is this bad?* A `cd` lasts only until the end of its `RUN`; later instructions still run
//! in the old directory, and scripts that rely on it are hard to read and easy to break.
//!
//! *Example.* `RUN cd /app && make` → `WORKDIR /app` then `RUN make`.
//!
//! *hadolint.* DL3003; Trivy DS013. `ONBUILD` triggers are not checked, as in hadolint.

use super::packages::commands;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF102",
        aliases: &["DL3003", "DS013"],
        severity: Severity::Low,
        title: Text {
            en: "`cd` in `RUN` instead of `WORKDIR`",
            zh: "在 `RUN` 中用 `cd` 代替 `WORKDIR`",
        },
        description: Text {
            en: "A `cd` only lasts until the end of its `RUN`; the next instruction runs in the old \
                 directory again. `WORKDIR` states the directory once, for every later instruction.",
            zh: "`cd` 只在所在的 `RUN` 内有效，下一条指令又会回到原来的目录。`WORKDIR` 只需声明一次，对之后所有指令都生效。",
        },
        remediation: Text {
            en: "Set the directory with `WORKDIR /path` and drop the `cd` (for a one-off, `make -C /path` \
                 and similar options work too).",
            zh: "用 `WORKDIR /path` 设置目录并去掉 `cd`（偶尔一次的话，也可以用 `make -C /path` 之类的参数）。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#workdir",
            "https://github.com/hadolint/hadolint/wiki/DL3003",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let mut last = None;
    for (instruction, cmd) in commands(df, false) {
        // One finding per instruction: the first `cd`.
        if cmd.name() != "cd" || last == Some(instruction.index) {
            continue;
        }
        last = Some(instruction.index);
        let message = tr!(
            sink.lang(),
            "`cd` only lasts for this `RUN`; set the directory with `WORKDIR`",
            "`cd` 只在本条 `RUN` 内有效；请用 `WORKDIR` 设置目录",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
