//! DC015: a compose service publishes a database, cache or search port (MySQL 3306, PostgreSQL
//! 5432, MongoDB 27017, Redis 6379, Elasticsearch 9200, Memcached 11211 …) on all of the host's
//! interfaces: no host address, or `0.0.0.0` / `::`.
//!
//! The port list is K8S513's. The container port decides (a database listens on its own port
//! whatever the host port), and a range that covers one counts. A host address from a variable
//! is trusted.

use super::prelude::*;
use crate::checks::runtime;
use crate::dockerrun::syntax::all_interfaces;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC015",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Database port published on all interfaces",
            zh: "数据库端口发布在所有网卡上",
        },
        description: Text {
            en: "A port published without a host address listens on every interface of the host, and Docker \
                 opens it in the firewall ahead of ufw and firewalld rules. Databases, caches and search \
                 engines often run with weak or no authentication in compose set-ups, and internet-wide \
                 scanners find them within hours: a common source of data leaks and ransom wipes.",
            zh: "不带宿主机地址发布的端口会监听宿主机的所有网卡，而且 Docker 会抢在 ufw、firewalld 规则之前在防火墙\
                 上放行它。compose 环境里的数据库、缓存和搜索引擎常常只有弱认证甚至没有认证，全网扫描器几小时内\
                 就能找到它们，这是数据泄露和勒索删库的常见源头。",
        },
        remediation: Text {
            en: "Remove the port if only other services use the database (they reach it over the compose \
                 network by service name), or bind it to the loopback address: `\"127.0.0.1:5432:5432\"`.",
            zh: "如果只有其他服务访问该数据库，请删除端口发布（它们可以通过 compose 网络用服务名访问）；\
                 否则请绑定到回环地址：`\"127.0.0.1:5432:5432\"`。",
        },
        references: &[
            "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
            "https://docs.docker.com/reference/compose-file/services/#ports",
        ],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    for port in service.ports() {
        if !all_interfaces(port.host_ip.as_deref()) {
            continue;
        }
        let Some((number, what)) = port.container.and_then(runtime::data_store) else {
            continue;
        };
        let name = service.name;
        let message = tr!(
            sink.lang(),
            "service `{name}` publishes {what} (port {number}) on all of the host's interfaces; bind it to \
             127.0.0.1 or remove the port",
            "服务 `{name}` 把 {what}（端口 {number}）发布在宿主机的所有网卡上；请绑定到 127.0.0.1 或删除该端口发布",
        );
        sink.report(&RULE.meta, port.at, port.field, message);
    }
}
