//! Baselines: the findings a project accepts as they are today, recorded in a file, so that CI
//! fails only on new ones (`palisade scan --write-baseline FILE`, then `--baseline FILE`).
//!
//! A finding is known by its rule, its path and a fingerprint that leaves the line out, so an
//! edit above it does not make it new. The default fingerprint is the one SARIF results carry
//! (rule, path, object and field, hashed); an engine that knows better gives its own — the
//! secret scanner gives the SHA-256 of the value, so a second, different secret in the same file
//! is new while the accepted one moves freely. One identity found n times is accepted up to the
//! n times the file records.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{Diagnostic, Finding};

const SCHEMA: &str = "palisade.baseline/v1";

/// Accepted findings: how many times each (rule, path, fingerprint) may occur.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeMap<Key, usize>,
}

type Key = (String, String, String);

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    schema: String,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    fingerprint: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn is_one(n: &usize) -> bool {
    *n == 1
}

impl Baseline {
    /// The baseline that accepts exactly `findings`.
    pub fn record<'a>(
        findings: impl IntoIterator<Item = &'a Finding>,
        fingerprint: impl Fn(&Finding) -> String,
    ) -> Baseline {
        let mut entries = BTreeMap::new();
        for f in findings {
            *entries.entry(key(f, &fingerprint)).or_insert(0) += 1;
        }
        Baseline { entries }
    }

    /// Reads a baseline file; errors name the file and, for bad JSON, the line.
    pub fn parse(path: &Arc<str>, text: &str) -> Result<Baseline, Diagnostic> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| Diagnostic {
            path: Arc::clone(path),
            line: u32::try_from(e.line()).ok(),
            column: u32::try_from(e.column()).ok(),
            message: format!("not a palisade baseline: {e}"),
        })?;
        if file.schema != SCHEMA {
            return Err(Diagnostic::file(
                path,
                format!("baseline schema `{}` is not `{SCHEMA}`", file.schema),
            ));
        }
        let mut entries = BTreeMap::new();
        for e in file.findings {
            *entries
                .entry((e.rule, normalize(&e.path), e.fingerprint))
                .or_insert(0) += e.count;
        }
        Ok(Baseline { entries })
    }

    /// Writes the baseline as JSON, one finding per line, sorted, so that its diffs read well.
    pub fn write(&self, out: &mut dyn io::Write) -> io::Result<()> {
        writeln!(out, "{{\"schema\": \"{SCHEMA}\", \"findings\": [")?;
        let last = self.entries.len().saturating_sub(1);
        for (i, ((rule, path, fingerprint), count)) in self.entries.iter().enumerate() {
            let entry = Entry {
                rule: rule.clone(),
                path: path.clone(),
                fingerprint: fingerprint.clone(),
                count: *count,
            };
            let comma = if i == last { "" } else { "," };
            writeln!(out, "  {}{comma}", serde_json::to_string(&entry)?)?;
        }
        writeln!(out, "]}}")
    }

    /// Removes the findings the baseline accepts; returns how many.
    pub fn apply(&self, findings: &mut Vec<Finding>, fingerprint: impl Fn(&Finding) -> String) -> usize {
        if self.entries.is_empty() {
            return 0;
        }
        let mut left = self.entries.clone();
        let before = findings.len();
        findings.retain(|f| match left.get_mut(&key(f, &fingerprint)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - findings.len()
    }

    /// Number of accepted findings.
    pub fn len(&self) -> usize {
        self.entries.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn key(f: &Finding, fingerprint: &impl Fn(&Finding) -> String) -> Key {
    (f.rule.to_string(), normalize(&f.location.path), fingerprint(f))
}

/// Paths as the baseline stores them: forward slashes, no leading `./`, so one baseline
/// serves `palisade scan .` and `palisade scan ./` on every system.
fn normalize(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.trim_start_matches('/').to_owned();
    }
    p
}

/// The default fingerprint: SHA-256 of what identifies a finding across edits.
pub fn fingerprint(f: &Finding) -> String {
    sha256_hex(fingerprint_input(f).as_bytes())
}

/// What identifies a finding across edits: the rule, the file, and for Kubernetes the object
/// and the field. Not the line, so an edit above it does not reopen it.
pub(crate) fn fingerprint_input(f: &Finding) -> String {
    let l = &f.location;
    let mut key = format!("{}\0{}", f.rule, l.path.replace('\\', "/"));
    if let Some(o) = &l.object {
        let _ = write!(
            key,
            "\0{}\0{}\0{}\0{}",
            o.api_version,
            o.kind,
            o.namespace.as_deref().unwrap_or(""),
            o.name.as_deref().unwrap_or("")
        );
    }
    if let Some(field) = &l.field {
        let _ = write!(key, "\0{field}");
    }
    key
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::{Location, Severity};

    fn finding(rule: &'static str, path: &str, line: u32, message: &str) -> Finding {
        Finding {
            rule: Cow::Borrowed(rule),
            severity: Severity::High,
            message: message.to_owned(),
            location: Location {
                path: Arc::from(path),
                line,
                ..Location::default()
            },
            concern: Cow::Borrowed(rule),
        }
    }

    /// Secrets fingerprint by value; the message stands in for the value here.
    fn by_message(f: &Finding) -> String {
        f.message.clone()
    }

    #[test]
    fn accepts_recorded_findings_wherever_their_line_moves() {
        let today = vec![
            finding("SEC001", "./app/.env", 3, "a"),
            finding("SEC001", "app/.env", 9, "a"),
            finding("K8S001", "deploy.yaml", 4, "x"),
        ];
        let baseline = Baseline::record(&today, by_message);
        assert_eq!(baseline.len(), 3);
        let mut text = Vec::new();
        baseline.write(&mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        let read = Baseline::parse(&Arc::from("b.json"), &text).unwrap();
        assert_eq!(read, baseline, "{text}");

        // Tomorrow: the lines moved, a third copy of the same value and a new value appeared.
        let mut tomorrow = vec![
            finding("SEC001", "app/.env", 5, "a"),
            finding("SEC001", "app/.env", 12, "a"),
            finding("SEC001", "app/.env", 20, "a"),
            finding("SEC001", "app/.env", 21, "b"),
            finding("K8S001", "deploy.yaml", 40, "x"),
        ];
        assert_eq!(read.apply(&mut tomorrow, by_message), 3);
        let left: Vec<_> = tomorrow
            .iter()
            .map(|f| (f.location.line, f.message.as_str()))
            .collect();
        assert_eq!(left, vec![(20, "a"), (21, "b")]);
    }

    #[test]
    fn default_fingerprints_ignore_the_line() {
        let a = finding("DF001", "Dockerfile", 1, "");
        let b = finding("DF001", "Dockerfile", 7, "");
        let c = finding("DF001", "other/Dockerfile", 1, "");
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
        assert_eq!(fingerprint(&a).len(), 64);
    }

    #[test]
    fn bad_files_are_errors() {
        let path = Arc::from("b.json");
        let err = Baseline::parse(
            &path,
            "{\"schema\": \"palisade.baseline/v1\",\n \"findings\": [{\"rule\": 1}]}",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = Baseline::parse(&path, "{\"schema\": \"other/v9\", \"findings\": []}").unwrap_err();
        assert!(err.message.contains("other/v9"), "{}", err.message);
    }
}
