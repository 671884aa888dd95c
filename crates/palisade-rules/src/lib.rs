//! Kubernetes object views and palisade's single-object checks, compose files and `docker run`
//! lines with their checks, the rule registry, and the engine that runs them over a file, by the
//! file's kind.

mod checks;
mod compose;
pub mod dockerfile;
mod dockerrun;
mod engine;
pub mod k8s;
mod kind;
pub mod pss;
mod registry;
mod settings;
mod sink;
mod typecheck;

pub use checks::dockerfile::scan_dockerfile;
pub use dockerrun::scan_docker_run;
pub use engine::{FileScan, scan_file, scan_manifest};
pub use kind::FileKind;
pub use registry::{Rule, find, rules};
pub use settings::Settings;
pub use sink::Sink;
