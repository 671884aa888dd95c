//! IMG007: a file in the image that holds a secret: `.env` files, private keys, `.npmrc` with a
//! token, cloud and registry credential files, kubeconfigs, `.git-credentials` …
//!
//! *What it does.* As a cataloger over the squashed image (not over project folders), picks
//! files by name and runs the secret scanner (the SEC rules) over them; each secret found is a
//! finding at its line. A private key (`-----BEGIN … PRIVATE KEY-----`) is reported even where
//! no SEC rule matched it.
//!
//! *Why is this bad?* Every file of every layer ships with the image: whoever can pull it can
//! extract the file with `docker save`, even when a later layer deletes it (deleted files stay in
//! the layer that added them — but then palisade does not see them either, as it reads the
//! squashed view).
//!
//! *Example.* Copy only what the application needs (`.dockerignore` `.env`, `*.pem`, `.npmrc`);
//! pass build credentials with BuildKit secret mounts; mount runtime credentials from a secret
//! store.
//!
//! *Trivy.* Its secret scanner over image layers (no rule id of its own).
//!
//! Files under `/usr/share/`, installed language packages (`node_modules`, `site-packages`,
//! `dist-packages`) and test folders are not read: they hold the sample keys of test suites.

use std::borrow::Cow;
use std::sync::Arc;

use palisade_core::{Finding, Lang, Location, RuleMeta, Severity, Text, tr};
use palisade_secrets::Scanner;

use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(super) static META: RuleMeta = RuleMeta {
    code: "IMG007",
    aliases: &[],
    severity: Severity::High,
    title: Text {
        en: "Secret in a file of the image",
        zh: "镜像文件中含有密钥",
    },
    description: Text {
        en: "A file shipped in the image holds a credential: an `.env` file, a private key, an `.npmrc` \
             or `.pypirc` with a token, cloud or registry credentials, a kubeconfig. Anyone who can pull \
             the image can extract the file, and every copy of the image in every registry and cache \
             keeps it.",
        zh: "镜像中打包了含有凭据的文件：`.env` 文件、私钥、带令牌的 `.npmrc` 或 `.pypirc`、云平台或\
             镜像仓库凭据、kubeconfig 等。任何能拉取镜像的人都能把它取出来，镜像在各个仓库和缓存中的\
             每一份副本也都保留着它。",
    },
    remediation: Text {
        en: "Keep the file out of the build context (`.dockerignore`), pass build credentials with \
             BuildKit secret mounts, mount runtime credentials from a secret store; then rebuild and \
             rotate the credential.",
        zh: "用 `.dockerignore` 把该文件排除在构建上下文之外，构建期凭据改用 BuildKit 密钥挂载，\
             运行期凭据从密钥存储挂载；然后重新构建镜像并轮换凭据。",
    },
    references: &[
        "https://docs.docker.com/build/concepts/context/#dockerignore-files",
        "https://docs.docker.com/build/building/secrets/",
    ],
    concern: None,
};

/// Largest file read: credential files are small; a larger one is reported as not read.
const MAX_BYTES: u64 = 1024 * 1024;

/// The IMG007 cataloger. Built with the scanner the rest of the run uses.
pub struct SecretFiles<'a> {
    scanner: &'a Scanner,
    lang: Lang,
}

impl<'a> SecretFiles<'a> {
    pub fn new(scanner: &'a Scanner, lang: Lang) -> SecretFiles<'a> {
        SecretFiles { scanner, lang }
    }
}

/// File names that are credentials wherever they are.
const NAMES: &[&str] = &[
    ".env",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".npmrc",
    ".yarnrc.yml",
    ".pypirc",
    ".netrc",
    "_netrc",
    ".git-credentials",
    ".pgpass",
    ".s3cfg",
    ".boto",
    ".dockercfg",
    ".htpasswd",
    "kubeconfig",
    "application_default_credentials.json",
    "credentials.json",
];

/// Extensions of key and keystore files.
const EXTENSIONS: &[&str] = &[".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".kubeconfig"];

/// (folder, file) pairs: `~/.aws/credentials`, `~/.docker/config.json`, `~/.kube/config`.
const IN_FOLDER: &[(&str, &str)] = &[
    (".aws", "credentials"),
    (".docker", "config.json"),
    (".kube", "config"),
    (".config/gcloud", "credentials.db"),
];

/// Folders whose files are samples of test suites and documentation.
const SKIP: &[&str] = &[
    "/usr/share/",
    "/node_modules/",
    "/site-packages/",
    "/dist-packages/",
    "/test/",
    "/tests/",
    "/testdata/",
    "/fixtures/",
];

/// Suffixes of `.env` templates, which hold placeholders.
const TEMPLATES: &[&str] = &[".example", ".sample", ".template", ".dist", ".defaults"];

pub(crate) fn wanted(path: &str) -> bool {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    if SKIP.iter().any(|s| path.contains(s)) {
        return false;
    }
    if name.starts_with(".env.") {
        return !TEMPLATES.iter().any(|t| name.ends_with(t));
    }
    NAMES.contains(&name)
        || EXTENSIONS
            .iter()
            .any(|e| name.len() > e.len() && name.ends_with(e))
        || IN_FOLDER
            .iter()
            .any(|(f, n)| name == *n && folder.ends_with(&format!("/{f}")))
}

impl Cataloger for SecretFiles<'_> {
    fn name(&self) -> &'static str {
        "secret-files"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        wanted(path)
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(MAX_BYTES)?;
        let path: Arc<str> = Arc::clone(file.path());
        let layer = file
            .origin()
            .layer
            .as_deref()
            .map(|l| l.split_once(':').map_or(l, |(_, hex)| hex))
            .map(|hex| hex[..hex.len().min(12)].to_owned());
        let place = match &layer {
            Some(layer) => tr!(self.lang, " (layer {layer})", "（层 {layer}）"),
            None => String::new(),
        };
        let secrets = self.scanner.scan(&path, &bytes);
        let found_any = !secrets.is_empty();
        for secret in secrets {
            let what = super::secret_summary(&secret);
            let message = tr!(
                self.lang,
                "`{path}`{place} holds a secret: {what}",
                "镜像文件 `{path}`{place} 含有密钥：{what}",
            );
            out.push(Found::Finding(Finding {
                rule: Cow::Borrowed(META.code),
                severity: secret.severity,
                message,
                location: secret.location,
                concern: Cow::Borrowed(META.code),
            }));
        }
        if !found_any {
            if let Some(line) = private_key_line(&bytes) {
                let message = tr!(
                    self.lang,
                    "`{path}`{place} is a private key; keep keys out of images and mount them at run time",
                    "镜像文件 `{path}`{place} 是私钥；请不要把密钥打进镜像，改为在运行时挂载",
                );
                out.push(Found::Finding(Finding {
                    rule: Cow::Borrowed(META.code),
                    severity: META.severity,
                    message,
                    location: Location {
                        path,
                        line,
                        column: 1,
                        ..Location::default()
                    },
                    concern: Cow::Borrowed(META.code),
                }));
            }
        }
        Ok(())
    }
}

/// The line (from 1) of a PEM or OpenSSH private key's first line, if the file has one.
fn private_key_line(bytes: &[u8]) -> Option<u32> {
    let mut line = 1u32;
    for text in bytes.split(|&b| b == b'\n') {
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.starts_with(b"-----BEGIN ") && text.ends_with(b"PRIVATE KEY-----") {
            return Some(line);
        }
        line = line.saturating_add(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use palisade_core::Origin;

    use super::*;

    fn catalog(path: &str, content: &str) -> Vec<Finding> {
        let scanner = super::super::tests::scanner();
        let cataloger = SecretFiles::new(&scanner, Lang::En);
        assert!(cataloger.wants(path), "{path}");
        let mut reader = Cursor::new(content.as_bytes().to_vec());
        let origin = Origin {
            layer: Some(Arc::from("sha256:0123456789abcdef0123")),
            path: Arc::from(path),
        };
        let mut input = FileInput::new(origin, content.len() as u64, &mut reader);
        let mut out = Vec::new();
        cataloger.catalog(&mut input, &mut out).unwrap();
        out.into_iter()
            .map(|f| match f {
                Found::Finding(f) => f,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn files_are_picked_by_name() {
        for path in [
            "/app/.env",
            "/app/.env.production",
            "/root/.ssh/id_rsa",
            "/home/app/.npmrc",
            "/root/.aws/credentials",
            "/root/.docker/config.json",
            "/root/.kube/config",
            "/root/.git-credentials",
            "/etc/ssl/private/server.key",
            "/app/certs/tls.pem",
            "/app/prod.kubeconfig",
            "/app/keystore.p12",
        ] {
            assert!(wanted(path), "{path}");
        }
        for path in [
            "/app/.env.example",
            "/root/.ssh/id_rsa.pub",
            "/app/config.json",
            "/etc/kube/config",
            "/usr/share/doc/openssl/demo.key",
            "/app/node_modules/x/test/key.pem",
            "/usr/lib/python3/dist-packages/x/.env",
            "/app/.pem",
            "/app/src/main.rs",
        ] {
            assert!(!wanted(path), "{path}");
        }
    }

    #[test]
    fn secrets_in_files_are_findings_at_their_line() {
        let found = catalog(
            "/app/.env",
            "# settings\nLOG_LEVEL=info\nAWS_ACCESS_KEY_ID=AKIABSIN4ZCATC7SM7BJ\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "IMG007");
        assert_eq!(found[0].location.line, 3);
        assert_eq!(&*found[0].location.path, "/app/.env");
        assert!(
            found[0].message.contains("(layer 0123456789ab)"),
            "{}",
            found[0].message
        );
        assert!(!found[0].message.contains("AKIABSIN4ZCATC7SM7BJ"));
        assert!(catalog("/app/.env", "LOG_LEVEL=info\nPORT=8080\n").is_empty());
    }

    #[test]
    fn a_private_key_is_reported_once() {
        // A key body the scanner may or may not recognise: either way one finding.
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDAsw3vS9YmPJcqk1mCuxGmJ9Wm8TMQ8RB3/Uw0jxqqOQAAAJgVfTcvFX03\n-----END OPENSSH PRIVATE KEY-----\n";
        let found = catalog("/root/.ssh/id_ed25519", key);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].location.line, 1);
        // A certificate is not a secret.
        let cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ==\n-----END CERTIFICATE-----\n";
        assert!(catalog("/etc/ssl/certs/ca.pem", cert).is_empty());
        assert_eq!(
            private_key_line(b"x\r\n-----BEGIN RSA PRIVATE KEY-----\r\n"),
            Some(2)
        );
    }

    #[test]
    fn a_large_file_is_not_read() {
        let scanner = super::super::tests::scanner();
        let cataloger = SecretFiles::new(&scanner, Lang::En);
        let mut reader = std::io::repeat(b'a');
        let origin = Origin {
            layer: None,
            path: Arc::from("/app/.env"),
        };
        let mut input = FileInput::new(origin, 10 * MAX_BYTES, &mut reader);
        let mut out = Vec::new();
        assert!(matches!(
            cataloger.catalog(&mut input, &mut out),
            Err(CatalogError::TooLarge { .. })
        ));
    }
}
