//! Where the shared conformance corpora are, for the tests of every crate.

use std::path::PathBuf;

/// `$PALISADE_CORPORA`, or `../shared/corpora` beside the workspace. `None` (after saying so)
/// when it is absent, unless `PALISADE_REQUIRE_CORPORA` is set, as in CI: then a missing corpus
/// fails the test that wanted it.
pub fn dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PALISADE_CORPORA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
        PathBuf::from,
    );
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("PALISADE_REQUIRE_CORPORA").is_none(),
        "PALISADE_CORPORA ({}) is not a directory, and PALISADE_REQUIRE_CORPORA is set",
        dir.display()
    );
    eprintln!("skipped: no corpora at {} (set PALISADE_CORPORA)", dir.display());
    None
}
