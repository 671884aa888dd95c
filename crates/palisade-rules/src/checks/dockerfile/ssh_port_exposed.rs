//! DF016: the image exposes port 22 (SSH).
//!
//! *What it does.* Finds `EXPOSE 22` (or a range that includes it).
//!
//! *Why is this bad?* An SSH server in a container is a second, long-lived way in, with its own
//! keys and passwords to leak and patch; containers are reached with `docker exec` or
//! `kubectl exec`, which the platform authenticates and audits.
//!
//! *Example.* Remove `EXPOSE 22` and the SSH server; debug with `kubectl exec` or an ephemeral
//! debug container.
//!
//! *Trivy.* DS004.

use super::exposed_ports::exposed;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF016",
        aliases: &["DS004"],
        severity: Severity::Medium,
        title: Text {
            en: "Port 22 (SSH) exposed",
            zh: "暴露了 22 端口（SSH）",
        },
        description: Text {
            en: "An SSH server in a container is a second, long-lived way in, with its own keys and \
                 passwords to leak and patch. Containers are reached with `docker exec` or `kubectl exec`, \
                 which the platform authenticates and audits.",
            zh: "容器里的 SSH 服务是另一条长期存在的入口，还带着需要保护和修补的密钥与口令。进入容器应使用\
                 `docker exec` 或 `kubectl exec`，由平台负责认证和审计。",
        },
        remediation: Text {
            en: "Remove `EXPOSE 22` and the SSH server; debug with `kubectl exec` or an ephemeral debug \
                 container.",
            zh: "删除 `EXPOSE 22` 和 SSH 服务；调试时使用 `kubectl exec` 或临时调试容器。",
        },
        references: &["https://docs.docker.com/reference/cli/docker/container/exec/"],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, word, first, last) in exposed(df) {
        if (first..=last).contains(&22) {
            let message = tr!(
                sink.lang(),
                "`EXPOSE {}` opens SSH; reach containers with `exec` instead",
                "`EXPOSE {}` 开放了 SSH；请改用 `exec` 进入容器",
                word.value,
            );
            report(sink, df, &RULE.meta, word.span, message);
        }
    }
}
