//! K8S407: a role can run commands in running pods (`pods/exec`, ephemeral debug containers).

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S407",
        aliases: &["KSV053"],
        severity: Severity::High,
        title: Text {
            en: "Role can exec into pods",
            zh: "角色可以进入 Pod 执行命令",
        },
        description: Text {
            en: "`pods/exec` runs any command in a running container, with its service account \
                 token, its mounted Secrets and whatever host access the pod has; from a privileged \
                 pod it is root on the node. `create` is the verb kubectl uses over SPDY, and `get` \
                 is enough over WebSockets on clusters that do not yet require `create` for upgrades. \
                 Adding an ephemeral container (`pods/ephemeralcontainers`, what `kubectl debug` does) \
                 gives the same access.",
            zh: "`pods/exec` 可以在运行中的容器里执行任意命令，并获得该容器的服务账号令牌、挂载的 Secret 以及 Pod \
                 拥有的宿主机访问权限；如果 Pod 是特权的，就等于节点 root。kubectl 通过 SPDY 使用 `create` 操作，\
                 而在尚未要求升级请求具备 `create` 权限的集群上，通过 WebSocket 只需 `get` 即可。添加临时容器\
                 （`pods/ephemeralcontainers`，即 `kubectl debug` 的做法）能获得同样的访问权限。",
        },
        remediation: Text {
            en: "Remove `pods/exec` and `pods/ephemeralcontainers` from the role; give exec to \
                 people through a separate, audited break-glass role.",
            zh: "从角色中删除 `pods/exec` 和 `pods/ephemeralcontainers`；需要进入容器的人员应使用单独的、\
                 有审计的应急角色。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation",
            "https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container",
        ],
        concern: None,
    },
    check,
};

static EXEC: Grant = Grant {
    targets: &[("", "pods/exec")],
    verbs: &["create", "get"],
    cluster_scoped: false,
    names: Names::Any,
};

static DEBUG: Grant = Grant {
    targets: &[("", "pods/ephemeralcontainers")],
    verbs: &["update", "patch"],
    cluster_scoped: false,
    names: Names::Any,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&EXEC).into_iter().chain(role.hits(&DEBUG)) {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on `{resource}`, which runs commands inside running pods; remove `{resource}` from the rule",
            "{kind} `{name}` 对 `{resource}` 授予 `{verbs}`，可以在运行中的 Pod 里执行命令；请从规则中删除 `{resource}`",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
