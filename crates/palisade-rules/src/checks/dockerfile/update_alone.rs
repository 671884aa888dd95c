//! DF154: a package index update alone in its `RUN`.
//!
//! *What it does.* Finds a `RUN` that refreshes a package index (`apt-get update`, `apt update`,
//! `apk update`, `zypper refresh`) without installing anything in the same `RUN`.
//!
//! *Why is this bad?* The layer cache keeps that `RUN` as it was: a later `RUN apt-get install`
//! then installs from a stale index, missing security updates, or fails when the mirror has
//! moved on.
//!
//! *Example.* `RUN apt-get update` + `RUN apt-get install -y curl` →
//! `RUN apt-get update && apt-get install -y curl=… && rm -rf /var/lib/apt/lists/*`.
//!
//! *Trivy.* DS017.

use super::packages::runs;
use super::prelude::*;
use crate::dockerfile::Command;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF154",
        aliases: &["DS017"],
        severity: Severity::Low,
        title: Text {
            en: "Package index updated in a `RUN` of its own",
            zh: "单独一条 `RUN` 更新软件包索引",
        },
        description: Text {
            en: "The build cache keeps an update-only `RUN` as it was, so a later install uses a stale index: \
                 security updates are missed, or the install fails once the mirror has moved on.",
            zh: "构建缓存会原样保留只做索引更新的 `RUN`，之后的安装就会使用过期的索引：要么错过安全更新，要么在镜像源更新后安装失败。",
        },
        remediation: Text {
            en: "Update and install in one `RUN`: `RUN apt-get update && apt-get install -y … && rm -rf \
                 /var/lib/apt/lists/*`.",
            zh: "在同一条 `RUN` 中更新并安装：`RUN apt-get update && apt-get install -y … && rm -rf /var/lib/apt/lists/*`。",
        },
        references: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
        concern: None,
    },
    check,
};

fn first_operand(cmd: &Command) -> Option<&str> {
    cmd.args()
        .iter()
        .find(|w| !w.value.starts_with('-'))
        .map(|w| w.value.as_str())
}

fn is_update(cmd: &Command) -> bool {
    match (cmd.name(), first_operand(cmd)) {
        ("apt-get" | "apt" | "apk", Some("update")) => true,
        ("zypper", Some(op)) => matches!(op, "refresh" | "ref"),
        _ => false,
    }
}

fn is_install(cmd: &Command) -> bool {
    match (cmd.name(), first_operand(cmd)) {
        ("apt-get" | "apt" | "yum" | "dnf" | "microdnf", Some(op)) => {
            matches!(op, "install" | "upgrade" | "dist-upgrade" | "full-upgrade")
        }
        ("apk", Some(op)) => matches!(op, "add" | "upgrade"),
        ("zypper", Some(op)) => matches!(op, "install" | "in" | "update" | "up" | "patch"),
        _ => false,
    }
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, script) in runs(df, false) {
        let Some(update) = script.commands.iter().find(|c| is_update(c)) else {
            continue;
        };
        if script.commands.iter().any(is_install) {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "`{}` alone in a `RUN` is cached, so later installs use a stale index; install in the same `RUN`",
            "单独一条 `RUN` 中的 `{}` 会被缓存，之后的安装将使用过期索引；请在同一条 `RUN` 中完成安装",
            update.name(),
        );
        report(sink, df, &RULE.meta, update.span, message);
    }
}
