//! K8S431: a binding grants a role to anonymous requests.

use super::view::Binding;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S431",
        aliases: &["KSV122"],
        severity: Severity::Critical,
        title: Text {
            en: "Binding grants a role to anonymous users",
            zh: "绑定把角色授予了匿名用户",
        },
        description: Text {
            en: "Requests without credentials are the user `system:anonymous` in the group \
                 `system:unauthenticated`. Binding a role to either gives it to anyone who can reach \
                 the API server over the network, with nothing in the audit log to trace them by.",
            zh: "不带凭据的请求属于用户 `system:anonymous`、组 `system:unauthenticated`。把角色绑定给二者之一，\
                 就等于交给了任何能通过网络访问 API 服务器的人，审计日志里也无从追查是谁。",
        },
        remediation: Text {
            en: "Remove the `system:anonymous` and `system:unauthenticated` subjects and bind the \
                 role to authenticated users or service accounts.",
            zh: "删除 `system:anonymous` 和 `system:unauthenticated` 主体，把角色绑定给经过认证的用户或服务账号。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests",
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#hardening",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(binding) = Binding::of(object) else {
        return;
    };
    // The API server's own binding: anonymous health and version checks.
    if binding.refers_to_cluster_role("system:public-info-viewer") {
        return;
    }
    for subject in &binding.subjects {
        let Some((node, who)) = subject.name() else {
            continue;
        };
        let anonymous = matches!(
            (subject.kind(), who),
            (Some("User"), "system:anonymous") | (Some("Group"), "system:unauthenticated")
        );
        if !anonymous {
            continue;
        }
        let (kind, name) = (binding.kind, binding.name);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants its role to `{who}`, that is to anyone who can reach the API server; remove this subject",
            "{kind} `{name}` 把角色授予了 `{who}`，即任何能访问 API 服务器的人；请删除该主体",
        );
        sink.report(&RULE.meta, node, subject.field("name"), message);
    }
}
