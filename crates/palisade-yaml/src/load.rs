//! The loader: saphyr-parser events to one spanned tree per document, under budgets that keep a
//! hostile file from costing more than a bounded amount of time and memory.

use std::collections::HashMap;

use compact_str::CompactString;
use saphyr_parser::{Event, Parser, ScalarStyle, StrInput};

use crate::node::{Mark, Node, Scalar, Span, Style, Value};

/// Limits on what one file may cost. Every limit, when hit, stops the file with an [`Error`].
#[derive(Clone, Debug)]
pub struct Budgets {
    /// Documents in one stream.
    pub max_documents: usize,
    /// Collections nested inside each other.
    pub max_depth: usize,
    /// Nodes copied by alias expansion, per document (a billion-laughs file hits this at once).
    pub max_alias_nodes: usize,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            max_documents: 100_000,
            max_depth: 256,
            max_alias_nodes: 100_000,
        }
    }
}

/// Why a stream could not be read further. Documents before the error are still delivered.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("{message}")]
    Syntax { mark: Mark, message: String },
    #[error("more than {limit} documents in one file; split the file or raise the documents budget")]
    TooManyDocuments { mark: Mark, limit: usize },
    #[error("collections nested deeper than {limit} levels")]
    TooDeep { mark: Mark, limit: usize },
    #[error("aliases expand to more than {limit} nodes (a YAML alias bomb?)")]
    AliasBudget { mark: Mark, limit: usize },
    #[error("alias refers to an anchor that is not defined before it")]
    UnknownAnchor { mark: Mark },
}

impl Error {
    /// Whether this is a syntax error that only YAML 1.2's strictness raises and that libyaml (and
    /// so Kubernetes) accepts; [`crate::relax`] repairs those.
    pub fn is_strictness(&self) -> bool {
        matches!(self, Error::Syntax { message, .. } if crate::relax::is_strictness(message))
    }

    pub fn mark(&self) -> Mark {
        match self {
            Error::Syntax { mark, .. }
            | Error::TooManyDocuments { mark, .. }
            | Error::TooDeep { mark, .. }
            | Error::AliasBudget { mark, .. }
            | Error::UnknownAnchor { mark } => *mark,
        }
    }
}

/// Something wrong in a document that does not stop it from being read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A mapping key written twice; the later value is kept, as `kubectl` would refuse the file.
    DuplicateKey { key: String, first: Mark, again: Mark },
}

/// One document of a stream.
#[derive(Debug)]
pub struct Document {
    pub root: Node,
    pub warnings: Vec<Warning>,
}

/// Reads the documents of a YAML (or JSON) stream one at a time, so only one tree is alive at once.
pub fn documents<'a>(source: &'a str, budgets: &Budgets) -> Documents<'a> {
    documents_in(
        &Chunk {
            text: source,
            first_line: 1,
            first_byte: 0,
        },
        budgets,
    )
}

/// Reads the documents of one chunk of a stream (see [`chunks`]); positions are the stream's.
pub fn documents_in<'a>(chunk: &Chunk<'a>, budgets: &Budgets) -> Documents<'a> {
    let source = chunk.text.strip_prefix('\u{feff}').unwrap_or(chunk.text);
    Documents {
        parser: Parser::new(StrInput::new(source)),
        budgets: budgets.clone(),
        line_offset: chunk.first_line - 1,
        offsets: Offsets::new(source, chunk.first_byte + (chunk.text.len() - source.len())),
        count: 0,
        done: false,
    }
}

pub struct Documents<'a> {
    parser: Parser<'a, StrInput<'a>>,
    budgets: Budgets,
    line_offset: u32,
    offsets: Offsets<'a>,
    count: usize,
    done: bool,
}

/// Turns the parser's character indexes into byte offsets in the stream.
struct Offsets<'a> {
    base: usize,
    source: &'a str,
    /// For text that is not ASCII: the byte offset of every 64th character.
    every_64th: Option<Vec<usize>>,
}

impl<'a> Offsets<'a> {
    fn new(source: &'a str, base: usize) -> Offsets<'a> {
        let every_64th =
            (!source.is_ascii()).then(|| source.char_indices().step_by(64).map(|(byte, _)| byte).collect());
        Offsets {
            base,
            source,
            every_64th,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let Some(table) = &self.every_64th else {
            return self.base + char_index;
        };
        let bytes = self.source.as_bytes();
        let Some(&start) = table.get(char_index / 64) else {
            return self.base + bytes.len();
        };
        // Walk the remaining characters by their UTF-8 lead bytes.
        let mut byte = start;
        for _ in 0..char_index % 64 {
            byte += bytes.get(byte).map_or(1, |b| match b {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            });
        }
        self.base + byte.min(bytes.len())
    }
}

/// A run of whole documents of a stream, and the line it starts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub text: &'a str,
    pub first_line: u32,
    /// Byte offset of the chunk in its stream.
    pub first_byte: usize,
}

/// Cuts a stream into runs of whole documents of about `target` bytes each, so they can be
/// parsed in parallel. A cut is made only before a `---` marker at the start of a line: YAML
/// forbids that line inside any scalar or collection, so no document is split. Streams with
/// directives (`%YAML`, `%TAG`), which apply to the documents after them, are not cut.
pub fn chunks(text: &str, target: usize) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    if text.len() <= target || text.lines().any(|l| l.starts_with('%')) {
        out.push(Chunk {
            text,
            first_line: 1,
            first_byte: 0,
        });
        return out;
    }
    let (mut start, mut start_line, mut line, mut offset) = (0usize, 1u32, 1u32, 0usize);
    for l in text.split_inclusive('\n') {
        let marker = l.starts_with("---") && l[3..].chars().next().is_none_or(char::is_whitespace);
        if marker && offset - start >= target {
            out.push(Chunk {
                text: &text[start..offset],
                first_line: start_line,
                first_byte: start,
            });
            (start, start_line) = (offset, line);
        }
        offset += l.len();
        line += 1;
    }
    out.push(Chunk {
        text: &text[start..],
        first_line: start_line,
        first_byte: start,
    });
    out
}

impl Iterator for Documents<'_> {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let result = self.next_document();
        match result {
            Ok(Some(doc)) => Some(Ok(doc)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

enum Frame {
    Seq {
        start: Mark,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Mark,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

struct Anchored {
    node: Node,
    nodes: usize,
}

impl<'a> Documents<'a> {
    fn event(&mut self) -> Result<Option<(Event<'a>, saphyr_parser::Span)>, Error> {
        match self.parser.next_event() {
            None => Ok(None),
            Some(Ok(ev)) => Ok(Some(ev)),
            Some(Err(e)) => Err(Error::Syntax {
                mark: self.mark(*e.marker()),
                message: e.info().to_owned(),
            }),
        }
    }

    fn mark(&self, m: saphyr_parser::Marker) -> Mark {
        let line = u32::try_from(m.line()).unwrap_or(u32::MAX);
        Mark {
            line: line.saturating_add(self.line_offset),
            column: u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
            offset: self.offsets.byte(m.index()),
        }
    }

    fn next_document(&mut self) -> Result<Option<Document>, Error> {
        // Find the next document start.
        loop {
            let Some((event, span)) = self.event()? else {
                return Ok(None);
            };
            match event {
                Event::DocumentStart(_) => {
                    if self.count >= self.budgets.max_documents {
                        return Err(Error::TooManyDocuments {
                            mark: self.mark(span.start),
                            limit: self.budgets.max_documents,
                        });
                    }
                    break;
                }
                Event::StreamEnd => return Ok(None),
                _ => {}
            }
        }
        let budgets = self.budgets.clone();
        let mut stack: Vec<Frame> = Vec::new();
        let mut anchors: HashMap<usize, Anchored> = HashMap::new();
        let mut alias_nodes = 0usize;
        let mut warnings = Vec::new();
        let mut root: Option<Node> = None;
        loop {
            let Some((event, span)) = self.event()? else {
                return Err(Error::Syntax {
                    mark: Mark::default(),
                    message: "unexpected end of stream".into(),
                });
            };
            let start = self.mark(span.start);
            let end = self.mark(span.end);
            let completed: (Node, usize) = match event {
                Event::DocumentEnd => {
                    let root = root.unwrap_or_else(|| null_node(start));
                    self.count += 1;
                    return Ok(Some(Document { root, warnings }));
                }
                Event::SequenceStart(anchor, _) => {
                    if stack.len() >= budgets.max_depth {
                        return Err(Error::TooDeep {
                            mark: start,
                            limit: budgets.max_depth,
                        });
                    }
                    stack.push(Frame::Seq {
                        start,
                        anchor,
                        items: Vec::new(),
                    });
                    continue;
                }
                Event::MappingStart(anchor, _) => {
                    if stack.len() >= budgets.max_depth {
                        return Err(Error::TooDeep {
                            mark: start,
                            limit: budgets.max_depth,
                        });
                    }
                    stack.push(Frame::Map {
                        start,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                    });
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                    Some(Frame::Seq { start, anchor, items }) => (
                        Node {
                            value: Value::Seq(items),
                            span: Span { start, end },
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    }) => {
                        let entries = merge_keys(entries);
                        duplicate_keys(&entries, &mut warnings);
                        (
                            Node {
                                value: Value::Map(entries),
                                span: Span { start, end },
                            },
                            anchor,
                        )
                    }
                    None => continue,
                },
                Event::Scalar(text, style, anchor, tag) => {
                    let tag = tag.map(|t| {
                        if t.is_yaml_core_schema() {
                            Box::new(format!("{}{}", t.handle, t.suffix))
                        } else {
                            Box::new(t.to_string())
                        }
                    });
                    let scalar = Scalar {
                        text: CompactString::from(text),
                        style: style_of(style),
                        tag,
                    };
                    (
                        Node {
                            value: Value::Scalar(scalar),
                            span: Span { start, end },
                        },
                        anchor,
                    )
                }
                Event::Alias(id) => {
                    let anchored = anchors.get(&id).ok_or(Error::UnknownAnchor { mark: start })?;
                    alias_nodes += anchored.nodes;
                    if alias_nodes > budgets.max_alias_nodes {
                        return Err(Error::AliasBudget {
                            mark: start,
                            limit: budgets.max_alias_nodes,
                        });
                    }
                    (anchored.node.clone(), 0)
                }
                Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => continue,
            };
            let (node, anchor) = completed;
            if anchor != 0 {
                let nodes = count_nodes(&node);
                anchors.insert(
                    anchor,
                    Anchored {
                        node: node.clone(),
                        nodes,
                    },
                );
            }
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame::Seq { items, .. }) => items.push(node),
                Some(Frame::Map { entries, key, .. }) => match key.take() {
                    None => *key = Some(node),
                    Some(k) => entries.push((k, node)),
                },
            }
        }
    }
}

fn null_node(at: Mark) -> Node {
    Node {
        value: Value::Scalar(Scalar {
            text: CompactString::default(),
            style: Style::Plain,
            tag: None,
        }),
        span: Span { start: at, end: at },
    }
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut pending = vec![node];
    while let Some(n) = pending.pop() {
        count += 1;
        match &n.value {
            Value::Scalar(_) => {}
            Value::Seq(items) => pending.extend(items),
            Value::Map(entries) => pending.extend(entries.iter().flat_map(|(k, v)| [k, v])),
        }
    }
    count
}

/// Applies YAML merge keys (`<<: *base` or `<<: [*a, *b]`): keys written in the mapping win, then
/// earlier merged mappings win over later ones.
fn merge_keys(entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    let is_merge = |k: &Node| {
        k.scalar()
            .is_some_and(|s| s.text == "<<" && s.style == Style::Plain)
    };
    if !entries.iter().any(|(k, _)| is_merge(k)) {
        return entries;
    }
    let (merges, mut own): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(k, _)| is_merge(k));
    for (_, value) in merges {
        let sources = match value.value {
            Value::Map(_) => vec![value],
            Value::Seq(items) => items,
            Value::Scalar(_) => continue,
        };
        for source in sources {
            let Value::Map(source_entries) = source.value else {
                continue;
            };
            for (k, v) in source_entries {
                if !own
                    .iter()
                    .any(|(o, _)| o.as_text().is_some() && o.as_text() == k.as_text())
                {
                    own.push((k, v));
                }
            }
        }
    }
    own
}

fn duplicate_keys(entries: &[(Node, Node)], warnings: &mut Vec<Warning>) {
    let mut report = |key: &Node, first: Mark| {
        // Keys copied in by a merge carry their anchor's position; only report keys written here.
        if first != key.span.start {
            let text = key.as_text().unwrap_or_default().to_owned();
            warnings.push(Warning::DuplicateKey {
                key: text,
                first,
                again: key.span.start,
            });
        }
    };
    // Most mappings are small: compare pairwise rather than build a set for each.
    if entries.len() <= 16 {
        for (i, (key, _)) in entries.iter().enumerate() {
            let Some(text) = key.as_text() else { continue };
            if let Some((first, _)) = entries[..i].iter().find(|(k, _)| k.as_text() == Some(text)) {
                report(key, first.span.start);
            }
        }
        return;
    }
    let mut seen: HashMap<&str, Mark> = HashMap::with_capacity(entries.len());
    for (key, _) in entries {
        let Some(text) = key.as_text() else { continue };
        if let Some(first) = seen.insert(text, key.span.start) {
            report(key, first);
        }
    }
}

fn style_of(style: ScalarStyle) -> Style {
    match style {
        ScalarStyle::SingleQuoted => Style::SingleQuoted,
        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
        ScalarStyle::Plain => Style::Plain,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn load(src: &str) -> Vec<Document> {
        documents(src, &Budgets::default())
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let docs = load("apiVersion: v1\nkind: Pod\nspec:\n  hostPID: yes\n");
        let (key, value) = docs[0]
            .root
            .path(&["spec"])
            .unwrap()
            .get_entry("hostPID")
            .unwrap();
        assert_eq!(
            key.span.start,
            Mark {
                line: 4,
                column: 3,
                offset: 33
            }
        );
        assert_eq!(
            value.span.start,
            Mark {
                line: 4,
                column: 12,
                offset: 42
            }
        );
        assert_eq!(value.as_bool(), Some(true));
    }

    #[test]
    fn raw_text_as_written_in_the_stream() {
        let text = "a: '0644'\n---\nb: \"é\\tx\\\"ü\"  # note\nc: [1, 2]\n";
        for chunk in chunks(text, 1) {
            for doc in documents_in(&chunk, &Budgets::default()) {
                let root = doc.unwrap().root;
                for (key, value) in root.as_map().unwrap() {
                    let raw = value.raw(text).unwrap();
                    match key.as_text().unwrap() {
                        "a" => assert_eq!(raw, "'0644'"),
                        "b" => assert_eq!(raw, "\"é\\tx\\\"ü\""),
                        _ => assert_eq!(raw, "[1, 2]"),
                    }
                }
            }
        }
    }

    #[test]
    fn multi_document_streams() {
        let docs = load("a: 1\n---\nb: 2\n---\n");
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[1].root.get("b").unwrap().as_i64(), Some(2));
        assert!(docs[2].root.is_null());
    }

    #[test]
    fn aliases_and_merge_keys() {
        let docs = load("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\ncopy: *b\n");
        let derived = docs[0].root.get("derived").unwrap();
        assert_eq!(derived.get("x").unwrap().as_i64(), Some(1));
        assert_eq!(derived.get("y").unwrap().as_i64(), Some(3));
        assert_eq!(
            docs[0].root.get("copy").unwrap().get("y").unwrap().as_i64(),
            Some(2)
        );
        assert!(docs[0].warnings.is_empty());
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_last_wins() {
        let docs = load("a: 1\nb: 2\na: 3\n");
        assert_eq!(docs[0].root.get("a").unwrap().as_i64(), Some(3));
        assert_eq!(
            docs[0].warnings,
            vec![Warning::DuplicateKey {
                key: "a".into(),
                first: Mark {
                    line: 1,
                    column: 1,
                    offset: 0
                },
                again: Mark {
                    line: 3,
                    column: 1,
                    offset: 10
                }
            }]
        );
    }

    #[test]
    fn json_is_yaml() {
        let docs = load(r#"{"kind": "Pod", "spec": {"hostNetwork": true, "n": "1"}}"#);
        assert_eq!(
            docs[0].root.path(&["spec", "hostNetwork"]).unwrap().as_bool(),
            Some(true)
        );
        assert_eq!(docs[0].root.path(&["spec", "n"]).unwrap().as_str(), Some("1"));
    }

    #[test]
    fn billion_laughs_is_rejected() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = (b'a' + i - 1) as char;
            let cur = (b'a' + i) as char;
            writeln!(
                src,"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
            )
            .unwrap();
        }
        let err = documents(&src, &Budgets::default())
            .find_map(Result::err)
            .unwrap();
        assert!(matches!(err, Error::AliasBudget { .. }), "{err:?}");
    }

    #[test]
    fn deep_nesting_is_rejected() {
        let src: String = (0..1000).map(|i| " ".repeat(i) + "k:\n").collect();
        let err = documents(&src, &Budgets::default())
            .find_map(Result::err)
            .unwrap();
        assert!(matches!(err, Error::TooDeep { .. }), "{err:?}");
    }

    #[test]
    fn syntax_errors_keep_earlier_documents() {
        let mut docs = documents("a: 1\n---\nb: [1, 2\n", &Budgets::default());
        assert!(docs.next().unwrap().is_ok());
        let err = docs.next().unwrap().unwrap_err();
        assert!(matches!(err, Error::Syntax { .. }));
        assert!(docs.next().is_none());
    }

    #[test]
    fn chunks_cut_only_at_document_markers_and_keep_positions() {
        let text = "a: 1\n---\nb: |\n  --- not a marker\n---\nc: [1,\n  2]\n--- # comment\nd: 4\n";
        let cut = chunks(text, 1);
        let firsts: Vec<u32> = cut.iter().map(|c| c.first_line).collect();
        assert_eq!(firsts, vec![1, 2, 5, 8]);
        assert_eq!(cut.iter().map(|c| c.text).collect::<String>(), text);
        let whole: Vec<_> = documents(text, &Budgets::default())
            .map(|d| d.unwrap().root)
            .collect();
        let parts: Vec<_> = cut
            .iter()
            .flat_map(|c| documents_in(c, &Budgets::default()).map(|d| d.unwrap().root))
            .collect();
        assert_eq!(whole, parts);
        assert_eq!(chunks("%YAML 1.1\n---\na: 1\n---\nb: 2\n", 1).len(), 1);
    }

    #[test]
    fn document_budget() {
        let budgets = Budgets {
            max_documents: 2,
            ..Budgets::default()
        };
        let results: Vec<_> = documents("a: 1\n---\nb: 2\n---\nc: 3\n", &budgets).collect();
        assert_eq!(results.len(), 3);
        assert!(matches!(
            results[2],
            Err(Error::TooManyDocuments { limit: 2, .. })
        ));
    }
}
