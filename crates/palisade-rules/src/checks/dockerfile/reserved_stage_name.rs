//! DF144: a stage is named `scratch` or `context`.
//!
//! *What it does.* Finds `FROM … AS scratch` and `FROM … AS context`.
//!
//! *Why is this bad?* `scratch` is the empty image and `context` the build context in `--from`
//! and `--build-context`; a stage of that name is ambiguous, and BuildKit rejects or
//! misreads it.
//!
//! *Example.* `AS scratch` → `AS base`.
//!
//! *hadolint.* DL3063.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF144",
        aliases: &["DL3063"],
        severity: Severity::Low,
        title: Text {
            en: "Stage named with a reserved word",
            zh: "阶段名使用了保留字",
        },
        description: Text {
            en: "`scratch` names the empty image and `context` the build context; a stage called either is \
                 ambiguous, and BuildKit rejects or misreads it.",
            zh: "`scratch` 表示空镜像，`context` 表示构建上下文；以它们命名的阶段含义不明，BuildKit 会拒绝或误解。",
        },
        remediation: Text {
            en: "Rename the stage: `AS base`.",
            zh: "重命名该阶段：`AS base`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3063"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for stage in &df.stages {
        let Some(name) = &stage.name else { continue };
        if matches!(name.value.as_str(), "scratch" | "context") {
            let message = tr!(
                sink.lang(),
                "stage name `{}` is reserved; choose another",
                "阶段名 `{}` 是保留字；请换一个",
                name.value,
            );
            report(sink, df, &RULE.meta, name.span, message);
        }
    }
}
