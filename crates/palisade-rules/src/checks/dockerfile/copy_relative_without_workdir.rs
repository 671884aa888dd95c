//! DF136: `COPY` to a relative destination before any `WORKDIR`.
//!
//! *What it does.* Finds `COPY` whose destination is relative while neither its stage nor a
//! stage it is built `FROM` has set a `WORKDIR` yet.
//!
//! *Why is this bad?* The destination is then relative to the base image's working directory,
//! which you do not control and which may change with a new base image version.
//!
//! *Example.* `COPY app.jar app.jar` → `WORKDIR /app` then `COPY app.jar app.jar`, or
//! `COPY app.jar /app/app.jar`.
//!
//! *hadolint.* DL3045. Difference: a `WORKDIR` counts only in its own stage and the stages built
//! `FROM` it; hadolint mixes up unnamed stages, taking one's `WORKDIR` for the next.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF136",
        aliases: &["DL3045"],
        severity: Severity::Low,
        title: Text {
            en: "`COPY` to a relative path without `WORKDIR`",
            zh: "未设置 `WORKDIR` 时 `COPY` 到相对路径",
        },
        description: Text {
            en: "Without a `WORKDIR`, a relative destination is relative to the base image's working \
                 directory, which you do not control and which can change with the next base image.",
            zh: "没有 `WORKDIR` 时，相对目标路径以基础镜像的工作目录为准；它不受你控制，换个基础镜像版本就可能改变。",
        },
        remediation: Text {
            en: "Set `WORKDIR /app` before the `COPY`, or write an absolute destination.",
            zh: "在 `COPY` 之前设置 `WORKDIR /app`，或者写绝对路径作为目标。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3045"],
        concern: None,
    },
    check,
};

fn relative(path: &str) -> bool {
    let b = path.as_bytes();
    !(path.starts_with('/')
        || path.starts_with('$')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'))
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    // Whether each stage has set a WORKDIR so far (a stage built FROM another starts with its).
    let mut workdir = vec![false; df.stages.len()];
    for instruction in &df.instructions {
        let Some(stage) = instruction.stage else { continue };
        match &instruction.args {
            Args::From(_) => {
                workdir[stage] = matches!(df.stages[stage].base, Base::Stage(parent) if workdir[parent]);
                continue;
            }
            Args::Workdir(_) => {
                workdir[stage] = true;
                continue;
            }
            _ => {}
        }
        let Args::Copy(copy) = &instruction.args else {
            continue;
        };
        let Some(dest) = &copy.dest else { continue };
        if relative(&dest.value) && !workdir[stage] {
            let message = tr!(
                sink.lang(),
                "`{}` is relative to the base image's working directory; set `WORKDIR` first",
                "`{}` 相对于基础镜像的工作目录；请先设置 `WORKDIR`",
                dest.value,
            );
            report(sink, df, &RULE.meta, dest.span, message);
        }
    }
}
