//! Which policies an object is evaluated under: the `pod-security.kubernetes.io/<mode>[-version]`
//! labels of its Namespace when the input has it, the default policy otherwise, and the
//! exemptions of PSA's AdmissionConfiguration.

use std::sync::Arc;

use palisade_core::Diagnostic;
use palisade_yaml::Node;
use std::collections::HashMap;

use super::{Level, Policy, Version};
use crate::k8s::Object;

/// How the API server acts on a violation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// The Pod is rejected.
    Enforce,
    /// The client is warned; workloads are only ever warned, their pods are what enforce rejects.
    Warn,
    /// The violation is recorded in the audit log.
    Audit,
    /// Not evaluated: the namespace or the runtime class is exempt.
    Exempt,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Enforce => "enforce",
            Mode::Warn => "warn",
            Mode::Audit => "audit",
            Mode::Exempt => "exempt",
        }
    }
}

/// Namespaces and runtime classes PSA does not evaluate, as in its AdmissionConfiguration.
#[derive(Clone, Debug, Default)]
pub struct Exemptions {
    pub namespaces: Vec<String>,
    pub runtime_classes: Vec<String>,
}

/// One evaluation an object gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub policy: Policy,
    pub mode: Mode,
}

/// The pod-security labels of one namespace: `None` where a mode has no label.
#[derive(Clone, Copy, Debug, Default)]
struct Labels {
    enforce: Option<Policy>,
    warn: Option<Policy>,
    audit: Option<Policy>,
}

/// The Namespaces found in the input, by name.
#[derive(Debug, Default)]
pub struct NamespacePolicies {
    namespaces: HashMap<String, Labels>,
}

const PREFIX: &str = "pod-security.kubernetes.io/";

impl NamespacePolicies {
    /// Records `object` if it is a Namespace with pod-security labels. Labels PSA cannot parse are
    /// read as PSA reads them (an unknown enforce level is restricted, an unknown warn or audit
    /// level privileged, an unknown version latest), with a warning in `warnings`.
    pub fn add(&mut self, path: &Arc<str>, object: &Object<'_>, warnings: &mut Vec<Diagnostic>) {
        if object.kind != "Namespace" || !object.group().is_empty() {
            return;
        }
        let Some(name) = object.name else { return };
        let labels = object.metadata().and_then(|m| m.get("labels"));
        let mut found = Labels::default();
        let mut any = false;
        for (mode, slot) in [
            ("enforce", &mut found.enforce),
            ("warn", &mut found.warn),
            ("audit", &mut found.audit),
        ] {
            let level_node = labels.and_then(|l| l.get(&format!("{PREFIX}{mode}")));
            let version_node = labels.and_then(|l| l.get(&format!("{PREFIX}{mode}-version")));
            if level_node.is_none() && version_node.is_none() {
                continue;
            }
            any = true;
            let level = match level_node {
                None => Level::Privileged,
                Some(node) => {
                    let text = node.as_text().unwrap_or_default();
                    Level::parse(text).unwrap_or_else(|| {
                        let fallback = if mode == "enforce" { Level::Restricted } else { Level::Privileged };
                        warnings.push(Diagnostic::at(path, node.span.start, format!(
                            "namespace `{name}`: `{text}` is not a Pod Security level (privileged, baseline, restricted); \
                             the API server reads it as {fallback}"
                        )));
                        fallback
                    })
                }
            };
            let version = match version_node {
                None => Version::Latest,
                Some(node) => parse_version(path, name, node, warnings),
            };
            *slot = Some(Policy { level, version });
        }
        if any {
            self.namespaces.insert(name.to_owned(), found);
        }
    }

    /// The evaluations of a pod-bearing object: under its namespace's labels if the input has
    /// them, else under `default` (enforced for Pods, warned for workloads).
    pub fn evaluations(
        &self,
        object: &Object<'_>,
        default: Policy,
        exemptions: &Exemptions,
    ) -> Vec<Evaluation> {
        let namespace = object.namespace.unwrap_or("default");
        let runtime_class = object
            .pod_spec()
            .and_then(|p| p.get("runtimeClassName"))
            .and_then(Node::as_text);
        let exempt = exemptions.namespaces.iter().any(|n| n == namespace)
            || runtime_class.is_some_and(|rc| exemptions.runtime_classes.iter().any(|e| e == rc));
        if exempt {
            return vec![Evaluation {
                policy: Policy {
                    level: Level::Privileged,
                    version: Version::Latest,
                },
                mode: Mode::Exempt,
            }];
        }
        let is_pod = object.kind == "Pod";
        let rejected = if is_pod { Mode::Enforce } else { Mode::Warn };
        let Some(labels) = self.namespaces.get(namespace) else {
            return vec![Evaluation {
                policy: default,
                mode: rejected,
            }];
        };
        let candidates = [
            (labels.enforce, rejected),
            (labels.warn, Mode::Warn),
            (labels.audit, Mode::Audit),
        ];
        let mut out: Vec<Evaluation> = Vec::new();
        for (policy, mode) in candidates {
            let Some(policy) = policy.filter(|p| p.level != Level::Privileged) else {
                continue;
            };
            if !out.iter().any(|e| same_behaviour(e.policy, policy)) {
                out.push(Evaluation { policy, mode });
            }
        }
        if out.is_empty() {
            out.push(Evaluation {
                policy: Policy {
                    level: Level::Privileged,
                    version: Version::Latest,
                },
                mode: rejected,
            });
        }
        out
    }
}

/// Two policies that evaluate every pod alike (`v1.40` and `latest`, say).
fn same_behaviour(a: Policy, b: Policy) -> bool {
    a.level == b.level && a.version.minor() == b.version.minor()
}

fn parse_version(path: &Arc<str>, namespace: &str, node: &Node, warnings: &mut Vec<Diagnostic>) -> Version {
    let text = node.as_text().unwrap_or_default();
    Version::parse(text).unwrap_or_else(|| {
        warnings.push(Diagnostic::at(
            path,
            node.span.start,
            format!(
                "namespace `{namespace}`: `{text}` is not a Pod Security version (latest or v1.N); \
                 the API server reads it as latest"
            ),
        ));
        Version::Latest
    })
}
