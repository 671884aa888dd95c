//! DF104: `apt-get update` leaves the package lists in the image.
//!
//! *What it does.* Finds a `RUN` of the final image's stages (the last stage and the stages it is
//! built `FROM`) that runs `apt-get update` (or `apt update`) without removing
//! `/var/lib/apt/lists` in the same `RUN` (`rm -rf /var/lib/apt/lists/*` or `apt-get
//! dist-clean`), and without a cache or tmpfs mount there.
//!
//! *Why is this bad?* The lists are tens of megabytes that no running container needs; kept in a
//! layer they bloat every pull, and they go stale the day after the build.
//!
//! *Example.* `RUN apt-get update && apt-get install -y curl=… && rm -rf /var/lib/apt/lists/*`,
//! or `RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && …`.
//!
//! *hadolint.* DL3009, with its scope: stages only other stages copy from are not checked, and
//! `apt-get clean` alone does not remove the lists.

use super::packages::{APT_GET_VALUES, final_chain, mounts_cache, operands, runs};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF104",
        aliases: &["DL3009"],
        severity: Severity::Info,
        title: Text {
            en: "apt package lists left in the image",
            zh: "apt 软件包列表残留在镜像中",
        },
        description: Text {
            en: "`apt-get update` downloads package lists that no running container needs. Left in a \
                 layer they add tens of megabytes to every pull and are stale the day after the build.",
            zh: "`apt-get update` 会下载运行中的容器根本用不到的软件包列表。它们留在镜像层里，会让每次拉取多出几十 MB，\
                 而且构建第二天就已过期。",
        },
        remediation: Text {
            en: "End the same `RUN` with `rm -rf /var/lib/apt/lists/*`, or mount a cache there: \
                 `RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && …`.",
            zh: "在同一条 `RUN` 的末尾加上 `rm -rf /var/lib/apt/lists/*`，或在该目录挂载缓存：\
                 `RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && …`。",
        },
        references: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
        concern: None,
    },
    check,
};

const LISTS: &str = "/var/lib/apt/lists";

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let chain = final_chain(df);
    for (instruction, script) in runs(df, true) {
        if !instruction.stage.is_some_and(|s| chain.contains(&s)) || mounts_cache(instruction, LISTS) {
            continue;
        }
        let update = script.commands.iter().find(|c| {
            matches!(c.name(), "apt-get" | "apt")
                && operands(c, APT_GET_VALUES).iter().any(|w| w.value == "update")
        });
        let Some(update) = update else { continue };
        let removed = script.commands.iter().any(|c| {
            (c.name() == "rm" && c.args().iter().any(|w| w.value.starts_with(LISTS)))
                || (c.name() == "apt-get"
                    && operands(c, APT_GET_VALUES)
                        .iter()
                        .any(|w| w.value == "dist-clean"))
        });
        if !removed {
            let message = tr!(
                sink.lang(),
                "`{}` leaves the package lists in the layer; add `rm -rf /var/lib/apt/lists/*` to this `RUN`",
                "`{}` 把软件包列表留在了镜像层中；请在这条 `RUN` 中加上 `rm -rf /var/lib/apt/lists/*`",
                update.name(),
            );
            report(sink, df, &RULE.meta, update.span, message);
        }
    }
}
