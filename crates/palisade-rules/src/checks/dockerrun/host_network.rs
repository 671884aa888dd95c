//! DR004: `docker run --network host` (or the older `--net=host`).

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR004",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Container uses the host network (`--network host`)",
            zh: "容器使用宿主机网络（`--network host`）",
        },
        description: Text {
            en: "With `--network host` the container shares the host's interfaces: it can listen on any of the \
                 host's addresses, reach services bound to localhost (the Docker API, databases, cloud \
                 metadata proxies) and, with NET_RAW, sniff the host's traffic. Published ports and network \
                 isolation no longer apply.",
            zh: "使用 `--network host` 后容器共享宿主机的网卡：可以监听宿主机的任意地址，访问只绑定在 localhost 上的\
                 服务（Docker API、数据库、云元数据代理），有 NET_RAW 时还能嗅探宿主机流量。端口发布和网络隔离都\
                 不再生效。",
        },
        remediation: Text {
            en: "Remove `--network host`; publish the ports the container serves with `-p` (bound to \
                 `127.0.0.1` when only the host needs them) and connect containers through a user-defined \
                 network (`--network myapp-network`).",
            zh: "删除 `--network host`；用 `-p` 发布容器需要对外提供的端口（只供本机访问时绑定到 `127.0.0.1`），\
                 容器之间通过自定义网络互通（如 `--network myapp-network`）。",
        },
        references: &["https://docs.docker.com/engine/network/drivers/host/"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (option, arg) in command.values("network") {
        if arg.text == "host" {
            let (image, written) = (command.image_name(), &option.written);
            let message = tr!(
                sink.lang(),
                "container `{image}` shares the host's network stack; remove `{written} host` and publish ports",
                "容器 `{image}` 共享宿主机网络栈；请删除 `{written} host`，改为发布端口",
            );
            report(sink, &RULE.meta, option.span, message);
        }
    }
}
