//! The rule registry: the metadata of every rule of every engine in this crate, in one table.

use palisade_core::RuleMeta;

use crate::k8s::Object;
use crate::sink::Sink;
use crate::{checks, pss};

/// A check: its metadata and the function that runs it over one input of type `C`'s argument
/// (a Kubernetes object by default; other engines name their own model).
pub struct Rule<C: 'static = fn(&Object<'_>, &mut Sink<'_>)> {
    pub meta: RuleMeta,
    pub check: C,
}

/// The Kubernetes single-object checks, in code order.
pub(crate) fn k8s_rules() -> impl Iterator<Item = &'static Rule> {
    checks::FAMILIES.iter().flat_map(|family| family.iter().copied())
}

/// The compose checks (DC rules), in code order.
pub(crate) fn compose_rules() -> impl Iterator<Item = &'static Rule<checks::compose::Check>> {
    checks::compose::RULES.iter().copied()
}

/// The `docker run` checks (DR rules), in code order.
pub(crate) fn docker_run_rules() -> impl Iterator<Item = &'static Rule<checks::dockerrun::Check>> {
    checks::dockerrun::RULES.iter().copied()
}

/// Every rule of every engine, in code order within each engine.
pub fn rules() -> impl Iterator<Item = &'static RuleMeta> {
    k8s_rules()
        .map(|r| &r.meta)
        .chain(pss::checks().iter().map(|c| &c.meta))
        .chain(compose_rules().map(|r| &r.meta))
        .chain(docker_run_rules().map(|r| &r.meta))
        .chain(checks::dockerfile::RULES.iter().map(|r| &r.meta))
}

/// The rule with this code or alias.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    // Findings name rules by their exact code; other spellings and aliases take the slow path.
    rules()
        .find(|m| m.code == id)
        .or_else(|| rules().find(|m| m.answers_to(id)))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_text_exists_in_both_languages() {
        let mut codes = HashSet::new();
        for m in rules() {
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            if let Some(problem) = m.incomplete() {
                panic!("{problem}");
            }
        }
    }

    #[test]
    fn aliases_name_one_rule_each() {
        let mut seen = HashSet::new();
        for meta in rules() {
            for alias in meta.aliases {
                assert!(seen.insert(*alias), "alias {alias} is on two rules");
            }
        }
    }
}
