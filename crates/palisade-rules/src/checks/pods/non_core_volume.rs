//! K8S113: a pod uses a volume type outside the Pod Security Standards' restricted set.
//!
//! The restricted set is `configMap`, `csi`, `downwardAPI`, `emptyDir`, `ephemeral`, `image`
//! (allowed since Kubernetes 1.33), `persistentVolumeClaim`, `projected` and `secret`. `hostPath`
//! is left to K8S110–K8S112, as Trivy leaves it to KSV023. A volume with only a `name` defaults
//! to `emptyDir`, and unknown keys are schema errors, not volume types: neither is reported.

use super::view::label;
use crate::checks::prelude::*;
use crate::k8s::OTHER_VOLUME_SOURCES;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S113",
        aliases: &["KSV028"],
        severity: Severity::Low,
        title: Text {
            en: "Pod uses a non-core volume type",
            zh: "Pod 使用了非核心类型的卷",
        },
        description: Text {
            en: "In-tree volume types such as `nfs`, `iscsi`, `rbd`, `cephfs` or `flexVolume` make the \
                 kubelet mount remote storage with the node's own credentials and drivers, chosen by \
                 whoever writes the pod. `gitRepo` runs `git` on the node as root and has allowed \
                 command execution (CVE-2024-10220). The restricted Pod Security Standard allows only \
                 volumes whose storage the cluster administrator controls.",
            zh: "`nfs`、`iscsi`、`rbd`、`cephfs`、`flexVolume` 等内置卷类型会让 kubelet 用节点自己的凭据和驱动去\
                 挂载远程存储，而挂载什么由编写 Pod 的人决定。`gitRepo` 会在节点上以 root 身份运行 `git`，曾导致\
                 命令执行漏洞（CVE-2024-10220）。受限级 Pod 安全标准只允许存储由集群管理员掌控的卷类型。",
        },
        remediation: Text {
            en: "Let the administrator define the storage as a PersistentVolume or StorageClass (CSI) and \
                 mount it through a `persistentVolumeClaim`; replace `gitRepo` with an init container \
                 that clones into an `emptyDir`.",
            zh: "由管理员把存储定义为 PersistentVolume 或 StorageClass（CSI），Pod 通过 `persistentVolumeClaim` \
                 挂载；用 init 容器把仓库克隆到 `emptyDir` 来代替 `gitRepo`。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/concepts/storage/volumes/",
        ],
        concern: Some("volume-type"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for (index, volume) in pod.volumes() {
        let entries = volume.as_map().unwrap_or_default();
        let name = volume.get("name").and_then(Node::as_text).unwrap_or("<unnamed>");
        for (key, value) in entries {
            let Some(kind) = key
                .as_text()
                .filter(|k| *k != "hostPath" && OTHER_VOLUME_SOURCES.contains(k))
            else {
                continue;
            };
            if value.is_null() {
                continue;
            }
            let object = label(object);
            let message = tr!(
                sink.lang(),
                "volume `{name}` of {object} uses the `{kind}` volume type; mount storage through a persistentVolumeClaim or CSI instead",
                "{object} 的卷 `{name}` 使用了 `{kind}` 卷类型；请改为通过 persistentVolumeClaim 或 CSI 挂载存储",
            );
            sink.report(
                &RULE.meta,
                key,
                pod.field(&format!("volumes[{index}].{kind}")),
                message,
            );
        }
    }
}
