//! Just enough of the POSIX shell grammar to find commands and their words: quotes, escapes,
//! line continuations, comments, here-documents, separators and redirections. Expansions
//! (`$VAR`, `${…}`, `$(…)`, `` `…` ``) are kept whole inside their word and marked, never
//! evaluated; the inside of a command substitution is read again as commands of its own, so
//! `id=$(docker run -d …)` is found.
//!
//! Positions are byte offsets into the text read. Every loop advances, and nesting is read at
//! most [`MAX_NESTING`] levels deep, so any input costs time linear in its length.

/// One word of a command, after quote removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word as the shell passes it on, but with expansions left as written.
    pub(crate) text: String,
    /// Byte offsets of the word in the text read.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Some part is an expansion the shell would replace (outside single quotes).
    pub(crate) expansion: bool,
    /// Some part was quoted or escaped.
    pub(crate) quoted: bool,
    /// The word is one unquoted expansion, which the shell may split into several words
    /// (`$OPTS`, `$(cat flags)`), or `"$@"`-style, which gives one word per argument.
    pub(crate) splits: bool,
    /// Where the expansion that opened the word ends, while it may be the whole word.
    lone_end: Option<usize>,
}

impl Word {
    fn new(start: usize) -> Word {
        Word {
            text: String::new(),
            start,
            end: start,
            expansion: false,
            quoted: false,
            splits: false,
            lone_end: None,
        }
    }
}

/// A word, or the end of a simple command (a newline, `;`, `&`, `&&`, `||`, `|`, a parenthesis).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    Word(Word),
    Break,
}

/// Command substitutions nested deeper than this are kept as text and not read as commands.
const MAX_NESTING: usize = 8;

/// The tokens of `text`: its own commands, then those of every command substitution in it, each
/// run of them closed by a [`Token::Break`]. In a Makefile (`make`), `$$` is the shell's `$`.
pub(crate) fn tokens(text: &str, make: bool) -> Vec<Token> {
    tokens_in(text, 0, text.len(), make)
}

/// The tokens of `text[start..end]` (a script inside a quoted word), with offsets in `text`.
pub(crate) fn tokens_in(text: &str, start: usize, end: usize, make: bool) -> Vec<Token> {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        make,
        out: Vec::new(),
        nested: Vec::new(),
    };
    lexer.run(start, end.min(text.len()));
    let mut depth = 0;
    while depth < MAX_NESTING && !lexer.nested.is_empty() {
        let ranges = std::mem::take(&mut lexer.nested);
        for (start, end) in ranges {
            lexer.out.push(Token::Break);
            lexer.run(start, end);
        }
        depth += 1;
    }
    lexer.out.push(Token::Break);
    lexer.out
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    make: bool,
    out: Vec<Token>,
    /// The insides of command substitutions met, read after the text around them.
    nested: Vec<(usize, usize)>,
}

/// A here-document whose body starts after the current line.
struct HereDoc {
    delimiter: String,
    strip_tabs: bool,
}

impl Lexer<'_> {
    fn char_at(&self, i: usize) -> char {
        self.text[i..].chars().next().unwrap_or('\0')
    }

    fn run(&mut self, mut i: usize, end: usize) {
        let mut word: Option<Word> = None;
        // The next word is a redirection's target (a file name, or a here-document delimiter).
        let mut target: Option<Target> = None;
        let mut heredocs: Vec<HereDoc> = Vec::new();
        while i < end {
            let c = self.bytes[i];
            match c {
                b'\\' => {
                    if self.bytes.get(i + 1) == Some(&b'\n') {
                        i += 2;
                        continue;
                    }
                    if self.bytes.get(i + 1) == Some(&b'\r') && self.bytes.get(i + 2) == Some(&b'\n') {
                        i += 3;
                        continue;
                    }
                    let w = word.get_or_insert_with(|| Word::new(i));
                    w.quoted = true;
                    i += 1;
                    if i < end {
                        let ch = self.char_at(i);
                        w.text.push(ch);
                        i += ch.len_utf8();
                    }
                    w.end = i;
                }
                b' ' | b'\t' | b'\r' => {
                    self.finish(&mut word, &mut target, &mut heredocs);
                    i += 1;
                }
                b'\n' => {
                    self.finish(&mut word, &mut target, &mut heredocs);
                    self.out.push(Token::Break);
                    i += 1;
                    if !heredocs.is_empty() {
                        i = self.skip_heredocs(i, end, &std::mem::take(&mut heredocs));
                    }
                }
                b';' | b'(' | b')' | b'|' => {
                    self.finish(&mut word, &mut target, &mut heredocs);
                    self.out.push(Token::Break);
                    i += 1;
                }
                b'&' if self.bytes.get(i + 1) != Some(&b'>') => {
                    self.finish(&mut word, &mut target, &mut heredocs);
                    self.out.push(Token::Break);
                    i += 1;
                }
                b'<' | b'>' | b'&' => {
                    // A file descriptor number written before the operator belongs to it.
                    if word.as_ref().is_some_and(|w| {
                        !w.quoted && !w.text.is_empty() && w.text.bytes().all(|b| b.is_ascii_digit())
                    }) {
                        word = None;
                    }
                    self.finish(&mut word, &mut target, &mut heredocs);
                    let op_start = i;
                    while i < end && matches!(self.bytes[i], b'<' | b'>' | b'&' | b'|' | b'-') {
                        i += 1;
                    }
                    let op = &self.text[op_start..i];
                    target = Some(if op.starts_with("<<") && !op.starts_with("<<<") {
                        Target::HereDoc {
                            strip_tabs: op.ends_with('-'),
                        }
                    } else {
                        Target::File
                    });
                }
                b'#' if word.is_none() => {
                    while i < end && self.bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'\'' => {
                    let w = word.get_or_insert_with(|| Word::new(i));
                    w.quoted = true;
                    let close = self.text[i + 1..end].find('\'').map_or(end, |p| i + 1 + p);
                    w.text.push_str(&self.text[i + 1..close]);
                    i = (close + 1).min(end);
                    w.end = i;
                }
                b'"' => {
                    let w = word.get_or_insert_with(|| Word::new(i));
                    w.quoted = true;
                    i = self.double_quoted(i + 1, end, w);
                    w.end = i;
                }
                b'$' | b'`' => {
                    let alone = word.is_none();
                    let w = word.get_or_insert_with(|| Word::new(i));
                    let after = self.expansion(i, end, w);
                    if alone && w.expansion {
                        w.lone_end = Some(after);
                    }
                    i = after;
                    w.end = i;
                }
                _ => {
                    let w = word.get_or_insert_with(|| Word::new(i));
                    let ch = self.char_at(i);
                    w.text.push(ch);
                    i += ch.len_utf8();
                    w.end = i;
                }
            }
        }
        self.finish(&mut word, &mut target, &mut heredocs);
    }

    /// Ends the current word: a redirection target is dropped (and a here-document delimiter
    /// remembered), any other word is emitted.
    fn finish(&mut self, word: &mut Option<Word>, target: &mut Option<Target>, heredocs: &mut Vec<HereDoc>) {
        let Some(mut w) = word.take() else { return };
        let all_arguments = matches!(w.text.as_str(), "$@" | "$*" | "${@}" | "${*}")
            || (w.text.starts_with("${") && w.text.ends_with("[@]}"));
        w.splits = (!w.quoted && w.lone_end == Some(w.end)) || (w.expansion && all_arguments);
        match target.take() {
            Some(Target::HereDoc { strip_tabs }) => heredocs.push(HereDoc {
                delimiter: w.text,
                strip_tabs,
            }),
            Some(Target::File) => {}
            None => self.out.push(Token::Word(w)),
        }
    }

    /// Skips the bodies of the here-documents opened on the line that ended at `i`: they are
    /// data, not commands. Returns where commands start again.
    fn skip_heredocs(&self, mut i: usize, end: usize, heredocs: &[HereDoc]) -> usize {
        for doc in heredocs {
            while i < end {
                let line_end = self.text[i..end].find('\n').map_or(end, |p| i + p);
                let mut line = self.text[i..line_end].trim_end_matches('\r');
                if doc.strip_tabs {
                    line = line.trim_start_matches('\t');
                }
                i = (line_end + 1).min(end);
                if line == doc.delimiter {
                    break;
                }
            }
        }
        i
    }

    /// Reads a double-quoted string from after its opening quote; returns the offset after the
    /// closing quote.
    fn double_quoted(&mut self, mut i: usize, end: usize, w: &mut Word) -> usize {
        while i < end {
            match self.bytes[i] {
                b'"' => return i + 1,
                b'\\' => match self.bytes.get(i + 1) {
                    Some(b'\n') => i += 2,
                    Some(b'"' | b'\\' | b'$' | b'`') => {
                        w.text.push(char::from(self.bytes[i + 1]));
                        i += 2;
                    }
                    _ => {
                        w.text.push('\\');
                        i += 1;
                    }
                },
                b'$' | b'`' => {
                    i = self.expansion(i, end, w);
                }
                _ => {
                    let ch = self.char_at(i);
                    w.text.push(ch);
                    i += ch.len_utf8();
                }
            }
        }
        end
    }

    /// Reads the expansion (or lone `$`) at `i` into `w`, as written; returns the offset after it.
    fn expansion(&mut self, mut i: usize, end: usize, w: &mut Word) -> usize {
        // Make passes `$$` on as `$`: what follows is the shell's expansion.
        while self.make && self.bytes.get(i + 1) == Some(&b'$') && i + 2 < end {
            w.text.push('$');
            i += 1;
        }
        let next = self.bytes.get(i + 1).copied().filter(|_| i + 1 < end);
        let after = match (self.bytes[i], next) {
            (b'`', _) => {
                let close = self.backtick_end(i + 1, end);
                self.nested.push((i + 1, close.min(end)));
                (close + 1).min(end)
            }
            (_, Some(b'(')) => {
                let close = self.closing(i + 2, end, b'(', b')');
                self.nested.push((i + 2, close.min(end)));
                (close + 1).min(end)
            }
            (_, Some(b'{')) => (self.closing(i + 2, end, b'{', b'}') + 1).min(end),
            (_, Some(c)) if c == b'_' || c.is_ascii_alphabetic() => {
                let mut j = i + 1;
                while j < end && (self.bytes[j] == b'_' || self.bytes[j].is_ascii_alphanumeric()) {
                    j += 1;
                }
                j
            }
            (_, Some(c)) if c.is_ascii_digit() || b"@*#?$!-".contains(&c) => i + 2,
            _ => {
                // A `$` that starts no expansion is itself.
                w.text.push('$');
                return i + 1;
            }
        };
        w.text.push_str(&self.text[i..after]);
        w.expansion = true;
        after
    }

    /// The offset of the `close` that balances an `open` already read, skipping quoted text and
    /// escapes; `end` when there is none.
    fn closing(&self, mut i: usize, end: usize, open: u8, close: u8) -> usize {
        let mut depth = 1usize;
        while i < end {
            let c = self.bytes[i];
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == b'\'' {
                i = self.text[i + 1..end].find('\'').map_or(end, |p| i + 1 + p) + 1;
                continue;
            }
            if c == b'"' {
                let mut j = i + 1;
                while j < end && self.bytes[j] != b'"' {
                    j += if self.bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
                continue;
            }
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            i += 1;
        }
        end
    }

    fn backtick_end(&self, mut i: usize, end: usize) -> usize {
        while i < end {
            match self.bytes[i] {
                b'\\' => i += 2,
                b'`' => return i,
                _ => i += 1,
            }
        }
        end
    }
}

enum Target {
    File,
    HereDoc { strip_tabs: bool },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        let mut commands = vec![Vec::new()];
        for token in tokens(text, false) {
            match token {
                Token::Word(w) => commands.last_mut().unwrap().push(w.text),
                Token::Break => {
                    if !commands.last().unwrap().is_empty() {
                        commands.push(Vec::new());
                    }
                }
            }
        }
        commands.pop();
        commands
    }

    #[test]
    fn quotes_escapes_and_continuations() {
        assert_eq!(
            words("docker run -e 'A=b c' -e \"X=\\\"y\\\"\" \\\n  --rm img"),
            vec![vec![
                "docker", "run", "-e", "A=b c", "-e", "X=\"y\"", "--rm", "img"
            ]]
        );
        assert_eq!(words("a\\ b c"), vec![vec!["a b", "c"]]);
        assert_eq!(
            words("echo hi # docker run x\nls"),
            vec![vec!["echo", "hi"], vec!["ls"]]
        );
        assert_eq!(words("a#b"), vec![vec!["a#b"]]);
    }

    #[test]
    fn separators_and_redirections() {
        assert_eq!(
            words("a && b || c; d | e & f"),
            vec![vec!["a"], vec!["b"], vec!["c"], vec!["d"], vec!["e"], vec!["f"]]
        );
        assert_eq!(words("run x > out.txt 2>&1 y"), vec![vec!["run", "x", "y"]]);
        assert_eq!(words("run x &>/dev/null"), vec![vec!["run", "x"]]);
    }

    #[test]
    fn expansions_are_kept_whole() {
        let t = tokens(
            "docker run -v $(pwd):/src -u \"$(id -u):$(id -g)\" ${IMAGE:-a b} $OPTS",
            false,
        );
        let ws: Vec<&Word> = t
            .iter()
            .filter_map(|t| if let Token::Word(w) = t { Some(w) } else { None })
            .collect();
        assert_eq!(ws[3].text, "$(pwd):/src");
        assert!(ws[3].expansion && !ws[3].splits);
        assert_eq!(ws[5].text, "$(id -u):$(id -g)");
        assert_eq!(ws[6].text, "${IMAGE:-a b}");
        assert!(ws[6].splits);
        assert_eq!(ws[7].text, "$OPTS");
        assert!(ws[7].splits);
        // The insides of the substitutions come after, as commands of their own.
        let all = words("id=$(docker run -d x) && echo `docker ps`");
        assert!(all.contains(&vec!["docker".to_owned(), "run".into(), "-d".into(), "x".into()]));
        assert!(all.contains(&vec!["docker".to_owned(), "ps".into()]));
    }

    #[test]
    fn make_dollars() {
        let t = tokens("docker run -v $$(pwd):/src -u $$UID img", true);
        let ws: Vec<String> = t
            .iter()
            .filter_map(|t| {
                if let Token::Word(w) = t {
                    Some(w.text.clone())
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(
            ws[..7],
            ["docker", "run", "-v", "$$(pwd):/src", "-u", "$$UID", "img"]
        );
    }

    #[test]
    fn heredoc_bodies_are_skipped() {
        assert_eq!(
            words("cat <<EOF > f\nit's docker run x\nEOF\nls\ncat <<-'END'\n\tbody\n\tEND\npwd"),
            vec![vec!["cat"], vec!["ls"], vec!["cat"], vec!["pwd"]]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "  docker  run \"--rm\"";
        let t = tokens(text, false);
        let Token::Word(w) = &t[2] else { panic!() };
        assert_eq!(&text[w.start..w.end], "\"--rm\"");
    }

    #[test]
    fn unterminated_text_ends_at_the_end() {
        for text in [
            "'abc", "\"abc", "$(abc", "${abc", "`abc", "a\\", "<<", "$", "\"$(\"", "x<<E\n",
        ] {
            let _ = tokens(text, false);
        }
    }
}
