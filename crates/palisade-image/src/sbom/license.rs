//! Licences as packages record them, sorted into what SBOM formats can say of each: an SPDX
//! licence id, an SPDX expression, or a free-form name.

/// The licence list's deprecated GNU ids with a `+` (dpkg copyright files and rpm headers still
/// use them): ids in their own right, which the `spdx` crate only knows as `-or-later`.
const DEPRECATED_PLUS: &[&str] = &[
    "GPL-1.0+",
    "GPL-2.0+",
    "GPL-3.0+",
    "LGPL-2.0+",
    "LGPL-2.1+",
    "LGPL-3.0+",
];

/// SPDX expressions as the specification writes them (exact ids, upper-case operators), with
/// the deprecated ids the licence list still carries.
pub(crate) const MODE: spdx::ParseMode = spdx::ParseMode {
    allow_postfix_plus_on_gpl: true,
    allow_deprecated: true,
    ..spdx::ParseMode::STRICT
};

/// One recorded licence, classified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum License<'a> {
    /// Exactly an id of the SPDX licence list (`MIT`, `GPL-2.0-or-later`).
    Id(&'a str),
    /// A valid SPDX expression that is more than one id (`MIT OR Apache-2.0`, `GPL-2.0+`,
    /// `Apache-2.0 WITH LLVM-exception`, `LicenseRef-…`).
    Expression(&'a str),
    /// Anything else (`GPL`, `BSD-like`, `see COPYING`).
    Name(&'a str),
}

impl<'a> License<'a> {
    pub(crate) fn of(text: &'a str) -> License<'a> {
        let text = text.trim();
        if spdx::license_id(text).is_some_and(|id| id.name == text) || DEPRECATED_PLUS.contains(&text) {
            License::Id(text)
        } else if spdx::Expression::parse_mode(text, MODE).is_ok() {
            License::Expression(text)
        } else {
            License::Name(text)
        }
    }
}

/// The non-empty licences of a package, classified, in their recorded order without repeats.
pub(crate) fn classify(licenses: &[String]) -> Vec<License<'_>> {
    let mut out: Vec<License<'_>> = Vec::new();
    for text in licenses {
        if text.trim().is_empty() {
            continue;
        }
        let license = License::of(text);
        if !out.contains(&license) {
            out.push(license);
        }
    }
    out
}

/// A `LicenseRef-` id for a free-form licence name: SPDX ids allow only letters, digits, `.`
/// and `-`; a short hash keeps names that sanitise alike apart.
pub(crate) fn license_ref(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let clean = clean.trim_matches('-');
    let clean: String = clean.chars().take(48).collect();
    format!("LicenseRef-{clean}-{}", &super::short_hash(&[name])[..8]).replace("LicenseRef--", "LicenseRef-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_expressions_and_names() {
        assert_eq!(License::of("MIT"), License::Id("MIT"));
        assert_eq!(License::of(" Apache-2.0 "), License::Id("Apache-2.0"));
        assert_eq!(
            License::of("MIT OR Apache-2.0"),
            License::Expression("MIT OR Apache-2.0")
        );
        assert_eq!(License::of("GPL-2.0+"), License::Id("GPL-2.0+"));
        assert_eq!(
            License::of("GPL-2.0+ OR MIT"),
            License::Expression("GPL-2.0+ OR MIT")
        );
        assert_eq!(License::of("MIT+"), License::Expression("MIT+"));
        assert_eq!(
            License::of("Apache-2.0 WITH LLVM-exception"),
            License::Expression("Apache-2.0 WITH LLVM-exception")
        );
        assert_eq!(License::of("GPL"), License::Name("GPL"));
        assert_eq!(License::of("mit"), License::Name("mit"));
        assert_eq!(
            License::of("BSD-like (see COPYING)"),
            License::Name("BSD-like (see COPYING)")
        );
        let recorded = ["MIT".into(), String::new(), "MIT".into(), "GPL".into()];
        let all = classify(&recorded);
        assert_eq!(all, vec![License::Id("MIT"), License::Name("GPL")]);
    }

    #[test]
    fn license_refs_are_valid_spdx_ids() {
        for name in ["GPL", "BSD-like (see COPYING)", "自由软件", "--", ""] {
            let id = license_ref(name);
            let rest = id.strip_prefix("LicenseRef-").unwrap();
            assert!(!rest.is_empty(), "{id}");
            assert!(
                rest.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
                "{id}"
            );
            assert!(spdx::Expression::parse_mode(&id, MODE).is_ok(), "{id}");
        }
        assert_ne!(license_ref("a b"), license_ref("a/b"));
    }
}
