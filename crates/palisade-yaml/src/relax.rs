//! libyaml's leniency, which Kubernetes inherits through go-yaml: it accepts continuation lines of
//! quoted scalars and flow collections that are indented no deeper than their parent (`config: '{`
//! … `}'` closed at the key's column, a `]` under its key) and tabs at the start of such lines,
//! all of which YAML 1.2 and saphyr reject. Leading white space on those lines carries no meaning
//! (YAML folds it away), so re-indenting them gives the same values and the same line numbers
//! (byte offsets and columns on the re-indented lines are then those of the relaxed text).

/// Whether `error` is one of the strictness errors [`relax`] can repair.
pub(crate) fn is_strictness(message: &str) -> bool {
    matches!(
        message,
        "invalid indentation in quoted scalar"
            | "invalid indentation in flow construct"
            | "invalid indentation"
            | "tabs disallowed within this context (block indentation)"
    )
}

/// The text with every continuation line of a multi-line quoted scalar or flow collection indented
/// one column past the column where that construct starts (tabs in its leading white space turned
/// into spaces); `None` when no line needed it.
pub fn relax(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut lexer = Lexer::default();
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_start_matches([' ', '\t']);
        let lead = &line[..line.len() - content.len()];
        let inside = lexer.depth > 0 || lexer.quote.is_some();
        let mut column = lead.len();
        if inside && !content.trim().is_empty() {
            let want = lexer.start_column + 1;
            if lead.contains('\t') || lead.len() < want {
                let indent = want.max(lead.chars().filter(|&c| c == ' ').count());
                out.extend(std::iter::repeat_n(' ', indent));
                out.push_str(content);
                changed = true;
                column = indent;
                lexer.line(content, column);
                continue;
            }
        }
        out.push_str(line);
        if !inside && lexer.in_block_scalar(lead.len(), content) {
            continue;
        }
        lexer.line(content, column);
    }
    changed.then_some(out)
}

#[derive(Default)]
struct Lexer {
    /// Open flow collections.
    depth: usize,
    /// The quote of an open quoted scalar.
    quote: Option<char>,
    /// Column where the outermost open construct starts.
    start_column: usize,
    /// Indentation of the node that owns the block scalar being skipped.
    block_parent: Option<usize>,
}

impl Lexer {
    /// Whether a line outside any construct is content of a block scalar (and so not YAML).
    fn in_block_scalar(&mut self, indent: usize, content: &str) -> bool {
        let Some(parent) = self.block_parent else {
            return false;
        };
        if content.trim().is_empty() || indent > parent {
            return true;
        }
        self.block_parent = None;
        false
    }

    /// Follows quotes, flow brackets and comments through one line whose content starts at `column`.
    fn line(&mut self, content: &str, column: usize) {
        let chars: Vec<char> = content.trim_end_matches(['\n', '\r']).chars().collect();
        let mut previous = ' ';
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match self.quote {
                Some('\'') if c == '\'' => {
                    if chars.get(i + 1) == Some(&'\'') {
                        i += 1;
                    } else {
                        self.quote = None;
                    }
                }
                Some('"') if c == '\\' => i += 1,
                Some('"') if c == '"' => self.quote = None,
                Some(_) => {}
                None => {
                    let token_start = matches!(previous, ' ' | '\t' | ':' | '-' | '[' | '{' | ',' | '?');
                    match c {
                        '#' if previous == ' ' || previous == '\t' || i == 0 => break,
                        '\'' | '"' if token_start || i == 0 => {
                            if self.depth == 0 {
                                self.start_column = column + i;
                            }
                            self.quote = Some(c);
                        }
                        '[' | '{' if token_start || i == 0 || self.depth > 0 => {
                            if self.depth == 0 {
                                self.start_column = column + i;
                            }
                            self.depth += 1;
                        }
                        ']' | '}' if self.depth > 0 => self.depth -= 1,
                        _ => {}
                    }
                }
            }
            previous = c;
            i += 1;
        }
        if self.depth == 0 && self.quote.is_none() {
            let code = content.split(" #").next().unwrap_or_default().trim_end();
            let last = code.rsplit([' ', '\t']).next().unwrap_or_default();
            if last.starts_with(['|', '>'])
                && last[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '+' || c == '-')
            {
                // The owner's indentation: past any `- ` sequence entry markers.
                let owner = content.len() - content.trim_start_matches(['-', ' ']).len();
                self.block_parent = Some(column + owner.min(code.len()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Budgets, documents};

    fn values(text: &str) -> Vec<crate::Node> {
        documents(text, &Budgets::default())
            .map(|d| d.unwrap().root)
            .collect()
    }

    #[test]
    fn repairs_what_libyaml_accepts_without_changing_values() {
        let cases = [
            // A quoted JSON blob closed at the key's column (NetworkAttachmentDefinition configs).
            "spec:\n  config: '{\n    \"a\": 1\n  }'\n  other: x\n",
            // A flow sequence closed under its key (Falco lists).
            "- list: miners\n  items: [\n    \"a\",\n    \"b\"\n  ]\n- list: other\n",
            // A tab leading a line inside a flow sequence.
            "spec:\n  args:\n    [\n      \"-jar\",\n\t      \"-Dx=1\",\n    ]\n",
            // A double-quoted scalar continued at the key's column (kube-bench).
            "- id: 2.4\n  text: \"Ensure that the\n  flags are set\"\n  audit: x\n",
        ];
        for text in cases {
            assert!(
                documents(text, &Budgets::default()).any(|d| d.is_err()),
                "strict parse accepts:\n{text}"
            );
            let relaxed = relax(text).unwrap_or_else(|| panic!("nothing relaxed:\n{text}"));
            assert_eq!(relaxed.lines().count(), text.lines().count());
            let repaired = values(&relaxed);
            assert!(!repaired.is_empty(), "{relaxed}");
        }
        let relaxed = relax(cases[0]).unwrap();
        let root = &values(&relaxed)[0];
        assert_eq!(
            root.path(&["spec", "config"]).unwrap().as_str(),
            Some("{ \"a\": 1 }")
        );
        assert_eq!(root.path(&["spec", "other"]).unwrap().as_str(), Some("x"));
    }

    #[test]
    fn leaves_block_scalars_and_plain_text_alone() {
        let text = "data:\n  script: |\n    echo '[unclosed\n    x = {\n  next: \"a\"\nkey: it's fine\n";
        assert_eq!(relax(text), None);
        assert!(is_strictness("invalid indentation in quoted scalar"));
        assert!(!is_strictness("did not find expected key"));
    }
}
