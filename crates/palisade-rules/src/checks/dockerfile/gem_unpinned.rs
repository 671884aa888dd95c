//! DF121: `gem install` without versions.
//!
//! *What it does.* Finds `gem install` of gems without `:version` when no `-v`/`--version` is
//! given. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* An unpinned gem is whatever rubygems.org serves that day: builds stop being
//! reproducible and take in releases nobody reviewed.
//!
//! *Example.* `RUN gem install bundler` → `RUN gem install bundler:2.5.22`.
//!
//! *hadolint.* DL3028.

use super::packages::{commands, list};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF121",
        aliases: &["DL3028"],
        severity: Severity::Low,
        title: Text {
            en: "`gem install` without pinned versions",
            zh: "`gem install` 没有固定版本",
        },
        description: Text {
            en: "An unpinned gem is whatever rubygems.org serves that day. Builds stop being reproducible, \
                 and releases nobody reviewed reach the image.",
            zh: "未固定版本的 gem 就是 rubygems.org 当天提供的任意版本。构建因此无法复现，未经审查的版本也会进入镜像。",
        },
        remediation: Text {
            en: "Pin each gem: `gem install bundler:2.5.22` (or `gem install bundler -v 2.5.22`).",
            zh: "为每个 gem 固定版本：`gem install bundler:2.5.22`（或 `gem install bundler -v 2.5.22`）。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3028"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() != "gem" || cmd.args().first().is_none_or(|w| w.value != "install") {
            continue;
        }
        let args = &cmd.args()[1..];
        if args
            .iter()
            .any(|w| w.value == "-v" || w.value == "--version" || w.value.starts_with("--version="))
        {
            continue;
        }
        let loose: Vec<&Word> = args
            .iter()
            .take_while(|w| w.value != "--")
            .filter(|w| !w.value.starts_with('-') && !w.value.contains(':'))
            .collect();
        if loose.is_empty() {
            continue;
        }
        let names = list(&loose);
        let message = tr!(
            sink.lang(),
            "`gem install` without a version for {names}; pin them as `gem:version`",
            "`gem install` 没有为 {names} 指定版本；请写成 `gem:版本`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
