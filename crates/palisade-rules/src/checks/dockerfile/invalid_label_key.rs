//! DF139: a `LABEL` key does not follow Docker's key format.
//!
//! *What it does.* Finds label keys with upper case or spaces, that do not start with a letter,
//! that end with `.` or `-`, that repeat `.` or `-`, or that use a namespace Docker reserves
//! (`com.docker.`, `io.docker.`, `org.dockerproject.`).
//!
//! *Why is this bad?* Tools that read labels (registries, scanners, `docker inspect` filters,
//! OCI annotations) expect lower-case reverse-DNS keys; others are ignored or clash with
//! Docker's own.
//!
//! *Example.* `LABEL Version=1` → `LABEL org.opencontainers.image.version=1`.
//!
//! *hadolint.* DL3048.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF139",
        aliases: &["DL3048"],
        severity: Severity::Info,
        title: Text {
            en: "Invalid label key",
            zh: "标签键名不合规范",
        },
        description: Text {
            en: "Label keys are lower-case, reverse-DNS names (`org.opencontainers.image.version`). Other \
                 keys are ignored by tools that read labels, or clash with the namespaces Docker reserves.",
            zh: "标签键应为小写的反向域名（如 `org.opencontainers.image.version`）。其他写法会被读取标签的工具忽略，\
                 或与 Docker 保留的命名空间冲突。",
        },
        remediation: Text {
            en: "Use lower-case letters, digits, `.` and `-`, start with a letter, and avoid `com.docker.`, \
                 `io.docker.` and `org.dockerproject.`.",
            zh: "只用小写字母、数字、`.` 和 `-`，以字母开头，不要使用 `com.docker.`、`io.docker.` 和 `org.dockerproject.`。",
        },
        references: &[
            "https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations",
            "https://github.com/hadolint/hadolint/wiki/DL3048",
        ],
        concern: None,
    },
    check,
};

fn valid(key: &str) -> bool {
    const RESERVED: [&str; 3] = ["com.docker.", "io.docker.", "org.dockerproject."];
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && !key.ends_with(['.', '-'])
        && !key.contains("..")
        && !key.contains("--")
        && !key.chars().any(|c| c.is_ascii_uppercase() || c.is_whitespace())
        && !RESERVED.iter().any(|r| key.starts_with(r))
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in &df.instructions {
        let Args::Label(pairs) = &instruction.args else {
            continue;
        };
        for pair in pairs.iter().filter(|p| !valid(&p.key.value)) {
            let message = tr!(
                sink.lang(),
                "label key `{}` is not a lower-case reverse-DNS name",
                "标签键 `{}` 不是小写的反向域名格式",
                pair.key.value,
            );
            report(sink, df, &RULE.meta, pair.key.span, message);
        }
    }
}
