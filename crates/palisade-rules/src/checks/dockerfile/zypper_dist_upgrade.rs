//! DF127: `zypper dist-upgrade` in a build.
//!
//! *What it does.* Finds `zypper dist-upgrade` or `zypper dup`. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* A distribution upgrade inside an image can move it to a new release with
//! different libraries and defaults; the base image you chose is no longer what runs.
//!
//! *Example.* Choose a base image of the release you want, and update only what you need:
//! `zypper --non-interactive update <package>`.
//!
//! *hadolint.* DL3035.

use super::packages::{commands, operands};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF127",
        aliases: &["DL3035"],
        severity: Severity::Low,
        title: Text {
            en: "`zypper dist-upgrade` in a build",
            zh: "在构建中使用 `zypper dist-upgrade`",
        },
        description: Text {
            en: "A distribution upgrade can move the image to a new release with other libraries and \
                 defaults; the base image you chose and tested is no longer what runs.",
            zh: "发行版升级可能把镜像带到新的发行版本，库和默认配置都随之改变；运行的已不是你选择并测试过的基础镜像。",
        },
        remediation: Text {
            en: "Pick a base image of the release you want, and update single packages with \
                 `zypper --non-interactive update <package>`.",
            zh: "选用所需发行版本的基础镜像，只用 `zypper --non-interactive update <软件包>` 更新个别软件包。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3035"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() == "zypper"
            && operands(cmd, &[])
                .iter()
                .any(|w| matches!(w.value.as_str(), "dist-upgrade" | "dup"))
        {
            let message = tr!(
                sink.lang(),
                "`zypper dist-upgrade` can move the image to another release; choose the base image instead",
                "`zypper dist-upgrade` 可能把镜像升级到其他发行版本；请改为选择合适的基础镜像",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
