//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. One run; one rule per code that
//! a finding names, with the text of the report's language; one result per finding, located by
//! region and, for Kubernetes, by object and field; errors, warnings and skipped inputs as tool
//! execution notifications.
//!
//! Spec: <https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html>; GitHub's subset:
//! <https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning>.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{RenderOptions, colon, rule_doc, t};
use crate::baseline::fingerprint_input;
use crate::{Diagnostic, Finding, Lang, Location, Report, RuleDoc, Severity};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");
/// The key of our fingerprint in `partialFingerprints`; bump the version if its input changes.
const FINGERPRINT: &str = "palisade/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    results: Vec<SarifResult<'a>>,
    /// Our columns count characters (Unicode code points), not SARIF's default UTF-16 units.
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    information_uri: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: String,
    short_description: Message<'a>,
    full_description: Message<'a>,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    precision: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Message<'a>,
    locations: [SarifLocation; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Message<'a>,
    locations: [SarifLocation; 1],
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions<'_>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    // One rule per code named by a finding, in code order; a code's rule severity is the highest
    // of its findings (its default unless the configuration overrode it), since GitHub ranks
    // alerts by the rule's `security-severity`.
    let mut codes: BTreeMap<&str, Severity> = BTreeMap::new();
    for f in &report.findings {
        let s = codes.entry(&f.rule).or_insert(f.severity);
        *s = (*s).max(f.severity);
    }
    let index: HashMap<&str, usize> = codes.keys().enumerate().map(|(i, c)| (*c, i)).collect();
    let rules = codes
        .iter()
        .map(|(code, severity)| rule(report.lang, code, *severity, rule_doc(report, code)))
        .collect();

    let mut seen: HashMap<String, usize> = HashMap::new();
    let results = report
        .findings
        .iter()
        .map(|f| {
            let key = fingerprint_input(f);
            let occurrence = seen.entry(key.clone()).or_insert(0);
            let fingerprint = fingerprint(&key, *occurrence);
            *occurrence += 1;
            result(report, f, index[f.rule.as_ref()], fingerprint)
        })
        .collect();

    let notifications = [
        ("error", &report.errors),
        ("warning", &report.warnings),
        ("note", &report.skipped),
    ]
    .into_iter()
    .flat_map(|(level, list)| list.iter().map(move |d| notification(level, d)))
    .collect();

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "palisade",
                    version: options.tool_version,
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            invocations: [Invocation {
                // Inputs that could not be parsed do not stop a scan; it failed only if nothing
                // could be scanned at all.
                execution_successful: report.errors.is_empty() || report.files > 0,
                tool_execution_notifications: notifications,
            }],
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn rule<'a>(lang: Lang, code: &'a str, severity: Severity, doc: Option<&'a RuleDoc>) -> Rule<'a> {
    let title = doc.map_or(code, |d| d.title.as_str());
    let description = doc.map_or(title, |d| {
        if d.description.is_empty() {
            title
        } else {
            &d.description
        }
    });
    let (remediation, references) = doc.map_or(("", &[][..]), |d| (&d.remediation[..], &d.references[..]));
    Rule {
        id: code,
        name: pascal_case(title).unwrap_or_else(|| pascal_case(code).unwrap_or_else(|| code.to_owned())),
        short_description: Message { text: title },
        full_description: Message { text: description },
        help: help(lang, title, remediation, references),
        help_uri: references
            .first()
            .map(String::as_str)
            .filter(|r| is_absolute_uri(r)),
        default_configuration: Configuration {
            level: level(severity),
        },
        properties: RuleProperties {
            tags: vec!["security", family(code)],
            security_severity: severity.security_score(),
            precision: "high",
        },
    }
}

/// `Privileged container` → `PrivilegedContainer`. `None` for titles that are not plain ASCII
/// words (a Chinese title has no Pascal case; the code serves as the name then).
fn pascal_case(title: &str) -> Option<String> {
    if !title.is_ascii() {
        return None;
    }
    let mut name = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars);
        }
    }
    (!name.is_empty()).then_some(name)
}

/// The input family a code belongs to (DESIGN.md §3, rule codes), as a tag to filter alerts by.
fn family(code: &str) -> &'static str {
    let prefix = code.trim_end_matches(|c: char| c.is_ascii_digit());
    match prefix.split('-').next().unwrap_or(prefix) {
        "K8S" | "PSS" | "NET" | "RBAC" | "MESH" | "ING" | "CIS" | "AUD" => "kubernetes",
        "DF" => "dockerfile",
        "DC" => "compose",
        "DR" => "docker-run",
        "SEC" => "secrets",
        "IMG" => "image",
        _ => "vulnerability",
    }
}

fn help(lang: Lang, title: &str, remediation: &str, references: &[String]) -> Help {
    let mut text = String::from(if remediation.is_empty() {
        title
    } else {
        remediation
    });
    let mut markdown = if remediation.is_empty() {
        format!("**{}**", markdown_escape(title))
    } else {
        format!(
            "**{}**{}{}",
            t(lang, "Remediation", "修复建议"),
            colon(lang),
            markdown_escape(remediation)
        )
    };
    if !references.is_empty() {
        let (heading, colon) = (t(lang, "References", "参考资料"), colon(lang).trim_end());
        let _ = write!(text, "\n\n{heading}{colon}");
        let _ = write!(markdown, "\n\n**{heading}**{colon}\n");
        for r in references {
            let _ = write!(text, "\n- {r}");
            if is_absolute_uri(r) {
                let _ = write!(markdown, "\n- <{r}>");
            } else {
                let _ = write!(markdown, "\n- {}", markdown_escape(r));
            }
        }
    }
    Help { text, markdown }
}

/// Remediation text often names fields and values (`securityContext.privileged: false`); keep
/// Markdown from reading `*`, `_`, `<` and friends in them as markup. Code spans stay as written:
/// a backslash inside one would be shown.
fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && matches!(c, '\\' | '*' | '_' | '<' | '>' | '[' | ']' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn result<'a>(report: &'a Report, f: &'a Finding, rule_index: usize, fingerprint: String) -> SarifResult<'a> {
    let text = if f.message.is_empty() {
        rule_doc(report, &f.rule).map_or(&f.rule[..], |d| &d.title[..])
    } else {
        &f.message
    };
    SarifResult {
        rule_id: &f.rule,
        rule_index,
        level: level(f.severity),
        message: Message { text },
        locations: [location(&f.location)],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT, fingerprint)]),
    }
}

fn location(l: &Location) -> SarifLocation {
    let ends = l.end_line >= l.line && l.end_line > 0;
    let region = (l.line > 0).then(|| Region {
        start_line: l.line,
        start_column: (l.column > 0).then_some(l.column),
        end_line: ends.then_some(l.end_line),
        end_column: (ends && l.end_column > 0).then_some(l.end_column),
    });
    let mut logical = Vec::new();
    if let Some(object) = &l.object {
        logical.push(LogicalLocation {
            fully_qualified_name: object.to_string(),
            kind: "resource",
        });
    }
    if let Some(field) = &l.field {
        logical.push(LogicalLocation {
            fully_qualified_name: field.clone(),
            kind: "property",
        });
    }
    SarifLocation {
        physical_location: PhysicalLocation {
            artifact_location: artifact(&l.path),
            region,
        },
        logical_locations: logical,
    }
}

fn notification<'a>(level: &'static str, d: &'a Diagnostic) -> Notification<'a> {
    let region = d.line.filter(|l| *l > 0).map(|line| Region {
        start_line: line,
        start_column: d.column.filter(|c| *c > 0),
        end_line: None,
        end_column: None,
    });
    Notification {
        level,
        message: Message { text: &d.message },
        locations: [SarifLocation {
            physical_location: PhysicalLocation {
                artifact_location: artifact(&d.path),
                region,
            },
            logical_locations: Vec::new(),
        }],
    }
}

/// A scanned path as an artifact location: relative paths as URI references with forward
/// slashes against `%SRCROOT%` (the checkout GitHub resolves them in), absolute paths as
/// `file://` URIs.
fn artifact(path: &str) -> ArtifactLocation {
    let slashed = path.replace('\\', "/");
    let drive = slashed.len() >= 3
        && slashed.as_bytes()[0].is_ascii_alphabetic()
        && &slashed.as_bytes()[1..3] == b":/";
    if slashed.starts_with('/') || drive {
        let (prefix, rest) = if drive {
            (format!("file:///{}", &slashed[..2]), &slashed[2..])
        } else {
            ("file://".to_owned(), &slashed[..])
        };
        return ArtifactLocation {
            uri: prefix + &percent_encode(rest),
            uri_base_id: None,
        };
    }
    let mut relative = &slashed[..];
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest.trim_start_matches('/');
    }
    ArtifactLocation {
        uri: percent_encode(relative),
        uri_base_id: (relative != "-").then_some("%SRCROOT%"),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, sub-delimiters, `@` and `/`.
/// `:` is encoded too, so a first segment like `a:b.yaml` is not read as a scheme.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    !rest.is_empty()
        && !s.contains(char::is_whitespace)
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// SHA-256 of the input; the n-th repetition of one input in a report (a rule found twice in a
/// Dockerfile, which has no objects or fields) adds its ordinal, so each alert stays distinct.
fn fingerprint(key: &str, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    hasher.update(key.as_bytes());
    if occurrence > 0 {
        hasher.update(format!("\0#{occurrence}").as_bytes());
    }
    let mut hex = String::with_capacity(64);
    for b in hasher.finalize() {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        let uri = |p| {
            let a = artifact(p);
            (a.uri, a.uri_base_id)
        };
        let root = Some("%SRCROOT%");
        assert_eq!(uri("deploy/app.yaml"), ("deploy/app.yaml".into(), root));
        assert_eq!(
            uri("./deploy\\my app#1.yaml"),
            ("deploy/my%20app%231.yaml".into(), root)
        );
        assert_eq!(
            uri("a:b/配置.yaml"),
            ("a%3Ab/%E9%85%8D%E7%BD%AE.yaml".into(), root)
        );
        assert_eq!(uri("/srv/x.yaml"), ("file:///srv/x.yaml".into(), None));
        assert_eq!(uri("C:\\k8s\\x.yaml"), ("file:///C:/k8s/x.yaml".into(), None));
        assert_eq!(uri("-"), ("-".into(), None));
    }

    #[test]
    fn rule_names_are_pascal_case_titles_or_codes() {
        assert_eq!(
            pascal_case("Privileged container").as_deref(),
            Some("PrivilegedContainer")
        );
        assert_eq!(
            pascal_case("hostPath volume (writable)").as_deref(),
            Some("HostPathVolumeWritable")
        );
        assert_eq!(pascal_case("特权容器"), None);
        assert_eq!(pascal_case("PSS-privileged").as_deref(), Some("PSSPrivileged"));
    }

    #[test]
    fn families_by_code() {
        assert_eq!(family("K8S001"), "kubernetes");
        assert_eq!(family("PSS-privileged"), "kubernetes");
        assert_eq!(family("DF004"), "dockerfile");
        assert_eq!(family("CVE-2024-1234"), "vulnerability");
    }

    #[test]
    fn markdown_is_escaped_outside_code_spans() {
        assert_eq!(
            markdown_escape("run_as *root* `a_b*c`"),
            "run\\_as \\*root\\* `a_b*c`"
        );
    }
}
