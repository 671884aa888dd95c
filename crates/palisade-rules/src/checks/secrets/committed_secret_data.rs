//! K8S301: a Secret carries its values in the manifest.
//!
//! Every non-empty value of `data` or `stringData` is reported at the value, one finding per key,
//! never showing the value. Not reported: references filled in at deploy time (`${DB_PASSWORD}`
//! for envsubst or Flux), SOPS-encrypted manifests, and the public certificates `ca.crt` and
//! `tls.crt`. A `kubernetes.io/service-account-token` Secret without data is what it should be:
//! the token controller fills it in.

use super::credential::is_placeholder;
use super::view::{entries, is_core, is_sops_encrypted, key_field, text};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S301",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Secret values are committed in the manifest",
            zh: "Secret 的值直接写在清单里",
        },
        description: Text {
            en: "The values of a Secret's `data` are only base64-encoded and `stringData` is plain \
                 text, so whoever can read the manifest — the Git history, CI logs, every clone, \
                 the rendered chart — has the credential, and it stays in history after it is \
                 rotated.",
            zh: "Secret 的 `data` 只是 base64 编码，`stringData` 更是明文。凡是能读到这份清单的人——\
                 Git 历史、CI 日志、每一份克隆、渲染后的 Chart——都拿到了凭据；即使之后轮换，\
                 旧值也会永远留在提交历史里。",
        },
        remediation: Text {
            en: "Remove `data`/`stringData` from the committed Secret and deliver the values from a \
                 secret manager: an ExternalSecret (External Secrets Operator) or the Vault agent \
                 injector, or commit a SealedSecret or SOPS-encrypted file instead. Rotate every \
                 value that was committed.",
            zh: "从提交的 Secret 中删除 `data`/`stringData`，改由密钥管理系统下发：使用 ExternalSecret\
                 （External Secrets Operator）或 Vault Agent 注入，或者只提交 SealedSecret、SOPS \
                 加密后的文件。已经提交过的值全部轮换。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
            "https://external-secrets.io/latest/api/externalsecret/",
            "https://github.com/bitnami-labs/sealed-secrets",
        ],
        concern: None,
    },
    check,
};

/// Keys that hold public certificates, not secrets.
const PUBLIC_KEYS: &[&str] = &["ca.crt", "tls.crt"];

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    if !is_core(object, "Secret") || is_sops_encrypted(object) {
        return;
    }
    let name = object.name.unwrap_or("<unnamed>");
    for field in ["data", "stringData"] {
        for (key, value) in entries(object.root.get(field)) {
            let Some(text) = text(value) else { continue };
            if PUBLIC_KEYS.contains(&key) || is_placeholder(text) {
                continue;
            }
            let message = tr!(
                sink.lang(),
                "Secret `{name}` commits the value of `{key}` in `{field}`; deliver it through an \
                 ExternalSecret or SealedSecret and rotate it",
                "Secret `{name}` 在 `{field}` 中提交了 `{key}` 的值；请改用 ExternalSecret 或 \
                 SealedSecret 下发，并轮换该值",
            );
            sink.report(&RULE.meta, value, key_field(field, key), message);
        }
    }
}
