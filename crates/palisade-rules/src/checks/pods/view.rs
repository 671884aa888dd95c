//! Small views the pod checks share: how a message names an object, and which containers mount
//! a volume.

use palisade_core::Lang;

use crate::checks::prelude::*;

/// ``Deployment `web` `` — how messages name the object a finding is on.
pub(super) fn label(object: &Object<'_>) -> String {
    format!("{} `{}`", object.kind, object.name.unwrap_or("<unnamed>"))
}

/// The names of the containers (of every list) that mount the volume `volume`, each once.
pub(super) fn mounted_by<'a>(pod: &PodSpec<'a>, volume: &str) -> Vec<&'a str> {
    let mut names: Vec<&str> = Vec::new();
    for container in pod.containers() {
        let mounts = container
            .get("volumeMounts")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        let mounts_it = mounts
            .iter()
            .any(|m| m.get("name").and_then(Node::as_text) == Some(volume));
        if mounts_it && !names.contains(&container.name()) {
            names.push(container.name());
        }
    }
    names
}

/// ` (used by `a`, `b`)`: which containers a volume reaches, for after the volume's name.
pub(super) fn used_by(lang: Lang, containers: &[&str]) -> String {
    let quoted: Vec<String> = containers.iter().map(|c| format!("`{c}`")).collect();
    match (lang, quoted.is_empty()) {
        (Lang::En, true) => " (not used by any container yet)".to_owned(),
        (Lang::Zh, true) => "（目前没有容器使用）".to_owned(),
        (Lang::En, false) => format!(" (used by {})", quoted.join(", ")),
        (Lang::Zh, false) => format!("（被容器 {} 使用）", quoted.join("、")),
    }
}

/// Whether the object is a workload: a kind that makes pods (whether or not its pod template is
/// filled in).
pub(super) fn is_workload(object: &Object<'_>) -> bool {
    matches!(
        (object.kind, object.group()),
        ("Pod" | "PodTemplate" | "ReplicationController", "")
            | (
                "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet",
                "apps" | "extensions"
            )
            | ("Job" | "CronJob", "batch")
    )
}
