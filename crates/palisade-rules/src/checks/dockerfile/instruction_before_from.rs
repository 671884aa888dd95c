//! DF142: an instruction before the first `FROM`.
//!
//! *What it does.* Finds instructions other than `ARG` before the first `FROM`.
//!
//! *Why is this bad?* Only build arguments may come before the first stage; BuildKit refuses the
//! rest.
//!
//! *Example.* Move `LABEL`, `ENV` or `RUN` below the `FROM` they belong to.
//!
//! *hadolint.* DL3061.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF142",
        aliases: &["DL3061"],
        severity: Severity::Medium,
        title: Text {
            en: "Instruction before the first `FROM`",
            zh: "第一个 `FROM` 之前出现了其他指令",
        },
        description: Text {
            en: "Only `ARG` may come before the first `FROM`; BuildKit refuses any other instruction there.",
            zh: "第一个 `FROM` 之前只能出现 `ARG`；BuildKit 会拒绝此处的其他任何指令。",
        },
        remediation: Text {
            en: "Move the instruction below the `FROM` of the stage it belongs to.",
            zh: "把该指令移到所属阶段的 `FROM` 之后。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact",
            "https://github.com/hadolint/hadolint/wiki/DL3061",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in df.instructions.iter().take_while(|i| i.keyword != Keyword::From) {
        if matches!(instruction.keyword, Keyword::Arg | Keyword::Unknown) {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "`{}` comes before the first `FROM`; only `ARG` may",
            "`{}` 出现在第一个 `FROM` 之前；那里只允许 `ARG`",
            instruction.keyword.as_str(),
        );
        report(sink, df, &RULE.meta, instruction.keyword_span, message);
    }
}
