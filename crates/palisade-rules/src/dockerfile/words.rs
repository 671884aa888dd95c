//! Splitting instruction arguments into words as BuildKit does: builder flags (`--from=build`),
//! JSON arrays (exec form), whitespace fields, quote-aware words (`ENV`, `LABEL`, `ARG`), and the
//! removal of quotes and escapes from a word's value.

/// A range `start..end` of an instruction's joined text.
pub(crate) type Range = (usize, usize);

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The first offset at or after `from` that is not whitespace.
pub(crate) fn skip_space(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !is_space(c))
        .map_or(text.len(), |i| from + i)
}

/// A builder flag: `--name=value` or `--name`, with the ranges of the whole flag and its value.
#[derive(Debug)]
pub(crate) struct RawFlag {
    pub(crate) whole: Range,
    pub(crate) name: String,
    pub(crate) value: Option<(String, Range)>,
}

/// The builder flags at `from` (words that start with `--`, quotes and escapes allowed inside,
/// ended by the first other word or a lone `--`), and where the arguments after them start.
pub(crate) fn flags(text: &str, from: usize) -> (Vec<RawFlag>, usize) {
    let mut out = Vec::new();
    let mut pos = skip_space(text, from);
    loop {
        if !text[pos..].starts_with("--") {
            return (out, pos);
        }
        let start = pos;
        let mut word = String::new();
        let mut raw_value_start = None;
        let bytes = text.as_bytes();
        let mut quote: Option<u8> = None;
        while pos < text.len() {
            let c = bytes[pos];
            match quote {
                None if (c as char).is_ascii_whitespace() => break,
                None if c == b'\'' || c == b'"' => quote = Some(c),
                Some(q) if c == q => quote = None,
                _ if c == b'\\' && pos + 1 < text.len() && quote != Some(b'\'') => {
                    pos += 1;
                    let ch = text[pos..].chars().next().unwrap_or(' ');
                    word.push(ch);
                    pos += ch.len_utf8();
                    continue;
                }
                _ => {
                    let ch = text[pos..].chars().next().unwrap_or(' ');
                    if ch == '=' && raw_value_start.is_none() && quote.is_none() {
                        raw_value_start = Some((word.len(), pos + 1));
                    }
                    word.push(ch);
                    pos += ch.len_utf8();
                    continue;
                }
            }
            pos += 1;
        }
        let end = pos;
        if word == "--" {
            return (out, skip_space(text, end));
        }
        let body = &word[2..];
        let (name, value) = match raw_value_start {
            Some((at, value_start)) if at >= 2 => (
                body[..at - 2].to_owned(),
                Some((word[at + 1..].to_owned(), (value_start, end))),
            ),
            _ => (body.to_owned(), None),
        };
        out.push(RawFlag {
            whole: (start, end),
            name,
            value,
        });
        pos = skip_space(text, end);
    }
}

/// Whitespace-separated fields of `text[from..]`, quotes not special (`FROM`, `EXPOSE`, and the
/// shell form of `COPY`/`ADD`).
pub(crate) fn fields(text: &str, from: usize) -> Vec<Range> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[from..].char_indices() {
        let i = from + i;
        match (is_space(c), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Words of `text[from..]` split at whitespace outside quotes, quotes and escapes kept in the
/// text (BuildKit's `parseWords`, for `ENV`, `LABEL` and `ARG`).
pub(crate) fn quoted_words(text: &str, from: usize, escape: char) -> Vec<Range> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut chars = text[from..].char_indices().map(|(i, c)| (from + i, c)).peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            None => {
                if is_space(c) {
                    if let Some(s) = start.take() {
                        out.push((s, i));
                    }
                    continue;
                }
                start.get_or_insert(i);
                if c == '\'' || c == '"' {
                    quote = Some(c);
                } else if c == escape {
                    chars.next();
                }
            }
            Some(q) => {
                if c == q {
                    quote = None;
                } else if c == escape && q != '\'' {
                    chars.next();
                }
            }
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The value of a word once the shell has removed its quotes and escapes (variables are left as
/// written).
pub(crate) fn unquote(raw: &str, escape: char) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut quote: Option<char> = None;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == escape => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            Some(q) if c == q => quote = None,
            Some('"') if c == escape => match chars.peek() {
                Some(&n) if n == '"' || n == '$' || n == escape || n == '`' => {
                    out.push(n);
                    chars.next();
                }
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    out
}

/// A JSON array of strings at `from` (exec form): each string's value and range, or `None` when
/// the text is not one. As BuildKit's decoder, text after the closing bracket is ignored.
pub(crate) fn json_array(text: &str, from: usize) -> Option<Vec<(String, Range)>> {
    let bytes = text.as_bytes();
    let mut pos = skip_space(text, from);
    if bytes.get(pos) != Some(&b'[') {
        return None;
    }
    pos += 1;
    let mut out = Vec::new();
    let skip = |pos: &mut usize| {
        while bytes.get(*pos).is_some_and(u8::is_ascii_whitespace) {
            *pos += 1;
        }
    };
    skip(&mut pos);
    if bytes.get(pos) == Some(&b']') {
        return Some(out);
    }
    loop {
        skip(&mut pos);
        if bytes.get(pos) != Some(&b'"') {
            return None;
        }
        let start = pos;
        pos += 1;
        let mut value = String::new();
        loop {
            let c = text[pos..].chars().next()?;
            match c {
                '"' => {
                    pos += 1;
                    break;
                }
                '\\' => {
                    let e = *bytes.get(pos + 1)?;
                    pos += 2;
                    match e {
                        b'"' => value.push('"'),
                        b'\\' => value.push('\\'),
                        b'/' => value.push('/'),
                        b'b' => value.push('\u{8}'),
                        b'f' => value.push('\u{c}'),
                        b'n' => value.push('\n'),
                        b'r' => value.push('\r'),
                        b't' => value.push('\t'),
                        b'u' => {
                            let hex = text.get(pos..pos + 4)?;
                            let code = u32::from_str_radix(hex, 16).ok()?;
                            pos += 4;
                            value.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => return None,
                    }
                }
                c if (c as u32) < 0x20 => return None,
                c => {
                    value.push(c);
                    pos += c.len_utf8();
                }
            }
        }
        out.push((value, (start, pos)));
        skip(&mut pos);
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            Some(b']') => return Some(out),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, ranges: &[Range]) -> Vec<&'a str> {
        ranges.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn builder_flags() {
        let text = "--from=build --chown=\"a b\" --link src dst";
        let (found, rest) = flags(text, 0);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].name, "from");
        assert_eq!(found[0].value.as_ref().unwrap().0, "build");
        assert_eq!(found[1].value.as_ref().unwrap().0, "a b");
        assert_eq!(found[2].name, "link");
        assert!(found[2].value.is_none());
        assert_eq!(&text[rest..], "src dst");
        let (found, rest) = flags("-- --x y", 0);
        assert!(found.is_empty());
        assert_eq!(rest, 3);
    }

    #[test]
    fn words_keep_quotes() {
        let text = r#"A="x y" B=z\ w C='q"'"#;
        let words = quoted_words(text, 0, '\\');
        assert_eq!(texts(text, &words), vec![r#"A="x y""#, r"B=z\ w", r#"C='q"'"#]);
        assert_eq!(unquote(r#""x y""#, '\\'), "x y");
        assert_eq!(unquote(r"z\ w", '\\'), "z w");
        assert_eq!(unquote(r#""a\"b\n""#, '\\'), "a\"b\\n");
        assert_eq!(fields("  a  b\tc ", 0).len(), 3);
    }

    #[test]
    fn json_arrays() {
        let (v, _) = json_array(r#" ["a", "b\"c", "\u00e9"]"#, 0)
            .unwrap()
            .into_iter()
            .unzip::<_, _, Vec<_>, Vec<_>>();
        assert_eq!(v, vec!["a", "b\"c", "é"]);
        assert_eq!(json_array("[]", 0).unwrap().len(), 0);
        assert!(json_array("['a']", 0).is_none());
        assert!(json_array("[\"a\" \"b\"]", 0).is_none());
        assert!(json_array("[\"a\"", 0).is_none());
        assert!(json_array("[1]", 0).is_none());
        assert!(json_array("[\"\\", 0).is_none());
    }
}
