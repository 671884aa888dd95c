//! Compose checks (DC rules): one file per rule, each run over every service of a compose file.
//! Codes follow the `docker run` checks (DR rules) where both look at the same setting: DC001
//! and DR001 are both `privileged`.

use crate::Rule;
use crate::compose::Service;
use crate::sink::Sink;

mod capabilities_not_dropped;
mod confinement_disabled;
mod credential_in_environment;
mod dangerous_capability;
mod database_port_published;
mod host_device;
mod host_ipc;
mod host_network;
mod host_pid;
mod host_root_mount;
mod new_privileges_allowed;
mod privileged_service;
mod resource_limits_missing;
mod runs_as_root;
mod runtime_socket_mount;
mod sensitive_host_mount;
mod unpinned_image;
mod writable_root_filesystem;

/// The signature of a compose check.
pub(crate) type Check = fn(&Service<'_>, &mut Sink<'_>);

pub(crate) static RULES: &[&Rule<Check>] = &[
    &privileged_service::RULE,
    &dangerous_capability::RULE,
    &capabilities_not_dropped::RULE,
    &host_network::RULE,
    &host_pid::RULE,
    &host_ipc::RULE,
    &runtime_socket_mount::RULE,
    &host_root_mount::RULE,
    &sensitive_host_mount::RULE,
    &runs_as_root::RULE,
    &writable_root_filesystem::RULE,
    &resource_limits_missing::RULE,
    &confinement_disabled::RULE,
    &new_privileges_allowed::RULE,
    &database_port_published::RULE,
    &credential_in_environment::RULE,
    &host_device::RULE,
    &unpinned_image::RULE,
];

/// What the DC rule files need.
mod prelude {
    pub(super) use palisade_core::{RuleMeta, Severity, Text, tr};

    pub(super) use super::Check;
    pub(super) use crate::Rule;
    pub(super) use crate::compose::{Service, Setting, truthy};
    pub(super) use crate::sink::Sink;
}
