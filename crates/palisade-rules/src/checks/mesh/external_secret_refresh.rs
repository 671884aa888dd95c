//! K8S610: an `ExternalSecret` is never refreshed, or refreshed less than once a day.
//!
//! Checked on `ExternalSecret` (`spec`) and on the template of a `ClusterExternalSecret`
//! (`spec.externalSecretSpec`), in every `external-secrets.io` version:
//! - `refreshPolicy: CreatedOnce` or `OnChange`: the Secret is never updated from the provider;
//! - otherwise (`Periodic`, the default) `refreshInterval` of zero or less (`"0"`, `0s`), which
//!   stops periodic refresh, or longer than [`MAX_REFRESH`] (24 hours).
//!
//! `refreshInterval` is a Go duration (`1h30m`, `90s`; `1d` is not one and the API server rejects
//! it); a missing one is the operator's default, one hour. A `ClusterExternalSecret`'s own
//! `refreshTime` is how often it looks for namespaces, not how often secrets are read, and is not
//! checked.

use super::view::{EXTERNAL_SECRETS, format_duration, go_duration, is_kind, name};
use crate::checks::prelude::*;

/// The longest refresh interval accepted: a day. A rotated or revoked credential should reach the
/// cluster within the day it changed.
const MAX_REFRESH: i128 = 24 * 3600 * 1_000_000_000;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S610",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "ExternalSecret is never or rarely refreshed",
            zh: "ExternalSecret 从不刷新或刷新间隔过长",
        },
        description: Text {
            en: "The External Secrets Operator copies the provider's value into the Kubernetes \
                 Secret only when it refreshes. With `refreshInterval: 0`, `CreatedOnce` or \
                 `OnChange` it never does so on its own, and with an interval over a day it does so \
                 rarely: a credential rotated or revoked in Vault or the cloud secret manager keeps \
                 the old value in the cluster, so rotation after a leak does not reach the \
                 workloads.",
            zh: "External Secrets Operator 只在刷新时才把外部密钥的值同步到 Kubernetes Secret。\
                 `refreshInterval: 0`、`CreatedOnce` 或 `OnChange` 意味着它从不主动刷新，\
                 间隔超过一天则很少刷新：在 Vault 或云密钥管理服务里轮换或吊销的凭据，\
                 集群里仍是旧值，泄露后的轮换到不了工作负载。",
        },
        remediation: Text {
            en: "Use the default `refreshPolicy: Periodic` with a `refreshInterval` of at most \
                 `24h` (for example `1h`).",
            zh: "使用默认的 `refreshPolicy: Periodic`，并把 `refreshInterval` 设为不超过 `24h`\
                 （例如 `1h`）。",
        },
        references: &[
            "https://external-secrets.io/latest/api/externalsecret/",
            "https://pkg.go.dev/time#ParseDuration",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let (spec, prefix) = if is_kind(object, EXTERNAL_SECRETS, "ExternalSecret") {
        (object.spec(), "spec")
    } else if is_kind(object, EXTERNAL_SECRETS, "ClusterExternalSecret") {
        (
            object.spec().and_then(|s| s.get("externalSecretSpec")),
            "spec.externalSecretSpec",
        )
    } else {
        return;
    };
    let Some(spec) = spec else { return };
    let kind = object.kind;
    let secret = name(object);
    if let Some(policy) = spec.get("refreshPolicy") {
        if let Some(never @ ("CreatedOnce" | "OnChange")) = policy.as_text() {
            let message = tr!(
                sink.lang(),
                "{kind} `{secret}` uses `refreshPolicy: {never}`, so provider changes never reach \
                 the Secret; use `Periodic` with a `refreshInterval` of at most 24h",
                "{kind} `{secret}` 使用 `refreshPolicy: {never}`，外部密钥的变更永远同步不到 Secret；\
                 请改用 `Periodic`，并把 `refreshInterval` 设为不超过 24h",
            );
            sink.report(&RULE.meta, policy, format!("{prefix}.refreshPolicy"), message);
            return;
        }
    }
    let Some(interval) = spec.get("refreshInterval") else {
        return;
    };
    let Some(nanos) = interval.as_str().and_then(go_duration) else {
        return;
    };
    let written = interval.as_str().unwrap_or_default();
    let message = if nanos <= 0 {
        tr!(
            sink.lang(),
            "{kind} `{secret}` has `refreshInterval: {written}`, so the Secret is fetched once and \
             never refreshed; set an interval of at most 24h, such as `1h`",
            "{kind} `{secret}` 的 `refreshInterval: {written}` 表示只拉取一次、此后从不刷新；\
             请设为不超过 24h 的间隔，例如 `1h`",
        )
    } else if nanos > MAX_REFRESH {
        let every = format_duration(nanos);
        tr!(
            sink.lang(),
            "{kind} `{secret}` refreshes only every {every}, so a rotated credential can take \
             that long to reach the cluster; set `refreshInterval` to at most 24h",
            "{kind} `{secret}` 每 {every} 才刷新一次，轮换后的凭据可能要这么久才能同步到集群；\
             请把 `refreshInterval` 设为不超过 24h",
        )
    } else {
        return;
    };
    sink.report(&RULE.meta, interval, format!("{prefix}.refreshInterval"), message);
}
