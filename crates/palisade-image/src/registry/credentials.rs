//! Registry credentials: where docker keeps them (`~/.docker/config.json`: `auths`, `credHelpers`,
//! `credsStore`, run through `docker-credential-<name> get`), so a user logged in with `docker
//! login` is logged in for palisade too. Secrets never reach a message or a `Debug` string.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;

use super::reference::DOCKER_HUB;

/// Largest config file or helper answer read.
const MAX_CONFIG: u64 = 4 << 20;
/// How long a credential helper may take before palisade gives up on it.
const HELPER_TIMEOUT: Duration = Duration::from_secs(30);
/// The server address docker logs in to for Docker Hub.
const DOCKER_HUB_SERVER: &str = "https://index.docker.io/v1/";

/// A login for one registry.
#[derive(Clone, PartialEq, Eq)]
pub enum Credential {
    /// User name and password (or personal access token), sent as HTTP basic auth.
    Basic { username: String, password: String },
    /// An OAuth2 refresh token (`identitytoken`), exchanged at the token realm.
    IdentityToken(String),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Basic { username, .. } => write!(f, "Basic({username}, <redacted>)"),
            Credential::IdentityToken(_) => f.write_str("IdentityToken(<redacted>)"),
        }
    }
}

/// Why credentials could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error("cannot read docker config {path}: {problem}")]
    Config { path: PathBuf, problem: String },
    #[error("credential helper docker-credential-{helper} failed for {registry}: {problem}")]
    Helper {
        helper: String,
        registry: String,
        problem: String,
    },
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct DockerConfig {
    #[serde(default)]
    auths: BTreeMap<String, AuthEntry>,
    #[serde(default)]
    cred_helpers: BTreeMap<String, String>,
    #[serde(default)]
    creds_store: Option<String>,
}

#[derive(Deserialize, Default)]
struct AuthEntry {
    #[serde(default)]
    auth: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    identitytoken: Option<String>,
}

/// The docker config file palisade reads: `$DOCKER_CONFIG/config.json`, else
/// `~/.docker/config.json`.
pub fn default_docker_config() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOCKER_CONFIG").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("config.json"));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".docker").join("config.json"))
}

/// The credential docker would use for `registry` (a host as in the reference: `docker.io`,
/// `localhost:5000`). `search_path` replaces `PATH` when looking for credential helpers. A
/// missing config file means no credential.
pub(crate) fn lookup(
    config: &Path,
    registry: &str,
    search_path: Option<&OsString>,
) -> Result<Option<Credential>, CredentialError> {
    let fail = |problem: String| CredentialError::Config {
        path: config.to_owned(),
        problem,
    };
    let file = match std::fs::File::open(config) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(fail(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_CONFIG {
        return Err(fail(format!("it is larger than {} MiB", MAX_CONFIG >> 20)));
    }
    let config: DockerConfig =
        serde_json::from_slice(&bytes).map_err(|e| fail(format!("it is not valid JSON: {e}")))?;
    let helper = config
        .cred_helpers
        .iter()
        .find(|(key, _)| same_registry(key, registry))
        .map(|(_, helper)| helper.clone())
        .or_else(|| config.creds_store.clone().filter(|s| !s.is_empty()));
    if let Some(helper) = helper {
        if let Some(found) = run_helper(&helper, registry, search_path)? {
            return Ok(Some(found));
        }
    }
    let Some(entry) = config
        .auths
        .iter()
        .find(|(key, _)| same_registry(key, registry))
        .map(|(_, e)| e)
    else {
        return Ok(None);
    };
    if let Some(token) = entry.identitytoken.as_ref().filter(|t| !t.is_empty()) {
        return Ok(Some(Credential::IdentityToken(token.clone())));
    }
    if let Some(auth) = entry.auth.as_ref().filter(|a| !a.is_empty()) {
        let decoded = STANDARD
            .decode(auth.trim())
            .map_err(|_| fail(format!("the `auth` of {registry} is not base64")))?;
        let decoded =
            String::from_utf8(decoded).map_err(|_| fail(format!("the `auth` of {registry} is not UTF-8")))?;
        let (username, password) = decoded
            .split_once(':')
            .ok_or_else(|| fail(format!("the `auth` of {registry} is not user:password")))?;
        return Ok(Some(Credential::Basic {
            username: username.to_owned(),
            password: password.to_owned(),
        }));
    }
    match (&entry.username, &entry.password) {
        (Some(username), Some(password)) => Ok(Some(Credential::Basic {
            username: username.clone(),
            password: password.clone(),
        })),
        _ => Ok(None),
    }
}

/// Whether a config key (`https://index.docker.io/v1/`, `ghcr.io`, `http://localhost:5000`)
/// names `registry`.
fn same_registry(key: &str, registry: &str) -> bool {
    let host = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    let host = host.split('/').next().unwrap_or(host);
    let hub = |h: &str| matches!(h, "docker.io" | "index.docker.io" | "registry-1.docker.io");
    host == registry || (hub(host) && hub(registry))
}

#[derive(Deserialize)]
struct HelperAnswer {
    #[serde(rename = "Username", default)]
    username: String,
    #[serde(rename = "Secret", default)]
    secret: String,
}

/// `docker-credential-<helper> get` with the server address on stdin, as docker runs it.
fn run_helper(
    helper: &str,
    registry: &str,
    search_path: Option<&OsString>,
) -> Result<Option<Credential>, CredentialError> {
    let fail = |problem: String| CredentialError::Helper {
        helper: helper.to_owned(),
        registry: registry.to_owned(),
        problem,
    };
    if helper.is_empty()
        || !helper
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
    {
        return Err(fail(
            "the helper name may hold only letters, digits, `-`, `_` and `.`".into(),
        ));
    }
    let program = format!("docker-credential-{helper}");
    let program = match search_path {
        Some(dirs) => std::env::split_paths(dirs)
            .map(|d| d.join(&program))
            .find(|p| p.is_file())
            .ok_or_else(|| fail("it is not on the search path".into()))?,
        None => PathBuf::from(program),
    };
    let server = if registry == DOCKER_HUB {
        DOCKER_HUB_SERVER
    } else {
        registry
    };
    let mut child = Command::new(&program)
        .arg("get")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| fail(format!("cannot run it: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A helper that exits without reading its input is answered by its exit status below.
        let _ = stdin.write_all(server.as_bytes());
    }
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stdout).take(MAX_CONFIG).read_to_end(&mut out);
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > HELPER_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!(
                    "it did not answer within {} s",
                    HELPER_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(fail(e.to_string())),
        }
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        // docker's helpers say "credentials not found" on stdout when there is no login.
        if String::from_utf8_lossy(&out).contains("credentials not found") {
            return Ok(None);
        }
        return Err(fail(format!("it exited with {status}")));
    }
    let answer: HelperAnswer = serde_json::from_slice(&out)
        .map_err(|_| fail("its answer is not the JSON docker helpers print".into()))?;
    if answer.secret.is_empty() {
        return Ok(None);
    }
    Ok(Some(if answer.username == "<token>" {
        Credential::IdentityToken(answer.secret)
    } else {
        Credential::Basic {
            username: answer.username,
            password: answer.secret,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn auths_entries() {
        let dir = tempfile::tempdir().unwrap();
        let auth = STANDARD.encode("alice:s3cr:et");
        let config = write(
            dir.path(),
            "config.json",
            &format!(
                r#"{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{auth}"}},
                "localhost:5000":{{"username":"bob","password":"pw"}},
                "ghcr.io":{{"identitytoken":"refresh"}},
                "bad.example":{{"auth":"!!"}}}}}}"#
            ),
        );
        let basic = |u: &str, p: &str| {
            Some(Credential::Basic {
                username: u.into(),
                password: p.into(),
            })
        };
        assert_eq!(
            lookup(&config, "docker.io", None).unwrap(),
            basic("alice", "s3cr:et")
        );
        assert_eq!(
            lookup(&config, "localhost:5000", None).unwrap(),
            basic("bob", "pw")
        );
        assert_eq!(
            lookup(&config, "ghcr.io", None).unwrap(),
            Some(Credential::IdentityToken("refresh".into()))
        );
        assert_eq!(lookup(&config, "quay.io", None).unwrap(), None);
        let err = lookup(&config, "bad.example", None).unwrap_err().to_string();
        assert!(err.contains("not base64") && !err.contains("!!"), "{err}");
        assert_eq!(
            lookup(&dir.path().join("none.json"), "docker.io", None).unwrap(),
            None
        );
        let garbage = write(dir.path(), "garbage.json", "{\"auths\": 5");
        assert!(
            lookup(&garbage, "docker.io", None)
                .unwrap_err()
                .to_string()
                .contains("not valid JSON")
        );
        let shown = format!("{:?}", basic("alice", "s3cr:et").unwrap());
        assert!(!shown.contains("s3cr"), "{shown}");
    }

    #[test]
    fn credential_helpers() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        // A helper as docker-credential-pass and friends behave: the server on stdin, JSON out.
        let helper = write(
            dir.path(),
            "docker-credential-palisadetest",
            "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread server\ncase \"$server\" in\n  \
             localhost:5000) echo '{\"ServerURL\":\"localhost:5000\",\"Username\":\"carol\",\"Secret\":\"hunter2\"}';;\n  \
             https://index.docker.io/v1/) echo '{\"Username\":\"<token>\",\"Secret\":\"idtok\"}';;\n  \
             *) echo 'credentials not found in native keychain'; exit 1;;\nesac\n",
        );
        std::fs::set_permissions(&helper, std::fs::Permissions::from_mode(0o755)).unwrap();
        let config = write(
            dir.path(),
            "config.json",
            r#"{"credsStore":"palisadetest","credHelpers":{"broken.example":"missing"},
                "auths":{"quay.io":{"username":"dave","password":"pw"}}}"#,
        );
        let path = Some(dir.path().as_os_str().to_owned());
        assert_eq!(
            lookup(&config, "localhost:5000", path.as_ref()).unwrap(),
            Some(Credential::Basic {
                username: "carol".into(),
                password: "hunter2".into()
            })
        );
        assert_eq!(
            lookup(&config, "docker.io", path.as_ref()).unwrap(),
            Some(Credential::IdentityToken("idtok".into()))
        );
        // Not in the store: the plain `auths` entry still counts.
        assert!(matches!(
            lookup(&config, "quay.io", path.as_ref()).unwrap(),
            Some(Credential::Basic { .. })
        ));
        let err = lookup(&config, "broken.example", path.as_ref())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("docker-credential-missing") && err.contains("not on the search path"),
            "{err}"
        );
    }
}
