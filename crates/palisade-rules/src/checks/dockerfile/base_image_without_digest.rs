//! DF003: a base image is not pinned by digest.
//!
//! *What it does.* Finds `FROM image[:tag]` without `@sha256:…` (build arguments before the first
//! `FROM` substituted). Images with no tag at all, or tagged `latest`, are DF001 and DF002's.
//!
//! *Why is this bad?* A tag is a name the publisher can move: `python:3.12-slim` is rebuilt every
//! few days, and an attacker with push access to the repository can point it anywhere. Only a
//! digest names exactly the bytes you reviewed.
//!
//! *Example.* `FROM python:3.12-slim` →
//! `FROM python:3.12-slim@sha256:<digest>` (keep the tag for readers; the digest wins).
//!
//! *Fix.* Resolve the digest with `docker buildx imagetools inspect python:3.12-slim` and let a
//! bot (Renovate, Dependabot) keep it current.

use super::base_images::{ImageFrom, image_froms};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF003",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Base image is not pinned by digest",
            zh: "基础镜像没有用摘要固定",
        },
        description: Text {
            en: "A tag is a name its publisher can move to new content at any time; only a digest \
                 (`@sha256:…`) names exactly the image you tested and reviewed. Pinning the digest \
                 makes builds reproducible and stops a hijacked tag from reaching your image.",
            zh: "标签只是一个名字，发布者随时可以让它指向新的内容；只有摘要（`@sha256:…`）才精确对应你测试和审查过的镜像。\
                 固定摘要可以让构建可复现，也能防止被劫持的标签进入你的镜像。",
        },
        remediation: Text {
            en: "Append the digest to the reference: `FROM python:3.12-slim@sha256:<digest>` (find it \
                 with `docker buildx imagetools inspect`), and let Renovate or Dependabot update it.",
            zh: "在引用后加上摘要：`FROM python:3.12-slim@sha256:<digest>`（可用 `docker buildx imagetools inspect` 查询），\
                 并交给 Renovate 或 Dependabot 自动更新。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
            "https://docs.docker.com/reference/dockerfile/#from",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for ImageFrom { word, image, .. } in image_froms(df) {
        let Some(tag) = image.tag.as_deref().filter(|t| *t != "latest") else {
            continue;
        };
        if image.digest.is_none() {
            let name = &image.text;
            let message = tr!(
                sink.lang(),
                "base image `{name}` is pinned only by its tag `{tag}`, which can be moved; add `@sha256:<digest>`",
                "基础镜像 `{name}` 只用标签 `{tag}` 固定，而标签可以被移动；请加上 `@sha256:<digest>`",
            );
            report(sink, df, &RULE.meta, word.span, message);
        }
    }
}
