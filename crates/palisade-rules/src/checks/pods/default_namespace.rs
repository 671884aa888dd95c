//! K8S140: an object is placed in the `default` namespace, explicitly or by having none.
//!
//! Trivy (KSV110, workloads only) and Checkov (`CKV_K8S_21`, workloads and `Service`, `Secret`,
//! `ConfigMap`, `ServiceAccount`, `Role`, `RoleBinding`, `Ingress`) both treat a missing namespace as
//! `default`, and so does this rule, over Checkov's kinds: `kubectl apply` without `-n` puts such
//! an object in `default`. The message says which case it is, so a manifest meant for
//! `kubectl -n` or a kustomization's `namespace:` can be suppressed knowingly. The `default`
//! `ServiceAccount` and the `kubernetes` `Service` belong in `default` and are never reported.

use super::view::{is_workload, label};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S140",
        aliases: &["KSV110", "CKV_K8S_21"],
        severity: Severity::Low,
        title: Text {
            en: "Object in the default namespace",
            zh: "对象位于 default 命名空间",
        },
        description: Text {
            en: "Namespaces are where RBAC, NetworkPolicy, ResourceQuota and Pod Security admission \
                 apply. Objects left in `default` share it with everything else nobody placed \
                 deliberately, so no policy can be tightened for them without affecting the rest, and \
                 a grant meant for one application reaches them all.",
            zh: "RBAC、NetworkPolicy、ResourceQuota 和 Pod 安全准入都以命名空间为单位生效。留在 `default` 中的\
                 对象与所有未被刻意安置的东西混在一起，无法单独收紧策略而不波及其他对象，为某个应用授予的权限\
                 也会覆盖到所有对象。",
        },
        remediation: Text {
            en: "Create a namespace for the application and set `metadata.namespace` to it (or set \
                 `namespace:` in the kustomization or Helm release that deploys it).",
            zh: "为应用创建专用命名空间，并把 `metadata.namespace` 设为它（或在部署它的 kustomization、\
                 Helm release 中设置 `namespace`）。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
            "https://kubernetes.io/docs/concepts/security/multi-tenancy/#namespaces",
        ],
        concern: Some("namespace"),
    },
    check,
};

/// Namespaced kinds that name an application's own objects (Checkov's list, plus `PodTemplate`).
fn applies(object: &Object<'_>) -> bool {
    match (object.kind, object.group()) {
        ("ServiceAccount", "") => object.name != Some("default"),
        ("Service", "") => object.name != Some("kubernetes"),
        ("Secret" | "ConfigMap", "")
        | ("Role" | "RoleBinding", "rbac.authorization.k8s.io")
        | ("Ingress", "networking.k8s.io" | "extensions") => true,
        _ => is_workload(object),
    }
}

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    if !applies(object) {
        return;
    }
    let node = object.metadata().and_then(|m| m.get("namespace"));
    let name = label(object);
    let message = match node.filter(|n| !n.is_null()).map(|n| n.as_text()) {
        Some(Some("default")) => tr!(
            sink.lang(),
            "{name} is in the `default` namespace; move it to a namespace of its own",
            "{name} 位于 `default` 命名空间；请把它移到专用的命名空间",
        ),
        Some(Some("")) | None => tr!(
            sink.lang(),
            "{name} has no namespace, so it lands in `default` unless applied with `-n`; set `metadata.namespace`",
            "{name} 未设置命名空间，除非用 `-n` 指定，否则会落在 `default` 中；请设置 `metadata.namespace`",
        ),
        Some(_) => return,
    };
    let at = node.or(object.metadata()).unwrap_or(object.root);
    sink.report(&RULE.meta, at, "metadata.namespace", message);
}
