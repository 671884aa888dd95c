//! DF011: `ADD` downloads a remote source without verifying it.
//!
//! *What it does.* Finds `ADD` of an `http(s)://` URL without `--checksum=sha256:…`, and of a git
//! repository not pinned to a full commit (`#<40 hex digits>`) or a `--checksum`.
//!
//! *Why is this bad?* Whatever the server returns at build time goes into the image, unchecked:
//! a compromised host, a hijacked release or a moved tag becomes your code. The seed's advice:
//! nothing enters the image that was not verified.
//!
//! *Example.* `ADD https://example.com/tool.tar.gz /opt/` →
//! `ADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /opt/`, or `curl` it in a
//! `RUN` and check it with `sha256sum -c`.

use super::adds::{adds, is_git, is_url};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF011",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "`ADD` fetches a remote source without a checksum",
            zh: "`ADD` 拉取远程资源却未校验",
        },
        description: Text {
            en: "`ADD` puts whatever the server returns at build time into the image, unchecked. A \
                 compromised host, a hijacked release or a moved git tag becomes part of your image.",
            zh: "`ADD` 会把构建时服务器返回的任何内容原样放进镜像，不做任何校验。主机被入侵、发布被劫持、\
                 git 标签被移动，都会直接成为你镜像的一部分。",
        },
        remediation: Text {
            en: "Pin the content: `ADD --checksum=sha256:<digest> https://…` (Dockerfile syntax 1.6+), a git \
                 source at a full commit (`…git#<commit>`), or download with `curl` and verify with \
                 `sha256sum -c` in the same `RUN`.",
            zh: "固定内容：`ADD --checksum=sha256:<摘要> https://…`（需 Dockerfile 语法 1.6+）；git 源固定到完整提交\
                 （`…git#<提交哈希>`）；或在同一条 `RUN` 中用 `curl` 下载并用 `sha256sum -c` 校验。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#add---checksum",
            "https://docs.docker.com/build/building/best-practices/#add-or-copy",
        ],
        concern: None,
    },
    check,
};

fn pinned_commit(source: &str) -> bool {
    source.rsplit_once('#').is_some_and(|(_, r)| {
        let r = r.split(':').next().unwrap_or_default();
        r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (instruction, add) in adds(df) {
        if instruction.flag("checksum").is_some() {
            continue;
        }
        for source in &add.sources {
            let url = &source.value;
            let message = if is_git(url) {
                if pinned_commit(url) {
                    continue;
                }
                tr!(
                    sink.lang(),
                    "`ADD {url}` clones a git ref that can move; pin a full commit (`#<commit>`)",
                    "`ADD {url}` 克隆的 git 引用可能被移动；请固定到完整提交（`#<提交哈希>`）",
                )
            } else if is_url(url) {
                tr!(
                    sink.lang(),
                    "`ADD {url}` downloads without verifying; add `--checksum=sha256:<digest>`",
                    "`ADD {url}` 下载时不做校验；请加上 `--checksum=sha256:<摘要>`",
                )
            } else {
                continue;
            };
            report(sink, df, &RULE.meta, source.span, message);
        }
    }
}
