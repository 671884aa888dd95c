//! K8S433: a binding names the `system:masters` group.

use super::view::Binding;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S433",
        aliases: &["KSV0123"],
        // Trivy says CRITICAL. The binding itself grants nothing: members of `system:masters`
        // pass every authorisation check anyway. What it shows is reliance on that group.
        severity: Severity::Low,
        title: Text {
            en: "Binding names the system:masters group",
            zh: "绑定中使用了 system:masters 组",
        },
        description: Text {
            en: "Members of `system:masters` bypass RBAC and authorisation webhooks entirely, and \
                 their access cannot be taken away by deleting a binding, only by letting their \
                 certificate expire. A binding to this group suggests credentials in it are in use \
                 and gives the false impression that removing the binding removes the access.",
            zh: "`system:masters` 组的成员完全绕过 RBAC 和鉴权 Webhook，删除绑定无法收回他们的权限，只能等证书\
                 过期。绑定到这个组，说明有人在使用属于该组的凭据，还会让人误以为删掉绑定就能收回访问权限。",
        },
        remediation: Text {
            en: "Remove the `system:masters` subject and give administrators a named group bound to \
                 `cluster-admin`; do not issue certificates with `O=system:masters`.",
            zh: "删除 `system:masters` 主体，为管理员建立一个绑定到 `cluster-admin` 的具名组；不要签发 \
                 `O=system:masters` 的证书。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(binding) = Binding::of(object) else {
        return;
    };
    for subject in &binding.subjects {
        let Some((node, who)) = subject.name() else {
            continue;
        };
        if subject.kind() != Some("Group") || who != "system:masters" {
            continue;
        }
        let (kind, name) = (binding.kind, binding.name);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` names the group `system:masters`, whose members bypass RBAC whatever is bound; bind a named administrators group instead",
            "{kind} `{name}` 使用了 `system:masters` 组，其成员无论绑定什么都会绕过 RBAC；请改为绑定具名的管理员组",
        );
        sink.report(&RULE.meta, node, subject.field("name"), message);
    }
}
