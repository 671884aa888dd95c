//! Kubernetes object views and palisade's single-object checks, with the rule registry and the
//! engine that runs them over a file, by the file's kind.

mod checks;
pub mod dockerfile;
mod engine;
pub mod k8s;
mod kind;
mod registry;
mod settings;
mod sink;
mod typecheck;

pub use checks::dockerfile::scan_dockerfile;
pub use engine::{FileScan, scan_file, scan_manifest};
pub use kind::FileKind;
pub use registry::{Rule, find, rules};
pub use settings::Settings;
pub use sink::Sink;
