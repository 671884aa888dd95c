//! What a `hostPath` volume exposes of the node: path normalisation and the lists of runtime
//! sockets and sensitive host paths that K8S110–K8S112 share.
//!
//! Every `hostPath` volume gets exactly one class, so the three rules never disagree:
//! `/` is the root filesystem (K8S112); a runtime socket, or a directory holding one, is
//! K8S111; a sensitive path, a directory holding one or (for whole trees) anything inside one
//! is K8S112; anything else is only the generic K8S110.

use std::fmt::Write as _;

use crate::checks::prelude::*;

/// A `hostPath` volume of a pod spec, with what its path exposes.
pub(super) struct HostPathVolume<'a> {
    pub(super) name: &'a str,
    /// The `path` value, where findings are reported.
    pub(super) at: &'a Node,
    /// The field path of `spec.volumes[i].hostPath.path` under the object.
    pub(super) field: String,
    /// The path as the manifest writes it.
    pub(super) written: &'a str,
    pub(super) exposure: Exposure,
}

/// Every `hostPath` volume of the pod with a path. A `hostPath: null` is no volume source at
/// all, and one without a `path` is rejected by the API server.
pub(super) fn host_path_volumes<'a>(pod: &PodSpec<'a>) -> Vec<HostPathVolume<'a>> {
    let mut out = Vec::new();
    for (index, volume) in pod.volumes() {
        let Some(at) = volume.path(&["hostPath", "path"]) else {
            continue;
        };
        let Some(written) = at.as_text().filter(|p| !p.is_empty()) else {
            continue;
        };
        out.push(HostPathVolume {
            name: volume.get("name").and_then(Node::as_text).unwrap_or("<unnamed>"),
            at,
            field: pod.field(&format!("volumes[{index}].hostPath.path")),
            written,
            exposure: normalise(written).map_or(Exposure::Ordinary, |p| classify(&p)),
        });
    }
    out
}

/// What a host path gives a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::checks) enum Exposure {
    /// `/`: the node's whole filesystem.
    RootFilesystem,
    /// A container runtime's API socket (`socket`), or a directory that holds it.
    RuntimeSocket {
        runtime: &'static str,
        socket: String,
        relation: Relation,
    },
    /// A sensitive host path, a directory that holds it, or a place inside it.
    Sensitive(&'static Sensitive, Relation),
    /// Nothing palisade knows to be sensitive (still a `hostPath`, which K8S110 reports).
    Ordinary,
}

/// How the mounted path relates to the socket or sensitive path it exposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::checks) enum Relation {
    /// The mounted path is it.
    Is,
    /// The mounted path is inside it.
    Inside,
    /// The mounted path is a directory that holds it.
    Holds,
}

/// A sensitive host path and what it holds, in both languages.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::checks) struct Sensitive {
    pub(in crate::checks) path: &'static str,
    /// Whether everything inside `path` is sensitive too, not only `path` and its parents.
    tree: bool,
    pub(in crate::checks) en: &'static str,
    pub(in crate::checks) zh: &'static str,
}

/// API sockets of the container runtimes Kubernetes nodes run. `/var/run` is a link to `/run`
/// on current distributions, and manifests use both spellings.
const SOCKETS: &[(&str, &str)] = &[
    ("/var/run/docker.sock", "Docker"),
    ("/run/docker.sock", "Docker"),
    ("/var/run/containerd/containerd.sock", "containerd"),
    ("/run/containerd/containerd.sock", "containerd"),
    ("/run/k3s/containerd/containerd.sock", "containerd"),
    ("/var/snap/microk8s/common/run/containerd.sock", "containerd"),
    ("/var/run/crio/crio.sock", "CRI-O"),
    ("/run/crio/crio.sock", "CRI-O"),
    ("/var/run/cri-dockerd.sock", "cri-dockerd"),
    ("/run/cri-dockerd.sock", "cri-dockerd"),
    ("/var/run/podman/podman.sock", "Podman"),
    ("/run/podman/podman.sock", "Podman"),
];

/// Socket file names that are a runtime's API wherever they are installed.
const SOCKET_NAMES: &[(&str, &str)] = &[
    ("docker.sock", "Docker"),
    ("containerd.sock", "containerd"),
    ("crio.sock", "CRI-O"),
    ("cri-dockerd.sock", "cri-dockerd"),
    ("podman.sock", "Podman"),
];

const HOST_SECRETS_EN: &str = "host accounts, sudo, SSH, cron or systemd configuration";
const HOST_SECRETS_ZH: &str = "宿主机的账号、sudo、SSH、cron 或 systemd 配置";
const CONTAINERS_EN: &str = "every container's filesystem and configuration, environment variables included";
const CONTAINERS_ZH: &str = "所有容器的文件系统和配置，包括环境变量";
const PROGRAMS_EN: &str = "the host's programs and libraries";
const PROGRAMS_ZH: &str = "宿主机的程序和库";
const DBUS_EN: &str = "the system D-Bus and systemd sockets, which start services as root";
const DBUS_ZH: &str = "系统 D-Bus 和 systemd 套接字，可以以 root 身份启动服务";

const fn sensitive(path: &'static str, tree: bool, en: &'static str, zh: &'static str) -> Sensitive {
    Sensitive { path, tree, en, zh }
}

/// Host paths that give a container the node: credentials it can read, or files the host
/// executes that it can change. `/var/log` is deliberately absent: log collectors need it, and
/// it holds logs rather than control of the node; K8S110 still reports it.
/// `tree: false` entries (`/etc`, `/usr` …) count only as themselves and their parents, because
/// ordinary mounts live inside them (`/etc/ssl/certs`, `/etc/localtime`, `/lib/modules`).
static SENSITIVE: &[Sensitive] = &[
    sensitive(
        "/etc/kubernetes",
        true,
        "Kubernetes credentials, certificates and static pod manifests",
        "Kubernetes 凭据、证书和静态 Pod 清单",
    ),
    sensitive(
        "/var/lib/kubelet",
        true,
        "the kubelet's credentials and every pod's volumes, Secrets included",
        "kubelet 的凭据以及所有 Pod 的卷，包括 Secret",
    ),
    sensitive(
        "/var/lib/etcd",
        true,
        "the etcd database, which holds every Secret of the cluster",
        "etcd 数据库，其中有集群的全部 Secret",
    ),
    sensitive("/var/lib/docker", true, CONTAINERS_EN, CONTAINERS_ZH),
    sensitive("/var/lib/containerd", true, CONTAINERS_EN, CONTAINERS_ZH),
    sensitive("/var/lib/containers", true, CONTAINERS_EN, CONTAINERS_ZH),
    sensitive(
        "/proc",
        true,
        "the host kernel's process and tuning interface",
        "宿主机内核的进程与参数接口",
    ),
    sensitive(
        "/sys",
        true,
        "kernel, device and cgroup controls of the host",
        "宿主机的内核、设备和 cgroup 控制接口",
    ),
    sensitive(
        "/dev",
        true,
        "the host's devices, disks and memory included",
        "宿主机的设备，包括磁盘和内存",
    ),
    sensitive(
        "/boot",
        true,
        "the host's kernel and boot loader",
        "宿主机的内核和引导程序",
    ),
    sensitive(
        "/root",
        true,
        "the root user's home, with its SSH keys, kubeconfigs and shell history",
        "root 用户的主目录，含 SSH 密钥、kubeconfig 和命令历史",
    ),
    sensitive(
        "/home",
        true,
        "users' home directories, with their SSH keys and credentials",
        "用户主目录，含 SSH 密钥和各类凭据",
    ),
    sensitive("/etc/shadow", true, HOST_SECRETS_EN, HOST_SECRETS_ZH),
    sensitive("/etc/gshadow", true, HOST_SECRETS_EN, HOST_SECRETS_ZH),
    sensitive("/etc/sudoers", true, HOST_SECRETS_EN, HOST_SECRETS_ZH),
    sensitive("/etc/sudoers.d", true, HOST_SECRETS_EN, HOST_SECRETS_ZH),
    sensitive("/etc/ssh", true, HOST_SECRETS_EN, HOST_SECRETS_ZH),
    sensitive("/etc/crontab", true, HOST_SECRETS_EN, HOST_SECRETS_ZH),
    sensitive("/etc/cron.d", true, HOST_SECRETS_EN, HOST_SECRETS_ZH),
    sensitive("/etc/systemd", true, HOST_SECRETS_EN, HOST_SECRETS_ZH),
    sensitive("/run/dbus", true, DBUS_EN, DBUS_ZH),
    sensitive("/var/run/dbus", true, DBUS_EN, DBUS_ZH),
    sensitive("/run/systemd", true, DBUS_EN, DBUS_ZH),
    sensitive("/var/run/systemd", true, DBUS_EN, DBUS_ZH),
    sensitive(
        "/etc",
        false,
        "the host's whole configuration, from accounts and sudo to cron, systemd and the kubelet",
        "宿主机的全部配置，包括账号、sudo、cron、systemd 和 kubelet",
    ),
    sensitive("/usr", false, PROGRAMS_EN, PROGRAMS_ZH),
    sensitive("/usr/bin", false, PROGRAMS_EN, PROGRAMS_ZH),
    sensitive("/usr/sbin", false, PROGRAMS_EN, PROGRAMS_ZH),
    sensitive("/usr/lib", false, PROGRAMS_EN, PROGRAMS_ZH),
    sensitive("/bin", false, PROGRAMS_EN, PROGRAMS_ZH),
    sensitive("/sbin", false, PROGRAMS_EN, PROGRAMS_ZH),
    sensitive("/lib", false, PROGRAMS_EN, PROGRAMS_ZH),
    sensitive("/lib64", false, PROGRAMS_EN, PROGRAMS_ZH),
];

/// The host path as the node resolves it: `//` and trailing `/` dropped, `.` and `..` applied.
/// `None` for a path that is not absolute (a Windows path, or a relative one whose meaning
/// depends on the kubelet's working directory).
pub(in crate::checks) fn normalise(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    let mut out = String::with_capacity(path.len());
    for part in &parts {
        let _ = write!(out, "/{part}");
    }
    if out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Whether `outer` is a proper parent directory of `inner` (both normalised).
fn contains(outer: &str, inner: &str) -> bool {
    if outer == "/" {
        return inner != "/";
    }
    inner.len() > outer.len() && inner.starts_with(outer) && inner.as_bytes()[outer.len()] == b'/'
}

/// The class of a normalised host path.
pub(in crate::checks) fn classify(path: &str) -> Exposure {
    if path == "/" {
        return Exposure::RootFilesystem;
    }
    let file = path.rsplit('/').next().unwrap_or_default();
    let socket = SOCKETS
        .iter()
        .find(|(socket, _)| *socket == path)
        .or_else(|| SOCKET_NAMES.iter().find(|(name, _)| *name == file))
        .map(|(_, runtime)| (*runtime, path.to_owned(), Relation::Is))
        .or_else(|| {
            SOCKETS
                .iter()
                .find(|(socket, _)| contains(path, socket))
                .map(|(socket, runtime)| (*runtime, (*socket).to_owned(), Relation::Holds))
        });
    if let Some((runtime, socket, relation)) = socket {
        return Exposure::RuntimeSocket {
            runtime,
            socket,
            relation,
        };
    }
    // The path itself, else the tree it is in, else the first sensitive path it holds.
    SENSITIVE
        .iter()
        .find(|s| s.path == path)
        .map(|s| (s, Relation::Is))
        .or_else(|| {
            SENSITIVE
                .iter()
                .find(|s| s.tree && contains(s.path, path))
                .map(|s| (s, Relation::Inside))
        })
        .or_else(|| {
            SENSITIVE
                .iter()
                .find(|s| contains(path, s.path))
                .map(|s| (s, Relation::Holds))
        })
        .map_or(Exposure::Ordinary, |(s, relation)| {
            Exposure::Sensitive(s, relation)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(path: &str) -> Exposure {
        classify(&normalise(path).unwrap())
    }

    fn socket(path: &str) -> Option<String> {
        match class(path) {
            Exposure::RuntimeSocket { socket, .. } => Some(socket),
            _ => None,
        }
    }

    fn sensitive(path: &str) -> Option<&'static str> {
        match class(path) {
            Exposure::Sensitive(s, _) => Some(s.path),
            _ => None,
        }
    }

    #[test]
    fn normalises_like_the_node() {
        assert_eq!(normalise("/var/run/").as_deref(), Some("/var/run"));
        assert_eq!(
            normalise("//var//run/docker.sock").as_deref(),
            Some("/var/run/docker.sock")
        );
        assert_eq!(
            normalise("/var/./run/../run/docker.sock").as_deref(),
            Some("/var/run/docker.sock")
        );
        assert_eq!(normalise("/..").as_deref(), Some("/"));
        assert_eq!(normalise("///").as_deref(), Some("/"));
        assert_eq!(normalise("var/run"), None);
        assert_eq!(normalise(r"C:\var"), None);
        assert_eq!(normalise(""), None);
    }

    #[test]
    fn runtime_sockets_and_the_directories_that_hold_them() {
        assert_eq!(
            socket("/var/run/docker.sock").as_deref(),
            Some("/var/run/docker.sock")
        );
        assert_eq!(socket("/var/run/").as_deref(), Some("/var/run/docker.sock"));
        assert_eq!(socket("/var").as_deref(), Some("/var/run/docker.sock"));
        assert_eq!(socket("/run").as_deref(), Some("/run/docker.sock"));
        assert_eq!(
            socket("/run/containerd").as_deref(),
            Some("/run/containerd/containerd.sock")
        );
        assert_eq!(
            socket("/var/run/crio").as_deref(),
            Some("/var/run/crio/crio.sock")
        );
        assert_eq!(
            socket("/opt/docker/docker.sock").as_deref(),
            Some("/opt/docker/docker.sock")
        );
        // A sibling whose name only starts like the socket is not the socket.
        assert_eq!(socket("/var/run/docker.sock.d"), None);
        assert_eq!(socket("/var/run/dockerd"), None);
        // Inside a runtime directory but not the socket: not K8S111.
        assert_eq!(socket("/run/containerd/io.containerd.runtime.v2.task"), None);
        assert_eq!(socket("/run/xtables.lock"), None);
    }

    #[test]
    fn root_is_its_own_class() {
        assert_eq!(class("/"), Exposure::RootFilesystem);
        assert_eq!(class("//"), Exposure::RootFilesystem);
    }

    #[test]
    fn sensitive_paths_parents_and_trees() {
        assert_eq!(sensitive("/etc"), Some("/etc"));
        assert_eq!(sensitive("/var"), None); // the Docker socket comes first
        assert_eq!(sensitive("/etc/kubernetes/pki/"), Some("/etc/kubernetes"));
        assert_eq!(sensitive("/var/lib"), Some("/var/lib/kubelet"));
        assert_eq!(sensitive("/var/lib/kubelet/pods"), Some("/var/lib/kubelet"));
        assert_eq!(sensitive("/proc/sys/net"), Some("/proc"));
        assert_eq!(sensitive("/sys/fs/cgroup"), Some("/sys"));
        assert_eq!(sensitive("/usr"), Some("/usr"));
        assert_eq!(sensitive("/run/dbus/system_bus_socket"), Some("/run/dbus"));
        // Ordinary mounts inside directories that are sensitive only as a whole.
        assert_eq!(class("/etc/ssl/certs"), Exposure::Ordinary);
        assert_eq!(class("/etc/localtime"), Exposure::Ordinary);
        assert_eq!(class("/lib/modules"), Exposure::Ordinary);
        assert_eq!(class("/usr/share/ca-certificates"), Exposure::Ordinary);
        assert_eq!(class("/var/log"), Exposure::Ordinary);
        assert_eq!(class("/data/app"), Exposure::Ordinary);
        // Prefixes that are not parents.
        assert_eq!(class("/procfs"), Exposure::Ordinary);
        assert_eq!(class("/etc/kubernetes-backup"), Exposure::Ordinary);
        assert_eq!(class("/var/lib/kubelet2"), Exposure::Ordinary);
    }
}
