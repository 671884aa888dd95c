//! K8S513: a Service publishes a well-known database, cache or coordination-store port outside the
//! cluster: through a `NodePort`, an internet-facing load balancer, or `externalIPs`.

use super::view::{Exposure, Service};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S513",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Database port published outside the cluster",
            zh: "数据库端口暴露到集群外",
        },
        description: Text {
            en: "Databases, caches and coordination stores (MySQL, PostgreSQL, Redis, MongoDB, Elasticsearch, \
                 etcd …) are built to sit behind the application, and many ship with weak or no \
                 authentication. Published through a NodePort, an open load balancer or an external IP, they \
                 are found by internet-wide scanners within hours and are a common source of data leaks and \
                 ransom wipes.",
            zh: "数据库、缓存和协调存储（MySQL、PostgreSQL、Redis、MongoDB、Elasticsearch、etcd 等）本应藏在\
                 应用之后，而且很多默认认证薄弱甚至没有认证。一旦通过 NodePort、开放的负载均衡器或外部 IP \
                 暴露，几小时内就会被全网扫描器发现，是数据泄露和勒索删库的常见源头。",
        },
        remediation: Text {
            en: "Give the Service `type: ClusterIP` and no `externalIPs`, so only pods reach the database; \
                 for access from outside, use an internal load balancer with `loadBalancerSourceRanges`, a \
                 VPN or `kubectl port-forward`.",
            zh: "把该 Service 改为 `type: ClusterIP` 并去掉 `externalIPs`，只让集群内的 Pod 访问数据库；\
                 确需从集群外访问时，使用带 `loadBalancerSourceRanges` 的内网负载均衡器、VPN 或 \
                 `kubectl port-forward`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types",
            "https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/",
        ],
        concern: None,
    },
    check,
};

/// Ports that only data stores use by default, with what listens there.
pub(in crate::checks) const DATA_STORE_PORTS: &[(i64, &str)] = &[
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (2181, "ZooKeeper"),
    (2379, "etcd"),
    (2380, "etcd"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (5984, "CouchDB"),
    (6379, "Redis"),
    (7687, "Neo4j"),
    (8086, "InfluxDB"),
    (8529, "ArangoDB"),
    (9042, "Cassandra"),
    (9200, "Elasticsearch"),
    (9300, "Elasticsearch"),
    (11211, "Memcached"),
    (26257, "CockroachDB"),
    (27017, "MongoDB"),
    (27018, "MongoDB"),
    (27019, "MongoDB"),
    (28015, "RethinkDB"),
];

/// Named container ports that say the same.
const DATA_STORE_PORT_NAMES: &[(&str, &str)] = &[
    ("mysql", "MySQL"),
    ("postgres", "PostgreSQL"),
    ("postgresql", "PostgreSQL"),
    ("redis", "Redis"),
    ("mongo", "MongoDB"),
    ("mongodb", "MongoDB"),
    ("memcached", "Memcached"),
    ("cassandra", "Cassandra"),
    ("cql", "Cassandra"),
];

fn data_store(port: &Node) -> Option<&'static str> {
    let by_number = |key: &str| {
        let n = port.get(key)?.as_i64()?;
        DATA_STORE_PORTS
            .iter()
            .find(|(p, _)| *p == n)
            .map(|(_, what)| *what)
    };
    by_number("port").or_else(|| by_number("targetPort")).or_else(|| {
        let name = port.get("targetPort")?.as_str()?;
        DATA_STORE_PORT_NAMES
            .iter()
            .find(|(n, _)| name.eq_ignore_ascii_case(n))
            .map(|(_, what)| *what)
    })
}

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(service) = Service::of(object) else {
        return;
    };
    let Some(exposure) = service.exposure() else {
        return;
    };
    for (index, port) in service.ports() {
        let Some(what) = data_store(port) else { continue };
        let at = port.get("port").unwrap_or(port);
        let (name, number) = (service.name, at.as_text().unwrap_or("?"));
        let message = match exposure {
            Exposure::NodePort => tr!(
                sink.lang(),
                "Service `{name}` publishes {what} on port {number} of every node (NodePort); use ClusterIP \
                 so only pods reach it",
                "Service `{name}` 通过 NodePort 在每个节点上暴露 {what}（端口 {number}）；请改用 ClusterIP，只允许集群内 Pod 访问",
            ),
            Exposure::LoadBalancer => tr!(
                sink.lang(),
                "Service `{name}` publishes {what} on port {number} of a load balancer open to the internet; \
                 use ClusterIP, or an internal load balancer with source ranges",
                "Service `{name}` 通过对互联网开放的负载均衡器暴露 {what}（端口 {number}）；请改用 ClusterIP，或带来源网段限制的内网负载均衡器",
            ),
            Exposure::ExternalIps => tr!(
                sink.lang(),
                "Service `{name}` publishes {what} on port {number} of its externalIPs; use ClusterIP without \
                 externalIPs so only pods reach it",
                "Service `{name}` 通过 externalIPs 暴露 {what}（端口 {number}）；请改用不带 externalIPs 的 ClusterIP，只允许集群内 Pod 访问",
            ),
        };
        sink.report(&RULE.meta, at, format!("spec.ports[{index}].port"), message);
    }
}
