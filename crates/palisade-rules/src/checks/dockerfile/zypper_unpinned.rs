//! DF129: `zypper install` without package versions.
//!
//! *What it does.* Finds `zypper install` (or `in`) packages without a version constraint
//! (`curl=8.6.0`, `"curl>=8"`). `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* The build installs whatever the repository serves that day; builds stop
//! being reproducible and take in updates nobody reviewed.
//!
//! *Example.* `RUN zypper -n install curl` → `RUN zypper -n install curl=8.6.0`.
//!
//! *hadolint.* DL3037.

use super::packages::{commands, list, zypper_install};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF129",
        aliases: &["DL3037"],
        severity: Severity::Low,
        title: Text {
            en: "`zypper install` without pinned versions",
            zh: "`zypper install` 没有固定软件包版本",
        },
        description: Text {
            en: "Without a version, zypper installs whatever the repository serves that day. Builds stop \
                 being reproducible, and updates nobody reviewed reach the image.",
            zh: "不写版本时，zypper 会安装软件源当天提供的任意版本。构建因此无法复现，未经审查的更新也会进入镜像。",
        },
        remediation: Text {
            en: "Pin each package: `zypper -n install curl=8.6.0`.",
            zh: "为每个软件包固定版本：`zypper -n install curl=8.6.0`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3037"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let Some(packages) = zypper_install(cmd) else {
            continue;
        };
        let loose: Vec<&Word> = packages
            .into_iter()
            .filter(|p| !p.value.contains(['=', '<', '>']))
            .collect();
        if loose.is_empty() {
            continue;
        }
        let names = list(&loose);
        let message = tr!(
            sink.lang(),
            "`zypper install` without a version for {names}; pin them as `package=version`",
            "`zypper install` 没有为 {names} 指定版本；请写成 `软件包=版本`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
