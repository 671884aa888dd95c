//! Workload checks (K8S2xx): resource requests and limits, image references and pull policy,
//! health probes, and components or API versions a cluster should no longer run.

use palisade_core::Lang;

use self::image_ref::{ImageRef, container_images};
use crate::Rule;
use crate::checks::prelude::{Container, Node, Object, RuleMeta, Sink};
use crate::k8s::ContainerKind;

mod cpu_limit_missing;
mod cpu_request_missing;
mod dashboard_deployed;
mod deprecated_api_version;
mod image_pull_policy_not_always;
pub(super) mod image_ref;
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

/// A component a cluster should not run (Tiller, the Kubernetes Dashboard): how to recognise it
/// and what to say about it.
struct Component {
    /// Whether an image is the component's.
    image: fn(&ImageRef<'_>) -> bool,
    /// Pod labels (key, value) that mark the component when no image does.
    labels: &'static [(&'static str, &'static str)],
    /// The message for a container running it: (language, container, image as written).
    by_image: fn(Lang, &str, &str) -> String,
    /// The message for a pod label: (language, key, value, the pods).
    by_label: fn(Lang, &str, &str, &str) -> String,
}

/// Reports every container that runs `component`'s image; failing that, the first of its pod
/// labels found.
fn report_component(
    object: &Object<'_>,
    sink: &mut Sink<'_>,
    rule: &'static RuleMeta,
    component: &Component,
) {
    let mut found = false;
    for image in container_images(object) {
        if (component.image)(&image.reference) {
            found = true;
            let who = container_label(&image.container, sink.lang());
            let message = (component.by_image)(sink.lang(), &who, image.text);
            sink.report(rule, image.node, image.container.field("image"), message);
        }
    }
    if found {
        return;
    }
    for &(key, value) in component.labels {
        if let Some((node, field)) = pod_label(object, key).filter(|(node, _)| node.as_str() == Some(value)) {
            let message = (component.by_label)(sink.lang(), key, value, &pods_label(object, sink.lang()));
            sink.report(rule, node, field, message);
            return;
        }
    }
}
