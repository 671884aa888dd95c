//! DF118: two stages have the same name.
//!
//! *What it does.* Finds `FROM … AS name` where an earlier stage already has that name (compared
//! without case, as BuildKit does).
//!
//! *Why is this bad?* BuildKit refuses the Dockerfile; older builders silently used one of the
//! two, so `--from=name` and `--target name` pointed at the wrong stage.
//!
//! *Example.* Rename one of them: `AS build-api`, `AS build-web`.
//!
//! *hadolint.* DL3024; Trivy DS012. Difference, deliberate: hadolint compares names with case.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF118",
        aliases: &["DL3024", "DS012"],
        severity: Severity::Medium,
        title: Text {
            en: "Duplicate stage name",
            zh: "阶段名称重复",
        },
        description: Text {
            en: "BuildKit refuses a Dockerfile with two stages of one name; older builders silently picked one, \
                 so `--from` and `--target` pointed at the wrong stage.",
            zh: "BuildKit 会拒绝有两个同名阶段的 Dockerfile；旧的构建器则默默选用其中一个，导致 `--from` 和 `--target` 指向错误的阶段。",
        },
        remediation: Text {
            en: "Give each stage its own name: `AS build-api`, `AS build-web`.",
            zh: "为每个阶段取不同的名字：`AS build-api`、`AS build-web`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3024"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (i, stage) in df.stages.iter().enumerate() {
        let Some(name) = &stage.name else { continue };
        let first = df.stages[..i].iter().find(|s| {
            s.name
                .as_ref()
                .is_some_and(|n| n.value.eq_ignore_ascii_case(&name.value))
        });
        if let Some(first) = first {
            let line = df.instructions[first.first].line;
            let message = tr!(
                sink.lang(),
                "stage name `{}` is already used on line {line}",
                "阶段名 `{}` 已在第 {line} 行使用",
                name.value,
            );
            report(sink, df, &RULE.meta, name.span, message);
        }
    }
}
