//! K8S523: an Ingress snippet annotation runs Lua (`content_by_lua_block`, `access_by_lua`,
//! `lua_shared_dict` …): code executed inside the ingress controller (CVE-2021-25742).

use super::view::{Ingress, annotation_field};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S523",
        aliases: &["CKV_K8S_152"],
        severity: Severity::High,
        title: Text {
            en: "Ingress snippet runs Lua code in the controller",
            zh: "Ingress snippet 在控制器中执行 Lua 代码",
        },
        description: Text {
            en: "ingress-nginx embeds OpenResty, so `*_by_lua*` directives in a snippet run arbitrary code in \
                 the controller process. That process holds a service-account token able to read every Secret \
                 in the cluster: a Lua snippet is the shortest path from \"may edit an Ingress\" to \"owns the \
                 cluster's credentials\" (CVE-2021-25742).",
            zh: "ingress-nginx 内嵌 OpenResty，snippet 中的 `*_by_lua*` 指令会在控制器进程中执行任意代码。该进程\
                 持有可读取集群全部 Secret 的服务账号令牌：Lua snippet 是从“能改 Ingress”到“掌握整个集群凭据”\
                 的最短路径（CVE-2021-25742）。",
        },
        remediation: Text {
            en: "Delete the Lua from the snippet; implement the logic in the backend service or with a \
                 dedicated annotation, and keep snippets disabled on the controller.",
            zh: "删除 snippet 中的 Lua 代码，把逻辑放到后端服务或使用专用注解实现，并在控制器上保持禁用 snippet。",
        },
        references: &[
            "https://github.com/kubernetes/ingress-nginx/issues/7837",
            "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations",
        ],
        concern: Some("ingress-snippet"),
    },
    check,
};

/// A Lua directive: `lua` joined to another word by `_` (`lua_shared_dict`, `content_by_lua_block`,
/// `access_by_lua`), as Checkov's `\blua_|_lua\b|_lua_` finds it.
fn lua_directive(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    text.match_indices("lua").any(|(at, _)| {
        let before = at.checked_sub(1);
        let after = Some(at + 3);
        let underscore = |i: Option<usize>| i.and_then(|i| bytes.get(i)) == Some(&b'_');
        (underscore(before) && !word(after)) || (underscore(after) && !word(before))
    })
}

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(ingress) = Ingress::of(object) else {
        return;
    };
    for (key, node, value) in ingress.annotations() {
        if !key.to_ascii_lowercase().contains("snippet") || !lua_directive(value) {
            continue;
        }
        let name = ingress.name;
        let message = tr!(
            sink.lang(),
            "Ingress `{name}` runs Lua code in the ingress controller through `{key}`; remove the Lua \
             directives from the snippet",
            "Ingress `{name}` 通过 `{key}` 在 Ingress 控制器中执行 Lua 代码；请从 snippet 中删除 Lua 指令",
        );
        sink.report(&RULE.meta, node, annotation_field(key), message);
    }
}

#[cfg(test)]
mod tests {
    use super::lua_directive;

    #[test]
    fn finds_lua_directives_not_the_word() {
        for yes in [
            "content_by_lua_block { ngx.say(1) }",
            "access_by_lua 'x'",
            "lua_shared_dict cache 10m;",
            "set_by_lua_file $x /tmp/x.lua;",
        ] {
            assert!(lua_directive(yes), "{yes}");
        }
        for no in [
            "more_set_headers \"X-Lua: 1\";",
            "add_header x lua;",
            "glua_x",
            "x_luax",
            "",
        ] {
            assert!(!lua_directive(no), "{no}");
        }
    }
}
