//! K8S130: a pod gets a service account token without asking for one
//! (`automountServiceAccountToken` unset).
//!
//! An explicit `automountServiceAccountToken: true` is the documented way for a pod that calls
//! the API to opt in, so it is not reported (Checkov's `CKV_K8S_38` reports it). Trivy's KSV036
//! is not an alias: it reports only an explicit `true` or a container mounting something at the
//! token path, and passes a pod that sets nothing — the case this rule exists for. A
//! `ServiceAccount` with `automountServiceAccountToken: false` also stops the mount, but lives in
//! another object; the message says so.

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S130",
        aliases: &["CKV_K8S_38"],
        severity: Severity::Low,
        title: Text {
            en: "Service account token mounted by default",
            zh: "默认挂载了服务账号令牌",
        },
        description: Text {
            en: "Unless told otherwise, Kubernetes mounts a token of the pod's service account at \
                 `/var/run/secrets/kubernetes.io/serviceaccount`. Most applications never call the \
                 Kubernetes API, but anyone who gets code execution in the container can read the \
                 token and act with the account's permissions, so the token should only be where it \
                 is needed.",
            zh: "除非明确关闭，Kubernetes 会把 Pod 所用服务账号的令牌挂载到 \
                 `/var/run/secrets/kubernetes.io/serviceaccount`。大多数应用从不调用 Kubernetes API，\
                 但任何能在容器里执行代码的人都能读取这个令牌，并以该账号的权限操作集群，所以令牌只应出现在\
                 确实需要它的地方。",
        },
        remediation: Text {
            en: "Set `automountServiceAccountToken: false` in the pod spec. Pods that call the API set \
                 it to `true` explicitly; alternatively set `automountServiceAccountToken: false` on the \
                 ServiceAccount and opt in per pod.",
            zh: "在 Pod spec 中设置 `automountServiceAccountToken: false`。需要调用 API 的 Pod 显式设置为 \
                 `true`；也可以在 ServiceAccount 上设置 `automountServiceAccountToken: false`，再由各 Pod \
                 按需开启。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
            "https://kubernetes.io/docs/concepts/security/service-accounts/",
        ],
        concern: Some("service-account-token"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    // `false` opts out, `true` opts in on purpose, anything else is a type error.
    if pod
        .get("automountServiceAccountToken")
        .is_some_and(|v| !v.is_null())
    {
        return;
    }
    let object = label(object);
    let message = tr!(
        sink.lang(),
        "{object} gets a service account token it did not ask for; set `automountServiceAccountToken: false` (or `true` if it calls the Kubernetes API)",
        "{object} 会被自动挂载服务账号令牌；请设置 `automountServiceAccountToken: false`（若确实调用 Kubernetes API，则显式设为 `true`）",
    );
    sink.report(
        &RULE.meta,
        pod.node,
        pod.field("automountServiceAccountToken"),
        message,
    );
}
