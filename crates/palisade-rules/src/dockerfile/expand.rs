//! Build-argument substitution as BuildKit does it in `FROM`: `$NAME`, `${NAME}`,
//! `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`, `${NAME+alt}` and `${NAME:?msg}`.
//! A variable with no known value makes the whole text unknown, so no rule guesses at it.

/// The text with every variable substituted, or `None` when one has no known value. `lookup`
/// gives `Some(value)` for a set variable (possibly empty) and `None` for an unset one.
pub(crate) fn expand(text: &str, escape: char, lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    expand_at(text, escape, lookup, 0)
}

/// Nested defaults deeper than this are no real Dockerfile's; they are left unknown.
const MAX_DEPTH: usize = 16;

fn expand_at(
    text: &str,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
    depth: usize,
) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    if !text.contains('$') && !text.contains(escape) {
        return Some(text.to_owned());
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == escape {
            if let Some((_, next)) = chars.next() {
                out.push(next);
            }
            continue;
        }
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some((_, '{')) => {
                chars.next();
                let start = i + 2;
                let mut depth = 1;
                let mut end = None;
                for (j, c) in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(j);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let inner = &text[start..end?];
                out.push_str(&braced(inner, escape, lookup, depth)?);
            }
            Some((j, c)) if c.is_ascii_alphabetic() || c == '_' => {
                let mut end = j;
                while let Some(&(k, c)) = chars.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        end = k + c.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push_str(&lookup(&text[j..end])?);
            }
            _ => out.push('$'),
        }
    }
    Some(out)
}

/// The inside of `${…}`.
fn braced(
    inner: &str,
    escape: char,
    lookup: &dyn Fn(&str) -> Option<String>,
    depth: usize,
) -> Option<String> {
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let (name, op) = inner.split_at(name_end);
    if name.is_empty() {
        return None;
    }
    let value = lookup(name);
    let (colon, rest) = match op.strip_prefix(':') {
        Some(rest) => (true, rest),
        None => (false, op),
    };
    let Some(kind) = rest.chars().next() else {
        return if op.is_empty() { value } else { None };
    };
    let word = &rest[kind.len_utf8()..];
    let set = match &value {
        Some(v) => !colon || !v.is_empty(),
        None => false,
    };
    match kind {
        '-' => {
            if set {
                value
            } else {
                expand_at(word, escape, lookup, depth + 1)
            }
        }
        '+' => {
            if set {
                expand_at(word, escape, lookup, depth + 1)
            } else {
                Some(String::new())
            }
        }
        '?' => value.filter(|_| set),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "TAG" => Some("3.12".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn forms() {
        let e = |t: &str| expand(t, '\\', &env);
        assert_eq!(e("python:$TAG-slim").as_deref(), Some("python:3.12-slim"));
        assert_eq!(e("python:${TAG}").as_deref(), Some("python:3.12"));
        assert_eq!(e("${NOPE:-debian}:${EMPTY:-12}").as_deref(), Some("debian:12"));
        assert_eq!(e("x${EMPTY-y}").as_deref(), Some("x"));
        assert_eq!(e("a${TAG:+-b}").as_deref(), Some("a-b"));
        assert_eq!(e("a${NOPE:+b}").as_deref(), Some("a"));
        assert_eq!(e("$NOPE"), None);
        assert_eq!(e("${TAG"), None);
        assert_eq!(e("cost\\$5").as_deref(), Some("cost$5"));
        assert_eq!(e("$").as_deref(), Some("$"));
    }
}
