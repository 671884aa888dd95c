//! The judgements compose services (DC rules) and `docker run` lines (DR rules) share: what a
//! bind mount exposes of the host, which capabilities are dangerous, which ports belong to data
//! stores, when an environment value is a credential, when an image is unpinned. They rest on
//! the lists the Kubernetes checks keep (host paths, capabilities, database ports, credential
//! shapes, image references), so a path, a capability or a password gets the same verdict in a
//! manifest, a compose file and a shell script.

use palisade_core::Lang;

use super::containers::capabilities;
use super::network::database_port_exposed::DATA_STORE_PORTS;
use super::pods::host_paths;
pub(super) use super::pods::host_paths::{Exposure, Relation};
use super::secrets::credential::{self, Credential};
use super::workloads::image_ref::ImageRef;
use crate::dockerrun::syntax::{self, Source};

/// What a bind mount of `source` gives the container. `None` when the source is no literal
/// absolute host path: a named volume, a relative path (`./data`, `~/.m2`) or one built from
/// variables (`$PWD/src`), whose place on the host is the project's own or unknown.
pub(super) fn mount_exposure(source: &str) -> Option<Exposure> {
    let Source::HostPath(path) = syntax::source_kind(source) else {
        return None;
    };
    let path = host_paths::normalise(path)?;
    let exposure = host_paths::classify(&path);
    // A project folder under a home directory (`/home/ci/app:/src`) is a checkout, which build
    // scripts mount all the time; the home directory itself and its dot folders (keys,
    // credentials) stay sensitive.
    let checkout = matches!(&exposure, Exposure::Sensitive(s, Relation::Inside)
        if s.path == "/home" && path.split('/').count() > 3 && !path.split('/').any(|c| c.starts_with('.')));
    Some(if checkout { Exposure::Ordinary } else { exposure })
}

/// What a mount exposes, for messages: "the Docker socket `/var/run/docker.sock`", "`/etc`: the
/// host's whole configuration …". The Chinese text follows a Chinese verb directly, so one that
/// starts with a Latin word or a code span opens with a space. `None` for a mount that exposes
/// nothing known.
pub(super) fn describe_exposure(lang: Lang, exposure: &Exposure, written: &str) -> Option<String> {
    Some(match exposure {
        Exposure::RootFilesystem => match lang {
            Lang::En => format!("the host's whole root filesystem `{written}`"),
            Lang::Zh => format!("宿主机的整个根文件系统 `{written}`"),
        },
        Exposure::RuntimeSocket {
            runtime,
            socket,
            relation,
        } => match (lang, relation) {
            (Lang::En, Relation::Is) => format!("the {runtime} socket `{written}`"),
            // Chinese messages put this right after a Chinese word: a Latin start gets a space.
            (Lang::Zh, Relation::Is) => format!(" {runtime} 套接字 `{written}`"),
            (Lang::En, _) => format!("`{written}`, which holds the {runtime} socket `{socket}`"),
            (Lang::Zh, _) => format!(" `{written}`（其中包含 {runtime} 套接字 `{socket}`）"),
        },
        Exposure::Sensitive(sensitive, relation) => {
            let (en, zh, inner) = (sensitive.en, sensitive.zh, sensitive.path);
            match (lang, relation) {
                (Lang::En, Relation::Is) => format!("host path `{written}`: {en}"),
                (Lang::Zh, Relation::Is) => format!("宿主机路径 `{written}`（{zh}）"),
                (Lang::En, Relation::Inside) => format!("host path `{written}`, inside `{inner}`: {en}"),
                (Lang::Zh, Relation::Inside) => format!("宿主机路径 `{written}`，它属于 `{inner}`（{zh}）"),
                (Lang::En, Relation::Holds) => format!("host path `{written}`, which holds `{inner}`: {en}"),
                (Lang::Zh, Relation::Holds) => format!("宿主机路径 `{written}`，其中包含 `{inner}`（{zh}）"),
            }
        }
        Exposure::Ordinary => return None,
    })
}

/// The capabilities the DC and DR rules call dangerous, as the runtime names them, with what
/// each gives a container on a Docker host. The names are those of K8S011, K8S013 and K8S014
/// (a test keeps the lists equal); the words are the host's rather than the node's.
pub(super) fn dangerous_capability(written: &str) -> Option<(String, &'static str, &'static str)> {
    let name = capabilities::normalize(written);
    DANGEROUS
        .iter()
        .find(|(c, _, _)| *c == name)
        .map(|&(_, en, zh)| (name, en, zh))
}

const DANGEROUS: &[(&str, &str, &str)] = &[
    (
        "ALL",
        "every capability, SYS_ADMIN and SYS_MODULE included",
        "全部能力，包括 SYS_ADMIN 和 SYS_MODULE",
    ),
    (
        "SYS_ADMIN",
        "mount, namespace and device administration, from which most container escapes start",
        "挂载、命名空间和设备管理权限，大多数容器逃逸都由此开始",
    ),
    (
        "SYS_MODULE",
        "the power to load kernel modules, which is running code in the host's kernel",
        "加载内核模块的能力，相当于在宿主机内核中运行任意代码",
    ),
    (
        "NET_ADMIN",
        "control of network interfaces, routes and firewall rules (with the host network, the host's own)",
        "对网卡、路由和防火墙规则的控制权（若使用宿主机网络，控制的就是宿主机自己的）",
    ),
    (
        "SYS_PTRACE",
        "the power to trace other processes and inject code into them (the host's too, with `pid: host`)",
        "跟踪其他进程并向其注入代码的能力（若共享宿主机进程命名空间，宿主机上的进程也在其列）",
    ),
    (
        "SYS_RAWIO",
        "raw access to I/O ports and device memory",
        "直接访问 I/O 端口和设备内存的能力",
    ),
    (
        "DAC_READ_SEARCH",
        "use of `open_by_handle_at`, the call the \"shocker\" escape reads the host's files with",
        "调用 `open_by_handle_at` 的能力，“shocker” 逃逸正是借此读取宿主机文件",
    ),
    (
        "SYS_BOOT",
        "use of `kexec_load`, to boot the host into another kernel",
        "调用 `kexec_load` 的能力，可让宿主机换用另一个内核启动",
    ),
    (
        "BPF",
        "the power to load eBPF programs into the host's kernel",
        "向宿主机内核加载 eBPF 程序的能力",
    ),
    (
        "PERFMON",
        "perf and BPF tracing of every process on the host",
        "用 perf 和 BPF 跟踪宿主机上所有进程的能力",
    ),
    (
        "SYS_TIME",
        "control of the host's clock (no namespace isolates it), so certificate and token expiry go wrong \
         for every container",
        "对宿主机时钟的控制权（时钟不受命名空间隔离），可使所有容器的证书和令牌过期判断失准",
    ),
    (
        "MAC_ADMIN",
        "the power to change the host's AppArmor or SMACK policy",
        "修改宿主机 AppArmor 或 SMACK 策略的能力",
    ),
    (
        "MAC_OVERRIDE",
        "the power to override mandatory access control",
        "绕过强制访问控制的能力",
    ),
    (
        "SYSLOG",
        "read access to the kernel log, whose addresses defeat KASLR",
        "读取内核日志的能力，日志中的内核地址可用来绕过 KASLR",
    ),
    (
        "AUDIT_CONTROL",
        "the power to change or switch off the host's audit rules",
        "修改或关闭宿主机审计规则的能力",
    ),
];

/// The normalised capability name (`cap_sys_admin` → `SYS_ADMIN`).
pub(super) fn capability(written: &str) -> String {
    capabilities::normalize(written)
}

/// The first data store whose well-known port lies in `ports` (a range of container ports).
pub(super) fn data_store(ports: (u16, u16)) -> Option<(u16, &'static str)> {
    DATA_STORE_PORTS.iter().find_map(|&(port, what)| {
        let port = u16::try_from(port).ok()?;
        (ports.0..=ports.1).contains(&port).then_some((port, what))
    })
}

/// The credential an environment variable `name=value` holds, if any. The caller has already
/// set aside values the shell or Compose fills in (`$VAR`, `${VAR}`).
pub(super) fn credential(name: &str, value: &str) -> Option<Credential> {
    credential::find(name, value)
}

/// Whether a Compose value is filled in from the environment (`$VAR`, `${VAR:-x}`); `$$` is a
/// literal dollar.
pub(super) fn interpolated(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            match bytes.get(i + 1) {
                Some(b'$') => i += 2,
                Some(c) if *c == b'{' || *c == b'_' || c.is_ascii_alphabetic() => return true,
                _ => i += 1,
            }
        } else {
            i += 1;
        }
    }
    false
}

/// Whether an image's name says it runs as a non-root user: distroless `:nonroot` tags,
/// `nginx-unprivileged`, `*-rootless` builds. Such a container needs no `user` to avoid root.
pub(super) fn non_root_image(image: &str) -> bool {
    let lower = image.to_ascii_lowercase();
    ["nonroot", "non-root", "unprivileged", "rootless"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Whether an image reference moves: `latest`, or no tag and no digest. `None` when it is no
/// valid reference (a variable, a typo), which the rules leave alone.
pub(super) fn unpinned_image(image: &str) -> Option<bool> {
    ImageRef::parse(image).map(|r| r.is_latest())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts() {
        assert_eq!(mount_exposure("/"), Some(Exposure::RootFilesystem));
        assert!(matches!(
            mount_exposure("/var/run/docker.sock"),
            Some(Exposure::RuntimeSocket { .. })
        ));
        assert!(matches!(mount_exposure("/etc"), Some(Exposure::Sensitive(..))));
        assert!(matches!(
            mount_exposure("/home/dev/.ssh"),
            Some(Exposure::Sensitive(..))
        ));
        assert!(matches!(
            mount_exposure("/home/dev"),
            Some(Exposure::Sensitive(..))
        ));
        assert_eq!(mount_exposure("/home/dev/project"), Some(Exposure::Ordinary));
        assert_eq!(mount_exposure("/etc/localtime"), Some(Exposure::Ordinary));
        assert_eq!(mount_exposure("./data"), None);
        assert_eq!(mount_exposure("$(pwd)"), None);
        assert_eq!(mount_exposure("pgdata"), None);
    }

    #[test]
    fn dangerous_capabilities_are_the_kubernetes_ones() {
        let mut ours: Vec<&str> = DANGEROUS.iter().map(|(c, _, _)| *c).collect();
        let k8s = crate::checks::containers::dangerous_capability::DANGEROUS;
        let mut theirs: Vec<&str> = k8s.iter().map(|(c, _, _)| *c).collect();
        theirs.extend(["SYS_ADMIN", "SYS_MODULE"]); // K8S011 and K8S013
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn capabilities_ports_and_values() {
        assert_eq!(dangerous_capability("cap_sys_admin").unwrap().0, "SYS_ADMIN");
        assert!(dangerous_capability("ALL").is_some());
        assert!(dangerous_capability("NET_BIND_SERVICE").is_none());
        assert_eq!(data_store((5432, 5432)), Some((5432, "PostgreSQL")));
        assert_eq!(data_store((6000, 6500)), Some((6379, "Redis")));
        assert_eq!(data_store((80, 80)), None);
        assert!(interpolated("${DB_PASSWORD}") && interpolated("$PW") && interpolated("a${B:-c}"));
        assert!(!interpolated("pa$$word") && !interpolated("$1abc") && !interpolated("cost: 5$"));
        assert_eq!(unpinned_image("nginx"), Some(true));
        assert_eq!(unpinned_image("nginx:latest"), Some(true));
        assert_eq!(unpinned_image("nginx:1.27"), Some(false));
        assert_eq!(unpinned_image("${IMAGE}"), None);
        assert!(non_root_image("gcr.io/distroless/static:nonroot"));
        assert!(non_root_image("nginxinc/nginx-unprivileged:1.27"));
        assert!(!non_root_image("nginx:1.27"));
    }
}
