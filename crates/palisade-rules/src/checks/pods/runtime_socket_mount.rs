//! K8S111: a pod mounts a container runtime's API socket, or a host directory that holds one.
//!
//! Trivy (KSV006) and Checkov (`CKV_K8S_27`) match `/var/run/docker.sock` literally; this rule
//! also knows containerd, CRI-O, cri-dockerd and Podman, both `/run` and `/var/run`, paths
//! written with `//` or a trailing `/`, and parents such as `/var/run`, which expose the socket
//! just as well. `/` itself is K8S112. See `host_paths.rs` for the lists.

use super::host_paths::{Exposure, Relation, host_path_volumes};
use super::view::{label, mounted_by, used_by};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S111",
        aliases: &["KSV006", "CKV_K8S_27"],
        severity: Severity::High,
        title: Text {
            en: "Pod mounts the container runtime socket",
            zh: "Pod 挂载容器运行时套接字",
        },
        description: Text {
            en: "The Docker, containerd or CRI-O socket is the runtime's full API. A process that can \
                 connect to it can start a privileged container with the node's root filesystem \
                 mounted, which is root on the node, and can read every other container. Mounting the \
                 socket read-only does not help: connecting to a socket is not a write to the mount.",
            zh: "Docker、containerd 或 CRI-O 的套接字就是容器运行时的完整 API。能连上它的进程可以启动一个挂载了\
                 节点根文件系统的特权容器，也就等于拿到节点 root 权限，还能读取其他所有容器。以只读方式挂载也\
                 无济于事：连接套接字并不算对挂载点的写操作。",
        },
        remediation: Text {
            en: "Remove the `hostPath` volume of the socket (or of its directory). Build images with a \
                 daemonless builder such as BuildKit rootless or Kaniko, and read container metadata \
                 from the Kubernetes API instead of the runtime.",
            zh: "删除挂载该套接字（或其所在目录）的 `hostPath` 卷。构建镜像请改用无守护进程的工具，如 rootless \
                 BuildKit 或 Kaniko；需要容器元数据时请从 Kubernetes API 获取，而不是直接访问运行时。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
            "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
        ],
        concern: Some("host-path"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    for volume in host_path_volumes(&pod) {
        let Exposure::RuntimeSocket {
            runtime,
            socket,
            relation,
        } = &volume.exposure
        else {
            continue;
        };
        let (name, path) = (volume.name, volume.written);
        let object = label(object);
        let used = used_by(sink.lang(), &mounted_by(&pod, name));
        let message = if *relation == Relation::Is {
            tr!(
                sink.lang(),
                "volume `{name}` of {object}{used} mounts the {runtime} socket `{path}`; whoever reaches it is root on the node, remove the volume",
                "{object} 的卷 `{name}`{used}挂载了 {runtime} 套接字 `{path}`；能访问它就等于拥有节点 root 权限，请删除该卷",
            )
        } else {
            tr!(
                sink.lang(),
                "volume `{name}` of {object}{used} mounts `{path}`, which holds the {runtime} socket `{socket}`; whoever reaches it is root on the node, remove the volume",
                "{object} 的卷 `{name}`{used}挂载了 `{path}`，其中包含 {runtime} 套接字 `{socket}`；能访问它就等于拥有节点 root 权限，请删除该卷",
            )
        };
        sink.report(&RULE.meta, volume.at, volume.field, message);
    }
}
