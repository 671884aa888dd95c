//! K8S524: an Ingress snippet annotation serves files from the ingress controller's own
//! filesystem: an `alias` or `root` directive, or a path to the service-account token
//! (`/var/run/secrets/kubernetes.io/serviceaccount`). This is how CVE-2021-25742 was exploited
//! to read the controller's token.

use super::view::{Ingress, annotation_field};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S524",
        aliases: &["CKV_K8S_154"],
        severity: Severity::High,
        title: Text {
            en: "Ingress snippet serves files from the controller",
            zh: "Ingress snippet 读取控制器本地文件",
        },
        description: Text {
            en: "An `alias` or `root` directive in a snippet makes NGINX serve files from the ingress \
                 controller's container, which holds a service-account token that can read every Secret in \
                 the cluster. `alias /var/run/secrets/kubernetes.io/serviceaccount/` is the published \
                 exploit of CVE-2021-25742: one HTTP request hands out the token.",
            zh: "snippet 中的 `alias` 或 `root` 指令会让 NGINX 直接提供 Ingress 控制器容器里的文件，而该容器\
                 持有可读取集群全部 Secret 的服务账号令牌。`alias /var/run/secrets/kubernetes.io/serviceaccount/` \
                 正是 CVE-2021-25742 的公开利用方式：一个 HTTP 请求就能拿走令牌。",
        },
        remediation: Text {
            en: "Remove the `alias`/`root` directive from the snippet; serve static files from a backend \
                 Service instead of the controller.",
            zh: "从 snippet 中删除 `alias`/`root` 指令；静态文件改由后端 Service 提供，而不是由控制器提供。",
        },
        references: &[
            "https://github.com/kubernetes/ingress-nginx/issues/7837",
            "https://nginx.org/en/docs/http/ngx_http_core_module.html#alias",
        ],
        concern: Some("ingress-snippet"),
    },
    check,
};

/// The first file-serving statement of an NGINX snippet: an `alias` or `root` directive, or a
/// mention of the service-account token directory.
fn file_access(snippet: &str) -> Option<&str> {
    let statement = snippet
        .split([';', '{', '}', '\n', '\r'])
        .map(str::trim)
        .find(|s| matches!(s.split_whitespace().next(), Some("alias" | "root")));
    statement.or_else(|| {
        ["/var/run/secrets", "kubernetes.io/serviceaccount"]
            .into_iter()
            .find(|p| snippet.contains(p))
    })
}

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(ingress) = Ingress::of(object) else {
        return;
    };
    for (key, node, value) in ingress.annotations() {
        if !key.to_ascii_lowercase().contains("snippet") {
            continue;
        }
        let Some(found) = file_access(value) else { continue };
        let name = ingress.name;
        let message = tr!(
            sink.lang(),
            "Ingress `{name}` serves files from the ingress controller through `{key}` (`{found}`); remove \
             it from the snippet",
            "Ingress `{name}` 通过 `{key}` 读取 Ingress 控制器本地文件（`{found}`）；请从 snippet 中删除",
        );
        sink.report(&RULE.meta, node, annotation_field(key), message);
    }
}

#[cfg(test)]
mod tests {
    use super::file_access;

    #[test]
    fn finds_file_serving_statements() {
        assert_eq!(
            file_access("location ^~ /x/ {\n  alias /var/run/secrets/kubernetes.io/serviceaccount/;\n}"),
            Some("alias /var/run/secrets/kubernetes.io/serviceaccount/")
        );
        assert_eq!(file_access("root /etc;"), Some("root /etc"));
        assert_eq!(
            file_access("set $x /var/run/secrets/token;"),
            Some("/var/run/secrets")
        );
        assert_eq!(file_access("more_set_headers \"X-Alias: root\";"), None);
        assert_eq!(file_access("proxy_set_header X-Root 1;"), None);
    }
}
