//! DF138: `wget` without `--progress`.
//!
//! *What it does.* Finds `wget` with no `--progress` option that is not made quiet (`-q`,
//! `--quiet`, `-nv`, `--no-verbose`) and does not log to a file (`-o`, `-a`). `ONBUILD RUN`
//! triggers too.
//!
//! *Why is this bad?* wget's default progress bar, written to a log rather than a terminal,
//! becomes thousands of lines for a large download and buries the build log.
//!
//! *Example.* `RUN wget https://example.com/app.tar.gz` →
//! `RUN wget --progress=dot:giga https://example.com/app.tar.gz`.
//!
//! *hadolint.* DL3047.

use super::packages::commands;
use super::prelude::*;
use crate::dockerfile::Command;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF138",
        aliases: &["DL3047"],
        severity: Severity::Info,
        title: Text {
            en: "`wget` without `--progress`",
            zh: "`wget` 缺少 `--progress`",
        },
        description: Text {
            en: "Without a terminal, wget prints its progress bar as lines of dots: thousands of them for \
                 a large download, burying the build log.",
            zh: "没有终端时，wget 会把进度条输出成一行行的点；下载大文件时会有成千上万行，把构建日志淹没。",
        },
        remediation: Text {
            en: "Add `--progress=dot:giga`, or silence it with `-q` / `-nv`.",
            zh: "加上 `--progress=dot:giga`，或用 `-q` / `-nv` 让它保持安静。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3047"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() == "wget" && !quiet(cmd) {
            let message = tr!(
                sink.lang(),
                "`wget` will flood the build log with its progress bar; add `--progress=dot:giga` or `-q`",
                "`wget` 的进度条会刷满构建日志；请加上 `--progress=dot:giga` 或 `-q`",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}

fn quiet(cmd: &Command) -> bool {
    cmd.has_flag(
        &["progress", "quiet", "no-verbose", "output-file", "append-output"],
        &['q', 'o', 'a'],
    ) || cmd.has_arg("-nv")
}
