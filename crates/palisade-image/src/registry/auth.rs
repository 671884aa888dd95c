//! Registry authentication challenges (`WWW-Authenticate: Bearer realm=…,service=…,scope=…` or
//! `Basic realm=…`) and the answers the token server gives.

use serde::Deserialize;

/// What a registry asked for in its `401` answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Challenge {
    Basic,
    Bearer {
        realm: String,
        service: Option<String>,
        scope: Option<String>,
    },
}

/// Parses a `WWW-Authenticate` header value. Parameters are `key=value` or `key="value"`
/// separated by commas; quoted values may hold commas (`scope="repository:a:pull,push"`).
pub fn parse_challenge(header: &str) -> Option<Challenge> {
    let header = header.trim();
    let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
    if scheme.eq_ignore_ascii_case("basic") {
        return Some(Challenge::Basic);
    }
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let mut realm = None;
    let mut service = None;
    let mut scope = None;
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if key.is_empty() {
            break;
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            value = chars.by_ref().take_while(|c| *c != ',').collect();
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "realm" => realm = Some(value.trim().to_owned()),
            "service" => service = Some(value),
            "scope" => scope = Some(value),
            _ => {}
        }
    }
    Some(Challenge::Bearer {
        realm: realm.filter(|r| !r.is_empty())?,
        service,
        scope,
    })
}

/// A token server's answer: docker's `token`, or OAuth2's `access_token`.
#[derive(Deserialize)]
pub(crate) struct TokenAnswer {
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    access_token: Option<String>,
}

impl TokenAnswer {
    pub(crate) fn into_token(self) -> Option<String> {
        self.token
            .filter(|t| !t.is_empty())
            .or(self.access_token.filter(|t| !t.is_empty()))
            // A token goes into a header: refuse what a header cannot carry.
            .filter(|t| t.bytes().all(|b| b.is_ascii_graphic()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges() {
        assert_eq!(
            parse_challenge(
                r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull,push""#
            ),
            Some(Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
                scope: Some("repository:library/alpine:pull,push".into()),
            })
        );
        assert_eq!(
            parse_challenge("bearer realm=http://127.0.0.1:1/t, service=reg"),
            Some(Challenge::Bearer {
                realm: "http://127.0.0.1:1/t".into(),
                service: Some("reg".into()),
                scope: None,
            })
        );
        assert_eq!(
            parse_challenge(r#"Basic realm="Registry Realm""#),
            Some(Challenge::Basic)
        );
        assert_eq!(parse_challenge("Bearer service=x"), None);
        assert_eq!(parse_challenge("Negotiate"), None);
        assert_eq!(parse_challenge(""), None);
        assert_eq!(
            parse_challenge("Bearer realm=\"unterminated"),
            Some(Challenge::Bearer {
                realm: "unterminated".into(),
                service: None,
                scope: None
            })
        );
    }

    #[test]
    fn token_answers() {
        let t = |s: &str| serde_json::from_str::<TokenAnswer>(s).unwrap().into_token();
        assert_eq!(t(r#"{"token":"abc","expires_in":60}"#), Some("abc".into()));
        assert_eq!(t(r#"{"access_token":"xyz"}"#), Some("xyz".into()));
        assert_eq!(t(r#"{"token":"","access_token":"xyz"}"#), Some("xyz".into()));
        assert_eq!(t(r#"{"token":"a\nb"}"#), None);
        assert_eq!(t("{}"), None);
    }
}
