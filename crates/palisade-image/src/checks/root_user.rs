//! IMG001: the image runs as root, by `USER root`/`USER 0` or by setting no user at all.
//!
//! *What it does.* Reads `config.User` of the image configuration. No user, an empty one, `root`
//! or uid `0` (with any group: `0:0`, `root:staff`) is root. A named user (`app`) or a non-zero
//! uid (`10001`, `10001:0`) is not.
//!
//! *Why is this bad?* A process that is root in the container is root on the host's kernel: a
//! kernel or runtime escape is then a root escape, and every file the container can reach is
//! writable.
//!
//! *Example.* `USER 10001` at the end of the Dockerfile's final stage.
//!
//! *Trivy.* DS002 (on image configuration); *Checkov* CKV_DOCKER_3, CKV_DOCKER_8.

use palisade_core::{RuleMeta, Severity, Text, tr};

use super::{ImageRule, Sink};
use crate::ImageInfo;

pub(super) static RULE: ImageRule = ImageRule {
    meta: RuleMeta {
        code: "IMG001",
        aliases: &["DS002", "CKV_DOCKER_3", "CKV_DOCKER_8"],
        severity: Severity::High,
        title: Text {
            en: "Image runs as root",
            zh: "镜像以 root 身份运行",
        },
        description: Text {
            en: "The image's configuration sets no user, or sets root (uid 0). Its processes are root \
                 on the host kernel: any escape from the container is a root escape, and everything \
                 mounted into it is writable.",
            zh: "镜像配置没有设置用户，或设置为 root（uid 0）。容器内进程在宿主机内核看来就是 root：\
                 任何容器逃逸都直接获得 root 权限，挂载进容器的一切内容都可被改写。",
        },
        remediation: Text {
            en: "Create an unprivileged user in the image and end the Dockerfile with `USER 10001` (a \
                 numeric uid, so Kubernetes `runAsNonRoot` can verify it).",
            zh: "在镜像中创建非特权用户，并在 Dockerfile 末尾写 `USER 10001`（使用数字 uid，\
                 Kubernetes 的 `runAsNonRoot` 才能校验）。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#user",
            "https://github.com/opencontainers/image-spec/blob/main/config.md#properties",
        ],
        concern: None,
    },
    check,
};

fn check(image: &ImageInfo, sink: &mut Sink<'_>) {
    let user = image.config.user.as_deref().map(str::trim).unwrap_or_default();
    let message = if user.is_empty() {
        tr!(
            sink.lang(),
            "the image sets no USER, so it runs as root; add `USER 10001` to the Dockerfile",
            "镜像没有设置 USER，因此以 root 运行；请在 Dockerfile 中加入 `USER 10001`",
        )
    } else if is_root(user) {
        tr!(
            sink.lang(),
            "the image runs as `{user}`, which is root; set `USER` to a non-zero uid such as 10001",
            "镜像以 `{user}` 运行，即 root；请把 `USER` 设为非零 uid，例如 10001",
        )
    } else {
        return;
    };
    sink.report(&RULE.meta, "config.User".into(), message);
}

/// `root`, `0`, `000`, with or without a group.
fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or_default().trim();
    name == "root" || (!name.is_empty() && name.bytes().all(|b| b == b'0'))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{clean, codes, image, run};
    use palisade_core::Lang;

    fn with_user(user: Option<&str>) -> Vec<(String, String)> {
        let mut config = clean();
        config.user = user.map(str::to_owned);
        codes(&image(config))
    }

    #[test]
    fn root_and_no_user_are_reported() {
        let root = vec![("IMG001".to_owned(), "config.User".to_owned())];
        for user in [
            None,
            Some(""),
            Some("  "),
            Some("root"),
            Some("0"),
            Some("0:0"),
            Some("root:root"),
            Some("00:1000"),
        ] {
            assert_eq!(with_user(user), root, "{user:?}");
        }
        for user in [
            "10001",
            "10001:0",
            "app",
            "nobody:nogroup",
            "1000:1000",
            "rooty",
            "100",
        ] {
            assert!(with_user(Some(user)).is_empty(), "{user}");
        }
    }

    #[test]
    fn messages_in_both_languages() {
        let mut config = clean();
        config.user = None;
        let en = run(&image(config.clone()), Lang::En);
        assert!(en[0].2.contains("sets no USER"), "{en:?}");
        config.user = Some("0:0".into());
        let zh = run(&image(config), Lang::Zh);
        assert!(
            zh[0].2.contains("`0:0`") && zh[0].2.contains("非零 uid"),
            "{zh:?}"
        );
    }
}
