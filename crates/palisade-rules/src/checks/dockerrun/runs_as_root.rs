//! DR010: a container runs as root: `--user root` / `-u 0` (every command), or no `--user` at all
//! on a command that starts a service, which then runs as the image's default user — root unless
//! the image sets `USER` (or its name says it does not run as root: `:nonroot`, `-unprivileged`,
//! `-rootless`). A user from a variable (`-u "$(id -u):$(id -g)"`) is trusted.

use super::prelude::*;
use crate::checks::runtime;
use crate::dockerrun::syntax::is_root_user;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR010",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Container runs as root (no `--user`)",
            zh: "容器以 root 用户运行（未指定 `--user`）",
        },
        description: Text {
            en: "A process that runs as root in a container is root on the host's kernel: one escape bug or one \
                 writable host mount away from owning the host. Without `--user`, a container runs as its \
                 image's default user, which is root unless the image sets `USER`; most official images do not.",
            zh: "在容器里以 root 运行的进程，在宿主机内核眼中也是 root：只差一个逃逸漏洞或一个可写的宿主机挂载就能\
                 控制宿主机。不指定 `--user` 时，容器以镜像的默认用户运行，除非镜像设置了 `USER`，否则就是 root——\
                 多数官方镜像都没有设置。",
        },
        remediation: Text {
            en: "Add `--user 1000:1000` (a non-root UID and GID, or the image's own non-root user), and make the \
                 files the container writes belong to it.",
            zh: "添加 `--user 1000:1000`（非 root 的 UID 和 GID，或镜像自带的非 root 用户），并让容器需要写入的\
                 文件归该用户所有。",
        },
        references: &["https://docs.docker.com/reference/cli/docker/container/run/#user"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    let image = command.image_name();
    let mut any = false;
    for (option, arg) in command.values("user") {
        any = true;
        if !arg.expansion && is_root_user(&arg.text) {
            let (user, written) = (&arg.text, &option.written);
            let message = tr!(
                sink.lang(),
                "container `{image}` runs as root (`{written} {user}`); use a non-root UID and GID",
                "容器 `{image}` 以 root 运行（`{written} {user}`）；请改用非 root 的 UID 和 GID",
            );
            report(sink, &RULE.meta, option.span, message);
        }
    }
    let non_root_image = command
        .image
        .as_ref()
        .is_some_and(|i| runtime::non_root_image(&i.text));
    if !any && audited(command) && !non_root_image {
        let message = tr!(
            sink.lang(),
            "container `{image}` has no `--user`, so it runs as the image's default user, root unless the image \
             sets USER; add `--user` with a non-root UID and GID",
            "容器 `{image}` 没有指定 `--user`，会以镜像的默认用户运行（镜像未设置 USER 时即为 root）；\
             请添加 `--user` 并指定非 root 的 UID 和 GID",
        );
        report(sink, &RULE.meta, command.head, message);
    }
}
