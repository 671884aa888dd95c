//! DR011: a service container without `--read-only` (or with `--read-only=false`). Only commands
//! that start a service are checked (see the family's note on noise).

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR011",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Container root filesystem is writable (no `--read-only`)",
            zh: "容器根文件系统可写（未使用 `--read-only`）",
        },
        description: Text {
            en: "A writable root filesystem lets an attacker who gets into the container drop tools, change the \
                 application's code or configuration, and persist until the container is recreated. A \
                 read-only one keeps the image as built; data goes to the volumes and tmpfs mounts named for it.",
            zh: "根文件系统可写时，进入容器的攻击者可以放置工具、篡改应用代码或配置，并一直驻留到容器被重建。只读的\
                 根文件系统能让镜像保持构建时的样子，数据只写入专门为其声明的卷和 tmpfs。",
        },
        remediation: Text {
            en: "Add `--read-only`, with `--tmpfs /tmp` (and a volume) for the paths the process writes.",
            zh: "添加 `--read-only`，并用 `--tmpfs /tmp`（以及卷）承载进程需要写入的路径。",
        },
        references: &["https://docs.docker.com/reference/cli/docker/container/run/#read-only"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    if !audited(command) || command.has("read-only") {
        return;
    }
    let image = command.image_name();
    let message = tr!(
        sink.lang(),
        "container `{image}` can write to its root filesystem; add `--read-only` and a `--tmpfs` for the paths it writes",
        "容器 `{image}` 可以写入根文件系统；请添加 `--read-only`，并用 `--tmpfs` 承载需要写入的路径",
    );
    let at = command
        .options_named("read-only")
        .next()
        .map_or(command.head, |o| o.span);
    report(sink, &RULE.meta, at, message);
}
