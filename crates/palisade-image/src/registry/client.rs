//! One registry conversation: the HTTP agent (rustls, the CA palisade is told to trust, plain
//! HTTP only where allowed), the authentication dance, and retries of transient failures.

use std::collections::HashMap;
use std::io::Read;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ureq::http::{Response, StatusCode};
use ureq::tls::{Certificate, RootCerts, TlsConfig};
use ureq::{Agent, Body};

use super::auth::{Challenge, TokenAnswer, parse_challenge};
use super::credentials::Credential;
use super::{RegistryError, RegistryOptions};

/// Attempts per request when the failure is transient (connection, 429, 5xx).
const ATTEMPTS: u32 = 4;
/// Largest token-server answer read.
const MAX_TOKEN_ANSWER: u64 = 1 << 20;
/// How much of an error answer is kept for the message.
const MAX_ERROR_BODY: u64 = 64 << 10;

/// Whether `host` (no port) is this machine.
pub(crate) fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Hosts (`host` or `host:port`) listed in `PALISADE_INSECURE_REGISTRIES`, comma-separated: the
/// only non-loopback registries `insecure` may speak plain HTTP to, like docker's
/// `insecure-registries` daemon setting.
pub(crate) fn insecure_allowed(registry: &str, host: &str, listed: &[String]) -> bool {
    is_loopback(host) || listed.iter().any(|l| l == registry || l == host)
}

/// A conversation with one repository of one registry.
pub(crate) struct Session<'a> {
    agent: Agent,
    base: String,
    pub(crate) scope: String,
    credential: Option<Credential>,
    /// The `Authorization` header the registry last accepted, or the one to try next.
    authorization: Option<String>,
    /// Bearer tokens by realm, service and scope, so one is fetched once per pull.
    tokens: HashMap<String, String>,
    options: &'a RegistryOptions,
    /// The registry host, for messages.
    pub(crate) registry: String,
    /// TLS to a loopback registry: when it fails, say that `--insecure` exists.
    hint_insecure: bool,
}

impl<'a> Session<'a> {
    pub(crate) fn new(
        registry: &str,
        api_host: &str,
        host: &str,
        repository: &str,
        credential: Option<Credential>,
        options: &'a RegistryOptions,
    ) -> Result<Session<'a>, RegistryError> {
        let plain = options.insecure;
        if plain && !insecure_allowed(registry, host, &options.insecure_registries) {
            return Err(RegistryError::InsecureRefused {
                registry: registry.to_owned(),
            });
        }
        let scheme = if plain { "http" } else { "https" };
        Ok(Session {
            agent: agent(options, !plain)?,
            base: format!("{scheme}://{api_host}/v2/{repository}"),
            scope: format!("repository:{repository}:pull"),
            credential,
            authorization: None,
            tokens: HashMap::new(),
            options,
            registry: registry.to_owned(),
            hint_insecure: !plain && is_loopback(host),
        })
    }

    /// `GET <base>/<path>`, authenticated as the registry demands, with retries. Returns a
    /// success answer; other statuses are errors naming `what`.
    pub(crate) fn get(
        &mut self,
        path: &str,
        accept: Option<&str>,
        what: &str,
    ) -> Result<Response<Body>, RegistryError> {
        let url = format!("{}/{path}", self.base);
        let mut authenticated = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut request = self.agent.get(&url);
            if let Some(accept) = accept {
                request = request.header("Accept", accept);
            }
            if let Some(authorization) = &self.authorization {
                request = request.header("Authorization", authorization);
            }
            let response = match request.call() {
                Ok(r) => r,
                Err(e) if attempt < ATTEMPTS && transient(&e) => {
                    backoff(attempt, None);
                    continue;
                }
                Err(e) => {
                    let mut error = transport(&url, &e);
                    if let RegistryError::Transport { problem, .. } = &mut error {
                        if self.hint_insecure && !problem.to_ascii_lowercase().contains("certificate") {
                            problem.push_str(
                                " (a registry on this machine that speaks plain HTTP needs --insecure)",
                            );
                        }
                    }
                    return Err(error);
                }
            };
            let status = response.status();
            if status.is_success() {
                return Ok(response);
            }
            if status == StatusCode::UNAUTHORIZED && !authenticated {
                authenticated = true;
                let challenge = response
                    .headers()
                    .get_all("www-authenticate")
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .find_map(parse_challenge);
                self.authorization = Some(self.answer(challenge, &url)?);
                attempt = 0;
                continue;
            }
            if attempt < ATTEMPTS && (status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()) {
                backoff(attempt, retry_after(&response));
                continue;
            }
            return Err(self.status_error(response, &url, what));
        }
    }

    /// The `Authorization` header that answers `challenge`.
    fn answer(&mut self, challenge: Option<Challenge>, url: &str) -> Result<String, RegistryError> {
        match challenge {
            Some(Challenge::Basic) => {
                match &self.credential {
                    Some(Credential::Basic { username, password }) => Ok(format!(
                        "Basic {}",
                        STANDARD.encode(format!("{username}:{password}"))
                    )),
                    Some(Credential::IdentityToken(_)) => Err(self
                        .unauthorized("it asks for basic auth, and the stored login is an identity token")),
                    None => Err(self.unauthorized("it asks for a login and none is configured")),
                }
            }
            Some(Challenge::Bearer {
                realm,
                service,
                scope,
            }) => {
                let scope = scope.unwrap_or_else(|| self.scope.clone());
                let key = format!("{realm}\n{}\n{scope}", service.as_deref().unwrap_or(""));
                if let Some(token) = self.tokens.get(&key) {
                    // A cached token was refused: fetch a fresh one below.
                    if self.authorization.as_deref() != Some(&format!("Bearer {token}")) {
                        return Ok(format!("Bearer {token}"));
                    }
                }
                let token = self.fetch_token(&realm, service.as_deref(), &scope)?;
                self.tokens.insert(key, token.clone());
                Ok(format!("Bearer {token}"))
            }
            None => Err(RegistryError::Status {
                url: url.to_owned(),
                status: 401,
                detail: "the registry refused the request and named no authentication scheme palisade knows"
                    .into(),
            }),
        }
    }

    /// Asks the token server at `realm` for a token for `scope`, with the configured login if
    /// any (basic credentials on a GET, an identity token as an OAuth2 refresh-token grant).
    fn fetch_token(
        &mut self,
        realm: &str,
        service: Option<&str>,
        scope: &str,
    ) -> Result<String, RegistryError> {
        let realm_url = ureq::http::Uri::try_from(realm)
            .map_err(|_| self.unauthorized(&format!("its token realm `{realm}` is not a URL")))?;
        let secure = realm_url.scheme_str() == Some("https");
        let realm_host = realm_url.host().unwrap_or("");
        let host = realm_host.trim_start_matches('[').trim_end_matches(']');
        let plain_ok = self.options.insecure
            && insecure_allowed(
                realm_url.authority().map_or("", |a| a.as_str()),
                host,
                &self.options.insecure_registries,
            );
        if !(secure || (realm_url.scheme_str() == Some("http") && plain_ok)) {
            return Err(self.unauthorized(&format!(
                "its token realm `{realm}` is not https (plain HTTP is allowed only with --insecure on loopback)"
            )));
        }
        let agent = agent(self.options, secure)?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = match &self.credential {
                Some(Credential::IdentityToken(token)) => {
                    let mut form = vec![
                        ("grant_type", "refresh_token"),
                        ("refresh_token", token.as_str()),
                        ("client_id", "palisade"),
                        ("scope", scope),
                    ];
                    if let Some(service) = service {
                        form.push(("service", service));
                    }
                    agent.post(realm).send_form(form)
                }
                credential => {
                    let mut request = agent.get(realm).query("scope", scope);
                    if let Some(service) = service {
                        request = request.query("service", service);
                    }
                    if let Some(Credential::Basic { username, password }) = credential {
                        request = request.header(
                            "Authorization",
                            format!("Basic {}", STANDARD.encode(format!("{username}:{password}"))),
                        );
                    }
                    request.call()
                }
            };
            let mut response = match result {
                Ok(r) => r,
                Err(e) if attempt < ATTEMPTS && transient(&e) => {
                    backoff(attempt, None);
                    continue;
                }
                Err(e) => return Err(transport(realm, &e)),
            };
            let status = response.status();
            if (status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()) && attempt < ATTEMPTS {
                backoff(attempt, retry_after(&response));
                continue;
            }
            if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
                let why = if self.credential.is_some() {
                    "its token server refused the configured login (wrong user name or password?)"
                } else {
                    "its token server wants a login and none is configured (docker login, or ~/.docker/config.json)"
                };
                return Err(self.unauthorized(why));
            }
            if !status.is_success() {
                return Err(RegistryError::Status {
                    url: realm.to_owned(),
                    status: status.as_u16(),
                    detail: "the token server failed".into(),
                });
            }
            let bytes = response
                .body_mut()
                .with_config()
                .limit(MAX_TOKEN_ANSWER)
                .read_to_vec()
                .map_err(|e| {
                    self.unauthorized(&format!("cannot read its token server's answer ({})", short(&e)))
                })?;
            let answer: TokenAnswer = serde_json::from_slice(&bytes)
                .map_err(|_| self.unauthorized("its token server answered no JSON"))?;
            return answer
                .into_token()
                .ok_or_else(|| self.unauthorized("its token server answered without a token"));
        }
    }

    fn unauthorized(&self, detail: &str) -> RegistryError {
        RegistryError::Unauthorized {
            registry: self.registry.clone(),
            detail: detail.to_owned(),
        }
    }

    fn status_error(&self, mut response: Response<Body>, url: &str, what: &str) -> RegistryError {
        let status = response.status();
        let mut body = Vec::new();
        let _ = response
            .body_mut()
            .as_reader()
            .take(MAX_ERROR_BODY)
            .read_to_end(&mut body);
        let detail = registry_error_text(&body);
        match status {
            StatusCode::UNAUTHORIZED => self.unauthorized(&match &self.credential {
                Some(_) => format!("it refused the configured login (wrong user name or password?){detail}"),
                None => format!("it wants a login and none is configured{detail}"),
            }),
            StatusCode::FORBIDDEN => {
                self.unauthorized(&format!("the login may not pull this repository{detail}"))
            }
            StatusCode::NOT_FOUND => RegistryError::NotFound {
                what: what.to_owned(),
                detail,
            },
            _ => RegistryError::Status {
                url: url.to_owned(),
                status: status.as_u16(),
                detail: format!("{what}{detail}"),
            },
        }
    }
}

/// The HTTP agent: rustls with Mozilla's roots, or only the certificates of `options.ca_file`
/// (as OpenSSL treats `SSL_CERT_FILE`); redirects followed (registries send blobs from object
/// storage), the `Authorization` header kept only for the same host.
fn agent(options: &RegistryOptions, https_only: bool) -> Result<Agent, RegistryError> {
    let mut tls = TlsConfig::builder();
    if let Some(ca) = &options.ca_file {
        let problem = |problem: String| RegistryError::CaFile {
            path: ca.clone(),
            problem,
        };
        let pem = std::fs::read(ca).map_err(|e| problem(e.to_string()))?;
        let certs: Vec<Certificate<'static>> = ureq::tls::parse_pem(&pem)
            .filter_map(|item| match item {
                Ok(ureq::tls::PemItem::Certificate(c)) => Some(Ok(c)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()
            .map_err(|e| problem(e.to_string()))?;
        if certs.is_empty() {
            return Err(problem("it holds no PEM certificate".into()));
        }
        tls = tls.root_certs(RootCerts::new_with_certs(&certs));
    }
    Ok(Agent::config_builder()
        .http_status_as_error(false)
        .https_only(https_only)
        .tls_config(tls.build())
        .max_redirects(10)
        .redirect_auth_headers(ureq::config::RedirectAuthHeaders::SameHost)
        .user_agent(concat!("palisade/", env!("CARGO_PKG_VERSION")))
        .timeout_connect(Some(Duration::from_secs(30)))
        .timeout_recv_response(Some(Duration::from_secs(60)))
        .timeout_per_read(Some(Duration::from_secs(60)))
        .build()
        .new_agent())
}

/// Failures worth another attempt: the network, not the request.
pub(crate) fn transient(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::Protocol(_)
    )
}

pub(crate) fn transport(url: &str, e: &ureq::Error) -> RegistryError {
    RegistryError::Transport {
        url: url.to_owned(),
        problem: short(e),
    }
}

fn short(e: &ureq::Error) -> String {
    let mut s = e.to_string();
    s.truncate(300);
    s
}

/// Sleeps before attempt `attempt + 1`: 0.5 s, 1 s, 2 s …, or what `Retry-After` asks (at most
/// 30 s).
pub(crate) fn backoff(attempt: u32, retry_after: Option<u64>) {
    let wait = retry_after.map_or_else(
        || Duration::from_millis(500 << attempt.saturating_sub(1).min(6)),
        |s| Duration::from_secs(s.min(30)),
    );
    std::thread::sleep(wait);
}

fn retry_after(response: &Response<Body>) -> Option<u64> {
    response
        .headers()
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The first message of a registry's JSON error answer (`{"errors":[{"code","message"}]}`),
/// as `: CODE message`, or nothing.
fn registry_error_text(body: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Errors {
        errors: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        #[serde(default)]
        code: String,
        #[serde(default)]
        message: String,
    }
    let Ok(Errors { errors }) = serde_json::from_slice::<Errors>(body) else {
        return String::new();
    };
    errors.first().map_or_else(String::new, |e| {
        let mut text = format!(" ({} {})", e.code, e.message);
        text.truncate(300);
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_insecure_hosts() {
        for host in ["localhost", "127.0.0.1", "127.3.2.1", "::1"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["example.com", "10.0.0.1", "localhost.example.com", "::2"] {
            assert!(!is_loopback(host), "{host}");
        }
        let listed = vec!["registry.lan:5000".to_owned()];
        assert!(insecure_allowed("registry.lan:5000", "registry.lan", &listed));
        assert!(!insecure_allowed("registry.lan:6000", "registry.lan", &listed));
        assert!(insecure_allowed("127.0.0.1:6000", "127.0.0.1", &[]));
    }

    #[test]
    fn error_text() {
        assert_eq!(
            registry_error_text(br#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#),
            " (MANIFEST_UNKNOWN manifest unknown)"
        );
        assert_eq!(registry_error_text(b"<html>"), "");
    }
}
