//! DF017: a `RUN` turns off TLS or package signature verification.
//!
//! *What it does.* Finds commands that download or install without checking who sent the bytes:
//! `curl -k`/`--insecure`, `wget --no-check-certificate`, `git -c http.sslVerify=false` (and
//! `git config … http.sslVerify false`), `pip --trusted-host`, `npm`/`yarn` `strict-ssl false`,
//! `apt-get --allow-unauthenticated` or `--allow-insecure-repositories`, `apk --allow-untrusted`,
//! `yum`/`dnf`/`microdnf --nogpgcheck`, `rpm --nosignature`; and the variables
//! `GIT_SSL_NO_VERIFY`, `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0` set on a command.
//! `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* Without TLS verification anyone on the network path — a compromised proxy,
//! a hostile Wi-Fi, a poisoned DNS answer — can serve the build whatever they like; without
//! signature checks, so can a compromised mirror. The result is code in your image nobody
//! vouched for.
//!
//! *Example.* `RUN curl -k https://example.com/tool.tar.gz` → fix the trust store instead
//! (`COPY corp-ca.crt /usr/local/share/ca-certificates/` + `update-ca-certificates`) and drop `-k`.

use super::packages::commands;
use super::prelude::*;
use crate::dockerfile::Command;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF017",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "TLS or signature verification turned off",
            zh: "关闭了 TLS 或签名校验",
        },
        description: Text {
            en: "Without TLS verification, anyone on the network path — a compromised proxy, a poisoned DNS \
                 answer — can serve the build whatever they like; without signature checks, so can a \
                 compromised mirror. The result is code in your image that nobody vouched for.",
            zh: "关闭 TLS 校验后，网络路径上的任何人——被入侵的代理、被投毒的 DNS 应答——都能给构建塞入任意内容；\
                 关闭签名校验后，被入侵的镜像源也能做到。最终进入镜像的代码无人担保。",
        },
        remediation: Text {
            en: "Keep verification on and fix trust instead: add your proxy's CA to the image \
                 (`COPY corp-ca.crt /usr/local/share/ca-certificates/` then `update-ca-certificates`), \
                 import the repository's signing key, and drop `-k`, `--no-check-certificate`, \
                 `--trusted-host`, `--nogpgcheck` and the like.",
            zh: "保持校验开启，从信任链入手解决：把代理的 CA 证书加入镜像（`COPY corp-ca.crt /usr/local/share/ca-certificates/` \
                 后执行 `update-ca-certificates`），导入软件源的签名公钥，并去掉 `-k`、`--no-check-certificate`、\
                 `--trusted-host`、`--nogpgcheck` 等参数。",
        },
        references: &[
            "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html",
            "https://docs.docker.com/build/building/best-practices/",
        ],
        concern: None,
    },
    check,
};

/// What in `cmd` turns verification off, as written.
fn disabled(cmd: &Command) -> Option<String> {
    for a in &cmd.assignments {
        let (name, value) = a.value.split_once('=').unwrap_or((&a.value, ""));
        let off = match name {
            "GIT_SSL_NO_VERIFY" => !value.is_empty() && value != "0" && value != "false",
            "PYTHONHTTPSVERIFY" | "NODE_TLS_REJECT_UNAUTHORIZED" => value == "0",
            _ => false,
        };
        if off {
            return Some(a.value.clone());
        }
    }
    let args: Vec<&str> = cmd.args().iter().map(|w| w.value.as_str()).collect();
    let has = |flag: &str| {
        args.iter()
            .any(|a| *a == flag || a.starts_with(&format!("{flag}=")))
    };
    let found = match cmd.program() {
        "curl" => {
            has("--insecure")
                || args
                    .iter()
                    .any(|a| a.starts_with('-') && !a.starts_with("--") && a[1..].contains('k'))
        }
        "wget" => has("--no-check-certificate"),
        "git" => {
            args.iter()
                .any(|a| a.eq_ignore_ascii_case("http.sslVerify=false"))
                || args
                    .windows(2)
                    .any(|w| w[0].eq_ignore_ascii_case("http.sslverify") && w[1] == "false")
        }
        "pip" | "pip3" | "pipx" => has("--trusted-host"),
        "npm" | "yarn" | "pnpm" => args.windows(2).any(|w| w[0] == "strict-ssl" && w[1] == "false"),
        "apt-get" | "apt" => {
            has("--allow-unauthenticated") || has("--allow-insecure-repositories") || has("--no-check-gpg")
        }
        "apk" => has("--allow-untrusted"),
        "yum" | "dnf" | "microdnf" | "zypper" => has("--nogpgcheck") || has("--no-gpg-checks"),
        "rpm" => has("--nosignature") || has("--nodigest"),
        _ => false,
    };
    found.then(|| {
        let words: Vec<&str> = cmd.words.iter().take(4).map(|w| w.value.as_str()).collect();
        words.join(" ")
    })
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if let Some(what) = disabled(cmd) {
            let message = tr!(
                sink.lang(),
                "`{what}` turns off TLS or signature verification; fix the trust store or keys instead",
                "`{what}` 关闭了 TLS 或签名校验；请改为修正信任证书或签名密钥",
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
