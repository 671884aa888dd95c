//! palisade's cache folder: pulled image blobs and the vulnerability database live here, and
//! palisade writes nowhere else.

use std::path::PathBuf;

/// `PALISADE_CACHE_DIR`, else `$XDG_CACHE_HOME/palisade`, else `~/.cache/palisade`; none when
/// there is no home to put it in.
pub fn dir() -> Option<PathBuf> {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("PALISADE_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("palisade")))
        .or_else(|| var("HOME").map(|h| h.join(".cache").join("palisade")))
}
