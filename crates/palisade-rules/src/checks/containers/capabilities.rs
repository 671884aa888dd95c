//! The Linux capabilities a container's `securityContext.capabilities` adds and drops, read the
//! way the container runtimes read them.
//!
//! containerd and CRI-O upper-case every name, and CRI-O and Docker also accept a `CAP_` prefix,
//! so `sys_admin`, `CAP_SYS_ADMIN` and `SYS_ADMIN` all grant the same capability.

use palisade_core::Lang;

use crate::checks::prelude::*;

/// The capabilities the Pod Security Standards baseline profile lets a container add: the
/// runtimes' default set, minus `NET_RAW`.
pub(super) const BASELINE: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// One entry of `capabilities.add`.
pub(super) struct Added<'a> {
    /// The list item, where a finding points.
    pub(super) node: &'a Node,
    /// The name as written.
    pub(super) written: &'a str,
    /// The name as the runtime reads it: upper case, without `CAP_`.
    pub(super) name: String,
    /// The path of the list item.
    pub(super) field: String,
}

/// The name a runtime gives to a capability written as `written`.
pub(in crate::checks) fn normalize(written: &str) -> String {
    let upper = written.trim().to_ascii_uppercase();
    match upper.strip_prefix("CAP_") {
        Some(rest) => rest.to_owned(),
        None => upper,
    }
}

/// The `capabilities` mapping of a container's `securityContext`, if it is one.
pub(super) fn capabilities<'a>(container: &Container<'a>) -> Option<&'a Node> {
    container
        .security_context()?
        .get("capabilities")
        .filter(|c| c.as_map().is_some())
}

/// Whether the container's `securityContext` or its `capabilities` has the wrong type: the API
/// server rejects that (the typecheck reports it), so no finding about a missing entry is sure.
pub(super) fn malformed(container: &Container<'_>) -> bool {
    let wrong = |node: Option<&Node>| node.is_some_and(|n| !n.is_null() && n.as_map().is_none());
    let context = container.security_context();
    wrong(context) || wrong(context.and_then(|sc| sc.get("capabilities")))
}

/// Every string entry of the container's `capabilities.add`, in order.
pub(super) fn added<'a>(container: &Container<'a>) -> Vec<Added<'a>> {
    let Some(list) = capabilities(container)
        .and_then(|c| c.get("add"))
        .and_then(Node::as_seq)
    else {
        return Vec::new();
    };
    list.iter()
        .enumerate()
        .filter_map(|(index, node)| {
            let written = node.as_str()?;
            let name = normalize(written);
            (!name.is_empty()).then(|| Added {
                node,
                written,
                name,
                field: container.field(&format!("securityContext.capabilities.add[{index}]")),
            })
        })
        .collect()
}

/// Whether `capabilities.drop` lists `ALL` (in any case, as the runtimes compare it).
pub(super) fn drops_all(container: &Container<'_>) -> bool {
    capabilities(container)
        .and_then(|c| c.get("drop"))
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .any(|name| name.trim().eq_ignore_ascii_case("ALL"))
}

/// Reports every container that adds `capability` (however it is spelt), at the list item, with
/// `message(lang, container, as written)`.
pub(super) fn report_added(
    object: &Object<'_>,
    sink: &mut Sink<'_>,
    rule: &'static RuleMeta,
    capability: &str,
    message: fn(Lang, &str, &str) -> String,
) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        for cap in added(&container) {
            if cap.name == capability {
                let text = message(sink.lang(), container.name(), cap.written);
                sink.report(rule, cap.node, cap.field, text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn names_are_read_as_the_runtimes_read_them() {
        assert_eq!(normalize("SYS_ADMIN"), "SYS_ADMIN");
        assert_eq!(normalize("sys_admin"), "SYS_ADMIN");
        assert_eq!(normalize("CAP_SYS_ADMIN"), "SYS_ADMIN");
        assert_eq!(normalize("cap_net_raw"), "NET_RAW");
        assert_eq!(normalize("all"), "ALL");
        assert_eq!(normalize(" "), "");
    }
}
