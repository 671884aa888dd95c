//! Every format of one handcrafted report, in both languages, as snapshots; and the JSON report
//! checked key by key against the `palisade.report/v1` contract (DESIGN.md §3).

mod common;

use palisade_core::Lang;
use palisade_core::render::{Format, RenderOptions, render};
use serde_json::Value;

fn rendered(report: &palisade_core::Report, format: Format, color: bool, snippets: bool) -> String {
    let options = RenderOptions {
        tool_version: "0.1.0-test",
        color,
        snippets,
        stdin: Some(common::STDIN),
    };
    let mut out = Vec::new();
    render(report, format, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn table_en() {
    insta::assert_snapshot!(rendered(&common::report(Lang::En), Format::Table, false, true));
}

#[test]
fn table_zh() {
    insta::assert_snapshot!(rendered(&common::report(Lang::Zh), Format::Table, false, true));
}

#[test]
fn table_without_snippets() {
    insta::assert_snapshot!(rendered(&common::report(Lang::En), Format::Table, false, false));
}

/// Colours by severity; escapes shown as `␛` so the snapshot is readable.
#[test]
fn table_color() {
    let out = rendered(&common::report(Lang::En), Format::Table, true, true);
    assert!(!out.contains("\u{1b}[2J"), "a message must not clear the screen");
    insta::assert_snapshot!(out.replace('\u{1b}', "␛"));
}

#[test]
fn table_clean() {
    let en = rendered(&common::clean(Lang::En), Format::Table, false, true);
    let zh = rendered(&common::clean(Lang::Zh), Format::Table, false, true);
    assert_eq!(en, "No findings in 3 files, 4 objects.\n");
    assert_eq!(zh, "未发现问题（扫描文件 3 个、对象 4 个）。\n");
}

#[test]
fn json() {
    insta::assert_snapshot!(rendered(&common::report(Lang::En), Format::Json, true, true));
}

#[test]
fn sarif_en() {
    insta::assert_snapshot!(rendered(&common::report(Lang::En), Format::Sarif, true, true));
}

#[test]
fn sarif_zh() {
    insta::assert_snapshot!(rendered(&common::report(Lang::Zh), Format::Sarif, false, false));
}

#[test]
fn junit_en() {
    insta::assert_snapshot!(rendered(&common::report(Lang::En), Format::Junit, true, true));
}

#[test]
fn junit_zh() {
    insta::assert_snapshot!(rendered(&common::report(Lang::Zh), Format::Junit, false, false));
}

#[test]
fn junit_clean() {
    insta::assert_snapshot!(rendered(&common::clean(Lang::En), Format::Junit, false, false));
}

/// Fingerprints ignore the line, so moving a finding keeps its alert; two findings of one rule
/// in one place still get distinct fingerprints.
#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let fingerprints = |report: &palisade_core::Report| -> Vec<String> {
        let sarif: Value = serde_json::from_str(&rendered(report, Format::Sarif, false, false)).unwrap();
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["palisade/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let report = common::report(Lang::En);
    let mut moved = report.clone();
    for f in &mut moved.findings {
        f.location.line += 5;
        f.location.end_line += 5;
    }
    let before = fingerprints(&report);
    assert_eq!(before, fingerprints(&moved));
    let mut unique = before.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "{before:?}");
    assert!(
        before
            .iter()
            .all(|f| f.len() == 64 && f.bytes().all(|b| b.is_ascii_hexdigit()))
    );
}

#[track_caller]
fn expect(value: &Value, key: &str, check: fn(&Value) -> bool, what: &str) {
    let v = value
        .get(key)
        .unwrap_or_else(|| panic!("missing key `{key}` in {value}"));
    assert!(check(v), "`{key}` should be {what}, is {v}");
}

fn keys(value: &Value) -> Vec<&str> {
    value.as_object().unwrap().keys().map(String::as_str).collect()
}

fn is_count(v: &Value) -> bool {
    v.is_u64()
}

fn is_opt_count(v: &Value) -> bool {
    v.is_u64() || v.is_null()
}

fn is_opt_str(v: &Value) -> bool {
    v.is_string() || v.is_null()
}

fn is_str_list(v: &Value) -> bool {
    v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
}

/// The contract scripts rely on: every key, its type, and its order in the output.
#[test]
fn json_follows_the_v1_contract() {
    let out = rendered(&common::report(Lang::Zh), Format::Json, false, false);
    assert!(out.ends_with("}\n"));
    // Key order as documented (serde_json's Value sorts keys, so check the text).
    let order = [
        "\"schema\"",
        "\"tool\"",
        "\"findings\"",
        "\"errors\"",
        "\"warnings\"",
        "\"skipped\"",
        "\"summary\"",
    ];
    let at: Vec<usize> = order.iter().map(|k| out.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");

    let doc: Value = serde_json::from_str(&out).unwrap();
    expect(
        &doc,
        "schema",
        |v| v == "palisade.report/v1",
        "palisade.report/v1",
    );
    expect(&doc["tool"], "name", |v| v == "palisade", "palisade");
    expect(&doc["tool"], "version", |v| v == "0.1.0-test", "the tool version");

    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 9);
    for f in findings {
        expect(f, "rule", Value::is_string, "a string");
        expect(f, "aliases", is_str_list, "a list of strings");
        expect(
            f,
            "severity",
            |v| ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"].contains(&v.as_str().unwrap_or("")),
            "a severity",
        );
        expect(f, "title", Value::is_string, "a string");
        expect(f, "message", Value::is_string, "a string");
        expect(f, "remediation", Value::is_string, "a string");
        expect(f, "references", is_str_list, "a list of strings");
        let l = &f["location"];
        expect(l, "path", Value::is_string, "a string");
        for k in ["line", "column", "end_line", "end_column"] {
            expect(l, k, is_count, "a number");
        }
        if let Some(o) = l.get("object") {
            assert_eq!(keys(o), ["apiVersion", "kind", "name", "namespace"]);
            expect(o, "apiVersion", Value::is_string, "a string");
            expect(o, "kind", Value::is_string, "a string");
            expect(o, "namespace", is_opt_str, "a string or null");
            expect(o, "name", is_opt_str, "a string or null");
        }
        if let Some(field) = l.get("field") {
            assert!(field.is_string());
        }
    }
    // Absent object and field are omitted, not null.
    let dockerfile = findings.iter().find(|f| f["rule"] == "DF002").unwrap();
    assert_eq!(
        keys(&dockerfile["location"]),
        ["column", "end_column", "end_line", "line", "path"]
    );
    // A finding whose rule has no metadata still has every key.
    let bare = findings.iter().find(|f| f["rule"] == "K8S999").unwrap();
    assert_eq!(bare["title"], "K8S999");
    assert_eq!(bare["aliases"], Value::Array(vec![]));
    // Rule ids and field paths never change with the language; text does.
    let privileged = findings.iter().find(|f| f["rule"] == "K8S001").unwrap();
    assert_eq!(privileged["title"], "特权容器");
    assert_eq!(privileged["aliases"][0], "KSV017");
    assert_eq!(
        privileged["location"]["field"],
        "spec.template.spec.containers[0].securityContext.privileged"
    );
    assert_eq!(privileged["location"]["object"]["namespace"], "prod");
    let pod = findings.iter().find(|f| f["rule"] == "K8S110").unwrap();
    assert_eq!(pod["location"]["object"]["namespace"], Value::Null);

    for list in ["errors", "warnings", "skipped"] {
        let items = doc[list].as_array().unwrap();
        assert!(!items.is_empty(), "{list}");
        for d in items {
            assert_eq!(keys(d), ["column", "line", "message", "path"]);
            expect(d, "path", Value::is_string, "a string");
            expect(d, "line", is_opt_count, "a number or null");
            expect(d, "column", is_opt_count, "a number or null");
            expect(d, "message", Value::is_string, "a string");
        }
    }
    assert_eq!(doc["errors"][1]["line"], Value::Null);

    let summary = &doc["summary"];
    expect(summary, "files", |v| v == 7, "7");
    expect(summary, "objects", |v| v == 5, "5");
    expect(summary, "suppressed", |v| v == 2, "2");
    let counts = &summary["findings"];
    assert_eq!(
        counts,
        &serde_json::json!({"CRITICAL": 1, "HIGH": 4, "MEDIUM": 2, "LOW": 1, "INFO": 1})
    );
}

/// A secret finding's span is the secret: its snippet shows `*` in its place (the message has
/// the masked value already).
#[test]
fn table_snippets_do_not_echo_secrets() {
    use std::borrow::Cow;
    use std::sync::Arc;

    use palisade_core::{Finding, Location, Report, Severity};
    let text = "LOG_LEVEL=info\nGITHUB_TOKEN=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\n";
    let report = Report {
        findings: vec![Finding {
            rule: Cow::Borrowed("SEC100"),
            severity: Severity::Critical,
            message: "GitHub personal access token found in plain text: `ghp_****HyrX`".to_owned(),
            location: Location {
                path: Arc::from("-"),
                line: 2,
                column: 14,
                end_line: 2,
                end_column: 54,
                ..Location::default()
            },
            concern: Cow::Borrowed("SEC100"),
        }],
        files: 1,
        ..Report::default()
    };
    let options = RenderOptions {
        tool_version: "0.1.0-test",
        color: false,
        snippets: true,
        stdin: Some(text),
    };
    let mut out = Vec::new();
    render(&report, Format::Table, &options, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains("Q7hLmZx2Rt4Wv1Np6sHc3Dj8YbGa5E1DHyrX"), "{out}");
    assert!(out.contains(&format!("GITHUB_TOKEN={}", "*".repeat(40))), "{out}");
    assert!(out.contains(&"^".repeat(40)), "{out}");
}
