//! DR013: `docker run --security-opt seccomp=unconfined` (or `apparmor=unconfined`,
//! `label=disable`, `systempaths=unconfined`; `:` and `=` forms alike), on every command.

use super::prelude::*;
use crate::dockerrun::syntax::security_opt;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR013",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Container turns off seccomp, AppArmor or SELinux (`--security-opt`)",
            zh: "容器关闭了 seccomp、AppArmor 或 SELinux（`--security-opt`）",
        },
        description: Text {
            en: "Docker's default seccomp profile blocks about forty system calls that containers do not need \
                 and kernel exploits do (`keyctl`, `bpf`, `unshare` …); its AppArmor and SELinux profiles keep \
                 the container away from host files and kernel interfaces; the masked `/proc` and `/sys` paths \
                 hide kernel controls. Turning one off removes a layer that has stopped real escapes.",
            zh: "Docker 默认的 seccomp 配置拦截了约四十个容器用不到、但内核漏洞利用常用的系统调用（`keyctl`、`bpf`、\
                 `unshare` 等）；默认的 AppArmor 和 SELinux 配置让容器碰不到宿主机文件和内核接口；被屏蔽的 `/proc`、\
                 `/sys` 路径隐藏了内核控制项。关闭其中任何一项，都是拆掉一层曾真实阻止过逃逸的防线。",
        },
        remediation: Text {
            en: "Remove the option. If a system call or path is really needed, use a custom profile that allows \
                 just that one (`--security-opt seccomp=./profile.json`).",
            zh: "删除该选项。如果确实需要某个系统调用或路径，请使用只额外放行它的自定义配置\
                 （如 `--security-opt seccomp=./profile.json`）。",
        },
        references: &[
            "https://docs.docker.com/engine/security/seccomp/",
            "https://docs.docker.com/engine/security/apparmor/",
        ],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (option, arg) in command.values("security-opt") {
        let Some(what) = security_opt(&arg.text).disables() else {
            continue;
        };
        let (image, written) = (command.image_name(), &arg.text);
        let message = tr!(
            sink.lang(),
            "container `{image}` turns off {what} confinement (`{written}`); remove the option",
            "容器 `{image}` 关闭了 {what} 防护（`{written}`）；请删除该选项",
        );
        report(sink, &RULE.meta, option.span, message);
    }
}
