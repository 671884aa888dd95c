//! DF015: a base image comes from a registry outside the trusted list.
//!
//! *What it does.* Finds `FROM` images (build arguments substituted), and images `COPY --from`
//! copies from, whose registry is not among
//! the trusted ones: `trusted_registries` of `.palisade.yaml` or `--trusted-registry`, and
//! `trustedRegistries` of `.hadolint.yaml`. Inactive while both are empty. An entry is a
//! registry host (`registry.example.com`, `localhost:5000`), a host and path prefix
//! (`ghcr.io/acme`), or `*.` and a domain for its subdomains. An image without a host is on
//! `docker.io`, which `index.docker.io` also means.
//!
//! *Why is this bad?* A base image is code that runs in every container built on it. Pulling it
//! from an arbitrary registry skips the scanning, signing and retention rules your own registry
//! enforces.
//!
//! *Example.* `FROM node:22` with only `registry.example.com` trusted →
//! `FROM registry.example.com/mirror/node:22`.
//!
//! *hadolint.* DL3026. Differences, deliberate: `localhost/app` is on the registry `localhost`
//! (hadolint reads it as Docker Hub), `index.docker.io` is Docker Hub, and hosts are compared
//! without case, as DNS does.

use super::base_images::{ImageFrom, image_froms};
use super::copy_sources::{From, copies, from_flag};
use super::prelude::*;
use crate::dockerfile::ImageRef;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF015",
        aliases: &["DL3026"],
        severity: Severity::Medium,
        title: Text {
            en: "Base image from an untrusted registry",
            zh: "基础镜像来自不受信任的镜像仓库",
        },
        description: Text {
            en: "A base image is code that runs in every container built on it. Pulling it from an arbitrary \
                 registry skips the scanning, signing and retention rules your own registry enforces. Active \
                 only when trusted registries are configured.",
            zh: "基础镜像就是在其上构建的每个容器里运行的代码。从任意镜像仓库拉取，会绕过自有仓库的漏洞扫描、签名和留存规则。\
                 只有配置了受信任仓库时本规则才会生效。",
        },
        remediation: Text {
            en: "Mirror the image into a trusted registry and use it from there \
                 (`FROM registry.example.com/mirror/node:22`), or, after review, add its registry to the \
                 trusted list (`trusted_registries` in `.palisade.yaml`, `trustedRegistries` in `.hadolint.yaml`).",
            zh: "把镜像同步到受信任的仓库并从那里引用（`FROM registry.example.com/mirror/node:22`）；或在审查后，\
                 把它的仓库加入受信任列表（`.palisade.yaml` 的 `trusted_registries`，或 `.hadolint.yaml` 的 `trustedRegistries`）。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL3026"],
        concern: None,
    },
    check,
};

/// The registry host of an image, Docker Hub's spellings made one.
fn host(image: &ImageRef) -> &str {
    match image.registry.as_deref() {
        None | Some("index.docker.io" | "registry-1.docker.io") => "docker.io",
        Some(host) => host,
    }
}

/// Whether `entry` allows `image`.
fn allows(entry: &str, image: &ImageRef) -> bool {
    let host = host(image);
    if let Some(domain) = entry.strip_prefix("*.") {
        let host = host.to_ascii_lowercase();
        return host.ends_with(&format!(".{}", domain.to_ascii_lowercase()));
    }
    let (entry_host, prefix) = entry.split_once('/').unwrap_or((entry, ""));
    let entry_host = if entry_host.eq_ignore_ascii_case("index.docker.io") {
        "docker.io"
    } else {
        entry_host
    };
    if !entry_host.eq_ignore_ascii_case(host) {
        return false;
    }
    let prefix = prefix.trim_end_matches('/');
    prefix.is_empty()
        || image.repository == prefix
        || image
            .repository
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let settings = sink.settings();
    let trusted: Vec<String> = settings
        .trusted_registries
        .iter()
        .chain(&settings.dockerfile_registries)
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty())
        .collect();
    if trusted.is_empty() {
        return;
    }
    for ImageFrom { word, image, .. } in image_froms(df) {
        if trusted.iter().any(|entry| allows(entry, image)) {
            continue;
        }
        let (name, registry) = (&image.text, host(image));
        let message = tr!(
            sink.lang(),
            "base image `{name}` comes from `{registry}`, which is not a trusted registry",
            "基础镜像 `{name}` 来自不受信任的镜像仓库 `{registry}`",
        );
        report(sink, df, &RULE.meta, word.span, message);
    }
    for (instruction, _) in copies(df) {
        let Some(flag) = instruction.flag("from") else {
            continue;
        };
        if !matches!(from_flag(df, instruction, flag), From::Image | From::Unknown(_)) {
            continue;
        }
        let image = ImageRef::parse(flag.value.as_deref().unwrap_or_default());
        if trusted.iter().any(|entry| allows(entry, &image)) {
            continue;
        }
        let (name, registry) = (&image.text, host(&image));
        let message = tr!(
            sink.lang(),
            "`COPY --from={name}` copies from an image on `{registry}`, which is not a trusted registry",
            "`COPY --from={name}` 从不受信任的镜像仓库 `{registry}` 上的镜像复制文件",
        );
        report(sink, df, &RULE.meta, flag.span, message);
    }
}
