//! Every detector, grouped by provider family, one row each. A family owns a block of codes, so
//! a detector added later lands next to its neighbours: cloud `SEC001`–`SEC099`, code hosts
//! `SEC100`–, CI, registries and infrastructure tools `SEC150`–, chat and webhooks `SEC200`–,
//! payments `SEC250`–, SaaS `SEC300`–, AI services `SEC400`–, keys and tokens `SEC450`–,
//! databases `SEC500`–, generic assignments `SEC900`–.

use palisade_core::{RuleMeta, Severity, Text};

use crate::detector::Detector;

/// A value assigned to a name that contains one of `$name`'s alternatives: group `n` is the
/// whole name, `s` the value (case-sensitive), which must not run on into more token
/// characters. Operators: `=`, `:=`, `=>`, `:` and `,` (`setdefault("NAME", "value")`).
macro_rules! assigned {
    ($name:literal, $value:literal) => {
        concat!(
            r#"(?i)(?P<n>[\w.-]*(?:"#,
            $name,
            r#")[\w.-]*)["']?\s*(?:=|:=|=>|:|,)\s*["']?(?-i:(?P<s>"#,
            $value,
            r#"))(?:[^A-Za-z0-9_+/-]|(?m:$))"#
        )
    };
}

/// A token with a distinctive prefix, standing alone: not preceded or followed by more token
/// characters.
macro_rules! token {
    ($token:literal) => {
        concat!(
            r"(?:(?m:^)|[^A-Za-z0-9_-])(?P<s>",
            $token,
            r")(?:[^A-Za-z0-9_-]|(?m:$))"
        )
    };
}

mod ai;
mod chat;
mod ci_registries;
mod cloud;
mod code_hosts;
mod databases;
mod generic;
mod keys;
mod payments;
mod saas;

/// The families in code order, with the first and last code of their block.
pub(crate) static FAMILIES: &[(&str, u16, u16, &[Detector])] = &[
    ("cloud", 1, 99, cloud::DETECTORS),
    ("code hosts", 100, 149, code_hosts::DETECTORS),
    (
        "CI, registries and infrastructure tools",
        150,
        199,
        ci_registries::DETECTORS,
    ),
    ("chat and webhooks", 200, 249, chat::DETECTORS),
    ("payments", 250, 299, payments::DETECTORS),
    ("SaaS", 300, 399, saas::DETECTORS),
    ("AI services", 400, 449, ai::DETECTORS),
    ("keys and tokens", 450, 499, keys::DETECTORS),
    ("databases", 500, 549, databases::DETECTORS),
    ("generic assignments", 900, 949, generic::DETECTORS),
];

/// Every detector, in code order.
pub(crate) fn all() -> impl Iterator<Item = &'static Detector> {
    FAMILIES.iter().flat_map(|(_, _, _, family)| family.iter())
}

/// Metadata fields most rows share.
pub(crate) const META: RuleMeta = RuleMeta {
    code: "",
    aliases: &[],
    severity: Severity::High,
    title: Text { en: "", zh: "" },
    description: Text { en: "", zh: "" },
    remediation: Text { en: "", zh: "" },
    references: &[],
    concern: None,
};

#[cfg(test)]
mod tests;
