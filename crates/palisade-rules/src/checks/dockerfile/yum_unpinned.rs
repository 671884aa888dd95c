//! DF125: `yum install` without package versions.
//!
//! *What it does.* Finds `yum install` packages without a `-<version>` (`httpd-2.4.6`); `yum
//! module install` is left alone. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* The build installs whatever the repository serves that day; builds stop
//! being reproducible and take in updates nobody reviewed.
//!
//! *Example.* `RUN yum install -y httpd` → `RUN yum install -y httpd-2.4.6`.
//!
//! *hadolint.* DL3033.

use super::packages::{commands, list, operands};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF125",
        aliases: &["DL3033"],
        severity: Severity::Low,
        title: Text {
            en: "`yum install` without pinned versions",
            zh: "`yum install` 没有固定软件包版本",
        },
        description: Text {
            en: "Without a version, yum installs whatever the repository serves that day. Builds stop being \
                 reproducible, and updates nobody reviewed reach the image.",
            zh: "不写版本时，yum 会安装软件源当天提供的任意版本。构建因此无法复现，未经审查的更新也会进入镜像。",
        },
        remediation: Text {
            en: "Pin each package: `yum install -y httpd-2.4.6`.",
            zh: "为每个软件包固定版本：`yum install -y httpd-2.4.6`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3033"],
        concern: None,
    },
    check,
};

/// `name-1.2`: a dash followed by a digit.
pub(super) fn dash_version(package: &str) -> bool {
    package
        .as_bytes()
        .windows(2)
        .skip(1)
        .any(|w| w[0] == b'-' && w[1].is_ascii_digit())
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() != "yum" {
            continue;
        }
        let ops = operands(cmd, &[]);
        if !ops.iter().any(|w| w.value == "install") || ops.iter().any(|w| w.value == "module") {
            continue;
        }
        let loose: Vec<&Word> = ops
            .into_iter()
            .filter(|w| w.value != "install" && !dash_version(&w.value))
            .collect();
        if loose.is_empty() {
            continue;
        }
        let names = list(&loose);
        let message = tr!(
            sink.lang(),
            "`yum install` without a version for {names}; pin them as `package-version`",
            "`yum install` 没有为 {names} 指定版本；请写成 `软件包-版本`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
