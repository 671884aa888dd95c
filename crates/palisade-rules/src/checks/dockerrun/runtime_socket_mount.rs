//! DR007: `docker run -v /var/run/docker.sock:/var/run/docker.sock` (or `--mount
//! type=bind,source=…`): a container runtime's API socket, or a host directory holding one.
//!
//! Critical whatever the mount mode: `:ro` makes the socket file read-only, not the API behind it.

use super::prelude::*;
use crate::checks::runtime::{self, Exposure};

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR007",
        aliases: &[],
        severity: Severity::Critical,
        title: Text {
            en: "Container mounts the container runtime socket",
            zh: "容器挂载了容器运行时套接字",
        },
        description: Text {
            en: "The Docker socket (and containerd's, CRI-O's, Podman's) is the runtime's API. A process that \
                 can reach it starts a privileged container with the host's `/` mounted, and is root on the \
                 host. Mounting it read-only (`:ro`) changes nothing: the API is still fully usable.",
            zh: "Docker 套接字（以及 containerd、CRI-O、Podman 的套接字）就是运行时的 API。能访问它的进程可以启动一个\
                 挂载了宿主机 `/` 的特权容器，也就成了宿主机的 root。以只读方式（`:ro`）挂载也无济于事：API 依然\
                 完全可用。",
        },
        remediation: Text {
            en: "Remove the mount. Tools that need the API should go through a socket proxy that allows only \
                 the calls they need, or run rootless; to build images in CI, use a daemonless builder \
                 (BuildKit rootless, kaniko, buildah).",
            zh: "删除该挂载。确实需要调用 API 的工具应通过只放行所需调用的套接字代理访问，或以 rootless 模式运行；\
                 在 CI 中构建镜像请使用无守护进程的构建工具（rootless BuildKit、kaniko、buildah）。",
        },
        references: &[
            "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
            "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html",
        ],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (span, source, _) in super::binds(command) {
        let Some(exposure @ Exposure::RuntimeSocket { .. }) = runtime::mount_exposure(&source) else {
            continue;
        };
        let image = command.image_name();
        let what = runtime::describe_exposure(sink.lang(), &exposure, &source).unwrap_or_default();
        let message = tr!(
            sink.lang(),
            "container `{image}` mounts {what}; whoever reaches it is root on the host, remove the mount",
            "容器 `{image}` 挂载了{what}；能访问它就等于拥有宿主机 root 权限，请删除该挂载",
        );
        report(sink, &RULE.meta, span, message);
    }
}
