//! What the four resource rules share: whether a container's CPU or memory request or limit is
//! set, defaulted by Kubernetes, or missing.
//!
//! Kubernetes semantics, in the order they are applied:
//! - Ephemeral containers cannot have resources; they are never reported.
//! - Pod-level resources (`spec.resources`, Kubernetes 1.32+, beta and on by default from 1.34)
//!   bound every container of the pod together, so a pod-level value satisfies each container.
//!   A pod-level limit also stands for the pod-level request, which defaults to it.
//! - A container that sets a limit but no request gets the limit as its request (API defaulting),
//!   so a missing request is only reported when the limit is missing too. Trivy and Checkov
//!   report the request anyway; the scheduler does not see a gap, so palisade does not either.
//! - A quantity of zero (`0`, `0m`, `0Mi`) is no limit at all for the kubelet and reserves
//!   nothing as a request; it is reported like a missing value, at the value.
//! - A null value is unset. A value of the wrong type (`resources: "big"`) is not judged.
//! - A namespace `LimitRange` may default these values at admission; it is another object, so a
//!   single-object check cannot see it. Set the values in the manifest, or suppress the rule.

use crate::checks::prelude::{Container, Node, Object};
use crate::k8s::ContainerKind;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    Request,
    Limit,
}

impl Bound {
    fn section(self) -> &'static str {
        match self {
            Bound::Request => "requests",
            Bound::Limit => "limits",
        }
    }
}

/// A container whose request or limit is not in effect.
pub(super) struct Unset<'a> {
    pub(super) container: Container<'a>,
    /// The zero value, or the nearest existing parent of the missing one.
    pub(super) at: &'a Node,
    /// Set to zero rather than missing.
    pub(super) zero: bool,
    /// The path of the missing or zero field.
    pub(super) field: String,
}

/// Every container and init container of `object` without a `bound` for `resource`.
pub(super) fn unset<'a>(object: &Object<'a>, bound: Bound, resource: &str) -> Vec<Unset<'a>> {
    let Some(pod) = object.pod_spec() else {
        return Vec::new();
    };
    let pod_resources = pod.get("resources");
    let pod_level = match bound {
        Bound::Limit => quantity(pod_resources, "limits", resource),
        Bound::Request => match quantity(pod_resources, "requests", resource) {
            Quantity::Absent => quantity(pod_resources, "limits", resource),
            other => other,
        },
    };
    if matches!(pod_level, Quantity::Set | Quantity::Unknown) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for container in pod.containers() {
        if container.kind == ContainerKind::Ephemeral {
            continue;
        }
        let resources = container.get("resources");
        let state = match quantity(resources, bound.section(), resource) {
            Quantity::Absent if bound == Bound::Request => match quantity(resources, "limits", resource) {
                Quantity::Set | Quantity::Unknown => continue,
                Quantity::Absent | Quantity::Zero(_) => Quantity::Absent,
            },
            other => other,
        };
        let field = container.field(&format!("resources.{}.{resource}", bound.section()));
        match state {
            Quantity::Absent => out.push(Unset {
                container,
                at: container.nearest(&["resources", bound.section()]),
                zero: false,
                field,
            }),
            Quantity::Zero(value) => out.push(Unset {
                container,
                at: value,
                zero: true,
                field,
            }),
            Quantity::Set | Quantity::Unknown => {}
        }
    }
    out
}

enum Quantity<'a> {
    Absent,
    Zero(&'a Node),
    Set,
    /// A wrong type somewhere on the way: not judged.
    Unknown,
}

/// `resources.<section>.<resource>` under a `resources` node.
fn quantity<'a>(resources: Option<&'a Node>, section: &str, resource: &str) -> Quantity<'a> {
    let mut node = resources;
    for key in [section, resource] {
        match node {
            None => return Quantity::Absent,
            Some(n) if n.is_null() => return Quantity::Absent,
            Some(n) if n.as_map().is_none() => return Quantity::Unknown,
            Some(n) => node = n.get(key),
        }
    }
    match node {
        None => Quantity::Absent,
        Some(value) if value.is_null() => Quantity::Absent,
        Some(value) => match value.as_text() {
            Some(text) if is_zero(text) => Quantity::Zero(value),
            Some(_) => Quantity::Set,
            None => Quantity::Unknown,
        },
    }
}

/// Whether a quantity (`0`, `0.0`, `0m`, `0Mi`, `0e3`) is zero. Its number comes first; the
/// suffix does not change a zero.
fn is_zero(quantity: &str) -> bool {
    let end = quantity
        .find(|c: char| !matches!(c, '0'..='9' | '.' | '+' | '-'))
        .unwrap_or(quantity.len());
    let number = &quantity[..end];
    number.parse::<f64>().is_ok() && !number.bytes().any(|b| matches!(b, b'1'..=b'9'))
}

#[cfg(test)]
mod tests {
    use super::is_zero;

    #[test]
    fn zero_quantities() {
        for q in ["0", "0.0", "0m", "0Mi", "0e3", "+0", ".0", "0Ki"] {
            assert!(is_zero(q), "{q}");
        }
        for q in ["1", "100m", "0.5", "1e-3", "512Mi", "", "m", "abc"] {
            assert!(!is_zero(q), "{q}");
        }
    }
}
