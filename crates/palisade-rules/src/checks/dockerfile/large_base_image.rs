//! DF004: the final image starts from a large general-purpose base.
//!
//! *What it does.* Finds a final image whose first base (after following `FROM <stage>`) is a
//! full operating system or a full language image where a slim, Alpine, distroless or JRE
//! variant exists: `ubuntu`, `debian` (not `-slim`), `centos`, `fedora`, `rockylinux`,
//! `almalinux`, `amazonlinux`, `oraclelinux`, `buildpack-deps`, and `node`, `python`, `ruby`,
//! `golang`, `openjdk`, `eclipse-temurin` (JDK), `maven`, `gradle`, `php`, `perl`, `rust`
//! without a `slim`, `alpine`, `jre`, `distroless`, `minimal`, `micro` or `chiseled` tag.
//!
//! *Why is this bad?* A general-purpose base brings shells, package managers, compilers and
//! hundreds of libraries the application never uses: more to scan, more vulnerabilities to
//! patch, and more tools for an intruder. The seed's advice: a minimal base image.
//!
//! *Example.* `FROM python:3.12` → `FROM python:3.12-slim`; `FROM eclipse-temurin:21` →
//! `FROM eclipse-temurin:21-jre-alpine`; a static Go binary → `FROM gcr.io/distroless/static`.

use super::packages::final_chain;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF004",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Final image uses a large general-purpose base",
            zh: "最终镜像使用了体积庞大的通用基础镜像",
        },
        description: Text {
            en: "A general-purpose base brings shells, package managers, compilers and hundreds of libraries the \
                 application never uses: more to scan, more vulnerabilities to patch, and more tools for an \
                 intruder.",
            zh: "通用基础镜像带有应用根本用不到的 shell、包管理器、编译器和数百个库：要扫描的更多，要修补的漏洞更多，\
                 入侵者可利用的工具也更多。",
        },
        remediation: Text {
            en: "Run on a minimal variant: `python:3.12-slim`, `node:22-alpine`, `eclipse-temurin:21-jre-alpine`, \
                 `debian:12-slim`, or distroless (`gcr.io/distroless/static`) for static binaries; build in an \
                 earlier stage with the full image if you need its tools.",
            zh: "改用精简版本运行：`python:3.12-slim`、`node:22-alpine`、`eclipse-temurin:21-jre-alpine`、`debian:12-slim`，\
                 静态二进制可用 distroless（`gcr.io/distroless/static`）；如需完整镜像里的工具，请放在前面的构建阶段使用。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image",
            "https://github.com/GoogleContainerTools/distroless",
        ],
        concern: None,
    },
    check,
};

const OPERATING_SYSTEMS: [&str; 9] = [
    "ubuntu",
    "debian",
    "centos",
    "fedora",
    "rockylinux",
    "almalinux",
    "amazonlinux",
    "oraclelinux",
    "buildpack-deps",
];
const LANGUAGES: [&str; 11] = [
    "node",
    "python",
    "ruby",
    "golang",
    "openjdk",
    "eclipse-temurin",
    "maven",
    "gradle",
    "php",
    "perl",
    "rust",
];
const MINIMAL: [&str; 8] = [
    "slim",
    "alpine",
    "jre",
    "distroless",
    "minimal",
    "micro",
    "chiseled",
    "nano",
];

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let Some(&root) = final_chain(df).last() else {
        return;
    };
    let stage = &df.stages[root];
    let Base::Image(image) = &stage.base else { return };
    let Some(name) = image.official() else { return };
    if !OPERATING_SYSTEMS.contains(&name) && !LANGUAGES.contains(&name) {
        return;
    }
    let tag = image.tag.as_deref().unwrap_or("latest");
    if MINIMAL.iter().any(|m| tag.contains(m)) {
        return;
    }
    let Args::From(from) = &df.instructions[stage.first].args else {
        return;
    };
    let written = &image.text;
    let message = tr!(
        sink.lang(),
        "the final image is built on `{written}`, a full general-purpose image; use a slim, Alpine or distroless variant",
        "最终镜像基于完整的通用镜像 `{written}`；请改用 slim、Alpine 或 distroless 版本",
    );
    report(sink, df, &RULE.meta, from.image.span, message);
}
