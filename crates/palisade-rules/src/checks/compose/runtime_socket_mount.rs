//! DC007: a compose service mounts a container runtime's API socket (`/var/run/docker.sock`,
//! containerd, CRI-O, Podman), or a host directory that holds one.
//!
//! Critical whatever the mount mode: `:ro` makes the socket file read-only, not the API behind it.

use super::prelude::*;
use crate::checks::runtime::{self, Exposure};

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC007",
        aliases: &[],
        severity: Severity::Critical,
        title: Text {
            en: "Service mounts the container runtime socket",
            zh: "服务挂载了容器运行时套接字",
        },
        description: Text {
            en: "The Docker socket (and containerd's, CRI-O's, Podman's) is the runtime's API. A process that \
                 can reach it starts a privileged container with the host's `/` mounted, and is root on the \
                 host. Mounting it read-only (`:ro`) changes nothing: the API is still fully usable.",
            zh: "Docker 套接字（以及 containerd、CRI-O、Podman 的套接字）就是运行时的 API。能访问它的进程可以\
                 启动一个挂载了宿主机 `/` 的特权容器，也就成了宿主机的 root。以只读方式（`:ro`）挂载也无济于事：\
                 API 依然完全可用。",
        },
        remediation: Text {
            en: "Remove the mount. Tools that need the API (reverse proxies, CI runners, monitoring) should \
                 go through a socket proxy that allows only the read-only calls they need, or run rootless.",
            zh: "删除该挂载。确实需要调用 API 的工具（反向代理、CI Runner、监控）应通过只放行所需只读调用的\
                 套接字代理访问，或以 rootless 模式运行。",
        },
        references: &[
            "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
            "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html",
        ],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    for mount in service.volumes() {
        let Some(source) = mount.source else { continue };
        let Some(exposure @ Exposure::RuntimeSocket { .. }) = runtime::mount_exposure(source) else {
            continue;
        };
        let name = service.name;
        let what = runtime::describe_exposure(sink.lang(), &exposure, source).unwrap_or_default();
        let message = tr!(
            sink.lang(),
            "service `{name}` mounts {what}; whoever reaches it is root on the host, remove the mount",
            "服务 `{name}` 挂载了{what}；能访问它就等于拥有宿主机 root 权限，请删除该挂载",
        );
        sink.report(&RULE.meta, mount.at, mount.field, message);
    }
}
