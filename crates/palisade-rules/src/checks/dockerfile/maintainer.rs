//! DF148: `MAINTAINER` is deprecated.
//!
//! *What it does.* Finds `MAINTAINER`.
//!
//! *Why is this bad?* It is deprecated and invisible to the tools that read image metadata;
//! the OCI label is what registries and scanners show.
//!
//! *Example.* `MAINTAINER Ann <ann@example.com>` →
//! `LABEL org.opencontainers.image.authors="ann@example.com"`.
//!
//! *hadolint.* DL4000; Trivy DS022.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF148",
        aliases: &["DL4000", "DS022"],
        severity: Severity::Low,
        title: Text {
            en: "`MAINTAINER` is deprecated",
            zh: "`MAINTAINER` 已被弃用",
        },
        description: Text {
            en: "`MAINTAINER` is deprecated; registries and scanners read the OCI `authors` label instead.",
            zh: "`MAINTAINER` 已被弃用；镜像仓库和扫描工具读取的是 OCI 的 `authors` 标签。",
        },
        remediation: Text {
            en: "Use `LABEL org.opencontainers.image.authors=\"team@example.com\"`.",
            zh: "改用 `LABEL org.opencontainers.image.authors=\"team@example.com\"`。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated",
            "https://github.com/hadolint/hadolint/wiki/DL4000",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in df
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::Maintainer)
    {
        let message = tr!(
            sink.lang(),
            "`MAINTAINER` is deprecated; use the label `org.opencontainers.image.authors`",
            "`MAINTAINER` 已弃用；请使用标签 `org.opencontainers.image.authors`",
        );
        report(sink, df, &RULE.meta, instruction.keyword_span, message);
    }
}
