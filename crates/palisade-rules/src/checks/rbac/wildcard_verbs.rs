//! K8S401: a rule allows every verb on a sensitive resource.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S401",
        aliases: &["KSV045"],
        severity: Severity::Critical,
        title: Text {
            en: "Role allows every verb on a sensitive resource",
            zh: "角色允许对敏感资源执行所有操作",
        },
        description: Text {
            en: "`verbs: [\"*\"]` grants more than create, read, update and delete: it also grants \
                 `escalate` and `bind` on roles, `impersonate` on users and groups, and any verb \
                 added later. On Secrets, workloads, pods or RBAC objects that is a direct path to \
                 cluster-admin.",
            zh: "`verbs: [\"*\"]` 授予的不只是增删改查：它同时授予对角色的 `escalate` 和 `bind`、对用户和组的 \
                 `impersonate`，以及日后新增的任何操作。作用在 Secret、工作负载、Pod 或 RBAC 对象上时，\
                 这就是一条直达 cluster-admin 的路径。",
        },
        remediation: Text {
            en: "Replace `\"*\"` in `verbs` with the verbs the workload uses, for example \
                 `[\"get\", \"list\", \"watch\"]`.",
            zh: "把 `verbs` 中的 `\"*\"` 换成工作负载实际用到的操作，例如 `[\"get\", \"list\", \"watch\"]`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping",
        ],
        concern: Some("rbac-wildcard"),
    },
    check,
};

const RBAC: &str = "rbac.authorization.k8s.io";

/// Resources on which every verb means credentials, code execution or RBAC control.
static SENSITIVE: Grant = Grant {
    targets: &[
        ("", "secrets"),
        ("", "pods"),
        ("", "pods/exec"),
        ("", "pods/attach"),
        ("", "pods/ephemeralcontainers"),
        ("", "replicationcontrollers"),
        ("", "serviceaccounts"),
        ("", "serviceaccounts/token"),
        ("", "users"),
        ("", "groups"),
        ("", "nodes"),
        ("", "nodes/proxy"),
        ("", "persistentvolumes"),
        ("apps", "deployments"),
        ("apps", "daemonsets"),
        ("apps", "statefulsets"),
        ("apps", "replicasets"),
        ("extensions", "deployments"),
        ("extensions", "daemonsets"),
        ("extensions", "replicasets"),
        ("batch", "jobs"),
        ("batch", "cronjobs"),
        (RBAC, "roles"),
        (RBAC, "clusterroles"),
        (RBAC, "rolebindings"),
        (RBAC, "clusterrolebindings"),
        ("admissionregistration.k8s.io", "mutatingwebhookconfigurations"),
        ("admissionregistration.k8s.io", "validatingwebhookconfigurations"),
        ("certificates.k8s.io", "certificatesigningrequests/approval"),
        ("certificates.k8s.io", "signers"),
    ],
    // Only `*` itself counts.
    verbs: &[],
    cluster_scoped: false,
    names: Names::Any,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    let hits = role.hits(&SENSITIVE);
    for rule in &role.rules {
        let resources: Vec<&str> = hits
            .iter()
            .filter(|h| h.rule.index == rule.index)
            .map(|h| h.resource)
            .collect();
        if resources.is_empty() {
            continue;
        }
        let Some((index, node, _)) = rule.verbs().find(|(_, _, v)| *v == "*") else {
            continue;
        };
        let (kind, name, resources) = (role.kind, role.name, resources.join(", "));
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` allows every verb on `{resources}`; list the verbs it needs instead of `*`",
            "{kind} `{name}` 允许对 `{resources}` 执行所有操作；请用实际需要的操作替换 `*`",
        );
        sink.report(&RULE.meta, node, rule.field(&format!("verbs[{index}]")), message);
    }
}
