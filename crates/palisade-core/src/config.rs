//! `.palisade.yaml` and `.palisadeignore.yaml`: read with spans, validated, and turned into immutable
//! settings. Every error names the file, line and column of the key at fault.

use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use palisade_yaml::{Budgets, Mark, Node};

use crate::suppress::{Origin, Scope, Suppression, parse_date, split_ids};
use crate::{Diagnostic, Lang, Severity};

/// What `.palisade.yaml` says.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub lang: Option<Lang>,
    /// Severity overrides by rule code or alias.
    pub severity: Vec<(String, Severity)>,
    /// Rules turned off, by code or alias.
    pub disable: Vec<String>,
    /// Registries images may come from.
    pub registries: Vec<String>,
    pub ignore: Vec<Suppression>,
    pub pss: PssConfig,
    pub secrets: SecretsConfig,
}

/// `pss:` — the Pod Security policy applied to namespaces without pod-security labels, and the
/// exemptions of PSA's AdmissionConfiguration. The level and version are checked by the command
/// that uses them, which reports an error at the mark.
#[derive(Clone, Debug, Default)]
pub struct PssConfig {
    pub level: Option<(String, Mark)>,
    pub version: Option<(String, Mark)>,
    pub exempt_namespaces: Vec<String>,
    pub exempt_runtime_classes: Vec<String>,
}

/// The `secrets:` section: what the secret scanner accepts.
#[derive(Clone, Debug, Default)]
pub struct SecretsConfig {
    pub allow: Vec<SecretAllow>,
}

/// One `secrets.allow` entry. A secret finding is accepted when it matches every part given:
/// a rule (code or alias), a path glob, a value by its SHA-256 (so the file never holds the
/// value itself).
#[derive(Clone, Debug)]
pub struct SecretAllow {
    pub ids: Vec<String>,
    pub paths: Option<GlobSet>,
    /// Lower-case hex SHA-256 of accepted values.
    pub values: Vec<String>,
    pub reason: Option<String>,
    /// Where the entry is, for errors about it.
    pub origin: Origin,
}

pub type ConfigError = Diagnostic;

impl Config {
    /// Parses `.palisade.yaml`. Unknown keys are errors, so a misspelt key is not silently ignored.
    pub fn parse(path: &Arc<str>, text: &str) -> Result<Config, ConfigError> {
        let root = parse_root(path, text)?;
        let mut config = Config::default();
        let Some(root) = root else { return Ok(config) };
        let entries = root
            .as_map()
            .ok_or_else(|| error(path, &root, "the configuration must be a mapping"))?;
        for (key, value) in entries {
            match key.as_text().unwrap_or_default() {
                "lang" => {
                    let text = string(path, value)?;
                    config.lang = Some(text.parse().map_err(|e: String| error(path, value, &e))?);
                }
                "severity" => {
                    for (id, level) in value.as_map().ok_or_else(|| {
                        error(
                            path,
                            value,
                            "`severity` maps rule ids to severities, e.g. `K8S001: CRITICAL`",
                        )
                    })? {
                        let level: Severity = string(path, level)?
                            .parse()
                            .map_err(|e: String| error(path, level, &e))?;
                        config.severity.push((string(path, id)?.to_owned(), level));
                    }
                }
                "disable" => config.disable = strings(path, value)?,
                "registries" => config.registries = strings(path, value)?,
                "ignore" => config.ignore = ignore_entries(path, value)?,
                "pss" => config.pss = pss(path, value)?,
                "secrets" => config.secrets = secrets_section(path, value)?,
                other => {
                    return Err(error(
                        path,
                        key,
                        &format!(
                            "unknown key `{other}` (expected lang, severity, disable, registries, ignore, pss or secrets)"
                        ),
                    ));
                }
            }
        }
        Ok(config)
    }
}

/// `pss: {level, version, exemptions: {namespaces, runtimeClasses}}`.
fn pss(path: &Arc<str>, node: &Node) -> Result<PssConfig, ConfigError> {
    let mut out = PssConfig::default();
    let entries = node.as_map().ok_or_else(|| {
        error(
            path,
            node,
            "`pss` is a mapping with `level`, `version` and `exemptions`",
        )
    })?;
    for (key, value) in entries {
        match key.as_text().unwrap_or_default() {
            "level" => out.level = Some((string(path, value)?.to_owned(), value.span.start)),
            "version" => out.version = Some((string(path, value)?.to_owned(), value.span.start)),
            "exemptions" => {
                for (key, list) in value.as_map().ok_or_else(|| {
                    error(
                        path,
                        value,
                        "`exemptions` is a mapping with `namespaces` and `runtimeClasses`",
                    )
                })? {
                    match key.as_text().unwrap_or_default() {
                        "namespaces" => out.exempt_namespaces = strings(path, list)?,
                        "runtimeClasses" => out.exempt_runtime_classes = strings(path, list)?,
                        other => {
                            return Err(error(
                                path,
                                key,
                                &format!("unknown key `{other}` (expected namespaces or runtimeClasses)"),
                            ));
                        }
                    }
                }
            }
            other => {
                return Err(error(
                    path,
                    key,
                    &format!("unknown key `{other}` in `pss` (expected level, version or exemptions)"),
                ));
            }
        }
    }
    Ok(out)
}

/// Parses `.palisadeignore.yaml`: a mapping with an `ignore` list, or the list itself.
pub fn parse_ignore_file(path: &Arc<str>, text: &str) -> Result<Vec<Suppression>, ConfigError> {
    let Some(root) = parse_root(path, text)? else {
        return Ok(Vec::new());
    };
    match root.get("ignore") {
        Some(list) => ignore_entries(path, list),
        None if root.as_seq().is_some() => ignore_entries(path, &root),
        None => Err(error(path, &root, "expected a list of entries under `ignore:`")),
    }
}

/// One entry: `id` (or `ids`), optional `paths` globs, `reason`, `expires: YYYY-MM-DD`.
fn ignore_entries(path: &Arc<str>, list: &Node) -> Result<Vec<Suppression>, ConfigError> {
    let items = list
        .as_seq()
        .ok_or_else(|| error(path, list, "`ignore` must be a list of entries"))?;
    let mut out = Vec::new();
    for item in items {
        let entries = item.as_map().ok_or_else(|| {
            error(
                path,
                item,
                "an ignore entry is a mapping with `id`, `paths`, `reason` and `expires`",
            )
        })?;
        let mut sup = Suppression {
            ids: Vec::new(),
            scope: Scope::Everywhere,
            reason: None,
            expires: None,
            origin: Origin {
                path: Arc::clone(path),
                line: Some(item.span.start.line),
            },
            wants_reason: true,
        };
        for (key, value) in entries {
            match key.as_text().unwrap_or_default() {
                "id" => sup.ids.extend(split_ids(string(path, value)?)),
                "ids" => sup.ids.extend(strings(path, value)?),
                "paths" => sup.scope = Scope::Paths(glob_set(path, value)?),
                "reason" | "statement" => sup.reason = Some(string(path, value)?.to_owned()),
                "expires" | "expired_at" => {
                    let text = value.as_text().unwrap_or_default();
                    sup.expires =
                        Some(parse_date(text).ok_or_else(|| {
                            error(path, value, "`expires` must be a date written YYYY-MM-DD")
                        })?);
                }
                other => {
                    return Err(error(
                        path,
                        key,
                        &format!(
                            "unknown key `{other}` in an ignore entry (expected id, ids, paths, reason, expires)"
                        ),
                    ));
                }
            }
        }
        if sup.ids.is_empty() && matches!(sup.scope, Scope::Everywhere) {
            return Err(error(path, item, "an ignore entry needs an `id` or `paths`"));
        }
        out.push(sup);
    }
    Ok(out)
}

/// `secrets: {allow: [{id, paths, values, reason}]}`.
fn secrets_section(path: &Arc<str>, section: &Node) -> Result<SecretsConfig, ConfigError> {
    let entries = section
        .as_map()
        .ok_or_else(|| error(path, section, "`secrets` is a mapping with an `allow` list"))?;
    let mut config = SecretsConfig::default();
    for (key, value) in entries {
        match key.as_text().unwrap_or_default() {
            "allow" => config.allow = secret_allow_entries(path, value)?,
            other => {
                return Err(error(
                    path,
                    key,
                    &format!("unknown key `{other}` in `secrets` (expected allow)"),
                ));
            }
        }
    }
    Ok(config)
}

fn secret_allow_entries(path: &Arc<str>, list: &Node) -> Result<Vec<SecretAllow>, ConfigError> {
    let items = list
        .as_seq()
        .ok_or_else(|| error(path, list, "`secrets.allow` must be a list of entries"))?;
    let mut out = Vec::new();
    for item in items {
        let entries = item.as_map().ok_or_else(|| {
            error(
                path,
                item,
                "a `secrets.allow` entry is a mapping with `id`, `paths`, `values` and `reason`",
            )
        })?;
        let mut allow = SecretAllow {
            ids: Vec::new(),
            paths: None,
            values: Vec::new(),
            reason: None,
            origin: Origin {
                path: Arc::clone(path),
                line: Some(item.span.start.line),
            },
        };
        for (key, value) in entries {
            match key.as_text().unwrap_or_default() {
                "id" | "ids" | "rule" | "rules" => allow.ids.extend(strings(path, value)?),
                "paths" | "path" => allow.paths = Some(glob_set(path, value)?),
                "values" | "value" => {
                    for hash in strings(path, value)? {
                        let hash = hash.trim().to_ascii_lowercase();
                        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return Err(error(
                                path,
                                value,
                                &format!(
                                    "`{hash}` is not a SHA-256 in hex; allow a value by its hash (`printf %s VALUE | sha256sum`), never the value itself"
                                ),
                            ));
                        }
                        allow.values.push(hash);
                    }
                }
                "reason" => allow.reason = Some(string(path, value)?.to_owned()),
                other => {
                    return Err(error(
                        path,
                        key,
                        &format!(
                            "unknown key `{other}` in a `secrets.allow` entry (expected id, paths, values, reason)"
                        ),
                    ));
                }
            }
        }
        if allow.ids.is_empty() && allow.paths.is_none() && allow.values.is_empty() {
            return Err(error(
                path,
                item,
                "a `secrets.allow` entry needs `id`, `paths` or `values`",
            ));
        }
        out.push(allow);
    }
    Ok(out)
}

fn glob_set(path: &Arc<str>, value: &Node) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for glob in strings(path, value)? {
        builder.add(Glob::new(&glob).map_err(|e| error(path, value, &format!("bad glob `{glob}`: {e}")))?);
    }
    builder.build().map_err(|e| error(path, value, &e.to_string()))
}

fn parse_root(path: &Arc<str>, text: &str) -> Result<Option<Node>, ConfigError> {
    match palisade_yaml::documents(text, &Budgets::default()).next() {
        None => Ok(None),
        Some(Ok(doc)) if doc.root.is_null() => Ok(None),
        Some(Ok(doc)) => Ok(Some(doc.root)),
        Some(Err(e)) => Err(Diagnostic::at(path, e.mark(), e.to_string())),
    }
}

fn string<'a>(path: &Arc<str>, node: &'a Node) -> Result<&'a str, ConfigError> {
    match node.as_text() {
        Some(text) => Ok(text),
        None => Err(error(
            path,
            node,
            &format!("expected a string, found a {}", node.type_name()),
        )),
    }
}

fn strings(path: &Arc<str>, node: &Node) -> Result<Vec<String>, ConfigError> {
    match node.as_seq() {
        Some(items) => items.iter().map(|i| string(path, i).map(str::to_owned)).collect(),
        None => Ok(split_ids(string(path, node)?)),
    }
}

fn error(path: &Arc<str>, node: &Node, message: &str) -> ConfigError {
    Diagnostic::at(path, node.span.start, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> Arc<str> {
        Arc::from(".palisade.yaml")
    }

    #[test]
    fn reads_every_key() {
        let config = Config::parse(
            &path(),
            "lang: zh\nseverity:\n  K8S001: critical\ndisable: [K8S201]\nregistries:\n  - registry.example.com\nignore:\n  - id: KSV017\n    paths: ['legacy/**']\n    reason: vendor chart\n    expires: 2030-01-01\n",
        )
        .unwrap();
        assert_eq!(config.lang, Some(Lang::Zh));
        assert_eq!(config.severity, vec![("K8S001".to_owned(), Severity::Critical)]);
        assert_eq!(config.disable, vec!["K8S201"]);
        assert_eq!(config.registries, vec!["registry.example.com"]);
        assert_eq!(config.ignore[0].ids, vec!["KSV017"]);
    }

    #[test]
    fn reads_the_secrets_section() {
        let hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let config = Config::parse(
            &path(),
            &format!(
                "secrets:\n  allow:\n    - id: SEC001\n      paths: ['tests/**']\n      reason: fixtures\n    - values: ['{}']\n",
                hash.to_ascii_uppercase()
            ),
        )
        .unwrap();
        let allow = &config.secrets.allow;
        assert_eq!(allow.len(), 2);
        assert_eq!(allow[0].ids, vec!["SEC001"]);
        assert!(allow[0].paths.as_ref().unwrap().is_match("tests/a.env"));
        assert_eq!(allow[0].origin.line, Some(3));
        assert_eq!(allow[1].values, vec![hash]);
    }

    #[test]
    fn secrets_errors_point_at_the_key() {
        let err = Config::parse(&path(), "secrets:\n  allow:\n    - value: hunter2\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(3), Some(14)));
        assert!(err.message.contains("not a SHA-256"), "{}", err.message);
        let err = Config::parse(&path(), "secrets:\n  alow: []\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        let err = Config::parse(&path(), "secrets:\n  allow:\n    - reason: why\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("needs"), "{}", err.message);
        let err = Config::parse(&path(), "secrets:\n  allow:\n    - paths: ['a/[']\n").unwrap_err();
        assert!(err.message.contains("bad glob"), "{}", err.message);
    }

    #[test]
    fn errors_point_at_the_key() {
        let err = Config::parse(&path(), "lang: en\nseverty:\n  K8S001: HIGH\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(1)));
        assert!(err.message.contains("unknown key `severty`"), "{}", err.message);
        let err = Config::parse(&path(), "severity:\n  K8S001: urgent\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(11)));
        let err = parse_ignore_file(&path(), "ignore:\n  - id: K8S001\n    expires: soon\n").unwrap_err();
        assert_eq!(err.line, Some(3));
    }
}
