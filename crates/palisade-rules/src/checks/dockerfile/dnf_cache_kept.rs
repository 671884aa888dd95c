//! DF131: `dnf install` without `dnf clean all`.
//!
//! *What it does.* Finds a `RUN` with `dnf` or `microdnf` `install`, `upgrade` or `reinstall` that does not run
//! `dnf clean …` (or `microdnf clean …`) or remove `/var/cache/dnf` (or `/var/cache/yum`) after
//! it. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* dnf's metadata and package cache stay in the layer: often over a hundred
//! megabytes no container needs.
//!
//! *Example.* `RUN dnf install -y httpd-2.4.62 && dnf clean all`.
//!
//! *hadolint.* DL3040; Trivy DS019 (dnf) and DS027 (microdnf).

use super::packages::{cleaned_after, is_clean, is_dnf, operands, removes, runs};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF131",
        aliases: &["DL3040", "DS019", "DS027"],
        severity: Severity::Low,
        title: Text {
            en: "`dnf install` without `dnf clean all`",
            zh: "`dnf install` 之后没有 `dnf clean all`",
        },
        description: Text {
            en: "dnf's metadata and package cache stay in the layer after an install: often over a hundred \
                 megabytes no running container needs.",
            zh: "安装后 dnf 的元数据和软件包缓存会留在镜像层中，常常超过一百 MB，运行中的容器用不到它们。",
        },
        remediation: Text {
            en: "End the same `RUN` with `dnf clean all` (`microdnf clean all` with microdnf).",
            zh: "在同一条 `RUN` 的末尾加上 `dnf clean all`（使用 microdnf 时为 `microdnf clean all`）。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3040"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, script) in runs(df, true) {
        let mut installs = script.commands.iter().enumerate().filter(|(_, c)| {
            is_dnf(c)
                && operands(c, &[])
                    .iter()
                    .any(|w| matches!(w.value.as_str(), "install" | "upgrade" | "reinstall"))
        });
        let Some((index, cmd)) = installs.next_back() else {
            continue;
        };
        let cleaned = cleaned_after(script, index, |c| {
            is_clean(c, &["dnf", "microdnf"]) || removes(c, "/var/cache/dnf") || removes(c, "/var/cache/yum")
        });
        if cleaned {
            continue;
        }
        let name = cmd.name();
        let message = tr!(
            sink.lang(),
            "`{name}` leaves its cache in the layer; end the `RUN` with `{name} clean all`",
            "`{name}` 会把缓存留在镜像层中；请在该 `RUN` 末尾加上 `{name} clean all`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
