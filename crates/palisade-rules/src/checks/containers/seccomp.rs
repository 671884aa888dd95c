//! The seccomp profile each container runs with: its own `securityContext.seccompProfile`, else
//! the pod's, which Kubernetes copies as a whole (a container's profile replaces the pod's, it is
//! not merged with it).
//!
//! The alpha annotations `seccomp.security.alpha.kubernetes.io/pod` and
//! `container.seccomp.security.alpha.kubernetes.io/<name>` set nothing: Kubernetes 1.27 stopped
//! reading them. They are kept only to say so in messages.

use palisade_core::Lang;

use super::platform;
use crate::checks::prelude::*;

/// Where a profile is decided, with the containers it applies to.
pub(super) struct Profile<'a> {
    /// The `type` value, or when it is missing the nearest existing parent.
    pub(super) at: &'a Node,
    /// The path of the `type` field.
    pub(super) field: String,
    /// The profile type as written; `None` when no type is set.
    pub(super) kind: Option<&'a str>,
    /// True when the pod-level profile decides it for `containers`.
    pub(super) pod_level: bool,
    /// True when a `seccompProfile` mapping is written but has no `type`.
    pub(super) untyped: bool,
    pub(super) containers: Vec<&'a str>,
    /// The legacy annotation key that asked for a profile, when no field does.
    pub(super) annotation: Option<String>,
}

/// Every place that decides a container's seccomp profile, one per container, except that the
/// containers which inherit the pod's profile share one entry. Windows pods have no seccomp and
/// give none; neither do containers whose `securityContext` fields have the wrong type (the
/// typecheck reports those).
pub(super) fn profiles<'a>(pod: &PodSpec<'a>) -> Vec<Profile<'a>> {
    let mut profiles = Vec::new();
    if platform::is_windows(pod) || wrong_type(pod.security_context()) {
        return profiles;
    }
    let pod_profile = present(pod.security_context().and_then(|sc| sc.get("seccompProfile")));
    if wrong_type(pod_profile) {
        return profiles;
    }
    let mut inheriting = Vec::new();
    for container in pod.containers() {
        let context = container.security_context();
        let own = present(context.and_then(|sc| sc.get("seccompProfile")));
        if wrong_type(context) || wrong_type(own) {
            continue;
        }
        let name = container.name();
        if let Some(map) = own {
            let field = container.field("securityContext.seccompProfile.type");
            profiles.extend(from_map(map, field, false, vec![name]));
        } else if pod_profile.is_some() {
            inheriting.push(name);
        } else {
            profiles.push(Profile {
                at: container.nearest(&["securityContext"]),
                field: container.field("securityContext.seccompProfile.type"),
                kind: None,
                pod_level: false,
                untyped: false,
                containers: vec![name],
                annotation: legacy_annotation(pod, name),
            });
        }
    }
    if let (Some(map), false) = (pod_profile, inheriting.is_empty()) {
        let field = pod.field("securityContext.seccompProfile.type");
        profiles.extend(from_map(map, field, true, inheriting));
    }
    profiles
}

/// "container `a`" or "containers `a`, `b`", for a message.
pub(super) fn who(containers: &[&str], lang: Lang) -> String {
    let quoted: Vec<String> = containers.iter().map(|c| format!("`{c}`")).collect();
    match lang {
        Lang::Zh => format!("容器 {}", quoted.join("、")),
        Lang::En if quoted.len() == 1 => format!("container {}", quoted[0]),
        Lang::En => format!("containers {}", quoted.join(", ")),
    }
}

fn from_map<'a>(
    map: &'a Node,
    field: String,
    pod_level: bool,
    containers: Vec<&'a str>,
) -> Option<Profile<'a>> {
    let (at, kind) = match present(map.get("type")) {
        Some(value) => (value, Some(value.as_str()?)),
        None => (map, None),
    };
    Some(Profile {
        at,
        field,
        kind,
        pod_level,
        untyped: kind.is_none(),
        containers,
        annotation: None,
    })
}

fn legacy_annotation(pod: &PodSpec<'_>, container: &str) -> Option<String> {
    [
        format!("container.seccomp.security.alpha.kubernetes.io/{container}"),
        "seccomp.security.alpha.kubernetes.io/pod".to_owned(),
    ]
    .into_iter()
    .find(|key| pod.annotation(key).is_some())
}

/// The node, unless it is absent or null (which Kubernetes reads as absent).
fn present(node: Option<&Node>) -> Option<&Node> {
    node.filter(|n| !n.is_null())
}

fn wrong_type(node: Option<&Node>) -> bool {
    present(node).is_some_and(|n| n.as_map().is_none())
}
