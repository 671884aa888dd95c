//! K8S602: an Istio `DestinationRule` sends traffic in plaintext (`tls.mode: DISABLE`).
//!
//! Checked wherever a traffic policy can say it: `spec.trafficPolicy`, its `portLevelSettings[]`,
//! and the same two under each `spec.subsets[].trafficPolicy`, for `networking.istio.io`
//! v1alpha3, v1beta1 and v1.

use super::view::{ISTIO_NETWORKING, is_kind, list, name};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S602",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "DestinationRule disables TLS",
            zh: "DestinationRule 关闭了 TLS",
        },
        description: Text {
            en: "`tls.mode: DISABLE` makes the client sidecar send plaintext to the destination: \
                 the traffic can be read and altered on the network, and the server sees no \
                 client identity. If the server requires STRICT mTLS the calls fail; if they \
                 succeed, the server is accepting plaintext.",
            zh: "`tls.mode: DISABLE` 让客户端 sidecar 以明文发往目标服务：流量在网络上可被窃听和篡改，\
                 服务端也拿不到客户端身份。如果服务端要求 STRICT mTLS，请求会直接失败；\
                 如果请求成功了，说明服务端在接受明文。",
        },
        remediation: Text {
            en: "Use `tls.mode: ISTIO_MUTUAL` for services in the mesh (or remove the `tls` block \
                 and rely on auto mTLS), and `SIMPLE` or `MUTUAL` with certificates for services \
                 outside it.",
            zh: "网格内服务使用 `tls.mode: ISTIO_MUTUAL`（或删除 `tls` 配置，依赖自动 mTLS）；\
                 网格外服务使用带证书的 `SIMPLE` 或 `MUTUAL`。",
        },
        references: &[
            "https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings",
            "https://istio.io/latest/docs/concepts/security/#mutual-tls-authentication",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    if !is_kind(object, ISTIO_NETWORKING, "DestinationRule") {
        return;
    }
    let Some(spec) = object.spec() else { return };
    let rule = name(object);
    let host = spec.get("host").and_then(Node::as_text).unwrap_or("<no host>");
    let mut policies: Vec<(&Node, String, Option<&str>)> = Vec::new();
    if let Some(policy) = spec.get("trafficPolicy") {
        policies.push((policy, "spec.trafficPolicy".to_owned(), None));
    }
    for (index, subset) in list(spec, "subsets") {
        if let Some(policy) = subset.get("trafficPolicy") {
            let subset_name = subset.get("name").and_then(Node::as_text);
            policies.push((
                policy,
                format!("spec.subsets[{index}].trafficPolicy"),
                Some(subset_name.unwrap_or("<unnamed>")),
            ));
        }
    }
    for (policy, path, subset) in policies {
        let mut places = vec![(policy, path.clone(), None)];
        for (index, port) in list(policy, "portLevelSettings") {
            let number = port.path(&["port", "number"]).and_then(Node::as_text);
            places.push((port, format!("{path}.portLevelSettings[{index}]"), number));
        }
        for (place, field, port) in places {
            let Some(mode) = place.path(&["tls", "mode"]) else {
                continue;
            };
            if mode.as_text() != Some("DISABLE") {
                continue;
            }
            let lang = sink.lang();
            let target = match (subset, port) {
                (None, None) => format!("`{host}`"),
                (Some(s), None) => tr!(lang, "`{host}` subset `{s}`", "`{host}` 的子集 `{s}`"),
                (None, Some(p)) => tr!(lang, "`{host}` port {p}", "`{host}` 的端口 {p}"),
                (Some(s), Some(p)) => tr!(
                    lang,
                    "`{host}` subset `{s}` port {p}",
                    "`{host}` 子集 `{s}` 的端口 {p}"
                ),
            };
            let message = tr!(
                lang,
                "DestinationRule `{rule}` sends plaintext to {target} (`tls.mode: DISABLE`); use \
                 `ISTIO_MUTUAL`",
                "DestinationRule `{rule}` 以明文发往 {target}（`tls.mode: DISABLE`）；请改用 `ISTIO_MUTUAL`",
            );
            sink.report(&RULE.meta, mode, format!("{field}.tls.mode"), message);
        }
    }
}
