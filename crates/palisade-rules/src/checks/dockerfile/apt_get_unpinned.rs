//! DF103: `apt-get install` without package versions.
//!
//! *What it does.* Finds `apt-get install` packages written without `=version` (a
//! `package/release`, a path, or a `.deb` file counts as chosen). `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* The build installs whatever version the mirror serves that day: two builds
//! of the same Dockerfile differ, and an update you never reviewed can break or weaken the image.
//!
//! *Example.* `RUN apt-get install -y curl` → `RUN apt-get install -y curl=8.5.0-2ubuntu10.6`.
//!
//! *hadolint.* DL3008. As in hadolint, only a command named exactly `apt-get` is read (not
//! `sudo apt-get`), and a variable (`$PACKAGES`) is an unpinned package.

use super::packages::{apt_get_install, apt_pinned, commands, list};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF103",
        aliases: &["DL3008"],
        severity: Severity::Low,
        title: Text {
            en: "`apt-get install` without pinned versions",
            zh: "`apt-get install` 没有固定软件包版本",
        },
        description: Text {
            en: "Without `package=version`, the build installs whatever version the mirror serves that \
                 day. Builds stop being reproducible, and updates nobody reviewed reach the image.",
            zh: "不写 `软件包=版本` 时，构建会安装镜像源当天提供的任意版本。构建因此无法复现，未经审查的更新也会进入镜像。",
        },
        remediation: Text {
            en: "Pin each package: `apt-get install -y curl=<version>` (list versions with \
                 `apt-cache policy curl`).",
            zh: "为每个软件包固定版本：`apt-get install -y curl=<版本>`（可用 `apt-cache policy curl` 查看可用版本）。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3008"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let Some(packages) = apt_get_install(cmd) else {
            continue;
        };
        let loose: Vec<&Word> = packages.into_iter().filter(|p| !apt_pinned(&p.value)).collect();
        if loose.is_empty() {
            continue;
        }
        let names = list(&loose);
        let message = tr!(
            sink.lang(),
            "`apt-get install` without a version for {names}; pin them as `package=version`",
            "`apt-get install` 没有为 {names} 指定版本；请写成 `软件包=版本`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
