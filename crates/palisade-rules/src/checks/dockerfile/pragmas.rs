//! hadolint's inline pragmas, honoured so teams migrate without editing their Dockerfiles:
//! `# hadolint ignore=DL3008,DL3009` covers the next instruction, and `# hadolint global
//! ignore=DL3059` the whole file. Ids match palisade codes and every alias (`DL3008` names the
//! DF rule that carries it).
//!
//! As hadolint 2.15.1 reads them: spaces are allowed around `=` and after commas, and the pragma
//! must be the line right above the instruction (another comment or an empty line between them
//! cancels it). Differences: ids match without case (`dl3008`), and a pragma with text after its
//! ids, which hadolint ignores entirely, is honoured.

use std::sync::Arc;

use palisade_core::suppress::{Origin, Scope, Suppression};

use crate::dockerfile::{Comment, Dockerfile};

/// What a `# hadolint …` comment says.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Pragma {
    pub(super) global: bool,
    pub(super) ids: Vec<String>,
}

/// Parses the text of a comment (after the `#`).
pub(super) fn pragma(comment: &str) -> Option<Pragma> {
    let rest = comment.trim().strip_prefix("hadolint")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let mut rest = rest.trim_start();
    let global = match rest.strip_prefix("global") {
        Some(r) if r.starts_with(char::is_whitespace) => {
            rest = r.trim_start();
            true
        }
        _ => false,
    };
    let rest = rest
        .strip_prefix("ignore")?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let mut ids = Vec::new();
    for part in rest.split(',') {
        let id = part.split_whitespace().next().unwrap_or_default();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return None;
        }
        ids.push(id.to_owned());
    }
    Some(Pragma { global, ids })
}

/// The suppressions of a file's hadolint pragmas.
pub(super) fn hadolint(path: &Arc<str>, df: &Dockerfile<'_>) -> Vec<Suppression> {
    if !df.comments.iter().any(|c| c.text.starts_with("hadolint")) {
        return Vec::new();
    }
    let comment_at = |line: u32| -> Option<&Comment> {
        df.comments
            .binary_search_by_key(&line, |c| c.line)
            .ok()
            .map(|i| &df.comments[i])
    };
    let make = |ids: Vec<String>, scope: Scope, line: u32| Suppression {
        ids,
        scope,
        reason: None,
        expires: None,
        origin: Origin {
            path: Arc::clone(path),
            line: Some(line),
        },
        wants_reason: false,
    };
    let mut out = Vec::new();
    for c in &df.comments {
        if let Some(p) = pragma(&c.text).filter(|p| p.global) {
            let scope = Scope::Lines {
                path: Arc::clone(path),
                first: 1,
                last: u32::MAX,
            };
            out.push(make(p.ids, scope, c.line));
        }
    }
    for i in &df.instructions {
        let Some(c) = i.line.checked_sub(1).and_then(comment_at) else {
            continue;
        };
        if let Some(p) = pragma(&c.text).filter(|p| !p.global) {
            let scope = Scope::Lines {
                path: Arc::clone(path),
                first: i.line,
                last: i.last_line,
            };
            out.push(make(p.ids, scope, c.line));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragma_forms() {
        let ids = |t: &str| pragma(t).map(|p| (p.global, p.ids));
        assert_eq!(
            ids("hadolint ignore=DL3008"),
            Some((false, vec!["DL3008".into()]))
        );
        assert_eq!(
            ids(" hadolint   ignore = DL3008, DL3009"),
            Some((false, vec!["DL3008".into(), "DL3009".into()]))
        );
        assert_eq!(
            ids("hadolint global ignore=DL3059"),
            Some((true, vec!["DL3059".into()]))
        );
        assert_eq!(
            ids("hadolint ignore=DF103 pinned upstream").map(|p| p.1.len()),
            Some(1)
        );
        assert_eq!(ids("hadolint ignore=DL3008,"), None);
        assert_eq!(ids("HADOLINT ignore=DL3008"), None);
        assert_eq!(ids("hadolint shell=powershell"), None);
        assert_eq!(ids("hadolintignore=DL3008"), None);
    }

    #[test]
    fn pragmas_cover_the_instruction_right_below() {
        let text = "FROM a:1\n# hadolint ignore=DL3003\nRUN cd /x \\\n  && make\n# hadolint ignore=DL3003\n\nRUN cd /y\n# hadolint ignore=DL3003\n# hadolint ignore=DL3059\nRUN cd /z\n# hadolint global ignore=DL3047\n";
        let df = crate::dockerfile::parse(text);
        let sup = hadolint(&Arc::from("Dockerfile"), &df);
        let scopes: Vec<(Vec<String>, u32, u32)> = sup
            .iter()
            .map(|s| match &s.scope {
                Scope::Lines { first, last, .. } => (s.ids.clone(), *first, *last),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            scopes,
            vec![
                (vec!["DL3047".into()], 1, u32::MAX),
                (vec!["DL3003".into()], 3, 4),
                (vec!["DL3059".into()], 10, 10),
            ]
        );
    }
}
