//! palisade's YAML: streams of documents parsed into spanned trees (every key and value keeps its
//! line and column), with YAML 1.1 scalar resolution as Kubernetes applies it and budgets against
//! hostile input. JSON is read by the same path.

mod load;
mod node;
mod relax;

pub use load::{Budgets, Chunk, Document, Documents, Error, Warning, chunks, documents, documents_in};
pub use node::{Mark, Node, Resolved, Scalar, Span, Style, Value, resolve_plain};
pub use relax::relax;
