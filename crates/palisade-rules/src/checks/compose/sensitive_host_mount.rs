//! DC009: a compose service bind-mounts a sensitive host path: host configuration (`/etc`),
//! credentials (`/root`, `/home/*/.ssh`, `/etc/kubernetes`, `/var/lib/kubelet`), kernel
//! interfaces (`/proc`, `/sys`, `/dev`), programs (`/usr`, `/bin`, `/boot`) or other containers'
//! data (`/var/lib/docker`) — or a directory holding one.
//!
//! The list is the one K8S112 uses for `hostPath` volumes, so a path gets the same verdict in a
//! manifest and a compose file. Everyday mounts inside those trees (`/etc/localtime`,
//! `/etc/ssl/certs`) and project folders under a home directory are not reported; relative
//! paths and named volumes never are. The root filesystem is DC008, runtime sockets DC007.

use super::prelude::*;
use crate::checks::runtime::{self, Exposure};

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC009",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Service mounts a sensitive host path",
            zh: "服务挂载了宿主机敏感路径",
        },
        description: Text {
            en: "Some host paths hand over the host: `/etc` holds its accounts, sudo, cron and systemd \
                 configuration, `/root` and home directories hold SSH keys and cloud credentials, `/proc`, \
                 `/sys` and `/dev` are the kernel and its devices, `/usr` and `/boot` the programs it runs, \
                 `/var/lib/docker` every container's data. A container that writes there can make the host \
                 run its code; one that reads there can steal its credentials.",
            zh: "有些宿主机路径等于把宿主机交了出去：`/etc` 存放账号、sudo、cron 和 systemd 配置，`/root` 和\
                 用户主目录存放 SSH 密钥和云凭据，`/proc`、`/sys`、`/dev` 是内核及设备接口，`/usr`、`/boot` 是\
                 宿主机要执行的程序，`/var/lib/docker` 是所有容器的数据。容器能写这些路径，就能让宿主机运行它的\
                 代码；能读这些路径，就能窃取宿主机的凭据。",
        },
        remediation: Text {
            en: "Remove the mount, or mount only the single file the service needs, read-only (`:ro`). Pass \
                 credentials as compose `secrets` instead of mounting the folders that hold them.",
            zh: "删除该挂载，或只以只读方式（`:ro`）挂载服务需要的那一个文件。凭据请通过 compose 的 `secrets` \
                 传入，不要挂载存放它们的目录。",
        },
        references: &[
            "https://docs.docker.com/engine/storage/bind-mounts/",
            "https://docs.docker.com/reference/compose-file/secrets/",
        ],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    for mount in service.volumes() {
        let Some(source) = mount.source else { continue };
        let Some(exposure @ Exposure::Sensitive(..)) = runtime::mount_exposure(source) else {
            continue;
        };
        let name = service.name;
        let what = runtime::describe_exposure(sink.lang(), &exposure, source).unwrap_or_default();
        let message = tr!(
            sink.lang(),
            "service `{name}` mounts {what}; remove the mount or mount only the file it needs, read-only",
            "服务 `{name}` 挂载了{what}；请删除该挂载，或只以只读方式挂载它需要的文件",
        );
        sink.report(&RULE.meta, mount.at, mount.field, message);
    }
}
