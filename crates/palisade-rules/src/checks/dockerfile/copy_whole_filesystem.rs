//! DF147: `COPY --from` copies a stage's whole filesystem.
//!
//! *What it does.* Finds `COPY --from=… / /`.
//!
//! *Why is this bad?* It carries every file of the other stage — compilers, caches, package
//! databases, secrets used during the build — into this one, undoing the point of a multi-stage
//! build.
//!
//! *Example.* `COPY --from=build / /` → `COPY --from=build /out/app /usr/local/bin/app`.
//!
//! *hadolint.* DL3067.

use super::copy_sources::copies;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF147",
        aliases: &["DL3067"],
        severity: Severity::Low,
        title: Text {
            en: "`COPY --from` copies a whole filesystem",
            zh: "`COPY --from` 复制了整个文件系统",
        },
        description: Text {
            en: "Copying `/` of another stage carries everything it holds — compilers, caches, package \
                 databases, credentials used during the build — and undoes the point of a multi-stage build.",
            zh: "复制另一个阶段的 `/` 会把其中的一切都带过来——编译器、缓存、软件包数据库、构建时用过的凭据——\
                 多阶段构建也就失去了意义。",
        },
        remediation: Text {
            en: "Copy only the artefacts you need: `COPY --from=build /out/app /usr/local/bin/app`.",
            zh: "只复制需要的产物：`COPY --from=build /out/app /usr/local/bin/app`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3067"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (instruction, copy) in copies(df) {
        if instruction.flag("from").is_none() || copy.dest.as_ref().is_none_or(|d| d.value != "/") {
            continue;
        }
        if let Some(source) = copy.sources.iter().find(|s| s.value == "/") {
            let message = tr!(
                sink.lang(),
                "`COPY --from` of `/` brings the other stage's whole filesystem; copy only the artefacts",
                "`COPY --from` 复制 `/` 会带来另一阶段的整个文件系统；请只复制需要的产物",
            );
            report(sink, df, &RULE.meta, source.span, message);
        }
    }
}
