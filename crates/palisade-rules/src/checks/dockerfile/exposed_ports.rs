//! The ports an `EXPOSE` names: `80`, `80/tcp`, `8000-8010/udp`, as numbers (variables left
//! out), shared by the port rules.

use crate::dockerfile::{Args, Dockerfile, Instruction, Word};

/// `(word, first port, last port)` for every port or range of every `EXPOSE`.
pub(super) fn exposed<'a>(df: &'a Dockerfile<'_>) -> Vec<(&'a Instruction, &'a Word, u64, u64)> {
    let mut out = Vec::new();
    for instruction in &df.instructions {
        let Args::Expose(words) = &instruction.args else {
            continue;
        };
        for word in words {
            let ports = word.value.split('/').next().unwrap_or_default();
            let (first, last) = ports.split_once('-').unwrap_or((ports, ports));
            if let (Ok(a), Ok(b)) = (first.parse::<u64>(), last.parse::<u64>()) {
                out.push((instruction, word, a, b));
            }
        }
    }
    out
}
