//! Container checks: the security context of every container, init container and ephemeral container.

use crate::Rule;

mod privileged_container;

pub(super) static RULES: &[&Rule] = &[&privileged_container::RULE];
