//! Dockerfile checks (DF rules), one file each. DF0xx are the build-time defences of the seed
//! documents (pinned and minimal base images, multi-stage builds, a non-root user, a health
//! check, no baked-in secrets, no unverified downloads); DF1xx are the hygiene rules hadolint
//! users know, each carrying its `DLxxxx` code as an alias (and Trivy's `DSxxx` where the
//! meaning is the same), with behaviour matched against hadolint 2.15.1.
//!
//! Severities follow hadolint's levels as `.hadolint.yaml` overrides map them (`error` →
//! MEDIUM, `warning` → LOW, `info` and `style` → INFO), raised where the finding is a security
//! risk rather than hygiene — a root user, secrets, unpinned base images, a `--from` that would
//! pull an image — as each rule's page says.

use palisade_core::RuleMeta;

use crate::Rule;
use crate::dockerfile::{Dockerfile, Span};
use crate::sink::Sink;

mod engine;
mod packages;
mod pragmas;

mod add_instead_of_copy;
mod add_remote_source;
mod add_unpacks_archive;
mod adds;
mod apk_cache_kept;
mod apk_unpinned;
mod apt_get_recommends;
mod apt_get_unpinned;
mod apt_get_without_yes;
mod apt_instead_of_apt_get;
mod apt_lists_kept;
mod base_image_latest;
mod base_image_untagged;
mod base_image_without_digest;
mod base_images;
mod build_tools_in_final_image;
mod cd_in_run;
mod consecutive_run;
mod copy_dest_not_directory;
mod copy_from_own_stage;
mod copy_from_unknown_stage;
mod copy_relative_without_workdir;
mod copy_sources;
mod copy_whole_filesystem;
mod dnf_cache_kept;
mod dnf_unpinned;
mod dnf_without_yes;
mod duplicate_stage_name;
mod env_self_reference;
mod exposed_ports;
mod fixed_platform;
mod from_platform;
mod gem_unpinned;
mod go_install_unpinned;
mod instruction_before_from;
mod interactive_command;
mod invalid_label_key;
mod large_base_image;
mod maintainer;
mod multiple_cmd;
mod multiple_entrypoint;
mod multiple_healthcheck;
mod no_healthcheck;
mod no_user;
mod npm_unpinned;
mod onbuild_trigger_not_allowed;
mod pip_cache_kept;
mod pip_unpinned;
mod pipe_without_pipefail;
mod port_out_of_range;
mod redundant_target_platform;
mod relative_workdir;
mod remote_script_piped_to_shell;
mod repeated_instructions;
mod reserved_stage_name;
mod root_user;
mod secret_file_copied;
mod secret_in_env;
mod shell_form_command;
mod shell_symlink;
mod ssh_port_exposed;
mod sudo_in_run;
mod untrusted_registry;
mod update_alone;
mod user_by_name;
mod useradd_without_no_log_init;
mod verification_disabled;
mod wget_and_curl;
mod wget_progress;
mod yarn_cache_kept;
mod yum_cache_kept;
mod yum_unpinned;
mod yum_without_yes;
mod zypper_cache_kept;
mod zypper_dist_upgrade;
mod zypper_interactive;
mod zypper_unpinned;

pub use engine::scan_dockerfile;

/// A Dockerfile check.
pub(crate) type Check = fn(&Dockerfile<'_>, &mut Sink<'_>);

/// Every Dockerfile rule, in code order.
pub(crate) static RULES: &[&Rule<Check>] = &[
    &base_image_untagged::RULE,
    &base_image_latest::RULE,
    &base_image_without_digest::RULE,
    &large_base_image::RULE,
    &build_tools_in_final_image::RULE,
    &root_user::RULE,
    &no_user::RULE,
    &no_healthcheck::RULE,
    &secret_in_env::RULE,
    &secret_file_copied::RULE,
    &add_remote_source::RULE,
    &add_unpacks_archive::RULE,
    &remote_script_piped_to_shell::RULE,
    &sudo_in_run::RULE,
    &untrusted_registry::RULE,
    &ssh_port_exposed::RULE,
    &verification_disabled::RULE,
    &relative_workdir::RULE,
    &interactive_command::RULE,
    &cd_in_run::RULE,
    &apt_get_unpinned::RULE,
    &apt_lists_kept::RULE,
    &port_out_of_range::RULE,
    &multiple_healthcheck::RULE,
    &pip_unpinned::RULE,
    &apt_get_without_yes::RULE,
    &apt_get_recommends::RULE,
    &npm_unpinned::RULE,
    &apk_unpinned::RULE,
    &apk_cache_kept::RULE,
    &add_instead_of_copy::RULE,
    &copy_dest_not_directory::RULE,
    &copy_from_unknown_stage::RULE,
    &copy_from_own_stage::RULE,
    &duplicate_stage_name::RULE,
    &shell_form_command::RULE,
    &apt_instead_of_apt_get::RULE,
    &gem_unpinned::RULE,
    &fixed_platform::RULE,
    &yum_without_yes::RULE,
    &yum_cache_kept::RULE,
    &yum_unpinned::RULE,
    &zypper_interactive::RULE,
    &zypper_dist_upgrade::RULE,
    &zypper_cache_kept::RULE,
    &zypper_unpinned::RULE,
    &dnf_without_yes::RULE,
    &dnf_cache_kept::RULE,
    &dnf_unpinned::RULE,
    &pip_cache_kept::RULE,
    &onbuild_trigger_not_allowed::RULE,
    &env_self_reference::RULE,
    &copy_relative_without_workdir::RULE,
    &useradd_without_no_log_init::RULE,
    &wget_progress::RULE,
    &invalid_label_key::RULE,
    &consecutive_run::RULE,
    &yarn_cache_kept::RULE,
    &instruction_before_from::RULE,
    &go_install_unpinned::RULE,
    &reserved_stage_name::RULE,
    &redundant_target_platform::RULE,
    &user_by_name::RULE,
    &copy_whole_filesystem::RULE,
    &maintainer::RULE,
    &wget_and_curl::RULE,
    &multiple_cmd::RULE,
    &multiple_entrypoint::RULE,
    &shell_symlink::RULE,
    &pipe_without_pipefail::RULE,
    &update_alone::RULE,
];

/// Reports `rule` over `span` of the Dockerfile.
pub(crate) fn report(
    sink: &mut Sink<'_>,
    df: &Dockerfile<'_>,
    rule: &'static RuleMeta,
    span: Span,
    message: String,
) {
    sink.report_range(rule, df.mark(span.start), df.mark(span.end), None, message);
}

/// What the rule files need.
pub(crate) mod prelude {
    pub(crate) use palisade_core::{RuleMeta, Severity, Text, tr};

    pub(crate) use super::{Check, report};
    pub(crate) use crate::Rule;
    pub(crate) use crate::dockerfile::{Args, Base, CommandLine, Dockerfile, Instruction, Keyword, Word};
    pub(crate) use crate::sink::Sink;
}
