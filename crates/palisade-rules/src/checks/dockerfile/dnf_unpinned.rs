//! DF132: `dnf install` without package versions.
//!
//! *What it does.* Finds `dnf` or `microdnf` `install` packages without a `-<version>`
//! (`httpd-2.4.62`); group installs are left alone. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* The build installs whatever the repository serves that day; builds stop
//! being reproducible and take in updates nobody reviewed.
//!
//! *Example.* `RUN dnf install -y httpd` → `RUN dnf install -y httpd-2.4.62`.
//!
//! *hadolint.* DL3041.

use super::packages::{commands, is_dnf, list, operands};
use super::prelude::*;
use super::yum_unpinned::dash_version;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF132",
        aliases: &["DL3041"],
        severity: Severity::Low,
        title: Text {
            en: "`dnf install` without pinned versions",
            zh: "`dnf install` 没有固定软件包版本",
        },
        description: Text {
            en: "Without a version, dnf installs whatever the repository serves that day. Builds stop being \
                 reproducible, and updates nobody reviewed reach the image.",
            zh: "不写版本时，dnf 会安装软件源当天提供的任意版本。构建因此无法复现，未经审查的更新也会进入镜像。",
        },
        remediation: Text {
            en: "Pin each package: `dnf install -y httpd-2.4.62`.",
            zh: "为每个软件包固定版本：`dnf install -y httpd-2.4.62`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3041"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if !is_dnf(cmd) {
            continue;
        }
        let ops = operands(cmd, &[]);
        if !ops.iter().any(|w| w.value == "install") || ops.iter().any(|w| w.value == "group") {
            continue;
        }
        let loose: Vec<&Word> = ops
            .into_iter()
            .filter(|w| !matches!(w.value.as_str(), "install" | "module") && !dash_version(&w.value))
            .collect();
        if loose.is_empty() {
            continue;
        }
        let (name, names) = (cmd.name(), list(&loose));
        let message = tr!(
            sink.lang(),
            "`{name} install` without a version for {names}; pin them as `package-version`",
            "`{name} install` 没有为 {names} 指定版本；请写成 `软件包-版本`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
