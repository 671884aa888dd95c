//! `--format junit`: `JUnit` XML for CI test views. One test suite per file; one failing test case
//! per finding; a file without findings passes one test case; an input that could not be scanned
//! is an `<error>`, a skipped one `<skipped>`; warnings go to the suite's `<system-err>`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

use super::{colon, rule_doc, t};
use crate::{Diagnostic, Finding, Lang, Report};

#[derive(Default)]
struct Suite<'a> {
    findings: Vec<&'a Finding>,
    errors: Vec<&'a Diagnostic>,
    warnings: Vec<&'a Diagnostic>,
    skipped: Vec<&'a Diagnostic>,
}

pub(super) fn render(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    let lang = report.lang;
    let mut suites: BTreeMap<&str, Suite<'_>> = BTreeMap::new();
    for f in &report.findings {
        suites.entry(&f.location.path).or_default().findings.push(f);
    }
    for d in &report.errors {
        suites.entry(&d.path).or_default().errors.push(d);
    }
    for d in &report.warnings {
        suites.entry(&d.path).or_default().warnings.push(d);
    }
    for d in &report.skipped {
        suites.entry(&d.path).or_default().skipped.push(d);
    }
    if suites.is_empty() {
        // CI views show an empty report as "no tests"; a clean scan is one passing test.
        suites.insert("palisade", Suite::default());
    }

    let mut body = String::new();
    let (mut tests, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
    for (path, suite) in &suites {
        let passing =
            usize::from(suite.findings.is_empty() && suite.errors.is_empty() && suite.skipped.is_empty());
        let count = suite.findings.len() + suite.errors.len() + suite.skipped.len() + passing;
        tests += count;
        failures += suite.findings.len();
        errors += suite.errors.len();
        skipped += suite.skipped.len();
        let _ = writeln!(
            body,
            r#"  <testsuite name="{}" tests="{count}" failures="{}" errors="{}" skipped="{}">"#,
            attr(path),
            suite.findings.len(),
            suite.errors.len(),
            suite.skipped.len()
        );
        for f in &suite.findings {
            testcase_finding(&mut body, report, f);
        }
        for d in &suite.errors {
            let _ = writeln!(
                body,
                "    <testcase classname=\"{path}\" name=\"{name}\">\n      <error message=\"{message}\" type=\"error\">{text}</error>\n    </testcase>",
                path = attr(path),
                name = attr(&case_name(t(lang, "error", "错误"), d)),
                message = attr(&d.message),
                text = text(&d.to_string()),
            );
        }
        for d in &suite.skipped {
            let _ = writeln!(
                body,
                "    <testcase classname=\"{path}\" name=\"{name}\">\n      <skipped message=\"{message}\"/>\n    </testcase>",
                path = attr(path),
                name = attr(&case_name(t(lang, "skipped", "已跳过"), d)),
                message = attr(&d.message),
            );
        }
        if passing == 1 {
            let _ = writeln!(
                body,
                r#"    <testcase classname="{}" name="{}"/>"#,
                attr(path),
                t(lang, "no findings", "未发现问题")
            );
        }
        if !suite.warnings.is_empty() {
            let mut warnings = String::new();
            for d in &suite.warnings {
                let _ = writeln!(warnings, "{}{}{d}", t(lang, "warning", "警告"), colon(lang));
            }
            let _ = writeln!(body, "    <system-err>{}</system-err>", text(&warnings));
        }
        body.push_str("  </testsuite>\n");
    }

    let mut doc = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        doc,
        r#"<testsuites name="palisade" tests="{tests}" failures="{failures}" errors="{errors}" skipped="{skipped}">"#
    );
    doc.push_str(&body);
    doc.push_str("</testsuites>\n");
    out.write_all(doc.as_bytes())
}

/// `K8S001 21:11 Pod/prod/web spec.containers[0].securityContext.privileged`: stable across
/// runs, so CI can follow a test case from build to build.
fn testcase_finding(body: &mut String, report: &Report, f: &Finding) {
    let lang = report.lang;
    let l = &f.location;
    let mut name = f.rule.to_string();
    if l.line > 0 {
        let _ = write!(name, " {}:{}", l.line, l.column);
    }
    if let Some(o) = &l.object {
        let _ = write!(name, " {o}");
    }
    if let Some(field) = &l.field {
        let _ = write!(name, " {field}");
    }

    let doc = rule_doc(report, &f.rule);
    let title = doc.map_or(&f.rule[..], |d| &d.title[..]);
    let mut details = format!("{} {} {title}\n{}", f.severity, f.rule, l.path);
    if l.line > 0 {
        let _ = write!(details, ":{}:{}", l.line, l.column);
    }
    details.push('\n');
    if let Some(o) = &l.object {
        let _ = writeln!(details, "{}{}{o}", t(lang, "object", "对象"), colon(lang));
    }
    if let Some(field) = &l.field {
        let _ = writeln!(details, "{}{}{field}", t(lang, "field", "字段"), colon(lang));
    }
    let _ = writeln!(details, "\n{}", f.message);
    if let Some(doc) = doc {
        remediation(&mut details, lang, &doc.remediation, &doc.references);
    }

    let message = if f.message.is_empty() { title } else { &f.message };
    let _ = writeln!(
        body,
        "    <testcase classname=\"{}\" name=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
        attr(&l.path),
        attr(&name),
        attr(message),
        f.severity,
        text(&details)
    );
}

fn remediation(details: &mut String, lang: Lang, remediation: &str, references: &[String]) {
    if !remediation.is_empty() {
        let _ = writeln!(
            details,
            "\n{}{}{remediation}",
            t(lang, "Remediation", "修复建议"),
            colon(lang)
        );
    }
    if !references.is_empty() {
        let _ = writeln!(
            details,
            "\n{}{}",
            t(lang, "References", "参考资料"),
            colon(lang).trim_end()
        );
        for r in references {
            let _ = writeln!(details, "  {r}");
        }
    }
}

fn case_name(what: &str, d: &Diagnostic) -> String {
    match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{what} {l}:{c}"),
        (Some(l), None) => format!("{what} {l}"),
        _ => what.to_owned(),
    }
}

/// Whether XML 1.0 allows `c` at all (§2.2 `Char`); anything else cannot be escaped either.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            // Attribute-value normalisation (§3.3.3) would turn these into spaces, and line-end
            // handling (§2.11) would drop a bare `\r`; character references survive both.
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if !is_xml_char(c) => {
                let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

fn attr(s: &str) -> String {
    escape(s, true)
}

fn text(s: &str) -> String {
    escape(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_characters_xml_forbids() {
        assert_eq!(attr("a<b>&\"c\"\n"), "a&lt;b&gt;&amp;&quot;c&quot;&#10;");
        assert_eq!(
            text("x\u{0}y\u{1b}z\u{FFFE}\r"),
            "x\\u{0000}y\\u{001B}z\\u{FFFE}&#13;"
        );
        assert_eq!(text("]]> \"ok\" 中文"), "]]&gt; \"ok\" 中文");
    }
}
