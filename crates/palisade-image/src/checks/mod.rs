//! The IMG rules: what an image's configuration and content expose. IMG001–IMG006 read the
//! image's configuration and history ([`check_image`]); IMG007 reads files of the squashed image
//! as a cataloger ([`SecretFiles`]), so it costs no second pass over the layers.
//!
//! Configuration findings point at the target, with the configuration field as the finding's
//! field (`config.User`, `config.Env[2]`, `history[4].created_by`); they have no line.

mod healthcheck_missing;
mod root_user;
mod secret_files;
mod secrets_in_env;
mod secrets_in_history;
mod secrets_in_labels;
mod ssh_port_exposed;

use std::borrow::Cow;
use std::sync::Arc;

use palisade_core::{Finding, Lang, Location, RuleMeta};
use palisade_secrets::Scanner;

use crate::ImageInfo;

pub use secret_files::SecretFiles;

/// An image rule: its metadata and the function that checks one image.
pub(crate) struct ImageRule {
    pub(crate) meta: RuleMeta,
    pub(crate) check: fn(&ImageInfo, &mut Sink<'_>),
}

/// The configuration rules, in code order.
static RULES: &[&ImageRule] = &[
    &root_user::RULE,
    &secrets_in_env::RULE,
    &secrets_in_labels::RULE,
    &secrets_in_history::RULE,
    &ssh_port_exposed::RULE,
    &healthcheck_missing::RULE,
];

/// Every IMG rule, in code order.
pub fn rules() -> impl Iterator<Item = &'static RuleMeta> {
    RULES
        .iter()
        .map(|r| &r.meta)
        .chain(std::iter::once(&secret_files::META))
}

/// The IMG rule with this code or alias (`IMG001`; Trivy's `DS002` …).
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    rules()
        .find(|r| r.code == id)
        .or_else(|| rules().find(|r| r.answers_to(id)))
}

/// The findings of IMG001–IMG006 on one image's configuration and history. `target` names the
/// image in the findings' locations; `scanner` finds the secrets.
pub fn check_image(image: &ImageInfo, target: &str, scanner: &Scanner, lang: Lang) -> Vec<Finding> {
    let mut sink = Sink {
        target: Arc::from(target),
        scanner,
        lang,
        findings: Vec::new(),
    };
    for rule in RULES {
        (rule.check)(image, &mut sink);
    }
    sink.findings
}

/// Where the configuration checks report.
pub(crate) struct Sink<'a> {
    target: Arc<str>,
    scanner: &'a Scanner,
    lang: Lang,
    findings: Vec<Finding>,
}

impl Sink<'_> {
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    pub(crate) fn report(&mut self, meta: &'static RuleMeta, field: String, message: String) {
        self.findings.push(Finding {
            rule: Cow::Borrowed(meta.code),
            severity: meta.severity,
            message,
            location: Location {
                path: Arc::clone(&self.target),
                field: Some(field),
                ..Location::default()
            },
            concern: Cow::Borrowed(meta.concern()),
        });
    }

    /// The secrets in one configuration string, each as `(rule title, masked message)` of the
    /// secret scanner's finding.
    pub(crate) fn secrets(&self, text: &str) -> Vec<Finding> {
        self.scanner.scan(&self.target, text.as_bytes())
    }
}

/// What a SEC finding says, without the place (the configuration field says it instead).
pub(crate) fn secret_summary(secret: &Finding) -> String {
    format!("{} ({})", secret.message, secret.rule)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use palisade_secrets::Options;

    use super::*;
    use crate::ImageConfig;

    pub(crate) fn scanner() -> Scanner {
        Scanner::new(&Options::default()).unwrap()
    }

    pub(crate) fn image(config: ImageConfig) -> ImageInfo {
        ImageInfo {
            manifest_digest: "sha256:00".into(),
            os: "linux".into(),
            architecture: "amd64".into(),
            config,
            ..ImageInfo::default()
        }
    }

    /// A configuration that every rule accepts.
    pub(crate) fn clean() -> ImageConfig {
        ImageConfig {
            user: Some("10001".into()),
            env: vec!["PATH=/usr/local/bin:/usr/bin".into(), "LANG=C.UTF-8".into()],
            labels: BTreeMap::from([(
                "org.opencontainers.image.source".into(),
                "https://example.com/app".into(),
            )]),
            exposed_ports: vec!["8080/tcp".into()],
            healthcheck: Some(vec![
                "CMD".into(),
                "curl".into(),
                "-f".into(),
                "http://localhost:8080/".into(),
            ]),
            ..ImageConfig::default()
        }
    }

    /// The codes `check_image` reports on `image`, with their fields.
    pub(crate) fn run(image: &ImageInfo, lang: Lang) -> Vec<(String, String, String)> {
        check_image(image, "oci:img", &scanner(), lang)
            .into_iter()
            .map(|f| {
                (
                    f.rule.to_string(),
                    f.location.field.unwrap_or_default(),
                    f.message,
                )
            })
            .collect()
    }

    pub(crate) fn codes(image: &ImageInfo) -> Vec<(String, String)> {
        run(image, Lang::En).into_iter().map(|(c, f, _)| (c, f)).collect()
    }

    #[test]
    fn a_clean_image_has_no_finding() {
        assert_eq!(codes(&image(clean())), Vec::<(String, String)>::new());
    }

    #[test]
    fn every_rule_is_documented_in_both_languages_and_found_by_code() {
        let mut seen = std::collections::HashSet::new();
        for meta in rules() {
            assert!(seen.insert(meta.code), "duplicate {}", meta.code);
            assert!(meta.code.starts_with("IMG"));
            assert_eq!(meta.incomplete(), None);
            assert_eq!(find(meta.code).map(|m| m.code), Some(meta.code));
        }
        assert_eq!(seen.len(), 7);
        assert_eq!(find("DS002").map(|m| m.code), Some("IMG001"));
        assert_eq!(find("AVD-DS-0026").map(|m| m.code), Some("IMG006"));
        assert!(find("nope").is_none());
    }
}
