//! palisade's shared model: findings, severities, rule metadata in two languages, reports and their
//! renderers, suppressions, the configuration file, and input discovery. Engines depend on this
//! crate and on nothing of each other.

pub mod baseline;
pub mod cache;
mod config;
pub mod corpora;
mod finding;
pub mod hadolint;
mod lang;
mod package;
pub mod render;
mod report;
mod rule;
mod severity;
pub mod suppress;
pub mod walk;

pub use baseline::Baseline;
pub use config::{Config, ConfigError, PssConfig, SecretAllow, SecretsConfig, parse_ignore_file};
pub use finding::{Diagnostic, Finding, Location, ObjectRef};
pub use lang::{Lang, Text};
pub use package::{Distro, Origin, Package, PackageKind, SourcePackage, purl};
pub use report::{Policy, Report};
pub use rule::{RuleDoc, RuleMeta};
pub use severity::Severity;
