//! Where checks put their findings.

use std::borrow::Cow;
use std::sync::Arc;

use palisade_core::{Finding, Lang, Location, ObjectRef, RuleMeta};
use palisade_yaml::{Mark, Node};

use crate::Settings;

/// Collects the findings of the checks run on one input: a Kubernetes object, or a file of
/// another kind (a Dockerfile, a compose file), then without an object.
pub struct Sink<'a> {
    pub(crate) settings: &'a Settings,
    pub(crate) path: &'a Arc<str>,
    pub(crate) object: Option<&'a Arc<ObjectRef>>,
    pub(crate) findings: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn settings(&self) -> &Settings {
        self.settings
    }

    /// Reports `rule` at `at` (the offending value, or the nearest existing parent of a missing
    /// field) for the field path `field`.
    pub fn report(&mut self, rule: &'static RuleMeta, at: &Node, field: impl Into<String>, message: String) {
        self.report_concern(rule, rule.concern(), at, field, message);
    }

    /// `report`, about `concern` rather than the rule's own (a check that covers several fields,
    /// each the concern of a different rule).
    pub fn report_concern(
        &mut self,
        rule: &'static RuleMeta,
        concern: &'static str,
        at: &Node,
        field: impl Into<String>,
        message: String,
    ) {
        let start = at.span.start;
        // A missing field is reported at its nearest parent, a whole mapping or list: point at
        // where it starts rather than underline every line of it.
        let end = if at.scalar().is_some() {
            at.span.end
        } else {
            Mark {
                column: start.column + 1,
                ..start
            }
        };
        self.push(rule, concern, start, end, Some(field.into()), message);
    }

    /// Reports `rule` over the text from `start` to `end`, with an optional field path (for
    /// inputs that are not YAML trees, such as a Dockerfile instruction).
    pub fn report_range(
        &mut self,
        rule: &'static RuleMeta,
        start: Mark,
        end: Mark,
        field: Option<String>,
        message: String,
    ) {
        self.push(rule, rule.concern(), start, end, field, message);
    }

    fn push(
        &mut self,
        rule: &'static RuleMeta,
        concern: &'static str,
        start: Mark,
        end: Mark,
        field: Option<String>,
        message: String,
    ) {
        self.findings.push(Finding {
            rule: Cow::Borrowed(rule.code),
            severity: rule.severity,
            message,
            location: Location {
                path: Arc::clone(self.path),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                object: self.object.map(Arc::clone),
                field,
            },
            concern: Cow::Borrowed(concern),
        });
    }
}
