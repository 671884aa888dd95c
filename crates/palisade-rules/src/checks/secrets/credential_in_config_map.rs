//! K8S305: a `ConfigMap` holds a credential.
//!
//! Reported: a `data` key with a credential's name and a literal one-line value
//! (`password: supersecret`); in any value, each line that assigns a literal to a credential's name
//! (`REDIS_PASSWORD=abcd1234`, `spring.datasource.password: …` inside an embedded file); and any
//! line holding a value that is a credential by its shape (private key, AWS access key, URL or
//! connection string with a password, well-known tokens). Empty values, `${VAR}`/`$(VAR)`/`{{ }}`
//! references and obvious placeholders are not credentials. Lines of a literal block (`|`) are
//! reported where they are written. Messages show values masked.

use super::credential::{self, Credential};
use super::view::{entries, is_core, is_sops_encrypted, key_field, line_node, text};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S305",
        aliases: &["KSV-0109"],
        severity: Severity::High,
        title: Text {
            en: "ConfigMap holds a credential",
            zh: "ConfigMap 中存放了凭据",
        },
        description: Text {
            en: "ConfigMaps are meant for non-confidential settings: they are not encrypted at \
                 rest even where Secrets are, they are readable by many roles that cannot read \
                 Secrets (`view` included), and they are printed freely by `kubectl describe`, \
                 dashboards and support bundles. A password in one is exposed to all of them and \
                 to everyone who reads the manifest.",
            zh: "ConfigMap 只适合存放非机密配置：即使集群对 Secret 做了静态加密，ConfigMap 也不在其中；\
                 许多不能读 Secret 的角色（包括 `view`）都能读 ConfigMap；`kubectl describe`、\
                 控制台和诊断包也会原样打印它。写进 ConfigMap 的密码对这些人和所有读过清单的人都是公开的。",
        },
        remediation: Text {
            en: "Move the credential to a Secret delivered by a secret manager (ExternalSecret, \
                 Vault) and leave a reference in the configuration (`${REDIS_PASSWORD}` filled from \
                 the environment, or a file path); rotate the exposed value.",
            zh: "把凭据移到由密钥管理系统（ExternalSecret、Vault）下发的 Secret 中，配置里只保留引用\
                 （例如从环境变量填充的 `${REDIS_PASSWORD}`，或一个文件路径）；并轮换已经暴露的值。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/configuration/configmap/",
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    if !is_core(object, "ConfigMap") || is_sops_encrypted(object) {
        return;
    }
    let config_map = object.name.unwrap_or("<unnamed>");
    for (key, value) in entries(object.root.get("data")) {
        let Some(text) = text(value) else { continue };
        let field = key_field("data", key);
        let one_line = !text.trim_end_matches('\n').contains('\n');
        if one_line {
            if let Some(Credential { kind, masked }) = credential::find(key, text) {
                let (en, zh) = kind.describe();
                let message = tr!(
                    sink.lang(),
                    "ConfigMap `{config_map}` key `{key}` holds {en} (`{masked}`); move it to a \
                     Secret",
                    "ConfigMap `{config_map}` 的键 `{key}` 存放了{zh}（`{masked}`）；请移到 Secret 中",
                );
                sink.report(&RULE.meta, value, field, message);
                continue;
            }
        }
        for (line, content) in text.split('\n').enumerate() {
            let found = credential::recognise(content).map(|c| (None, c)).or_else(|| {
                let (name, assigned) = credential::assignment(content)?;
                let found = credential::find(name, assigned)?;
                Some((Some(name), found))
            });
            let Some((name, Credential { kind, masked })) = found else {
                continue;
            };
            let (en, zh) = kind.describe();
            let message = match name {
                Some(name) => tr!(
                    sink.lang(),
                    "ConfigMap `{config_map}` key `{key}` sets `{name}` to {en} (`{masked}`); \
                     move it to a Secret",
                    "ConfigMap `{config_map}` 的键 `{key}` 把 `{name}` 设为{zh}（`{masked}`）；\
                     请移到 Secret 中",
                ),
                None => tr!(
                    sink.lang(),
                    "ConfigMap `{config_map}` key `{key}` contains {en} (`{masked}`); move it to \
                     a Secret",
                    "ConfigMap `{config_map}` 的键 `{key}` 中含有{zh}（`{masked}`）；请移到 Secret 中",
                ),
            };
            sink.report(&RULE.meta, &line_node(value, line), field.clone(), message);
        }
    }
}
