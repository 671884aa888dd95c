//! DF113: `apk add` without `--no-cache`.
//!
//! *What it does.* Finds `apk add` without `--no-cache`, unless the `RUN` mounts a cache or tmpfs
//! at `/var/cache/apk`. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* The index and package cache stay in the layer: size no container needs.
//! `--no-cache` also replaces the `apk update` / `rm -rf /var/cache/apk/*` dance.
//!
//! *Example.* `RUN apk add curl` → `RUN apk add --no-cache curl`.
//!
//! *hadolint.* DL3019; Trivy DS025. As in hadolint, removing `/var/cache/apk/*` afterwards does
//! not count (the index fetched by `--update` is elsewhere).

use super::packages::{apk_add, commands, mounts_cache};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF113",
        aliases: &["DL3019", "DS025"],
        severity: Severity::Info,
        title: Text {
            en: "`apk add` without `--no-cache`",
            zh: "`apk add` 缺少 `--no-cache`",
        },
        description: Text {
            en: "Without `--no-cache`, apk keeps its index and package cache in the layer: size no \
                 running container needs.",
            zh: "不加 `--no-cache` 时，apk 会把索引和软件包缓存留在镜像层里，徒增运行中的容器用不到的体积。",
        },
        remediation: Text {
            en: "Use `apk add --no-cache <packages>`; it also makes `apk update` and removing \
                 `/var/cache/apk/*` unnecessary.",
            zh: "使用 `apk add --no-cache <软件包>`；这样也就不再需要 `apk update` 和删除 `/var/cache/apk/*`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3019"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (instruction, cmd) in commands(df, true) {
        if apk_add(cmd).is_none()
            || cmd.has_flag(&["no-cache"], &[])
            || mounts_cache(instruction, "/var/cache/apk")
        {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "`apk add` keeps its cache in the layer; add `--no-cache`",
            "`apk add` 会把缓存留在镜像层中；请加上 `--no-cache`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
