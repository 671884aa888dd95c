//! DF141: `yarn install` without `yarn cache clean`.
//!
//! *What it does.* Finds a `RUN` with `yarn install` that neither runs `yarn cache clean` nor
//! mounts a build cache. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* Yarn's global cache keeps a copy of every package in the layer, often
//! doubling the size of `node_modules`.
//!
//! *Example.* `RUN yarn install --frozen-lockfile && yarn cache clean`, or
//! `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile`.
//!
//! *hadolint.* DL3060.

use super::packages::runs;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF141",
        aliases: &["DL3060"],
        severity: Severity::Info,
        title: Text {
            en: "`yarn install` without `yarn cache clean`",
            zh: "`yarn install` 之后没有 `yarn cache clean`",
        },
        description: Text {
            en: "Yarn's global cache keeps a second copy of every package in the layer, often doubling \
                 the size of `node_modules`.",
            zh: "Yarn 的全局缓存会在镜像层中为每个包再保留一份副本，体积常常是 `node_modules` 的两倍。",
        },
        remediation: Text {
            en: "End the `RUN` with `yarn cache clean`, or mount a build cache at Yarn's cache folder.",
            zh: "在该 `RUN` 末尾加上 `yarn cache clean`，或在 Yarn 缓存目录挂载构建缓存。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3060"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (instruction, script) in runs(df, true) {
        let run = instruction.trigger().unwrap_or(instruction);
        let cached = run.flags.iter().any(|f| {
            f.name == "mount"
                && f.value
                    .as_deref()
                    .is_some_and(|v| v.split(',').any(|p| p == "type=cache"))
        });
        let Some(install) = script
            .commands
            .iter()
            .find(|c| c.name() == "yarn" && c.args().first().is_some_and(|w| w.value == "install"))
        else {
            continue;
        };
        let cleaned = script.commands.iter().any(|c| {
            c.name() == "yarn"
                && c.args().len() >= 2
                && c.args()[0].value == "cache"
                && c.args()[1].value == "clean"
        });
        if !cleaned && !cached {
            let message = tr!(
                sink.lang(),
                "`yarn install` leaves Yarn's cache in the layer; end the `RUN` with `yarn cache clean`",
                "`yarn install` 会把 Yarn 缓存留在镜像层中；请在该 `RUN` 末尾加上 `yarn cache clean`",
            );
            report(sink, df, &RULE.meta, install.span, message);
        }
    }
}
