//! What `ADD` sources are: remote (a URL or a git repository) or local, and local archives that
//! `ADD` unpacks. Shared by the `ADD` rules.

use crate::dockerfile::{Args, Copy, Dockerfile, Instruction};

/// Every `ADD` of the file (not `ONBUILD` triggers: they run in another build).
pub(super) fn adds<'a>(df: &'a Dockerfile<'_>) -> impl Iterator<Item = (&'a Instruction, &'a Copy)> {
    df.instructions.iter().filter_map(|i| match &i.args {
        Args::Add(copy) => Some((i, copy)),
        _ => None,
    })
}

/// `http://` or `https://` (lower case, as BuildKit and hadolint read it).
pub(super) fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// A git repository BuildKit clones: `git@host:repo`, `ssh://`, `git://`, or an HTTP URL
/// ending in `.git` (with an optional `#ref`).
#[allow(clippy::case_sensitive_file_extension_comparisons)] // BuildKit's test is case-sensitive too.
pub(super) fn is_git(source: &str) -> bool {
    let without_ref = source.split_once('#').map_or(source, |(s, _)| s);
    source.starts_with("git@")
        || source.starts_with("git://")
        || source.starts_with("ssh://")
        || (is_url(source) && without_ref.ends_with(".git"))
}

/// Fetched from elsewhere rather than taken from the build context.
pub(super) fn is_remote(source: &str) -> bool {
    is_url(source) || is_git(source)
}

/// A local file `ADD` unpacks: a tar archive, plain or compressed, by its name as hadolint
/// reads it (BuildKit also looks inside the file).
// Extensions are compared with case, as hadolint does (`a.TAR.GZ` is not an archive to it).
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub(super) fn is_archive(source: &str) -> bool {
    const EXTENSIONS: [&str; 15] = [
        ".tar", ".gz", ".tgz", ".bz2", ".tbz2", ".tb2", ".tbz", ".xz", ".txz", ".lz", ".tlz", ".lzma", ".Z",
        ".tZ", ".tpz",
    ];
    !is_remote(source) && EXTENSIONS.iter().any(|e| source.ends_with(e))
}
