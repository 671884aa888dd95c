//! DF106: `EXPOSE` of a port outside 0–65535.
//!
//! *What it does.* Finds `EXPOSE` ports or port ranges above 65535.
//!
//! *Why is this bad?* No such port exists; the instruction is a typo that documents nothing and
//! makes `docker run -P` fail.
//!
//! *Example.* `EXPOSE 80800` → `EXPOSE 8080`.
//!
//! *hadolint.* DL3011; Trivy DS008.

use super::exposed_ports::exposed;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF106",
        aliases: &["DL3011", "DS008"],
        severity: Severity::Medium,
        title: Text {
            en: "Exposed port outside 0–65535",
            zh: "暴露的端口超出 0–65535 范围",
        },
        description: Text {
            en: "TCP and UDP ports range from 0 to 65535. A larger number is a typo: it documents nothing \
                 and makes `docker run -P` fail.",
            zh: "TCP 和 UDP 端口的范围是 0 到 65535。更大的数字是笔误：既不能说明什么，还会让 `docker run -P` 失败。",
        },
        remediation: Text {
            en: "Fix the port number: `EXPOSE 8080`.",
            zh: "改正端口号：`EXPOSE 8080`。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#expose",
            "https://github.com/hadolint/hadolint/wiki/DL3011",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let mut last = None;
    for (instruction, word, first, end) in exposed(df) {
        if first.max(end) <= 65535 || last == Some(instruction.index) {
            continue;
        }
        last = Some(instruction.index);
        let port = &word.value;
        let message = tr!(
            sink.lang(),
            "`EXPOSE {port}`: ports go up to 65535",
            "`EXPOSE {port}`：端口号最大为 65535",
        );
        report(sink, df, &RULE.meta, word.span, message);
    }
}
