//! DF012: `ADD` silently unpacks a local archive.
//!
//! *What it does.* Finds `ADD` of a local tar archive (`*.tar`, `*.tar.gz`, `*.tgz`, `*.tar.xz` …)
//! without an explicit `--unpack` flag.
//!
//! *Why is this bad?* `ADD` extracts archives implicitly: the files that land in the image are
//! not visible in the Dockerfile or its review, and whether extraction happens depends on the
//! file itself, so replacing the archive changes the image without touching the Dockerfile.
//!
//! *Example.* `ADD rootfs.tar.gz /` → `COPY rootfs.tar.gz /tmp/` then
//! `RUN echo "<sha256>  /tmp/rootfs.tar.gz" | sha256sum -c && tar -xzf /tmp/rootfs.tar.gz -C /`,
//! or state it: `ADD --unpack=true rootfs.tar.gz /` (Dockerfile syntax 1.17+).
//!
//! *hadolint.* palisade does not carry DL3010 ("use ADD for extracting archives"), which gives
//! the opposite advice.

use super::adds::{adds, is_archive};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF012",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "`ADD` implicitly unpacks an archive",
            zh: "`ADD` 隐式解压归档文件",
        },
        description: Text {
            en: "`ADD` extracts local tar archives without saying so. The files that land in the image are \
                 invisible in the Dockerfile and its review, and replacing the archive changes the image \
                 without any change to the Dockerfile.",
            zh: "`ADD` 会不加声明地解压本地 tar 归档。最终进入镜像的文件在 Dockerfile 和代码评审中都看不到；\
                 替换归档文件就能在不改动 Dockerfile 的情况下改变镜像。",
        },
        remediation: Text {
            en: "Copy the archive, verify its checksum and extract it explicitly in a `RUN` \
                 (`sha256sum -c` then `tar -x`), or state the intent with `ADD --unpack=true` \
                 (Dockerfile syntax 1.17+).",
            zh: "先复制归档文件，在 `RUN` 中校验哈希后显式解压（`sha256sum -c` 再 `tar -x`），\
                 或用 `ADD --unpack=true` 明确声明意图（需 Dockerfile 语法 1.17+）。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#add",
            "https://docs.docker.com/build/building/best-practices/#add-or-copy",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (instruction, add) in adds(df) {
        if instruction.flag("unpack").is_some() {
            continue;
        }
        for source in add.sources.iter().filter(|s| is_archive(&s.value)) {
            let name = &source.value;
            let message = tr!(
                sink.lang(),
                "`ADD {name}` unpacks the archive implicitly; extract it in a `RUN` after checking it, or write `ADD --unpack=true`",
                "`ADD {name}` 会隐式解压该归档；请在校验后于 `RUN` 中解压，或写明 `ADD --unpack=true`",
            );
            report(sink, df, &RULE.meta, source.span, message);
        }
    }
}
