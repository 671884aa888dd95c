//! K8S303: a container receives a Secret through environment variables instead of files.
//!
//! Reported at each `env[].valueFrom.secretKeyRef` and each `envFrom[].secretRef`, in every
//! container list (ephemeral containers may set `env` too).

use super::view::{container_entry, env_name, list};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S303",
        aliases: &["CKV_K8S_35"],
        severity: Severity::Low,
        title: Text {
            en: "Secret passed to a container as environment variables",
            zh: "Secret 以环境变量方式传给容器",
        },
        description: Text {
            en: "Environment variables leak more easily than files: they are inherited by every \
                 child process, readable in `/proc/<pid>/environ`, and often end up in crash \
                 reports, debug endpoints and logs. They are also fixed when the container \
                 starts, so a rotated Secret only takes effect after a restart; a mounted Secret \
                 is updated in place.",
            zh: "环境变量比文件更容易泄露：每个子进程都会继承，`/proc/<pid>/environ` 里能直接读到，\
                 还常常被写进崩溃报告、调试接口和日志。而且环境变量在容器启动时就固定了，\
                 Secret 轮换后必须重启才能生效；以卷方式挂载的 Secret 则会原地更新。",
        },
        remediation: Text {
            en: "Mount the Secret as a read-only volume (`volumes[].secret` with `defaultMode: \
                 0400` and `volumeMounts[].readOnly: true`) and have the application read the \
                 file, instead of `valueFrom.secretKeyRef` or `envFrom[].secretRef`.",
            zh: "不要用 `valueFrom.secretKeyRef` 或 `envFrom[].secretRef`，改为把 Secret 作为只读卷挂载\
                 （`volumes[].secret` 设置 `defaultMode: 0400`，`volumeMounts[].readOnly: true`），\
                 由应用从文件中读取。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod",
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for container in pod.containers() {
        let name = container.name();
        for (index, entry) in list(container.node, "env") {
            let Some(reference) = entry.path(&["valueFrom", "secretKeyRef"]) else {
                continue;
            };
            if reference.is_null() {
                continue;
            }
            let variable = env_name(entry);
            let secret = secret_name(reference);
            let message = tr!(
                sink.lang(),
                "container `{name}` reads Secret `{secret}` into environment variable \
                 `{variable}`; mount the Secret as a read-only file instead",
                "容器 `{name}` 把 Secret `{secret}` 读入环境变量 `{variable}`；请改为以只读文件方式挂载该 Secret",
            );
            let field = format!(
                "{}.valueFrom.secretKeyRef",
                container_entry(&container, "env", index)
            );
            sink.report(&RULE.meta, reference, field, message);
        }
        for (index, entry) in list(container.node, "envFrom") {
            let Some(reference) = entry.get("secretRef") else {
                continue;
            };
            if reference.is_null() {
                continue;
            }
            let secret = secret_name(reference);
            let message = tr!(
                sink.lang(),
                "container `{name}` loads every key of Secret `{secret}` into its environment; \
                 mount the Secret as a read-only volume instead",
                "容器 `{name}` 把 Secret `{secret}` 的所有键都载入环境变量；请改为以只读卷方式挂载该 Secret",
            );
            let field = format!("{}.secretRef", container_entry(&container, "envFrom", index));
            sink.report(&RULE.meta, reference, field, message);
        }
    }
}

fn secret_name(reference: &Node) -> &str {
    reference
        .get("name")
        .and_then(Node::as_text)
        .unwrap_or("<unnamed>")
}
