//! K8S304: a Secret volume gives its files a mode wider than 0440.
//!
//! Checked: `secret.defaultMode`, `secret.items[].mode`, and for projected volumes with a Secret
//! source `projected.defaultMode` and `projected.sources[].secret.items[].mode`. A `defaultMode`
//! is only reported when some file takes it (an item without its own `mode`, or no `items`). Modes
//! are integers: YAML 1.1 octal (`0644`) and decimal (`420`, as JSON manifests carry them) are the
//! same mode; messages show octal. A mode not written is Kubernetes' default 0644, which is not
//! reported: this rule reports modes someone chose.

use super::view::list;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S304",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Secret volume files are readable beyond owner and group",
            zh: "Secret 卷文件权限超出属主和属组只读",
        },
        description: Text {
            en: "A mode such as 0644 or 0755 lets every user in the container read the secret \
                 files, including processes of other UIDs such as sidecars, helpers or an \
                 attacker who got in as an unprivileged user. 0440 (owner and group read) or 0400 \
                 is all an application needs to read its credentials.",
            zh: "0644、0755 这样的权限让容器内的所有用户都能读取密钥文件，包括以其他 UID 运行的\
                 sidecar、辅助进程，以及以非特权用户身份入侵的攻击者。应用读取凭据只需要 0440\
                 （属主和属组可读）或 0400。",
        },
        remediation: Text {
            en: "Set `defaultMode: 0400` (or `0440` together with `securityContext.fsGroup` when \
                 the process runs as another user) on the secret or projected volume, and the \
                 same limit on any `items[].mode`.",
            zh: "在 secret 或 projected 卷上设置 `defaultMode: 0400`（如果进程以其他用户运行，\
                 则设为 `0440` 并配合 `securityContext.fsGroup`），`items[].mode` 也不要超过这个范围。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
            "https://kubernetes.io/docs/concepts/storage/volumes/#secret",
        ],
        concern: None,
    },
    check,
};

/// Owner and group read: the widest mode a secret file needs.
const WIDEST: i64 = 0o440;

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for (index, volume) in pod.volumes() {
        let volume_name = volume.get("name").and_then(Node::as_text).unwrap_or("<unnamed>");
        let base = pod.field(&format!("volumes[{index}]"));
        let mut report = |node: &Node, field: String| {
            let Some(mode) = too_wide(node) else { return };
            let message = tr!(
                sink.lang(),
                "volume `{volume_name}` gives secret files mode {mode:04o}, wider than 0440; set \
                 it to 0400 or 0440",
                "卷 `{volume_name}` 把密钥文件权限设为 {mode:04o}，超出 0440；请改为 0400 或 0440",
            );
            sink.report(&RULE.meta, node, field, message);
        };
        if let Some(secret) = volume.get("secret") {
            if let Some(mode) = secret.get("defaultMode") {
                if some_file_takes_default(secret) {
                    report(mode, format!("{base}.secret.defaultMode"));
                }
            }
            for (i, item) in list(secret, "items") {
                if let Some(mode) = item.get("mode") {
                    report(mode, format!("{base}.secret.items[{i}].mode"));
                }
            }
        }
        if let Some(projected) = volume.get("projected") {
            let secrets: Vec<(usize, &Node)> = list(projected, "sources")
                .filter_map(|(i, source)| Some((i, source.get("secret")?)))
                .filter(|(_, secret)| secret.as_map().is_some())
                .collect();
            if let Some(mode) = projected.get("defaultMode") {
                if secrets.iter().any(|(_, s)| some_file_takes_default(s)) {
                    report(mode, format!("{base}.projected.defaultMode"));
                }
            }
            for (s, secret) in secrets {
                for (i, item) in list(secret, "items") {
                    if let Some(mode) = item.get("mode") {
                        report(
                            mode,
                            format!("{base}.projected.sources[{s}].secret.items[{i}].mode"),
                        );
                    }
                }
            }
        }
    }
}

/// The mode, if it is a valid one that grants more than owner and group read.
fn too_wide(node: &Node) -> Option<i64> {
    let mode = node.as_i64()?;
    ((0..=0o777).contains(&mode) && mode & !WIDEST != 0).then_some(mode)
}

/// Whether the default mode applies to some file: there are no `items` (every key is projected),
/// or some item has no `mode` of its own.
fn some_file_takes_default(secret: &Node) -> bool {
    match secret.get("items").and_then(Node::as_seq) {
        Some(items) if !items.is_empty() => items.iter().any(|item| item.get("mode").is_none()),
        _ => true,
    }
}
