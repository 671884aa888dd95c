//! Wrong types in the fields palisade reads (`privileged: "true"`, `runAsUser: root`): the API
//! server rejects such objects, and a check reading them would guess. Each is an error entry.

use std::sync::Arc;

use palisade_core::Diagnostic;
use palisade_yaml::{Node, Resolved};

use crate::k8s::Object;

#[derive(Clone, Copy)]
enum Type {
    Str,
    Bool,
    Int,
    Map,
    List,
}

const POD_FIELDS: &[(&str, Type)] = &[
    ("hostNetwork", Type::Bool),
    ("hostPID", Type::Bool),
    ("hostIPC", Type::Bool),
    ("automountServiceAccountToken", Type::Bool),
    ("securityContext", Type::Map),
    ("containers", Type::List),
    ("initContainers", Type::List),
    ("ephemeralContainers", Type::List),
    ("volumes", Type::List),
];

const SECURITY_CONTEXT_FIELDS: &[(&str, Type)] = &[
    ("privileged", Type::Bool),
    ("allowPrivilegeEscalation", Type::Bool),
    ("readOnlyRootFilesystem", Type::Bool),
    ("runAsNonRoot", Type::Bool),
    ("runAsUser", Type::Int),
    ("runAsGroup", Type::Int),
    ("fsGroup", Type::Int),
    ("supplementalGroups", Type::List),
    ("capabilities", Type::Map),
    ("seccompProfile", Type::Map),
    ("seLinuxOptions", Type::Map),
];

const CONTAINER_FIELDS: &[(&str, Type)] = &[
    ("image", Type::Str),
    ("imagePullPolicy", Type::Str),
    ("securityContext", Type::Map),
    ("resources", Type::Map),
    ("env", Type::List),
    ("envFrom", Type::List),
    ("ports", Type::List),
    ("volumeMounts", Type::List),
];

const CAPABILITY_FIELDS: &[(&str, Type)] = &[("add", Type::List), ("drop", Type::List)];

pub(crate) fn check(path: &Arc<str>, object: &Object<'_>, errors: &mut Vec<Diagnostic>) {
    let Some(pod) = object.pod_spec() else { return };
    fields(path, pod.node, &pod.field(""), POD_FIELDS, errors);
    if let Some(sc) = pod.security_context() {
        fields(
            path,
            sc,
            &pod.field("securityContext"),
            SECURITY_CONTEXT_FIELDS,
            errors,
        );
    }
    for container in pod.containers() {
        fields(
            path,
            container.node,
            &container.field(""),
            CONTAINER_FIELDS,
            errors,
        );
        let Some(sc) = container.security_context() else {
            continue;
        };
        let prefix = container.field("securityContext");
        fields(path, sc, &prefix, SECURITY_CONTEXT_FIELDS, errors);
        if let Some(caps) = sc.get("capabilities") {
            fields(
                path,
                caps,
                &format!("{prefix}.capabilities"),
                CAPABILITY_FIELDS,
                errors,
            );
        }
    }
}

fn fields(path: &Arc<str>, node: &Node, prefix: &str, table: &[(&str, Type)], errors: &mut Vec<Diagnostic>) {
    for (key, expected) in table {
        let Some(value) = node.get(key) else { continue };
        if value.is_null() {
            continue;
        }
        let ok = match expected {
            Type::Str => matches!(value.resolve(), Some(Resolved::Str(_))),
            Type::Bool => matches!(value.resolve(), Some(Resolved::Bool(_))),
            Type::Int => matches!(value.resolve(), Some(Resolved::Int(_))),
            Type::Map => value.as_map().is_some(),
            Type::List => value.as_seq().is_some(),
        };
        if !ok {
            let want = match expected {
                Type::Str => "a string",
                Type::Bool => "a boolean (true or false, unquoted)",
                Type::Int => "an integer",
                Type::Map => "a mapping",
                Type::List => "a list",
            };
            errors.push(wrong(path, value, &format!("{prefix}.{key}"), want));
        }
    }
}

fn wrong(path: &Arc<str>, value: &Node, field: &str, want: &str) -> Diagnostic {
    let found = value.type_name();
    Diagnostic::at(
        path,
        value.span.start,
        format!(
            "`{field}` must be {want}, found a {found}; the API server rejects this object, so it was not checked on this field"
        ),
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::{Settings, scan_manifest};

    #[test]
    fn wrong_types_are_errors_at_the_value() {
        let text = "apiVersion: v1\nkind: Pod\nspec:\n  hostPID: \"true\"\n  containers:\n    - name: app\n      image: 1.0\n      securityContext:\n        runAsUser: root\n        capabilities: {add: SYS_ADMIN}\n";
        let scan = scan_manifest(&Arc::from("p.yaml"), text, &Settings::default());
        let errors: Vec<(u32, &str)> = scan
            .errors
            .iter()
            .map(|e| (e.line.unwrap(), e.message.split('`').nth(1).unwrap()))
            .collect();
        assert_eq!(
            errors,
            vec![
                (4, "spec.hostPID"),
                (7, "spec.containers[0].image"),
                (9, "spec.containers[0].securityContext.runAsUser"),
                (10, "spec.containers[0].securityContext.capabilities.add"),
            ]
        );
    }
}
