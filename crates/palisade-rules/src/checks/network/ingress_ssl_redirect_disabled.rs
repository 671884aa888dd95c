//! K8S521: an ingress-nginx Ingress with TLS turns off the HTTP-to-HTTPS redirect
//! (`nginx.ingress.kubernetes.io/ssl-redirect: "false"`), so its hosts answer over plain HTTP too.
//!
//! `force-ssl-redirect: "false"` is not reported: it is the default, and with `spec.tls` present
//! `ssl-redirect` alone decides; without TLS the Ingress is K8S520's.

use super::view::{Ingress, NGINX, annotation_field};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S521",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Ingress turns off the HTTPS redirect",
            zh: "Ingress 关闭了 HTTPS 重定向",
        },
        description: Text {
            en: "ingress-nginx redirects HTTP to HTTPS for every host with a TLS certificate. \
                 `ssl-redirect: \"false\"` turns that off, so the same hosts also answer over plain HTTP: a \
                 link, a bookmark or an attacker stripping TLS sends users' cookies and credentials in clear \
                 text.",
            zh: "ingress-nginx 默认会把有 TLS 证书的主机的 HTTP 请求重定向到 HTTPS。设置 \
                 `ssl-redirect: \"false\"` 会关闭重定向，同样的主机也能以明文 HTTP 访问：一个旧链接、一个书签，\
                 或是剥离 TLS 的攻击者，都会让用户的 Cookie 和凭据以明文传输。",
        },
        remediation: Text {
            en: "Remove the `nginx.ingress.kubernetes.io/ssl-redirect: \"false\"` annotation (or set it to \
                 \"true\"); keep plain HTTP only on a separate Ingress for paths that really need it, such as \
                 ACME challenges.",
            zh: "删除 `nginx.ingress.kubernetes.io/ssl-redirect: \"false\"` 注解（或改为 \"true\"）；确实需要明文 \
                 HTTP 的路径（如 ACME 验证）放到单独的 Ingress 中。",
        },
        references: &[
            "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#server-side-https-enforcement-through-redirect",
            "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(ingress) = Ingress::of(object) else {
        return;
    };
    if ingress.tls().is_empty() || ingress.nginx_true("force-ssl-redirect") {
        return;
    }
    let Some(node) = ingress.nginx_false("ssl-redirect") else {
        return;
    };
    let name = ingress.name;
    let message = tr!(
        sink.lang(),
        "Ingress `{name}` has TLS but `ssl-redirect: \"false\"` keeps plain HTTP open; remove the annotation",
        "Ingress `{name}` 已配置 TLS，但 `ssl-redirect: \"false\"` 让明文 HTTP 依然可用；请删除该注解",
    );
    sink.report(
        &RULE.meta,
        node,
        annotation_field(&format!("{NGINX}ssl-redirect")),
        message,
    );
}
