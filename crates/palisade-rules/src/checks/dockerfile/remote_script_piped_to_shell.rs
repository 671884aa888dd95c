//! DF013: a downloaded script is run straight from the network (`curl … | sh`).
//!
//! *What it does.* Finds `curl` or `wget` output piped into a shell or interpreter (`sh`, `bash`,
//! `zsh`, `python`, `perl`, `ruby`, `node`, `php`, also through `sudo`), and shells given a
//! downloaded script directly: `sh -c "$(curl …)"`, `bash <(curl …)`. `ONBUILD RUN` triggers
//! too.
//!
//! *Why is this bad?* Whatever the server returns runs with the build's privileges, unread and
//! unverified: a compromised site, a hijacked DNS name or a truncated download becomes code in
//! your image. Pipes also hide a failed download (see DF153).
//!
//! *Example.* `RUN curl -fsSL https://example.com/install.sh | sh` →
//! `RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && echo "<sha256>  /tmp/install.sh"
//! | sha256sum -c - && sh /tmp/install.sh`, or install a signed package instead.

use super::packages::runs;
use super::prelude::*;
use crate::dockerfile::Command;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF013",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Downloaded script piped into a shell",
            zh: "下载的脚本被直接管道给 shell 执行",
        },
        description: Text {
            en: "Whatever the server returns runs with the build's privileges, unread and unverified: a \
                 compromised site, a hijacked domain or a truncated download becomes code in your image.",
            zh: "服务器返回的任何内容都会以构建的权限直接运行，既没人看过也没经过校验：网站被入侵、域名被劫持或下载不完整，\
                 都会变成你镜像里的代码。",
        },
        remediation: Text {
            en: "Download to a file, verify its checksum or signature, then run it: \
                 `curl -fsSLo /tmp/install.sh URL && echo \"<sha256>  /tmp/install.sh\" | sha256sum -c - && sh /tmp/install.sh`; \
                 better, install a signed package.",
            zh: "先下载到文件，校验哈希或签名后再执行：\
                 `curl -fsSLo /tmp/install.sh URL && echo \"<sha256>  /tmp/install.sh\" | sha256sum -c - && sh /tmp/install.sh`；\
                 更好的做法是安装经过签名的软件包。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#using-pipes",
            "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html",
        ],
        concern: None,
    },
    check,
};

const DOWNLOADERS: [&str; 2] = ["curl", "wget"];

/// A shell or interpreter that runs what it reads; `sudo sh` counts.
fn interpreter(cmd: &Command) -> Option<&str> {
    let mut words = cmd
        .words
        .iter()
        .map(|w| w.value.rsplit('/').next().unwrap_or_default());
    let mut program = words.next()?;
    if program == "sudo" || program == "env" {
        program = words.find(|w| !w.starts_with('-') && !w.contains('='))?;
    }
    let base = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    matches!(
        base,
        "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh" | "python" | "perl" | "ruby" | "node" | "php"
    )
    .then_some(program)
}

/// A shell given a download as its script: `sh -c "$(curl …)"`, `bash <(wget -O- …)`.
fn runs_download(cmd: &Command) -> bool {
    interpreter(cmd).is_some()
        && cmd.args().iter().any(|w| {
            DOWNLOADERS.iter().any(|d| {
                w.value.contains(&format!("$({d} "))
                    || w.value.contains(&format!("<({d} "))
                    || w.value.contains(&format!("`{d} "))
            })
        })
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, script) in runs(df, true) {
        // Walk each pipeline from its end, remembering the nearest interpreter downstream, so
        // every download is matched in one pass.
        let top: Vec<&Command> = script.commands.iter().filter(|c| !c.nested).collect();
        let mut downstream: Option<(&Command, &str)> = None;
        for (i, cmd) in top.iter().enumerate().rev() {
            if !top.get(i + 1).is_some_and(|next| next.piped_from()) {
                downstream = None;
            }
            if DOWNLOADERS.contains(&cmd.program()) && cmd.pipes_to() {
                if let Some((shell, program)) = downstream {
                    let message = tr!(
                        sink.lang(),
                        "`{}` output is run by `{program}` without any check; download to a file and verify it first",
                        "`{}` 的输出未经任何校验就交给 `{program}` 执行；请先下载到文件并校验",
                        cmd.program(),
                    );
                    report(sink, df, &RULE.meta, cmd.span.to(shell.span), message);
                }
            } else if runs_download(cmd) {
                let message = tr!(
                    sink.lang(),
                    "`{}` runs a script straight from the network; download to a file and verify it first",
                    "`{}` 直接运行从网络下载的脚本；请先下载到文件并校验",
                    cmd.program(),
                );
                report(sink, df, &RULE.meta, cmd.span, message);
            }
            if let Some(program) = interpreter(cmd) {
                downstream = Some((cmd, program));
            }
        }
    }
}
