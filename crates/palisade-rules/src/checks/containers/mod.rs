//! Container checks: the security context of every container, init container and ephemeral container.

use crate::Rule;

mod inherited;
mod low_gid;
mod low_uid;
mod may_run_as_root;
mod missing_security_context;
mod privilege_escalation_allowed;
mod privileged_container;
mod root_group;
mod root_uid;
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
];
