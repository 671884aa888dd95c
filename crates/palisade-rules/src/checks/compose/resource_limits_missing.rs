//! DC012: a compose service has no memory limit or no CPU limit (`deploy.resources.limits`, or
//! the older `mem_limit`, `cpus` and `cpu_quota`).
//!
//! One rule for both limits, reported once per service and naming what is missing: they are
//! fixed together, and two findings per service would double the noise of every compose file.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC012",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Service has no memory or CPU limit",
            zh: "服务没有内存或 CPU 限制",
        },
        description: Text {
            en: "Without limits one service can take all of the host's memory or CPU, through a leak, a load \
                 spike or an attacker's denial of service, and starve every other service on the host; when \
                 memory runs out, the kernel's OOM killer may pick a different process than the culprit.",
            zh: "没有资源限制时，一个服务可能因内存泄漏、突发负载或拒绝服务攻击耗尽宿主机的全部内存或 CPU，\
                 拖垮同一宿主机上的所有其他服务；内存耗尽时，内核的 OOM killer 杀掉的还未必是肇事进程。",
        },
        remediation: Text {
            en: "Set `deploy.resources.limits.memory` (e.g. `512M`) and `deploy.resources.limits.cpus` (e.g. \
                 `\"1.0\"`) to what the service needs under load.",
            zh: "按服务在负载下的实际需要设置 `deploy.resources.limits.memory`（如 `512M`）和 \
                 `deploy.resources.limits.cpus`（如 `\"1.0\"`）。",
        },
        references: &[
            "https://docs.docker.com/reference/compose-file/deploy/#resources",
            "https://docs.docker.com/engine/containers/resource_constraints/",
        ],
        concern: None,
    },
    check,
};

/// Whether any of the settings is set: `Some(true)`; `None` when one may be set elsewhere.
fn any_set(service: &Service<'_>, paths: &[&[&str]]) -> Option<bool> {
    let mut unknown = false;
    for path in paths {
        match service.setting(path) {
            Setting::Set(_) => return Some(true),
            Setting::Unknown => unknown = true,
            Setting::Unset => {}
        }
    }
    (!unknown).then_some(false)
}

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    let memory = any_set(
        service,
        &[&["deploy", "resources", "limits", "memory"], &["mem_limit"]],
    );
    let cpu = any_set(
        service,
        &[
            &["deploy", "resources", "limits", "cpus"],
            &["cpus"],
            &["cpu_quota"],
            &["cpuset"],
        ],
    );
    let name = service.name;
    let message = match (memory, cpu) {
        (Some(false), Some(false)) => tr!(
            sink.lang(),
            "service `{name}` has no memory or CPU limit; set `deploy.resources.limits.memory` and `.cpus`",
            "服务 `{name}` 没有内存和 CPU 限制；请设置 `deploy.resources.limits.memory` 和 `.cpus`",
        ),
        (Some(false), _) => tr!(
            sink.lang(),
            "service `{name}` has no memory limit; set `deploy.resources.limits.memory`",
            "服务 `{name}` 没有内存限制；请设置 `deploy.resources.limits.memory`",
        ),
        (_, Some(false)) => tr!(
            sink.lang(),
            "service `{name}` has no CPU limit; set `deploy.resources.limits.cpus`",
            "服务 `{name}` 没有 CPU 限制；请设置 `deploy.resources.limits.cpus`",
        ),
        _ => return,
    };
    sink.report(
        &RULE.meta,
        service.key,
        service.field("deploy.resources.limits"),
        message,
    );
}
