//! Suppressions, one mechanism for every engine: entries of `.palisadeignore.yaml` and `.trivyignore`,
//! inline `# palisade:ignore=…` and `#trivy:ignore:…` comments, and object annotations (built by the
//! engines that read them). Ids match a rule's code or any of its aliases.

use std::sync::Arc;

use globset::GlobSet;
use time::Date;

use crate::{Diagnostic, Finding, RuleMeta};

#[derive(Clone, Debug)]
pub struct Suppression {
    /// Rule codes or aliases; empty means every rule.
    pub ids: Vec<String>,
    pub scope: Scope,
    pub reason: Option<String>,
    pub expires: Option<Date>,
    /// Where the suppression was written, for warnings about it.
    pub origin: Origin,
    /// Whether the syntax it was written in has a place for a reason (foreign pragmas may not).
    pub wants_reason: bool,
}

#[derive(Clone, Debug)]
pub struct Origin {
    pub path: Arc<str>,
    pub line: Option<u32>,
}

#[derive(Clone, Debug)]
pub enum Scope {
    Everywhere,
    /// Findings in files whose path matches.
    Paths(GlobSet),
    /// Findings in `path` starting on a line in `first..=last`.
    Lines {
        path: Arc<str>,
        first: u32,
        last: u32,
    },
}

impl Suppression {
    fn covers(&self, finding: &Finding, meta: Option<&RuleMeta>) -> bool {
        let in_scope = match &self.scope {
            Scope::Everywhere => true,
            Scope::Paths(globs) => globs.is_match(finding.location.path.as_ref()),
            Scope::Lines { path, first, last } => {
                *path == finding.location.path && (*first..=*last).contains(&finding.location.line)
            }
        };
        in_scope
            && (self.ids.is_empty()
                || self.ids.iter().any(|id| match meta {
                    Some(meta) => meta.answers_to(id),
                    None => id.eq_ignore_ascii_case(&finding.rule),
                }))
    }

    fn describe(&self) -> String {
        if self.ids.is_empty() {
            "all rules".to_owned()
        } else {
            self.ids.join(", ")
        }
    }

    fn warn(&self, message: String) -> Diagnostic {
        Diagnostic {
            path: Arc::clone(&self.origin.path),
            line: self.origin.line,
            column: None,
            message,
        }
    }
}

/// Removes suppressed findings. Returns how many were suppressed, and warnings about suppressions
/// that have expired (they no longer apply) or give no reason.
pub fn apply<'m>(
    findings: &mut Vec<Finding>,
    suppressions: &[Suppression],
    lookup: impl Fn(&str) -> Option<&'m RuleMeta>,
    today: Date,
) -> (usize, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut active = Vec::with_capacity(suppressions.len());
    for s in suppressions {
        match s.expires {
            Some(date) if date < today => {
                warnings.push(s.warn(format!(
                    "the suppression of {} expired on {date}; its findings are reported again",
                    s.describe()
                )));
            }
            _ => {
                if s.wants_reason && s.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    warnings.push(s.warn(format!(
                        "the suppression of {} gives no reason; say why it is safe so reviewers can judge it",
                        s.describe()
                    )));
                }
                active.push(s);
            }
        }
    }
    if active.is_empty() {
        return (0, warnings);
    }
    let before = findings.len();
    findings.retain(|f| {
        let meta = lookup(&f.rule);
        !active.iter().any(|s| s.covers(f, meta))
    });
    (before - findings.len(), warnings)
}

/// Suppressions written as comments in a file: `# palisade:ignore=K8S001,K8S002 reason` and
/// `#trivy:ignore:KSV017[:exp:2026-12-31]`. Each covers its own line and the next one.
pub fn inline(path: &Arc<str>, text: &str) -> Vec<Suppression> {
    if !text.contains("palisade:ignore") && !text.contains("trivy:ignore") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(hash) = line.find('#') else { continue };
        let comment = &line[hash..];
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let scope = || Scope::Lines {
            path: Arc::clone(path),
            first: line_no,
            last: line_no.saturating_add(1),
        };
        let origin = || Origin {
            path: Arc::clone(path),
            line: Some(line_no),
        };
        if let Some(rest) = comment.split("palisade:ignore=").nth(1) {
            let (ids, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            out.push(Suppression {
                ids: split_ids(ids),
                scope: scope(),
                reason: Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
                expires: None,
                origin: origin(),
                wants_reason: true,
            });
        }
        for part in comment.split("trivy:ignore:").skip(1) {
            let token = part
                .split(|c: char| c.is_whitespace() || c == '#')
                .next()
                .unwrap_or("");
            let (id, expires) = match token.split_once(":exp:") {
                Some((id, date)) => (id, parse_date(date)),
                None => (token, None),
            };
            if !id.is_empty() {
                out.push(Suppression {
                    ids: vec![id.to_owned()],
                    scope: scope(),
                    reason: None,
                    expires,
                    origin: origin(),
                    wants_reason: false,
                });
            }
        }
    }
    out
}

/// The entries of a `.trivyignore` file: one id per line, optional ` exp:YYYY-MM-DD`, `#` comments.
pub fn trivyignore(path: &Arc<str>, text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut comment = String::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(c) = line.strip_prefix('#') {
            c.trim().clone_into(&mut comment);
            continue;
        }
        if line.is_empty() {
            comment.clear();
            continue;
        }
        let mut parts = line.split_whitespace();
        let id = parts.next().unwrap_or_default();
        let expires = parts.find_map(|p| p.strip_prefix("exp:")).and_then(parse_date);
        out.push(Suppression {
            ids: vec![id.to_owned()],
            scope: Scope::Everywhere,
            reason: Some(std::mem::take(&mut comment)).filter(|c| !c.is_empty()),
            expires,
            origin: Origin {
                path: Arc::clone(path),
                line: u32::try_from(i + 1).ok(),
            },
            wants_reason: false,
        });
    }
    out
}

pub(crate) fn split_ids(ids: &str) -> Vec<String> {
    ids.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), &format).ok()
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::{Location, Severity};

    fn finding(rule: &'static str, line: u32) -> Finding {
        Finding {
            rule: Cow::Borrowed(rule),
            severity: Severity::High,
            message: String::new(),
            location: Location {
                path: Arc::from("a.yaml"),
                line,
                ..Location::default()
            },
            concern: Cow::Borrowed(rule),
        }
    }

    fn today() -> Date {
        parse_date("2026-06-01").unwrap()
    }

    #[test]
    fn inline_pragmas_cover_their_line_and_the_next() {
        let path: Arc<str> = Arc::from("a.yaml");
        let text = "a: 1\n# palisade:ignore=K8S001 needed for the CNI\nprivileged: true\nx: 1 #trivy:ignore:K8S002:exp:2026-01-01\n";
        let sup = inline(&path, text);
        assert_eq!(sup.len(), 2);
        let mut findings = vec![finding("K8S001", 3), finding("K8S001", 5), finding("K8S002", 4)];
        let (n, warnings) = apply(&mut findings, &sup, |_| None, today());
        assert_eq!(n, 1);
        assert_eq!(
            findings.iter().map(|f| f.location.line).collect::<Vec<_>>(),
            vec![5, 4]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("expired on 2026-01-01"));
    }

    #[test]
    fn reasonless_palisade_pragmas_are_reported_but_still_apply() {
        let path: Arc<str> = Arc::from("a.yaml");
        let sup = inline(&path, "# palisade:ignore=K8S001\nprivileged: true\n");
        let mut findings = vec![finding("K8S001", 2)];
        let (n, warnings) = apply(&mut findings, &sup, |_| None, today());
        assert_eq!(n, 1);
        assert!(warnings[0].message.contains("no reason"), "{warnings:?}");
    }

    #[test]
    fn trivyignore_files() {
        let path: Arc<str> = Arc::from(".trivyignore");
        let sup = trivyignore(&path, "# accepted risk\nK8S001\n\nK8S002 exp:2020-01-01\n");
        assert_eq!(sup.len(), 2);
        assert_eq!(sup[0].reason.as_deref(), Some("accepted risk"));
        assert_eq!(sup[1].expires, parse_date("2020-01-01"));
    }
}
