//! `FROM --platform` values, shared by DF122 and DF145.

use crate::dockerfile::{Args, Dockerfile, Flag, Instruction};

/// Every `FROM` with a `--platform` flag.
pub(super) fn platforms<'a>(df: &'a Dockerfile<'_>) -> impl Iterator<Item = (&'a Instruction, &'a Flag)> {
    df.instructions.iter().filter_map(|i| match i.args {
        Args::From(_) => i.flag("platform").map(|f| (i, f)),
        _ => None,
    })
}

/// `$TARGETPLATFORM` or `${TARGETPLATFORM}`.
pub(super) fn is_target_platform(value: &str) -> bool {
    matches!(value, "$TARGETPLATFORM" | "${TARGETPLATFORM}")
}

/// `$BUILDPLATFORM` or `${BUILDPLATFORM}`.
pub(super) fn is_build_platform(value: &str) -> bool {
    matches!(value, "$BUILDPLATFORM" | "${BUILDPLATFORM}")
}
