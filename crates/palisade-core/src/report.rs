//! A report: the findings that remain after configuration and suppressions, the errors and warnings
//! of the scan, and the metadata of every rule the findings name. Renderers take nothing else.

use std::collections::BTreeMap;

use std::collections::hash_map::Entry;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use time::Date;

use crate::suppress::{self, Suppression};
use crate::{Config, Diagnostic, Finding, Lang, RuleDoc, RuleMeta, Severity};

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// The metadata of every rule named by a finding, in the report's language.
    pub rules: BTreeMap<String, RuleDoc>,
    /// Inputs, or parts of inputs, that could not be scanned.
    pub errors: Vec<Diagnostic>,
    /// Problems that did not stop the scan: duplicate keys, suppressions without a reason …
    pub warnings: Vec<Diagnostic>,
    /// Inputs deliberately not scanned, with the reason (Helm templates …).
    pub skipped: Vec<Diagnostic>,
    pub files: usize,
    pub objects: usize,
    pub suppressed: usize,
    pub lang: Lang,
}

/// What decides which findings a report keeps, and at which severity.
pub struct Policy<'a> {
    pub config: &'a Config,
    pub suppressions: Vec<Suppression>,
    /// Severities to report; empty means all.
    pub severities: Vec<Severity>,
    pub today: Date,
}

impl Report {
    /// Applies configuration (disabled rules, severity overrides), suppressions, one finding per
    /// concern per field, and the severity filter, then sorts the findings by place.
    // By value: a policy is built for one report and handed over.
    #[allow(clippy::needless_pass_by_value)]
    pub fn finish<'m>(&mut self, policy: Policy<'_>, lookup: impl Fn(&str) -> Option<&'m RuleMeta> + Copy) {
        let config = policy.config;
        let findings = &mut self.findings;
        findings.retain(|f| {
            !config
                .disable
                .iter()
                .any(|id| lookup(&f.rule).map_or(id.eq_ignore_ascii_case(&f.rule), |m| m.answers_to(id)))
        });
        if !config.severity.is_empty() {
            for f in findings.iter_mut() {
                let meta = lookup(&f.rule);
                if let Some((_, level)) = config
                    .severity
                    .iter()
                    .find(|(id, _)| meta.map_or(id.eq_ignore_ascii_case(&f.rule), |m| m.answers_to(id)))
                {
                    f.severity = *level;
                }
            }
        }
        let (suppressed, warnings) = suppress::apply(findings, &policy.suppressions, lookup, policy.today);
        self.suppressed += suppressed;
        self.warnings.extend(warnings);
        dedupe(findings);
        if !policy.severities.is_empty() {
            findings.retain(|f| policy.severities.contains(&f.severity));
        }
        findings.sort_by(|a, b| {
            let (la, lb) = (&a.location, &b.location);
            (&la.path, la.line, la.column, &a.rule).cmp(&(&lb.path, lb.line, lb.column, &b.rule))
        });
        for f in findings.iter() {
            if !self.rules.contains_key(f.rule.as_ref()) {
                if let Some(meta) = lookup(&f.rule) {
                    self.rules.insert(f.rule.to_string(), meta.doc(self.lang));
                }
            }
        }
        for list in [&mut self.errors, &mut self.warnings, &mut self.skipped] {
            list.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        }
    }

    /// Number of findings per severity.
    pub fn counts(&self) -> BTreeMap<Severity, usize> {
        let mut counts = BTreeMap::new();
        for f in &self.findings {
            *counts.entry(f.severity).or_insert(0) += 1;
        }
        counts
    }
}

/// File, object by identity (every finding of an object shares its reference's `Arc`), field and
/// concern.
type DedupeKey<'a> = (&'a str, usize, &'a str, &'a str);

/// Keeps one finding per (file, object, field, concern): the most severe, then the lowest code.
fn dedupe(findings: &mut Vec<Finding>) {
    let mut best: FxHashMap<DedupeKey<'_>, usize> = FxHashMap::default();
    let mut keep = vec![true; findings.len()];
    for (i, f) in findings.iter().enumerate() {
        let Some(field) = f.location.field.as_deref() else {
            continue;
        };
        let object = f.location.object.as_ref().map_or(0, |o| Arc::as_ptr(o) as usize);
        match best.entry((f.location.path.as_ref(), object, field, f.concern.as_ref())) {
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
            Entry::Occupied(mut slot) => {
                let other = &findings[*slot.get()];
                let rank = |f: &Finding| (f.severity, std::cmp::Reverse(f.rule.clone()));
                if rank(f) > rank(other) {
                    keep[*slot.get()] = false;
                    slot.insert(i);
                } else {
                    keep[i] = false;
                }
            }
        }
    }
    let mut keep = keep.into_iter();
    findings.retain(|_| keep.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use super::*;
    use crate::Location;

    fn finding(rule: &'static str, concern: &'static str, severity: Severity, field: &str) -> Finding {
        Finding {
            rule: Cow::Borrowed(rule),
            severity,
            message: String::new(),
            location: Location {
                path: Arc::from("a.yaml"),
                line: 1,
                field: Some(field.into()),
                ..Location::default()
            },
            concern: Cow::Borrowed(concern),
        }
    }

    #[test]
    fn one_finding_per_concern_and_field() {
        let mut findings = vec![
            finding("K8S120", "hostpath", Severity::Medium, "spec.volumes[0].hostPath"),
            finding(
                "K8S121",
                "hostpath",
                Severity::Critical,
                "spec.volumes[0].hostPath",
            ),
            finding("K8S120", "hostpath", Severity::Medium, "spec.volumes[1].hostPath"),
            finding(
                "K8S201",
                "image-tag",
                Severity::Medium,
                "spec.volumes[0].hostPath",
            ),
        ];
        dedupe(&mut findings);
        let codes: Vec<_> = findings
            .iter()
            .map(|f| (f.rule.as_ref(), f.location.field.as_deref().unwrap()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("K8S121", "spec.volumes[0].hostPath"),
                ("K8S120", "spec.volumes[1].hostPath"),
                ("K8S201", "spec.volumes[0].hostPath")
            ]
        );
    }
}
