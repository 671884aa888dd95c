//! Every Kubernetes single-object check, one file each, grouped in families by what they look at;
//! and the compose (DC) and `docker run` (DR) checks, which share their judgements in `runtime`.
//! Codes by family: K8S0xx containers, K8S1xx pods, K8S2xx resources/images/probes,
//! K8S3xx secrets and configuration, K8S4xx RBAC, K8S5xx network exposure, K8S6xx mesh and
//! external secrets.

use crate::Rule;

pub(crate) mod compose;
mod containers;
pub(crate) mod dockerfile;
pub(crate) mod dockerrun;
mod mesh;
mod network;
mod pods;
mod rbac;
mod runtime;
mod secrets;
mod workloads;

pub(crate) static FAMILIES: &[&[&Rule]] = &[
    containers::RULES,
    pods::RULES,
    workloads::RULES,
    secrets::RULES,
    rbac::RULES,
    network::RULES,
    mesh::RULES,
];

/// What the rule files need.
pub(crate) mod prelude {
    pub(crate) use palisade_core::{RuleMeta, Severity, Text, tr};
    pub(crate) use palisade_yaml::Node;

    pub(crate) use crate::Rule;
    pub(crate) use crate::k8s::{Container, Object, PodSpec};
    pub(crate) use crate::sink::Sink;
}
