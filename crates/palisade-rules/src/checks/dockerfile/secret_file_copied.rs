//! DF010: a secret file is copied into the image.
//!
//! *What it does.* Finds `COPY` and `ADD` sources that name files which hold credentials: SSH
//! private keys (`id_rsa`, `id_ed25519` …), `.env` files (not `.env.example`), PEM files other
//! than certificates, key and keystore files (`*.key`, `*.p12`, `*.pfx`, `*.jks`), package-manager and git
//! credentials (`.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`), cloud and cluster
//! credentials (`.aws/credentials`, `credentials.json`, `kubeconfig`, `.kube/config`, `.docker/
//! config.json`), and `.htpasswd`.
//!
//! *Why is this bad?* Every file of every layer ships with the image; deleting it in a later step
//! does not remove it from the earlier layer. Anyone who can pull the image can extract it.
//!
//! *Example.* `COPY .npmrc /root/.npmrc` + `RUN npm ci` →
//! `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`; add the files to
//! `.dockerignore` so `COPY .` cannot pick them up.
//!
//! *Trivy.* Part of DS031 (its alias is on DF009, the `ENV`/`ARG` half).

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF010",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Secret file copied into the image",
            zh: "密钥文件被复制进镜像",
        },
        description: Text {
            en: "Private keys, `.env` files, registry and cloud credentials copied into a layer ship with the image: \
                 deleting them later does not remove them from that layer, and anyone who can pull the image can \
                 extract them.",
            zh: "复制进镜像层的私钥、`.env` 文件、镜像仓库和云平台凭据会随镜像一起分发：之后删除也无法把它们从那一层中去掉，\
                 任何能拉取镜像的人都能把它们提取出来。",
        },
        remediation: Text {
            en: "Mount the file only for the step that needs it: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
                 npm ci`, and list secret files in `.dockerignore`.",
            zh: "只在需要的步骤中挂载该文件：`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`，\
                 并把密钥文件写进 `.dockerignore`。",
        },
        references: &[
            "https://docs.docker.com/build/building/secrets/",
            "https://docs.docker.com/build/concepts/context/#dockerignore-files",
        ],
        concern: None,
    },
    check,
};

/// Whether a source path names a file that holds credentials.
// `name` is already in lower case.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub(super) fn secret_file(path: &str) -> bool {
    const NAMES: [&str; 14] = [
        "id_rsa",
        "id_dsa",
        "id_ecdsa",
        "id_ed25519",
        ".env",
        ".npmrc",
        ".pypirc",
        ".netrc",
        ".git-credentials",
        "credentials",
        "credentials.json",
        "kubeconfig",
        ".htpasswd",
        ".dockercfg",
    ];
    const EXTENSIONS: [&str; 7] = [".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk"];
    const HARMLESS: [&str; 4] = ["example", "sample", "template", "dist"];
    // A `.pem` is as often a public certificate as a key.
    const PUBLIC: [&str; 6] = ["cert", "ca.", "ca-", "chain", "bundle", "pub"];
    let path = path.trim_end_matches('/');
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    if name.starts_with(".env.") {
        return !HARMLESS.iter().any(|h| name.ends_with(h));
    }
    if name.ends_with(".pem") {
        return !PUBLIC.iter().any(|p| name.contains(p));
    }
    NAMES.contains(&name.as_str())
        || EXTENSIONS.iter().any(|e| name.ends_with(e))
        || path.ends_with(".kube/config")
        || path.ends_with(".docker/config.json")
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in &df.instructions {
        let (Args::Copy(copy) | Args::Add(copy)) = &instruction.args else {
            continue;
        };
        for source in copy.sources.iter().filter(|s| secret_file(&s.value)) {
            let name = &source.value;
            let message = tr!(
                sink.lang(),
                "`{name}` holds credentials and ships with the image; mount it with `RUN --mount=type=secret` instead",
                "`{name}` 含有凭据，会随镜像一起分发；请改用 `RUN --mount=type=secret` 挂载",
            );
            report(sink, df, &RULE.meta, source.span, message);
        }
    }
}
