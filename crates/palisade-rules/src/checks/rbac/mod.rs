//! rbac checks.

use crate::Rule;

pub(super) static RULES: &[&Rule] = &[];
