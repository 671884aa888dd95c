//! K8S302: a container's environment variable holds a literal credential.
//!
//! Reported: `env[].value` under a credential's name (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN` …)
//! unless it is empty, a `$(VAR)` reference or an obvious placeholder; and, whatever the name,
//! values that are credentials by their shape (AWS access keys, private keys, URLs and connection
//! strings with a password, well-known token formats). Messages show the value masked.

use super::credential::{self, Credential};
use super::view::{container_entry, env_name, list, text};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S302",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Credential hard-coded in an environment variable",
            zh: "环境变量中硬编码了凭据",
        },
        description: Text {
            en: "A password, key or token written as `env[].value` is plain text in the manifest \
                 and in the workload object, where anyone allowed to read Deployments or Pods (a \
                 far wider group than those allowed to read Secrets) can see it, and it stays in \
                 the Git history after it is rotated.",
            zh: "写在 `env[].value` 里的密码、密钥或令牌，在清单和工作负载对象中都是明文：\
                 凡是能读取 Deployment 或 Pod 的人都能看到（这个范围远大于能读取 Secret 的人），\
                 而且即使轮换之后，旧值也还留在 Git 历史中。",
        },
        remediation: Text {
            en: "Put the value in a Secret delivered by a secret manager (ExternalSecret, Vault) \
                 and mount it as a file, or at least reference it with \
                 `valueFrom.secretKeyRef`; then rotate the exposed credential.",
            zh: "把该值放进由密钥管理系统（ExternalSecret、Vault）下发的 Secret，并以文件方式挂载，\
                 至少也要改用 `valueFrom.secretKeyRef` 引用；然后轮换已经暴露的凭据。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
            "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        for (index, entry) in list(container.node, "env") {
            let Some(value) = entry.get("value") else { continue };
            let Some(text) = text(value) else { continue };
            let variable = env_name(entry);
            let Some(Credential { kind, masked }) = credential::find(variable, text) else {
                continue;
            };
            let (en, zh) = kind.describe();
            let name = container.name();
            let message = tr!(
                sink.lang(),
                "container `{name}` sets `{variable}` to {en} (`{masked}`); reference a Secret \
                 instead and rotate the value",
                "容器 `{name}` 把 `{variable}` 设为{zh}（`{masked}`）；请改为引用 Secret，并轮换该值",
            );
            sink.report(
                &RULE.meta,
                value,
                format!("{}.value", container_entry(&container, "env", index)),
                message,
            );
        }
    }
}
