//! K8S404: a wildcard in a Role or `ClusterRole` rule.
//!
//! Every rule of the role counts, where Checkov's `CKV_K8S_49` looks only at the first.

use super::view::Role;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S404",
        aliases: &["CKV_K8S_49"],
        severity: Severity::Low,
        title: Text {
            en: "Wildcard in an RBAC rule",
            zh: "RBAC 规则中使用了通配符",
        },
        description: Text {
            en: "A `*` in `apiGroups`, `resources`, `verbs` or `nonResourceURLs` grants everything \
                 that matches today and everything Kubernetes, CRDs or aggregated APIs add later, so \
                 nobody can say what the role allows by reading it. The sharper wildcard rules \
                 (K8S400–K8S403) report the dangerous combinations.",
            zh: "`apiGroups`、`resources`、`verbs` 或 `nonResourceURLs` 中的 `*` 会授予当前匹配的一切，以及 \
                 Kubernetes、CRD 或聚合 API 日后新增的一切，读角色定义已无法看出它到底允许什么。\
                 危险的组合由更具体的通配符规则（K8S400–K8S403）报告。",
        },
        remediation: Text {
            en: "List the API groups, resources, verbs and URLs the workload uses instead of `*`.",
            zh: "用工作负载实际用到的 API 组、资源、操作和 URL 替换 `*`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
            "https://www.cisecurity.org/benchmark/kubernetes",
        ],
        concern: Some("rbac-wildcard"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for rule in &role.rules {
        for key in ["apiGroups", "resources", "verbs", "nonResourceURLs"] {
            for (index, node, value) in rule.items(key) {
                let wildcard = if key == "nonResourceURLs" {
                    value == "*"
                } else {
                    value.contains('*')
                };
                if !wildcard {
                    continue;
                }
                let (kind, name) = (role.kind, role.name);
                let message = tr!(
                    sink.lang(),
                    "{kind} `{name}` uses `{value}` in `{key}`; list the values it needs",
                    "{kind} `{name}` 在 `{key}` 中使用了 `{value}`；请列出实际需要的值",
                );
                sink.report(&RULE.meta, node, rule.field(&format!("{key}[{index}]")), message);
            }
        }
    }
}
