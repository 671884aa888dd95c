//! K8S525: an ingress-nginx annotation that ends up inside the generated NGINX configuration
//! (`auth-url`, `auth-tls-match-cn`, `mirror-target`, `mirror-host`) carries characters that break
//! out of it: the configuration injection of CVE-2025-24514, CVE-2025-1097 and CVE-2025-1098
//! (`IngressNightmare`). Trivy's KCV0093 only looks at Ingresses with `ingressClassName: nginx`;
//! palisade looks at every Ingress, since the annotation prefix already names ingress-nginx.

use super::view::{Ingress, NGINX, annotation_field};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S525",
        aliases: &["KCV0093"],
        severity: Severity::Critical,
        title: Text {
            en: "ingress-nginx annotation injects configuration",
            zh: "ingress-nginx 注解注入配置",
        },
        description: Text {
            en: "ingress-nginx copies `auth-url`, `auth-tls-match-cn`, `mirror-target` and `mirror-host` into \
                 its NGINX configuration. A newline, quote, brace or similar character in them ends the \
                 directive and starts attacker-written configuration, which leads to code execution in the \
                 controller and every Secret it can read (CVE-2025-24514, CVE-2025-1097, CVE-2025-1098). A \
                 legitimate URL or certificate CN never needs these characters.",
            zh: "ingress-nginx 会把 `auth-url`、`auth-tls-match-cn`、`mirror-target` 和 `mirror-host` 的值写入 \
                 NGINX 配置。值中的换行、引号、花括号等字符会结束当前指令，开始一段攻击者编写的配置，进而在\
                 控制器中执行代码、拿到它能读取的所有 Secret（CVE-2025-24514、CVE-2025-1097、CVE-2025-1098）。\
                 正常的 URL 或证书 CN 根本用不到这些字符。",
        },
        remediation: Text {
            en: "Set the annotation to a plain URL (or `CN=` value) without these characters, find out who \
                 wrote it, and upgrade ingress-nginx to 1.11.5 / 1.12.1 or later.",
            zh: "把注解改为不含这些字符的普通 URL（或 `CN=` 值），追查是谁写入的，并把 ingress-nginx 升级到 \
                 1.11.5 / 1.12.1 或更高版本。",
        },
        references: &[
            "https://kubernetes.io/blog/2025/03/24/ingress-nginx-cve-2025-1974/",
            "https://github.com/kubernetes/kubernetes/issues/131006",
            "https://github.com/kubernetes/kubernetes/issues/131007",
            "https://github.com/kubernetes/kubernetes/issues/131008",
        ],
        concern: None,
    },
    check,
};

/// The checked annotations, with the characters that must not appear in each (Trivy's sets).
const ANNOTATIONS: &[(&str, &[char])] = &[
    ("auth-url", URL),
    ("mirror-target", URL),
    ("mirror-host", URL),
    ("auth-tls-match-cn", CN),
];
const URL: &[char] = &['\r', '\n', '<', '>', '"', '{', '}', '|', '^', '`', '\\'];
const CN: &[char] = &['\r', '\n', '#', '{', '}', ';', '|'];

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(ingress) = Ingress::of(object) else {
        return;
    };
    for (name, forbidden) in ANNOTATIONS {
        let key = format!("{NGINX}{name}");
        let Some((node, value)) = ingress.annotation(&key) else {
            continue;
        };
        let Some(bad) = value.chars().find(|c| forbidden.contains(c)) else {
            continue;
        };
        let bad = match bad {
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            c => c.to_string(),
        };
        let object = ingress.name;
        let message = tr!(
            sink.lang(),
            "Ingress `{object}`: `{key}` contains `{bad}`, which can inject NGINX configuration into the \
             controller; set it to a plain value",
            "Ingress `{object}`：`{key}` 含有字符 `{bad}`，可向控制器注入 NGINX 配置；请改为普通的值",
        );
        sink.report(&RULE.meta, node, annotation_field(&key), message);
    }
}
