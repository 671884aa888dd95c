//! K8S414: a role can create or change pods and workloads.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S414",
        aliases: &["KSV048"],
        severity: Severity::Medium,
        title: Text {
            en: "Role can create or change workloads",
            zh: "角色可以创建或修改工作负载",
        },
        description: Text {
            en: "Whoever can create or change a pod, or a controller that makes pods, chooses what \
                 runs, under which service account, with which Secrets mounted. Unless admission \
                 policy (Pod Security `restricted` or `baseline`) stops it, that includes a \
                 privileged pod with the host filesystem mounted: root on the node.",
            zh: "能创建或修改 Pod（或会生成 Pod 的控制器）的人，就能决定运行什么、使用哪个服务账号、挂载哪些 \
                 Secret。除非准入策略（Pod Security 的 `restricted` 或 `baseline`）加以阻止，这还包括挂载宿主机\
                 文件系统的特权 Pod，也就是节点 root。",
        },
        remediation: Text {
            en: "Keep `create`, `update` and `patch` on workloads for deployment tooling; give \
                 everyone else `get`, `list` and `watch`, and enforce Pod Security `restricted` on the \
                 namespace.",
            zh: "只让部署工具拥有对工作负载的 `create`、`update` 和 `patch`；其他人只授予 `get`、`list` 和 \
                 `watch`，并在命名空间上强制执行 Pod Security 的 `restricted` 级别。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation",
            "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
        ],
        concern: None,
    },
    check,
};

static WORKLOADS: Grant = Grant {
    targets: &[
        ("", "pods"),
        ("", "replicationcontrollers"),
        ("apps", "deployments"),
        ("apps", "daemonsets"),
        ("apps", "statefulsets"),
        ("apps", "replicasets"),
        ("extensions", "deployments"),
        ("extensions", "daemonsets"),
        ("extensions", "replicasets"),
        ("batch", "jobs"),
        ("batch", "cronjobs"),
    ],
    verbs: &["create", "update", "patch"],
    cluster_scoped: false,
    // Changing one named Deployment still runs any code as its service account.
    names: Names::Any,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&WORKLOADS) {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on `{resource}`, so it decides what runs and as which service account; keep only `get`, `list`, `watch` unless this is deployment tooling",
            "{kind} `{name}` 对 `{resource}` 授予 `{verbs}`，可以决定运行什么以及使用哪个服务账号；除非是部署工具，否则只保留 `get`、`list`、`watch`",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
