//! K8S231: an object uses an API version that Kubernetes no longer serves for its kind.
//!
//! Every object, not only pod-bearing ones. The table follows the Kubernetes deprecated API
//! migration guide (removals in v1.16 to v1.32), plus the `batch/v2alpha1` `CronJob` (gone in v1.21).
//! Each row names the release that stopped serving the version and the version to use instead.
//!
//! Trivy's KSV107 means the same, but its table files `extensions/v1beta1` kinds under
//! `apps/v1beta1` and `apps/v1beta*` under `autoscaling/v1beta*`, so it misses
//! `extensions/v1beta1` Deployments and `apps/v1beta2` objects, and it has no `PodSecurityPolicy`.

use super::object_label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S231",
        aliases: &["KSV107"],
        severity: Severity::Low,
        title: Text {
            en: "Object uses a removed API version",
            zh: "对象使用了已移除的 API 版本",
        },
        description: Text {
            en: "Kubernetes removes beta API versions once the stable one has been available long \
                 enough. The API server refuses a manifest that uses a removed version, so the object \
                 cannot be applied to a current cluster. Defaults also changed between versions (a \
                 Deployment's selector, a webhook's failure policy), so old manifests often carry \
                 settings nobody chose, and a manifest still on a removed API is usually one nobody \
                 maintains.",
            zh: "稳定版本提供足够久之后，Kubernetes 就会移除对应的 beta API 版本。API 服务器会拒绝使用\
                 已移除版本的清单，对象无法应用到当前的集群上。不同版本之间的默认值也有变化（例如 \
                 Deployment 的 selector、Webhook 的失败策略），旧清单里常常带着没人刻意选择过的配置；\
                 仍停留在已移除 API 上的清单，通常也已无人维护。",
        },
        remediation: Text {
            en: "Change `apiVersion` to the version the message names and make the field changes the \
                 Kubernetes deprecated API migration guide lists; `kubectl convert -f <file> \
                 --output-version <group>/<version>` does most of the work. PodSecurityPolicy has no \
                 successor: label namespaces for Pod Security Admission instead.",
            zh: "把 `apiVersion` 改为提示中给出的版本，并按 Kubernetes 弃用 API 迁移指南修改相应字段；\
                 `kubectl convert -f <文件> --output-version <组>/<版本>` 能完成大部分工作。\
                 PodSecurityPolicy 没有后继 API：请改为给命名空间加上 Pod Security Admission 标签。",
        },
        references: &[
            "https://kubernetes.io/docs/reference/using-api/deprecation-guide/",
            "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
        ],
        concern: None,
    },
    check,
};

/// A removed API: its `apiVersion` and kind, the release that stopped serving it, and what to
/// use instead (`None`: nothing, for `PodSecurityPolicy`).
struct RemovedApi {
    api_version: &'static str,
    kinds: &'static [&'static str],
    removed_in: &'static str,
    replacement: Option<&'static str>,
}

const fn removed(
    api_version: &'static str,
    kinds: &'static [&'static str],
    removed_in: &'static str,
    replacement: Option<&'static str>,
) -> RemovedApi {
    RemovedApi {
        api_version,
        kinds,
        removed_in,
        replacement,
    }
}

const APPS_V1: Option<&str> = Some("apps/v1");
const APPS_KINDS: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ControllerRevision",
];

const REMOVED: &[RemovedApi] = &[
    // v1.16
    removed(
        "extensions/v1beta1",
        &["Deployment", "DaemonSet", "ReplicaSet"],
        "1.16",
        APPS_V1,
    ),
    removed(
        "extensions/v1beta1",
        &["NetworkPolicy"],
        "1.16",
        Some("networking.k8s.io/v1"),
    ),
    removed("extensions/v1beta1", &["PodSecurityPolicy"], "1.16", None),
    removed("apps/v1beta1", APPS_KINDS, "1.16", APPS_V1),
    removed("apps/v1beta2", APPS_KINDS, "1.16", APPS_V1),
    // v1.21
    removed("batch/v2alpha1", &["CronJob"], "1.21", Some("batch/v1")),
    // v1.22
    removed(
        "admissionregistration.k8s.io/v1beta1",
        &["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
        "1.22",
        Some("admissionregistration.k8s.io/v1"),
    ),
    removed(
        "apiextensions.k8s.io/v1beta1",
        &["CustomResourceDefinition"],
        "1.22",
        Some("apiextensions.k8s.io/v1"),
    ),
    removed(
        "apiregistration.k8s.io/v1beta1",
        &["APIService"],
        "1.22",
        Some("apiregistration.k8s.io/v1"),
    ),
    removed(
        "authentication.k8s.io/v1beta1",
        &["TokenReview"],
        "1.22",
        Some("authentication.k8s.io/v1"),
    ),
    removed(
        "authorization.k8s.io/v1beta1",
        &[
            "LocalSubjectAccessReview",
            "SelfSubjectAccessReview",
            "SelfSubjectRulesReview",
            "SubjectAccessReview",
        ],
        "1.22",
        Some("authorization.k8s.io/v1"),
    ),
    removed(
        "certificates.k8s.io/v1beta1",
        &["CertificateSigningRequest"],
        "1.22",
        Some("certificates.k8s.io/v1"),
    ),
    removed(
        "coordination.k8s.io/v1beta1",
        &["Lease"],
        "1.22",
        Some("coordination.k8s.io/v1"),
    ),
    removed(
        "extensions/v1beta1",
        &["Ingress"],
        "1.22",
        Some("networking.k8s.io/v1"),
    ),
    removed(
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        "1.22",
        Some("networking.k8s.io/v1"),
    ),
    removed(
        "rbac.authorization.k8s.io/v1beta1",
        &["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
        "1.22",
        Some("rbac.authorization.k8s.io/v1"),
    ),
    removed(
        "scheduling.k8s.io/v1beta1",
        &["PriorityClass"],
        "1.22",
        Some("scheduling.k8s.io/v1"),
    ),
    removed(
        "storage.k8s.io/v1beta1",
        &["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"],
        "1.22",
        Some("storage.k8s.io/v1"),
    ),
    // v1.25
    removed("batch/v1beta1", &["CronJob"], "1.25", Some("batch/v1")),
    removed(
        "discovery.k8s.io/v1beta1",
        &["EndpointSlice"],
        "1.25",
        Some("discovery.k8s.io/v1"),
    ),
    removed(
        "events.k8s.io/v1beta1",
        &["Event"],
        "1.25",
        Some("events.k8s.io/v1"),
    ),
    removed(
        "autoscaling/v2beta1",
        &["HorizontalPodAutoscaler"],
        "1.25",
        Some("autoscaling/v2"),
    ),
    removed(
        "policy/v1beta1",
        &["PodDisruptionBudget"],
        "1.25",
        Some("policy/v1"),
    ),
    removed("policy/v1beta1", &["PodSecurityPolicy"], "1.25", None),
    removed(
        "node.k8s.io/v1beta1",
        &["RuntimeClass"],
        "1.25",
        Some("node.k8s.io/v1"),
    ),
    // v1.26
    removed(
        "flowcontrol.apiserver.k8s.io/v1beta1",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.26",
        Some("flowcontrol.apiserver.k8s.io/v1"),
    ),
    removed(
        "autoscaling/v2beta2",
        &["HorizontalPodAutoscaler"],
        "1.26",
        Some("autoscaling/v2"),
    ),
    // v1.27
    removed(
        "storage.k8s.io/v1beta1",
        &["CSIStorageCapacity"],
        "1.27",
        Some("storage.k8s.io/v1"),
    ),
    // v1.29
    removed(
        "flowcontrol.apiserver.k8s.io/v1beta2",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.29",
        Some("flowcontrol.apiserver.k8s.io/v1"),
    ),
    // v1.32
    removed(
        "flowcontrol.apiserver.k8s.io/v1beta3",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.32",
        Some("flowcontrol.apiserver.k8s.io/v1"),
    ),
];

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(row) = REMOVED
        .iter()
        .find(|r| r.api_version == object.api_version && r.kinds.contains(&object.kind))
    else {
        return;
    };
    let Some(at) = object.root.get("apiVersion") else {
        return;
    };
    let what = object_label(object);
    let api = row.api_version;
    let version = row.removed_in;
    let message = match row.replacement {
        Some(replacement) => tr!(
            sink.lang(),
            "{what} uses `{api}`, which Kubernetes stopped serving in v{version}; use `apiVersion: {replacement}`",
            "{what} 使用的 `{api}` 自 Kubernetes v{version} 起已停止提供；请改用 `apiVersion: {replacement}`",
        ),
        None => tr!(
            sink.lang(),
            "{what} uses `{api}`, removed in Kubernetes v{version} with no successor; enforce the Pod Security Standards with Pod Security Admission namespace labels instead",
            "{what} 使用的 `{api}` 已在 Kubernetes v{version} 中移除，且没有后继 API；请改用命名空间上的 Pod Security Admission 标签来执行 Pod 安全标准",
        ),
    };
    sink.report(&RULE.meta, at, "apiVersion", message);
}

#[cfg(test)]
mod tests {
    use super::REMOVED;

    #[test]
    fn each_api_and_kind_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for row in REMOVED {
            for kind in row.kinds {
                assert!(
                    seen.insert((row.api_version, *kind)),
                    "{} {kind}",
                    row.api_version
                );
            }
        }
    }
}
