//! DF126: `zypper install` without a non-interactive switch.
//!
//! *What it does.* Finds `zypper install`, `remove`, `patch` and `source-install` (and their
//! short forms) without `-n`, `--non-interactive`, `-y` or `--no-confirm`. `ONBUILD RUN`
//! triggers too.
//!
//! *Why is this bad?* zypper asks for confirmation; a build cannot answer and the step fails.
//!
//! *Example.* `RUN zypper install curl` → `RUN zypper --non-interactive install curl=8.6.0`.
//!
//! *hadolint.* DL3034.

use super::packages::{commands, operands};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF126",
        aliases: &["DL3034"],
        severity: Severity::Low,
        title: Text {
            en: "`zypper` without `--non-interactive`",
            zh: "`zypper` 缺少 `--non-interactive`",
        },
        description: Text {
            en: "zypper asks for confirmation before installing; a build cannot answer, and the step fails.",
            zh: "zypper 安装前会请求确认，而构建过程无法作答，该步骤随之失败。",
        },
        remediation: Text {
            en: "Add `-n` (`--non-interactive`) or `-y`: `zypper --non-interactive install curl=<version>`.",
            zh: "加上 `-n`（`--non-interactive`）或 `-y`：`zypper --non-interactive install curl=<版本>`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3034"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let interactive = cmd.name() == "zypper"
            && operands(cmd, &[]).first().is_some_and(|w| {
                matches!(
                    w.value.as_str(),
                    "install" | "in" | "remove" | "rm" | "patch" | "source-install" | "si"
                )
            });
        if interactive && !cmd.has_flag(&["non-interactive", "no-confirm"], &['n', 'y']) {
            let message = tr!(
                sink.lang(),
                "`zypper` will stop at its confirmation prompt; add `--non-interactive`",
                "`zypper` 会停在确认提示处；请加上 `--non-interactive`",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
