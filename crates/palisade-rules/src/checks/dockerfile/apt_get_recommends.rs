//! DF110: `apt-get install` without `--no-install-recommends`.
//!
//! *What it does.* Finds `apt-get install` with neither `--no-install-recommends` nor
//! `-o APT::Install-Recommends=false`. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* Recommended packages are not needed for the ones you asked for; they add
//! size and, more importantly, programs and libraries that widen the attack surface and the
//! list of vulnerabilities to patch.
//!
//! *Example.* `RUN apt-get install -y curl` →
//! `RUN apt-get install -y --no-install-recommends curl`.
//!
//! *hadolint.* DL3015; Trivy DS029.

use super::packages::{apt_get_install, commands};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF110",
        aliases: &["DL3015", "DS029"],
        severity: Severity::Info,
        title: Text {
            en: "`apt-get install` pulls in recommended packages",
            zh: "`apt-get install` 会附带安装推荐软件包",
        },
        description: Text {
            en: "apt installs the packages a package merely recommends unless told not to. They are not \
                 needed, and every extra program or library widens the attack surface and the list of \
                 vulnerabilities to patch.",
            zh: "如果不加说明，apt 会连同\"推荐\"的软件包一起安装。这些软件包并非必需，每多一个程序或库，\
                 攻击面和需要修补的漏洞清单就多一分。",
        },
        remediation: Text {
            en: "Add `--no-install-recommends`: `apt-get install -y --no-install-recommends curl`.",
            zh: "加上 `--no-install-recommends`：`apt-get install -y --no-install-recommends curl`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3015"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if apt_get_install(cmd).is_none()
            || cmd.has_flag(&["no-install-recommends"], &[])
            || cmd.has_arg("APT::Install-Recommends=false")
        {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "`apt-get install` also installs recommended packages; add `--no-install-recommends`",
            "`apt-get install` 会一并安装推荐软件包；请加上 `--no-install-recommends`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
