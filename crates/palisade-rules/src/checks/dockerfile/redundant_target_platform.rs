//! DF145: `FROM --platform=$TARGETPLATFORM` is redundant.
//!
//! *What it does.* Finds `FROM --platform=$TARGETPLATFORM`.
//!
//! *Why is this bad?* The target platform is already the default of every `FROM`; the flag only
//! adds noise and suggests something special happens.
//!
//! *Example.* `FROM --platform=$TARGETPLATFORM alpine:3.20` → `FROM alpine:3.20`.
//!
//! *hadolint.* DL3065.

use super::from_platform::{is_target_platform, platforms};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF145",
        aliases: &["DL3065"],
        severity: Severity::Low,
        title: Text {
            en: "`FROM --platform=$TARGETPLATFORM` is redundant",
            zh: "`FROM --platform=$TARGETPLATFORM` 是多余的",
        },
        description: Text {
            en: "Every `FROM` already builds for the target platform; the flag adds noise and suggests \
                 something special happens.",
            zh: "每个 `FROM` 默认就是为目标平台构建的；这个参数只会添乱，还让人误以为有特殊处理。",
        },
        remediation: Text {
            en: "Remove `--platform=$TARGETPLATFORM`.",
            zh: "删除 `--platform=$TARGETPLATFORM`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3065"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, flag) in platforms(df) {
        if is_target_platform(flag.value.as_deref().unwrap_or_default()) {
            let message = tr!(
                sink.lang(),
                "`--platform=$TARGETPLATFORM` is the default; remove it",
                "`--platform=$TARGETPLATFORM` 本就是默认值；请删除",
            );
            report(sink, df, &RULE.meta, flag.span, message);
        }
    }
}
