//! K8S520: an Ingress serves plain HTTP: no `spec.tls`, or a rule host no TLS entry covers.
//! Ingresses whose TLS is terminated by the cloud load balancer in front (AWS, GKE, Traefik
//! annotations) or that force HTTPS with ingress-nginx's `force-ssl-redirect` are left alone.

use super::view::{Ingress, missing_at};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S520",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Ingress serves plain HTTP",
            zh: "Ingress 以明文 HTTP 提供服务",
        },
        description: Text {
            en: "Without a `spec.tls` entry for its host, an Ingress serves that host over plain HTTP: \
                 passwords, session cookies and API tokens cross the network readable by anyone on the path, \
                 and responses can be altered on the way.",
            zh: "如果 `spec.tls` 中没有覆盖某个主机名的条目，Ingress 就以明文 HTTP 提供该主机的服务：密码、\
                 会话 Cookie 和 API 令牌在网络上以明文传输，路径上的任何人都能读取，响应内容也可能被篡改。",
        },
        remediation: Text {
            en: "Add a `spec.tls` entry listing every host of `spec.rules` with a certificate Secret (for \
                 example one cert-manager issues), so the controller serves HTTPS and redirects HTTP to it.",
            zh: "添加 `spec.tls` 条目，在 `hosts` 中列出 `spec.rules` 的所有主机名并指定证书 Secret（例如由 \
                 cert-manager 签发），让控制器提供 HTTPS 并把 HTTP 重定向过去。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
            "https://cert-manager.io/docs/usage/ingress/",
        ],
        concern: None,
    },
    check,
};

/// TLS handled in front of the Ingress: by the cloud load balancer, or forced by the controller.
fn tls_elsewhere(ingress: &Ingress<'_>) -> bool {
    let set = |key: &str| ingress.annotation(key).is_some_and(|(_, v)| !v.trim().is_empty());
    let is = |key: &str, want: &str| {
        ingress
            .annotation(key)
            .is_some_and(|(_, v)| v.trim().eq_ignore_ascii_case(want))
    };
    ingress.nginx_true("force-ssl-redirect")
        || set("alb.ingress.kubernetes.io/certificate-arn")
        || set("alb.ingress.kubernetes.io/ssl-redirect")
        || set("networking.gke.io/managed-certificates")
        || set("ingress.gcp.kubernetes.io/pre-shared-cert")
        || is("kubernetes.io/ingress.allow-http", "false")
        || is("traefik.ingress.kubernetes.io/router.tls", "true")
}

/// Whether a TLS host (`shop.example.com`, `*.example.com`) covers a rule host. A wildcard covers
/// exactly one label, as in certificates and Ingress host matching.
fn covers(tls_host: &str, host: &str) -> bool {
    if tls_host.eq_ignore_ascii_case(host) {
        return true;
    }
    let Some(suffix) = tls_host.strip_prefix('*') else {
        return false;
    };
    host.len() > suffix.len()
        && host[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        && !host[..host.len() - suffix.len()].contains('.')
        && suffix.starts_with('.')
}

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(ingress) = Ingress::of(object) else {
        return;
    };
    if !ingress.routes_traffic() || tls_elsewhere(&ingress) {
        return;
    }
    let name = ingress.name;
    let entries: Vec<&Node> = ingress.tls().iter().filter(|t| t.as_map().is_some()).collect();
    if entries.is_empty() {
        let message = tr!(
            sink.lang(),
            "Ingress `{name}` has no `spec.tls`, so it serves plain HTTP; add a TLS entry with a \
             certificate Secret for its hosts",
            "Ingress `{name}` 没有 `spec.tls`，以明文 HTTP 提供服务；请为其主机名添加带证书 Secret 的 TLS 条目",
        );
        sink.report(&RULE.meta, missing_at(ingress.root, "spec"), "spec.tls", message);
        return;
    }
    let mut tls_hosts = Vec::new();
    for entry in entries {
        let hosts = entry.get("hosts").and_then(Node::as_seq).unwrap_or_default();
        // An entry without hosts gets the controller's default certificate for every host.
        if hosts.is_empty() {
            return;
        }
        tls_hosts.extend(hosts.iter().filter_map(Node::as_str));
    }
    for (index, rule) in ingress.rules() {
        let Some(node) = rule.get("host") else { continue };
        let Some(host) = node.as_str().filter(|h| !h.is_empty()) else {
            continue;
        };
        if tls_hosts.iter().any(|t| covers(t, host)) {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "Ingress `{name}` serves host `{host}` over plain HTTP: no `spec.tls` entry covers it; add \
             `{host}` to the `hosts` of a TLS entry",
            "Ingress `{name}` 以明文 HTTP 提供主机 `{host}`：没有 `spec.tls` 条目覆盖它；请把 `{host}` 加入某个 TLS 条目的 `hosts`",
        );
        sink.report(&RULE.meta, node, format!("spec.rules[{index}].host"), message);
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn wildcards_cover_one_label() {
        assert!(covers("shop.example.com", "SHOP.example.com"));
        assert!(covers("*.example.com", "shop.example.com"));
        assert!(covers("*.example.com", "*.example.com"));
        assert!(!covers("*.example.com", "example.com"));
        assert!(!covers("*.example.com", "a.b.example.com"));
        assert!(!covers("*example.com", "badexample.com"));
        assert!(!covers("shop.example.com", "api.example.com"));
    }
}
