//! K8S131: the namespace's `default` service account is in use: a pod runs as it with a token,
//! or a `default` `ServiceAccount` manifest leaves its token mounted into every pod.
//!
//! A pod runs as `default` when `serviceAccountName` is unset or empty and so is the deprecated
//! `serviceAccount`, or when either names `default`. A pod that gets no token (automount `false`
//! and no projected `serviceAccountToken`) cannot act as the account and is not reported.
//! Checkov's `CKV_K8S_41` judges only the `default` `ServiceAccount` manifest; the pods that run
//! as it are this rule's own addition.

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S131",
        aliases: &["CKV_K8S_41"],
        severity: Severity::Low,
        title: Text {
            en: "Default service account in use",
            zh: "使用了默认服务账号",
        },
        description: Text {
            en: "Every pod that names no service account runs as the namespace's `default` account and \
                 receives its token. Any permission granted to `default`, for one workload's sake, is \
                 then held by every pod in the namespace, and audit logs cannot tell the workloads apart.",
            zh: "未指定服务账号的 Pod 都以命名空间的 `default` 账号运行，并拿到它的令牌。为某个工作负载授予 \
                 `default` 的任何权限，命名空间内的所有 Pod 都会同时拥有，审计日志也无法区分是哪个工作负载所为。",
        },
        remediation: Text {
            en: "Create a ServiceAccount for the workload, grant it only what it needs, and set \
                 `serviceAccountName` to it; if the pod does not call the API, set \
                 `automountServiceAccountToken: false`. On the `default` ServiceAccount itself set \
                 `automountServiceAccountToken: false`.",
            zh: "为该工作负载创建专用的 ServiceAccount，只授予必要权限，并把 `serviceAccountName` 设为它；\
                 如果 Pod 不调用 API，设置 `automountServiceAccountToken: false`。在 `default` ServiceAccount \
                 上也设置 `automountServiceAccountToken: false`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts",
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/",
        ],
        concern: Some("default-service-account"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    if object.kind == "ServiceAccount" && object.group().is_empty() {
        default_account(object, sink);
        return;
    }
    let Some(pod) = object.pod_spec() else { return };
    // `serviceAccount` is the deprecated spelling, read when `serviceAccountName` is empty.
    let account = |key: &'static str| {
        pod.get(key)
            .filter(|n| !n.is_null() && n.as_text() != Some(""))
            .map(|n| (n, key))
    };
    let (at, key, name) = match account("serviceAccountName").or_else(|| account("serviceAccount")) {
        Some((node, key)) => (node, key, node.as_text()),
        None => (
            pod.get("serviceAccountName").unwrap_or(pod.node),
            "serviceAccountName",
            Some("default"),
        ),
    };
    if name != Some("default") || !gets_token(&pod) {
        return;
    }
    let object = label(object);
    let message = tr!(
        sink.lang(),
        "{object} runs as the namespace's `default` service account; create a dedicated ServiceAccount and set `serviceAccountName`",
        "{object} 以命名空间的 `default` 服务账号运行；请创建专用的 ServiceAccount 并设置 `serviceAccountName`",
    );
    sink.report(&RULE.meta, at, pod.field(key), message);
}

/// Whether the pod's containers can get a token: automount not turned off, or a projected
/// `serviceAccountToken` volume.
fn gets_token(pod: &PodSpec<'_>) -> bool {
    let automount = pod.get("automountServiceAccountToken").and_then(Node::as_bool);
    automount != Some(false)
        || pod.volumes().any(|(_, volume)| {
            volume
                .path(&["projected", "sources"])
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .any(|source| source.get("serviceAccountToken").is_some_and(|t| !t.is_null()))
        })
}

/// A `default` `ServiceAccount` manifest must turn automounting off, or every pod that names no
/// account gets its token.
fn default_account(object: &Object<'_>, sink: &mut Sink<'_>) {
    if object.name != Some("default") {
        return;
    }
    let value = object.root.get("automountServiceAccountToken");
    if value.is_some_and(|v| v.as_bool() != Some(true) && !v.is_null()) {
        return;
    }
    let namespace = object.namespace.unwrap_or("default");
    let message = tr!(
        sink.lang(),
        "the `default` ServiceAccount of namespace `{namespace}` mounts its token into every pod that names no account; set `automountServiceAccountToken: false`",
        "命名空间 `{namespace}` 的 `default` ServiceAccount 会把令牌挂载到所有未指定账号的 Pod 中；请设置 `automountServiceAccountToken: false`",
    );
    sink.report(
        &RULE.meta,
        value.unwrap_or(object.root),
        "automountServiceAccountToken",
        message,
    );
}
