//! From source text to instructions: physical lines joined into logical ones, here-document
//! bodies read after their instruction, each instruction's arguments split by its keyword, and
//! the stages with their base images resolved.

use std::collections::HashMap;

use super::expand::expand;
use super::image::ImageRef;
use super::shell::{Script, Word};
use super::text::{Joined, LineIndex, Span};
use super::words::{self, fields, json_array, quoted_words, skip_space, unquote};
use super::{
    ArgDecl, Args, Base, CommandLine, Comment, Copy, Directive, Dockerfile, Flag, From, Healthcheck, Heredoc,
    Instruction, Keyword, Pair, ParseError, Stage,
};

/// One physical line: where its text starts and ends (line break excluded).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn physical_lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(source.len() / 32 + 1);
    let mut start = usize::from(source.starts_with('\u{feff}')) * 3;
    while start <= source.len() {
        let end = source[start..].find('\n').map_or(source.len(), |i| start + i);
        let content_end = if end > start && source.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        lines.push(Line {
            start,
            end: content_end,
        });
        if end == source.len() {
            break;
        }
        start = end + 1;
    }
    lines
}

/// Parses a Dockerfile. Never fails: problems are in `errors`.
pub fn parse(source: &str) -> Dockerfile<'_> {
    let lines = physical_lines(source);
    let mut p = Parser {
        source,
        lines: &lines,
        next: 0,
        escape: '\\',
        directives: Vec::new(),
        comments: Vec::new(),
        instructions: Vec::new(),
        errors: Vec::new(),
        in_trigger: false,
    };
    p.run();
    let mut df = Dockerfile {
        source,
        index: LineIndex::new(source),
        escape: p.escape,
        directives: p.directives,
        comments: p.comments,
        instructions: p.instructions,
        stages: Vec::new(),
        names: HashMap::new(),
        errors: p.errors,
    };
    build_stages(&mut df);
    df
}

struct Parser<'s, 'l> {
    source: &'s str,
    lines: &'l [Line],
    /// The next physical line to read.
    next: usize,
    escape: char,
    directives: Vec<Directive>,
    comments: Vec<Comment>,
    instructions: Vec<Instruction>,
    errors: Vec<ParseError>,
    /// Parsing the instruction an `ONBUILD` triggers.
    in_trigger: bool,
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// `# name=value` at the top of the file.
fn directive(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start();
    let name_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let value = rest[name_end..].trim_start().strip_prefix('=')?.trim();
    (!value.is_empty()).then_some((name, value))
}

/// The line without a trailing escape character (and the blanks after it), and whether it
/// continues on the next line.
fn continuation(line: &str, escape: char) -> (&str, bool) {
    let trimmed = line.trim_end_matches([' ', '\t']);
    match trimmed.strip_suffix(escape) {
        Some(rest) => (rest, true),
        None => (line, false),
    }
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

impl<'s> Parser<'s, '_> {
    fn text(&self, line: Line) -> &'s str {
        &self.source[line.start..line.end]
    }

    fn error(&mut self, at: Span, message: impl Into<String>) {
        self.errors.push(ParseError {
            at,
            message: message.into(),
        });
    }

    fn comment(&mut self, index: usize) {
        let line = self.lines[index];
        let text = self.text(line);
        let hash = text.find('#').unwrap_or(0);
        self.comments.push(Comment {
            line: line_number(index),
            span: Span::new(line.start + hash, line.end),
            text: text[hash + 1..].trim().to_owned(),
        });
    }

    fn run(&mut self) {
        let mut directives_done = false;
        while self.next < self.lines.len() {
            let index = self.next;
            let line = self.lines[index];
            self.next += 1;
            let text = self.text(line);
            if !directives_done {
                if let Some((name, value)) = directive(text) {
                    self.comment(index);
                    self.directive(index, name, value);
                    continue;
                }
                directives_done = true;
            }
            if is_comment(text) {
                self.comment(index);
                continue;
            }
            let lead = text.len() - text.trim_start().len();
            let (piece, mut more) = continuation(&text[lead..], self.escape);
            if !more && piece.trim().is_empty() {
                continue;
            }
            let mut joined = Joined::default();
            joined.push(piece, line.start + lead);
            let mut end = line.end;
            while more && self.next < self.lines.len() {
                let index = self.next;
                let line = self.lines[index];
                self.next += 1;
                let text = self.text(line);
                if is_comment(text) {
                    self.comment(index);
                    continue;
                }
                if text.trim().is_empty() {
                    continue;
                }
                let (piece, again) = continuation(text, self.escape);
                joined.push(piece, line.start);
                more = again;
                end = line.end;
            }
            if joined.text.trim().is_empty() {
                continue;
            }
            let index = self.instructions.len();
            let mut instruction = self.instruction(joined, end, index);
            if instruction.joined.text.contains("<<") {
                self.heredocs(&mut instruction);
            }
            self.instructions.push(instruction);
        }
    }

    fn directive(&mut self, index: usize, name: &str, value: &str) {
        let name = name.to_ascii_lowercase();
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            return;
        }
        let line = self.lines[index];
        let at = Span::new(line.start, line.end);
        if self.directives.iter().any(|d| d.name == name) {
            self.error(at, format!("only one `{name}` parser directive can be used"));
            return;
        }
        if name == "escape" {
            match value {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                _ => {
                    self.error(
                        at,
                        format!("invalid escape character `{value}`: it must be `\\` or `` ` ``"),
                    );
                    return;
                }
            }
        }
        self.directives.push(Directive {
            name,
            value: value.to_owned(),
            line: line_number(index),
        });
    }

    /// Reads the bodies of the here-documents an instruction opens, from the lines after it.
    fn heredocs(&mut self, instruction: &mut Instruction) {
        let specs = {
            let target = match &instruction.args {
                Args::Onbuild(Some(inner)) => inner.as_ref(),
                _ => &*instruction,
            };
            let allowed = match &target.args {
                Args::Run(line) => !line.is_exec(),
                Args::Copy(c) | Args::Add(c) => !c.json,
                _ => false,
            };
            if !allowed {
                return;
            }
            heredoc_specs(target.args_text())
        };
        if specs.is_empty() {
            return;
        }
        let mut docs = Vec::with_capacity(specs.len());
        let mut end = instruction.span.end;
        for (name, chomp, expand) in specs {
            let body_start = self.lines.get(self.next).map_or(self.source.len(), |l| l.start);
            let mut terminated = None;
            while self.next < self.lines.len() {
                let line = self.lines[self.next];
                self.next += 1;
                let text = self.text(line);
                let candidate = if chomp {
                    text.trim_start_matches('\t')
                } else {
                    text
                };
                if candidate == name {
                    terminated = Some(line);
                    break;
                }
            }
            let (body_end, doc_end) = if let Some(line) = terminated {
                (line.start, line.end)
            } else {
                self.error(
                    instruction.head_span(),
                    format!("here-document `{name}` is not terminated: no line `{name}` follows"),
                );
                (self.source.len(), self.source.len())
            };
            end = doc_end;
            docs.push(Heredoc {
                body: Joined::contiguous(&self.source[body_start..body_end], body_start),
                span: Span::new(body_start, doc_end),
                name,
                chomp,
                expand,
            });
        }
        let last_line = line_of(self.lines, end);
        if let Args::Onbuild(Some(inner)) = &mut instruction.args {
            attach_heredocs(inner, &docs);
            inner.span.end = end;
            inner.last_line = last_line;
        }
        attach_heredocs(instruction, &docs);
        instruction.span.end = end;
        instruction.last_line = last_line;
    }

    /// Parses one logical line into an instruction.
    fn instruction(&mut self, joined: Joined, end: usize, index: usize) -> Instruction {
        let text = joined.text.as_str();
        let kw_start = skip_space(text, 0);
        let kw_end = text[kw_start..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| kw_start + i);
        let keyword = Keyword::of(&text[kw_start..kw_end]);
        let keyword_span = joined.span(kw_start, kw_end);
        let args_end = text.trim_end().len().max(kw_end);
        let (raw_flags, rest) = words::flags(&text[..args_end], kw_end);
        let flags = raw_flags
            .into_iter()
            .map(|f| Flag {
                span: joined.span(f.whole.0, f.whole.1),
                name: f.name,
                value: f.value.map(|(v, _)| v),
            })
            .collect();
        let rest = rest.min(args_end);
        let args_span = if rest < args_end {
            joined.span(rest, args_end)
        } else {
            Span::new(keyword_span.end, keyword_span.end)
        };
        let start_offset = keyword_span.start;
        let mut instruction = Instruction {
            keyword,
            span: Span::new(start_offset, end.max(keyword_span.end)),
            keyword_span,
            line: line_of(self.lines, start_offset),
            last_line: line_of(self.lines, end),
            flags,
            args_span,
            args_at: rest,
            heredocs: Vec::new(),
            args: Args::None,
            stage: None,
            index,
            joined: Joined::default(),
        };
        let args = self.args(keyword, &joined, rest, args_end, &instruction);
        instruction.args = args;
        instruction.joined = joined;
        instruction
    }

    fn args(&mut self, keyword: Keyword, joined: &Joined, rest: usize, end: usize, at: &Instruction) -> Args {
        let text = &joined.text[..end];
        let escape = self.escape;
        let word = |s: usize, e: usize, value: String| Word {
            quoted: joined.text[s..e].contains(['"', '\'']),
            value,
            span: joined.span(s, e),
        };
        let raw = |s: usize, e: usize| word(s, e, joined.text[s..e].to_owned());
        let whole = |value: String| word(rest, end, value);
        let empty = rest >= end;
        let name = keyword.as_str();
        if empty && !matches!(keyword, Keyword::Cmd | Keyword::Entrypoint | Keyword::Unknown) {
            self.error(at.head_span(), format!("{name} requires at least one argument"));
            return Args::None;
        }
        match keyword {
            Keyword::From => {
                let f = fields(text, rest);
                let alias = match f.len() {
                    1 => None,
                    3 if text[f[1].0..f[1].1].eq_ignore_ascii_case("as") => Some(raw(f[2].0, f[2].1)),
                    _ => {
                        self.error(
                            at.head_span(),
                            "FROM takes an image and optionally `AS name`: `FROM image[:tag] [AS name]`",
                        );
                        return Args::None;
                    }
                };
                Args::From(From {
                    image: raw(f[0].0, f[0].1),
                    alias,
                    reference: None,
                })
            }
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint => {
                let line = command_line(joined, rest, end);
                match keyword {
                    Keyword::Run => Args::Run(line),
                    Keyword::Cmd => Args::Cmd(line),
                    _ => Args::Entrypoint(line),
                }
            }
            Keyword::Shell => {
                if let Some(items) = json_array(text, rest) {
                    let args: Vec<Word> = items.into_iter().map(|(v, (s, e))| word(s, e, v)).collect();
                    Args::Shell(CommandLine::Exec {
                        args,
                        script: Script::default(),
                    })
                } else {
                    self.error(
                        at.head_span(),
                        "SHELL takes a JSON array: `SHELL [\"/bin/sh\", \"-c\"]`",
                    );
                    Args::None
                }
            }
            Keyword::Copy | Keyword::Add => {
                let (mut items, json): (Vec<Word>, bool) = match json_array(text, rest) {
                    Some(items) => (items.into_iter().map(|(v, (s, e))| word(s, e, v)).collect(), true),
                    None => (
                        fields(text, rest)
                            .into_iter()
                            .map(|(s, e)| word(s, e, unquote(&text[s..e], escape)))
                            .collect(),
                        false,
                    ),
                };
                if items.len() < 2 {
                    self.error(
                        at.head_span(),
                        format!("{name} needs a source and a destination: `{name} src dest`"),
                    );
                    return Args::None;
                }
                let dest = items.pop();
                let copy = Copy {
                    sources: items,
                    dest,
                    json,
                };
                if keyword == Keyword::Copy {
                    Args::Copy(copy)
                } else {
                    Args::Add(copy)
                }
            }
            Keyword::Env | Keyword::Label => match self.pairs(joined, rest, end, at, name) {
                Some(pairs) if keyword == Keyword::Env => Args::Env(pairs),
                Some(pairs) => Args::Label(pairs),
                None => Args::None,
            },
            Keyword::Arg => Args::Arg(
                quoted_words(text, rest, escape)
                    .into_iter()
                    .map(|(s, e)| match text[s..e].find('=') {
                        Some(eq) => ArgDecl {
                            name: word(s, s + eq, unquote(&text[s..s + eq], escape)),
                            default: Some(word(s + eq + 1, e, unquote(&text[s + eq + 1..e], escape))),
                        },
                        None => ArgDecl {
                            name: word(s, e, unquote(&text[s..e], escape)),
                            default: None,
                        },
                    })
                    .collect(),
            ),
            Keyword::Expose => Args::Expose(fields(text, rest).into_iter().map(|(s, e)| raw(s, e)).collect()),
            Keyword::Volume => Args::Volume(match json_array(text, rest) {
                Some(items) => items.into_iter().map(|(v, (s, e))| word(s, e, v)).collect(),
                None => fields(text, rest).into_iter().map(|(s, e)| raw(s, e)).collect(),
            }),
            Keyword::User => Args::User(whole(unquote(&text[rest..end], escape))),
            Keyword::Workdir => Args::Workdir(whole(unquote(&text[rest..end], escape))),
            Keyword::Maintainer => Args::Maintainer(whole(text[rest..end].to_owned())),
            Keyword::Stopsignal => Args::Stopsignal(whole(unquote(&text[rest..end], escape))),
            Keyword::Healthcheck => {
                let first_end = text[rest..].find(char::is_whitespace).map_or(end, |i| rest + i);
                let first = &text[rest..first_end];
                if first.eq_ignore_ascii_case("none") {
                    Args::Healthcheck(Healthcheck {
                        none: true,
                        command: None,
                    })
                } else if first.eq_ignore_ascii_case("cmd") {
                    let from = skip_space(text, first_end);
                    if from >= end {
                        self.error(at.head_span(), "HEALTHCHECK CMD needs a command");
                        return Args::None;
                    }
                    Args::Healthcheck(Healthcheck {
                        none: false,
                        command: Some(command_line(joined, from, end)),
                    })
                } else {
                    self.error(
                        at.head_span(),
                        format!("unknown HEALTHCHECK type `{first}`: expected `CMD` or `NONE`"),
                    );
                    Args::None
                }
            }
            Keyword::Onbuild => {
                // A trigger is parsed one level deep: `ONBUILD ONBUILD …` is not allowed
                // (DF134), and a chain of them must not recurse without end.
                if self.in_trigger {
                    return Args::Onbuild(None);
                }
                self.in_trigger = true;
                let inner = self.instruction(joined.tail(rest), at.span.end, at.index);
                self.in_trigger = false;
                Args::Onbuild(Some(Box::new(inner)))
            }
            Keyword::Unknown => {
                let written = joined.text[skip_space(&joined.text, 0)..]
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(40)
                    .collect::<String>();
                self.error(at.keyword_span, format!("unknown instruction `{written}`"));
                Args::None
            }
        }
    }

    /// `ENV`/`LABEL` pairs, `key=value …` or the legacy `key value`.
    fn pairs(
        &mut self,
        joined: &Joined,
        rest: usize,
        end: usize,
        at: &Instruction,
        name: &str,
    ) -> Option<Vec<Pair>> {
        let text = &joined.text[..end];
        let escape = self.escape;
        let words = quoted_words(text, rest, escape);
        let word = |s: usize, e: usize, value: String| Word {
            quoted: text[s..e].contains(['"', '\'']),
            value,
            span: joined.span(s, e),
        };
        let (s0, e0) = *words.first()?;
        if !text[s0..e0].contains('=') {
            let value_start = skip_space(text, e0);
            if value_start >= end {
                self.error(
                    at.head_span(),
                    format!("{name} needs a value: `{name} key=value`"),
                );
                return None;
            }
            return Some(vec![Pair {
                key: word(s0, e0, unquote(&text[s0..e0], escape)),
                value: word(value_start, end, unquote(&text[value_start..end], escape)),
                equals: false,
            }]);
        }
        let mut pairs = Vec::with_capacity(words.len());
        for (s, e) in words {
            let Some(eq) = text[s..e].find('=') else {
                self.error(
                    joined.span(s, e),
                    format!(
                        "`{}` has no `=`: write {name} entries as `key=value`",
                        &text[s..e]
                    ),
                );
                return None;
            };
            pairs.push(Pair {
                key: word(s, s + eq, unquote(&text[s..s + eq], escape)),
                value: word(s + eq + 1, e, unquote(&text[s + eq + 1..e], escape)),
                equals: true,
            });
        }
        Some(pairs)
    }
}

fn line_of(lines: &[Line], offset: usize) -> u32 {
    let i = lines.partition_point(|l| l.start <= offset).saturating_sub(1);
    line_number(i)
}

/// A `RUN`/`CMD`/`ENTRYPOINT`/`HEALTHCHECK CMD` command: a JSON array, or shell text.
fn command_line(joined: &Joined, rest: usize, end: usize) -> CommandLine {
    if let Some(items) = json_array(&joined.text[..end], rest) {
        let args: Vec<Word> = items
            .into_iter()
            .map(|(value, (s, e))| Word {
                value,
                span: joined.span(s, e),
                quoted: true,
            })
            .collect();
        let script = exec_script(&args);
        return CommandLine::Exec { args, script };
    }
    CommandLine::Shell {
        text: Word {
            value: joined.text[rest.min(end)..end].to_owned(),
            span: joined.span(rest, end),
            quoted: false,
        },
        script: Script::parse(joined, rest.min(end), end),
    }
}

/// What an exec form runs: the script given to a shell's `-c`, or the array as one command.
fn exec_script(args: &[Word]) -> Script {
    let program = args
        .first()
        .map_or("", |w| w.value.rsplit('/').next().unwrap_or_default());
    if SHELLS.contains(&program) {
        if let Some(i) = args.iter().position(|w| {
            w.value == "-c"
                || (w.value.starts_with('-') && !w.value.starts_with("--") && w.value.ends_with('c'))
        }) {
            if let Some(body) = args.get(i + 1) {
                // The script's bytes map to the JSON string from its opening quote on; escapes
                // inside it shift positions slightly, which only moves a column.
                let joined = Joined::contiguous(&body.value, body.span.start + 1);
                return Script::parse(&joined, 0, body.value.len());
            }
        }
    }
    if args.is_empty() {
        return Script::default();
    }
    let span = args[0].span.to(args[args.len() - 1].span);
    Script {
        commands: vec![super::shell::Command {
            assignments: Vec::new(),
            words: args.to_vec(),
            span,
            before: None,
            after: None,
            nested: false,
        }],
    }
}

/// The here-documents a line opens: `(delimiter, strip tabs, expand variables)` for every word
/// `[n]<<[-]WORD`, in order.
fn heredoc_specs(line: &str) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    for (s, e) in quoted_words(line, 0, '\\') {
        let word = &line[s..e];
        let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let Some(rest) = word[digits..].strip_prefix("<<") else {
            continue;
        };
        let (chomp, rest) = match rest.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let name = unquote(rest, '\\');
        if name.is_empty() || name.contains(char::is_whitespace) {
            continue;
        }
        let expand = !rest.contains(['"', '\'']);
        out.push((name, chomp, expand));
    }
    out
}

/// The shells a here-document can feed a script to.
const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh"];

/// Gives a `RUN` the commands of the here-documents it runs as shell scripts: those of a line
/// that is only here-documents (unless the body starts with a non-shell `#!`), and those fed to
/// a shell (`bash <<EOF`).
fn attach_heredocs(target: &mut Instruction, docs: &[Heredoc]) {
    target.heredocs = docs.to_vec();
    let Args::Run(CommandLine::Shell { script, .. }) = &mut target.args else {
        return;
    };
    let only_heredocs = script.commands.is_empty();
    let fed_to_shell = script
        .commands
        .iter()
        .any(|c| SHELLS.contains(&c.program()) && !c.has_arg("-c"));
    if !only_heredocs && !fed_to_shell {
        return;
    }
    for doc in docs {
        let first = doc.body.text.lines().next().unwrap_or_default();
        if only_heredocs
            && first.starts_with("#!")
            && !SHELLS
                .iter()
                .any(|s| first.ends_with(&format!("/{s}")) || first.ends_with(&format!(" {s}")))
        {
            continue;
        }
        let body = Script::parse(&doc.body, 0, doc.body.text.len());
        script.commands.extend(body.commands);
    }
}

/// Splits instructions into stages and resolves each base image with the build arguments
/// declared before the first `FROM`.
fn build_stages(df: &mut Dockerfile<'_>) {
    let escape = df.escape;
    let mut globals: Vec<(String, Option<String>)> = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    let mut names: HashMap<String, Vec<usize>> = HashMap::new();
    for i in 0..df.instructions.len() {
        let stage_index = stages.len().checked_sub(1);
        if df.instructions[i].keyword != Keyword::From {
            if stage_index.is_none() {
                if let Args::Arg(decls) = &df.instructions[i].args {
                    for d in decls {
                        globals.push((d.name.value.clone(), d.default.as_ref().map(|w| w.value.clone())));
                    }
                }
            }
            df.instructions[i].stage = stage_index;
            if let Args::Onbuild(Some(inner)) = &mut df.instructions[i].args {
                inner.stage = stage_index;
            }
            continue;
        }
        if let Some(last) = stages.last_mut() {
            last.end = i;
        }
        let index = stages.len();
        df.instructions[i].stage = Some(index);
        let (name, base) = match &mut df.instructions[i].args {
            Args::From(from) => {
                let lookup = |var: &str| -> Option<String> {
                    globals
                        .iter()
                        .rev()
                        .find(|(n, _)| n == var)
                        .and_then(|(_, v)| v.clone())
                };
                let resolved = expand(&from.image.value, escape, &lookup);
                from.reference = resolved.as_deref().map(ImageRef::parse);
                let base = match resolved {
                    None => Base::Unknown,
                    Some(text) => {
                        if text == "scratch" {
                            Base::Scratch
                        } else if let Some(&s) = names
                            .get(&text.to_ascii_lowercase())
                            .and_then(|v: &Vec<usize>| v.last())
                        {
                            Base::Stage(s)
                        } else {
                            Base::Image(ImageRef::parse(&text))
                        }
                    }
                };
                (from.alias.clone(), base)
            }
            _ => (None, Base::Unknown),
        };
        if let Some(n) = &name {
            names.entry(n.value.to_ascii_lowercase()).or_default().push(index);
        }
        stages.push(Stage {
            index,
            first: i,
            end: df.instructions.len(),
            name,
            base,
        });
    }
    df.stages = stages;
    df.names = names;
}
