//! K8S306: a Secret, `ConfigMap` or projected volume is mounted without `readOnly: true`.
//!
//! Reported at `volumeMounts[].readOnly: false`, or at the mount when `readOnly` is missing, for
//! every container list. A `readOnly` that is not a boolean is a type error, not this finding.

use super::view::{api_volume, container_entry, list};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S306",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Secret or ConfigMap volume mounted without readOnly",
            zh: "Secret 或 ConfigMap 卷挂载时未设置 readOnly",
        },
        description: Text {
            en: "Configuration and credentials are inputs; nothing in the container should write \
                 them. Current kubelets already mount these volumes read-only (since the fix for \
                 CVE-2017-1002102), so `readOnly: true` costs nothing: it states the intent where \
                 reviewers and admission policies can check it, and keeps the mount read-only if \
                 the volume is later switched to a writable source.",
            zh: "配置和凭据是输入，容器里不应有任何进程去改写它们。如今的 kubelet 本就以只读方式挂载\
                 这类卷（CVE-2017-1002102 修复之后），所以写上 `readOnly: true` 没有任何代价：\
                 它把意图写在评审者和准入策略看得到的地方，而且以后卷换成可写来源时挂载仍保持只读。",
        },
        remediation: Text {
            en: "Add `readOnly: true` to each `volumeMounts[]` entry that mounts a secret, \
                 configMap or projected volume.",
            zh: "在挂载 secret、configMap 或 projected 卷的每个 `volumeMounts[]` 条目上加上 \
                 `readOnly: true`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/storage/volumes/",
            "https://github.com/kubernetes/kubernetes/issues/60814",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        for (index, mount) in list(container.node, "volumeMounts") {
            let Some(volume) = mount.get("name").and_then(Node::as_text) else {
                continue;
            };
            let Some(source) = api_volume(&pod, volume) else {
                continue;
            };
            let (at, writable) = match mount.get("readOnly") {
                None => (mount, true),
                Some(value) => (value, value.as_bool() == Some(false) || value.is_null()),
            };
            if !writable {
                continue;
            }
            let name = container.name();
            let kind = source.key();
            let message = tr!(
                sink.lang(),
                "container `{name}` mounts {kind} volume `{volume}` without `readOnly: true`; add \
                 `readOnly: true` to the mount",
                "容器 `{name}` 挂载 {kind} 卷 `{volume}` 时没有设置 `readOnly: true`；请为该挂载加上 \
                 `readOnly: true`",
            );
            let field = format!("{}.readOnly", container_entry(&container, "volumeMounts", index));
            sink.report(&RULE.meta, at, field, message);
        }
    }
}
