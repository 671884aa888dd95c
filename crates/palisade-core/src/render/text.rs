//! Text from scanned files on a terminal: control characters and bidirectional overrides shown
//! as escapes (a hostile manifest must not drive the terminal or reorder what is shown, as in
//! CVE-2021-42574 "Trojan Source"), and the display width of what is shown, to put carets under
//! the right characters.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Columns a tab takes in a snippet.
const TAB: &str = "    ";

/// Whether `c` must not reach a terminal as itself.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escape(c: char, out: &mut String) {
    let _ = write!(out, "\\u{{{:04X}}}", u32::from(c));
}

/// `s` with every character that could act on a terminal written as `\u{XXXX}`. Newlines stay.
pub(super) fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How one source character is shown in a snippet, and how many columns that takes.
pub(super) fn shown(c: char, out: &mut String) -> usize {
    if c == '\t' {
        out.push_str(TAB);
        TAB.len()
    } else if is_unsafe(c) || c == '\n' {
        let before = out.len();
        escape(c, out);
        out.len() - before
    } else {
        out.push(c);
        width(c)
    }
}

/// Terminal columns of a printable character: 2 for East Asian wide and fullwidth characters
/// and emoji, 0 for combining marks, 1 otherwise. Approximate beyond those ranges, which is
/// all a caret line needs.
fn width(c: char) -> usize {
    match u32::from(c) {
        0x0300..=0x036F | 0x200B..=0x200D | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_and_bidi_overrides_are_escaped() {
        assert_eq!(clean("plain\nnext"), "plain\nnext");
        assert_eq!(clean("a\x1b[31mb"), "a\\u{001B}[31mb");
        assert_eq!(clean("x\u{202E}y\u{9b}"), "x\\u{202E}y\\u{009B}");
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!("容器abc".chars().map(width).sum::<usize>(), 7);
        let mut s = String::new();
        assert_eq!(shown('\t', &mut s), 4);
        assert_eq!(shown('\x07', &mut s), 8);
    }
}
