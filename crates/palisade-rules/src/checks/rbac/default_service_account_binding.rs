//! K8S434: a binding grants a role to a namespace's `default` service account.

use super::view::Binding;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S434",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Binding grants a role to the default service account",
            zh: "绑定把角色授予了 default 服务账号",
        },
        description: Text {
            en: "Every pod that names no service account runs as `default`, so a role bound to it \
                 goes to every such pod of the namespace, including ones added later by people who \
                 never asked for it.",
            zh: "没有指定服务账号的 Pod 都以 `default` 身份运行，所以绑定给它的角色会被该命名空间里所有这样的 Pod \
                 获得，包括日后别人添加、根本不需要这些权限的 Pod。",
        },
        remediation: Text {
            en: "Create a dedicated service account, bind the role to it and set \
                 `serviceAccountName` on the pods that need it.",
            zh: "新建一个专用服务账号，把角色绑定给它，并在需要的 Pod 上设置 `serviceAccountName`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions",
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
        if subject.kind() != Some("ServiceAccount") || who != "default" {
            continue;
        }
        let (kind, name) = (binding.kind, binding.name);
        let namespace = subject.namespace().or(object.namespace).unwrap_or("?");
        let message = tr!(
            sink.lang(),
            "{kind} `{name}` grants its role to the `default` service account of namespace `{namespace}`, which every pod without `serviceAccountName` uses; bind a dedicated service account",
            "{kind} `{name}` 把角色授予了命名空间 `{namespace}` 的 `default` 服务账号，所有未设置 `serviceAccountName` 的 Pod 都在使用它；请绑定专用服务账号",
        );
        sink.report(&RULE.meta, node, subject.field("name"), message);
    }
}
