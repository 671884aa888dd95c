//! Line reading for the text package databases (dpkg `status`, apk `installed`): lines come from
//! a stream without ever holding more than one line, and a line over the cap is cut, not grown.

use std::io::{self, BufRead};

/// Longest line kept whole; the rest of a longer line is read and dropped. Package databases
/// have short lines except for continuation lines of long descriptions, which are not used.
pub(crate) const MAX_LINE: usize = 64 * 1024;

/// Lines of a stream with `\n` and a `\r` before it removed.
pub(crate) struct Lines<R> {
    reader: R,
    line: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(reader: R) -> Lines<R> {
        Lines {
            reader,
            line: Vec::new(),
        }
    }

    /// The next line, or none at the end of the stream.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<&[u8]>> {
        self.line.clear();
        let mut seen = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if !seen {
                    return Ok(None);
                }
                break;
            }
            seen = true;
            let (chunk, done) = match memchr(b'\n', buf) {
                Some(i) => (&buf[..i], Some(i + 1)),
                None => (buf, None),
            };
            let room = MAX_LINE.saturating_sub(self.line.len());
            self.line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            let used = done.unwrap_or(buf.len());
            self.reader.consume(used);
            if done.is_some() {
                break;
            }
        }
        if self.line.last() == Some(&b'\r') {
            self.line.pop();
        }
        Ok(Some(&self.line))
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8]) -> Vec<Vec<u8>> {
        let mut lines = Lines::new(io::BufReader::with_capacity(7, input));
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(line.to_vec());
        }
        out
    }

    #[test]
    fn lines_lose_their_line_ends_and_long_lines_are_cut() {
        assert_eq!(
            all(b"a: 1\r\nbb\n\nlast"),
            vec![b"a: 1".to_vec(), b"bb".to_vec(), vec![], b"last".to_vec()]
        );
        assert!(all(b"").is_empty());
        let long = vec![b'x'; MAX_LINE * 2 + 5];
        let mut input = long.clone();
        input.extend_from_slice(b"\nnext\n");
        let got = all(&input);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].len(), MAX_LINE);
        assert_eq!(got[1], b"next");
    }
}
