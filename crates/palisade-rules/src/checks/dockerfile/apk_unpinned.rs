//! DF112: `apk add` without package versions.
//!
//! *What it does.* Finds `apk add` packages written without a version constraint (`=`, `~`, `<`
//! or `>`); `.apk` files count as chosen. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* The build installs whatever the Alpine mirror serves that day; builds stop
//! being reproducible and take in updates nobody reviewed.
//!
//! *Example.* `RUN apk add --no-cache curl` → `RUN apk add --no-cache curl=8.11.1-r0`.
//!
//! *hadolint.* DL3018. As in hadolint, only `-t`/`--virtual` and `-X`/`--repository` take a
//! value; `apk add foo>1` is `foo` with its output sent to a file named `1`.

use super::packages::{apk_add, commands, list};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF112",
        aliases: &["DL3018"],
        severity: Severity::Low,
        title: Text {
            en: "`apk add` without pinned versions",
            zh: "`apk add` 没有固定软件包版本",
        },
        description: Text {
            en: "Without a version, `apk add` installs whatever the mirror serves that day. Builds stop \
                 being reproducible, and updates nobody reviewed reach the image.",
            zh: "不写版本时，`apk add` 会安装镜像源当天提供的任意版本。构建因此无法复现，未经审查的更新也会进入镜像。",
        },
        remediation: Text {
            en: "Pin each package: `apk add --no-cache curl=<version>`, or `curl~8.11` to allow patch \
                 releases.",
            zh: "为每个软件包固定版本：`apk add --no-cache curl=<版本>`，或用 `curl~8.11` 允许补丁版本更新。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3018"],
        concern: None,
    },
    check,
};

// `.apk` files are named in lower case; hadolint compares with case.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let Some(packages) = apk_add(cmd) else { continue };
        let loose: Vec<&Word> = packages
            .into_iter()
            .filter(|p| !p.value.contains(['=', '~', '<', '>']) && !p.value.ends_with(".apk"))
            .collect();
        if loose.is_empty() {
            continue;
        }
        let names = list(&loose);
        let message = tr!(
            sink.lang(),
            "`apk add` without a version for {names}; pin them as `package=version`",
            "`apk add` 没有为 {names} 指定版本；请写成 `软件包=版本`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
