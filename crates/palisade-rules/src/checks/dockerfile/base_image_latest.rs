//! DF002: a base image is pinned to the `latest` tag.
//!
//! *What it does.* Finds `FROM image:latest` without a digest (build arguments before the first
//! `FROM` substituted). Tags are compared with case, as registries do: `Latest` is another tag.
//!
//! *Why is this bad?* `latest` moves with every upstream push; builds stop being repeatable and
//! take in changes nobody reviewed.
//!
//! *Example.* `FROM ubuntu:latest` → `FROM ubuntu:24.04`.
//!
//! *hadolint.* DL3007; Trivy DS001. Difference, deliberate: hadolint does not substitute build
//! arguments, so it is silent on `ARG TAG=latest` / `FROM ubuntu:$TAG`.

use super::base_images::{ImageFrom, image_froms};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF002",
        aliases: &["DL3007", "DS001"],
        severity: Severity::Medium,
        title: Text {
            en: "Base image uses the `latest` tag",
            zh: "基础镜像使用了 `latest` 标签",
        },
        description: Text {
            en: "`latest` is a moving tag: it points to a new image after every upstream release. Builds \
                 stop being reproducible, and vulnerabilities or breaking changes arrive without review.",
            zh: "`latest` 是会移动的标签，上游每次发布后都会指向新的镜像。构建因此无法复现，\
                 漏洞和不兼容的变更也会未经审查地进入镜像。",
        },
        remediation: Text {
            en: "Replace `latest` with a release tag, and add the digest to pin it exactly: \
                 `FROM ubuntu:24.04@sha256:<digest>`.",
            zh: "把 `latest` 换成具体的发行版本标签，并加上摘要以精确固定：`FROM ubuntu:24.04@sha256:<digest>`。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#from",
            "https://github.com/hadolint/hadolint/wiki/DL3007",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for ImageFrom { word, image, .. } in image_froms(df) {
        if image.tag.as_deref() == Some("latest") && image.digest.is_none() {
            let name = &image.text;
            let message = tr!(
                sink.lang(),
                "base image `{name}` uses the moving `latest` tag; pin a release tag",
                "基础镜像 `{name}` 使用会变化的 `latest` 标签；请改为具体的发行版本标签",
            );
            report(sink, df, &RULE.meta, word.span, message);
        }
    }
}
