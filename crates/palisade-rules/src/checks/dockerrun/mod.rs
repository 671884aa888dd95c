//! `docker run` checks (DR rules): one file per rule, each run over every `docker run`,
//! `docker create` and `podman run` command found. Codes follow the compose checks (DC rules)
//! where both look at the same setting.
//!
//! **Noise.** Scripts are full of short-lived commands (`docker run --rm golang:1.22 go test`)
//! for which hardening options change nothing worth a finding. So the rules that report a
//! *missing* option (`--user`, `--read-only`, `--cap-drop ALL`, `no-new-privileges`, limits)
//! only look at commands that start a service: detached (`-d`), with a restart policy, or
//! `docker create`; command lines given with `palisade scan --docker-run` always count as
//! services. They also stay silent when a word among the options may expand to more options
//! (`$DOCKER_OPTS`, `"$@"`). Rules about what a command *does* (privileged, host namespaces and
//! mounts, dangerous capabilities, devices, published databases, credentials) apply to every
//! command.

use palisade_yaml::Span;

use crate::Rule;
use crate::dockerrun::RunCommand;
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
mod privileged_container;
mod resource_limits_missing;
mod runs_as_root;
mod runtime_socket_mount;
mod sensitive_host_mount;
mod writable_root_filesystem;

/// The signature of a `docker run` check.
pub(crate) type Check = fn(&RunCommand, &mut Sink<'_>);

pub(crate) static RULES: &[&Rule<Check>] = &[
    &privileged_container::RULE,
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
];

/// Whether the rules about missing options look at `command`: it starts a service, and no
/// option may hide in a variable.
fn audited(command: &RunCommand) -> bool {
    command.long_lived && !command.open_ended
}

/// Reports `rule` over `span` (an option and its value, or the `docker run` words).
fn report(sink: &mut Sink<'_>, rule: &'static palisade_core::RuleMeta, span: Span, message: String) {
    sink.report_range(rule, span.start, span.end, None, message);
}

/// The host side of a `-v`/`--volume` or `--mount` bind, with where the option is written.
fn binds(command: &RunCommand) -> Vec<(Span, String, bool)> {
    use crate::dockerrun::syntax;
    let mut out = Vec::new();
    for (_, arg) in command.values("volume") {
        if let Some(spec) = syntax::volume(&arg.text) {
            if let Some(source) = spec.source {
                out.push((arg.span, source.to_owned(), spec.read_only()));
            }
        }
    }
    for (_, arg) in command.values("mount") {
        let spec = syntax::mount(&arg.text);
        if spec.kind == Some("bind") {
            if let Some(source) = spec.source {
                out.push((arg.span, source.to_owned(), spec.read_only));
            }
        }
    }
    out
}

/// What the DR rule files need.
mod prelude {
    pub(super) use palisade_core::{RuleMeta, Severity, Text, tr};

    pub(super) use super::{Check, audited, report};
    pub(super) use crate::Rule;
    pub(super) use crate::dockerrun::RunCommand;
    pub(super) use crate::sink::Sink;
}
