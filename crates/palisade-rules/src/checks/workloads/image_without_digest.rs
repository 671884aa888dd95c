//! K8S211: a container image is not pinned by digest.
//!
//! Every container list counts, ephemeral containers included. A tag next to the digest is
//! allowed (`app:1.4.2@sha256:…`): the runtime pulls by digest and the tag documents it. A missing
//! or invalid image is not judged here. Shares its concern with K8S210, so a `latest` image is
//! reported once, as K8S210.

use super::container_label;
use super::image_ref::container_images;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S211",
        aliases: &["CKV_K8S_43"],
        severity: Severity::Low,
        title: Text {
            en: "Image is not pinned by digest",
            zh: "镜像未按摘要固定",
        },
        description: Text {
            en: "A tag is a movable pointer: whoever can push to the repository (a teammate, a CI \
                 job, or an attacker holding a leaked registry token) can point it at different \
                 content, and the next pull runs it. A digest names the exact image bytes, so what \
                 was reviewed and scanned is what runs.",
            zh: "标签只是一个可以移动的指针：任何能向仓库推送的人（同事、CI 任务，或者拿到泄露的仓库令牌\
                 的攻击者）都能让它指向别的内容，下一次拉取就会运行它。摘要标识的是镜像的确切内容，\
                 审查和扫描过的镜像才是实际运行的镜像。",
        },
        remediation: Text {
            en: "Append the digest of the image you tested: `image: nginx:1.27.3@sha256:<digest>` \
                 (from `crane digest`, `docker buildx imagetools inspect` or your CI), and let a bot \
                 such as Renovate keep it up to date.",
            zh: "在镜像后附上测试过的那个镜像的摘要：`image: nginx:1.27.3@sha256:<摘要>`（可从 \
                 `crane digest`、`docker buildx imagetools inspect` 或 CI 输出中获取），并交给 \
                 Renovate 之类的机器人持续更新。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/containers/images/#image-names",
            "https://kubernetes.io/docs/concepts/configuration/overview/#container-images",
        ],
        concern: Some("image-pinning"),
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    for image in container_images(object) {
        if image.reference.digest.is_some() {
            continue;
        }
        let who = container_label(&image.container, sink.lang());
        let text = image.text;
        let message = tr!(
            sink.lang(),
            "{who} uses `{text}` by tag only; pin it by digest (`{text}@sha256:…`)",
            "{who} 的镜像 `{text}` 只按标签引用；请按摘要固定（`{text}@sha256:…`）",
        );
        sink.report(&RULE.meta, image.node, image.container.field("image"), message);
    }
}
