//! The spanned tree: nodes that remember where they were written, and scalars resolved the way
//! Kubernetes resolves them.

use std::fmt;

use compact_str::CompactString;

/// A position in the source: 1-based line, 1-based column (in characters), and the byte offset
/// in the stream.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mark {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

/// Where a node starts and ends in its source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: Mark,
    pub end: Mark,
}

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A scalar as written: its text after YAML's escapes and folding, its style, and its tag if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// Inline up to 24 bytes: keys and most values need no allocation, and comparing a key
    /// touches only the node (lookups over large trees are bound by cache misses).
    pub text: CompactString,
    pub style: Style,
    /// Boxed twice so that the rare tag costs one pointer in every scalar, not two.
    #[allow(clippy::box_collection)]
    pub tag: Option<Box<String>>,
}

/// The value a scalar resolves to. Kubernetes decodes manifests with go-yaml v2, whose implicit
/// typing is YAML 1.1's: `yes`/`on`/`y` are booleans and `0644` is octal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolved<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// One node of a document, with its span. Aliased nodes are copies of their anchor, spans included.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The node as written in `source` (the stream it was read from): quotes, escapes and
    /// all. An alias's copy gives its anchor's text.
    pub fn raw<'s>(&self, source: &'s str) -> Option<&'s str> {
        let text = source.get(self.span.start.offset..self.span.end.offset)?;
        // The parser's end mark of a scalar can lie past white space and a comment after it.
        // (`text` starts at the node, so its first character is the opening quote.)
        Some(match self.scalar().map(|s| s.style) {
            Some(Style::DoubleQuoted) => quoted_end(text, |rest| rest.starts_with('\\'), '"'),
            Some(Style::SingleQuoted) => quoted_end(text, |rest| rest.starts_with("''"), '\''),
            Some(Style::Plain) => text.split(" #").next().unwrap_or(text).trim_end(),
            _ => text,
        })
    }

    /// The text of a scalar, whatever it resolves to (`1.0` gives `"1.0"`); `None` for collections.
    pub fn as_text(&self) -> Option<&str> {
        self.scalar().map(|s| s.text.as_str())
    }

    /// The text of a scalar that resolves to a string (`"1.0"` or `abc`, not `1.0` or `null`).
    pub fn as_str(&self) -> Option<&str> {
        match self.resolve()? {
            Resolved::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.resolve()? {
            Resolved::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self.resolve()? {
            Resolved::Int(i) => Some(i),
            _ => None,
        }
    }

    /// True for a null scalar (`~`, `null`, empty).
    pub fn is_null(&self) -> bool {
        matches!(self.resolve(), Some(Resolved::Null))
    }

    /// The resolved value of a scalar; `None` for collections.
    pub fn resolve(&self) -> Option<Resolved<'_>> {
        self.scalar().map(Scalar::resolve)
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key` in a mapping, comparing the key's text (`on:` is found by `get("on")`).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_entry(key).map(|(_, v)| v)
    }

    /// The key node and value under `key`, for reporting at the key. When a key is written twice
    /// the last wins, as in Kubernetes' decoder.
    pub fn get_entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.as_map()?
            .iter()
            .rev()
            .find(|(k, _)| k.as_text() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// Follows a path of mapping keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// A short name of the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Seq(_) => "sequence",
            Value::Map(_) => "mapping",
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => "null",
                Resolved::Bool(_) => "boolean",
                Resolved::Int(_) => "integer",
                Resolved::Float(_) => "number",
                Resolved::Str(_) => "string",
            },
        }
    }
}

/// `text` up to and including its closing `quote`, skipping the escapes `escaped` recognises
/// (`\\` and the character after it in double quotes, `''` in single quotes).
fn quoted_end(text: &str, escaped: impl Fn(&str) -> bool, quote: char) -> &str {
    let mut i = 1;
    while i < text.len() {
        let rest = &text[i..];
        if escaped(rest) {
            i += 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
        } else if rest.starts_with(quote) {
            return &text[..=i];
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    text
}

impl Scalar {
    pub fn resolve(&self) -> Resolved<'_> {
        let text = self.text.as_str();
        match self.tag.as_deref().map(String::as_str) {
            None if self.style == Style::Plain => resolve_plain(text),
            Some("tag:yaml.org,2002:null") => Resolved::Null,
            Some("tag:yaml.org,2002:bool") => resolve_bool(text).map_or(Resolved::Str(text), Resolved::Bool),
            Some("tag:yaml.org,2002:int") => resolve_int(text).map_or(Resolved::Str(text), Resolved::Int),
            Some("tag:yaml.org,2002:float") => resolve_float(text)
                .or_else(|| {
                    resolve_int(text)
                        .and_then(|i| i32::try_from(i).ok())
                        .map(f64::from)
                })
                .map_or(Resolved::Str(text), Resolved::Float),
            // `!!str`, any other tag, and quoted or block scalars are strings.
            _ => Resolved::Str(text),
        }
    }
}
/// Implicit typing of a plain scalar, as go-yaml v2 (`resolve.go`) does it.
pub fn resolve_plain(text: &str) -> Resolved<'_> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        _ => {}
    }
    if let Some(b) = resolve_bool(text) {
        return Resolved::Bool(b);
    }
    let first = text.as_bytes()[0];
    if matches!(first, b'+' | b'-' | b'.' | b'0'..=b'9') {
        if let Some(i) = resolve_int(text) {
            return Resolved::Int(i);
        }
        if let Some(f) = resolve_float(text) {
            return Resolved::Float(f);
        }
    }
    Resolved::Str(text)
}

fn resolve_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)` after removing `_`: sign, then `0x`, `0o`, `0b` or a leading
/// `0` (octal) prefix, then digits of that base.
fn resolve_int(text: &str) -> Option<i64> {
    let plain: String;
    let text = if text.contains('_') {
        plain = text.replace('_', "");
        plain.as_str()
    } else {
        text
    };
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = digits.get(..2).map(str::to_ascii_lowercase);
    let (radix, body) = match lower.as_deref() {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ if digits.len() > 1 && digits.starts_with('0') => (8, &digits[1..]),
        _ => (10, digits),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(body, radix).ok()?;
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

fn resolve_float(text: &str) -> Option<f64> {
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return None;
        }
    } else {
        if digits(&mut i) == 0 {
            return None;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    text.parse().ok()
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        for t in ["yes", "Yes", "on", "ON", "y", "true", "TRUE"] {
            assert_eq!(resolve_plain(t), Resolved::Bool(true), "{t}");
        }
        for t in ["no", "off", "Off", "n", "false"] {
            assert_eq!(resolve_plain(t), Resolved::Bool(false), "{t}");
        }
        for t in ["", "~", "null", "NULL"] {
            assert_eq!(resolve_plain(t), Resolved::Null, "{t}");
        }
        assert_eq!(resolve_plain("yEs"), Resolved::Str("yEs"));
    }

    #[test]
    fn integers_follow_go_parse_int_base_zero() {
        assert_eq!(resolve_plain("0644"), Resolved::Int(0o644));
        assert_eq!(resolve_plain("0o644"), Resolved::Int(0o644));
        assert_eq!(resolve_plain("0x1F"), Resolved::Int(31));
        assert_eq!(resolve_plain("0b101"), Resolved::Int(5));
        assert_eq!(resolve_plain("-12"), Resolved::Int(-12));
        assert_eq!(resolve_plain("1_000"), Resolved::Int(1000));
        assert_eq!(resolve_plain("0"), Resolved::Int(0));
        assert_eq!(resolve_plain("-9223372036854775808"), Resolved::Int(i64::MIN));
        // 0999 is not octal; go-yaml v2 then falls through to its float pattern.
        assert_eq!(resolve_plain("0999"), Resolved::Float(999.0));
        assert_eq!(resolve_plain("99999999999999999999"), Resolved::Float(1e20));
        assert_eq!(resolve_plain("1.0"), Resolved::Float(1.0));
        assert_eq!(resolve_plain("1e3"), Resolved::Float(1000.0));
        assert_eq!(resolve_plain(".5"), Resolved::Float(0.5));
        assert_eq!(resolve_plain("1.2.3"), Resolved::Str("1.2.3"));
        assert_eq!(resolve_plain("-"), Resolved::Str("-"));
        assert_eq!(resolve_plain("+"), Resolved::Str("+"));
        assert_eq!(resolve_plain("0x"), Resolved::Str("0x"));
    }
}

#[cfg(test)]
mod size {
    /// Lookups over large trees are bound by cache misses: a map entry (two nodes) should stay
    /// within two cache lines.
    #[test]
    fn nodes_stay_small() {
        assert!(size_of::<super::Node>() <= 72, "{}", size_of::<super::Node>());
    }
}
