//! Dockerfile checks (DF rules), one file each. DF0xx are the build-time defences of the seed
//! documents (pinned and minimal base images, multi-stage builds, a non-root user, a health
//! check, no baked-in secrets, no unverified downloads); DF1xx are the hygiene rules hadolint
//! users know, each carrying its `DLxxxx` code as an alias (and Trivy's `DSxxx` where the
//! meaning is the same), with behaviour matched against hadolint 2.15.1.

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
mod apt_lists_kept;
mod base_image_latest;
mod base_image_untagged;
mod base_image_without_digest;
mod base_images;
mod cd_in_run;
mod consecutive_run;
mod multiple_cmd;
mod multiple_entrypoint;
mod multiple_healthcheck;
mod pip_cache_kept;
mod pip_unpinned;
mod pipe_without_pipefail;
mod relative_workdir;
mod repeated_instructions;
mod shell_form_command;
mod sudo_in_run;
mod user_by_name;
mod wget_progress;

pub use engine::scan_dockerfile;

/// A Dockerfile check.
pub(crate) type Check = fn(&Dockerfile<'_>, &mut Sink<'_>);

/// Every Dockerfile rule, in code order.
pub(crate) static RULES: &[&Rule<Check>] = &[
    &base_image_untagged::RULE,
    &base_image_latest::RULE,
    &base_image_without_digest::RULE,
    &add_remote_source::RULE,
    &add_unpacks_archive::RULE,
    &sudo_in_run::RULE,
    &relative_workdir::RULE,
    &cd_in_run::RULE,
    &apt_get_unpinned::RULE,
    &apt_lists_kept::RULE,
    &multiple_healthcheck::RULE,
    &pip_unpinned::RULE,
    &apt_get_without_yes::RULE,
    &apt_get_recommends::RULE,
    &apk_unpinned::RULE,
    &apk_cache_kept::RULE,
    &add_instead_of_copy::RULE,
    &shell_form_command::RULE,
    &pip_cache_kept::RULE,
    &wget_progress::RULE,
    &consecutive_run::RULE,
    &user_by_name::RULE,
    &multiple_cmd::RULE,
    &multiple_entrypoint::RULE,
    &pipe_without_pipefail::RULE,
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
    pub(crate) use crate::dockerfile::{
        Args, Base, CommandLine, Dockerfile, Instruction, Keyword, Script, Span, Stage, Word,
    };
    pub(crate) use crate::sink::Sink;
}
