//! DF124: `yum install` without `yum clean all`.
//!
//! *What it does.* Finds a `RUN` with `yum install` that does not run `yum clean …` or remove
//! `/var/cache/yum` after it. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* yum's metadata and package cache stay in the layer: tens or hundreds of
//! megabytes no container needs.
//!
//! *Example.* `RUN yum install -y httpd-2.4.6 && yum clean all`.
//!
//! *hadolint.* DL3032; Trivy DS015.

use super::packages::{cleaned_after, is_clean, operands, removes, runs};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF124",
        aliases: &["DL3032", "DS015"],
        severity: Severity::Low,
        title: Text {
            en: "`yum install` without `yum clean all`",
            zh: "`yum install` 之后没有 `yum clean all`",
        },
        description: Text {
            en: "yum's metadata and package cache stay in the layer after an install: tens or hundreds of \
                 megabytes no running container needs.",
            zh: "安装后 yum 的元数据和软件包缓存会留在镜像层中，白白多出几十甚至上百 MB，运行中的容器用不到它们。",
        },
        remediation: Text {
            en: "End the same `RUN` with `yum clean all` (or `rm -rf /var/cache/yum`).",
            zh: "在同一条 `RUN` 的末尾加上 `yum clean all`（或 `rm -rf /var/cache/yum`）。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3032"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, script) in runs(df, true) {
        let mut installs = script
            .commands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.name() == "yum" && operands(c, &[]).iter().any(|w| w.value == "install"));
        let Some((index, cmd)) = installs.next_back() else {
            continue;
        };
        if cleaned_after(script, index, |c| {
            is_clean(c, &["yum"]) || removes(c, "/var/cache/yum")
        }) {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "`yum install` leaves its cache in the layer; end the `RUN` with `yum clean all`",
            "`yum install` 会把缓存留在镜像层中；请在该 `RUN` 末尾加上 `yum clean all`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
