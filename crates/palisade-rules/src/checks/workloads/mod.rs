//! Workload checks (K8S2xx): resource requests and limits, image references and pull policy,
//! health probes, and components or API versions a cluster should no longer run.

use palisade_core::Lang;

use crate::Rule;
use crate::checks::prelude::{Container, Node, Object};
use crate::k8s::ContainerKind;

mod cpu_limit_missing;
mod cpu_request_missing;
mod dashboard_deployed;
mod deprecated_api_version;
mod image_pull_policy_not_always;
mod image_ref;
mod image_without_digest;
mod latest_image_tag;
mod liveness_probe_missing;
mod memory_limit_missing;
mod memory_request_missing;
mod probes;
mod readiness_probe_missing;
mod resources;
mod tiller_deployed;
mod untrusted_registry;

pub(super) static RULES: &[&Rule] = &[
    &cpu_request_missing::RULE,
    &cpu_limit_missing::RULE,
    &memory_request_missing::RULE,
    &memory_limit_missing::RULE,
    &latest_image_tag::RULE,
    &image_without_digest::RULE,
    &image_pull_policy_not_always::RULE,
    &untrusted_registry::RULE,
    &liveness_probe_missing::RULE,
    &readiness_probe_missing::RULE,
    &tiller_deployed::RULE,
    &deprecated_api_version::RULE,
    &dashboard_deployed::RULE,
];

/// "container `web`", "init container `setup`" or "ephemeral container `debug`", for messages.
fn container_label(container: &Container<'_>, lang: Lang) -> String {
    let name = container.name();
    match (container.kind, lang) {
        (ContainerKind::Container, Lang::En) => format!("container `{name}`"),
        (ContainerKind::Init, Lang::En) => format!("init container `{name}`"),
        (ContainerKind::Ephemeral, Lang::En) => format!("ephemeral container `{name}`"),
        (ContainerKind::Container, Lang::Zh) => format!("容器 `{name}`"),
        (ContainerKind::Init, Lang::Zh) => format!("初始化容器 `{name}`"),
        (ContainerKind::Ephemeral, Lang::Zh) => format!("临时容器 `{name}`"),
    }
}

/// "Deployment `web`", for messages about a whole object.
fn object_label(object: &Object<'_>) -> String {
    format!("{} `{}`", object.kind, object.name.unwrap_or("<unnamed>"))
}

/// "the pods of Deployment `web`" or "Pod `web`", for messages about pod labels.
fn pods_label(object: &Object<'_>, lang: Lang) -> String {
    let what = object_label(object);
    match (object.kind, lang) {
        ("Pod", _) => what,
        (_, Lang::En) => format!("the pods of {what}"),
        (_, Lang::Zh) => format!("{what} 的 Pod"),
    }
}

/// A label of the pods `object` makes (a Pod's own, or its template's), with its field path.
fn pod_label<'a>(object: &Object<'a>, key: &str) -> Option<(&'a Node, String)> {
    let pod = object.pod_spec()?;
    let node = pod.metadata()?.get("labels")?.get(key)?;
    let field = if key.contains(['.', '/']) {
        format!("{}.labels[\"{key}\"]", pod.metadata_prefix)
    } else {
        format!("{}.labels.{key}", pod.metadata_prefix)
    };
    Some((node, field))
}
