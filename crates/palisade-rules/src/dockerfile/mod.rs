//! palisade's Dockerfile parser and model: instructions with the exact place of every keyword,
//! flag and argument, build stages with their resolved base images, and the shell commands of
//! `RUN` scripts.
//!
//! The grammar is BuildKit's (`moby/buildkit` `frontend/dockerfile/parser`): parser directives
//! (`# syntax=`, `# escape=`, the backquote escape of Windows files) before anything else; lines
//! continued with the escape character, where comment lines and empty lines inside the
//! continuation are skipped; here-documents for `RUN`, `COPY` and `ADD` (`<<EOF`, `<<-EOF`,
//! quoted delimiters, several on one line); exec (JSON) and shell forms; builder flags; `ENV`
//! and `LABEL` in both `key=value` and legacy `key value` forms; `ONBUILD` triggers; case-
//! insensitive keywords. Build arguments declared before the first `FROM` are substituted into
//! `FROM`, as BuildKit does, to resolve each stage's base image.
//!
//! The parser never fails: what BuildKit would refuse becomes an error entry with its line, and
//! the rest of the file is still read.

mod expand;
mod image;
mod parse;
pub mod shell;
mod text;
mod words;

pub use image::ImageRef;
pub use parse::parse;
pub use shell::{Command, Op, Script, Word};
pub use text::{Joined, Span};

use std::collections::HashMap;

use palisade_yaml::Mark;
use text::LineIndex;

/// A parsed Dockerfile.
#[derive(Debug)]
pub struct Dockerfile<'a> {
    pub source: &'a str,
    index: LineIndex,
    /// The escape character: `\`, or `` ` `` after `# escape=``.
    pub escape: char,
    pub directives: Vec<Directive>,
    /// Every comment line, directives and continuation comments included.
    pub comments: Vec<Comment>,
    pub instructions: Vec<Instruction>,
    pub stages: Vec<Stage>,
    /// Stage indices by lower-case name, in order.
    names: HashMap<String, Vec<usize>>,
    /// What BuildKit would refuse, with where.
    pub errors: Vec<ParseError>,
}

impl Dockerfile<'_> {
    /// The line and column of a source offset.
    pub fn mark(&self, offset: usize) -> Mark {
        self.index.mark(self.source, offset)
    }

    /// The source text of a span.
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or_default()
    }

    /// The 1-based line of a source offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.index.line(offset)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        let Some(start) = self.index.line_start(line) else {
            return "";
        };
        let end = self.index.line_start(line + 1).unwrap_or(self.source.len());
        self.source[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The stage an instruction belongs to.
    pub fn stage_of(&self, instruction: &Instruction) -> Option<&Stage> {
        instruction.stage.and_then(|i| self.stages.get(i))
    }

    /// The instructions of a stage, its `FROM` first.
    pub fn stage_instructions(&self, stage: &Stage) -> &[Instruction] {
        self.instructions.get(stage.first..stage.end).unwrap_or_default()
    }

    /// The last stage: what `docker build` produces without `--target`.
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The stage named `name` (compared as BuildKit does, without regard to case) defined
    /// before instruction `before`.
    pub fn stage_named(&self, name: &str, before: usize) -> Option<&Stage> {
        self.stages
            .iter()
            .take_while(|s| s.first < before)
            .filter(|s| {
                s.name
                    .as_ref()
                    .is_some_and(|n| n.value.eq_ignore_ascii_case(name))
            })
            .last()
    }
}

/// A parser directive: `# syntax=docker/dockerfile:1`, `# escape=``, `# check=…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Lower case.
    pub name: String,
    pub value: String,
    pub line: u32,
}

/// A comment line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub line: u32,
    /// From the `#` to the end of the line.
    pub span: Span,
    /// The text after the `#`, trimmed.
    pub text: String,
}

/// Something BuildKit would refuse to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub at: Span,
    pub message: String,
}

/// An instruction keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    /// Not an instruction BuildKit knows.
    Unknown,
}

impl Keyword {
    pub fn of(word: &str) -> Keyword {
        const ALL: [(&str, Keyword); 18] = [
            ("ADD", Keyword::Add),
            ("ARG", Keyword::Arg),
            ("CMD", Keyword::Cmd),
            ("COPY", Keyword::Copy),
            ("ENTRYPOINT", Keyword::Entrypoint),
            ("ENV", Keyword::Env),
            ("EXPOSE", Keyword::Expose),
            ("FROM", Keyword::From),
            ("HEALTHCHECK", Keyword::Healthcheck),
            ("LABEL", Keyword::Label),
            ("MAINTAINER", Keyword::Maintainer),
            ("ONBUILD", Keyword::Onbuild),
            ("RUN", Keyword::Run),
            ("SHELL", Keyword::Shell),
            ("STOPSIGNAL", Keyword::Stopsignal),
            ("USER", Keyword::User),
            ("VOLUME", Keyword::Volume),
            ("WORKDIR", Keyword::Workdir),
        ];
        ALL.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))
            .map_or(Keyword::Unknown, |&(_, k)| k)
    }

    /// The keyword in upper case, as documentation writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown => "?",
        }
    }
}

/// One instruction.
#[derive(Clone, Debug)]
pub struct Instruction {
    pub keyword: Keyword,
    /// From the keyword to the end of its last line, here-document bodies included.
    pub span: Span,
    pub keyword_span: Span,
    /// First and last line, here-document bodies included.
    pub line: u32,
    pub last_line: u32,
    /// The instruction's lines joined as BuildKit joins them, keyword included.
    pub joined: Joined,
    pub flags: Vec<Flag>,
    /// The arguments after the keyword and the flags.
    pub args_span: Span,
    /// Where those arguments start in `joined.text`.
    pub args_at: usize,
    pub heredocs: Vec<Heredoc>,
    pub args: Args,
    /// The index of its stage; `None` before the first `FROM`.
    pub stage: Option<usize>,
    /// Its index in `Dockerfile::instructions` (for `ONBUILD` triggers, their `ONBUILD`'s).
    pub index: usize,
}

impl Instruction {
    /// The builder flag `--name`.
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// The commands a `RUN` runs: its shell script (with the here-documents it runs as
    /// scripts), or what its exec form runs.
    pub fn script(&self) -> Option<&Script> {
        match &self.args {
            Args::Run(line) => Some(line.script()),
            _ => None,
        }
    }

    /// The instruction an `ONBUILD` triggers.
    pub fn trigger(&self) -> Option<&Instruction> {
        match &self.args {
            Args::Onbuild(Some(inner)) => Some(inner),
            _ => None,
        }
    }

    /// The arguments as written on the joined line (after keyword and flags).
    pub fn args_text(&self) -> &str {
        self.joined.text.get(self.args_at..).unwrap_or_default()
    }

    /// The span from the keyword to the end of the instruction's own lines, without any
    /// here-document bodies.
    pub fn head_span(&self) -> Span {
        Span::new(
            self.keyword_span.start,
            self.args_span.end.max(self.keyword_span.end),
        )
    }
}

/// A builder flag: `--from=build`, `--mount=type=secret,id=x`, `--link`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub name: String,
    /// The value, quotes removed.
    pub value: Option<String>,
    pub span: Span,
}

/// A here-document: `<<EOF` on the instruction line, then its body up to the delimiter line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter, quotes removed.
    pub name: String,
    /// `<<-`: leading tabs are stripped from the body.
    pub chomp: bool,
    /// Unquoted delimiter: variables in the body are expanded.
    pub expand: bool,
    /// The body lines (the delimiter line excluded).
    pub body: Joined,
    /// The body and its delimiter line.
    pub span: Span,
}

/// The arguments of an instruction, by keyword.
#[derive(Clone, Debug)]
pub enum Args {
    From(From),
    Run(CommandLine),
    Cmd(CommandLine),
    Entrypoint(CommandLine),
    Shell(CommandLine),
    Copy(Copy),
    Add(Copy),
    Env(Vec<Pair>),
    Label(Vec<Pair>),
    Arg(Vec<ArgDecl>),
    Expose(Vec<Word>),
    Volume(Vec<Word>),
    User(Word),
    Workdir(Word),
    Maintainer(Word),
    Stopsignal(Word),
    Healthcheck(Healthcheck),
    Onbuild(Option<Box<Instruction>>),
    /// An unknown instruction, or arguments in error.
    None,
}

/// `FROM [--platform=…] image [AS name]`.
#[derive(Clone, Debug)]
pub struct From {
    /// The image as written.
    pub image: Word,
    pub alias: Option<Word>,
    /// The image once build arguments are substituted; `None` when one has no known value.
    pub reference: Option<ImageRef>,
}

/// `RUN`, `CMD`, `ENTRYPOINT`, `SHELL` or a `HEALTHCHECK` command, in exec or shell form.
#[derive(Clone, Debug)]
pub enum CommandLine {
    /// `["executable", "arg"]`. Its script is what runs: the script of `["sh", "-c", "…"]`, or
    /// else the one command the array is.
    Exec { args: Vec<Word>, script: Script },
    /// The command text as written, and its shell commands (those of here-documents run as
    /// scripts included).
    Shell { text: Word, script: Script },
}

impl CommandLine {
    /// The commands run.
    pub fn script(&self) -> &Script {
        match self {
            CommandLine::Shell { script, .. } | CommandLine::Exec { script, .. } => script,
        }
    }

    pub fn is_exec(&self) -> bool {
        matches!(self, CommandLine::Exec { .. })
    }
}

/// `COPY`/`ADD` sources and destination.
#[derive(Clone, Debug)]
pub struct Copy {
    pub sources: Vec<Word>,
    pub dest: Option<Word>,
    /// Written as a JSON array.
    pub json: bool,
}

/// `key=value` in `ENV` or `LABEL` (or the legacy `ENV key value`).
#[derive(Clone, Debug)]
pub struct Pair {
    pub key: Word,
    /// The value, quotes removed; its span is the value as written.
    pub value: Word,
    /// Written `key=value` (rather than the legacy `key value`).
    pub equals: bool,
}

/// `ARG name[=default]`.
#[derive(Clone, Debug)]
pub struct ArgDecl {
    pub name: Word,
    pub default: Option<Word>,
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [options] CMD command`.
#[derive(Clone, Debug)]
pub struct Healthcheck {
    pub none: bool,
    pub command: Option<CommandLine>,
}

/// A build stage: its `FROM` and the instructions up to the next one.
#[derive(Clone, Debug)]
pub struct Stage {
    pub index: usize,
    /// Index of its `FROM` in `Dockerfile::instructions`.
    pub first: usize,
    /// One past its last instruction.
    pub end: usize,
    /// `AS name`, as written.
    pub name: Option<Word>,
    pub base: Base,
}

/// What a stage starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// An earlier stage, by index.
    Stage(usize),
    /// `scratch`.
    Scratch,
    Image(ImageRef),
    /// A reference with a build argument of no known value.
    Unknown,
}

#[cfg(test)]
mod tests;
