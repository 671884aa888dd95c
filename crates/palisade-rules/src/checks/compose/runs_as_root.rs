//! DC010: a compose service runs as root: `user: root` / `user: "0"`, or no `user` at all, so it
//! runs as the image's default user, which is root unless the image's Dockerfile sets `USER`.
//!
//! palisade cannot see the image, so a service without `user` is reported with that
//! explanation (unless the image's name says it runs as non-root: `:nonroot`, `-unprivileged`,
//! `-rootless`); setting `user` explicitly (to the image's own non-root user, if it has one)
//! both documents and enforces it. A `user` from a variable (`${UID}:${GID}`) is trusted, a root
//! `user` inherited through `extends` is reported on the base service, and a service that extends
//! one in another file is left alone.

use super::prelude::*;
use crate::checks::runtime;
use crate::dockerrun::syntax::is_root_user;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC010",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Service runs as root",
            zh: "服务以 root 用户运行",
        },
        description: Text {
            en: "A process that runs as root in a container is root on the host's kernel: one escape bug or one \
                 writable host mount away from owning the host, and able to change every file of its own \
                 image. Without `user`, a service runs as its image's default user, which is root unless the \
                 image sets `USER`; most official images do not.",
            zh: "在容器里以 root 运行的进程，在宿主机内核眼中也是 root：只差一个逃逸漏洞或一个可写的宿主机挂载\
                 就能控制宿主机，而且能改写自己镜像里的任何文件。不设置 `user` 时，服务以镜像的默认用户运行，\
                 除非镜像设置了 `USER`，否则就是 root——多数官方镜像都没有设置。",
        },
        remediation: Text {
            en: "Set `user` to a non-root UID and GID (`user: \"10001:10001\"`, or the image's own non-root \
                 user), and make the files the service writes belong to it.",
            zh: "把 `user` 设为非 root 的 UID 和 GID（如 `user: \"10001:10001\"`，或镜像自带的非 root 用户），\
                 并让服务需要写入的文件归该用户所有。",
        },
        references: &[
            "https://docs.docker.com/reference/compose-file/services/#user",
            "https://docs.docker.com/engine/security/userns-remap/",
        ],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    let name = service.name;
    match service.setting(&["user"]) {
        // A base service's own `user` is reported on the base.
        Setting::Set(value) if service.get("user").is_some() => {
            let Some(user) = value.as_text() else { return };
            if is_root_user(user) {
                let message = tr!(
                    sink.lang(),
                    "service `{name}` runs as root (`user: {user}`); set a non-root UID and GID",
                    "服务 `{name}` 以 root 运行（`user: {user}`）；请改为非 root 的 UID 和 GID",
                );
                sink.report(&RULE.meta, value, service.field("user"), message);
            }
        }
        Setting::Unset => {
            if let Setting::Set(image) = service.setting(&["image"]) {
                if image.as_text().is_some_and(runtime::non_root_image) {
                    return;
                }
            }
            let message = tr!(
                sink.lang(),
                "service `{name}` sets no `user`, so it runs as the image's default user, root unless the image \
                 sets USER; set `user` to a non-root UID and GID",
                "服务 `{name}` 没有设置 `user`，会以镜像的默认用户运行（镜像未设置 USER 时即为 root）；\
                 请把 `user` 设为非 root 的 UID 和 GID",
            );
            sink.report(&RULE.meta, service.key, service.field("user"), message);
        }
        Setting::Set(_) | Setting::Unknown => {}
    }
}
