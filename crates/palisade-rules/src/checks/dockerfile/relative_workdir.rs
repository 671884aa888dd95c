//! DF100: `WORKDIR` is a relative path.
//!
//! *What it does.* Finds `WORKDIR` values that are neither absolute (`/app`, `C:\app`) nor
//! start with a variable (`$HOME/app`, left to the build).
//!
//! *Why is this bad?* A relative `WORKDIR` is resolved against whatever the previous `WORKDIR`
//! was, in this stage or in the base image; when either changes, files land somewhere else.
//!
//! *Example.* `WORKDIR app` → `WORKDIR /app`.
//!
//! *hadolint.* DL3000; Trivy DS009. hadolint 2.15.1 crashes on a one-character relative path
//! (`WORKDIR a`); palisade reports it.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF100",
        aliases: &["DL3000", "DS009"],
        severity: Severity::Medium,
        title: Text {
            en: "`WORKDIR` is not absolute",
            zh: "`WORKDIR` 不是绝对路径",
        },
        description: Text {
            en: "A relative `WORKDIR` is resolved against the previous one, in this stage or in the base \
                 image. When either changes, files land in another directory.",
            zh: "相对路径的 `WORKDIR` 以之前的 `WORKDIR`（本阶段或基础镜像中的）为基准解析；其中任何一个变化，\
                 文件就会落到别的目录。",
        },
        remediation: Text {
            en: "Write the full path: `WORKDIR /app`.",
            zh: "写出完整路径：`WORKDIR /app`。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#workdir",
            "https://github.com/hadolint/hadolint/wiki/DL3000",
        ],
        concern: None,
    },
    check,
};

/// `/x`, `$VAR…`, or a Windows drive (`C:`, `C:\x`, `C:/x`).
fn absolute(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('$')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in &df.instructions {
        let Args::Workdir(dir) = &instruction.args else {
            continue;
        };
        if absolute(&dir.value) {
            continue;
        }
        let path = &dir.value;
        let message = tr!(
            sink.lang(),
            "`WORKDIR {path}` is relative to the previous working directory; write an absolute path",
            "`WORKDIR {path}` 相对于之前的工作目录；请写绝对路径",
        );
        report(sink, df, &RULE.meta, dir.span, message);
    }
}
