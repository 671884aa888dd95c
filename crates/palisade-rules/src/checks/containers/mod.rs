//! Container checks: the security context of every container, init container and ephemeral container.

use crate::Rule;

mod added_capability;
mod apparmor_unconfined;
pub(super) mod capabilities;
mod capabilities_not_dropped;
pub(super) mod dangerous_capability;
mod inherited;
mod low_gid;
mod low_uid;
mod may_run_as_root;
mod missing_security_context;
mod net_raw_capability;
mod non_default_capability;
mod platform;
mod privilege_escalation_allowed;
mod privileged_container;
mod root_group;
mod root_uid;
mod seccomp;
mod seccomp_profile_not_default;
mod seccomp_unconfined;
mod selinux_custom_options;
mod sys_admin_capability;
mod sys_module_capability;
mod unmasked_proc_mount;
mod windows_host_process;
mod writable_root_filesystem;

pub(super) static RULES: &[&Rule] = &[
    &privileged_container::RULE,
    &privilege_escalation_allowed::RULE,
    &may_run_as_root::RULE,
    &root_uid::RULE,
    &root_group::RULE,
    &low_uid::RULE,
    &low_gid::RULE,
    &writable_root_filesystem::RULE,
    &missing_security_context::RULE,
    &capabilities_not_dropped::RULE,
    &sys_admin_capability::RULE,
    &net_raw_capability::RULE,
    &sys_module_capability::RULE,
    &dangerous_capability::RULE,
    &non_default_capability::RULE,
    &added_capability::RULE,
    &seccomp_profile_not_default::RULE,
    &seccomp_unconfined::RULE,
    &apparmor_unconfined::RULE,
    &selinux_custom_options::RULE,
    &unmasked_proc_mount::RULE,
    &windows_host_process::RULE,
];
