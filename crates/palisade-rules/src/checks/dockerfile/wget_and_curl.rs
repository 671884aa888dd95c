//! DF149: a stage uses both `wget` and `curl`.
//!
//! *What it does.* Once a stage has used both `wget` and `curl`, reports every `RUN` that uses
//! either. An `ONBUILD RUN` is reported when it uses both itself.
//!
//! *Why is this bad?* Two download tools do one job: each is a package, with its own
//! vulnerabilities to patch, and scripts get harder to audit.
//!
//! *Example.* Keep one: `RUN curl -fsSLO …` everywhere (or `wget` everywhere).
//!
//! *hadolint.* DL4001; Trivy DS014.

use super::prelude::*;
use crate::dockerfile::Script;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF149",
        aliases: &["DL4001", "DS014"],
        severity: Severity::Low,
        title: Text {
            en: "Both `wget` and `curl` used",
            zh: "同时使用了 `wget` 和 `curl`",
        },
        description: Text {
            en: "Two download tools do one job: each is a package with its own vulnerabilities to patch, and \
                 the scripts get harder to audit.",
            zh: "两个下载工具做的是同一件事：每个都是需要修补漏洞的软件包，脚本也更难审计。",
        },
        remediation: Text {
            en: "Use one of them throughout the stage, usually `curl -fsSL`.",
            zh: "整个阶段只用其中一个，通常是 `curl -fsSL`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL4001"],
        concern: None,
    },
    check,
};

/// `(uses wget, uses curl)`.
fn tools(script: &Script) -> (bool, bool) {
    let has = |name: &str| script.commands.iter().any(|c| c.name() == name);
    (has("wget"), has("curl"))
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let mut stage = None;
    let (mut wget, mut curl) = (false, false);
    for instruction in &df.instructions {
        if instruction.stage != stage {
            stage = instruction.stage;
            (wget, curl) = (false, false);
        }
        let (uses_wget, uses_curl, flag) = if let Some(script) = instruction.script() {
            let (w, c) = tools(script);
            wget |= w;
            curl |= c;
            (w, c, wget && curl && (w || c))
        } else if let Some(script) = instruction.trigger().and_then(Instruction::script) {
            let (w, c) = tools(script);
            (w, c, w && c)
        } else {
            continue;
        };
        if flag {
            let (used, other) = if uses_wget && !uses_curl {
                ("wget", "curl")
            } else {
                ("curl", "wget")
            };
            let message = tr!(
                sink.lang(),
                "this stage downloads with both `wget` and `curl`; keep one (here `{used}`, elsewhere `{other}`)",
                "本阶段同时用 `wget` 和 `curl` 下载；请只保留一个（这里用 `{used}`，别处用 `{other}`）",
            );
            report(sink, df, &RULE.meta, instruction.head_span(), message);
        }
    }
}
