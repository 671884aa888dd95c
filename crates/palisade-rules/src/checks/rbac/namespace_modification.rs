//! K8S423: a `ClusterRole` can change namespaces, Pod Security labels included.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S423",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "ClusterRole can change namespaces",
            zh: "ClusterRole 可以修改命名空间",
        },
        description: Text {
            en: "Pod Security admission reads its level from namespace labels \
                 (`pod-security.kubernetes.io/enforce`), and many policies select namespaces by \
                 label. Whoever can update or patch a namespace can set it to `privileged` and then \
                 run privileged pods there, or move it out of a NetworkPolicy's reach.",
            zh: "Pod Security 准入从命名空间标签（`pod-security.kubernetes.io/enforce`）读取安全级别，许多策略\
                 也按标签选择命名空间。能 update 或 patch 命名空间的人，可以把它设为 `privileged` 后在其中运行\
                 特权 Pod，或让它脱离 NetworkPolicy 的覆盖。",
        },
        remediation: Text {
            en: "Remove `update` and `patch` on `namespaces`; keep namespace labels in the hands of \
                 cluster administrators or the GitOps pipeline.",
            zh: "删除对 `namespaces` 的 `update` 和 `patch`；命名空间标签应由集群管理员或 GitOps 流水线管理。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#namespace-modification",
            "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces",
        ],
        concern: None,
    },
    check,
};

static NAMESPACES: Grant = Grant {
    targets: &[("", "namespaces")],
    verbs: &["update", "patch"],
    cluster_scoped: true,
    // Relabelling one named namespace still lifts its Pod Security level.
    names: Names::Any,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&NAMESPACES) {
        let (name, verbs, resource) = (role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "ClusterRole `{name}` grants `{verbs}` on `{resource}`, so it can relabel a namespace to Pod Security `privileged`; remove these verbs",
            "ClusterRole `{name}` 对 `{resource}` 授予 `{verbs}`，可以把命名空间的 Pod Security 标签改为 `privileged`；请删除这些操作",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
