//! K8S210: a container image is referenced by the `latest` tag, or by no tag and no digest
//! (which the runtime reads as `latest`).
//!
//! References are parsed as the kubelet parses them (`image_ref.rs`): the port of
//! `localhost:5000/app` is not a tag, so that image is untagged; a digest pins the image whatever
//! the tag says (`app:latest@sha256:…` is fine). Every container list counts, ephemeral containers
//! included, since each pulls its image. A missing or invalid image is not judged here.

use super::container_label;
use super::image_ref::container_images;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S210",
        aliases: &["KSV013", "CKV_K8S_14", "container-image-tag"],
        severity: Severity::Medium,
        title: Text {
            en: "Image uses the `latest` tag or no tag",
            zh: "镜像使用 `latest` 标签或未指定标签",
        },
        description: Text {
            en: "`latest`, which is also what an image without a tag or digest means, points at \
                 whatever was pushed last. Nodes can run different builds under one name, a rollout \
                 or a node restart can silently pull new code, nobody can tell which version is \
                 running, and a rollback has no earlier version to return to.",
            zh: "`latest`（既不写标签也不写摘要时也是它）指向最后一次推送的内容。同一个名字下，\
                 各节点可能运行不同的构建；一次滚动发布或节点重启就可能悄悄拉取新代码；没人说得清\
                 线上跑的是哪个版本，回滚时也没有可以退回的旧版本。",
        },
        remediation: Text {
            en: "Reference a specific version tag (`nginx:1.27.3`) or, better, a digest \
                 (`nginx:1.27.3@sha256:…`), and change it deliberately with each release.",
            zh: "引用具体的版本标签（如 `nginx:1.27.3`），更好的做法是引用摘要\
                 （`nginx:1.27.3@sha256:…`），并在每次发布时有意识地更新它。",
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
        if !image.reference.is_latest() {
            continue;
        }
        let who = container_label(&image.container, sink.lang());
        let text = image.text;
        let message = if image.reference.tag.is_none() {
            tr!(
                sink.lang(),
                "{who} uses `{text}` with no tag, which means `latest`; pin a version tag or a digest (`{text}:<version>` or `{text}@sha256:…`)",
                "{who} 的镜像 `{text}` 未指定标签，等同于 `latest`；请固定版本标签或摘要（`{text}:<版本>` 或 `{text}@sha256:…`）",
            )
        } else {
            let name = text.strip_suffix(":latest").unwrap_or(text);
            tr!(
                sink.lang(),
                "{who} uses `{text}`; pin a version tag or a digest (`{name}:<version>` or `{name}@sha256:…`)",
                "{who} 使用了 `{text}`；请固定版本标签或摘要（`{name}:<版本>` 或 `{name}@sha256:…`）",
            )
        };
        sink.report(&RULE.meta, image.node, image.container.field("image"), message);
    }
}
