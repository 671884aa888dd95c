//! DF116: `COPY --from` names no earlier stage.
//!
//! *What it does.* Finds `COPY --from=name` where `name` is not a stage defined before (nor a
//! stage index, nor an image reference with a tag or digest).
//!
//! *Why is this bad?* BuildKit then pulls an *image* called `name` from Docker Hub: a typo in a
//! stage name silently copies files from whatever public image has that name.
//!
//! *Example.* `COPY --from=buidler /out /app` → `COPY --from=builder /out /app`.
//!
//! *hadolint.* DL3022. Difference, deliberate: stage names are compared without case, as BuildKit
//! does (`--from=Build` names the stage `AS build`).

use super::copy_sources::{From, copies, from_flag};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF116",
        aliases: &["DL3022"],
        severity: Severity::Medium,
        title: Text {
            en: "`COPY --from` names no earlier stage",
            zh: "`COPY --from` 引用的阶段不存在",
        },
        description: Text {
            en: "When `--from` names no stage defined before, BuildKit pulls an image of that name instead: a \
                 typo in a stage name silently copies files from whatever public image has that name.",
            zh: "当 `--from` 引用的名字不是之前定义的阶段时，BuildKit 会改为拉取同名镜像：阶段名的一个笔误，\
                 就可能悄悄地从某个同名公共镜像里复制文件。",
        },
        remediation: Text {
            en: "Name a stage defined earlier (`FROM … AS builder` then `COPY --from=builder …`), or an image \
                 with its tag (`COPY --from=nginx:1.27 …`).",
            zh: "引用之前定义的阶段（`FROM … AS builder` 后写 `COPY --from=builder …`），或带标签的镜像\
                 （`COPY --from=nginx:1.27 …`）。",
        },
        references: &[
            "https://docs.docker.com/build/building/multi-stage/",
            "https://github.com/hadolint/hadolint/wiki/DL3022",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (instruction, _) in copies(df) {
        let Some(flag) = instruction.flag("from") else {
            continue;
        };
        if let From::Unknown(name) = from_flag(df, instruction, flag) {
            let message = tr!(
                sink.lang(),
                "`--from={name}` names no earlier stage; BuildKit will pull an image called `{name}`",
                "`--from={name}` 不是之前定义的阶段；BuildKit 会去拉取名为 `{name}` 的镜像",
            );
            report(sink, df, &RULE.meta, flag.span, message);
        }
    }
}
