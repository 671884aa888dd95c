//! DF001: a base image has neither tag nor digest.
//!
//! *What it does.* Finds `FROM image` with no `:tag` and no `@digest`, after substituting the
//! build arguments declared before the first `FROM` (`ARG BASE=ubuntu` / `FROM $BASE` is
//! `ubuntu`). Earlier stages, `scratch` and references with an argument of unknown value are
//! not images to pin.
//!
//! *Why is this bad?* Without a tag the builder pulls `latest`, whatever it is that day: the
//! same Dockerfile builds a different system from one week to the next, and a compromised or
//! broken upstream push lands in your image unnoticed.
//!
//! *Example.* `FROM node` → `FROM node:22.11-bookworm-slim`.
//!
//! *hadolint.* DL3006. Differences, deliberate: hadolint does not substitute build arguments
//! (it is silent on `ARG BASE=ubuntu` / `FROM $BASE`), and it compares stage names with case
//! (`FROM build` after `AS Build` is an image to it, the stage to BuildKit and palisade).

use super::base_images::{ImageFrom, image_froms};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF001",
        aliases: &["DL3006"],
        severity: Severity::Medium,
        title: Text {
            en: "Base image has no tag",
            zh: "基础镜像没有指定标签",
        },
        description: Text {
            en: "`FROM` names an image without a tag or digest, so the build pulls whatever `latest` \
                 points to that day. The same Dockerfile then builds different images over time, and \
                 a broken or malicious upstream push reaches your image unreviewed.",
            zh: "`FROM` 引用的镜像既没有标签也没有摘要，构建时会拉取当天 `latest` 指向的任意版本。\
                 同一份 Dockerfile 会随时间构建出不同的镜像，上游一次有问题甚至恶意的推送也会不经审查地进入你的镜像。",
        },
        remediation: Text {
            en: "Pin a specific version tag, ideally with its digest: \
                 `FROM node:22.11-bookworm-slim@sha256:<digest>`.",
            zh: "指定明确的版本标签，最好同时固定摘要：`FROM node:22.11-bookworm-slim@sha256:<digest>`。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#from",
            "https://github.com/hadolint/hadolint/wiki/DL3006",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for ImageFrom { word, image, .. } in image_froms(df) {
        if image.tag.is_none() && image.digest.is_none() {
            let name = &image.text;
            let message = tr!(
                sink.lang(),
                "base image `{name}` has no tag, so the build takes whatever `latest` is; pin a version",
                "基础镜像 `{name}` 没有标签，构建会使用当时的 `latest`；请固定版本",
            );
            report(sink, df, &RULE.meta, word.span, message);
        }
    }
}
