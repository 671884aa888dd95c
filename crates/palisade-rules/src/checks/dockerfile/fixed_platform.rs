//! DF122: `FROM --platform` fixes a platform.
//!
//! *What it does.* Finds `FROM --platform=…` with a value other than `$BUILDPLATFORM` (used for
//! cross-compiling stages) or `$TARGETPLATFORM` (DF145's).
//!
//! *Why is this bad?* A fixed platform (`linux/amd64`) makes the image wrong, or emulated, on
//! every other architecture, and breaks `docker buildx build --platform` for multi-arch images.
//!
//! *Example.* `FROM --platform=linux/amd64 node:22` → `FROM node:22`, or
//! `FROM --platform=$BUILDPLATFORM golang:1.23 AS build` for a cross-compiling stage.
//!
//! *hadolint.* DL3029.

use super::from_platform::{is_build_platform, is_target_platform, platforms};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF122",
        aliases: &["DL3029"],
        severity: Severity::Low,
        title: Text {
            en: "`FROM --platform` fixes the platform",
            zh: "`FROM --platform` 写死了平台",
        },
        description: Text {
            en: "A fixed platform makes the image wrong, or emulated, on every other architecture, and breaks \
                 multi-platform builds with `docker buildx build --platform`.",
            zh: "写死平台会让镜像在其他架构上出错或只能模拟运行，也会破坏 `docker buildx build --platform` 的多平台构建。",
        },
        remediation: Text {
            en: "Drop `--platform`, or use `--platform=$BUILDPLATFORM` for a stage that cross-compiles.",
            zh: "去掉 `--platform`；交叉编译的阶段可使用 `--platform=$BUILDPLATFORM`。",
        },
        references: &[
            "https://docs.docker.com/build/building/multi-platform/",
            "https://github.com/hadolint/hadolint/wiki/DL3029",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, flag) in platforms(df) {
        let value = flag.value.as_deref().unwrap_or_default();
        if is_build_platform(value) || is_target_platform(value) {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "`--platform={value}` pins the stage to one platform; drop it or use `$BUILDPLATFORM`",
            "`--platform={value}` 把该阶段固定在单一平台；请去掉它或改用 `$BUILDPLATFORM`",
        );
        report(sink, df, &RULE.meta, flag.span, message);
    }
}
