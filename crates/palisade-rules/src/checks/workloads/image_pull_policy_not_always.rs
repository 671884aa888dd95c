//! K8S212: a container pulls a mutable image (no digest) without `imagePullPolicy: Always`.
//!
//! Kubernetes defaults a missing `imagePullPolicy` to `Always` when the image has no tag and no
//! digest or the tag is `latest`, and to `IfNotPresent` otherwise (a digest-only image included).
//! So a missing policy is reported only for a tagged, non-`latest` image; an explicit
//! `IfNotPresent` or `Never` is reported for any image without a digest. A digest makes the policy
//! irrelevant. This is Checkov's `CKV_K8S_15`; kube-score's `container-image-pull-policy` also
//! wants `Always` for digest-pinned images, which palisade does not. An unknown policy value
//! (the API server refuses it) or an invalid image is not judged here.

use super::container_label;
use super::image_ref::container_images;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S212",
        aliases: &["CKV_K8S_15", "container-image-pull-policy"],
        severity: Severity::Low,
        title: Text {
            en: "Mutable image is not pulled with `imagePullPolicy: Always`",
            zh: "可变镜像未使用 `imagePullPolicy: Always` 拉取",
        },
        description: Text {
            en: "With `IfNotPresent` (the default for every tag except `latest`) or `Never`, a node \
                 reuses whatever it has cached under the tag. Once the tag moves, one workload runs \
                 different builds on different nodes, and a pod can start from a cached private \
                 image without the registry ever checking that it may pull it. Kubernetes defaults \
                 to `Always` only for `latest` or untagged images; with a digest the policy does not \
                 matter.",
            zh: "使用 `IfNotPresent`（除 `latest` 外所有标签的默认值）或 `Never` 时，节点会直接复用缓存中\
                 该标签的镜像。标签一旦移动，同一个工作负载在不同节点上运行的就是不同的构建；Pod 还可能\
                 直接用缓存里的私有镜像启动，镜像仓库根本没有机会校验它是否有权拉取。Kubernetes 只对 \
                 `latest` 或未写标签的镜像默认使用 `Always`；按摘要引用时拉取策略无关紧要。",
        },
        remediation: Text {
            en: "Set `imagePullPolicy: Always` on the container, or pin the image by digest \
                 (`image: app:1.4.2@sha256:…`).",
            zh: "在容器上设置 `imagePullPolicy: Always`，或按摘要固定镜像（`image: app:1.4.2@sha256:…`）。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy",
            "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages",
        ],
        concern: None,
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
        let field = image.container.field("imagePullPolicy");
        let policy = image.container.get("imagePullPolicy");
        match policy.filter(|p| !p.is_null()) {
            Some(node) => {
                let Some(policy @ ("IfNotPresent" | "Never")) = node.as_str() else {
                    continue;
                };
                let message = tr!(
                    sink.lang(),
                    "{who} pulls the mutable image `{text}` with `imagePullPolicy: {policy}`; set `imagePullPolicy: Always` or pin the image by digest",
                    "{who} 以 `imagePullPolicy: {policy}` 拉取可变镜像 `{text}`；请改为 `imagePullPolicy: Always`，或按摘要固定镜像",
                );
                sink.report(&RULE.meta, node, field, message);
            }
            // Defaulted: `Always` for `latest` and untagged images, `IfNotPresent` for the rest.
            None if image.reference.is_latest() => {}
            None => {
                let message = tr!(
                    sink.lang(),
                    "{who} pulls the mutable image `{text}` with the default `imagePullPolicy: IfNotPresent`; set `imagePullPolicy: Always` or pin the image by digest",
                    "{who} 以默认的 `imagePullPolicy: IfNotPresent` 拉取可变镜像 `{text}`；请设置 `imagePullPolicy: Always`，或按摘要固定镜像",
                );
                let at = policy.unwrap_or(image.container.node);
                sink.report(&RULE.meta, at, field, message);
            }
        }
    }
}
