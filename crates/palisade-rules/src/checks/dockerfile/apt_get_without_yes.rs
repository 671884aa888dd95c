//! DF109: `apt-get install` without `-y`.
//!
//! *What it does.* Finds `apt-get install` with none of `-y`, `--yes`, `--assume-yes`, or a
//! quiet level of two (`-qq`, `-q -q`, `-q=2`), which implies yes. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* Without it apt asks for confirmation; a build has no one to answer, so the
//! step aborts (or, with some frontends, hangs).
//!
//! *Example.* `RUN apt-get install curl` → `RUN apt-get install -y curl`.
//!
//! *hadolint.* DL3014; Trivy DS021. `--force-yes` is not a yes, as in hadolint (it is a
//! deprecated override of apt's safety checks, not an answer to its prompt).

use super::packages::{apt_get_install, commands};
use super::prelude::*;
use crate::dockerfile::Command;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF109",
        aliases: &["DL3014", "DS021"],
        severity: Severity::Low,
        title: Text {
            en: "`apt-get install` without `-y`",
            zh: "`apt-get install` 缺少 `-y`",
        },
        description: Text {
            en: "Without `-y`, apt asks for confirmation before installing. A build has nobody to answer, \
                 so the step aborts.",
            zh: "不加 `-y` 时 apt 会在安装前等待确认，而构建过程中没有人能回答，该步骤会因此中止。",
        },
        remediation: Text {
            en: "Add `-y` (or `--yes`): `apt-get install -y curl`.",
            zh: "加上 `-y`（或 `--yes`）：`apt-get install -y curl`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3014"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if apt_get_install(cmd).is_some() && !assumes_yes(cmd) {
            let message = tr!(
                sink.lang(),
                "`apt-get install` will stop at its confirmation prompt; add `-y`",
                "`apt-get install` 会停在确认提示处；请加上 `-y`",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}

/// `-y`, `--yes`, `--assume-yes`, or quiet level 2 (which apt reads as yes).
fn assumes_yes(cmd: &Command) -> bool {
    if cmd.has_flag(&["yes", "assume-yes"], &['y']) {
        return true;
    }
    let mut quiet = 0;
    for w in cmd.args() {
        let v = w.value.as_str();
        if let Some(long) = v.strip_prefix("--") {
            match long.split_once('=') {
                Some(("quiet", level)) => quiet += level.parse::<u32>().unwrap_or(1),
                None if long == "quiet" => quiet += 1,
                _ => {}
            }
        } else if let Some(short) = v.strip_prefix('-') {
            match short.split_once('=') {
                Some(("q", level)) => quiet += level.parse::<u32>().unwrap_or(1),
                Some(_) => {}
                None => quiet += u32::try_from(short.matches('q').count()).unwrap_or(0),
            }
        }
    }
    quiet >= 2
}
