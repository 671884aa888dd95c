//! DR015: `docker run -p 5432:5432` — a database, cache or search port published on all of the
//! host's interfaces (no host address, or `0.0.0.0` / `::`). `-p 5432` alone (a random host
//! port) counts too; `-p 127.0.0.1:5432:5432` does not. The ports are DC015's (and K8S513's).

use super::prelude::*;
use crate::checks::runtime;
use crate::dockerrun::syntax::{all_interfaces, port};

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR015",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Database port published on all interfaces (`-p`)",
            zh: "数据库端口发布在所有网卡上（`-p`）",
        },
        description: Text {
            en: "A port published without a host address listens on every interface of the host, and Docker \
                 opens it in the firewall ahead of ufw and firewalld rules. Databases, caches and search engines \
                 started by scripts often have weak or default credentials, and internet-wide scanners find \
                 them within hours.",
            zh: "不带宿主机地址发布的端口会监听宿主机的所有网卡，而且 Docker 会抢在 ufw、firewalld 规则之前在防火墙上\
                 放行它。脚本启动的数据库、缓存和搜索引擎常常只有弱密码或默认密码，全网扫描器几小时内就能找到它们。",
        },
        remediation: Text {
            en: "Bind the port to the loopback address (`-p 127.0.0.1:5432:5432`), or drop `-p` and reach the \
                 database from other containers over a user-defined network.",
            zh: "把端口绑定到回环地址（`-p 127.0.0.1:5432:5432`），或去掉 `-p`，让其他容器通过自定义网络访问数据库。",
        },
        references: &[
            "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
            "https://docs.docker.com/reference/cli/docker/container/run/#publish",
        ],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (option, arg) in command.values("publish") {
        let Some(spec) = port(&arg.text) else { continue };
        if !all_interfaces(spec.host_ip) {
            continue;
        }
        let Some((number, what)) = spec.container.and_then(runtime::data_store) else {
            continue;
        };
        let image = command.image_name();
        let message = tr!(
            sink.lang(),
            "container `{image}` publishes {what} (port {number}) on all of the host's interfaces; use \
             `-p 127.0.0.1:…` or drop the port",
            "容器 `{image}` 把 {what}（端口 {number}）发布在宿主机的所有网卡上；请使用 `-p 127.0.0.1:…` 或去掉该端口发布",
        );
        report(sink, &RULE.meta, option.span, message);
    }
}
