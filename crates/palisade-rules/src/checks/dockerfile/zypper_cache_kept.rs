//! DF128: `zypper install` without `zypper clean`.
//!
//! *What it does.* Finds a `RUN` with `zypper install` (or `in`) that does not run `zypper clean`
//! (or `cc`) after it. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* zypper's repository metadata and package cache stay in the layer.
//!
//! *Example.* `RUN zypper -n install curl=8.6.0 && zypper clean --all`.
//!
//! *hadolint.* DL3036; Trivy DS020. As in hadolint, removing `/var/cache/zypp` by hand does not
//! count.

use super::packages::{cleaned_after, operands, runs, zypper_install};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF128",
        aliases: &["DL3036", "DS020"],
        severity: Severity::Low,
        title: Text {
            en: "`zypper install` without `zypper clean`",
            zh: "`zypper install` 之后没有 `zypper clean`",
        },
        description: Text {
            en: "zypper's repository metadata and package cache stay in the layer after an install: size no \
                 running container needs.",
            zh: "安装后 zypper 的软件源元数据和软件包缓存会留在镜像层中，徒增运行中的容器用不到的体积。",
        },
        remediation: Text {
            en: "End the same `RUN` with `zypper clean --all`.",
            zh: "在同一条 `RUN` 的末尾加上 `zypper clean --all`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3036"],
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
            .filter(|(_, c)| zypper_install(c).is_some());
        let Some((index, cmd)) = installs.next_back() else {
            continue;
        };
        let cleaned = cleaned_after(script, index, |c| {
            c.name() == "zypper"
                && operands(c, &[])
                    .first()
                    .is_some_and(|w| matches!(w.value.as_str(), "clean" | "cc"))
        });
        if !cleaned {
            let message = tr!(
                sink.lang(),
                "`zypper install` leaves its cache in the layer; end the `RUN` with `zypper clean --all`",
                "`zypper install` 会把缓存留在镜像层中；请在该 `RUN` 末尾加上 `zypper clean --all`",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
