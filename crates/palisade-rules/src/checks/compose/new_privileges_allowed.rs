//! DC014: a compose service lets its processes gain privileges: `security_opt` lacks
//! `no-new-privileges:true` (or sets it to `false`).
//!
//! Low severity: hardening that matters most for images with setuid binaries, which palisade
//! cannot see. `no-new-privileges` alone means `true`, as Docker reads it.

use super::prelude::*;
use crate::dockerrun::syntax::{SecurityOpt, security_opt};

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC014",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Service allows privilege escalation",
            zh: "服务允许提升权限",
        },
        description: Text {
            en: "Without `no-new-privileges`, a process in the container can gain privileges through setuid \
                 and setgid binaries (`su`, `sudo`, `passwd` …) or file capabilities: a non-root process that \
                 finds a vulnerable setuid binary in the image becomes root.",
            zh: "未设置 `no-new-privileges` 时，容器中的进程可以借助 setuid/setgid 程序（`su`、`sudo`、`passwd` 等）\
                 或文件能力提升权限：非 root 进程只要在镜像里找到一个有漏洞的 setuid 程序，就能变成 root。",
        },
        remediation: Text {
            en: "Add `no-new-privileges:true` to the service's `security_opt`.",
            zh: "在服务的 `security_opt` 中添加 `no-new-privileges:true`。",
        },
        references: &[
            "https://docs.docker.com/reference/cli/docker/container/run/#security-opt",
            "https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html",
        ],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    let name = service.name;
    let explicit_off = service
        .strings("security_opt")
        .into_iter()
        .find(|i| security_opt(i.text) == SecurityOpt::NoNewPrivileges(Some(false)));
    if let Some(item) = explicit_off {
        let written = item.text;
        let message = tr!(
            sink.lang(),
            "service `{name}` allows privilege escalation (`{written}`); set `no-new-privileges:true`",
            "服务 `{name}` 允许提升权限（`{written}`）；请改为 `no-new-privileges:true`",
        );
        sink.report(&RULE.meta, item.node, item.field, message);
        return;
    }
    let on = |o: &str| security_opt(o) == SecurityOpt::NoNewPrivileges(Some(true));
    if service.list_has("security_opt", on) != Some(false) {
        return;
    }
    let message = tr!(
        sink.lang(),
        "service `{name}` lets its processes gain privileges through setuid binaries; add \
         `no-new-privileges:true` to `security_opt`",
        "服务 `{name}` 的进程可以借助 setuid 程序提升权限；请在 `security_opt` 中添加 `no-new-privileges:true`",
    );
    let at = service.get("security_opt").unwrap_or(service.key);
    sink.report(&RULE.meta, at, service.field("security_opt"), message);
}
