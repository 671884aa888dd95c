//! DR009: `docker run -v` (or `--mount type=bind`) of a sensitive host path: host configuration
//! (`/etc`), credentials (`/root`, `~` folders given as absolute paths, `/etc/kubernetes`),
//! kernel interfaces (`/proc`, `/sys`, `/dev`), programs (`/usr`, `/boot`) or other containers'
//! data (`/var/lib/docker`) — or a directory holding one.
//!
//! The verdicts are DC009's (and K8S112's). Paths built from variables (`$(pwd)`, `$HOME/.m2`)
//! and relative ones are not reported: their place is unknown, and in build scripts they are
//! almost always the project's own folder or a cache.

use super::prelude::*;
use crate::checks::runtime::{self, Exposure};

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR009",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Container mounts a sensitive host path",
            zh: "容器挂载了宿主机敏感路径",
        },
        description: Text {
            en: "Some host paths hand over the host: `/etc` holds its accounts, sudo, cron and systemd \
                 configuration, `/root` and home directories hold SSH keys and cloud credentials, `/proc`, \
                 `/sys` and `/dev` are the kernel and its devices, `/usr` and `/boot` the programs it runs, \
                 `/var/lib/docker` every container's data. A container that writes there can make the host \
                 run its code; one that reads there can steal its credentials.",
            zh: "有些宿主机路径等于把宿主机交了出去：`/etc` 存放账号、sudo、cron 和 systemd 配置，`/root` 和用户主目录\
                 存放 SSH 密钥和云凭据，`/proc`、`/sys`、`/dev` 是内核及设备接口，`/usr`、`/boot` 是宿主机要执行的\
                 程序，`/var/lib/docker` 是所有容器的数据。容器能写这些路径，就能让宿主机运行它的代码；能读这些路径，\
                 就能窃取宿主机的凭据。",
        },
        remediation: Text {
            en: "Remove the mount, or mount only the single file the container needs, read-only (`:ro`). Pass \
                 credentials with `--env-file` or secrets instead of mounting the folders that hold them.",
            zh: "删除该挂载，或只以只读方式（`:ro`）挂载容器需要的那一个文件。凭据请通过 `--env-file` 或 secret 传入，\
                 不要挂载存放它们的目录。",
        },
        references: &["https://docs.docker.com/engine/storage/bind-mounts/"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (span, source, _) in super::binds(command) {
        let Some(exposure @ Exposure::Sensitive(..)) = runtime::mount_exposure(&source) else {
            continue;
        };
        let image = command.image_name();
        let what = runtime::describe_exposure(sink.lang(), &exposure, &source).unwrap_or_default();
        let message = tr!(
            sink.lang(),
            "container `{image}` mounts {what}; remove the mount or mount only the file it needs, read-only",
            "容器 `{image}` 挂载了{what}；请删除该挂载，或只以只读方式挂载它需要的文件",
        );
        report(sink, &RULE.meta, span, message);
    }
}
