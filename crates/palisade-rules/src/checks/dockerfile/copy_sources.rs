//! `COPY` instructions and what their `--from` names, shared by the `COPY` rules.

use crate::dockerfile::{Args, Copy, Dockerfile, Flag, Instruction};

/// Every `COPY` of the file (not `ONBUILD` triggers).
pub(super) fn copies<'a>(df: &'a Dockerfile<'_>) -> impl Iterator<Item = (&'a Instruction, &'a Copy)> {
    df.instructions.iter().filter_map(|i| match &i.args {
        Args::Copy(copy) => Some((i, copy)),
        _ => None,
    })
}

/// What `--from=…` names.
pub(super) enum From<'a> {
    /// A stage, by index.
    Stage(usize),
    /// An image reference (it has a tag or digest).
    Image,
    /// A build argument, known only at build time.
    Variable,
    /// Nothing defined before: a stage defined later, a typo, an index out of range.
    Unknown(&'a str),
}

pub(super) fn from_flag<'a>(df: &Dockerfile<'_>, instruction: &Instruction, flag: &'a Flag) -> From<'a> {
    let value = flag.value.as_deref().unwrap_or_default();
    if value.contains('$') {
        return From::Variable;
    }
    if let Some(stage) = df.stage_named(value, instruction.index) {
        return From::Stage(stage.index);
    }
    if let Ok(index) = value.parse::<usize>() {
        let current = instruction.stage.unwrap_or(0);
        return if index <= current {
            From::Stage(index)
        } else {
            From::Unknown(value)
        };
    }
    if value.contains([':', '@']) {
        return From::Image;
    }
    From::Unknown(value)
}
