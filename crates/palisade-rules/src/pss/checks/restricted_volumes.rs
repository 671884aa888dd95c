//! PSS-restrictedVolumes (restricted): only ephemeral and API-backed volume types. Replaces
//! hostPathVolumes.

use super::super::prelude::*;
use crate::k8s::{OTHER_VOLUME_SOURCES, RESTRICTED_VOLUME_SOURCES};

pub(crate) static CHECK: Check = Check {
    id: "restrictedVolumes",
    level: Level::Restricted,
    meta: RuleMeta {
        code: "PSS-restrictedVolumes",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security restricted: volume type not allowed",
            zh: "Pod 安全标准 restricted：不允许的卷类型",
        },
        description: Text {
            en: "Restricted allows only volume types that cannot reach the node or bypass storage policy: \
                 configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. \
                 hostPath and in-tree network or cloud volumes (nfs, iscsi, rbd, awsElasticBlockStore …) are \
                 rejected.",
            zh: "restricted 级别只允许无法触及节点、也无法绕过存储策略的卷类型：configMap、csi、downwardAPI、\
                 emptyDir、ephemeral、image、persistentVolumeClaim、projected、secret。hostPath 以及树内网络/云存储卷\
                 （nfs、iscsi、rbd、awsElasticBlockStore 等）都会被拒绝。",
        },
        remediation: Text {
            en: "Use a PersistentVolumeClaim (the storage class carries the network or cloud details), or an \
                 emptyDir, ConfigMap, Secret or projected volume.",
            zh: "改用 PersistentVolumeClaim（由存储类承载网络或云存储细节），或 emptyDir、ConfigMap、Secret、\
                 projected 卷。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
        concern: Some("volume-type"),
    },
    versions: &[Versioned::new(0, run).replacing(&["hostPathVolumes"])],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for (index, volume) in pod.spec.volumes() {
        let sources = || {
            volume
                .as_map()
                .unwrap_or_default()
                .iter()
                .filter(|(_, v)| !v.is_null())
                .filter_map(|(k, v)| Some((k.as_text()?, v)))
        };
        if sources().any(|(k, _)| RESTRICTED_VOLUME_SOURCES.contains(&k)) {
            continue;
        }
        let Some((kind, at)) = sources().find(|(k, _)| OTHER_VOLUME_SOURCES.contains(k)) else {
            continue;
        };
        let name = volume.get("name").and_then(Node::as_text).unwrap_or("<unnamed>");
        // A hostPath volume at its path, as palisade's own hostPath rules report it.
        let (at, field, concern) = if kind == "hostPath" {
            let field = pod.spec.field(&format!("volumes[{index}].hostPath.path"));
            (at.get("path").unwrap_or(at), field, "host-path")
        } else {
            (
                at,
                pod.spec.field(&format!("volumes[{index}].{kind}")),
                "volume-type",
            )
        };
        let message = tr!(
            out.lang,
            "volume `{name}` is of type `{kind}`; allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret",
            "卷 `{name}` 的类型为 `{kind}`；允许的值：configMap、csi、downwardAPI、emptyDir、ephemeral、image、persistentVolumeClaim、projected、secret",
        );
        out.report(&CHECK, at, field, concern, message);
    }
}
