//! What a match must pass to be reported: check digits, entropy, decodable structure, and the
//! judgement of generic assignments — is the name a credential's name, is the value a literal
//! and not a placeholder, a reference, a hash or a sentence.

use crate::detector::Check;

/// A match, as the checks see it.
pub(crate) struct Candidate<'a> {
    /// The secret's bytes.
    pub(crate) value: &'a [u8],
    /// What the secret is assigned to, when the pattern says (`db_password`).
    pub(crate) name: Option<&'a [u8]>,
    /// Whether the value was written without quotes.
    pub(crate) unquoted: bool,
    /// Whether the file is program source, where a literal is always quoted and an unquoted
    /// value is an expression.
    pub(crate) source_code: bool,
}

/// Whether `candidate` passes `check`, and is not a documented example value.
pub(crate) fn passes(check: Check, candidate: &Candidate<'_>) -> bool {
    let value = candidate.value;
    if value.is_empty() || is_documented_example(value) {
        return false;
    }
    match check {
        Check::None => true,
        Check::Entropy(min) => !is_placeholder(value) && !is_filler(value) && entropy(value) >= min,
        Check::Crc32Base62 { prefix } => crc32_base62_ok(value, prefix),
        Check::Jwt => is_jwt(value),
        Check::Base64PrivateKey => decode_base64_prefix(value, 64)
            .is_some_and(|d| d.starts_with(b"-----BEGIN") && contains(&d, b"PRIVATE")),
        Check::Base64UserPassword => is_base64_user_password(value),
        Check::Password => generic(candidate, is_password_name, is_password_value),
        Check::Secret => generic(candidate, is_secret_name, is_secret_value),
        Check::UrlPassword => is_url_password(value),
    }
}

fn generic(candidate: &Candidate<'_>, name_ok: fn(&[u8]) -> bool, value_ok: fn(&[u8]) -> bool) -> bool {
    // Patterns without a name (`: PSK "…"`, `sshpass -p …`) say by their shape what the value is.
    if candidate.name.is_some_and(|name| !name_ok(name)) {
        return false;
    }
    if candidate.unquoted && (candidate.source_code || is_expression(candidate.value)) {
        return false;
    }
    value_ok(candidate.value)
}

/// Documented example credentials: reported by some scanners, noise for everyone. AWS's
/// documentation keys end in `EXAMPLE`/`EXAMPLEKEY`; Stripe's docs carry test keys, jwt.io its
/// sample token.
pub(crate) fn is_documented_example(value: &[u8]) -> bool {
    const KNOWN: &[&[u8]] = &[
        b"AKIAIOSFODNN7EXAMPLE",
        b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        b"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        b"sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        b"sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    ];
    KNOWN.contains(&value)
        || value.ends_with(b"EXAMPLE")
        || value.ends_with(b"EXAMPLEKEY")
        || value.ends_with(b".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
}

/// Shannon entropy of the bytes, in bits per byte.
pub(crate) fn entropy(value: &[u8]) -> f32 {
    if value.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in value {
        counts[usize::from(b)] += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let len = value.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            #[allow(clippy::cast_precision_loss)]
            let p = c as f32 / len;
            -p * p.log2()
        })
        .sum()
}

/// Fragments that make a value a placeholder wherever they appear.
const PLACEHOLDER_MARKERS: &[&[u8]] = &[
    b"${",
    b"{{",
    b"}}",
    b"%(",
    b"#{",
    b"$(",
    b"<%",
    b"{%",
    b"example",
    b"changeme",
    b"change_me",
    b"change-me",
    b"changeit",
    b"placeholder",
    b"redacted",
    b"dummy",
    b"sample",
    b"your_",
    b"your-",
    b"yourpass",
    b"yoursecret",
    b"yourtoken",
    b"yourkey",
    b"xxxx",
    b"****",
    b"....",
    b"\xe2\x80\xa6",
    b"todo",
    b"fixme",
    b"replace",
    b"insert_",
    b"enter_",
    b"put_your",
    b"fake",
    b"mock",
    b"not-a-",
    b"not_a_",
    b"notreal",
    b"not-real",
    b"secret_here",
    b"-here",
    b"_here",
];

/// Whole values that are words, not secrets.
const PLACEHOLDER_WORDS: &[&[u8]] = &[
    b"password",
    b"passwd",
    b"pass",
    b"pwd",
    b"secret",
    b"token",
    b"key",
    b"apikey",
    b"api_key",
    b"none",
    b"null",
    b"nil",
    b"true",
    b"false",
    b"undefined",
    b"empty",
    b"default",
    b"required",
    b"optional",
    b"string",
    b"str",
    b"value",
    b"test",
    b"tests",
    b"testing",
    b"unset",
    b"blank",
    b"hidden",
    b"masked",
    b"secure",
    b"private",
    b"credentials",
    b"n/a",
    b"na",
    b"tbd",
];

/// Words and shapes that stand for a value rather than being one: templates, variables,
/// `<password>`, `changeme`, `xxxx`, `****`.
pub(crate) fn is_placeholder(value: &[u8]) -> bool {
    let v = trim(value);
    if v.is_empty() {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    // In one case, as people write them (`xxxx`, `XXXX`, `ChangeMe`): random characters spell
    // `xXxX` or `tOdO` in a long token often enough to lose real secrets.
    if markers()
        .find_overlapping_iter(&lower)
        .any(|m| written(&v[m.start()..m.end()]))
    {
        return true;
    }
    if PLACEHOLDER_WORDS.contains(&lower.as_slice()) {
        return true;
    }
    let (first, last) = (v[0], v[v.len() - 1]);
    // `$VAR`, `${VAR}`, `%VAR%`, `<password>`, `[secret]`, `{token}`, `@password@`.
    (first == b'$'
        && v.get(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || b"_{(".contains(c)))
        || matches!(
            (first, last),
            (b'%', b'%') | (b'<', b'>') | (b'[', b']') | (b'{', b'}') | (b'@', b'@')
        )
        || v.iter()
            .all(|&c| c == b'*' || c == b'x' || c == b'X' || c == b'#' || c == b'.')
}

/// The placeholder markers in one automaton, searched in a lower-cased value.
fn markers() -> &'static aho_corasick::AhoCorasick {
    static MARKERS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    MARKERS.get_or_init(|| aho_corasick::AhoCorasick::new(PLACEHOLDER_MARKERS).expect("a few short markers"))
}

/// Whether text found case-insensitively is written all in lower case, all in upper case, or
/// capitalised.
fn written(found: &[u8]) -> bool {
    let letters = || found.iter().filter(|c| c.is_ascii_alphabetic());
    letters().all(u8::is_ascii_lowercase)
        || letters().all(u8::is_ascii_uppercase)
        || (found.first().is_some_and(u8::is_ascii_uppercase)
            && letters().skip(1).all(u8::is_ascii_lowercase))
}

/// Runs and sequences no random generator gives: six of one character, or six in a row
/// (`aaaaaa`, `123456`, `abcdef`).
pub(crate) fn is_filler(value: &[u8]) -> bool {
    let mut same = 1;
    let mut up = 1;
    for pair in value.windows(2) {
        same = if pair[1] == pair[0] { same + 1 } else { 1 };
        up = if pair[1] == pair[0].wrapping_add(1) && pair[1].is_ascii_alphanumeric() {
            up + 1
        } else {
            1
        };
        if same >= 6 || up >= 6 {
            return true;
        }
    }
    false
}

/// A value that is code or a reference, written without quotes where a literal would be
/// quoted: `os.environ["X"]`, `config.db.password`, `getpass()`, `process.env.TOKEN`.
fn is_expression(value: &[u8]) -> bool {
    if value.iter().any(|c| b"()[]{}$".contains(c)) {
        return true;
    }
    // `settings.DB_PASSWORD`, `self.password`: dotted identifiers.
    value.contains(&b'.')
        && value.split(|&c| c == b'.').all(|part| {
            part.first()
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
                && part.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
        })
}

/// The words of an identifier, lower case, without allocating: `dbPassword`, `DB_PASSWORD`,
/// `db-password` and `db.password` all give `db`, `password`; `APIKey` gives `api`, `key`.
/// Trailing numbers are dropped (`API_KEY_2` is an API key).
pub(crate) struct Words {
    buf: [u8; 96],
    spans: [(u8, u8); 16],
    len: usize,
}

impl Words {
    pub(crate) fn new(name: &[u8]) -> Words {
        let mut words = Words {
            buf: [0; 96],
            spans: [(0, 0); 16],
            len: 0,
        };
        let name = &name[..name.len().min(96)];
        let mut start = None;
        for (i, &c) in name.iter().enumerate() {
            words.buf[i] = c.to_ascii_lowercase();
            let prev = i.checked_sub(1).map(|p| name[p]);
            let next = name.get(i + 1).copied();
            if !c.is_ascii_alphanumeric() {
                if let Some(s) = start.take() {
                    words.push(s, i);
                }
                continue;
            }
            let boundary = c.is_ascii_uppercase()
                && start.is_some()
                && (prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                    || (prev.is_some_and(|p| p.is_ascii_uppercase())
                        && next.is_some_and(|n| n.is_ascii_lowercase())));
            if boundary {
                if let Some(s) = start.take() {
                    words.push(s, i);
                }
            }
            start.get_or_insert(i);
        }
        if let Some(s) = start {
            words.push(s, name.len());
        }
        while words.last().is_some_and(|w| w.iter().all(u8::is_ascii_digit)) {
            words.len -= 1;
        }
        words
    }

    fn push(&mut self, start: usize, end: usize) {
        if self.len < self.spans.len() {
            #[allow(clippy::cast_possible_truncation)] // names are cut to 96 bytes
            {
                self.spans[self.len] = (start as u8, end as u8);
            }
            self.len += 1;
        }
    }

    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &[u8]> + ExactSizeIterator {
        self.spans[..self.len]
            .iter()
            .map(|&(s, e)| &self.buf[usize::from(s)..usize::from(e)])
    }

    fn last(&self) -> Option<&[u8]> {
        self.iter().next_back()
    }

    fn before_last(&self) -> Option<&[u8]> {
        self.iter().rev().nth(1)
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Words whose presence anywhere in a name makes its value something other than the secret:
/// a hash of it, a rule about it, text shown next to it, a flag about it.
fn not_a_secret_anywhere(w: &[u8]) -> bool {
    matches!(
        w,
        b"hash"
            | b"hashed"
            | b"digest"
            | b"checksum"
            | b"sha1"
            | b"sha256"
            | b"sha512"
            | b"md5"
            | b"fingerprint"
            | b"policy"
            | b"policies"
            | b"regex"
            | b"regexp"
            | b"pattern"
            | b"validator"
            | b"validation"
            | b"placeholder"
            | b"prompt"
            | b"label"
            | b"hint"
            | b"help"
            | b"tooltip"
            | b"message"
            | b"msg"
            | b"error"
            | b"errors"
            | b"strength"
            | b"complexity"
            | b"rotation"
            | b"forgot"
            | b"reset"
            | b"public"
            | b"pub"
            | b"csrf"
            | b"xsrf"
            | b"encrypted"
            | b"masked"
            | b"sample"
            | b"example"
            | b"dummy"
            | b"fake"
            | b"mock"
            | b"next"
            | b"page"
            | b"pagination"
            | b"continuation"
            | b"cursor"
            | b"nonce"
            | b"salt"
            | b"show"
            | b"hide"
            | b"toggle"
            | b"visible"
            | b"visibility"
            | b"is"
            | b"has"
            | b"allow"
            | b"use"
            | b"enable"
            | b"enabled"
            | b"disable"
            | b"disabled"
            | b"require"
            | b"required"
            | b"generate"
            | b"generator"
            | b"get"
            | b"set"
            | b"fetch"
            | b"load"
            | b"read"
            | b"validate"
            | b"verify"
            | b"check"
            | b"input"
            | b"field"
            | b"form"
            | b"button"
            | b"template"
            | b"schema"
            | b"count"
            | b"attempts"
            | b"retries"
            | b"expected"
            | b"no"
            | b"min"
            | b"max"
            | b"length"
            | b"len"
    )
}

/// Last words that make the value where the secret is, what it is called, or a setting about it.
fn not_a_secret_last(w: &[u8]) -> bool {
    matches!(
        w,
        b"file"
            | b"files"
            | b"path"
            | b"dir"
            | b"directory"
            | b"location"
            | b"name"
            | b"names"
            | b"ref"
            | b"url"
            | b"uri"
            | b"endpoint"
            | b"host"
            | b"hostname"
            | b"port"
            | b"header"
            | b"type"
            | b"kind"
            | b"mode"
            | b"ttl"
            | b"timeout"
            | b"lifetime"
            | b"age"
            | b"size"
            | b"days"
            | b"hours"
            | b"minutes"
            | b"seconds"
            | b"interval"
            | b"format"
            | b"algorithm"
            | b"alg"
            | b"id"
            | b"ids"
            | b"column"
            | b"param"
            | b"parameter"
            | b"var"
            | b"variable"
            | b"env"
            | b"limit"
            | b"version"
            | b"prefix"
            | b"suffix"
            | b"class"
            | b"style"
            | b"icon"
            | b"text"
            | b"title"
            | b"description"
            | b"desc"
            | b"doc"
            | b"provider"
            | b"manager"
            | b"store"
            | b"source"
            | b"loader"
            | b"cmd"
            | b"command"
            | b"script"
            | b"option"
            | b"options"
            | b"handler"
            | b"callback"
            | b"func"
            | b"function"
            | b"method"
            | b"event"
            | b"changed"
            | b"updated"
            | b"created"
            | b"at"
            | b"time"
            | b"timestamp"
            | b"date"
            | b"expires"
            | b"expiry"
            | b"expiration"
            | b"usage"
            | b"used"
            | b"view"
            | b"screen"
            | b"route"
            | b"request"
            | b"response"
            | b"exchange"
            | b"grant"
            | b"scope"
            | b"scopes"
            | b"audience"
            | b"issuer"
            | b"secrets"
            | b"tokens"
            | b"keys"
            | b"passwords"
            | b"list"
            | b"key"
            | b"count"
    )
}

fn excluded(words: &Words) -> bool {
    words.iter().any(not_a_secret_anywhere) || words.last().is_some_and(not_a_secret_last)
}

/// `password`, `DB_PASSWORD`, `dbPass`, `mysql_pwd`, `passphrase`; not `bypass`, `passthrough`,
/// `password_file`, `password_hash`, `PASSWORD_MIN_LENGTH`.
pub(crate) fn is_password_name(name: &[u8]) -> bool {
    if name.len() > 80 || matches!(name, b"PWD" | b"OLDPWD") {
        return false;
    }
    let words = Words::new(name);
    !excluded(&words)
        && words.iter().any(|w| {
            matches!(
                w,
                b"pass" | b"passwd" | b"password" | b"passphrase" | b"pwd" | b"pswd"
            ) || w.ends_with(b"password")
                || w.ends_with(b"passwd")
        })
}

/// Qualifiers that make `…_KEY` a credential (`API_KEY`, `ENCRYPTION_KEY`); a bare `KEY` is
/// not (`CACHE_KEY`, `SORT_KEY`).
fn key_qualifier(w: &[u8]) -> bool {
    matches!(
        w,
        b"api"
            | b"access"
            | b"secret"
            | b"private"
            | b"encryption"
            | b"signing"
            | b"master"
            | b"hmac"
            | b"auth"
            | b"client"
            | b"license"
            | b"app"
            | b"application"
            | b"service"
            | b"account"
            | b"session"
            | b"jwt"
            | b"cookie"
            | b"crypto"
            | b"cipher"
            | b"aes"
            | b"shared"
            | b"subscription"
            | b"consumer"
            | b"admin"
    )
}

/// `SECRET_KEY`, `apiKey`, `client_secret`, `auth_token`, `GITHUB_TOKEN`, `credentials`.
pub(crate) fn is_secret_name(name: &[u8]) -> bool {
    if name.len() > 80 {
        return false;
    }
    let words = Words::new(name);
    if words.is_empty() {
        return false;
    }
    // A trailing `key` is the credential when qualified (`api_key`); the other exclusions
    // still apply to the words before it.
    if words.last() == Some(b"key") {
        return words.before_last().is_some_and(key_qualifier)
            && !words.iter().any(not_a_secret_anywhere)
            && words
                .before_last()
                .is_none_or(|w| !not_a_secret_last(w) || key_qualifier(w));
    }
    !excluded(&words)
        && words.iter().any(|w| {
            matches!(
                w,
                b"secret" | b"token" | b"apikey" | b"credential" | b"credentials" | b"creds" | b"bearer"
            ) || w.ends_with(b"secret")
                || w.ends_with(b"token")
                || w.ends_with(b"apikey")
                || w.ends_with(b"secretkey")
                || w.ends_with(b"accesskey")
                || w.ends_with(b"privatekey")
        })
}

/// A literal password: not a placeholder, a hash, a path, or a sentence.
fn is_password_value(value: &[u8]) -> bool {
    let v = trim(value);
    v.len() >= 4
        && v.len() <= 128
        && !is_placeholder(v)
        && !is_hash_format(v)
        && !looks_like_path_or_url(v)
        && v.iter().filter(|c| c.is_ascii_whitespace()).count() < 2
        // A short word is more often a reference or a mode (`auto`, `none`) than a password.
        && (v.len() >= 6 || !v.iter().all(u8::is_ascii_alphabetic))
        && same_run(v) < 5
}

/// A literal secret or token: long and random enough, one word, not a placeholder or hash.
fn is_secret_value(value: &[u8]) -> bool {
    let v = trim(value);
    v.len() >= 10
        && v.len() <= 512
        && !v.iter().any(u8::is_ascii_whitespace)
        && !is_placeholder(v)
        && !is_filler(v)
        && !is_hash_format(v)
        && !looks_like_path_or_url(v)
        && !is_uuid(v)
        && entropy(v) >= 3.0
        // An identifier-like word (`bearer_token_value`) is a name, not a secret.
        && (v.iter().any(u8::is_ascii_digit) || v.iter().any(|c| !c.is_ascii_alphanumeric() && *c != b'_' && *c != b'-'))
}

/// A password inside a URL or connection string.
fn is_url_password(value: &[u8]) -> bool {
    let v = trim(value);
    !is_placeholder(v) && !v.iter().all(|c| *c == b'*' || *c == b'x' || *c == b'X') && !v.starts_with(b"$")
}

/// Password hashes written in their usual formats: crypt (`$2b$…`, `$6$…`, `$argon2id$…`),
/// LDAP (`{SSHA}…`), Django (`pbkdf2_sha256$…`), PostgreSQL (`md5…`, `SCRAM-SHA-256$…`).
fn is_hash_format(v: &[u8]) -> bool {
    let lower = v.to_ascii_lowercase();
    (v.first() == Some(&b'$') && memchr::memchr_iter(b'$', v).count() >= 2)
        || lower.starts_with(b"{ssha")
        || lower.starts_with(b"{sha")
        || lower.starts_with(b"{crypt}")
        || lower.starts_with(b"pbkdf2_")
        || lower.starts_with(b"scram-sha-")
        || lower.starts_with(b"bcrypt$")
        || lower.starts_with(b"argon2")
        || (lower.starts_with(b"md5") && lower.len() == 35 && lower[3..].iter().all(u8::is_ascii_hexdigit))
        || lower.starts_with(b"sha256:")
        || lower.starts_with(b"sha512-")
        || lower.starts_with(b"sha384-")
        || lower.starts_with(b"sha1-")
        || lower.starts_with(b"enc(")
        || lower.starts_with(b"enc[")
        || is_sealed_secret(v)
}

/// A Sealed Secrets ciphertext (`AgB…`): base64 of a blob whose first byte is 2 and second
/// the high bits of the session key length. Safe to commit by design.
fn is_sealed_secret(v: &[u8]) -> bool {
    v.len() >= 24
        && v.starts_with(b"Ag")
        && matches!(v[2], b'A'..=b'D')
        && v.iter().all(|c| c.is_ascii_alphanumeric() || b"+/=".contains(c))
}

fn looks_like_path_or_url(v: &[u8]) -> bool {
    // `secret/data/db/config`: lower-case words between slashes (a base64 secret mixes cases).
    let words_path = v.contains(&b'/')
        && v.split(|&c| c == b'/').all(|part| {
            !part.is_empty()
                && part
                    .iter()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"_.-".contains(c))
        });
    words_path
        || v.starts_with(b"/")
        || v.starts_with(b"./")
        || v.starts_with(b"../")
        || v.starts_with(b"~/")
        || contains(v, b"://")
        || (v.len() > 2 && v[1] == b':' && v[2] == b'\\')
}

fn is_uuid(v: &[u8]) -> bool {
    v.len() == 36
        && v.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

fn same_run(v: &[u8]) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut prev = None;
    for &c in v {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        best = best.max(run);
    }
    best
}

fn trim(v: &[u8]) -> &[u8] {
    v.trim_ascii()
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// GitHub's and npm's checksum: CRC-32 (IEEE) of the random part, six base-62 digits
/// (`0-9A-Za-z`) at the end. <https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/>
fn crc32_base62_ok(value: &[u8], prefix: usize) -> bool {
    if value.len() < prefix + 7 {
        return false;
    }
    let (body, check) = value[prefix..].split_at(value.len() - prefix - 6);
    base62_6(crc32(body)).as_slice() == check
}

pub(crate) fn base62_6(mut n: u32) -> [u8; 6] {
    const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 62) as usize];
        n /= 62;
    }
    out
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// A JSON Web Token: three base64url parts, the first two JSON objects, the header naming
/// its algorithm.
fn is_jwt(value: &[u8]) -> bool {
    let mut parts = value.split(|&c| c == b'.');
    let (Some(header), Some(payload)) = (parts.next(), parts.next()) else {
        return false;
    };
    let header = decode_base64_prefix(header, 512);
    let payload = decode_base64_prefix(payload, 8);
    header.is_some_and(|h| h.trim_ascii_start().starts_with(b"{") && contains(&h, b"\"alg\""))
        && payload.is_some_and(|p| p.trim_ascii_start().starts_with(b"{"))
}

/// `user:password` in base64, with a password that is not a placeholder.
fn is_base64_user_password(value: &[u8]) -> bool {
    let Some(decoded) = decode_base64_prefix(value, 1024) else {
        return false;
    };
    let Some(colon) = decoded.iter().position(|&c| c == b':') else {
        return false;
    };
    let (user, password) = (&decoded[..colon], &decoded[colon + 1..]);
    !user.is_empty()
        && !password.is_empty()
        && decoded.iter().all(|c| c.is_ascii_graphic() || *c == b' ')
        && !is_placeholder(password)
}

/// Decodes at most the first `limit` characters of standard or URL-safe base64, padded or
/// not; `None` when they are not base64.
pub(crate) fn decode_base64_prefix(text: &[u8], limit: usize) -> Option<Vec<u8>> {
    let text = &text[..text.len().min(limit - limit % 4)];
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in text {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            #[allow(clippy::cast_possible_truncation)]
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(&base62_6(0), b"000000");
        assert_eq!(&base62_6(61), b"00000z");
    }

    #[test]
    fn names() {
        for yes in [
            "password",
            "DB_PASSWORD",
            "dbPass",
            "mysql_pwd",
            "passphrase",
            "spring.datasource.password",
            "$password",
            "'password'",
        ] {
            assert!(is_password_name(yes.as_bytes()), "{yes}");
        }
        for no in [
            "bypass",
            "passthrough",
            "password_file",
            "password_hash",
            "PASSWORD_MIN_LENGTH",
            "PWD",
            "compass",
            "passwordPolicy",
        ] {
            assert!(!is_password_name(no.as_bytes()), "{no}");
        }
        for yes in [
            "SECRET_KEY",
            "apiKey",
            "client_secret",
            "auth_token",
            "GITHUB_TOKEN",
            "APIKey",
            "accessToken",
            "x-api-key",
        ] {
            assert!(is_secret_name(yes.as_bytes()), "{yes}");
        }
        for no in [
            "CACHE_KEY",
            "secret_name",
            "token_type",
            "tokenizer",
            "csrf_token",
            "next_token",
            "key",
            "public_key",
            "SECRET_KEY_FILE",
            "secretKeyRef",
            "api_key_id",
        ] {
            assert!(!is_secret_name(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn values() {
        for no in [
            "changeme",
            "${DB_PASSWORD}",
            "<password>",
            "xxxxxxxx",
            "********",
            "{{ .Values.pw }}",
            "$DB_PASS",
            "%PASSWORD%",
            "your_password_here",
            "example-password",
        ] {
            assert!(!is_password_value(no.as_bytes()), "{no}");
        }
        for yes in ["hunter22", "Tr0ub4dor&3", "s3cr3t!pw", "correct horse"] {
            assert!(is_password_value(yes.as_bytes()), "{yes}");
        }
        for no in [
            "abcdefghijkl",
            "0123456789ab",
            "550e8400-e29b-41d4-a716-446655440000",
            "bearer_token_value",
        ] {
            assert!(!is_secret_value(no.as_bytes()), "{no}");
        }
        assert!(is_secret_value(b"9f8Kq2LmZx7Rt4Wv1Np6"));
    }

    #[test]
    fn base64() {
        assert_eq!(decode_base64_prefix(b"dXNlcjpwYXNz", 100).unwrap(), b"user:pass");
        assert_eq!(
            decode_base64_prefix(b"dXNlcjpwYXNzMQ==", 100).unwrap(),
            b"user:pass1"
        );
        assert!(is_base64_user_password(b"dXNlcjpodW50ZXIy"));
        assert!(!is_base64_user_password(b"aGVsbG8gd29ybGQ="));
    }
}
