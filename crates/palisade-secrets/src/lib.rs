//! Secret detection, the SEC rules: credentials with a recognisable shape (cloud keys, code-host
//! and registry tokens, chat and payment webhooks, private keys, JWTs, kubeconfig and docker
//! credentials, database URLs with passwords) and literal passwords and tokens assigned to
//! names that say so, gated by entropy and context.
//!
//! Detectors are data: one row per rule in `detectors/`, grouped by provider family, carrying the
//! rule's text in English and Chinese, its keywords, pattern, checks and samples. A [`Scanner`],
//! built once and shared by every thread, reads each file once: an Aho-Corasick automaton finds
//! every detector keyword, and only the detectors whose keyword appeared run their pattern, on
//! the line (or the block, for PEM keys) around the hit.
//!
//! The keyword walk interleaves four lanes over the file (a DFA walk is bound by the latency of
//! its one lookup per byte); generic detectors, woken by common words (`key`, `token`, `pass`),
//! first judge the identifier around the word and the shape of the assignment, and run their
//! pattern only when both could be a credential's.
//!
//! Decisions a user may ask about:
//! - **One finding per secret**: where detectors overlap (a JWT that is a kubeconfig's token, an
//!   `API_KEY=` holding a GitHub token), the one that knows most wins: the detector that knows
//!   the file's kind, then the one that knows the credential's shape, then the generic one.
//! - **Binary files** (a NUL byte in the first 8 KiB) are not scanned, except that a PKCS#12
//!   (`.p12`, `.pfx`) or Java keystore (`.jks`, `.keystore`) file is itself reported.
//! - **Non-UTF-8 text** is scanned as bytes: every credential format is ASCII, so nothing is lost;
//!   messages show the surrounding text lossily, and columns count UTF-8 character starts.
//! - **Documented example keys** (AWS's `AKIAIOSFODNN7EXAMPLE`, anything ending in `EXAMPLE`, the
//!   test keys printed in Stripe's docs, jwt.io's sample token) are not reported: every copy of the docs has them, and
//!   a scanner that reports them teaches its users to ignore it. Stripe test-mode keys are
//!   real credentials to a test account and are reported, at low severity.
//! - **Values are masked** in messages (`AKIA************HT3M`) unless `show_secrets`; allow-lists
//!   and baselines name a value by its SHA-256 ([`value_hash`]), never by the value.
//! - **Inline pragmas** on the secret's line: `palisade:ignore=SEC001` (or a bare
//!   `palisade:ignore`), detect-secrets' `pragma: allowlist secret`, gitleaks' `gitleaks:allow`;
//!   on the line before: `palisade:ignore=…` and `pragma: allowlist nextline secret`.

mod detector;
mod detectors;
mod keywords;
mod mask;
mod scanner;
mod validate;

use palisade_core::RuleMeta;

pub use mask::{mask, value_hash};
pub use scanner::{Options, Scanner, Secret};

/// Every SEC rule, in code order.
pub fn rules() -> impl Iterator<Item = &'static RuleMeta> {
    detectors::all().map(|d| &d.meta)
}

/// The SEC rule with this code or alias (`SEC001`, `AWSKeyDetector`, `aws-access-token`).
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    rules()
        .find(|r| r.code == id)
        .or_else(|| rules().find(|r| r.answers_to(id)))
}

/// Every detector's samples (markers removed) and decoys: the seed corpus of the fuzz target.
#[doc(hidden)]
pub fn seed_corpus() -> Vec<String> {
    detectors::all()
        .flat_map(|d| d.samples.iter().chain(d.decoys))
        .map(|s| s.replace(['«', '»'], ""))
        .collect()
}
