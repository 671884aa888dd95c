//! Installed gems: the `specifications/*.gemspec` files RubyGems writes when it installs a gem
//! (`/usr/local/bundle/specifications/rack-3.0.8.gemspec`).
//!
//! They are Ruby source, never evaluated here: a small tokenizer (strings with their escapes and
//! interpolation, `%w[]` word arrays, comments, heredocs) finds the assignments
//! `s.name = "rack".freeze`, `s.version = "3.0.8"`, `s.licenses = ["MIT".freeze]` and
//! `s.license = "MIT"` made to the block variable of `Gem::Specification.new do |s|`. A value
//! that is not a literal (interpolated, computed) is ignored. When the assignments do not give
//! a name and version, the `# stub: name version platform paths` comment RubyGems puts at the
//! top does.

use palisade_core::PackageKind;

use super::{package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct GemSpec;

/// The largest specification read: generated ones are a few KiB; the tokenizer holds the text
/// as `char`s, four bytes each.
const SPEC_MAX: u64 = 4 << 20;

impl Cataloger for GemSpec {
    fn name(&self) -> &'static str {
        "ruby-installed-gemspec"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        path.ends_with(".gemspec") && path.contains("/specifications/")
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(SPEC_MAX)?;
        let text = String::from_utf8_lossy(&bytes);
        let spec = Spec::parse(&text);
        let (Some(name), Some(version)) = (spec.name, spec.version) else {
            return Err(CatalogError::Malformed(
                "no literal name and version assigned in the gemspec".into(),
            ));
        };
        push(
            out,
            package(
                PackageKind::Gem,
                &name,
                &version,
                spec.licenses,
                file.origin(),
                self.name(),
            ),
        );
        Ok(())
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Spec {
    pub(crate) name: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) licenses: Vec<String>,
}

impl Spec {
    pub(crate) fn parse(text: &str) -> Spec {
        let tokens = tokenize(text);
        let receiver = block_variable(&tokens);
        let mut spec = Spec::default();
        let mut i = 0;
        while i + 4 < tokens.len() {
            let matched = match (&tokens[i], &tokens[i + 1], &tokens[i + 2], &tokens[i + 3]) {
                (Token::Ident(var), Token::Punct('.'), Token::Ident(field), Token::Punct('='))
                    if receiver.is_none_or(|r| r == var)
                        && !matches!(tokens[i + 4], Token::Punct('=' | '~' | '>')) =>
                {
                    Some(field.as_str())
                }
                _ => None,
            };
            let Some(field) = matched else {
                i += 1;
                continue;
            };
            let value = &tokens[i + 4..];
            match field {
                "name" if spec.name.is_none() => spec.name = literal(value),
                "version" if spec.version.is_none() => spec.version = literal(value),
                "license" => spec.licenses.extend(literal(value)),
                "licenses" => spec.licenses.extend(literal_list(value)),
                _ => {}
            }
            i += 4;
        }
        if spec.name.is_none() || spec.version.is_none() {
            if let Some((name, version)) = stub(text) {
                spec.name.get_or_insert_with(|| name.to_owned());
                spec.version.get_or_insert_with(|| version.to_owned());
            }
        }
        spec
    }
}

/// The `# stub: name version …` line of a generated specification.
fn stub(text: &str) -> Option<(&str, &str)> {
    let line = text
        .lines()
        .take(5)
        .find_map(|l| l.trim().strip_prefix("# stub: "))?;
    let mut words = line.split_whitespace();
    Some((words.next()?, words.next()?))
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Ident(String),
    /// A string literal without interpolation, unescaped.
    Str(String),
    /// A string whose value is computed (`"#{x}"`), or a literal palisade does not read.
    Dynamic,
    Words(Vec<String>),
    Punct(char),
}

/// The `s` of `Gem::Specification.new do |s|` (or `{ |s|`).
fn block_variable(tokens: &[Token]) -> Option<&str> {
    tokens.windows(5).find_map(|w| match w {
        [
            Token::Ident(new),
            Token::Ident(_) | Token::Punct('{'),
            Token::Punct('|'),
            Token::Ident(var),
            Token::Punct('|'),
        ] if new == "new" => Some(var.as_str()),
        _ => None,
    })
}

/// A string literal, with an optional `.freeze`.
fn literal(tokens: &[Token]) -> Option<String> {
    match tokens.first() {
        Some(Token::Str(s)) => Some(s.clone()),
        _ => None,
    }
}

/// `["a".freeze, "b"]`, `%w[a b]` or a single string.
fn literal_list(tokens: &[Token]) -> Vec<String> {
    match tokens.first() {
        Some(Token::Str(s)) => vec![s.clone()],
        Some(Token::Words(w)) => w.clone(),
        Some(Token::Punct('[')) => {
            let mut out = Vec::new();
            for t in &tokens[1..] {
                match t {
                    Token::Str(s) => out.push(s.clone()),
                    Token::Punct(']') => return out,
                    Token::Punct(',' | '.') => {}
                    Token::Ident(i) if i == "freeze" => {}
                    _ => return Vec::new(),
                }
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Ruby source as far as a specification needs: identifiers, strings, word arrays, punctuation.
/// Comments and heredoc bodies are dropped; anything unknown becomes punctuation.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut heredocs: Vec<String> = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                i += 1;
                // Heredoc bodies start on the next line and end at their terminator.
                for terminator in std::mem::take(&mut heredocs) {
                    while i < chars.len() {
                        let end = chars[i..]
                            .iter()
                            .position(|&c| c == '\n')
                            .map_or(chars.len(), |p| i + p);
                        let line: String = chars[i..end].iter().collect();
                        i = end + 1;
                        if line.trim() == terminator {
                            break;
                        }
                    }
                }
            }
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' | '\'' => {
                let (token, next) = string(&chars, i + 1, c, c == '"');
                tokens.push(token);
                i = next;
            }
            '%' if matches!(chars.get(i + 1), Some('w' | 'W' | 'i' | 'I'))
                && chars.get(i + 2).is_some_and(|d| "[({<|".contains(*d)) =>
            {
                let close = closing(chars[i + 2]);
                let start = i + 3;
                let end = chars[start..]
                    .iter()
                    .position(|&c| c == close)
                    .map_or(chars.len(), |p| start + p);
                let words: String = chars[start..end].iter().collect();
                tokens.push(Token::Words(
                    words.split_whitespace().map(str::to_owned).collect(),
                ));
                i = end + 1;
            }
            '%' if matches!(chars.get(i + 1), Some('q' | 'Q'))
                && chars.get(i + 2).is_some_and(|d| "[({<|".contains(*d)) =>
            {
                let (token, next) = string(&chars, i + 3, closing(chars[i + 2]), chars[i + 1] == 'Q');
                tokens.push(token);
                i = next;
            }
            '<' if chars.get(i + 1) == Some(&'<')
                && chars
                    .get(i + 2)
                    .is_some_and(|&d| d == '~' || d == '-' || d.is_ascii_uppercase()) =>
            {
                let mut j = i + 2;
                if matches!(chars[j], '~' | '-') {
                    j += 1;
                }
                let quoted = chars.get(j).is_some_and(|&q| q == '\'' || q == '"');
                if quoted {
                    j += 1;
                }
                let start = j;
                while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                    j += 1;
                }
                if j > start {
                    heredocs.push(chars[start..j].iter().collect());
                    tokens.push(Token::Dynamic);
                    i = if quoted { j + 1 } else { j };
                } else {
                    tokens.push(Token::Punct('<'));
                    i += 1;
                }
            }
            c if c.is_alphanumeric() || c == '_' || c == '@' || c == '$' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '@' | '$' | '?' | '!'))
                {
                    i += 1;
                }
                tokens.push(Token::Ident(chars[start..i].iter().collect()));
            }
            c if c.is_whitespace() => i += 1,
            c => {
                tokens.push(Token::Punct(c));
                i += 1;
            }
        }
    }
    tokens
}

fn closing(open: char) -> char {
    match open {
        '[' => ']',
        '(' => ')',
        '{' => '}',
        '<' => '>',
        other => other,
    }
}

/// A string body from `start` up to the unescaped `close`; the token and the index after it.
fn string(chars: &[char], start: usize, close: char, interpolates: bool) -> (Token, usize) {
    let mut value = String::new();
    let mut dynamic = false;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if c == close {
            let token = if dynamic {
                Token::Dynamic
            } else {
                Token::Str(value)
            };
            return (token, i + 1);
        }
        if c == '\\' && i + 1 < chars.len() {
            let next = chars[i + 1];
            match next {
                'n' if interpolates => value.push('\n'),
                't' if interpolates => value.push('\t'),
                n if n == close || n == '\\' => value.push(n),
                n => {
                    value.push('\\');
                    value.push(n);
                }
            }
            i += 2;
            continue;
        }
        if interpolates && c == '#' && chars.get(i + 1) == Some(&'{') {
            dynamic = true;
        }
        value.push(c);
        i += 1;
    }
    (Token::Dynamic, chars.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_specification() {
        let text = r#"# -*- encoding: utf-8 -*-
# stub: rack 3.0.8 ruby lib

Gem::Specification.new do |s|
  s.name = "rack".freeze
  s.version = "3.0.8"

  s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if s.respond_to? :required_rubygems_version=
  s.authors = ["Leah Neukirchen".freeze]
  s.description = "Rack provides a \"minimal\" interface # not a comment\n".freeze
  s.licenses = ["MIT".freeze]
  s.add_runtime_dependency(%q<webrick>.freeze, [">= 0".freeze])
end
"#;
        let spec = Spec::parse(text);
        assert_eq!(spec.name.as_deref(), Some("rack"));
        assert_eq!(spec.version.as_deref(), Some("3.0.8"));
        assert_eq!(spec.licenses, ["MIT"]);
    }

    #[test]
    fn other_receivers_heredocs_and_word_arrays() {
        let text = "Gem::Specification.new do |spec|\n  other.name = \"no\"\n  spec.description = <<~EOS\n    spec.name = \"no\"\n  EOS\n  spec.name = 'rack-test'\n  spec.version = \"#{VERSION}\"\n  spec.licenses = %w[MIT Ruby]\nend\n";
        let spec = Spec::parse(text);
        assert_eq!(spec.name.as_deref(), Some("rack-test"));
        assert_eq!(spec.version, None);
        assert_eq!(spec.licenses, ["MIT", "Ruby"]);
    }

    #[test]
    fn the_stub_line_fills_in() {
        let spec = Spec::parse(
            "# stub: json 2.7.1 ruby lib\nGem::Specification.new do |s|\n  s.version = JSON::VERSION\nend\n",
        );
        assert_eq!(spec.name.as_deref(), Some("json"));
        assert_eq!(spec.version.as_deref(), Some("2.7.1"));
    }
}
