//! Findings: one type for what every engine finds, pointing at the exact place.

use std::borrow::Cow;
use std::sync::Arc;

use crate::Severity;

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's code (`K8S001`, `PSS-privileged`) or an advisory id.
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    /// What is wrong here, in the chosen language.
    pub message: String,
    pub location: Location,
    /// The concern the finding is about (see `RuleMeta::concern`); one per field in a report.
    pub concern: Cow<'static, str>,
}

/// Where a finding is: file and span, and for Kubernetes the object and the field path.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    pub path: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub object: Option<Arc<ObjectRef>>,
    pub field: Option<String>,
}

/// A Kubernetes object, as `kubectl` names it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectRef {
    pub api_version: String,
    pub kind: String,
    pub namespace: Option<String>,
    pub name: Option<String>,
}

impl std::fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.name.as_deref().unwrap_or("<unnamed>");
        match &self.namespace {
            Some(ns) => write!(f, "{}/{ns}/{name}", self.kind),
            None => write!(f, "{}/{name}", self.kind),
        }
    }
}

/// Something that stopped part of the scan (an unreadable file, a syntax error), or a warning
/// about the input or the configuration. Never a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: Arc<str>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic about a whole input.
    pub fn file(path: &Arc<str>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: Arc::clone(path),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A diagnostic at a place in an input.
    pub fn at(path: &Arc<str>, mark: palisade_yaml::Mark, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: Arc::clone(path),
            line: Some(mark.line),
            column: Some(mark.column),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.path, self.message),
            (Some(l), None) => write!(f, "{}:{l}: {}", self.path, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
