//! DF107: more than one `HEALTHCHECK` in a stage.
//!
//! *What it does.* Reports every `HEALTHCHECK` of a stage after the first.
//!
//! *Why is this bad?* Only the last `HEALTHCHECK` of the image takes effect; the others are dead
//! text that misleads readers about what the container does.
//!
//! *Fix.* Keep one `HEALTHCHECK` per stage, the one you mean.
//!
//! *hadolint.* DL3012; Trivy DS023. `ONBUILD HEALTHCHECK` triggers are not counted.

use super::prelude::*;
use super::repeated_instructions::report_repeats;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF107",
        aliases: &["DL3012", "DS023"],
        severity: Severity::Medium,
        title: Text {
            en: "Several `HEALTHCHECK` instructions in one stage",
            zh: "同一阶段有多个 `HEALTHCHECK` 指令",
        },
        description: Text {
            en: "Only the last `HEALTHCHECK` of an image takes effect. The earlier ones are dead text that \
                 misleads readers about what the container does.",
            zh: "镜像中只有最后一个 `HEALTHCHECK` 生效，前面的都是无效内容，会误导读者对容器行为的理解。",
        },
        remediation: Text {
            en: "Keep a single `HEALTHCHECK` in the stage and delete the others.",
            zh: "每个阶段只保留一个 `HEALTHCHECK`，删除其余的。",
        },
        references: &["https://docs.docker.com/reference/dockerfile/"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    report_repeats(df, sink, &RULE.meta, Keyword::Healthcheck);
}
