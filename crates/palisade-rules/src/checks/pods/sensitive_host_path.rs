//! K8S112: a pod mounts a sensitive host path: the root filesystem, node credentials, kernel
//! interfaces, or files the node executes — or a directory holding one of them.
//!
//! Parents count (`/var/lib` holds `/var/lib/kubelet`), and so does anything inside a sensitive
//! tree (`/etc/kubernetes/pki`); `/etc` and `/usr` count only as themselves and their parents,
//! since everyday mounts (`/etc/ssl/certs`, `/usr/share/zoneinfo`) live inside them. Runtime
//! sockets are K8S111; `/var/log` is left to K8S110. See `host_paths.rs` for the list.

use super::host_paths::{Exposure, Relation, host_path_volumes};
use super::view::{label, mounted_by, used_by};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S112",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Pod mounts a sensitive host path",
            zh: "Pod 挂载宿主机敏感路径",
        },
        description: Text {
            en: "Some host paths hand over the node: `/` and `/etc` hold its whole configuration, \
                 `/etc/kubernetes` and `/var/lib/kubelet` its cluster credentials and other pods' \
                 Secrets, `/proc`, `/sys` and `/dev` the kernel and devices, `/usr` and `/boot` the \
                 programs it runs. A container that can write there can make the node run its code as \
                 root; one that can read there can steal credentials for the whole cluster.",
            zh: "有些宿主机路径等于把节点交了出去：`/` 和 `/etc` 是节点的全部配置，`/etc/kubernetes` 和 \
                 `/var/lib/kubelet` 存着集群凭据和其他 Pod 的 Secret，`/proc`、`/sys`、`/dev` 是内核与设备接口，\
                 `/usr` 和 `/boot` 是节点要执行的程序。容器能写这些路径，就能让节点以 root 身份运行它的代码；\
                 能读这些路径，就能窃取整个集群的凭据。",
        },
        remediation: Text {
            en: "Remove the volume. If a node agent really needs data from there, mount the single file \
                 or directory it needs, never a parent, with `readOnly: true` on the volume mount, and \
                 keep the agent in a dedicated namespace.",
            zh: "删除该卷。如果节点代理确实需要其中的数据，只挂载它需要的那个文件或目录（绝不挂载上级目录），\
                 在 volumeMount 上设置 `readOnly: true`，并把代理放在专用的命名空间中。",
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
        let message = match &volume.exposure {
            Exposure::RootFilesystem => tr!(
                sink.lang(),
                "volume `{name}` of {object}{used} mounts the node's whole root filesystem `{path}`; remove the volume",
                "{object} 的卷 `{name}`{used}挂载了节点的整个根文件系统 `{path}`；请删除该卷",
            ),
            Exposure::Sensitive(sensitive, relation) => {
                let (en, zh, inner) = (sensitive.en, sensitive.zh, sensitive.path);
                match relation {
                    Relation::Is => tr!(
                        sink.lang(),
                        "volume `{name}` of {object}{used} mounts host path `{path}`, {en}; remove the volume or mount only the file the agent needs, read-only",
                        "{object} 的卷 `{name}`{used}挂载了宿主机路径 `{path}`（{zh}）；请删除该卷，或只以只读方式挂载代理真正需要的文件",
                    ),
                    Relation::Inside => tr!(
                        sink.lang(),
                        "volume `{name}` of {object}{used} mounts host path `{path}`, inside `{inner}`: {en}; remove the volume or mount only the file the agent needs, read-only",
                        "{object} 的卷 `{name}`{used}挂载了宿主机路径 `{path}`，它属于 `{inner}`（{zh}）；请删除该卷，或只以只读方式挂载代理真正需要的文件",
                    ),
                    Relation::Holds => tr!(
                        sink.lang(),
                        "volume `{name}` of {object}{used} mounts host path `{path}`, which holds `{inner}`: {en}; remove the volume or mount only the file the agent needs, read-only",
                        "{object} 的卷 `{name}`{used}挂载了宿主机路径 `{path}`，其中包含 `{inner}`（{zh}）；请删除该卷，或只以只读方式挂载代理真正需要的文件",
                    ),
                }
            }
            Exposure::RuntimeSocket { .. } | Exposure::Ordinary => continue,
        };
        sink.report(&RULE.meta, volume.at, volume.field, message);
    }
}
