//! DF152: `RUN ln … /bin/sh` to change the shell.
//!
//! *What it does.* Finds `ln` commands whose target is `/bin/sh`. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* Replacing `/bin/sh` changes the shell of every script in the image,
//! including the base system's, behind their back; `SHELL` changes it for the Dockerfile only.
//!
//! *Example.* `RUN ln -sf /bin/bash /bin/sh` → `SHELL ["/bin/bash", "-c"]`.
//!
//! *hadolint.* DL4005.

use super::packages::commands;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF152",
        aliases: &["DL4005"],
        severity: Severity::Low,
        title: Text {
            en: "`/bin/sh` replaced with `ln` instead of `SHELL`",
            zh: "用 `ln` 替换 `/bin/sh` 而不是使用 `SHELL`",
        },
        description: Text {
            en: "Linking another shell over `/bin/sh` changes the shell of every script in the image, the base \
                 system's included, behind their back. `SHELL` changes it for the Dockerfile's `RUN`s only.",
            zh: "把别的 shell 链接到 `/bin/sh`，会悄悄改变镜像中所有脚本（包括系统自带脚本）使用的 shell。\
                 `SHELL` 只改变 Dockerfile 中 `RUN` 使用的 shell。",
        },
        remediation: Text {
            en: "Use `SHELL [\"/bin/bash\", \"-c\"]` and leave `/bin/sh` alone.",
            zh: "使用 `SHELL [\"/bin/bash\", \"-c\"]`，不要动 `/bin/sh`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL4005"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() == "ln" && cmd.args().last().is_some_and(|w| w.value == "/bin/sh") {
            let message = tr!(
                sink.lang(),
                "`ln … /bin/sh` swaps the shell of every script in the image; use `SHELL`",
                "`ln … /bin/sh` 会替换镜像中所有脚本的 shell；请使用 `SHELL`",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
