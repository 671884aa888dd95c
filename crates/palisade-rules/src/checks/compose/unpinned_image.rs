//! DC018: a compose service's image has the `latest` tag or no tag (which means `latest`).
//!
//! A service that also has `build` is skipped: its `image` names what compose builds, not what
//! it pulls. An image from a variable (`${IMAGE}`) is trusted.

use super::prelude::*;
use crate::checks::runtime;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC018",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Service image uses the `latest` tag or no tag",
            zh: "服务镜像使用 `latest` 标签或未指定标签",
        },
        description: Text {
            en: "`latest` is whatever was pushed last: the next `docker compose pull` or a new host may run a \
                 different version, untested and possibly with new vulnerabilities, and it cannot be told \
                 which one ran when something goes wrong. A pinned tag or digest makes a deployment \
                 repeatable and reviewable.",
            zh: "`latest` 指向最后一次推送的版本：下一次 `docker compose pull` 或换一台宿主机，运行的可能就是另一个\
                 未经测试、也许带着新漏洞的版本，出了问题也说不清当时跑的是哪一个。固定的标签或摘要才能让部署\
                 可重复、可审查。",
        },
        remediation: Text {
            en: "Pin the image to a version tag (`postgres:16.4`), or better to a digest \
                 (`postgres:16.4@sha256:…`), and update it on purpose.",
            zh: "把镜像固定到具体版本标签（如 `postgres:16.4`），更好的做法是固定到摘要（`postgres:16.4@sha256:…`），\
                 并有计划地更新。",
        },
        references: &["https://docs.docker.com/reference/compose-file/services/#image"],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    if service.get("build").is_some() {
        return;
    }
    let Some(node) = service.get("image") else { return };
    let Some(image) = node.as_text() else { return };
    if runtime::interpolated(image) || runtime::unpinned_image(image) != Some(true) {
        return;
    }
    let name = service.name;
    let message = tr!(
        sink.lang(),
        "service `{name}` runs `{image}`, which follows `latest`; pin a version tag or digest",
        "服务 `{name}` 运行的 `{image}` 跟随 `latest` 变化；请固定版本标签或摘要",
    );
    sink.report(&RULE.meta, node, service.field("image"), message);
}
