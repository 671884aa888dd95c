//! K8S422: a `ClusterRole` can create `PersistentVolumes`, hostPath ones included.

use super::view::{Grant, Names, Role};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S422",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "ClusterRole can create PersistentVolumes",
            zh: "ClusterRole 可以创建 PersistentVolume",
        },
        description: Text {
            en: "A PersistentVolume may be a `hostPath` volume. Pod Security forbids `hostPath` in \
                 pods, but not a claim bound to a hostPath PersistentVolume, so whoever can create \
                 PersistentVolumes and claims can mount `/` of a node into a pod and take it over.",
            zh: "PersistentVolume 可以是 `hostPath` 卷。Pod Security 禁止 Pod 直接使用 `hostPath`，却不禁止绑定到 \
                 hostPath PersistentVolume 的卷声明，所以能创建 PersistentVolume 和卷声明的人，可以把节点的 `/` \
                 挂进 Pod，进而接管节点。",
        },
        remediation: Text {
            en: "Remove `create` on `persistentvolumes`; let StorageClasses and their provisioners \
                 create volumes, and give users `persistentvolumeclaims` only.",
            zh: "删除对 `persistentvolumes` 的 `create`；由 StorageClass 及其供应器创建卷，用户只授予 \
                 `persistentvolumeclaims` 权限。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation",
            "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
        ],
        concern: None,
    },
    check,
};

static PERSISTENT_VOLUMES: Grant = Grant {
    targets: &[("", "persistentvolumes")],
    verbs: &["create"],
    cluster_scoped: true,
    names: Names::UNRESTRICTED,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(role) = Role::of(object) else { return };
    for hit in role.hits(&PERSISTENT_VOLUMES) {
        let (name, verbs, resource) = (role.name, hit.verb_list(), hit.resource);
        let message = tr!(
            sink.lang(),
            "ClusterRole `{name}` grants `{verbs}` on `{resource}`, so it can mount a node's filesystem through a hostPath volume; remove it and use a StorageClass",
            "ClusterRole `{name}` 对 `{resource}` 授予 `{verbs}`，可以通过 hostPath 卷挂载节点文件系统；请删除该权限并改用 StorageClass",
        );
        sink.report(&RULE.meta, hit.resource_node, hit.field(), message);
    }
}
