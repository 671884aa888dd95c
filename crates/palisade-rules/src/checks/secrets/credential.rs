//! What a credential looks like in a manifest: names that say "this is a password" and values that
//! are one whatever their name (AWS access keys, private keys, URLs and connection strings with a
//! password, well-known token formats), told apart from references and placeholders. Values are
//! only ever shown masked.
//!
//! This is a small, dependency-free matcher for the few shapes a Kubernetes manifest carries; the
//! full secret scanner (many formats, entropy) belongs to `palisade-secrets`.

/// A value that is, or looks like, a credential.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::checks) struct Credential {
    pub(in crate::checks) kind: Kind,
    /// The value with the secret part hidden, safe to print.
    pub(in crate::checks) masked: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::checks) enum Kind {
    /// A literal value under a name that says it is a credential (`DB_PASSWORD`).
    Named,
    AwsAccessKey,
    PrivateKey,
    /// `scheme://user:password@host`.
    UrlPassword,
    /// `Server=…;Password=…` or `…?user=…&password=…`.
    ConnectionString,
    /// A token in a vendor's recognisable format (GitHub, GitLab, Slack, Google, Stripe), with
    /// its description in English and Chinese.
    Token(&'static str, &'static str),
}

impl Kind {
    /// What the value is, for messages: `(english, chinese)`. The Chinese text follows a Chinese
    /// word in the messages, so one that starts with a Latin word opens with a space.
    pub(in crate::checks) fn describe(self) -> (&'static str, &'static str) {
        match self {
            Kind::Named => ("a literal credential", "明文凭据"),
            Kind::AwsAccessKey => ("an AWS access key ID", " AWS 访问密钥 ID"),
            Kind::PrivateKey => ("a private key", "私钥"),
            Kind::UrlPassword => ("a URL with an embedded password", "内嵌密码的 URL"),
            Kind::ConnectionString => ("a connection string with a password", "带密码的连接字符串"),
            Kind::Token(en, zh) => (en, zh),
        }
    }
}

/// The credential in `value` under the name `name`, if there is one: first a value that is a
/// credential whatever its name, then a literal value under a credential-like name.
pub(in crate::checks) fn find(name: &str, value: &str) -> Option<Credential> {
    if let Some(found) = recognise(value) {
        return Some(found);
    }
    (is_credential_name(name) && is_literal(value)).then(|| Credential {
        kind: Kind::Named,
        masked: mask(value),
    })
}

/// A value that is a credential whatever it is called.
pub(super) fn recognise(value: &str) -> Option<Credential> {
    private_key(value)
        .or_else(|| aws_access_key(value))
        .or_else(|| url_password(value))
        .or_else(|| connection_string(value))
        .or_else(|| vendor_token(value))
}

/// Whether a variable or key name says its value is a credential: `DB_PASSWORD`, `apiKey`,
/// `spring.datasource.password`, `GITHUB_TOKEN`; not `PASSWORD_FILE`, `TOKEN_TTL`, `SECRET_NAME`
/// or `ALLOW_EMPTY_PASSWORD`, whose values are paths, settings or flags.
pub(super) fn is_credential_name(name: &str) -> bool {
    if matches!(name, "PWD" | "OLDPWD") {
        return false; // the shell's working directory
    }
    let words = words(name);
    let Some(last) = words.last() else {
        return false;
    };
    let flag_or_reference = words.iter().any(|w| NOT_A_VALUE.contains(&w.as_str()));
    if flag_or_reference || NOT_A_VALUE_LAST.contains(&last.as_str()) {
        return false;
    }
    // `ACCESS_KEY_ID`, `ENCRYPTION_KEY_ID`: the name of a key, not the key.
    if last == "id" && words.len() >= 2 && words[words.len() - 2] == "key" {
        return false;
    }
    words.iter().any(|w| CREDENTIAL_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|pair| pair[1] == "key" && KEY_QUALIFIERS.contains(&pair[0].as_str()))
}

/// Words that make a name a credential's name.
const CREDENTIAL_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "pass",
    "pwd",
    "pswd",
    "pw",
    "secret",
    "secrets",
    "token",
    "credential",
    "credentials",
    "creds",
    "apikey",
    "privatekey",
    "accesskey",
    "secretkey",
    "clientsecret",
    "authtoken",
];

/// `<qualifier>_KEY` names a credential (`API_KEY`, `PRIVATE_KEY`); a bare `KEY` does not
/// (`CACHE_KEY`, `PARTITION_KEY`).
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "access",
    "private",
    "secret",
    "encryption",
    "signing",
    "master",
    "hmac",
    "auth",
    "client",
    "license",
];

/// A last word that makes the value something other than the credential: where it is, what it is
/// called, how long it lives, how it is checked.
const NOT_A_VALUE_LAST: &[&str] = &[
    "file",
    "files",
    "path",
    "dir",
    "directory",
    "location",
    "name",
    "names",
    "ref",
    "url",
    "uri",
    "endpoint",
    "host",
    "hostname",
    "port",
    "header",
    "type",
    "kind",
    "mode",
    "ttl",
    "timeout",
    "expiry",
    "expiration",
    "expires",
    "lifetime",
    "age",
    "length",
    "len",
    "size",
    "min",
    "max",
    "policy",
    "days",
    "hours",
    "minutes",
    "seconds",
    "interval",
    "enabled",
    "required",
    "format",
    "algorithm",
    "alg",
    "prefix",
    "audience",
    "issuer",
    "scope",
    "scopes",
    "store",
    "backend",
    "provider",
    "arn",
    "version",
    "namespace",
    "field",
    "source",
    "count",
    "limit",
    "retries",
    "pattern",
    "regex",
];

/// A word anywhere that makes the value a switch (`MYSQL_ALLOW_EMPTY_PASSWORD`, `USE_TOKEN_AUTH`)
/// or the name of a Secret kept elsewhere (Helm's `existingSecret`).
const NOT_A_VALUE: &[&str] = &[
    "allow", "enable", "disable", "require", "use", "skip", "is", "has", "no", "without", "existing",
];

/// The lower-case words of a name: split at every non-alphanumeric character and at camel-case
/// boundaries (`dbPassword` → `db password`, `APIKey` → `api key`).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = part.chars().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let lower_to_upper = chars[i - 1].is_ascii_lowercase() && chars[i].is_ascii_uppercase();
            let acronym_end = chars[i - 1].is_ascii_uppercase()
                && chars[i].is_ascii_uppercase()
                && chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if lower_to_upper || acronym_end {
                words.push(chars[start..i].iter().collect::<String>().to_ascii_lowercase());
                start = i;
            }
        }
        if start < chars.len() {
            words.push(chars[start..].iter().collect::<String>().to_ascii_lowercase());
        }
    }
    words
}

/// Whether a value under a credential's name is the credential itself, not a reference to one
/// (`$(DB_PASSWORD)`, `${DB_PASSWORD}`, `{{ .password }}`, a SOPS `ENC[…]`), a placeholder
/// (`changeme`, `<password>`, `xxxx`), a flag, a path or a plain URL.
pub(super) fn is_literal(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || is_placeholder(v) {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if matches!(lower.as_str(), "true" | "false" | "yes" | "no" | "on" | "off") {
        return false;
    }
    // A file path, a URL without a password (caught by `url_password` when it has one) or a
    // cloud secret manager's reference.
    !(v.starts_with('/')
        || v.starts_with("./")
        || v.contains("://")
        || lower.starts_with("arn:")
        || lower.starts_with("ref+"))
}

/// References, templates, encrypted values and placeholders that stand for a credential kept
/// elsewhere.
pub(super) fn is_placeholder(value: &str) -> bool {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    if v.is_empty() {
        return true;
    }
    // Kubernetes expands `$(VAR)` in env values; `${VAR}` and `{{ }}` are filled in by envsubst,
    // Flux, Helm, Spring or Ansible before the value is used.
    if v.contains("$(") || v.contains("${") || v.contains("{{") || v.contains("#{") {
        return true;
    }
    if (v.starts_with("ENC[") && v.ends_with(']')) || (v.starts_with('<') && v.ends_with('>')) {
        return true;
    }
    if v.chars()
        .all(|c| matches!(c, 'x' | 'X' | '*' | '.' | '-' | '_' | '#'))
    {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "changeme"
            | "change-me"
            | "change_me"
            | "replaceme"
            | "replace-me"
            | "replace_me"
            | "placeholder"
            | "todo"
            | "tbd"
            | "fixme"
            | "redacted"
            | "none"
            | "null"
            | "nil"
            | "undefined"
    )
}

/// A value with its secret hidden: the first and last four characters of a value of 20 or more
/// (a key or token, whose first characters are usually its public format prefix), the first two of
/// one of 12 to 19, nothing of a shorter one (a password, where every character counts).
pub(super) fn mask(value: &str) -> String {
    let chars: Vec<char> = value.trim().chars().collect();
    let n = chars.len();
    let (head, tail) = match n {
        0..12 => (0, 0),
        12..20 => (2, 0),
        _ => (4, 4),
    };
    let stars = "*".repeat((n - head - tail).min(16));
    let head: String = chars[..head].iter().collect();
    let tail: String = chars[n - tail..].iter().collect();
    format!("{head}{stars}{tail}")
}

/// `-----BEGIN … PRIVATE KEY-----` (PKCS#1, PKCS#8, EC, DSA, OpenSSH, encrypted, PGP).
fn private_key(value: &str) -> Option<Credential> {
    let mut rest = value;
    while let Some(at) = rest.find("-----BEGIN ") {
        let after = &rest[at + "-----BEGIN ".len()..];
        let label = after.split("-----").next().unwrap_or_default();
        if !label.contains('\n') && (label.ends_with("PRIVATE KEY") || label.ends_with("PRIVATE KEY BLOCK")) {
            return Some(Credential {
                kind: Kind::PrivateKey,
                masked: format!("-----BEGIN {label}-----…"),
            });
        }
        rest = after;
    }
    None
}

/// `AKIA…` (long-term) and `ASIA…` (temporary) access key IDs: 20 characters, base32.
fn aws_access_key(value: &str) -> Option<Credential> {
    ["AKIA", "ASIA"].iter().find_map(|prefix| {
        token_at(value, prefix, 16, 16, |c| {
            c.is_ascii_uppercase() || ('2'..='7').contains(&c)
        })
        .map(|token| Credential {
            kind: Kind::AwsAccessKey,
            masked: mask(token),
        })
    })
}

/// Well-known token formats, by their fixed prefixes.
fn vendor_token(value: &str) -> Option<Credential> {
    type Format = (
        &'static str,
        usize,
        usize,
        fn(char) -> bool,
        &'static str,
        &'static str,
    );
    let alnum = |c: char| c.is_ascii_alphanumeric();
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let formats: [Format; 10] = [
        ("ghp_", 36, 36, alnum, "a GitHub token", " GitHub 令牌"),
        ("gho_", 36, 36, alnum, "a GitHub token", " GitHub 令牌"),
        ("ghu_", 36, 36, alnum, "a GitHub token", " GitHub 令牌"),
        ("ghs_", 36, 36, alnum, "a GitHub token", " GitHub 令牌"),
        ("github_pat_", 82, 82, word, "a GitHub token", " GitHub 令牌"),
        ("glpat-", 20, 64, word, "a GitLab token", " GitLab 令牌"),
        ("xoxb-", 10, 255, word, "a Slack token", " Slack 令牌"),
        ("xoxp-", 10, 255, word, "a Slack token", " Slack 令牌"),
        ("AIza", 35, 35, word, "a Google API key", " Google API 密钥"),
        (
            "sk_live_",
            24,
            255,
            alnum,
            "a Stripe secret key",
            " Stripe 私密密钥",
        ),
    ];
    formats.iter().find_map(|&(prefix, min, max, charset, en, zh)| {
        token_at(value, prefix, min, max, charset).map(|token| Credential {
            kind: Kind::Token(en, zh),
            masked: mask(token),
        })
    })
}

/// The first token in `value` that starts with `prefix` at a word boundary and continues with
/// `min..=max` characters of `charset` (and no more).
fn token_at<'v>(
    value: &'v str,
    prefix: &str,
    min: usize,
    max: usize,
    charset: fn(char) -> bool,
) -> Option<&'v str> {
    let mut from = 0;
    while let Some(found) = value[from..].find(prefix) {
        let start = from + found;
        let boundary = value[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_');
        let body = &value[start + prefix.len()..];
        let len = body.chars().take_while(|&c| charset(c)).count();
        if boundary && (min..=max).contains(&len) {
            return Some(&value[start..start + prefix.len() + len]);
        }
        from = start + prefix.len();
    }
    None
}

/// `scheme://user:password@host…` with a literal password; masked as `scheme://user:****@host…`.
fn url_password(value: &str) -> Option<Credential> {
    let mut from = 0;
    while let Some(found) = value[from..].find("://") {
        let at = from + found;
        from = at + 3;
        let scheme_ok = value[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let rest = &value[at + 3..];
        let authority_end = rest
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
            .unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        let Some(userinfo_end) = authority.rfind('@') else {
            continue;
        };
        let userinfo = &authority[..userinfo_end];
        let Some((user, password)) = userinfo.split_once(':') else {
            continue;
        };
        if !scheme_ok || password.is_empty() || is_placeholder(password) {
            continue;
        }
        // Only the scheme, the user and the host are shown: text around the URL, its path and
        // its query may hold other secrets.
        let scheme_start = value[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-' | ':')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let host = &authority[userinfo_end + 1..];
        let more = if authority_end < rest.len() && !rest[authority_end..].starts_with(char::is_whitespace) {
            "…"
        } else {
            ""
        };
        let masked = format!("{}://{user}:****@{host}{more}", &value[scheme_start..at]);
        return Some(Credential {
            kind: Kind::UrlPassword,
            masked,
        });
    }
    None
}

/// `password=`/`pwd=` as one field of a connection string (`Server=db;User Id=sa;Password=…;`)
/// or a URL query (`?user=app&password=…`), and the keys of Azure connection strings
/// (`AccountKey=…`, `SharedAccessKey=…`).
fn connection_string(value: &str) -> Option<Credential> {
    let lower = value.to_ascii_lowercase();
    for key in ["password=", "pwd=", "accountkey=", "sharedaccesskey="] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(key) {
            let at = from + found;
            from = at + key.len();
            let before = lower[..at].trim_end_matches(' ');
            let separated = before.ends_with([';', '&', '?']) || (before.is_empty() && lower.contains(';'));
            if !separated {
                continue;
            }
            let rest = &value[at + key.len()..];
            let end = rest
                .find(|c: char| matches!(c, ';' | '&') || c.is_whitespace())
                .unwrap_or(rest.len());
            let secret = &rest[..end];
            if secret.is_empty() || is_placeholder(secret) {
                continue;
            }
            let masked = format!(
                "{}****{}",
                &value[..at + key.len()],
                &value[at + key.len() + end..]
            );
            return Some(Credential {
                kind: Kind::ConnectionString,
                masked,
            });
        }
    }
    None
}

/// One `name = value` assignment in a line of a configuration file: `KEY=value`, `key: value`,
/// `key = "value"`, `export KEY=value`, `"key": "value",`. Comment lines have none.
pub(super) fn assignment(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if line.starts_with(['#', ';']) || line.starts_with("//") {
        return None;
    }
    let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
    let split = line.find([':', '='])?;
    let name = line[..split].trim().trim_matches(|c| c == '"' || c == '\'');
    let value = line[split + 1..]
        .trim()
        .trim_end_matches(',')
        .trim()
        .trim_matches(|c| c == '"' || c == '\'');
    let identifier = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    identifier.then_some((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_names() {
        for name in [
            "DB_PASSWORD",
            "POSTGRES_PASSWORD",
            "SMTP_PASS",
            "dbPassword",
            "spring.datasource.password",
            "JWT_SECRET",
            "SECRET_KEY_BASE",
            "GITHUB_TOKEN",
            "API_KEY",
            "apiKey",
            "APIKey",
            "AWS_SECRET_ACCESS_KEY",
            "STRIPE_PRIVATE_KEY",
            "GOOGLE_APPLICATION_CREDENTIALS_JSON",
            "VAULT_SECRET_ID",
            "secretkey",
            "password",
            "admin_password",
        ] {
            assert!(is_credential_name(name), "{name}");
        }
        for name in [
            "PWD",
            "DB_PASSWORD_FILE",
            "TOKEN_TTL",
            "SECRET_NAME",
            "ALLOW_EMPTY_PASSWORD",
            "MYSQL_ALLOW_EMPTY_PASSWORD",
            "PASSWORD_MIN_LENGTH",
            "ACCESS_KEY_ID",
            "CACHE_KEY",
            "JWT_PUBLIC_KEY",
            "BYPASS_CACHE",
            "OAUTH_TOKEN_URL",
            "USERNAME",
            "color.good",
            "existingSecret",
        ] {
            assert!(!is_credential_name(name), "{name}");
        }
    }

    #[test]
    fn literals_and_placeholders() {
        for value in ["SuperSecretP@ss123", "abcd1234", "s3cr3t", "test"] {
            assert!(is_literal(value), "{value}");
        }
        for value in [
            "",
            "  ",
            "$(DB_PASSWORD)",
            "${REDIS_PASSWORD}",
            "{{ .Values.password }}",
            "ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]",
            "<your-password>",
            "xxxxxxxx",
            "********",
            "changeme",
            "REPLACE_ME",
            "true",
            "/run/secrets/db",
            "https://auth.example.com/token",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
        ] {
            assert!(!is_literal(value), "{value}");
        }
    }

    #[test]
    fn recognised_values() {
        let aws = recognise("key=AKIAIOSFODNN7EXAMPLE").unwrap();
        assert_eq!(aws.kind, Kind::AwsAccessKey);
        assert_eq!(aws.masked, "AKIA************MPLE");
        assert!(recognise("AKIAIOSFODNN7EXAMPLEX").is_none(), "21 characters");
        assert!(
            recognise("XAKIAIOSFODNN7EXAMPLE").is_none(),
            "not at a word boundary"
        );

        let pem = recognise("-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n").unwrap();
        assert_eq!(pem.kind, Kind::PrivateKey);
        assert_eq!(pem.masked, "-----BEGIN RSA PRIVATE KEY-----…");
        assert!(recognise("-----BEGIN CERTIFICATE-----\nMIIB\n").is_none());
        assert!(recognise("-----BEGIN PUBLIC KEY-----\nMIIB\n").is_none());

        let url = recognise("postgres://app:S3cret@db.prod:5432/orders?sslmode=require").unwrap();
        assert_eq!(url.kind, Kind::UrlPassword);
        assert_eq!(url.masked, "postgres://app:****@db.prod:5432…");
        let url = recognise("DATABASE_URL=mysql://root:toor@db").unwrap();
        assert_eq!(url.masked, "mysql://root:****@db");
        assert!(recognise("postgres://app:$(DB_PASSWORD)@db:5432/orders").is_none());
        assert!(recognise("postgres://app@db:5432/orders").is_none());
        assert!(recognise("https://example.com/a:b@c").is_none(), "@ in the path");
        assert!(recognise("jdbc:mysql://mysql.prod.svc.cluster.local:3306/mydb").is_none());

        let ado = recognise("Server=sql;Database=app;User Id=sa;Password=Str0ng!;").unwrap();
        assert_eq!(ado.kind, Kind::ConnectionString);
        assert_eq!(ado.masked, "Server=sql;Database=app;User Id=sa;Password=****;");
        let jdbc = recognise("jdbc:mysql://db/app?user=app&password=hunter22").unwrap();
        assert_eq!(jdbc.kind, Kind::ConnectionString);
        assert!(recognise("password=").is_none());
        assert!(
            recognise("REDIS_PASSWORD=abcd1234").is_none(),
            "a name, not a field"
        );

        let gh = recognise("ghp_0123456789abcdefghijABCDEFGHIJ012345").unwrap();
        assert_eq!(gh.kind, Kind::Token("a GitHub token", " GitHub 令牌"));
        assert_eq!(gh.masked, "ghp_****************2345");
    }

    #[test]
    fn odd_text_does_not_panic() {
        for value in [
            "ключ://u:пароль@хост/путь",
            "é://a:b@c",
            "密码=секрет;password=值;",
            "\u{3000}AKIA\u{3000}",
            "-----BEGIN ",
            "-----BEGIN PRIVATE KEY",
            "://",
            "a://:@",
            "ghp_",
            "password=;pwd=",
        ] {
            let _ = recognise(value);
            let _ = find(value, value);
            let _ = assignment(value);
            let _ = mask(value);
        }
        let url = recognise("日本x://a:b@c").unwrap();
        assert_eq!(url.masked, "x://a:****@c");
    }

    #[test]
    fn masks_hide_most_of_the_value() {
        assert_eq!(mask("abc"), "***");
        assert_eq!(mask("abcd1234"), "********");
        assert_eq!(mask("SuperSecretP@ss123"), "Su****************");
        assert_eq!(mask("AKIAIOSFODNN7EXAMPLE"), "AKIA************MPLE");
    }

    #[test]
    fn assignments_in_config_lines() {
        assert_eq!(
            assignment("REDIS_PASSWORD=abcd1234"),
            Some(("REDIS_PASSWORD", "abcd1234"))
        );
        assert_eq!(assignment("  password: hunter2"), Some(("password", "hunter2")));
        assert_eq!(assignment("export TOKEN=\"abc\""), Some(("TOKEN", "abc")));
        assert_eq!(assignment("\"apiKey\": \"abc\","), Some(("apiKey", "abc")));
        assert_eq!(
            assignment("admin_password = admin"),
            Some(("admin_password", "admin"))
        );
        assert_eq!(assignment("# password: hunter2"), None);
        assert_eq!(assignment("just text"), None);
        assert_eq!(assignment("auth basic: x"), None);
    }

    #[test]
    fn find_prefers_recognised_values() {
        let c = find("DATABASE_URL", "mysql://root:toor@db/app").unwrap();
        assert_eq!(c.kind, Kind::UrlPassword);
        let c = find("DB_PASSWORD", "SuperSecretP@ss123").unwrap();
        assert_eq!(c.kind, Kind::Named);
        assert!(find("DB_PASSWORD", "$(PASSWORD)").is_none());
        assert!(find("LOG_LEVEL", "debug").is_none());
    }
}
