//! K8S420: a role can change the EKS `aws-auth` `ConfigMap`.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S420",
        aliases: &["KSV115"],
        severity: Severity::Critical,
        title: Text {
            en: "Role can change the EKS aws-auth ConfigMap",
            zh: "角色可以修改 EKS 的 aws-auth ConfigMap",
        },
        description: Text {
            en: "On EKS, `kube-system/aws-auth` maps IAM roles and users to Kubernetes users and \
                 groups. Whoever can change it can map any AWS identity they control to \
                 `system:masters` and become cluster-admin, or delete it and lock every node out.",
            zh: "在 EKS 上，`kube-system/aws-auth` 把 IAM 角色和用户映射为 Kubernetes 的用户和组。能修改它的人，\
                 可以把自己控制的任意 AWS 身份映射到 `system:masters` 从而成为 cluster-admin，或者删除它，\
                 让所有节点都无法加入集群。",
        },
        remediation: Text {
            en: "Remove `aws-auth` from `resourceNames` and manage access with EKS access entries \
                 (`aws eks create-access-entry`) from IAM instead.",
            zh: "从 `resourceNames` 中删除 `aws-auth`，改用 IAM 侧的 EKS 访问条目（`aws eks create-access-entry`）\
                 管理访问权限。",
        },
        references: &[
            "https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html",
            "https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html",
        ],
        concern: None,
    },
    check,
};

/// `create` and `deletecollection` are never authorised by a rule with `resourceNames`, so only
/// the verbs that act on an existing, named object count.
static AWS_AUTH: Grant = Grant {
    targets: &[("", "configmaps")],
    verbs: &["update", "patch", "delete"],
    cluster_scoped: false,
    names: Names::Naming(&["aws-auth"]),
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    // A Role only reaches its own namespace; `aws-auth` lives in kube-system.
    if !role.cluster && object.namespace.is_some_and(|ns| ns != "kube-system") {
        return;
    }
    let mut reported = Vec::new();
    for hit in role.hits(&AWS_AUTH) {
        // Report once per rule, at the name.
        if reported.contains(&hit.rule.index) {
            continue;
        }
        reported.push(hit.rule.index);
        let Some((index, node, _)) = hit.rule.resource_names().find(|(_, _, n)| *n == "aws-auth") else {
            continue;
        };
        let (kind, name, verbs) = (role.kind, role.name, hit.verb_list());
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on the `aws-auth` ConfigMap, which maps AWS identities to cluster-admin; remove it and use EKS access entries",
            "{kind} `{name}` 对 `aws-auth` ConfigMap 授予 `{verbs}`，它能把 AWS 身份映射为 cluster-admin；请删除该权限并改用 EKS 访问条目",
        );
        sink.report(
            &RULE.meta,
            node,
            hit.rule.field(&format!("resourceNames[{index}]")),
            message,
        );
    }
}
