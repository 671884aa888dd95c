//! The rule registry: every single-object check, in one table.

use palisade_core::RuleMeta;

use crate::checks;
use crate::k8s::Object;
use crate::sink::Sink;

/// A Kubernetes single-object check: its metadata and the function that runs it.
pub struct Rule {
    pub meta: RuleMeta,
    pub check: fn(&Object<'_>, &mut Sink<'_>),
}

/// Every rule, in code order.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    checks::FAMILIES.iter().flat_map(|family| family.iter().copied())
}

/// The rule with this code or alias.
pub fn find(id: &str) -> Option<&'static Rule> {
    // Findings name rules by their exact code; other spellings and aliases take the slow path.
    rules()
        .find(|r| r.meta.code == id)
        .or_else(|| rules().find(|r| r.meta.answers_to(id)))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_text_exists_in_both_languages() {
        let mut codes = HashSet::new();
        for rule in rules() {
            let m = &rule.meta;
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            for text in [m.title, m.description, m.remediation] {
                assert!(
                    !text.en.trim().is_empty() && !text.zh.trim().is_empty(),
                    "{}: missing text",
                    m.code
                );
                assert!(
                    text.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{}: zh text is not Chinese",
                    m.code
                );
            }
            assert!(!m.references.is_empty(), "{}: no references", m.code);
        }
    }

    #[test]
    fn aliases_name_one_rule_each() {
        let mut seen = HashSet::new();
        for rule in rules() {
            for alias in rule.meta.aliases {
                assert!(seen.insert(*alias), "alias {alias} is on two rules");
            }
        }
    }
}
