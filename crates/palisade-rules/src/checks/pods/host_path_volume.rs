//! K8S110: a pod mounts a directory or file of the node (`volumes[].hostPath`).
//!
//! Every `hostPath` volume is reported here; K8S111 and K8S112 report the dangerous ones at the
//! same field with the same concern, so a report keeps only their sharper finding.

use super::host_paths::host_path_volumes;
use super::view::{label, mounted_by, used_by};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S110",
        aliases: &["KSV023"],
        severity: Severity::Medium,
        title: Text {
            en: "Pod mounts a host path",
            zh: "Pod 挂载宿主机路径",
        },
        description: Text {
            en: "A `hostPath` volume puts part of the node's filesystem into the container. Whatever the \
                 container can read or write there, it reads or writes on the node, outside any isolation: \
                 files left by other pods, node configuration, and in the worst case files the node \
                 executes. The data is also tied to one node and lost when the pod moves.",
            zh: "`hostPath` 卷把节点文件系统的一部分放进容器。容器在其中读写的一切，都是直接读写节点上的文件，\
                 不受任何隔离：其他 Pod 留下的文件、节点配置，最坏情况下还有节点会执行的文件。数据也被绑定在\
                 单个节点上，Pod 迁移后即丢失。",
        },
        remediation: Text {
            en: "Replace the `hostPath` volume with a PersistentVolumeClaim, an `emptyDir`, a ConfigMap or a \
                 Secret. If a node agent truly needs it, mount the narrowest path with `readOnly: true` \
                 and run it in a namespace that allows privileged pods.",
            zh: "把 `hostPath` 卷换成 PersistentVolumeClaim、`emptyDir`、ConfigMap 或 Secret。如果节点代理确实\
                 需要，只挂载范围最小的路径并设置 `readOnly: true`，并把它放在允许特权 Pod 的命名空间中运行。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
        ],
        concern: Some("host-path"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for volume in host_path_volumes(&pod) {
        let (name, path) = (volume.name, volume.written);
        let object = label(object);
        let used = used_by(sink.lang(), &mounted_by(&pod, name));
        let message = tr!(
            sink.lang(),
            "volume `{name}` of {object}{used} mounts host path `{path}`; use a PersistentVolumeClaim, emptyDir or ConfigMap instead",
            "{object} 的卷 `{name}`{used}挂载了宿主机路径 `{path}`；请改用 PersistentVolumeClaim、emptyDir 或 ConfigMap",
        );
        sink.report(&RULE.meta, volume.at, volume.field, message);
    }
}
