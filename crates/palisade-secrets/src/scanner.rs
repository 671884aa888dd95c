//! The scanner: every detector's keywords in one Aho-Corasick automaton, each detector's patterns
//! in one multi-pattern regex compiled on first use, and the pass over a file that runs only the
//! detectors whose keyword appeared, around where it appeared.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use palisade_core::{Diagnostic, Finding, Lang, Location, SecretAllow, tr};
use regex_automata::meta::Regex;
use regex_automata::util::syntax;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::detector::{Credential, Detector, Gate, Reach, Shape};
use crate::keywords::{Hit, Keywords};
use crate::validate::{self, Candidate};
use crate::{detectors, mask};

/// What the scanner is told once, for every file.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub lang: Lang,
    /// Print secrets in messages instead of masking them.
    pub show_secrets: bool,
    /// `.palisade.yaml`'s `secrets.allow` entries.
    pub allow: Vec<SecretAllow>,
}

/// A finding of the scanner, with the hash that names its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Secret {
    pub finding: Finding,
    /// SHA-256 of the secret's bytes, hex ([`crate::value_hash`]).
    pub value_hash: String,
}

/// Built once (`Scanner::new`), then shared by every thread scanning files.
pub struct Scanner {
    lang: Lang,
    show_secrets: bool,
    allow: Vec<Allow>,
    keywords: Keywords,
    /// Keyword ids of the pragma markers: files without any skip the look for pragmas.
    pragmas: Vec<usize>,
    /// Per keyword: the detectors it wakes.
    wakes: Vec<Vec<usize>>,
    detectors: Vec<Compiled>,
}

struct Compiled {
    detector: &'static Detector,
    regex: OnceLock<Option<Regex>>,
    /// Keyword ids of the words one of which the file must contain.
    context: Vec<usize>,
}

/// An allow-list entry resolved against the detectors.
struct Allow {
    /// Detector indices; `None` means every detector.
    detectors: Option<FxHashSet<usize>>,
    paths: Option<globset::GlobSet>,
    values: FxHashSet<String>,
}

/// Bytes of a keyword the automaton matches.
const KEYWORD_BYTES: usize = 10;

/// The words every inline pragma contains (lower case, as keywords are).
const PRAGMAS: &[&str] = &["pragma: allowlist", "gitleaks:allow", "palisade:ignore"];

/// Bytes looked at to decide that a file is binary, as git does.
const BINARY_PROBE: usize = 8 * 1024;

impl Scanner {
    /// Builds the scanner. Fails when an allow-list entry names a rule that is not a SEC rule.
    pub fn new(options: &Options) -> Result<Scanner, Diagnostic> {
        let mut ids: FxHashMap<&'static str, usize> = FxHashMap::default();
        let mut words: Vec<&'static str> = Vec::new();
        let mut wakes: Vec<Vec<usize>> = Vec::new();
        let mut id_of = |word: &'static str, words: &mut Vec<&'static str>, wakes: &mut Vec<Vec<usize>>| {
            // Only a keyword's first bytes: a hit is checked by the detector's pattern anyway,
            // and every byte more is a DFA state more — past ~1 MB the automaton falls out of
            // the cache and the walk slows by a third.
            let word = &word[..word.len().min(KEYWORD_BYTES)];
            *ids.entry(word).or_insert_with(|| {
                words.push(word);
                wakes.push(Vec::new());
                words.len() - 1
            })
        };
        let mut detectors = Vec::new();
        for (index, detector) in detectors::all().enumerate() {
            for &word in detector.keywords {
                let id = id_of(word, &mut words, &mut wakes);
                if !wakes[id].contains(&index) {
                    wakes[id].push(index);
                }
            }
            let context = detector
                .context
                .iter()
                .map(|&word| id_of(word, &mut words, &mut wakes))
                .collect();
            detectors.push(Compiled {
                detector,
                regex: OnceLock::new(),
                context,
            });
        }
        let pragmas = PRAGMAS
            .iter()
            .map(|&word| id_of(word, &mut words, &mut wakes))
            .collect();
        let keywords = Keywords::new(&words);
        let allow = options
            .allow
            .iter()
            .map(|entry| resolve(entry, &detectors))
            .collect::<Result<_, _>>()?;
        Ok(Scanner {
            lang: options.lang,
            show_secrets: options.show_secrets,
            allow,
            keywords,
            pragmas,
            wakes,
            detectors,
        })
    }

    /// The findings in one file's bytes, masked unless `show_secrets`.
    pub fn scan(&self, path: &Arc<str>, bytes: &[u8]) -> Vec<Finding> {
        self.scan_secrets(path, bytes)
            .into_iter()
            .map(|s| s.finding)
            .collect()
    }

    /// [`Scanner::scan`], with the hash of each finding's value.
    pub fn scan_secrets(&self, path: &Arc<str>, bytes: &[u8]) -> Vec<Secret> {
        if is_binary(bytes) {
            return self.scan_binary(path, bytes);
        }
        // Every keyword first, so that detectors needing a context word elsewhere in the file
        // know whether it is there before they run.
        let hits = self.keywords.hits(bytes);
        if hits.is_empty() {
            return Vec::new();
        }
        let mut seen = Bits::new(self.wakes.len());
        for hit in &hits {
            seen.set(hit.keyword);
        }
        // Per detector woken, the last window searched: a later keyword inside it adds nothing.
        // (Few detectors wake in one file: a list beats a table of every detector per file.)
        let mut searched: Vec<(usize, Range<usize>)> = Vec::new();
        let mut found: Vec<Raw> = Vec::new();
        for hit in &hits {
            let mut around = Around::new(*hit);
            for &index in &self.wakes[hit.keyword] {
                let compiled = &self.detectors[index];
                let detector = compiled.detector;
                if !(compiled.context.is_empty() || compiled.context.iter().any(|&c| seen.get(c)))
                    || !around.passes(detector.gate, bytes)
                {
                    continue;
                }
                // A keyword inside the last window searched, well before its end: what it could
                // match was in that window. (Sliding a window over a minified line with a
                // keyword every few bytes would search each byte hundreds of times.)
                let slot = if let Some(slot) = searched.iter().position(|(d, _)| *d == index) {
                    slot
                } else {
                    searched.push((index, 0..0));
                    searched.len() - 1
                };
                let last = &searched[slot].1;
                let margin = match detector.reach {
                    Reach::Line { after, .. } | Reach::Block { after, .. } => after / 2,
                };
                if last.start <= hit.start && hit.end.saturating_add(margin) <= last.end {
                    continue;
                }
                let window = window(bytes, hit.start, hit.end, detector.reach);
                if last.start <= window.start && window.end <= last.end {
                    continue;
                }
                searched[slot].1 = window.clone();
                compiled.search(index, bytes, window, &mut found);
            }
        }
        if found.is_empty() {
            return Vec::new();
        }
        let source_code = is_source_code(path);
        found.sort_by_key(|r| (r.secret.start, r.secret.end, r.detector));
        found.dedup_by_key(|r| (r.secret.clone(), r.detector));
        found.retain(|raw| {
            let detector = self.detectors[raw.detector].detector;
            validate::passes(
                detector.check,
                &Candidate {
                    value: &bytes[raw.secret.clone()],
                    name: raw.name.clone().map(|n| &bytes[n]),
                    unquoted: raw.unquoted,
                    source_code,
                },
            )
        });
        // After overlaps are resolved: a pragma for the winning rule also silences the generic
        // rule that saw the same value.
        let mut found = resolve_overlaps(found, &self.detectors);
        if self.pragmas.iter().any(|&id| seen.get(id)) {
            found
                .retain(|raw| !pragma_allows(bytes, raw.secret.start, self.detectors[raw.detector].detector));
        }
        let mut positions = Positions::new(bytes);
        let mut out = Vec::with_capacity(found.len());
        for raw in found {
            let detector = self.detectors[raw.detector].detector;
            let value = &bytes[raw.secret.clone()];
            let value_hash = mask::value_hash(value);
            if self
                .allow
                .iter()
                .any(|a| a.accepts(raw.detector, path, &value_hash))
            {
                continue;
            }
            let (line, column) = positions.at(raw.secret.start);
            let (end_line, end_column) = positions.at(raw.secret.end);
            // A token's pattern takes the character on each side to know where it ends: not
            // part of what the message shows.
            let mut matched = raw.matched.clone();
            if raw.secret.start - matched.start == 1 && !bytes[matched.start].is_ascii_alphanumeric() {
                matched.start = raw.secret.start;
            }
            if matched.end - raw.secret.end == 1 && !b"\"'`".contains(&bytes[raw.secret.end]) {
                matched.end = raw.secret.end;
            }
            let shown = mask::display(
                &bytes[matched.clone()],
                raw.secret.start - matched.start..raw.secret.end - matched.start,
                self.show_secrets,
            );
            out.push(Secret {
                finding: Finding {
                    rule: Cow::Borrowed(detector.meta.code),
                    severity: detector.meta.severity,
                    message: message(self.lang, detector, &shown),
                    location: Location {
                        path: Arc::clone(path),
                        line,
                        column,
                        end_line,
                        end_column,
                        object: None,
                        field: None,
                    },
                    concern: Cow::Borrowed(detector.meta.concern()),
                },
                value_hash,
            });
        }
        out
    }

    /// A binary file is not read, but a keystore file is itself a credential.
    fn scan_binary(&self, path: &Arc<str>, bytes: &[u8]) -> Vec<Secret> {
        let name = path.to_ascii_lowercase();
        let keystore = bytes.first() == Some(&0x30) || bytes.starts_with(&[0xFE, 0xED, 0xFE, 0xED]);
        if !keystore {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (index, compiled) in self.detectors.iter().enumerate() {
            let detector = compiled.detector;
            if !detector.files.iter().any(|ext| name.ends_with(ext)) {
                continue;
            }
            let value_hash = mask::value_hash(bytes);
            if self.allow.iter().any(|a| a.accepts(index, path, &value_hash)) {
                continue;
            }
            out.push(Secret {
                finding: Finding {
                    rule: Cow::Borrowed(detector.meta.code),
                    severity: detector.meta.severity,
                    message: {
                        let (en, zh) = (detector.meta.title.en, zh_title(detector));
                        tr!(self.lang, "{en} committed as a file", "以文件形式提交了{zh}")
                    },
                    location: Location {
                        path: Arc::clone(path),
                        line: 1,
                        column: 1,
                        end_line: 1,
                        end_column: 1,
                        object: None,
                        field: None,
                    },
                    concern: Cow::Borrowed(detector.meta.concern()),
                },
                value_hash,
            });
        }
        out
    }
}

fn message(lang: Lang, detector: &Detector, shown: &str) -> String {
    let (en, zh) = (detector.meta.title.en, zh_title(detector));
    tr!(
        lang,
        "{en} found in plain text: `{shown}`",
        "发现明文{zh}：`{shown}`"
    )
}

/// The Chinese title, spaced from a preceding Chinese word when it starts with a Latin one.
fn zh_title(detector: &Detector) -> String {
    let title = detector.meta.title.zh;
    if title.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        format!(" {title}")
    } else {
        title.to_owned()
    }
}

/// A set of keyword ids.
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn get(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// A match before its checks.
struct Raw {
    detector: usize,
    matched: Range<usize>,
    secret: Range<usize>,
    name: Option<Range<usize>>,
    unquoted: bool,
}

impl Compiled {
    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| compile(self.detector.patterns).ok())
            .as_ref()
    }

    fn search(&self, index: usize, bytes: &[u8], window: Range<usize>, found: &mut Vec<Raw>) {
        let Some(regex) = self.regex() else { return };
        let input = regex_automata::Input::new(bytes).range(window);
        for caps in regex.captures_iter(input) {
            let Some(matched) = caps.get_match() else { continue };
            let quoted = caps.get_group_by_name("s");
            let unquoted = caps.get_group_by_name("u");
            let secret = quoted.or(unquoted).map_or(matched.range(), |s| s.range());
            if secret.is_empty() {
                continue;
            }
            found.push(Raw {
                detector: index,
                matched: matched.range(),
                secret,
                name: caps.get_group_by_name("n").map(|n| n.range()),
                unquoted: quoted.is_none() && unquoted.is_some(),
            });
        }
    }
}

/// A detector's patterns as one regex over ASCII bytes.
pub(crate) fn compile(patterns: &[&str]) -> Result<Regex, String> {
    Regex::builder()
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .configure(Regex::config().utf8_empty(false))
        .build_many(patterns)
        .map_err(|e| e.to_string())
}

/// The bytes searched for a keyword hit at `start..end`.
fn window(bytes: &[u8], start: usize, end: usize, reach: Reach) -> Range<usize> {
    match reach {
        Reach::Line { before, after } => {
            let floor = start.saturating_sub(before);
            let from = memchr::memrchr(b'\n', &bytes[floor..start]).map_or(floor, |i| floor + i + 1);
            let ceiling = bytes.len().min(end.saturating_add(after));
            // The line's `\n` is inside: a pattern may end on the character after the secret.
            let to = memchr::memchr(b'\n', &bytes[end..ceiling]).map_or(ceiling, |i| end + i + 1);
            from..to
        }
        Reach::Block { before, after } => {
            let floor = start.saturating_sub(before);
            let from = memchr::memrchr(b'\n', &bytes[floor..start]).map_or(floor, |i| floor + i + 1);
            from..bytes.len().min(end.saturating_add(after))
        }
    }
}

/// What the scan learns about the text around one keyword hit, computed once however many
/// detectors the keyword wakes.
struct Around {
    hit: Hit,
    ident: Option<Range<usize>>,
    password: Option<bool>,
    secret: Option<bool>,
}

impl Around {
    fn new(hit: Hit) -> Around {
        Around {
            hit,
            ident: None,
            password: None,
            secret: None,
        }
    }

    fn passes(&mut self, gate: Gate, bytes: &[u8]) -> bool {
        match gate {
            Gate::None => true,
            Gate::UrlCredentials => url_has_credentials(bytes, self.hit.start),
            Gate::LineHas(needles) => {
                let line = window(bytes, self.hit.start, self.hit.end, crate::detector::LINE);
                needles
                    .iter()
                    .any(|n| validate::contains(&bytes[line.clone()], n.as_bytes()))
            }
            Gate::Name(credential, shape) => {
                let ident = self.ident(bytes);
                let name = &bytes[ident.clone()];
                let named = match credential {
                    Credential::Password => *self
                        .password
                        .get_or_insert_with(|| validate::is_password_name(name)),
                    Credential::Secret => *self.secret.get_or_insert_with(|| validate::is_secret_name(name)),
                };
                named && shaped(bytes, ident, shape)
            }
        }
    }

    /// The identifier the keyword is part of (`DB_PASSWORD`, `spring.datasource.password`).
    fn ident(&mut self, bytes: &[u8]) -> Range<usize> {
        let Hit { start, end, .. } = self.hit;
        self.ident
            .get_or_insert_with(|| {
                let ident = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$');
                let floor = start.saturating_sub(64);
                let from = bytes[floor..start]
                    .iter()
                    .rposition(|b| !ident(b))
                    .map_or(floor, |i| floor + i + 1);
                let ceiling = bytes.len().min(end + 64);
                let to = bytes[end..ceiling]
                    .iter()
                    .position(|b| !ident(b))
                    .map_or(ceiling, |i| end + i);
                from..to
            })
            .clone()
    }
}

/// Whether the identifier at `ident` is written in `shape`.
fn shaped(bytes: &[u8], ident: Range<usize>, shape: Shape) -> bool {
    let before = &bytes[..ident.start];
    let after = &bytes[ident.end..];
    match shape {
        Shape::Assignment => {
            let quoted = after.first().is_some_and(|b| matches!(b, b'"' | b'\''));
            let rest = if quoted { &after[1..] } else { after };
            let rest = rest.strip_prefix(b"]").unwrap_or(rest);
            let rest = rest.trim_ascii_start();
            // `,` separates a quoted name from its value in a call or a list
            // (`setdefault("NAME", "value")`, `["NAME", "value"]`); after a bare name it is a
            // list (`a.token, b`), after a JSON value the next member.
            let argument = || {
                let lead = before.strip_suffix(b"\"").or_else(|| before.strip_suffix(b"'"));
                lead.is_some_and(|l| matches!(l.trim_ascii_end().last(), Some(b'(' | b'[' | b',')))
            };
            let operator = match rest.first() {
                Some(b'=' | b':' | b'?' | b'|') => true,
                Some(b',') => quoted && argument(),
                _ => false,
            };
            if operator {
                return value_long_enough(rest);
            }
            // `ENV NAME value` / `ARG NAME`: the instruction opens the line.
            let near = &before[before.len().saturating_sub(16)..];
            let line = memchr::memrchr(b'\n', near).map_or(near, |i| &near[i + 1..]);
            let line = line.trim_ascii();
            line.len() == 3 && (line.eq_ignore_ascii_case(b"env") || line.eq_ignore_ascii_case(b"arg"))
        }
        Shape::Pair => {
            // `name: X`, `- name: "X"`, `"name": "X"`.
            let lead = before
                .strip_suffix(b"\"")
                .or_else(|| before.strip_suffix(b"'"))
                .unwrap_or(before);
            let lead = lead.trim_ascii_end();
            let Some(lead) = lead.strip_suffix(b":") else {
                return false;
            };
            let lead = lead.strip_suffix(b"\"").unwrap_or(lead);
            lead.len() >= 4 && lead[lead.len() - 4..].eq_ignore_ascii_case(b"name")
        }
        Shape::Element => before.last() == Some(&b'<') && after.first() == Some(&b'>'),
    }
}

/// Whether the value after an assignment operator has at least four characters: `pass=b`,
/// `token: x` and `key => 1` are the bulk of generic keyword hits in code and never secrets.
fn value_long_enough(rest: &[u8]) -> bool {
    let skip = rest
        .iter()
        .position(|b| !b"=:?|>,".contains(b))
        .unwrap_or(rest.len());
    let rest = rest[skip..].trim_ascii_start();
    let quoted = matches!(rest.first(), Some(b'"' | b'\'' | b'`'));
    let rest = if quoted { &rest[1..] } else { rest };
    // `config.db.password`, `os.Getenv("X")`, `process.env.TOKEN`: code, not values.
    if !quoted && is_reference(rest) {
        return false;
    }
    // `$VAR`, `${VAR}`, `$(cat …)`, `{{ .Values.x }}`: references, not values.
    if rest.starts_with(b"{{")
        || (rest.first() == Some(&b'$')
            && rest
                .get(1)
                .is_some_and(|c| c.is_ascii_alphabetic() || b"_{(".contains(c)))
    {
        return false;
    }
    rest.iter()
        .take(4)
        .take_while(|b| !b.is_ascii_whitespace() && !b"\"'`,;)}]".contains(b))
        .count()
        == 4
}

/// An unquoted identifier path or call: `settings.DB_PASSWORD`, `getpass()`, `os.Getenv(`.
fn is_reference(value: &[u8]) -> bool {
    let run = value
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.')))
        .unwrap_or(value.len());
    let (name, next) = (&value[..run], value.get(run));
    let identifiers = !name.is_empty()
        && name.split(|&b| b == b'.').all(|part| {
            part.first()
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        });
    identifiers && (name.contains(&b'.') || next == Some(&b'('))
}

/// Whether a `://` at most 40 bytes after `start` opens an authority with `user:password@`.
fn url_has_credentials(bytes: &[u8], start: usize) -> bool {
    let near = &bytes[start..bytes.len().min(start + 40)];
    let Some(at) = memchr::memmem::find(near, b"://") else {
        return false;
    };
    let authority = start + at + 3;
    let rest = &bytes[authority..bytes.len().min(authority + 256)];
    let end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || b"/?#'\"<>`".contains(b))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    memchr::memrchr(b'@', authority).is_some_and(|at| authority[..at].contains(&b':'))
}

/// Of overlapping matches, keeps the one of the highest priority, then the longest, then the
/// lowest code; the result is sorted by start.
fn resolve_overlaps(mut found: Vec<Raw>, detectors: &[Compiled]) -> Vec<Raw> {
    if found.len() < 2 {
        return found;
    }
    let rank = |r: &Raw| {
        let d = detectors[r.detector].detector;
        (
            std::cmp::Reverse(d.priority),
            std::cmp::Reverse(r.secret.len()),
            r.detector,
        )
    };
    found.sort_by_key(|r| rank(r));
    // Accepted spans by start; none overlap, so only the neighbours of a new span can.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept = Vec::with_capacity(found.len());
    for raw in found {
        let (start, end) = (raw.secret.start, raw.secret.end);
        let before = taken.range(..=start).next_back().is_some_and(|(_, &e)| e > start);
        let after = taken.range(start..).next().is_some_and(|(&s, _)| s < end);
        if !before && !after {
            taken.insert(start, end);
            kept.push(raw);
        }
    }
    kept.sort_by_key(|r| r.secret.start);
    kept
}

impl Allow {
    fn accepts(&self, detector: usize, path: &str, value_hash: &str) -> bool {
        self.detectors.as_ref().is_none_or(|d| d.contains(&detector))
            && self.paths.as_ref().is_none_or(|g| g.is_match(path))
            && (self.values.is_empty() || self.values.contains(value_hash))
    }
}

fn resolve(entry: &SecretAllow, detectors: &[Compiled]) -> Result<Allow, Diagnostic> {
    let mut wanted = None;
    if !entry.ids.is_empty() {
        let mut set = FxHashSet::default();
        for id in &entry.ids {
            let before = set.len();
            set.extend(
                detectors
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.detector.meta.answers_to(id))
                    .map(|(i, _)| i),
            );
            if set.len() == before {
                return Err(Diagnostic {
                    path: Arc::clone(&entry.origin.path),
                    line: entry.origin.line,
                    column: None,
                    message: format!(
                        "`{id}` in `secrets.allow` names no secret rule (list them with `palisade rules`)"
                    ),
                });
            }
        }
        wanted = Some(set);
    }
    Ok(Allow {
        detectors: wanted,
        paths: entry.paths.clone(),
        values: entry.values.iter().cloned().collect(),
    })
}

/// Whether a comment allows the secret starting at `at`: on its line, `palisade:ignore[=IDS]`,
/// `pragma: allowlist secret` or `gitleaks:allow`; on the line before, `palisade:ignore=IDS` or
/// `pragma: allowlist nextline secret`.
fn pragma_allows(bytes: &[u8], at: usize, detector: &Detector) -> bool {
    // Pragmas sit near the secret: a minified line of megabytes is not read whole per finding.
    const NEAR: usize = 4096;
    let floor = at.saturating_sub(NEAR);
    let start = memchr::memrchr(b'\n', &bytes[floor..at]).map_or(floor, |i| floor + i + 1);
    let ceiling = bytes.len().min(at + NEAR);
    let end = memchr::memchr(b'\n', &bytes[at..ceiling]).map_or(ceiling, |i| at + i);
    let line = &bytes[start..end];
    if validate::contains(line, b"pragma: allowlist secret")
        || validate::contains(line, b"gitleaks:allow")
        || palisade_ignore(line, detector, true)
    {
        return true;
    }
    if start == 0 || bytes[start - 1] != b'\n' {
        return false;
    }
    let floor = (start - 1).saturating_sub(NEAR);
    let prev_start = memchr::memrchr(b'\n', &bytes[floor..start - 1]).map_or(floor, |i| floor + i + 1);
    let prev = &bytes[prev_start..start - 1];
    validate::contains(prev, b"pragma: allowlist nextline secret") || palisade_ignore(prev, detector, false)
}

/// `palisade:ignore=SEC001,aws-access-token reason`; a bare `palisade:ignore` (same line only)
/// covers every rule.
fn palisade_ignore(line: &[u8], detector: &Detector, bare_ok: bool) -> bool {
    let Some(at) = memchr::memmem::find(line, b"palisade:ignore") else {
        return false;
    };
    let rest = &line[at + b"palisade:ignore".len()..];
    let Some(ids) = rest.strip_prefix(b"=") else {
        return bare_ok;
    };
    let ids = ids.split(u8::is_ascii_whitespace).next().unwrap_or_default();
    ids.split(|&c| c == b',')
        .filter_map(|id| std::str::from_utf8(id).ok())
        .any(|id| detector.meta.answers_to(id))
}

/// A NUL byte in the first 8 KiB.
fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)]).is_some()
}

/// Program source, where literals are quoted: an unquoted value there is an expression.
fn is_source_code(path: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "py", "js", "mjs", "cjs", "jsx", "ts", "tsx", "go", "java", "kt", "kts", "scala", "groovy", "gradle",
        "rb", "php", "cs", "vb", "fs", "c", "h", "cc", "cpp", "hpp", "rs", "swift", "m", "mm", "dart", "lua",
        "pl", "r", "ex", "exs", "erl", "clj", "jl", "tf", "hcl", "vue", "svelte",
    ];
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// Line and column (1-based, columns in characters) of byte offsets asked in increasing order.
struct Positions<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u32,
    /// Characters from the start of the line to `offset`, so that many positions on one long
    /// line are counted once.
    column: usize,
}

impl<'a> Positions<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Positions {
            bytes,
            offset: 0,
            line: 1,
            column: 0,
        }
    }

    fn at(&mut self, offset: usize) -> (u32, u32) {
        if offset < self.offset {
            *self = Positions::new(self.bytes);
        }
        let span = &self.bytes[self.offset..offset];
        let counted = match memchr::memrchr(b'\n', span) {
            Some(nl) => {
                self.line = self.line.saturating_add(
                    u32::try_from(memchr::memchr_iter(b'\n', span).count()).unwrap_or(u32::MAX),
                );
                self.column = 0;
                &span[nl + 1..]
            }
            None => span,
        };
        self.column += counted.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        self.offset = offset;
        (self.line, u32::try_from(self.column + 1).unwrap_or(u32::MAX))
    }
}
