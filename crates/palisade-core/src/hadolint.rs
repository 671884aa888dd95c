//! `.hadolint.yaml`, hadolint's configuration file, read so that teams moving from hadolint keep
//! theirs: `ignored` rules, `trustedRegistries`, `override` of rule levels, `failure-threshold`
//! and `no-fail`. Ids are hadolint's (`DL3008`); they reach the Dockerfile rules through their
//! aliases. hadolint's levels map to palisade's severities as the Dockerfile rules' defaults do:
//! `error` → MEDIUM, `warning` → LOW, `info` and `style` → INFO.
//!
//! Keys palisade has no use for (`format`, `no-color`, `verbose`, `label-schema`,
//! `strict-labels`, `disable-ignore-pragma`) give a warning naming the key, not an error: the
//! file is hadolint's, and its other settings still apply.

use std::sync::Arc;

use palisade_yaml::{Budgets, Node};

use crate::{ConfigError, Diagnostic, Severity};

/// When findings of Dockerfile rules make the scan fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threshold {
    /// Findings at or above this severity.
    AtLeast(Severity),
    /// Never (`failure-threshold: none`, `no-fail: true`).
    Never,
}

/// What a `.hadolint.yaml` says.
#[derive(Clone, Debug, Default)]
pub struct HadolintConfig {
    /// Rules turned off (`ignored`).
    pub ignored: Vec<String>,
    /// Registries base images may come from (`trustedRegistries`).
    pub trusted_registries: Vec<String>,
    /// Severities by rule id (`override`).
    pub overrides: Vec<(String, Severity)>,
    /// `failure-threshold` (or `no-fail: true`).
    pub failure_threshold: Option<Threshold>,
    /// About keys that are read but not used.
    pub warnings: Vec<Diagnostic>,
}

/// The severity palisade gives a hadolint level.
pub fn level(name: &str) -> Option<Severity> {
    match name.trim().to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Medium),
        "warning" => Some(Severity::Low),
        "info" | "style" => Some(Severity::Info),
        _ => None,
    }
}

impl HadolintConfig {
    pub fn parse(path: &Arc<str>, text: &str) -> Result<HadolintConfig, ConfigError> {
        let mut config = HadolintConfig::default();
        let root = match palisade_yaml::documents(text, &Budgets::default()).next() {
            None => return Ok(config),
            Some(Ok(doc)) if doc.root.is_null() => return Ok(config),
            Some(Ok(doc)) => doc.root,
            Some(Err(e)) => return Err(Diagnostic::at(path, e.mark(), e.to_string())),
        };
        let entries = root
            .as_map()
            .ok_or_else(|| error(path, &root, "the hadolint configuration must be a mapping"))?;
        for (key, value) in entries {
            match key.as_text().unwrap_or_default() {
                "ignored" => config.ignored = strings(path, value)?,
                "trustedRegistries" => config.trusted_registries = strings(path, value)?,
                "override" => {
                    let levels = value.as_map().ok_or_else(|| {
                        error(
                            path,
                            value,
                            "`override` maps levels to rule lists, e.g. `error: [DL3008]`",
                        )
                    })?;
                    for (name, ids) in levels {
                        let name_text = name.as_text().unwrap_or_default();
                        let severity = level(name_text).ok_or_else(|| {
                            error(
                                path,
                                name,
                                &format!(
                                    "unknown level `{name_text}` (expected error, warning, info or style)"
                                ),
                            )
                        })?;
                        for id in strings(path, ids)? {
                            config.overrides.push((id, severity));
                        }
                    }
                }
                "failure-threshold" => {
                    let text = value.as_text().unwrap_or_default();
                    config.failure_threshold = Some(match text.trim().to_ascii_lowercase().as_str() {
                        "none" => Threshold::Never,
                        "ignore" => Threshold::AtLeast(Severity::Info),
                        other => Threshold::AtLeast(level(other).ok_or_else(|| {
                            error(
                                path,
                                value,
                                &format!(
                                    "unknown failure threshold `{text}` (expected error, warning, info, style, ignore or none)"
                                ),
                            )
                        })?),
                    });
                }
                "no-fail" => {
                    if value.as_bool() == Some(true) {
                        config.failure_threshold = Some(Threshold::Never);
                    }
                }
                other => config.warnings.push(Diagnostic::at(
                    path,
                    key.span.start,
                    format!("`{other}` is a hadolint setting palisade does not use; it is ignored"),
                )),
            }
        }
        Ok(config)
    }
}

fn strings(path: &Arc<str>, node: &Node) -> Result<Vec<String>, ConfigError> {
    if node.is_null() {
        return Ok(Vec::new());
    }
    let items = node.as_seq().ok_or_else(|| {
        error(
            path,
            node,
            &format!("expected a list, found a {}", node.type_name()),
        )
    })?;
    items
        .iter()
        .map(|i| {
            i.as_text()
                .map(|t| t.trim().to_owned())
                .ok_or_else(|| error(path, i, &format!("expected a string, found a {}", i.type_name())))
        })
        .collect()
}

fn error(path: &Arc<str>, node: &Node, message: &str) -> ConfigError {
    Diagnostic::at(path, node.span.start, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> Arc<str> {
        Arc::from(".hadolint.yaml")
    }

    #[test]
    fn reads_hadolint_settings() {
        let config = HadolintConfig::parse(
            &path(),
            "ignored:\n  - DL3008\n  - SC2086\ntrustedRegistries:\n  - docker.io\n  - my-company.com:5000\noverride:\n  error: [DL3001]\n  warning:\n    - DL3042\n  style: [DL3015]\nfailure-threshold: warning\nformat: tty\n",
        )
        .unwrap();
        assert_eq!(config.ignored, vec!["DL3008", "SC2086"]);
        assert_eq!(
            config.trusted_registries,
            vec!["docker.io", "my-company.com:5000"]
        );
        assert_eq!(
            config.overrides,
            vec![
                ("DL3001".to_owned(), Severity::Medium),
                ("DL3042".to_owned(), Severity::Low),
                ("DL3015".to_owned(), Severity::Info),
            ]
        );
        assert_eq!(config.failure_threshold, Some(Threshold::AtLeast(Severity::Low)));
        assert_eq!(config.warnings.len(), 1);
        assert_eq!(config.warnings[0].line, Some(13));
    }

    #[test]
    fn thresholds_and_errors() {
        let none = HadolintConfig::parse(&path(), "failure-threshold: none\n").unwrap();
        assert_eq!(none.failure_threshold, Some(Threshold::Never));
        let no_fail = HadolintConfig::parse(&path(), "no-fail: true\n").unwrap();
        assert_eq!(no_fail.failure_threshold, Some(Threshold::Never));
        assert!(HadolintConfig::parse(&path(), "").unwrap().ignored.is_empty());
        let err = HadolintConfig::parse(&path(), "override:\n  fatal: [DL3008]\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        let err = HadolintConfig::parse(&path(), "failure-threshold: severe\n").unwrap_err();
        assert!(
            err.message.contains("unknown failure threshold"),
            "{}",
            err.message
        );
        let err = HadolintConfig::parse(&path(), "ignored: DL3008\n").unwrap_err();
        assert!(err.message.contains("expected a list"), "{}", err.message);
    }
}
