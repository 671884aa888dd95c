//! DC013: a compose service turns off a kernel confinement in `security_opt`:
//! `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` (SELinux) or
//! `systempaths=unconfined` (the masked `/proc` and `/sys` paths). Both `:` and `=` forms count.

use super::prelude::*;
use crate::dockerrun::syntax::security_opt;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC013",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Service turns off seccomp, AppArmor or SELinux",
            zh: "服务关闭了 seccomp、AppArmor 或 SELinux",
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
            en: "Remove the option. If a system call or path is really needed, write a custom seccomp or \
                 AppArmor profile that allows just that one (`seccomp:./profile.json`).",
            zh: "删除该选项。如果确实需要某个系统调用或路径，请编写只额外放行它的自定义 seccomp 或 AppArmor 配置\
                 （如 `seccomp:./profile.json`）。",
        },
        references: &[
            "https://docs.docker.com/engine/security/seccomp/",
            "https://docs.docker.com/engine/security/apparmor/",
        ],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    for item in service.strings("security_opt") {
        let Some(what) = security_opt(item.text).disables() else {
            continue;
        };
        let (name, written) = (service.name, item.text);
        let message = tr!(
            sink.lang(),
            "service `{name}` turns off {what} confinement (`{written}`); remove the option",
            "服务 `{name}` 关闭了 {what} 防护（`{written}`）；请删除该选项",
        );
        sink.report(&RULE.meta, item.node, item.field, message);
    }
}
