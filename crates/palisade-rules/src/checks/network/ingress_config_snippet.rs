//! K8S522: an Ingress carries a configuration snippet annotation (`configuration-snippet`,
//! `server-snippet`, `auth-snippet`, `stream-snippet` …): raw proxy configuration the controller
//! pastes into its own config (CVE-2021-25742). Like Checkov, any annotation key with `snippet`.

use super::view::{Ingress, annotation_field};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S522",
        aliases: &["CKV_K8S_153"],
        severity: Severity::Medium,
        title: Text {
            en: "Ingress uses a configuration snippet annotation",
            zh: "Ingress 使用了配置片段（snippet）注解",
        },
        description: Text {
            en: "Snippet annotations paste raw NGINX configuration into the ingress controller, which runs with \
                 a service account that can read every Secret in the cluster. They only work when the \
                 controller allows snippets, and once it does, anyone who may edit an Ingress can read those \
                 Secrets or run code in the controller (CVE-2021-25742). That is why ingress-nginx turns \
                 snippets off by default.",
            zh: "snippet 注解会把原始 NGINX 配置直接写进 Ingress 控制器的配置，而控制器的服务账号可以读取\
                 集群内所有 Secret。只有控制器开启了 snippet 支持，这类注解才会生效；而一旦开启，任何能修改 \
                 Ingress 的人都能读取这些 Secret 或在控制器中执行代码（CVE-2021-25742）。ingress-nginx \
                 因此默认关闭了 snippet。",
        },
        remediation: Text {
            en: "Replace the snippet with the dedicated annotations or the controller's ConfigMap (headers, \
                 rewrites, rate limits, CORS all have their own), and keep `allow-snippet-annotations: \"false\"` \
                 on the controller.",
            zh: "用专用注解或控制器的 ConfigMap 取代 snippet（响应头、重写、限流、CORS 等都有对应的注解），\
                 并在控制器上保持 `allow-snippet-annotations: \"false\"`。",
        },
        references: &[
            "https://github.com/kubernetes/ingress-nginx/issues/7837",
            "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations",
        ],
        concern: Some("ingress-snippet"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(ingress) = Ingress::of(object) else {
        return;
    };
    for (key, node, value) in ingress.annotations() {
        if !key.to_ascii_lowercase().contains("snippet") || value.trim().is_empty() {
            continue;
        }
        let name = ingress.name;
        let message = tr!(
            sink.lang(),
            "Ingress `{name}` injects raw proxy configuration through `{key}`; use dedicated annotations \
             or the controller ConfigMap instead",
            "Ingress `{name}` 通过 `{key}` 注入原始代理配置；请改用专用注解或控制器 ConfigMap",
        );
        sink.report(&RULE.meta, node, annotation_field(key), message);
    }
}
