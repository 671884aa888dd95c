//! DF115: `COPY` of several sources to a destination without a trailing `/`.
//!
//! *What it does.* Finds `COPY` with more than one source whose destination does not end in `/`.
//!
//! *Why is this bad?* With several sources the destination must be a directory, and BuildKit
//! requires it to be written with a trailing `/`; the build fails otherwise.
//!
//! *Example.* `COPY package.json yarn.lock app` → `COPY package.json yarn.lock app/`.
//!
//! *hadolint.* DL3021; Trivy DS011. As in hadolint, `.` must be written `./` too.

use super::copy_sources::copies;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF115",
        aliases: &["DL3021", "DS011"],
        severity: Severity::Medium,
        title: Text {
            en: "`COPY` of several files to a destination without `/`",
            zh: "`COPY` 多个文件时目标路径未以 `/` 结尾",
        },
        description: Text {
            en: "With more than one source, the destination must be a directory written with a trailing `/`; \
                 otherwise the build fails.",
            zh: "源文件不止一个时，目标必须是以 `/` 结尾的目录，否则构建会失败。",
        },
        remediation: Text {
            en: "End the destination with `/`: `COPY package.json yarn.lock app/`.",
            zh: "让目标路径以 `/` 结尾：`COPY package.json yarn.lock app/`。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#copy",
            "https://github.com/hadolint/hadolint/wiki/DL3021",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, copy) in copies(df) {
        let Some(dest) = &copy.dest else { continue };
        if copy.sources.len() < 2 || dest.value.ends_with('/') {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "{} sources are copied to `{}`, which must be a directory ending in `/`",
            "{} 个源文件被复制到 `{}`，目标必须是以 `/` 结尾的目录",
            copy.sources.len(),
            dest.value,
        );
        report(sink, df, &RULE.meta, dest.span, message);
    }
}
