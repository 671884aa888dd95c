//! Renderers: a finished [`Report`] written as a terminal table, the `palisade.report/v1` JSON
//! contract, SARIF 2.1.0 for code scanning, or `JUnit` XML for CI test views. Every engine's findings
//! go through these; none of them reads anything but the report (and, for table snippets, the
//! scanned files).

mod json;
mod junit;
mod sarif;
mod table;
mod text;

use std::fmt;
use std::io;
use std::str::FromStr;

use crate::{Lang, Report, RuleDoc};

/// An output format (`--format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    #[default]
    Table,
    Json,
    Sarif,
    Junit,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Table, Format::Json, Format::Sarif, Format::Junit];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| format!("unknown format `{wanted}` (expected table, json, sarif or junit)"))
    }
}

/// How to render: what the report itself does not say.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions<'a> {
    /// palisade's version, as the JSON `tool.version` and the SARIF driver version.
    pub tool_version: &'a str,
    /// ANSI colours (table only; a terminal that wants them).
    pub color: bool,
    /// The source line(s) under each finding, with the span underlined (table only).
    pub snippets: bool,
    /// The text read from `-`, for the snippets of findings whose path is `-`.
    pub stdin: Option<&'a str>,
}

/// Writes `report` to `out` in `format`.
pub fn render(
    report: &Report,
    format: Format,
    options: &RenderOptions<'_>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(report, options, out),
        Format::Json => json::render(report, options, out),
        Format::Sarif => sarif::render(report, options, out),
        Format::Junit => junit::render(report, out),
    }
}

/// The metadata of a finding's rule, when the report carries it (an engine may name a rule it
/// has no metadata for; the finding still renders, under its code).
fn rule_doc<'r>(report: &'r Report, code: &str) -> Option<&'r RuleDoc> {
    report.rules.get(code)
}

/// A label in the report's language.
fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// `": "` or `"："`, after a label.
fn colon(lang: Lang) -> &'static str {
    t(lang, ": ", "：")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_through_their_names() {
        for f in Format::ALL {
            assert_eq!(f.to_string().parse::<Format>(), Ok(f));
        }
        assert_eq!(" SARIF ".parse::<Format>(), Ok(Format::Sarif));
        assert!(
            "xml"
                .parse::<Format>()
                .unwrap_err()
                .contains("expected table, json")
        );
    }
}
