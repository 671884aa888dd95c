//! Secret and configuration checks: credentials committed in Secrets, `ConfigMap`s and
//! environment values; how workloads receive Secrets; the modes and mounts of Secret and
//! `ConfigMap` volumes.

use crate::Rule;

mod committed_secret_data;
mod config_volume_mount_not_read_only;
pub(super) mod credential;
mod credential_in_config_map;
mod credential_in_env;
mod secret_in_env;
mod view;
mod wide_secret_file_mode;

pub(super) static RULES: &[&Rule] = &[
    &committed_secret_data::RULE,
    &credential_in_env::RULE,
    &secret_in_env::RULE,
    &wide_secret_file_mode::RULE,
    &credential_in_config_map::RULE,
    &config_volume_mount_not_read_only::RULE,
];
