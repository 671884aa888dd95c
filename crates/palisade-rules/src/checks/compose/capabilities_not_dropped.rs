//! DC003: a compose service does not drop all capabilities (`cap_drop: [ALL]`), so it keeps
//! Docker's default set, and adds any `cap_add` entries on top of it.
//!
//! Low severity: Docker's default set is already small, and this is hardening rather than a hole.
//! A service that extends one in another file is left alone, as the base may drop them.

use super::prelude::*;
use crate::checks::runtime;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC003",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Service does not drop all capabilities",
            zh: "服务没有丢弃全部 Linux 能力",
        },
        description: Text {
            en: "Without `cap_drop: [ALL]` a container keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, \
                 FOWNER, SETUID, SETGID, NET_RAW, MKNOD …), and `cap_add` adds to that set instead of naming \
                 the only ones the service has. Most services need none of them; NET_RAW alone lets a \
                 compromised container forge packets on the host's networks.",
            zh: "没有 `cap_drop: [ALL]` 时，容器会保留 Docker 的默认能力（CHOWN、DAC_OVERRIDE、FOWNER、SETUID、\
                 SETGID、NET_RAW、MKNOD 等），`cap_add` 也只是在这组能力之上追加，而不是列出服务仅有的能力。\
                 大多数服务一个都用不上；仅 NET_RAW 一项就能让被攻破的容器在宿主机网络上伪造数据包。",
        },
        remediation: Text {
            en: "Add `cap_drop: [ALL]` and list in `cap_add` only what the service needs (often nothing, \
                 sometimes NET_BIND_SERVICE).",
            zh: "添加 `cap_drop: [ALL]`，并只在 `cap_add` 中列出服务确实需要的能力（通常一个也不需要，\
                 有时需要 NET_BIND_SERVICE）。",
        },
        references: &["https://docs.docker.com/reference/compose-file/services/#cap_drop"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    if service.list_has("cap_drop", |c| runtime::capability(c) == "ALL") != Some(false) {
        return;
    }
    let name = service.name;
    let added: Vec<&str> = service.strings("cap_add").iter().map(|i| i.text).collect();
    let message = if added.is_empty() {
        tr!(
            sink.lang(),
            "service `{name}` keeps Docker's default capabilities; add `cap_drop: [ALL]`",
            "服务 `{name}` 保留了 Docker 的默认能力；请添加 `cap_drop: [ALL]`",
        )
    } else {
        let added = added.join(", ");
        tr!(
            sink.lang(),
            "service `{name}` adds {added} on top of Docker's default capabilities; add `cap_drop: [ALL]` so \
             these are the only ones",
            "服务 `{name}` 在 Docker 默认能力之上又添加了 {added}；请添加 `cap_drop: [ALL]`，让它只拥有这些能力",
        )
    };
    match service.get("cap_drop") {
        Some(list) => sink.report(&RULE.meta, list, service.field("cap_drop"), message),
        None => sink.report(&RULE.meta, service.key, service.field("cap_drop"), message),
    }
}
