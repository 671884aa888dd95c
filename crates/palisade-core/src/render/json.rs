//! `--format json`: the `palisade.report/v1` contract (DESIGN.md §3), which users and tests script
//! against. Keys and their order are fixed here; add keys, never rename or remove them.
//! Extensions beyond the documented contract: `warnings`, `skipped` and `summary.suppressed`.
//!
//! The text is what `serde_json::to_writer_pretty` gives for the document (the tests keep that
//! serde form as an oracle), but written by hand: every finding repeats its rule's title,
//! remediation, references and aliases, which would otherwise be escaped again for each of
//! thousands of findings. Here they are escaped once per rule and copied as fragments.

use std::convert::Infallible;
use std::io;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{RenderOptions, rule_doc};
use crate::{Diagnostic, Finding, ObjectRef, Report, Severity};

const SCHEMA: &str = "palisade.report/v1";

/// Rendered text is handed to the writer in pieces of about this size.
const FLUSH_AT: usize = 1 << 16;

pub(super) fn render(
    report: &Report,
    options: &RenderOptions<'_>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut buf = Vec::with_capacity(2 * FLUSH_AT);
    buf.extend_from_slice(b"{\n  \"schema\": ");
    string(&mut buf, SCHEMA);
    buf.extend_from_slice(b",\n  \"tool\": {\n    \"name\": \"palisade\",\n    \"version\": ");
    string(&mut buf, options.tool_version);
    buf.extend_from_slice(b"\n  },\n  \"findings\": ");
    findings(report, &mut buf, out)?;
    for (key, list) in [
        ("errors", &report.errors),
        ("warnings", &report.warnings),
        ("skipped", &report.skipped),
    ] {
        buf.extend_from_slice(b",\n  \"");
        buf.extend_from_slice(key.as_bytes());
        buf.extend_from_slice(b"\": ");
        array(&mut buf, 1, list, |buf, d| {
            diagnostic(buf, d);
            flush(buf, out, FLUSH_AT)
        })?;
    }
    buf.extend_from_slice(b",\n  \"summary\": {\n    \"files\": ");
    number(&mut buf, report.files);
    buf.extend_from_slice(b",\n    \"objects\": ");
    number(&mut buf, report.objects);
    buf.extend_from_slice(b",\n    \"findings\": {");
    // Every level, zero included, most severe first.
    let counts = report.counts();
    for (i, level) in Severity::ALL.into_iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n      \"" } else { b",\n      \"" });
        buf.extend_from_slice(level.as_str().as_bytes());
        buf.extend_from_slice(b"\": ");
        number(&mut buf, counts.get(&level).copied().unwrap_or(0));
    }
    buf.extend_from_slice(b"\n    },\n    \"suppressed\": ");
    number(&mut buf, report.suppressed);
    buf.extend_from_slice(b"\n  }\n}\n");
    flush(&mut buf, out, 0)?;
    out.flush()
}

/// Hands `buf` to `out` once it holds at least `at` bytes.
fn flush(buf: &mut Vec<u8>, out: &mut dyn io::Write, at: usize) -> io::Result<()> {
    if buf.len() >= at && !buf.is_empty() {
        out.write_all(buf)?;
        buf.clear();
    }
    Ok(())
}

/// The findings array (at depth 1, after its key).
fn findings(report: &Report, buf: &mut Vec<u8>, out: &mut dyn io::Write) -> io::Result<()> {
    let mut rules: FxHashMap<&str, RuleText> = FxHashMap::default();
    let mut places = Places::default();
    array(buf, 1, &report.findings, |buf, f| {
        let rule = rules
            .entry(&f.rule)
            .or_insert_with(|| RuleText::new(report, &f.rule));
        finding(buf, rule, &mut places, f);
        flush(buf, out, FLUSH_AT)
    })
}

/// A JSON array of `items` whose key is indented `depth` levels, each item written by `item`
/// (which starts at the item's indentation and may flush `buf`).
fn array<'a, T, E>(
    buf: &mut Vec<u8>,
    depth: usize,
    items: &'a [T],
    mut item: impl FnMut(&mut Vec<u8>, &'a T) -> Result<(), E>,
) -> Result<(), E> {
    if items.is_empty() {
        buf.extend_from_slice(b"[]");
        return Ok(());
    }
    buf.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        newline(buf, depth + 1);
        item(buf, x)?;
    }
    newline(buf, depth);
    buf.push(b']');
    Ok(())
}

/// What every finding of one rule repeats, escaped once: the text before the severity, between
/// the severity and the message, and after the location.
struct RuleText {
    head: Vec<u8>,
    title: Vec<u8>,
    tail: Vec<u8>,
}

impl RuleText {
    fn new(report: &Report, code: &str) -> RuleText {
        let doc = rule_doc(report, code);
        let no_strings: &[String] = &[];
        let mut head = b"{\n      \"rule\": ".to_vec();
        string(&mut head, code);
        head.extend_from_slice(b",\n      \"aliases\": ");
        strings(&mut head, 3, doc.map_or(no_strings, |d| &d.aliases));
        head.extend_from_slice(b",\n      \"severity\": \"");
        let mut title = b"\",\n      \"title\": ".to_vec();
        string(&mut title, doc.map_or(code, |d| &d.title));
        title.extend_from_slice(b",\n      \"message\": ");
        let mut tail = b",\n      \"remediation\": ".to_vec();
        string(&mut tail, doc.map_or("", |d| &d.remediation));
        tail.extend_from_slice(b",\n      \"references\": ");
        strings(&mut tail, 3, doc.map_or(no_strings, |d| &d.references));
        tail.extend_from_slice(b"\n    }");
        RuleText { head, title, tail }
    }
}

/// The escaped path and object of the finding before: findings come sorted by place, so runs of
/// them share both (by `Arc`).
#[derive(Default)]
struct Places<'a> {
    path: Option<&'a Arc<str>>,
    path_text: Vec<u8>,
    object: Option<&'a Arc<ObjectRef>>,
    object_text: Vec<u8>,
}

/// One finding, at depth 2.
fn finding<'a>(buf: &mut Vec<u8>, rule: &RuleText, places: &mut Places<'a>, f: &'a Finding) {
    let l = &f.location;
    buf.extend_from_slice(&rule.head);
    buf.extend_from_slice(f.severity.as_str().as_bytes());
    buf.extend_from_slice(&rule.title);
    string(buf, &f.message);
    buf.extend_from_slice(b",\n      \"location\": {\n        \"path\": ");
    if !places.path.is_some_and(|p| Arc::ptr_eq(p, &l.path)) {
        places.path = Some(&l.path);
        places.path_text.clear();
        string(&mut places.path_text, &l.path);
    }
    buf.extend_from_slice(&places.path_text);
    buf.extend_from_slice(b",\n        \"line\": ");
    number(buf, l.line);
    buf.extend_from_slice(b",\n        \"column\": ");
    number(buf, l.column);
    buf.extend_from_slice(b",\n        \"end_line\": ");
    number(buf, l.end_line);
    buf.extend_from_slice(b",\n        \"end_column\": ");
    number(buf, l.end_column);
    if let Some(o) = &l.object {
        if !places.object.is_some_and(|p| Arc::ptr_eq(p, o)) {
            places.object = Some(o);
            places.object_text.clear();
            object(&mut places.object_text, o);
        }
        buf.extend_from_slice(&places.object_text);
    }
    if let Some(field) = l.field.as_deref() {
        buf.extend_from_slice(b",\n        \"field\": ");
        string(buf, field);
    }
    buf.extend_from_slice(b"\n      }");
    buf.extend_from_slice(&rule.tail);
}

/// The `object` key of a location, with the comma before it. Namespace and name are `null` when
/// the object has none (cluster-scoped, or unnamed), so the four keys are always there.
fn object(buf: &mut Vec<u8>, o: &ObjectRef) {
    buf.extend_from_slice(b",\n        \"object\": {\n          \"apiVersion\": ");
    string(buf, &o.api_version);
    buf.extend_from_slice(b",\n          \"kind\": ");
    string(buf, &o.kind);
    buf.extend_from_slice(b",\n          \"namespace\": ");
    optional_string(buf, o.namespace.as_deref());
    buf.extend_from_slice(b",\n          \"name\": ");
    optional_string(buf, o.name.as_deref());
    buf.extend_from_slice(b"\n        }");
}

/// One error, warning or skipped input, at depth 2.
fn diagnostic(buf: &mut Vec<u8>, d: &Diagnostic) {
    buf.extend_from_slice(b"{\n      \"path\": ");
    string(buf, &d.path);
    buf.extend_from_slice(b",\n      \"line\": ");
    optional_number(buf, d.line);
    buf.extend_from_slice(b",\n      \"column\": ");
    optional_number(buf, d.column);
    buf.extend_from_slice(b",\n      \"message\": ");
    string(buf, &d.message);
    buf.extend_from_slice(b"\n    }");
}

/// A list of strings whose key is indented `depth` levels.
fn strings(buf: &mut Vec<u8>, depth: usize, items: &[String]) {
    let Ok(()) = array(buf, depth, items, |buf, s| {
        string(buf, s);
        Ok::<(), Infallible>(())
    });
}

fn newline(buf: &mut Vec<u8>, depth: usize) {
    const SPACES: &[u8] = b"                                ";
    buf.push(b'\n');
    buf.extend_from_slice(&SPACES[..2 * depth]);
}

fn number(buf: &mut Vec<u8>, n: impl itoa::Integer) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn optional_number(buf: &mut Vec<u8>, n: Option<u32>) {
    match n {
        Some(n) => number(buf, n),
        None => buf.extend_from_slice(b"null"),
    }
}

fn optional_string(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

/// A JSON string, escaped as serde_json escapes: `"`, `\` and control characters; everything
/// else, non-ASCII included, as is.
fn string(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    buf.reserve(bytes.len() + 2);
    buf.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping, which is nearly always.
        if let Some(word) = bytes.get(i..i + 8) {
            if !needs_escape(u64::from_le_bytes(word.try_into().unwrap_or_default())) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape = ESCAPE[usize::from(b)];
        if escape != 0 {
            buf.extend_from_slice(&bytes[start..i]);
            if escape == b'u' {
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[usize::from(b >> 4)]);
                buf.push(HEX[usize::from(b & 0xf)]);
            } else {
                buf.push(b'\\');
                buf.push(escape);
            }
            start = i + 1;
        }
        i += 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// Whether any of the eight bytes of `word` is a control character, `"` or `\` (the classic
/// zero-byte test, exact in telling whether there is one).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    // Bytes below 0x20, and bytes equal to each of the two.
    word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

/// For each byte, 0 when it stands for itself, else the letter after the backslash (`u` for the
/// `\u00XX` form).
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use super::*;
    use crate::{Location, RuleDoc};

    /// The renderer as it was first written, through serde: the hand-written one must give
    /// exactly its text.
    mod serde_form {
        use serde::Serialize;
        use serde::ser::SerializeMap;

        use crate::render::{RenderOptions, rule_doc};
        use crate::{Diagnostic, Finding, ObjectRef, Report, Severity};

        #[derive(Serialize)]
        struct Document<'a> {
            schema: &'static str,
            tool: Tool<'a>,
            findings: Vec<JsonFinding<'a>>,
            errors: Vec<JsonDiagnostic<'a>>,
            warnings: Vec<JsonDiagnostic<'a>>,
            skipped: Vec<JsonDiagnostic<'a>>,
            summary: Summary,
        }

        #[derive(Serialize)]
        struct Tool<'a> {
            name: &'static str,
            version: &'a str,
        }

        #[derive(Serialize)]
        struct JsonFinding<'a> {
            rule: &'a str,
            aliases: &'a [String],
            severity: &'static str,
            title: &'a str,
            message: &'a str,
            location: JsonLocation<'a>,
            remediation: &'a str,
            references: &'a [String],
        }

        #[derive(Serialize)]
        struct JsonLocation<'a> {
            path: &'a str,
            line: u32,
            column: u32,
            end_line: u32,
            end_column: u32,
            #[serde(skip_serializing_if = "Option::is_none")]
            object: Option<JsonObject<'a>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            field: Option<&'a str>,
        }

        #[derive(Serialize)]
        struct JsonObject<'a> {
            #[serde(rename = "apiVersion")]
            api_version: &'a str,
            kind: &'a str,
            namespace: Option<&'a str>,
            name: Option<&'a str>,
        }

        #[derive(Serialize)]
        struct JsonDiagnostic<'a> {
            path: &'a str,
            line: Option<u32>,
            column: Option<u32>,
            message: &'a str,
        }

        #[derive(Serialize)]
        struct Summary {
            files: usize,
            objects: usize,
            findings: Counts,
            suppressed: usize,
        }

        struct Counts(std::collections::BTreeMap<Severity, usize>);

        impl Serialize for Counts {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(Severity::ALL.len()))?;
                for level in Severity::ALL {
                    map.serialize_entry(level.as_str(), &self.0.get(&level).copied().unwrap_or(0))?;
                }
                map.end()
            }
        }

        pub(super) fn render(report: &Report, options: &RenderOptions<'_>) -> String {
            let document = Document {
                schema: super::SCHEMA,
                tool: Tool {
                    name: "palisade",
                    version: options.tool_version,
                },
                findings: report.findings.iter().map(|f| finding(report, f)).collect(),
                errors: report.errors.iter().map(diagnostic).collect(),
                warnings: report.warnings.iter().map(diagnostic).collect(),
                skipped: report.skipped.iter().map(diagnostic).collect(),
                summary: Summary {
                    files: report.files,
                    objects: report.objects,
                    findings: Counts(report.counts()),
                    suppressed: report.suppressed,
                },
            };
            serde_json::to_string_pretty(&document).unwrap() + "\n"
        }

        fn finding<'a>(report: &'a Report, f: &'a Finding) -> JsonFinding<'a> {
            let doc = rule_doc(report, &f.rule);
            let l = &f.location;
            JsonFinding {
                rule: &f.rule,
                aliases: doc.map_or(&[], |d| &d.aliases),
                severity: f.severity.as_str(),
                title: doc.map_or(&f.rule, |d| &d.title),
                message: &f.message,
                location: JsonLocation {
                    path: &l.path,
                    line: l.line,
                    column: l.column,
                    end_line: l.end_line,
                    end_column: l.end_column,
                    object: l.object.as_deref().map(object),
                    field: l.field.as_deref(),
                },
                remediation: doc.map_or("", |d| &d.remediation),
                references: doc.map_or(&[], |d| &d.references),
            }
        }

        fn object(o: &ObjectRef) -> JsonObject<'_> {
            JsonObject {
                api_version: &o.api_version,
                kind: &o.kind,
                namespace: o.namespace.as_deref(),
                name: o.name.as_deref(),
            }
        }

        fn diagnostic(d: &Diagnostic) -> JsonDiagnostic<'_> {
            JsonDiagnostic {
                path: &d.path,
                line: d.line,
                column: d.column,
                message: &d.message,
            }
        }
    }

    /// Text that needs every kind of escape, and some that needs none.
    const AWKWARD: &[&str] = &[
        "",
        "plain",
        "quote \" and backslash \\ and slash /",
        "tab\there, newline\nthere, cr\r, bs\u{8}, ff\u{c}, nul\u{0}, esc\u{1b}[2J, us\u{1f}, del\u{7f}",
        "网页 — ünïcödé, 🦀, \u{2028}",
        "exactly 8",
        "\"\"\"\"\"\"\"\"\"",
        "a long message whose escapes fall on either side of eight-byte words\u{1}\u{2}\u{3}\"xyz\\",
    ];

    fn awkward(i: usize) -> &'static str {
        AWKWARD[i % AWKWARD.len()]
    }

    fn report() -> Report {
        let object = |i: usize| {
            Arc::new(ObjectRef {
                api_version: awkward(i).to_owned(),
                kind: "Pod".to_owned(),
                namespace: (i % 2 == 0).then(|| awkward(i + 1).to_owned()),
                name: (i % 3 != 0).then(|| awkward(i + 2).to_owned()),
            })
        };
        let paths: Vec<Arc<str>> = (0..3)
            .map(|i| Arc::from(format!("dir/{}.yaml", awkward(i))))
            .collect();
        let objects: Vec<_> = (0..4).map(object).collect();
        let rules = ["K8S001", "K8S002", "NO-DOC"];
        let findings = (0..40)
            .map(|i| Finding {
                rule: Cow::Borrowed(rules[i % 3]),
                severity: Severity::ALL[i % 5],
                message: format!("{} #{i}", awkward(i)),
                location: Location {
                    path: Arc::clone(&paths[i / 15]),
                    line: u32::try_from(i).unwrap(),
                    column: 1,
                    end_line: 2 * u32::try_from(i).unwrap(),
                    end_column: 1_000_000,
                    object: (i % 7 != 0).then(|| Arc::clone(&objects[i / 10])),
                    field: (i % 5 != 0).then(|| format!("spec.{}", awkward(i + 3))),
                },
                concern: Cow::Borrowed("c"),
            })
            .collect();
        let doc = |code: &str, n: usize| RuleDoc {
            code: code.to_owned(),
            aliases: (0..n).map(|i| awkward(i + 4).to_owned()).collect(),
            severity: Severity::High,
            title: awkward(n + 3).to_owned(),
            description: String::new(),
            remediation: awkward(n + 2).to_owned(),
            references: (0..n)
                .map(|i| format!("https://example.com/{}", awkward(i)))
                .collect(),
        };
        let diagnostic = |i: usize| Diagnostic {
            path: Arc::from(awkward(i)),
            line: (i % 2 == 0).then_some(u32::try_from(i).unwrap()),
            column: (i % 3 == 0).then_some(7),
            message: awkward(i + 1).to_owned(),
        };
        Report {
            findings,
            rules: [("K8S001", 0), ("K8S002", 3)]
                .into_iter()
                .map(|(code, n)| (code.to_owned(), doc(code, n)))
                .collect(),
            errors: (0..3).map(diagnostic).collect(),
            warnings: vec![diagnostic(4)],
            skipped: Vec::new(),
            files: 3,
            objects: 4,
            suppressed: 2,
            lang: crate::Lang::En,
        }
    }

    fn rendered(report: &Report, options: &RenderOptions<'_>) -> String {
        let mut out = Vec::new();
        render(report, options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_is_what_serde_json_gives() {
        let options = RenderOptions {
            tool_version: "0.1.0 \"test\"",
            ..RenderOptions::default()
        };
        let full = report();
        let empty = Report::default();
        let only_findings = Report {
            errors: Vec::new(),
            warnings: Vec::new(),
            ..report()
        };
        // More findings than one flush holds.
        let many = Report {
            findings: (0..200).flat_map(|_| report().findings).collect(),
            ..report()
        };
        for report in [&full, &empty, &only_findings, &many] {
            assert_eq!(rendered(report, &options), serde_form::render(report, &options));
        }
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        let mut texts: Vec<String> = AWKWARD.iter().map(|s| (*s).to_owned()).collect();
        // Every ASCII character, at every offset in an eight-byte word.
        for c in (0u8..=0x7f).map(char::from) {
            for at in 0..10 {
                let mut text = "x".repeat(at);
                text.push(c);
                text.push_str("yyyyyyyy");
                texts.push(text);
            }
        }
        for text in texts {
            let mut buf = Vec::new();
            string(&mut buf, &text);
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                serde_json::to_string(&text).unwrap()
            );
        }
    }
}
