//! K8S432: a binding grants a role to every authenticated identity or every service account.

use super::view::Binding;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S432",
        aliases: &["KSV01011"],
        // Trivy says CRITICAL but only fires on GKE, where `system:authenticated` is every Google
        // account; palisade cannot tell the platform, and elsewhere the group is "every identity
        // the cluster knows", which is broad but not the whole internet.
        severity: Severity::High,
        title: Text {
            en: "Binding grants a role to all authenticated users or all service accounts",
            zh: "绑定把角色授予了所有已认证用户或所有服务账号",
        },
        description: Text {
            en: "`system:authenticated` contains every user and every service account of every \
                 namespace; on GKE it contains any Google account at all. `system:serviceaccounts` \
                 contains every service account, so any compromised pod gets the role.",
            zh: "`system:authenticated` 包含所有用户以及每个命名空间的所有服务账号；在 GKE 上，它甚至包含任意\
                 Google 账号。`system:serviceaccounts` 包含所有服务账号，任何一个被攻破的 Pod 都能拿到这个角色。",
        },
        remediation: Text {
            en: "Bind the role to the specific users, groups or service accounts that need it.",
            zh: "把角色绑定给确实需要它的具体用户、组或服务账号。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
            "https://cloud.google.com/kubernetes-engine/docs/best-practices/rbac#default-groups",
        ],
        concern: None,
    },
    check,
};

/// The API server's own bindings to these groups: discovery, self-review and health checks.
const DEFAULTS: &[&str] = &[
    "system:basic-user",
    "system:discovery",
    "system:public-info-viewer",
    "system:service-account-issuer-discovery",
];

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(binding) = Binding::of(object) else {
        return;
    };
    if DEFAULTS.iter().any(|r| binding.refers_to_cluster_role(r)) {
        return;
    }
    for subject in &binding.subjects {
        let Some((node, who)) = subject.name() else {
            continue;
        };
        if subject.kind() != Some("Group")
            || !matches!(who, "system:authenticated" | "system:serviceaccounts")
        {
            continue;
        }
        let (kind, name) = (binding.kind, binding.name);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants its role to the group `{who}`, which every service account belongs to; bind it to the subjects that need it",
            "{kind} `{name}` 把角色授予了 `{who}` 组，所有服务账号都在其中；请改为绑定给确实需要的主体",
        );
        sink.report(&RULE.meta, node, subject.field("name"), message);
    }
}
