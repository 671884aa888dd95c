//! K8S417: a `ClusterRole` can approve certificate signing requests for the API server's signers.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S417",
        aliases: &["CKV_K8S_156"],
        severity: Severity::High,
        title: Text {
            en: "ClusterRole can approve certificate signing requests",
            zh: "ClusterRole 可以批准证书签名请求",
        },
        description: Text {
            en: "Approving a CSR takes `update` on `certificatesigningrequests/approval` and `approve` \
                 on the signer. For `kubernetes.io/kube-apiserver-client` the approved certificate \
                 authenticates as any user and group written in it, `system:masters` included, and \
                 cannot be revoked before it expires.",
            zh: "批准 CSR 需要对 `certificatesigningrequests/approval` 的 `update` 以及对签名者的 `approve`。对于 \
                 `kubernetes.io/kube-apiserver-client`，批准后的证书可以以其中写明的任意用户和组（包括 \
                 `system:masters`）通过认证，而且在过期前无法吊销。",
        },
        remediation: Text {
            en: "Remove `approve` on `signers`, or limit it with `resourceNames` to a signer of your \
                 own (`example.com/my-signer`) that the API server does not trust for client \
                 authentication.",
            zh: "删除对 `signers` 的 `approve`，或用 `resourceNames` 把它限制为你自己的签名者\
                 （例如 `example.com/my-signer`），且 API 服务器不信任该签名者签发的客户端证书。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing",
            "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization",
        ],
        concern: None,
    },
    check,
};

const CERTIFICATES: &str = "certificates.k8s.io";

static APPROVAL: Grant = Grant {
    targets: &[(CERTIFICATES, "certificatesigningrequests/approval")],
    verbs: &["update", "patch"],
    cluster_scoped: true,
    names: Names::Any,
};

/// Signers whose certificates the API server accepts as client credentials (`kubernetes.io/*`
/// is the domain wildcard the signer check understands).
static SIGNERS: Grant = Grant {
    targets: &[(CERTIFICATES, "signers")],
    verbs: &["approve"],
    cluster_scoped: true,
    names: Names::UnlessRestrictedTo(&[
        "kubernetes.io/*",
        "kubernetes.io/kube-apiserver-client",
        "kubernetes.io/kube-apiserver-client-kubelet",
    ]),
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    if !role.grants(&SIGNERS) {
        return;
    }
    for hit in role.hits(&APPROVAL) {
        let (name, verbs, resource) = (role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "ClusterRole `{name}` grants `{verbs}` on `{resource}` and `approve` on the API server's signers, so it can issue a client certificate for any identity; limit `approve` to a signer of your own",
            "ClusterRole `{name}` 对 `{resource}` 授予 `{verbs}`，并可对 API 服务器的签名者执行 `approve`，因此能为任意身份签发客户端证书；请把 `approve` 限制为你自己的签名者",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
