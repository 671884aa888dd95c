//! DF143: `go install` without a version.
//!
//! *What it does.* Finds `go install` and `go get` of a remote package without `@version`, or at
//! `@latest`. Local packages (`./…`, `.`) are fine. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* Without a version, Go fetches the latest release of the module and of its
//! dependencies at build time; builds stop being reproducible.
//!
//! *Example.* `RUN go install golang.org/x/tools/gopls` →
//! `RUN go install golang.org/x/tools/gopls@v0.16.2`.
//!
//! *hadolint.* DL3062.

use super::packages::{commands, list};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF143",
        aliases: &["DL3062"],
        severity: Severity::Low,
        title: Text {
            en: "`go install` without a pinned version",
            zh: "`go install` 没有固定版本",
        },
        description: Text {
            en: "Without `@version`, Go fetches the latest release of the module and its dependencies at \
                 build time, so builds stop being reproducible.",
            zh: "不写 `@版本` 时，Go 会在构建时拉取模块及其依赖的最新版本，构建因此无法复现。",
        },
        remediation: Text {
            en: "Add the version: `go install golang.org/x/tools/gopls@v0.16.2`.",
            zh: "加上版本：`go install golang.org/x/tools/gopls@v0.16.2`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3062"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() != "go"
            || !cmd
                .args()
                .first()
                .is_some_and(|w| matches!(w.value.as_str(), "install" | "get"))
        {
            continue;
        }
        let loose: Vec<&Word> = cmd.args()[1..]
            .iter()
            .filter(|w| !w.value.starts_with('-') && !w.value.starts_with('.'))
            .filter(|w| w.value.split_once('@').is_none_or(|(_, v)| v == "latest"))
            .collect();
        if loose.is_empty() {
            continue;
        }
        let names = list(&loose);
        let message = tr!(
            sink.lang(),
            "`go {}` without a pinned version for {names}; add `@vX.Y.Z`",
            "`go {}` 没有为 {names} 固定版本；请加上 `@vX.Y.Z`",
            cmd.args()[0].value,
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
