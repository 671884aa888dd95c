//! DR012: a service container without `--memory`/`-m` or without a CPU limit (`--cpus`,
//! `--cpu-quota`, `--cpuset-cpus`), reported once and naming what is missing. Only commands that
//! start a service are checked: a one-off command ends, and its limits protect little.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR012",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Container has no memory or CPU limit (`--memory`, `--cpus`)",
            zh: "容器没有内存或 CPU 限制（`--memory`、`--cpus`）",
        },
        description: Text {
            en: "Without limits one container can take all of the host's memory or CPU, through a leak, a load \
                 spike or an attacker's denial of service, and starve everything else on the host; when memory \
                 runs out, the kernel's OOM killer may pick a different process than the culprit.",
            zh: "没有资源限制时，一个容器可能因内存泄漏、突发负载或拒绝服务攻击耗尽宿主机的全部内存或 CPU，拖垮宿主机\
                 上的其他一切；内存耗尽时，内核的 OOM killer 杀掉的还未必是肇事进程。",
        },
        remediation: Text {
            en: "Add `--memory` (e.g. `--memory=512m`) and `--cpus` (e.g. `--cpus=1.0`) sized for the load.",
            zh: "按负载添加 `--memory`（如 `--memory=512m`）和 `--cpus`（如 `--cpus=1.0`）。",
        },
        references: &["https://docs.docker.com/engine/containers/resource_constraints/"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    if !audited(command) {
        return;
    }
    let memory = command.values("memory").next().is_some();
    let cpu = ["cpus", "cpu-quota", "cpuset-cpus"]
        .iter()
        .any(|name| command.values(name).next().is_some());
    let image = command.image_name();
    let message = match (memory, cpu) {
        (false, false) => tr!(
            sink.lang(),
            "container `{image}` has no memory or CPU limit; add `--memory` and `--cpus`",
            "容器 `{image}` 没有内存和 CPU 限制；请添加 `--memory` 和 `--cpus`",
        ),
        (false, true) => tr!(
            sink.lang(),
            "container `{image}` has no memory limit; add `--memory`",
            "容器 `{image}` 没有内存限制；请添加 `--memory`",
        ),
        (true, false) => tr!(
            sink.lang(),
            "container `{image}` has no CPU limit; add `--cpus`",
            "容器 `{image}` 没有 CPU 限制；请添加 `--cpus`",
        ),
        (true, true) => return,
    };
    report(sink, &RULE.meta, command.head, message);
}
