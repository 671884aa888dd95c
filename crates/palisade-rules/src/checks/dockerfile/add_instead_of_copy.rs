//! DF114: `ADD` used where `COPY` would do.
//!
//! *What it does.* Finds `ADD` with a source that is a plain local file or folder: not a URL or
//! git repository to fetch, and not an archive to unpack.
//!
//! *Why is this bad?* `ADD` also downloads URLs and unpacks archives. Used for plain files it
//! hides that intent from readers, and a later rename of a source to `*.tar.gz` silently
//! changes what the image contains. `COPY` does exactly one thing.
//!
//! *Example.* `ADD app.jar /app/` → `COPY app.jar /app/`.
//!
//! *hadolint.* DL3020; Trivy DS005. Difference, deliberate: a git source written `git@host:repo`
//! (which BuildKit clones) is remote, not a file to `COPY`, so DF011 reports it instead.

use super::adds::{adds, is_archive, is_remote};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF114",
        aliases: &["DL3020", "DS005"],
        severity: Severity::Medium,
        title: Text {
            en: "`ADD` used instead of `COPY`",
            zh: "用 `ADD` 代替了 `COPY`",
        },
        description: Text {
            en: "`ADD` also downloads URLs and unpacks archives. For plain files it hides that intent, and \
                 renaming a source to `*.tar.gz` later silently changes what the image contains. `COPY` \
                 does one thing only.",
            zh: "`ADD` 还会下载 URL、解压归档文件。用它复制普通文件会掩盖真实意图，日后源文件一旦改名为 `*.tar.gz`，\
                 镜像内容就会悄然改变。`COPY` 只做复制这一件事。",
        },
        remediation: Text {
            en: "Use `COPY` for local files and folders: `COPY app.jar /app/`.",
            zh: "本地文件和目录请使用 `COPY`：`COPY app.jar /app/`。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#add-or-copy",
            "https://github.com/hadolint/hadolint/wiki/DL3020",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, add) in adds(df) {
        let Some(source) = add
            .sources
            .iter()
            .find(|s| !is_remote(&s.value) && !is_archive(&s.value))
        else {
            continue;
        };
        let name = &source.value;
        let message = tr!(
            sink.lang(),
            "`ADD {name}` copies a local file; use `COPY`",
            "`ADD {name}` 只是复制本地文件；请使用 `COPY`",
        );
        report(sink, df, &RULE.meta, source.span, message);
    }
}
