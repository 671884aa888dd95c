//! DF117: `COPY --from` names its own stage.
//!
//! *What it does.* Finds `COPY --from=name` inside the stage called `name`.
//!
//! *Why is this bad?* A stage cannot copy from itself; BuildKit fails with a circular dependency.
//!
//! *Example.* In `FROM golang:1.23 AS build`, `COPY --from=build …` → copy from another stage,
//! or plainly from the context.
//!
//! *hadolint.* DL3023; Trivy DS006.

use super::copy_sources::{From, copies, from_flag};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF117",
        aliases: &["DL3023", "DS006"],
        severity: Severity::Medium,
        title: Text {
            en: "`COPY --from` names its own stage",
            zh: "`COPY --from` 引用了所在阶段自身",
        },
        description: Text {
            en: "A stage cannot copy from itself: BuildKit stops with a circular dependency.",
            zh: "阶段不能从自身复制文件，BuildKit 会因循环依赖而报错。",
        },
        remediation: Text {
            en: "Copy from the stage that produces the files, or from the build context without `--from`.",
            zh: "从生成这些文件的阶段复制，或去掉 `--from` 直接从构建上下文复制。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3023"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (instruction, _) in copies(df) {
        let Some(flag) = instruction.flag("from") else {
            continue;
        };
        let Some(own) = instruction.stage else { continue };
        let named = df.stages[own].name.as_ref().is_some_and(|n| {
            flag.value
                .as_deref()
                .is_some_and(|v| v.eq_ignore_ascii_case(&n.value))
        });
        if named || matches!(from_flag(df, instruction, flag), From::Stage(i) if i == own) {
            let message = tr!(
                sink.lang(),
                "`{}` copies from the stage it is in",
                "`{}` 从它所在的阶段复制",
                df.text(flag.span),
            );
            report(sink, df, &RULE.meta, flag.span, message);
        }
    }
}
