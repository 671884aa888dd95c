//! Views over Kubernetes objects: typed accessors over the spanned tree, never a typed copy, so
//! unknown fields and positions survive.

mod object;
mod pod;

pub use object::{Object, objects};
pub use pod::{Container, ContainerKind, OTHER_VOLUME_SOURCES, PodSpec, RESTRICTED_VOLUME_SOURCES, Source};
