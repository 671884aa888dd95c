//! A small POSIX shell splitter for `RUN` scripts: words with quotes and escapes removed,
//! commands separated by `&&`, `||`, `;`, `&`, `|` and newlines, pipelines, redirections,
//! comments, here-documents inside scripts, and the commands inside `$( … )` and backquotes.
//!
//! It is not a shell: it finds which programs a script runs and with which arguments, which is
//! what the Dockerfile rules need (`apt-get install` packages, `curl … | sh`, `cd`, `sudo`).
//! Control keywords (`if`, `then`, `do` …) in command position are skipped, so the command
//! after them is seen; `case` patterns are dropped. Parameter expansions stay as written (`$V`).

use super::text::{Joined, Span};

/// A word of a shell command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word with quotes and escapes removed; expansions (`$X`, `$(…)`) as written.
    pub value: String,
    pub span: Span,
    /// Whether any part of it was quoted.
    pub quoted: bool,
}

/// What ends a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `|` or `|&`
    Pipe,
    /// `;`, `;;`, a newline, `(` or `)`
    Seq,
    /// `&`
    Background,
}

/// One simple command: its leading variable assignments, then the program and its arguments.
#[derive(Clone, Debug)]
pub struct Command {
    /// `X=1` words before the program.
    pub assignments: Vec<Word>,
    /// The program and its arguments (redirections and their targets left out).
    pub words: Vec<Word>,
    /// The command as written, redirections included.
    pub span: Span,
    /// The operator before it (`None` at the start of a script or substitution).
    pub before: Option<Op>,
    /// The operator after it (`None` at the end).
    pub after: Option<Op>,
    /// Inside `$( … )` or backquotes.
    pub nested: bool,
}

impl Command {
    /// The program: `apt-get` for `DEBIAN_FRONTEND=x apt-get install y`.
    pub fn name(&self) -> &str {
        self.words.first().map_or("", |w| w.value.as_str())
    }

    /// The program's file name: `pip` for `/usr/bin/pip`.
    pub fn program(&self) -> &str {
        let name = self.name();
        name.rsplit('/').next().unwrap_or(name)
    }

    /// The arguments after the program.
    pub fn args(&self) -> &[Word] {
        self.words.get(1..).unwrap_or_default()
    }

    /// Whether an argument is exactly `value`.
    pub fn has_arg(&self, value: &str) -> bool {
        self.args().iter().any(|w| w.value == value)
    }

    /// Whether a flag is given: long `--name` (also `--name=…`), or short `-c` alone or in a
    /// cluster of short flags (`-qy`).
    pub fn has_flag(&self, long: &[&str], short: &[char]) -> bool {
        self.args().iter().any(|w| {
            let v = w.value.as_str();
            if let Some(name) = v.strip_prefix("--") {
                let name = name.split_once('=').map_or(name, |(n, _)| n);
                long.contains(&name)
            } else if let Some(cluster) = v.strip_prefix('-') {
                !cluster.is_empty() && !cluster.starts_with('-') && short.iter().any(|c| cluster.contains(*c))
            } else {
                false
            }
        })
    }

    /// Whether this command reads from a pipe.
    pub fn piped_from(&self) -> bool {
        self.before == Some(Op::Pipe)
    }

    /// Whether this command writes into a pipe.
    pub fn pipes_to(&self) -> bool {
        self.after == Some(Op::Pipe)
    }
}

/// The commands of a script, in order (a substitution's commands come after the command that
/// holds it).
#[derive(Clone, Debug, Default)]
pub struct Script {
    pub commands: Vec<Command>,
}

impl Script {
    /// Splits `text` (whose bytes map to the source through `joined`) from `start` to `end`.
    pub(crate) fn parse(joined: &Joined, start: usize, end: usize) -> Script {
        let mut script = Script::default();
        let mut pending = vec![(start, end.min(joined.text.len()), false, 0usize)];
        while let Some((s, e, nested, depth)) = pending.pop() {
            let mut lexer = Lexer {
                joined,
                text: &joined.text[..e],
                pos: s,
                subs: Vec::new(),
            };
            let tokens = lexer.tokens();
            group(&tokens, nested, &mut script.commands);
            // Hostile input could nest substitutions without end; real scripts stop long before.
            if depth < 16 {
                pending.extend(lexer.subs.into_iter().rev().map(|(a, b)| (a, b, true, depth + 1)));
            }
        }
        script
    }

    /// Whether any command passes output through a pipe.
    pub fn has_pipe(&self) -> bool {
        self.commands.iter().any(Command::pipes_to)
    }
}

#[derive(Debug)]
enum Token {
    Word(Word),
    Op(Op),
    /// `)`: ends a subshell, or a `case` pattern.
    Close,
    /// `;;`, `;&` or `;;&`: ends a `case` branch.
    CaseEnd,
    /// A redirection operator; the word after it is its target.
    Redirect(Span),
}

struct Lexer<'a> {
    joined: &'a Joined,
    text: &'a str,
    pos: usize,
    /// Ranges of `$( … )` and backquote bodies, parsed as commands of their own.
    subs: Vec<(usize, usize)>,
}

impl Lexer<'_> {
    fn peek(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + at).copied()
    }

    fn tokens(&mut self) -> Vec<Token> {
        let mut out = Vec::new();
        // Here-document delimiters waiting for the end of the line: (word, strip tabs).
        let mut heredocs: Vec<(String, bool)> = Vec::new();
        while self.pos < self.text.len() {
            let Some(b) = self.peek(0) else { break };
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    out.push(Token::Op(Op::Seq));
                    for (word, strip) in std::mem::take(&mut heredocs) {
                        self.skip_heredoc(&word, strip);
                    }
                }
                b'#' => {
                    while self.pos < self.text.len() && self.peek(0) != Some(b'\n') {
                        self.pos += 1;
                    }
                }
                b'\\' if self.peek(1) == Some(b'\n') => self.pos += 2,
                b'&' | b'|' | b';' | b'(' | b')' => {
                    let at = self.pos;
                    let (op, len) = match (b, self.peek(1)) {
                        (b'&', Some(b'&')) => (Some(Op::And), 2),
                        (b'&', Some(b'>')) => {
                            let len = if self.peek(2) == Some(b'>') { 3 } else { 2 };
                            self.pos += len;
                            out.push(Token::Redirect(self.joined.span(at, at + len)));
                            continue;
                        }
                        (b'&', _) => (Some(Op::Background), 1),
                        (b'|', Some(b'|')) => (Some(Op::Or), 2),
                        (b'|', Some(b'&')) => (Some(Op::Pipe), 2),
                        (b'|', _) => (Some(Op::Pipe), 1),
                        (b';', Some(b';' | b'&')) => {
                            self.pos += 2;
                            if self.peek(0) == Some(b'&') {
                                self.pos += 1;
                            }
                            out.push(Token::CaseEnd);
                            continue;
                        }
                        _ => (Some(Op::Seq), 1),
                    };
                    self.pos += len;
                    if b == b')' {
                        out.push(Token::Close);
                    } else if let Some(op) = op {
                        out.push(Token::Op(op));
                    }
                }
                b'<' | b'>' => {
                    if b == b'<' && self.peek(1) == Some(b'(') {
                        out.push(Token::Word(self.word()));
                        continue;
                    }
                    let at = self.pos;
                    let heredoc = self.redirect();
                    out.push(Token::Redirect(self.joined.span(at, self.pos)));
                    // The delimiter of a here-document is the next word.
                    if let Some(strip) = heredoc {
                        let start = crate::dockerfile::words::skip_space(self.text, self.pos);
                        self.pos = start;
                        if self.pos < self.text.len() {
                            let word = self.word();
                            heredocs.push((word.value.clone(), strip));
                            out.push(Token::Word(word));
                        }
                    }
                }
                _ => {
                    let word = self.word();
                    // `2>` and `2>&1`: a number right before a redirection is its descriptor.
                    if matches!(self.peek(0), Some(b'<' | b'>'))
                        && !word.quoted
                        && word.value.bytes().all(|c| c.is_ascii_digit())
                    {
                        continue;
                    }
                    out.push(Token::Word(word));
                }
            }
        }
        out
    }

    /// Consumes a redirection operator; `Some(strip tabs)` when it starts a here-document.
    fn redirect(&mut self) -> Option<bool> {
        let rest = &self.text.as_bytes()[self.pos..];
        let (len, heredoc) = match rest {
            [b'<', b'<', b'<', ..] => (3, None),
            [b'<', b'<', b'-', ..] => (3, Some(true)),
            [b'<', b'<', ..] => (2, Some(false)),
            [b'>', b'>' | b'&' | b'|', ..] | [b'<', b'&' | b'>', ..] => (2, None),
            _ => (1, None),
        };
        self.pos += len;
        heredoc
    }

    /// Skips the lines of a here-document up to its delimiter line.
    fn skip_heredoc(&mut self, delimiter: &str, strip: bool) {
        while self.pos < self.text.len() {
            let end = self.text[self.pos..]
                .find('\n')
                .map_or(self.text.len(), |i| self.pos + i);
            let line = self.text[self.pos..end].trim_end_matches('\r');
            let line = if strip {
                line.trim_start_matches('\t')
            } else {
                line
            };
            self.pos = (end + 1).min(self.text.len());
            if line == delimiter {
                return;
            }
        }
    }

    /// One word from the current position.
    fn word(&mut self) -> Word {
        let start = self.pos;
        let mut value = String::new();
        let mut quoted = false;
        let bytes = self.text.as_bytes();
        while self.pos < self.text.len() {
            let b = bytes[self.pos];
            match b {
                b' ' | b'\t' | b'\r' | b'\n' | b'&' | b'|' | b';' | b'(' | b')' => break,
                b'<' | b'>' => {
                    if self.peek(1) == Some(b'(') {
                        let from = self.pos;
                        self.pos += 1;
                        self.paren_group();
                        value.push_str(&self.text[from..self.pos]);
                    } else {
                        break;
                    }
                }
                b'\\' => {
                    self.pos += 1;
                    if let Some(c) = self.text[self.pos..].chars().next() {
                        if c != '\n' {
                            value.push(c);
                        }
                        self.pos += c.len_utf8();
                    }
                    quoted = true;
                }
                b'\'' => {
                    quoted = true;
                    let end = self.text[self.pos + 1..]
                        .find('\'')
                        .map_or(self.text.len(), |i| self.pos + 1 + i);
                    value.push_str(&self.text[self.pos + 1..end]);
                    self.pos = (end + 1).min(self.text.len());
                }
                b'"' => {
                    quoted = true;
                    self.pos += 1;
                    self.double_quoted(&mut value);
                }
                b'`' => {
                    let from = self.pos;
                    self.backquote();
                    value.push_str(&self.text[from..self.pos]);
                }
                b'$' => {
                    let from = self.pos;
                    self.dollar();
                    value.push_str(&self.text[from..self.pos]);
                }
                _ => {
                    let c = self.text[self.pos..].chars().next().unwrap_or(' ');
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        Word {
            value,
            span: self.joined.span(start, self.pos),
            quoted,
        }
    }

    /// The inside of a double-quoted string, up to and past its closing quote.
    fn double_quoted(&mut self, value: &mut String) {
        while self.pos < self.text.len() {
            match self.text.as_bytes()[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return;
                }
                b'\\' => {
                    let next = self.text[self.pos + 1..].chars().next();
                    match next {
                        Some(c @ ('"' | '\\' | '$' | '`')) => {
                            value.push(c);
                            self.pos += 2;
                        }
                        Some('\n') => self.pos += 2,
                        _ => {
                            value.push('\\');
                            self.pos += 1;
                        }
                    }
                }
                b'$' => {
                    let from = self.pos;
                    self.dollar();
                    value.push_str(&self.text[from..self.pos]);
                }
                b'`' => {
                    let from = self.pos;
                    self.backquote();
                    value.push_str(&self.text[from..self.pos]);
                }
                _ => {
                    let c = self.text[self.pos..].chars().next().unwrap_or(' ');
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// `$name`, `${…}`, `$(…)` (its commands noted) or `$((…))`, from the `$`.
    fn dollar(&mut self) {
        self.pos += 1;
        match self.peek(0) {
            Some(b'(') if self.peek(1) == Some(b'(') => {
                self.paren_group();
            }
            Some(b'(') => {
                let start = self.pos + 1;
                self.paren_group();
                let end = self.pos.saturating_sub(1).max(start);
                self.subs.push((start, end));
            }
            Some(b'{') => {
                let mut depth = 0usize;
                while self.pos < self.text.len() {
                    match self.text.as_bytes()[self.pos] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return;
                            }
                        }
                        b'\\' => self.pos += 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
                self.pos = self.pos.min(self.text.len());
            }
            _ => {
                while self
                    .peek(0)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    self.pos += 1;
                }
                if self.pos > 0 && self.text.as_bytes()[self.pos - 1] == b'$' {
                    // `$?`, `$1`, `$@`: one special character.
                    if self.peek(0).is_some_and(|b| b"?!#@*$-0123456789".contains(&b)) {
                        self.pos += 1;
                    }
                }
            }
        }
    }

    /// From an opening parenthesis to past its match, skipping quoted text.
    fn paren_group(&mut self) {
        let mut depth = 0usize;
        while self.pos < self.text.len() {
            match self.text.as_bytes()[self.pos] {
                b'(' => depth += 1,
                b')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                b'\\' => self.pos += 1,
                b'\'' => {
                    self.pos = self.text[self.pos + 1..]
                        .find('\'')
                        .map_or(self.text.len(), |i| self.pos + 1 + i);
                }
                b'"' => {
                    self.pos += 1;
                    let mut ignored = String::new();
                    self.double_quoted(&mut ignored);
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.pos = self.pos.min(self.text.len());
    }

    /// A backquoted command substitution, from the opening quote to past the closing one.
    fn backquote(&mut self) {
        let start = self.pos + 1;
        self.pos += 1;
        while self.pos < self.text.len() {
            match self.text.as_bytes()[self.pos] {
                b'`' => {
                    self.subs.push((start, self.pos));
                    self.pos += 1;
                    return;
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
        self.pos = self.text.len();
    }
}

/// Words that open or close compound commands; in command position they are not programs.
const KEYWORDS: &[&str] = &[
    "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "!", "{", "}", "time", "esac",
];

fn is_assignment(word: &Word) -> bool {
    let Some((name, _)) = word.value.split_once('=') else {
        return false;
    };
    let name = name.strip_suffix('+').unwrap_or(name);
    let name = name.split_once('[').map_or(name, |(n, _)| n);
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Groups tokens into commands.
fn group(tokens: &[Token], nested: bool, out: &mut Vec<Command>) {
    let mut g = Grouper {
        out,
        nested,
        before: None,
        current: None,
        skip_target: false,
        case_depth: 0,
        in_pattern: false,
    };
    for token in tokens {
        if g.in_pattern {
            // A `case` pattern list (`a|b)`) up to its `)`; `esac` may end the case instead.
            match token {
                Token::Close => g.in_pattern = false,
                Token::Word(w) if w.value == "esac" && !w.quoted => {
                    g.in_pattern = false;
                    g.case_depth -= 1;
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::Op(op) => g.finish(Some(*op)),
            Token::CaseEnd => {
                g.finish(Some(Op::Seq));
                g.in_pattern = g.case_depth > 0;
            }
            Token::Close => g.finish(Some(Op::Seq)),
            Token::Redirect(span) => {
                let cmd = g.command(*span);
                cmd.span = cmd.span.to(*span);
                g.skip_target = true;
            }
            Token::Word(word) => {
                let skip = std::mem::take(&mut g.skip_target);
                let cmd = g.command(word.span);
                cmd.span = cmd.span.to(word.span);
                if skip {
                    continue;
                }
                if cmd.words.is_empty() && is_assignment(word) && !word.quoted {
                    cmd.assignments.push(word.clone());
                } else {
                    cmd.words.push(word.clone());
                }
                // `case WORD in`: patterns follow.
                let starts_case = cmd.words.len() == 3
                    && cmd.words[0].value == "case"
                    && cmd.words[2].value == "in"
                    && !cmd.words[0].quoted;
                if starts_case {
                    g.current = None;
                    g.case_depth += 1;
                    g.in_pattern = true;
                }
            }
        }
    }
    g.finish(None);
}

struct Grouper<'o> {
    out: &'o mut Vec<Command>,
    nested: bool,
    before: Option<Op>,
    current: Option<Command>,
    /// The next word is a redirection's target.
    skip_target: bool,
    case_depth: usize,
    in_pattern: bool,
}

impl Grouper<'_> {
    fn command(&mut self, span: Span) -> &mut Command {
        let (before, nested) = (self.before, self.nested);
        self.current.get_or_insert_with(|| empty(span, before, nested))
    }

    fn finish(&mut self, after: Option<Op>) {
        self.skip_target = false;
        if let Some(mut cmd) = self.current.take() {
            cmd.after = after;
            while cmd
                .words
                .first()
                .is_some_and(|w| !w.quoted && KEYWORDS.contains(&w.value.as_str()))
            {
                if cmd.words[0].value == "esac" {
                    self.case_depth = self.case_depth.saturating_sub(1);
                }
                cmd.words.remove(0);
            }
            while cmd.words.first().is_some_and(is_assignment) && cmd.words.len() > 1 {
                let w = cmd.words.remove(0);
                cmd.assignments.push(w);
            }
            if !cmd.words.is_empty() || !cmd.assignments.is_empty() {
                self.out.push(cmd);
            }
        }
        self.before = after;
    }
}

fn empty(span: Span, before: Option<Op>, nested: bool) -> Command {
    Command {
        assignments: Vec::new(),
        words: Vec::new(),
        span,
        before,
        after: None,
        nested,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Script {
        Script::parse(&Joined::contiguous(text, 0), 0, text.len())
    }

    fn names(script: &Script) -> Vec<String> {
        script
            .commands
            .iter()
            .map(|c| {
                c.words
                    .iter()
                    .map(|w| w.value.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn commands_and_operators() {
        let s = parse(
            "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y 'a b' \"c\"d || true; curl -fsSL x | sh -",
        );
        assert_eq!(
            names(&s),
            vec![
                "apt-get update",
                "apt-get install -y a b cd",
                "true",
                "curl -fsSL x",
                "sh -"
            ]
        );
        assert_eq!(
            s.commands[1].assignments[0].value,
            "DEBIAN_FRONTEND=noninteractive"
        );
        assert!(s.commands[3].pipes_to() && s.commands[4].piped_from());
        assert!(s.has_pipe());
        assert_eq!(s.commands[2].span, Span::new(82, 86));
    }

    #[test]
    fn keywords_redirections_substitutions() {
        let s = parse(
            "if [ -f x ]; then cd /tmp; fi; for p in a b; do pip install $p >/dev/null 2>&1; done; echo $(id -u) `uname`",
        );
        assert_eq!(
            names(&s),
            vec![
                "[ -f x ]",
                "cd /tmp",
                "for p in a b",
                "pip install $p",
                "echo $(id -u) `uname`",
                "id -u",
                "uname"
            ]
        );
        assert!(s.commands[5].nested);
        let s = parse("case $x in a|b) apk add b ;; (*) true ;; esac | tee; case y in\n x) z;;\nesac");
        assert_eq!(names(&s), vec!["apk add b", "true", "tee", "z"]);
        assert!(!s.commands[0].pipes_to());
    }

    #[test]
    fn comments_and_heredocs_in_scripts() {
        let s = parse(
            "set -e\n# apt-get install nope\ncat <<EOF > /f\napt-get install nope\nEOF\nrm -rf /x # trailing",
        );
        assert_eq!(names(&s), vec!["set -e", "cat", "rm -rf /x"]);
    }

    #[test]
    fn flags() {
        let s = parse("apt-get -qy install --no-install-recommends=1 x");
        let c = &s.commands[0];
        assert!(c.has_flag(&[], &['y']));
        assert!(c.has_flag(&["no-install-recommends"], &[]));
        assert!(!c.has_flag(&["yes"], &['z']));
    }

    #[test]
    fn hostile_text_ends() {
        for text in [
            "$(", "${", "`", "\"", "'", "\\", "$((", "<(", "a <<", "((((((", "$($($(", "x 2>",
        ] {
            let _ = parse(text);
        }
    }
}
