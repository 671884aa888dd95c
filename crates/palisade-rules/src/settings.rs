//! What a scan is told by the command line and `.palisade.yaml` that changes what the rules find.

use palisade_core::Lang;
use palisade_yaml::Budgets;

use crate::pss::Policy;

#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub lang: Lang,
    /// Registries images may come from (`registry.example.com`, `ghcr.io/acme`); empty means any.
    pub trusted_registries: Vec<String>,
    /// More registries Dockerfile base images may come from: those `.hadolint.yaml` trusts
    /// (`trustedRegistries`), which say nothing about Kubernetes images.
    pub dockerfile_registries: Vec<String>,
    pub budgets: Budgets,
    /// `scan --pss`: also evaluate pods under this Pod Security policy, as `PSS-<check>` findings.
    pub pss: Option<Policy>,
}
