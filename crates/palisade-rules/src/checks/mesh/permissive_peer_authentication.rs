//! K8S601: an Istio `PeerAuthentication` does not require mutual TLS.
//!
//! Reported: `spec.mtls.mode` and `spec.portLevelMtls.<port>.mode` set to `PERMISSIVE` or
//! `DISABLE`; and a mesh-wide policy (in the root namespace `istio-system`, without a selector)
//! whose mode is `UNSET` or missing, which Istio treats as `PERMISSIVE`. Elsewhere an unset mode
//! inherits from the namespace or mesh policy, which this rule checks where it is written.
//! Policies with a selector in the root namespace are ignored by Istio, and so here.

use super::view::{ISTIO_ROOT_NAMESPACE, ISTIO_SECURITY, is_kind, name};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S601",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "PeerAuthentication does not enforce strict mTLS",
            zh: "PeerAuthentication 未强制严格 mTLS",
        },
        description: Text {
            en: "In PERMISSIVE mode a workload also accepts plaintext, and with DISABLE it accepts \
                 nothing else: any pod, including one outside the mesh, can connect without a \
                 certificate, read and alter the traffic on the wire, and pass AuthorizationPolicy \
                 rules that only check namespaces or IP blocks, since plaintext carries no peer \
                 identity. Zero trust inside the cluster starts with STRICT.",
            zh: "PERMISSIVE 模式下工作负载同时接受明文，DISABLE 则只接受明文：任何 Pod（包括网格外的）\
                 都能不带证书直接连接，链路上的流量可被窃听和篡改；明文连接没有对端身份，只按命名空间\
                 或 IP 段判断的 AuthorizationPolicy 规则也可能被绕过。集群内的零信任要从 STRICT 开始。",
        },
        remediation: Text {
            en: "Set `spec.mtls.mode: STRICT` (and remove PERMISSIVE/DISABLE from \
                 `portLevelMtls`) once every client has a sidecar; put a STRICT policy named \
                 `default` in the root namespace for the whole mesh.",
            zh: "在所有客户端都注入 sidecar 之后，设置 `spec.mtls.mode: STRICT`（并去掉 `portLevelMtls` \
                 中的 PERMISSIVE/DISABLE）；在根命名空间放一个名为 `default` 的 STRICT 策略，\
                 覆盖整个网格。",
        },
        references: &[
            "https://istio.io/latest/docs/reference/config/security/peer_authentication/",
            "https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    if !is_kind(object, ISTIO_SECURITY, "PeerAuthentication") {
        return;
    }
    let policy = name(object);
    let spec = object.spec().filter(|s| !s.is_null());
    let mtls = spec.and_then(|s| s.get("mtls")).filter(|m| !m.is_null());
    // Wrong types are the API server's to reject, not an unset mode.
    if spec.is_some_and(|s| s.as_map().is_none()) || mtls.is_some_and(|m| m.as_map().is_none()) {
        return;
    }
    let mode = mtls.and_then(|m| m.get("mode")).filter(|m| !m.is_null());
    match mode.map(|m| (m, m.as_text())) {
        Some((node, Some(weak @ ("PERMISSIVE" | "DISABLE")))) => {
            let message = weak_message(sink.lang(), policy, weak, None);
            sink.report(&RULE.meta, node, "spec.mtls.mode", message);
        }
        None | Some((_, Some("UNSET"))) if mesh_wide(object, spec) => {
            let at = mode.or(mtls).or(spec).unwrap_or(object.root);
            let message = tr!(
                sink.lang(),
                "mesh-wide PeerAuthentication `{policy}` leaves the mTLS mode unset, which Istio \
                 treats as PERMISSIVE; set `spec.mtls.mode: STRICT`",
                "全网格 PeerAuthentication `{policy}` 未设置 mTLS 模式，Istio 按 PERMISSIVE 处理；\
                 请设置 `spec.mtls.mode: STRICT`",
            );
            sink.report(&RULE.meta, at, "spec.mtls.mode", message);
        }
        _ => {}
    }
    let ports = spec
        .and_then(|s| s.get("portLevelMtls"))
        .and_then(Node::as_map)
        .unwrap_or_default();
    for (port, settings) in ports {
        let Some(mode) = settings.get("mode") else {
            continue;
        };
        let Some(weak @ ("PERMISSIVE" | "DISABLE")) = mode.as_text() else {
            continue;
        };
        let port = port.as_text().unwrap_or_default();
        let message = weak_message(sink.lang(), policy, weak, Some(port));
        sink.report(
            &RULE.meta,
            mode,
            format!("spec.portLevelMtls.{port}.mode"),
            message,
        );
    }
}

/// A policy for the whole mesh: in the root namespace, selecting no workload.
fn mesh_wide(object: &Object<'_>, spec: Option<&Node>) -> bool {
    let targeted = ["selector", "targetRef", "targetRefs"]
        .iter()
        .any(|key| spec.and_then(|s| s.get(key)).is_some_and(|v| !v.is_null()));
    object.namespace == Some(ISTIO_ROOT_NAMESPACE) && !targeted
}

fn weak_message(lang: palisade_core::Lang, policy: &str, mode: &str, port: Option<&str>) -> String {
    match (mode, port) {
        ("DISABLE", None) => tr!(
            lang,
            "PeerAuthentication `{policy}` turns mTLS off (`mode: DISABLE`); set `mode: STRICT`",
            "PeerAuthentication `{policy}` 关闭了 mTLS（`mode: DISABLE`）；请改为 `mode: STRICT`",
        ),
        (_, None) => tr!(
            lang,
            "PeerAuthentication `{policy}` accepts plaintext as well as mTLS (`mode: PERMISSIVE`); \
             set `mode: STRICT`",
            "PeerAuthentication `{policy}` 同时接受明文和 mTLS（`mode: PERMISSIVE`）；请改为 `mode: STRICT`",
        ),
        ("DISABLE", Some(port)) => tr!(
            lang,
            "PeerAuthentication `{policy}` turns mTLS off on port {port} (`mode: DISABLE`); set \
             `mode: STRICT` or remove the port override",
            "PeerAuthentication `{policy}` 在端口 {port} 上关闭了 mTLS（`mode: DISABLE`）；\
             请改为 `mode: STRICT` 或删除该端口的覆盖设置",
        ),
        (_, Some(port)) => tr!(
            lang,
            "PeerAuthentication `{policy}` accepts plaintext on port {port} (`mode: PERMISSIVE`); \
             set `mode: STRICT` or remove the port override",
            "PeerAuthentication `{policy}` 在端口 {port} 上接受明文（`mode: PERMISSIVE`）；\
             请改为 `mode: STRICT` 或删除该端口的覆盖设置",
        ),
    }
}
