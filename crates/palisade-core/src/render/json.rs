//! `--format json`: the `palisade.report/v1` contract (DESIGN.md §3), which users and tests script
//! against. Keys and their order are fixed here; add keys, never rename or remove them.
//! Extensions beyond the documented contract: `warnings`, `skipped` and `summary.suppressed`.

use std::collections::BTreeMap;
use std::io::{self, Write as _};

use serde::Serialize;
use serde::ser::SerializeMap;

use super::{RenderOptions, rule_doc};
use crate::{Diagnostic, Finding, ObjectRef, Report, Severity};

const SCHEMA: &str = "palisade.report/v1";

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

/// Namespace and name are `null` when the object has none (cluster-scoped, or unnamed), so the
/// four keys are always there.
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

/// Findings per severity, every level present (zero included), most severe first.
struct Counts(BTreeMap<Severity, usize>);

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Severity::ALL.len()))?;
        for level in Severity::ALL {
            map.serialize_entry(level.as_str(), &self.0.get(&level).copied().unwrap_or(0))?;
        }
        map.end()
    }
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions<'_>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let document = Document {
        schema: SCHEMA,
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
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &document)?;
    out.write_all(b"\n")?;
    out.flush()
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
