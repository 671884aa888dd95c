//! `--format table`: findings for a person at a terminal, grouped by file. Each finding gives its
//! severity, code, place, object and field, the message, optionally the source line(s) with the
//! span underlined, and the remediation; then errors, warnings and skipped inputs, and a summary.
//! Everything that came from a scanned file is shown through [`text::clean`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

use anstyle::{AnsiColor, Style};

use super::{RenderOptions, rule_doc, t, text};
use crate::{Diagnostic, Finding, Lang, Location, Report, Severity};

/// Where the message, snippet and remediation of a finding start: under its code.
const INDENT: &str = "           ";
/// At most this many lines of a multi-line span are shown.
const MAX_SPAN_LINES: usize = 3;
/// At most this many characters of a source line are shown (minified JSON is one long line).
const MAX_LINE_CHARS: usize = 100;
/// A secret rule's finding (`SEC` codes, DESIGN §3): its span is the secret, which a snippet
/// must not echo; the message shows it masked, or whole with `--show-secrets`.
fn is_secret(rule: &str) -> bool {
    rule.strip_prefix("SEC")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Files larger than this get no snippets: reading them again costs more than they help.
const MAX_SNIPPET_FILE: u64 = 16 << 20;

const HEADER: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Critical => Style::new()
            .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
            .bold(),
        Severity::High => Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red))),
        Severity::Medium => Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow))),
        Severity::Low => Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue))),
        Severity::Info => DIM,
    }
}

struct Writer<'a> {
    out: String,
    lang: Lang,
    options: &'a RenderOptions<'a>,
    /// The lines of the file whose findings are being written, when snippets are on and it
    /// could be read.
    lines: Option<Vec<String>>,
}

pub(super) fn render(
    report: &Report,
    options: &RenderOptions<'_>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut w = Writer {
        out: String::new(),
        lang: report.lang,
        options,
        lines: None,
    };
    let mut files: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &report.findings {
        files.entry(&f.location.path).or_default().push(f);
    }
    for (path, findings) in &files {
        w.lines = if options.snippets {
            read_lines(path, options.stdin)
        } else {
            None
        };
        let header = w.paint(HEADER, &display_path(path, w.lang));
        let _ = writeln!(w.out, "{header}");
        for f in findings {
            w.finding(report, f);
        }
        w.out.push('\n');
    }
    w.lines = None;
    w.diagnostics(
        t(w.lang, "Errors", "错误"),
        Style::new()
            .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
            .bold(),
        &report.errors,
    );
    w.diagnostics(
        t(w.lang, "Warnings", "警告"),
        Style::new()
            .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)))
            .bold(),
        &report.warnings,
    );
    w.diagnostics(t(w.lang, "Skipped", "已跳过"), HEADER, &report.skipped);
    w.summary(report);
    out.write_all(w.out.as_bytes())
}

impl Writer<'_> {
    fn paint(&self, style: Style, s: &str) -> String {
        if self.options.color {
            format!("{style}{s}{style:#}")
        } else {
            s.to_owned()
        }
    }

    /// Writes `s` indented under the finding's code, each line of it.
    fn indented(&mut self, style: Style, s: &str) {
        for line in text::clean(s).lines() {
            let line = self.paint(style, line);
            let _ = writeln!(self.out, "{INDENT}{line}");
        }
    }

    fn finding(&mut self, report: &Report, f: &Finding) {
        let style = severity_style(f.severity);
        let l = &f.location;
        let severity = self.paint(style, &format!("{:<8}", f.severity.as_str()));
        let _ = write!(self.out, "  {severity} {}", text::clean(&f.rule));
        if l.line > 0 {
            let _ = write!(self.out, " {}:{}", l.line, l.column);
        }
        if let Some(o) = &l.object {
            let _ = write!(self.out, "  {}", text::clean(&o.to_string()));
        }
        if let Some(field) = &l.field {
            let _ = write!(self.out, "  {}", text::clean(field));
        }
        self.out.push('\n');

        let doc = rule_doc(report, &f.rule);
        let message = if f.message.is_empty() {
            doc.map_or(&f.rule[..], |d| &d.title[..])
        } else {
            &f.message
        };
        self.indented(Style::new(), message);
        if let Some(lines) = self.lines.take() {
            self.snippet(&lines, l, style, is_secret(&f.rule));
            self.lines = Some(lines);
        }
        if let Some(doc) = doc.filter(|d| !d.remediation.is_empty()) {
            let label = t(self.lang, "Fix: ", "修复：");
            self.indented(DIM, &format!("{label}{}", doc.remediation));
        }
    }

    /// The line(s) of the span, each with carets under the part the span covers; `hide` puts
    /// `*` in place of what the span covers.
    fn snippet(&mut self, lines: &[String], l: &Location, style: Style, hide: bool) {
        let first = l.line as usize;
        if first == 0 || first > lines.len() {
            return;
        }
        // Spans are half-open: one that ends at the start of a line ends on the line before.
        let mut last = (l.end_line as usize).max(first);
        if last > first && l.end_column <= 1 {
            last -= 1;
        }
        let last = last.min(lines.len());
        let shown_last = last.min(first + MAX_SPAN_LINES - 1);
        let gutter = shown_last.to_string().len();
        for n in first..=shown_last {
            let chars: Vec<char> = lines[n - 1].chars().collect();
            let start = if n == first {
                l.column.saturating_sub(1) as usize
            } else {
                chars.iter().take_while(|c| c.is_whitespace()).count()
            };
            let end = if n == l.end_line as usize && l.end_column >= 1 {
                (l.end_column - 1) as usize
            } else {
                chars.len()
            };
            let start = start.min(chars.len());
            let end = end.clamp(start, chars.len());
            let (from, to) = window(chars.len(), start, end);

            let mut shown = String::new();
            let (mut pad, mut marked) = (0, 0);
            if from > 0 {
                shown.push('…');
                pad += 1;
            }
            for (i, c) in (from..to).zip(&chars[from..to]) {
                let c = if hide && (start..end).contains(&i) && !c.is_whitespace() {
                    &'*'
                } else {
                    c
                };
                let w = text::shown(*c, &mut shown);
                if i < start {
                    pad += w;
                } else if i < end {
                    marked += w;
                }
            }
            if to < chars.len() {
                shown.push('…');
            }
            let number = self.paint(DIM, &format!("{n:>gutter$} |"));
            let bar = self.paint(DIM, &format!("{:gutter$} |", ""));
            let carets = self.paint(style, &"^".repeat(marked.max(1)));
            let _ = writeln!(self.out, "{INDENT}{number} {shown}");
            let _ = writeln!(self.out, "{INDENT}{bar} {:pad$}{carets}", "");
        }
        if shown_last < last {
            let bar = self.paint(DIM, &format!("{:gutter$} |", ""));
            let _ = writeln!(self.out, "{INDENT}{bar} …");
        }
    }

    fn diagnostics(&mut self, heading: &str, style: Style, list: &[Diagnostic]) {
        if list.is_empty() {
            return;
        }
        let count = match self.lang {
            Lang::En => format!("{heading} ({})", list.len()),
            Lang::Zh => format!("{heading}（{}）", list.len()),
        };
        let heading = self.paint(style, &count);
        let _ = writeln!(self.out, "{heading}");
        for d in list {
            let place = match (d.line, d.column) {
                (Some(l), Some(c)) => format!("{}:{l}:{c}", display_path(&d.path, self.lang)),
                (Some(l), None) => format!("{}:{l}", display_path(&d.path, self.lang)),
                _ => display_path(&d.path, self.lang),
            };
            let mut lines = text::clean(&d.message).into_owned();
            lines.insert_str(0, &format!("{}: ", text::clean(&place)));
            let mut iter = lines.lines();
            if let Some(first) = iter.next() {
                let _ = writeln!(self.out, "  {first}");
            }
            for more in iter {
                let _ = writeln!(self.out, "    {more}");
            }
        }
        self.out.push('\n');
    }

    fn summary(&mut self, report: &Report) {
        let lang = self.lang;
        let (files, objects, suppressed) = (report.files, report.objects, report.suppressed);
        let mut line = if report.findings.is_empty() {
            match lang {
                Lang::En => format!(
                    "No findings in {files} {}, {objects} {}",
                    plural(files, "file", "files"),
                    plural(objects, "object", "objects")
                ),
                Lang::Zh => format!("未发现问题（扫描文件 {files} 个、对象 {objects} 个"),
            }
        } else {
            let counts = report.counts();
            let per_level: Vec<String> = Severity::ALL
                .iter()
                .map(|s| {
                    let n = counts.get(s).copied().unwrap_or(0);
                    let label = format!("{s} {n}");
                    if n > 0 {
                        self.paint(severity_style(*s), &label)
                    } else {
                        label
                    }
                })
                .collect();
            let n = report.findings.len();
            match lang {
                Lang::En => format!(
                    "{n} {} ({}) in {files} {}, {objects} {}",
                    plural(n, "finding", "findings"),
                    per_level.join(", "),
                    plural(files, "file", "files"),
                    plural(objects, "object", "objects")
                ),
                Lang::Zh => format!(
                    "发现 {n} 个问题（{}），扫描文件 {files} 个、对象 {objects} 个",
                    per_level.join("，")
                ),
            }
        };
        if suppressed > 0 {
            let _ = match lang {
                Lang::En => write!(line, "; {suppressed} suppressed"),
                Lang::Zh => write!(line, "；已忽略 {suppressed} 个"),
            };
        }
        if report.findings.is_empty() && lang == Lang::Zh {
            line.push('）');
        }
        line.push_str(t(lang, ".", "。"));
        let _ = writeln!(self.out, "{line}");
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn display_path(path: &str, lang: Lang) -> String {
    if path == "-" {
        t(lang, "<stdin>", "<标准输入>").to_owned()
    } else {
        text::clean(path).into_owned()
    }
}

/// The lines of `path` for snippets, or of what was read from stdin for `-`; `None` when it
/// cannot be read, is too large, or is not there.
fn read_lines(path: &str, stdin: Option<&str>) -> Option<Vec<String>> {
    let text = if path == "-" {
        stdin?.to_owned()
    } else {
        let file = std::fs::File::open(path).ok()?;
        if file.metadata().ok()?.len() > MAX_SNIPPET_FILE {
            return None;
        }
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::Read::take(file, MAX_SNIPPET_FILE), &mut bytes).ok()?;
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Some(text.lines().map(str::to_owned).collect())
}

/// The characters `[from, to)` of a line of `len` characters to show so that the span
/// `[start, end)` is in view, at most [`MAX_LINE_CHARS`] of them.
fn window(len: usize, start: usize, end: usize) -> (usize, usize) {
    if len <= MAX_LINE_CHARS {
        return (0, len);
    }
    let from = if end <= MAX_LINE_CHARS {
        0
    } else {
        start.saturating_sub(20)
    };
    let to = (from + MAX_LINE_CHARS).min(len);
    (to.saturating_sub(MAX_LINE_CHARS).min(from), to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_windowed_around_the_span() {
        assert_eq!(window(50, 10, 20), (0, 50));
        assert_eq!(window(500, 10, 20), (0, 100));
        assert_eq!(window(500, 300, 310), (280, 380));
        assert_eq!(window(500, 495, 499), (400, 500));
    }
}
