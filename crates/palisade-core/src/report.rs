//! A report: the findings that remain after configuration and suppressions, the errors and warnings
//! of the scan, and the metadata of every rule the findings name. Renderers take nothing else.

use std::collections::BTreeMap;

use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

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
        sort_by_place(findings);
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

/// Sorts by file, line, column and rule, keeping the order of equal findings.
fn sort_by_place(findings: &mut [Finding]) {
    fn key(f: &Finding) -> (&str, u32, u32, &str) {
        let l = &f.location;
        (&l.path, l.line, l.column, &f.rule)
    }
    // Engines report object by object, and objects in file order, so sorting each object's
    // findings is usually the whole sort. Where it is not, the sorted runs leave equal findings
    // in their first order, and the full sort below gives what it would have from the start.
    let mut start = 0;
    for end in 1..=findings.len() {
        if end == findings.len() || place(&findings[end]) != place(&findings[start]) {
            // One file: its path need not be compared.
            findings[start..end].sort_by(|a, b| {
                let (la, lb) = (&a.location, &b.location);
                (la.line, la.column, &a.rule).cmp(&(lb.line, lb.column, &b.rule))
            });
            start = end;
        }
    }
    if !findings.windows(2).all(|pair| key(&pair[0]) <= key(&pair[1])) {
        findings.sort_by(|a, b| key(a).cmp(&key(b)));
    }
}

/// Keeps one finding per (file, object, field, concern): the most severe, then the lowest code.
fn dedupe(findings: &mut Vec<Finding>) {
    let keep = dedupe_by_object(findings).unwrap_or_else(|| dedupe_anywhere(findings));
    let mut keep = keep.into_iter();
    findings.retain(|_| keep.next().unwrap_or(true));
}

/// A file and an object by identity (every finding of an object shares its reference's `Arc`).
type Place<'a> = (&'a str, usize);

fn place(f: &Finding) -> Place<'_> {
    let object = f.location.object.as_ref().map_or(0, |o| Arc::as_ptr(o) as usize);
    (f.location.path.as_ref(), object)
}

/// A field and the concern a finding raises about it.
#[derive(PartialEq, Eq)]
struct FieldConcern<'a> {
    field: &'a str,
    concern: &'a str,
}

impl<'a> FieldConcern<'a> {
    fn of(f: &'a Finding, field: &'a str) -> Self {
        FieldConcern {
            field,
            concern: &f.concern,
        }
    }
}

/// By the concern and the field's length only: the field path is text the scan wrote long ago,
/// out of the cache by now, and the concern and length nearly always tell fields apart already.
impl Hash for FieldConcern<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.concern.hash(state);
        self.field.len().hash(state);
    }
}

/// `dedupe` one object at a time, with a small map, when each object's findings come together
/// (engines report object by object); `None` when an object's findings are apart.
fn dedupe_by_object(findings: &[Finding]) -> Option<Vec<bool>> {
    let mut keep = vec![true; findings.len()];
    let mut best: FxHashMap<FieldConcern<'_>, usize> = FxHashMap::default();
    let mut done: FxHashSet<Place<'_>> = FxHashSet::default();
    let mut current = None;
    for (i, f) in findings.iter().enumerate() {
        let Some(field) = f.location.field.as_deref() else {
            continue;
        };
        let here = place(f);
        if current != Some(here) {
            if !done.insert(here) {
                return None;
            }
            current = Some(here);
            best.clear();
        }
        keep_best(&mut best, FieldConcern::of(f, field), i, findings, &mut keep);
    }
    Some(keep)
}

/// `dedupe` over all findings at once, wherever they are.
fn dedupe_anywhere(findings: &[Finding]) -> Vec<bool> {
    let mut keep = vec![true; findings.len()];
    let mut best: FxHashMap<(Place<'_>, FieldConcern<'_>), usize> = FxHashMap::default();
    for (i, f) in findings.iter().enumerate() {
        let Some(field) = f.location.field.as_deref() else {
            continue;
        };
        keep_best(
            &mut best,
            (place(f), FieldConcern::of(f, field)),
            i,
            findings,
            &mut keep,
        );
    }
    keep
}

/// Finding `i` against the best one seen with the same key; the loser is not kept.
fn keep_best<K: Hash + Eq>(
    best: &mut FxHashMap<K, usize>,
    key: K,
    i: usize,
    findings: &[Finding],
    keep: &mut [bool],
) {
    fn rank(f: &Finding) -> (Severity, std::cmp::Reverse<&str>) {
        (f.severity, std::cmp::Reverse(f.rule.as_ref()))
    }
    match best.entry(key) {
        Entry::Vacant(slot) => {
            slot.insert(i);
        }
        Entry::Occupied(mut slot) => {
            if rank(&findings[i]) > rank(&findings[*slot.get()]) {
                keep[*slot.get()] = false;
                slot.insert(i);
            } else {
                keep[i] = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use super::*;
    use crate::{Location, ObjectRef};

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

    /// xorshift: enough to pick and shuffle, the same on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            usize::try_from(self.0 % n as u64).unwrap()
        }
    }

    /// Findings on a few objects of a few files (the last two maybe the same path in separate
    /// `Arc`s), with colliding fields and concerns, equal places and ties: object by object in file
    /// order as engines give them, or shuffled.
    fn random_findings(rng: &mut Rng, shuffled: bool, same_path: bool) -> Vec<Finding> {
        let last = if same_path { "b.yaml" } else { "c.yaml" };
        let paths: [Arc<str>; 3] = [Arc::from("a.yaml"), Arc::from("b.yaml"), Arc::from(last)];
        let rules = ["K8S001", "K8S002", "K8S003"];
        let fields = ["spec.a", "spec.b", "spec.containers[0].c"];
        let mut findings = Vec::new();
        for path in &paths {
            for o in 0..3 {
                let object = (o > 0).then(|| Arc::new(ObjectRef::default()));
                for _ in 0..rng.below(12) {
                    let rule = rules[rng.below(3)];
                    findings.push(Finding {
                        rule: Cow::Borrowed(rule),
                        severity: Severity::ALL[rng.below(3)],
                        message: findings.len().to_string(),
                        location: Location {
                            path: Arc::clone(path),
                            line: u32::try_from(10 * o + rng.below(4)).unwrap(),
                            column: u32::try_from(rng.below(2)).unwrap(),
                            object: object.clone(),
                            field: (rng.below(5) > 0).then(|| fields[rng.below(3)].to_owned()),
                            ..Location::default()
                        },
                        concern: Cow::Borrowed(if rng.below(2) == 0 { "shared" } else { rule }),
                    });
                }
            }
        }
        if shuffled {
            for i in (1..findings.len()).rev() {
                findings.swap(i, rng.below(i + 1));
            }
        }
        findings
    }

    /// What `dedupe` and `sort_by_place` mean: one map over every finding, then one sort.
    fn by_definition(mut findings: Vec<Finding>) -> Vec<Finding> {
        let mut best: FxHashMap<(&str, usize, &str, &str), usize> = FxHashMap::default();
        let mut keep = vec![true; findings.len()];
        for (i, f) in findings.iter().enumerate() {
            let Some(field) = f.location.field.as_deref() else {
                continue;
            };
            let key = (place(f).0, place(f).1, field, f.concern.as_ref());
            let rank = |f: &Finding| (f.severity, std::cmp::Reverse(f.rule.clone()));
            match best.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                Entry::Occupied(mut slot) if rank(f) > rank(&findings[*slot.get()]) => {
                    keep[*slot.get()] = false;
                    slot.insert(i);
                }
                Entry::Occupied(_) => keep[i] = false,
            }
        }
        let mut keep = keep.into_iter();
        findings.retain(|_| keep.next().unwrap_or(true));
        findings.sort_by(|a, b| {
            let (la, lb) = (&a.location, &b.location);
            (&la.path, la.line, la.column, &a.rule).cmp(&(&lb.path, lb.line, lb.column, &b.rule))
        });
        findings
    }

    #[test]
    fn per_object_dedupe_and_sort_give_what_the_definition_gives() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..400 {
            let findings = random_findings(&mut rng, round % 2 == 1, round % 4 > 1);
            let mut fast = findings.clone();
            dedupe(&mut fast);
            sort_by_place(&mut fast);
            let messages = |v: &[Finding]| v.iter().map(|f| f.message.clone()).collect::<Vec<_>>();
            assert_eq!(
                messages(&fast),
                messages(&by_definition(findings)),
                "round {round}"
            );
        }
    }
}
