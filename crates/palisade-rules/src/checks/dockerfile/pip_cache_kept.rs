//! DF133: `pip install` keeps its download cache in the image.
//!
//! *What it does.* Finds `pip install` without `--no-cache-dir`, unless `PIP_NO_CACHE_DIR` is set
//! to a true value (on the command, or by an earlier `ENV` of the stage or a stage it is built
//! `FROM`), or the `RUN` mounts a cache at `/root/.cache/pip`. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* pip's cache of downloaded wheels stays in the layer: often more megabytes
//! than the packages themselves, useless to the running container.
//!
//! *Example.* `RUN pip install --no-cache-dir -r requirements.txt`.
//!
//! *hadolint.* DL3042.

use super::packages::{commands, env_values, mounts_cache, pip_install};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF133",
        aliases: &["DL3042"],
        severity: Severity::Low,
        title: Text {
            en: "`pip install` without `--no-cache-dir`",
            zh: "`pip install` 缺少 `--no-cache-dir`",
        },
        description: Text {
            en: "pip keeps every downloaded wheel in its cache; in a layer that is dead weight, often larger \
                 than the installed packages.",
            zh: "pip 会把下载的每个 wheel 留在缓存里；放在镜像层中纯属累赘，体积常常比安装的软件包还大。",
        },
        remediation: Text {
            en: "Add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or mount a build cache: \
                 `RUN --mount=type=cache,target=/root/.cache/pip pip install …`.",
            zh: "加上 `--no-cache-dir`，或设置 `ENV PIP_NO_CACHE_DIR=1`，或挂载构建缓存：\
                 `RUN --mount=type=cache,target=/root/.cache/pip pip install …`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3042"],
        concern: None,
    },
    check,
};

fn truthy(value: &str) -> bool {
    matches!(value.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let mut env = None;
    for (instruction, cmd) in commands(df, true) {
        let Some(args) = pip_install(cmd) else { continue };
        let flag = cmd.args().iter().chain(args).any(|w| {
            w.value == "--no-cache-dir"
                || w.value
                    .strip_prefix("--no-cache-dir=")
                    .is_some_and(|v| !matches!(v, "false" | "0" | "off" | "no"))
        });
        let assigned = cmd
            .assignments
            .iter()
            .any(|a| a.value.strip_prefix("PIP_NO_CACHE_DIR=").is_some_and(truthy));
        if flag
            || assigned
            || env.get_or_insert_with(|| env_values(df, "PIP_NO_CACHE_DIR"))[instruction.index]
                .is_some_and(truthy)
            || mounts_cache(instruction, "/root/.cache/pip")
        {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "`pip install` keeps its download cache in the layer; add `--no-cache-dir`",
            "`pip install` 会把下载缓存留在镜像层中；请加上 `--no-cache-dir`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
