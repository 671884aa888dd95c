//! Pod checks: what a pod spec asks of its node (host namespaces, ports, paths, sysctls), its
//! service account, and where the object is placed.

use crate::Rule;

mod default_namespace;
mod default_service_account;
mod host_aliases;
mod host_ipc;
mod host_network;
mod host_path_volume;
pub(super) mod host_paths;
mod host_pid;
mod host_port;
mod kube_system_workload;
mod non_core_volume;
mod privileged_port;
mod runtime_socket_mount;
mod sensitive_host_path;
mod service_account_token;
mod unsafe_sysctl;
mod view;

pub(super) static RULES: &[&Rule] = &[
    &host_network::RULE,
    &host_pid::RULE,
    &host_ipc::RULE,
    &host_port::RULE,
    &host_path_volume::RULE,
    &runtime_socket_mount::RULE,
    &sensitive_host_path::RULE,
    &non_core_volume::RULE,
    &unsafe_sysctl::RULE,
    &host_aliases::RULE,
    &service_account_token::RULE,
    &default_service_account::RULE,
    &default_namespace::RULE,
    &kube_system_workload::RULE,
    &privileged_port::RULE,
];
