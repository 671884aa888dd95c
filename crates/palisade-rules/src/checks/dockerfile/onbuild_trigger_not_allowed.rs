//! DF134: `ONBUILD` triggers `ONBUILD`, `FROM` or `MAINTAINER`.
//!
//! *What it does.* Finds `ONBUILD ONBUILD …`, `ONBUILD FROM …` and `ONBUILD MAINTAINER …`.
//!
//! *Why is this bad?* Docker does not allow these triggers; images built from this one fail.
//!
//! *Example.* Remove the trigger, or make the child image declare it.
//!
//! *hadolint.* DL3043.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF134",
        aliases: &["DL3043"],
        severity: Severity::Medium,
        title: Text {
            en: "`ONBUILD` triggers an instruction it may not",
            zh: "`ONBUILD` 触发了不允许的指令",
        },
        description: Text {
            en: "`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are not allowed: every image built \
                 from this one fails.",
            zh: "`ONBUILD ONBUILD`、`ONBUILD FROM` 和 `ONBUILD MAINTAINER` 都是不允许的：以此为基础的镜像都会构建失败。",
        },
        remediation: Text {
            en: "Remove the trigger; let the child image write that instruction itself.",
            zh: "删除该触发器，让子镜像自己写这条指令。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#onbuild",
            "https://github.com/hadolint/hadolint/wiki/DL3043",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in &df.instructions {
        let Some(trigger) = instruction.trigger() else {
            continue;
        };
        if matches!(
            trigger.keyword,
            Keyword::Onbuild | Keyword::From | Keyword::Maintainer
        ) {
            let message = tr!(
                sink.lang(),
                "`ONBUILD {}` is not allowed",
                "不允许 `ONBUILD {}`",
                trigger.keyword.as_str(),
            );
            report(sink, df, &RULE.meta, trigger.keyword_span, message);
        }
    }
}
