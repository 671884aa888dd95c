//! Rule metadata: the one registry row every check carries, and its resolved form in a report.

use crate::{Lang, Severity, Text};

/// What palisade knows about a rule. This is its documentation page (`palisade rules explain`).
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, never reused: `K8S001`, `PSS-privileged`, `DF004` …
    pub code: &'static str,
    /// The same check in other tools' schemes (Trivy `KSV017`, Checkov `CKV_K8S_16`, kube-score
    /// names, hadolint `DL3007`), so their suppressions and users' habits carry over.
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub title: Text,
    pub description: Text,
    pub remediation: Text,
    pub references: &'static [&'static str],
    /// Rules that find the same concern on the same field (a generic and a sharper check, or a
    /// hygiene rule and a Pod Security check) name one concern; a report keeps only the most severe.
    pub concern: Option<&'static str>,
}

impl RuleMeta {
    pub fn concern(&self) -> &'static str {
        self.concern.unwrap_or(self.code)
    }

    /// Whether `id` names this rule, by code or alias, in any of the spellings other tools use
    /// (`KSV017`, `KSV-0017`, `AVD-KSV-0017` are one id).
    pub fn answers_to(&self, id: &str) -> bool {
        let wanted = IdKey::new(id);
        std::iter::once(self.code)
            .chain(self.aliases.iter().copied())
            .any(|c| IdKey::new(c) == wanted)
    }

    /// What its documentation page lacks, if anything: text in either language (the Chinese
    /// written in Chinese), or a reference.
    pub fn incomplete(&self) -> Option<String> {
        for (field, text) in [
            ("title", self.title),
            ("description", self.description),
            ("remediation", self.remediation),
        ] {
            if text.en.trim().is_empty() || text.zh.trim().is_empty() {
                return Some(format!("{}: {field} missing in a language", self.code));
            }
            if !text.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                return Some(format!("{}: zh {field} is not Chinese", self.code));
            }
        }
        self.references
            .is_empty()
            .then(|| format!("{}: no references", self.code))
    }

    pub fn doc(&self, lang: Lang) -> RuleDoc {
        RuleDoc {
            code: self.code.to_owned(),
            aliases: self.aliases.iter().map(|a| (*a).to_owned()).collect(),
            severity: self.severity,
            title: self.title.get(lang).to_owned(),
            description: self.description.get(lang).to_owned(),
            remediation: self.remediation.get(lang).to_owned(),
            references: self.references.iter().map(|r| (*r).to_owned()).collect(),
        }
    }
}

/// A rule's metadata in one language, owned, as reports carry it. Engines whose rules are data
/// (advisories) build these directly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDoc {
    pub code: String,
    pub aliases: Vec<String>,
    pub severity: Severity,
    pub title: String,
    pub description: String,
    pub remediation: String,
    pub references: Vec<String>,
}

/// A rule id reduced to the parts that identify it: upper case, `AVD-` dropped, and a trailing
/// number compared as a number, so `KSV-0017` equals `KSV017`.
#[derive(PartialEq, Eq)]
struct IdKey {
    prefix: String,
    number: Option<u64>,
}

impl IdKey {
    fn new(id: &str) -> IdKey {
        let upper = id.trim().to_ascii_uppercase();
        let id = upper.strip_prefix("AVD-").unwrap_or(&upper);
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits == id.len() {
            return IdKey {
                prefix: id.to_owned(),
                number: None,
            };
        }
        let (prefix, number) = id.split_at(id.len() - digits);
        let prefix = prefix.strip_suffix('-').unwrap_or(prefix);
        IdKey {
            prefix: prefix.to_owned(),
            number: number.parse().ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static META: RuleMeta = RuleMeta {
        code: "K8S001",
        aliases: &["KSV017", "CKV_K8S_16"],
        severity: Severity::High,
        title: Text { en: "", zh: "" },
        description: Text { en: "", zh: "" },
        remediation: Text { en: "", zh: "" },
        references: &[],
        concern: None,
    };

    #[test]
    fn ids_match_in_other_tools_spellings() {
        for id in [
            "K8S001",
            "k8s001",
            "KSV017",
            "KSV-0017",
            "AVD-KSV-0017",
            "CKV_K8S_16",
        ] {
            assert!(META.answers_to(id), "{id}");
        }
        for id in ["KSV0170", "KSV01", "CKV_K8S_160", "K8S"] {
            assert!(!META.answers_to(id), "{id}");
        }
    }
}
