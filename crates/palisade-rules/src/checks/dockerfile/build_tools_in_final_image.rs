//! DF005: build tools or a build left in the final image of a single-stage build.
//!
//! *What it does.* For a final image that copies nothing from another stage (no
//! `COPY --from`), finds the first of:
//! - a compiler, JDK or build system installed (`build-essential`, `gcc`, `g++`, `make`,
//!   `cmake`, `maven`, `gradle`, `golang`, `rustc`, `cargo`, `openjdk-*-jdk` …) by `apt-get`,
//!   `apk`, `yum`, `dnf` or `microdnf` in a `RUN` that removes no packages afterwards;
//! - a build run after sources were copied in (`go build`, `mvn package`, `gradle build`,
//!   `cargo build`, `npm run build`, `yarn build`, `dotnet publish`, `javac`).
//!
//! *Why is this bad?* Compilers and build systems in a production image are tools for an
//! intruder and hundreds of packages to patch; the sources and caches of the build ship with
//! it. A multi-stage build keeps them out: build in one stage, copy the artefact into a
//! minimal one. The seed's example: Maven builds in `maven:…-slim AS builder`, the JAR runs on
//! `eclipse-temurin:17-jre-alpine`.
//!
//! *Example.*
//! ```dockerfile
//! FROM golang:1.23 AS build
//! COPY . /src
//! RUN cd /src && CGO_ENABLED=0 go build -o /out/app .
//! FROM gcr.io/distroless/static:nonroot
//! COPY --from=build /out/app /app
//! ```

use super::packages::{apk_add, apt_get_install, final_instructions, operands};
use super::prelude::*;
use crate::dockerfile::Command;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF005",
        aliases: &[],
        severity: Severity::Low,
        title: Text {
            en: "Build tools left in the final image",
            zh: "构建工具留在了最终镜像中",
        },
        description: Text {
            en: "Compilers and build systems in a production image are tools for an intruder and hundreds of \
                 packages to patch, and the build's sources and caches ship with it. A multi-stage build keeps \
                 them out of the image that runs.",
            zh: "生产镜像中的编译器和构建工具既是入侵者的利器，也是数百个需要修补的软件包，构建用的源码和缓存也会随之发布。\
                 多阶段构建可以把它们挡在最终运行的镜像之外。",
        },
        remediation: Text {
            en: "Build in a first stage (`FROM maven:3.9 AS build` … `RUN mvn package`) and copy only the artefact \
                 into a minimal final stage (`COPY --from=build /app/target/app.jar /app.jar`).",
            zh: "在第一个阶段构建（`FROM maven:3.9 AS build` … `RUN mvn package`），只把产物复制进精简的最终阶段\
                 （`COPY --from=build /app/target/app.jar /app.jar`）。",
        },
        references: &["https://docs.docker.com/build/building/multi-stage/"],
        concern: None,
    },
    check,
};

const TOOLS: [&str; 17] = [
    "build-essential",
    "build-base",
    "gcc",
    "g++",
    "gcc-c++",
    "clang",
    "make",
    "cmake",
    "maven",
    "gradle",
    "golang",
    "golang-go",
    "go",
    "rustc",
    "cargo",
    "default-jdk",
    "ant",
];

fn is_tool(package: &str) -> bool {
    let name = package.split(['=', '~', '<', '>']).next().unwrap_or(package);
    TOOLS.contains(&name)
        || (name.starts_with("openjdk-") && name.contains("-jdk"))
        || name.starts_with("java-") && name.ends_with("-devel")
}

/// The build-tool packages a command installs.
fn installed_tools(cmd: &Command) -> Vec<&Word> {
    let packages = apt_get_install(cmd)
        .or_else(|| apk_add(cmd))
        .or_else(|| matches!(cmd.name(), "yum" | "dnf" | "microdnf").then(|| operands(cmd, &[])));
    packages
        .unwrap_or_default()
        .into_iter()
        .filter(|p| is_tool(&p.value))
        .collect()
}

fn removes_packages(cmd: &Command) -> bool {
    let ops = operands(cmd, &[]);
    let first = ops.first().map_or("", |w| w.value.as_str());
    match cmd.name() {
        "apt-get" | "apt" => matches!(first, "purge" | "remove" | "autoremove"),
        "apk" => first == "del",
        "yum" | "dnf" | "microdnf" => matches!(first, "remove" | "erase" | "autoremove"),
        _ => false,
    }
}

fn builds(cmd: &Command) -> bool {
    let args: Vec<&str> = cmd.args().iter().map(|w| w.value.as_str()).collect();
    let first = args.first().copied().unwrap_or_default();
    match cmd.program() {
        "go" | "cargo" => first == "build",
        "mvn" | "mvnw" => args
            .iter()
            .any(|a| matches!(*a, "package" | "install" | "verify")),
        "gradle" | "gradlew" => args
            .iter()
            .any(|a| matches!(*a, "build" | "assemble" | "bootJar" | "jar")),
        "npm" | "pnpm" => first == "run" && args.get(1) == Some(&"build"),
        "yarn" => first == "build" || (first == "run" && args.get(1) == Some(&"build")),
        "dotnet" => matches!(first, "build" | "publish"),
        "javac" => true,
        _ => false,
    }
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let instructions = final_instructions(df);
    if instructions
        .iter()
        .any(|i| i.keyword == Keyword::Copy && i.flag("from").is_some())
    {
        return;
    }
    let mut sources_copied = false;
    for instruction in instructions {
        match instruction.keyword {
            Keyword::Copy | Keyword::Add => sources_copied = true,
            Keyword::Run => {}
            _ => continue,
        }
        let Some(script) = instruction.script() else {
            continue;
        };
        let removal = script.commands.iter().position(removes_packages);
        for (i, cmd) in script.commands.iter().enumerate() {
            let tools = installed_tools(cmd);
            let message = if !tools.is_empty() && removal.is_none_or(|r| r < i) {
                let names = super::packages::list(&tools);
                tr!(
                    sink.lang(),
                    "{names} installed in the final image and never removed; build in an earlier stage and copy only the result",
                    "{names} 被安装在最终镜像中且没有移除；请在前面的阶段构建，只复制构建结果",
                )
            } else if sources_copied && builds(cmd) {
                tr!(
                    sink.lang(),
                    "`{}` builds in the final image, leaving sources and build tools in it; use a multi-stage build",
                    "`{}` 在最终镜像中进行构建，源码和构建工具都留在了镜像里；请使用多阶段构建",
                    cmd.program(),
                )
            } else {
                continue;
            };
            report(sink, df, &RULE.meta, cmd.span, message);
            return;
        }
    }
}
