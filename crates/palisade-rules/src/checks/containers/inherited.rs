//! What the identity and hardening checks of this family share: reading securityContext fields
//! (with `Container::source` for inherited ones), the pod traits that exempt a pod from them,
//! and the checks of UIDs and GIDs that several rules run with their own words.

use palisade_core::Lang;

use crate::checks::prelude::*;
use crate::k8s::Source;

/// `key` in a securityContext, unless it is absent or `null`.
pub(super) fn set<'a>(security_context: Option<&'a Node>, key: &str) -> Option<&'a Node> {
    security_context?.get(key).filter(|v| !v.is_null())
}

/// Whether the container's or the pod's securityContext is there but is not a mapping. The API
/// server rejects such an object and the type check reports it; no check guesses what it meant.
pub(super) fn malformed(container: &Container<'_>) -> bool {
    let wrong = |sc: Option<&Node>| sc.is_some_and(|sc| !sc.is_null() && sc.as_map().is_none());
    wrong(container.security_context()) || wrong(container.pod.security_context())
}

/// `hostUsers: false`: the pod has its own user namespace, so UID and GID 0 inside it map to
/// unprivileged IDs on the node. The Pod Security Standards waive runAsNonRoot and runAsUser for
/// such pods (KEP-127), and a host ID collision cannot happen.
pub(super) fn in_user_namespace(pod: &PodSpec<'_>) -> bool {
    pod.get("hostUsers").and_then(Node::as_bool) == Some(false)
}

/// The containers a pod-level value applies to, for a message: "container `web`",
/// "containers `web`, `proxy`" (zh: "容器 `web`、`proxy`").
pub(super) fn containers_named(names: &[&str], lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    };
    let list = names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(separator);
    match (lang, names.len()) {
        (Lang::En, 1) => format!("container {list}"),
        (Lang::En, _) => format!("containers {list}"),
        (Lang::Zh, _) => format!("容器 {list}"),
    }
}

/// The note for a container-only field (`allowPrivilegeEscalation`, `readOnlyRootFilesystem`)
/// written in the pod-level securityContext, where Kubernetes has no such field and drops it.
pub(super) fn ignored_at_pod_level(pod: &PodSpec<'_>, key: &str, lang: Lang) -> String {
    if set(pod.security_context(), key).is_none() {
        return String::new();
    }
    tr!(
        lang,
        " (the pod-level `{key}` has no effect: Kubernetes reads it only per container)",
        "（Pod 级别的 `{key}` 不起作用：Kubernetes 只在容器级别读取它）",
    )
}

/// IDs up to this one are where a node's own users, groups and system accounts live.
const HOST_RANGE_END: i64 = 10000;

/// What a low-ID rule (K8S006 for `runAsUser`, K8S007 for `runAsGroup`) says, in the chosen
/// language: a container's own ID, a pod-level ID inherited by the named containers, no ID at all.
pub(super) struct HostRangeText {
    pub(super) own: fn(Lang, &str, i64) -> String,
    pub(super) inherited: fn(Lang, &str, i64) -> String,
    pub(super) unset: fn(Lang, &str) -> String,
}

/// Reports every container whose `key` is in the node's ID range (0 to 10000) or unset: at the
/// container's own value, once at the pod-level value for all the containers that inherit it, or
/// at the container's securityContext when nothing sets it. Windows pods and pods in their own
/// user namespace are exempt.
pub(super) fn check_host_range(
    object: &Object<'_>,
    sink: &mut Sink<'_>,
    rule: &'static RuleMeta,
    key: &str,
    text: &HostRangeText,
) {
    let Some(pod) = object.pod_spec() else { return };
    if pod.is_windows() || in_user_namespace(&pod) {
        return;
    }
    let in_host_range = |value: &Node| value.as_i64().filter(|id| (0..=HOST_RANGE_END).contains(id));
    let field = format!("securityContext.{key}");
    let mut inheriting = Vec::new();
    let mut pod_value = None;
    for container in pod.containers() {
        if malformed(&container) {
            continue;
        }
        let name = container.name();
        match container.source(key) {
            Source::Container(value) => {
                if let Some(id) = in_host_range(value) {
                    sink.report(
                        rule,
                        value,
                        container.field(&field),
                        (text.own)(sink.lang(), name, id),
                    );
                }
            }
            Source::Pod(value) => {
                if let Some(id) = in_host_range(value) {
                    inheriting.push(name);
                    pod_value = Some((value, id));
                }
            }
            Source::Unset => {
                let at = container.nearest(&["securityContext"]);
                sink.report(rule, at, container.field(&field), (text.unset)(sink.lang(), name));
            }
        }
    }
    if let Some((value, id)) = pod_value {
        let names = containers_named(&inheriting, sink.lang());
        sink.report(
            rule,
            value,
            pod.field(&field),
            (text.inherited)(sink.lang(), &names, id),
        );
    }
}

/// What a root-ID rule (K8S004 for `runAsUser`, K8S005 for `runAsGroup`) says: a container's own
/// 0, a pod-level 0 the named containers inherit, a pod-level 0 no container inherits yet.
pub(super) struct RootIdText {
    pub(super) own: fn(Lang, &str) -> String,
    pub(super) inherited: fn(Lang, &str) -> String,
    pub(super) unused: fn(Lang) -> String,
}

/// Reports every container whose own `key` is 0, and a pod-level `key: 0` once, naming the
/// containers that inherit it (it is reported even when none does: it is the default of any
/// container added later). Windows pods and pods in their own user namespace are exempt.
pub(super) fn check_root_id(
    object: &Object<'_>,
    sink: &mut Sink<'_>,
    rule: &'static RuleMeta,
    key: &str,
    text: &RootIdText,
) {
    let Some(pod) = object.pod_spec() else { return };
    if pod.is_windows() || in_user_namespace(&pod) {
        return;
    }
    let field = format!("securityContext.{key}");
    let mut inheriting = Vec::new();
    for container in pod.containers() {
        if malformed(&container) {
            continue;
        }
        match container.source(key) {
            Source::Container(value) if value.as_i64() == Some(0) => {
                sink.report(
                    rule,
                    value,
                    container.field(&field),
                    (text.own)(sink.lang(), container.name()),
                );
            }
            Source::Pod(_) => inheriting.push(container.name()),
            _ => {}
        }
    }
    let Some(value) = set(pod.security_context(), key).filter(|v| v.as_i64() == Some(0)) else {
        return;
    };
    let message = if inheriting.is_empty() {
        (text.unused)(sink.lang())
    } else {
        (text.inherited)(sink.lang(), &containers_named(&inheriting, sink.lang()))
    };
    sink.report(rule, value, pod.field(&field), message);
}
