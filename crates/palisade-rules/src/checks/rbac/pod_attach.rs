//! K8S408: a role can attach to the processes of running pods.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S408",
        aliases: &["KSV054"],
        severity: Severity::High,
        title: Text {
            en: "Role can attach to pods",
            zh: "角色可以附加到 Pod",
        },
        description: Text {
            en: "`pods/attach` connects to the main process of a running container: its output and, \
                 when the container has `stdin: true`, its input. A container running a shell or an \
                 interpreter becomes a remote shell with the pod's service account and host access. \
                 `create` is the verb over SPDY; `get` is enough over WebSockets on clusters that do \
                 not yet require `create` for upgrades.",
            zh: "`pods/attach` 会连接到运行中容器的主进程：读取它的输出；如果容器设置了 `stdin: true`，还能向它\
                 输入。若容器运行的是 shell 或解释器，这就成了一个带有该 Pod 服务账号和宿主机访问权限的远程 shell。\
                 通过 SPDY 使用的是 `create` 操作；在尚未要求升级请求具备 `create` 权限的集群上，通过 WebSocket \
                 只需 `get`。",
        },
        remediation: Text {
            en: "Remove `pods/attach` from the role; read output with `pods/log` (`get`) instead.",
            zh: "从角色中删除 `pods/attach`；需要查看输出时改用 `pods/log` 的 `get`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation",
            "https://kubernetes.io/docs/reference/kubectl/generated/kubectl_attach/",
        ],
        concern: None,
    },
    check,
};

static ATTACH: Grant = Grant {
    targets: &[("", "pods/attach")],
    verbs: &["create", "get"],
    cluster_scoped: false,
    names: Names::Any,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&ATTACH) {
        let (kind, name, verbs, resource) = (role.kind, role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants `{verbs}` on `{resource}`, which connects to the processes of running pods; remove `{resource}` from the rule",
            "{kind} `{name}` 对 `{resource}` 授予 `{verbs}`，可以连接到运行中 Pod 的进程；请从规则中删除 `{resource}`",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
