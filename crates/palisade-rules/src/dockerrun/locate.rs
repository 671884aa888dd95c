//! Positions: from a byte offset in the shell text read to a line and column of the file it came
//! from — directly for a script, or through the scalar that holds it for a CI file, where YAML
//! indentation, folding, quotes and escapes stand between the two.

use palisade_yaml::{Mark, Style};

/// The line starts of a text, to turn byte offsets into marks.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The mark of byte `offset` of the text, when the text itself starts at `origin`.
    pub(crate) fn mark(&self, offset: usize, origin: Mark) -> Mark {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts[index];
        let chars = u32::try_from(self.text[start..offset].chars().count()).unwrap_or(u32::MAX);
        let column = if index == 0 {
            origin.column.saturating_add(chars)
        } else {
            chars.saturating_add(1)
        };
        Mark {
            line: origin
                .line
                .saturating_add(u32::try_from(index).unwrap_or(u32::MAX)),
            column,
            offset: origin.offset + offset,
        }
    }
}

/// The start of a file.
pub(crate) const FILE_START: Mark = Mark {
    line: 1,
    column: 1,
    offset: 0,
};

/// For every byte of a scalar's `value` (and one past its end), the byte offset in the file of
/// the character it was read from. `raw` is the scalar as written, starting at byte `raw_start`
/// of the file.
///
/// The value's characters are matched in order against the raw text: white space the raw text
/// has and the value lacks is indentation or folding, anything else it lacks is a quote or an
/// escape. Every step advances one side, so the match is linear; where escapes make it drift,
/// positions stay inside the scalar.
pub(crate) fn align(value: &str, raw: &str, raw_start: usize, style: Style) -> Vec<usize> {
    let mut j = match style {
        // The header line (`|`, `>-`, `|2+` and any comment), if the raw text has it, holds no
        // content; the parser's span usually starts at the content already.
        Style::Literal | Style::Folded if raw.starts_with(['|', '>']) => {
            raw.find('\n').map_or(raw.len(), |p| p + 1)
        }
        Style::Literal | Style::Folded | Style::Plain => 0,
        Style::SingleQuoted | Style::DoubleQuoted => 1.min(raw.len()),
    };
    let raw_bytes = raw.as_bytes();
    let mut map = Vec::with_capacity(value.len() + 1);
    let mut chars = value.chars().peekable();
    while let Some(&c) = chars.peek() {
        if j >= raw.len() {
            break;
        }
        let r = raw[j..].chars().next().unwrap_or('\0');
        if r == c {
            map.extend(std::iter::repeat_n(raw_start + j, c.len_utf8()));
            chars.next();
            j += r.len_utf8();
        } else if matches!(raw_bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
            j += 1;
        } else if c.is_whitespace() {
            map.extend(std::iter::repeat_n(raw_start + j, c.len_utf8()));
            chars.next();
        } else {
            j += r.len_utf8();
        }
    }
    let end = raw_start + j.min(raw.len());
    map.resize(value.len() + 1, end);
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that every non-blank character of the value maps to the same character in `file`.
    fn check(file: &str, value: &str, raw_start: usize, style: Style) {
        let raw = &file[raw_start..];
        let map = align(value, raw, raw_start, style);
        assert_eq!(map.len(), value.len() + 1);
        for (i, c) in value.char_indices() {
            if !c.is_whitespace() {
                assert_eq!(file[map[i]..].chars().next(), Some(c), "{value:?} at {i}");
            }
        }
    }

    #[test]
    fn literal_and_folded_blocks() {
        let file = "run: |\n  docker run \\\n    --privileged x\n  echo ok\n";
        check(
            file,
            "docker run \\\n  --privileged x\necho ok\n",
            5,
            Style::Literal,
        );
        // Parser spans start at the content, after the header.
        check(
            file,
            "docker run \\\n  --privileged x\necho ok\n",
            9,
            Style::Literal,
        );
        let file = "run: >-\n  docker run\n  --privileged\n  x\n";
        check(file, "docker run --privileged x", 5, Style::Folded);
        let file = "- docker run\n    --privileged x\n";
        check(file, "docker run --privileged x", 2, Style::Plain);
    }

    #[test]
    fn quoted_scalars() {
        let file = r#"run: "docker run -e \"A=b\" x""#;
        check(file, r#"docker run -e "A=b" x"#, 5, Style::DoubleQuoted);
        let file = "run: 'it''s docker run x'";
        check(file, "it's docker run x", 5, Style::SingleQuoted);
        let file = r#"run: "docker run\n--privileged x""#;
        check(file, "docker run\n--privileged x", 5, Style::DoubleQuoted);
    }

    #[test]
    fn marks() {
        let lines = Lines::new("ab\ncdé\nf");
        let origin = Mark {
            line: 10,
            column: 5,
            offset: 100,
        };
        assert_eq!(
            lines.mark(1, origin),
            Mark {
                line: 10,
                column: 6,
                offset: 101
            }
        );
        assert_eq!(
            lines.mark(3, origin),
            Mark {
                line: 11,
                column: 1,
                offset: 103
            }
        );
        assert_eq!(lines.mark(7, origin).column, 4);
        assert_eq!(lines.mark(6, origin).column, 3, "inside é: its start");
        assert_eq!(lines.mark(999, origin).line, 12);
    }
}
