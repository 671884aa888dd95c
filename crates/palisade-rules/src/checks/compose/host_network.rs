//! DC004: a compose service uses the host's network stack (`network_mode: host`).

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC004",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Service uses the host network",
            zh: "服务使用宿主机网络",
        },
        description: Text {
            en: "With `network_mode: host` the container shares the host's interfaces: it can listen on any \
                 of the host's addresses, reach services bound to localhost (the Docker API, databases, cloud \
                 metadata proxies) and, with NET_RAW, sniff the host's traffic. Published ports and network \
                 isolation no longer apply.",
            zh: "设置 `network_mode: host` 后容器共享宿主机的网卡：可以监听宿主机的任意地址，访问只绑定在 \
                 localhost 上的服务（Docker API、数据库、云元数据代理），有 NET_RAW 时还能嗅探宿主机流量。\
                 端口发布和网络隔离都不再生效。",
        },
        remediation: Text {
            en: "Remove `network_mode: host`; publish the ports the service serves with `ports` (bound to \
                 `127.0.0.1` when only the host needs them) and connect services through compose networks.",
            zh: "删除 `network_mode: host`；用 `ports` 发布服务需要对外提供的端口（只供本机访问时绑定到 \
                 `127.0.0.1`），服务之间通过 compose 网络互通。",
        },
        references: &["https://docs.docker.com/engine/network/drivers/host/"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    let Some(value) = service.get("network_mode") else {
        return;
    };
    if value.as_text() == Some("host") {
        let name = service.name;
        let message = tr!(
            sink.lang(),
            "service `{name}` shares the host's network stack; remove `network_mode: host` and publish ports",
            "服务 `{name}` 共享宿主机网络栈；请删除 `network_mode: host`，改为发布端口",
        );
        sink.report(&RULE.meta, value, service.field("network_mode"), message);
    }
}
