//! DC008: a compose service mounts the host's root filesystem (`/:/host`), read-only or not.

use super::prelude::*;
use crate::checks::runtime::{self, Exposure};

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC008",
        aliases: &[],
        severity: Severity::Critical,
        title: Text {
            en: "Service mounts the host's root filesystem",
            zh: "服务挂载了宿主机根文件系统",
        },
        description: Text {
            en: "A bind mount of `/` hands the container every file of the host. Writable, it can add a cron \
                 job, an SSH key or a systemd unit and run as root on the host; read-only, it still reads \
                 `/etc/shadow`, every user's keys and every other container's data and secrets.",
            zh: "绑定挂载 `/` 等于把宿主机的所有文件交给容器。可写时，容器能添加 cron 任务、SSH 公钥或 systemd \
                 单元，以 root 身份在宿主机上执行；即使只读，也能读取 `/etc/shadow`、所有用户的密钥以及其他容器\
                 的数据和密钥。",
        },
        remediation: Text {
            en: "Remove the mount, and mount only the file or directory the service needs, read-only (`:ro`).",
            zh: "删除该挂载，只以只读方式（`:ro`）挂载服务确实需要的那个文件或目录。",
        },
        references: &["https://docs.docker.com/engine/storage/bind-mounts/"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    for mount in service.volumes() {
        let Some(source) = mount.source else { continue };
        if runtime::mount_exposure(source) != Some(Exposure::RootFilesystem) {
            continue;
        }
        let name = service.name;
        let message = if mount.read_only {
            tr!(
                sink.lang(),
                "service `{name}` mounts the host's whole root filesystem `{source}` (read-only, but every secret \
                 on the host is readable); remove the mount",
                "服务 `{name}` 挂载了宿主机的整个根文件系统 `{source}`（虽为只读，宿主机上的所有密钥仍可被读取）；\
                 请删除该挂载",
            )
        } else {
            tr!(
                sink.lang(),
                "service `{name}` mounts the host's whole root filesystem `{source}` writable; remove the mount",
                "服务 `{name}` 以可写方式挂载了宿主机的整个根文件系统 `{source}`；请删除该挂载",
            )
        };
        sink.report(&RULE.meta, mount.at, mount.field, message);
    }
}
