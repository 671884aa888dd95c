//! DF009: a secret in `ENV` or `ARG`.
//!
//! *What it does.* Finds `ENV` and `ARG` whose name says it holds a secret — it contains
//! `PASSWORD`, `PASSWD`, `SECRET`, `TOKEN`, `API_KEY`, `APIKEY`, `ACCESS_KEY` or `PRIVATE_KEY`,
//! in any case — unless the name is about where a secret is (`…_FILE`, `…_PATH`, `…_DIR`,
//! `…_URL`) or an `ENV` sets it to an empty value. An `ARG` is reported with or without a
//! default: its value comes from `--build-arg` and is recorded in the image history either way.
//!
//! *Why is this bad?* `ENV` values are stored in the image configuration, and `ARG` values in its
//! history (`docker history`, `docker inspect`): anyone who can pull the image can read them.
//! The seed's rule: no secrets baked into the image.
//!
//! *Example.* `ARG NPM_TOKEN` / `RUN npm ci` →
//! `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`, built with
//! `docker build --secret id=npm_token,env=NPM_TOKEN .`; at run time, inject secrets from the
//! orchestrator (Kubernetes Secrets, Vault).
//!
//! *hadolint.* DL3064; Trivy DS031 (which also covers copied secret files, palisade's DF010).
//! Differences, deliberate: palisade also knows `PASSWD`, `APIKEY` and `ACCESS_KEY`, and does
//! not report names that point to a secret (`PASSWORD_FILE`, `TOKEN_URL`) or an empty `ENV`.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF009",
        aliases: &["DL3064", "DS031"],
        severity: Severity::High,
        title: Text {
            en: "Secret passed through `ENV` or `ARG`",
            zh: "通过 `ENV` 或 `ARG` 传递密钥",
        },
        description: Text {
            en: "`ENV` values are stored in the image configuration and `ARG` values in its history: anyone who \
                 can pull the image reads them with `docker inspect` or `docker history`. A password, token or \
                 key passed this way is published with the image.",
            zh: "`ENV` 的值保存在镜像配置中，`ARG` 的值记录在镜像历史里：任何能拉取镜像的人都能用 `docker inspect` 或 \
                 `docker history` 读到。以这种方式传递的口令、令牌或密钥，会随镜像一起被公开。",
        },
        remediation: Text {
            en: "Use a build secret: `RUN --mount=type=secret,id=token,env=TOKEN …` with \
                 `docker build --secret id=token,env=TOKEN`. Give running containers their secrets from the \
                 orchestrator (Kubernetes Secrets, Vault), never from the image.",
            zh: "改用构建密钥：`RUN --mount=type=secret,id=token,env=TOKEN …`，并以 \
                 `docker build --secret id=token,env=TOKEN` 构建。运行中的容器应从编排系统（Kubernetes Secret、Vault）\
                 获取密钥，而不是从镜像里取。",
        },
        references: &[
            "https://docs.docker.com/build/building/secrets/",
            "https://github.com/hadolint/hadolint/wiki/DL3064",
        ],
        concern: None,
    },
    check,
};

/// Whether a variable name says it holds a secret.
pub(super) fn secret_name(name: &str) -> bool {
    const WORDS: [&str; 8] = [
        "PASSWORD",
        "PASSWD",
        "SECRET",
        "TOKEN",
        "API_KEY",
        "APIKEY",
        "ACCESS_KEY",
        "PRIVATE_KEY",
    ];
    const POINTERS: [&str; 6] = ["_FILE", "_PATH", "_DIR", "_URL", "_URI", "_ENDPOINT"];
    let upper = name.to_ascii_uppercase();
    WORDS.iter().any(|w| upper.contains(w)) && !POINTERS.iter().any(|p| upper.ends_with(p))
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in &df.instructions {
        match &instruction.args {
            Args::Env(pairs) => {
                for pair in pairs {
                    if secret_name(&pair.key.value) && !pair.value.value.is_empty() {
                        let name = &pair.key.value;
                        let message = tr!(
                            sink.lang(),
                            "`ENV {name}` stores a secret in the image configuration, readable by anyone who pulls the image; use a build secret or inject it at run time",
                            "`ENV {name}` 把密钥存进了镜像配置，任何拉取镜像的人都能读到；请使用构建密钥，或在运行时注入",
                        );
                        report(sink, df, &RULE.meta, pair.key.span, message);
                    }
                }
            }
            Args::Arg(decls) => {
                for decl in decls.iter().filter(|d| secret_name(&d.name.value)) {
                    let name = &decl.name.value;
                    let message = tr!(
                        sink.lang(),
                        "`ARG {name}` records a secret in the image history; use `RUN --mount=type=secret` instead",
                        "`ARG {name}` 会把密钥记录在镜像历史中；请改用 `RUN --mount=type=secret`",
                    );
                    report(sink, df, &RULE.meta, decl.name.span, message);
                }
            }
            _ => {}
        }
    }
}
