//! Positions in a Dockerfile: byte spans, the line index that turns offsets into line and column,
//! and `Joined`, text assembled from pieces of the source with the way back to each byte.

use palisade_yaml::Mark;

/// A range of bytes in the source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Where every line starts, to turn byte offsets into 1-based lines and character columns.
#[derive(Clone, Debug, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 1-based line holding `offset`.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        u32::try_from(self.starts.partition_point(|&s| s <= offset)).unwrap_or(u32::MAX)
    }

    /// The mark of `offset`, its column counted in characters. An offset inside a character
    /// (never made by the parser) counts as that character.
    pub(crate) fn mark(&self, text: &str, offset: usize) -> Mark {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.starts[(line as usize).saturating_sub(1)];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Mark {
            line,
            column: u32::try_from(column).unwrap_or(u32::MAX).saturating_add(1),
            offset,
        }
    }

    pub(crate) fn line_start(&self, line: u32) -> Option<usize> {
        self.starts.get((line as usize).checked_sub(1)?).copied()
    }
}

/// Text assembled from pieces of the source (an instruction's lines without their continuation
/// escapes and comment lines), and where each of its bytes came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Joined {
    pub text: String,
    /// `(offset in text, offset in source)` where each piece starts, in order.
    pieces: Vec<(usize, usize)>,
}

impl Joined {
    /// Text that is one piece of the source, starting at `source`.
    pub(crate) fn contiguous(text: &str, source: usize) -> Joined {
        Joined {
            text: text.to_owned(),
            pieces: vec![(0, source)],
        }
    }

    pub(crate) fn push(&mut self, piece: &str, source: usize) {
        if piece.is_empty() {
            return;
        }
        self.pieces.push((self.text.len(), source));
        self.text.push_str(piece);
    }

    /// The text from byte `from` on, with its way back to the source.
    pub(crate) fn tail(&self, from: usize) -> Joined {
        let from = from.min(self.text.len());
        let mut out = Joined::default();
        let first = self.pieces.partition_point(|&(t, _)| t <= from).saturating_sub(1);
        for (i, &(t, s)) in self.pieces.iter().enumerate().skip(first) {
            let end = self.pieces.get(i + 1).map_or(self.text.len(), |&(next, _)| next);
            let start = t.max(from);
            if start < end {
                out.push(&self.text[start..end], s + (start - t));
            }
        }
        out
    }

    /// The source offset of byte `at` of the text (the end of the text maps to the end of its
    /// last piece).
    pub fn source(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|&(t, _)| t <= at).saturating_sub(1);
        self.pieces.get(i).map_or(0, |&(t, s)| s + at.saturating_sub(t))
    }

    /// The source span of the text bytes `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        if end <= start {
            let s = self.source(start);
            return Span::new(s, s);
        }
        // The end is taken from the last byte inside, so a range ending at a piece boundary
        // ends on the line it is on rather than at the start of the next piece.
        Span::new(self.source(start), self.source(end - 1) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_count_characters() {
        let text = "ab\né x\n\nlast";
        let index = LineIndex::new(text);
        let m = index.mark(text, 6);
        assert_eq!((m.line, m.column), (2, 3));
        assert_eq!(index.mark(text, 8).line, 3);
        assert_eq!(index.mark(text, 9).line, 4);
        assert_eq!(index.mark(text, 99).offset, text.len());
    }

    #[test]
    fn joined_maps_back() {
        let mut j = Joined::default();
        j.push("RUN a ", 10);
        j.push("  b", 30);
        assert_eq!(j.text, "RUN a   b");
        assert_eq!(j.source(4), 14);
        assert_eq!(j.source(6), 30);
        assert_eq!(j.span(4, 6), Span::new(14, 16));
        assert_eq!(j.span(8, 9), Span::new(32, 33));
        let t = j.tail(4);
        assert_eq!(t.text, "a   b");
        assert_eq!((t.source(0), t.source(2), t.source(4)), (14, 30, 32));
    }
}
