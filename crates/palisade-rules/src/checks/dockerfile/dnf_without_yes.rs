//! DF130: `dnf install` without `-y`.
//!
//! *What it does.* Finds `dnf` or `microdnf` `install` (also `groupinstall`, `localinstall`)
//! without `-y` or `--assumeyes`. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* dnf waits for a confirmation nobody can give during a build, and the step
//! fails.
//!
//! *Example.* `RUN dnf install httpd` → `RUN dnf install -y httpd-2.4.62`.
//!
//! *hadolint.* DL3038.

use super::packages::{commands, is_dnf, operands};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF130",
        aliases: &["DL3038"],
        severity: Severity::Low,
        title: Text {
            en: "`dnf install` without `-y`",
            zh: "`dnf install` 缺少 `-y`",
        },
        description: Text {
            en: "Without `-y`, dnf waits for a confirmation nobody can give during a build, and the step fails.",
            zh: "不加 `-y` 时，dnf 会等待构建过程中无人能给出的确认，该步骤随之失败。",
        },
        remediation: Text {
            en: "Add `-y`: `dnf install -y <package>-<version>`.",
            zh: "加上 `-y`：`dnf install -y <软件包>-<版本>`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3038"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let installs = is_dnf(cmd)
            && operands(cmd, &[])
                .iter()
                .any(|w| matches!(w.value.as_str(), "install" | "groupinstall" | "localinstall"));
        if installs && !cmd.has_flag(&["assumeyes"], &['y']) {
            let name = cmd.name();
            let message = tr!(
                sink.lang(),
                "`{name}` will stop at its confirmation prompt; add `-y`",
                "`{name}` 会停在确认提示处；请加上 `-y`",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
