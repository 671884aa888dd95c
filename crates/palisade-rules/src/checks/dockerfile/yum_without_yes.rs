//! DF123: `yum install` without `-y`.
//!
//! *What it does.* Finds `yum install`, `groupinstall` or `localinstall` without `-y` or
//! `--assumeyes`. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* yum waits for a confirmation nobody can give during a build, and the step
//! fails.
//!
//! *Example.* `RUN yum install httpd` → `RUN yum install -y httpd-2.4.6`.
//!
//! *hadolint.* DL3030.

use super::packages::{commands, operands};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF123",
        aliases: &["DL3030"],
        severity: Severity::Low,
        title: Text {
            en: "`yum install` without `-y`",
            zh: "`yum install` 缺少 `-y`",
        },
        description: Text {
            en: "Without `-y`, yum waits for a confirmation nobody can give during a build, and the step fails.",
            zh: "不加 `-y` 时，yum 会等待构建过程中无人能给出的确认，该步骤随之失败。",
        },
        remediation: Text {
            en: "Add `-y`: `yum install -y <package>-<version>`.",
            zh: "加上 `-y`：`yum install -y <软件包>-<版本>`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3030"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let installs = cmd.name() == "yum"
            && operands(cmd, &[])
                .iter()
                .any(|w| matches!(w.value.as_str(), "install" | "groupinstall" | "localinstall"));
        if installs && !cmd.has_flag(&["assumeyes"], &['y']) {
            let message = tr!(
                sink.lang(),
                "`yum` will stop at its confirmation prompt; add `-y`",
                "`yum` 会停在确认提示处；请加上 `-y`",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
