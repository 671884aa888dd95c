//! A detector: one row of data per SEC rule — its metadata, the keywords that wake it, the
//! pattern that finds the credential, and the checks a match must pass before it is reported.

use palisade_core::RuleMeta;

/// What palisade knows about one kind of credential and how to find it.
pub(crate) struct Detector {
    pub(crate) meta: RuleMeta,
    /// Lower-case literals, at least one of which every match contains or follows closely (a
    /// token's prefix, a variable name's distinctive word). The pattern runs only around them.
    pub(crate) keywords: &'static [&'static str],
    /// The patterns, over ASCII bytes (`\w`, `\d`, `\s` and `\b` are ASCII), searched as one.
    /// The named group `s` is the secret, or `u` when it is written without quotes (generic
    /// assignments); without either, the whole match is. A group `n` names what the secret is
    /// assigned to.
    pub(crate) patterns: &'static [&'static str],
    /// Words of which one must appear somewhere in the file for a match to count (`aliyun` for a
    /// 30-character Alibaba Cloud secret); empty means none is needed.
    pub(crate) context: &'static [&'static str],
    pub(crate) check: Check,
    /// Lower-case file name endings of binary files that are themselves the credential
    /// (`.p12`); such a detector has no pattern.
    pub(crate) files: &'static [&'static str],
    /// Where a match can lie relative to the keyword that woke the detector.
    pub(crate) reach: Reach,
    /// A quick look at the word around the keyword before the pattern runs at all.
    pub(crate) gate: Gate,
    /// Which of two overlapping matches is reported: the higher, then the longer one.
    pub(crate) priority: u8,
    /// Text in which the detector must find exactly the secret between `«` and `»`: the
    /// proof, checked by the tests, that every detector finds what it claims.
    pub(crate) samples: &'static [&'static str],
    /// Text in which the detector must find nothing: the decoys it is built to reject.
    pub(crate) decoys: &'static [&'static str],
}

/// Priorities: a generic assignment yields to any detector that knows the credential's shape,
/// and that one to a detector that also knows the file it is in (a kubeconfig's token, a
/// service account file's key).
pub(crate) const GENERIC: u8 = 0;
pub(crate) const SHAPE: u8 = 1;
pub(crate) const FILE_KIND: u8 = 2;

/// What a match must also satisfy, beyond the pattern.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Check {
    None,
    /// At least this Shannon entropy, in bits per character, and no placeholder.
    Entropy(f32),
    /// GitHub's and npm's token checksum: the last six characters are the CRC-32 of the
    /// characters between the prefix (this many bytes) and them, in base 62.
    Crc32Base62 {
        prefix: usize,
    },
    /// A JSON Web Token: the header decodes to a JSON object naming its algorithm.
    Jwt,
    /// Base64 of a PEM private key (a kubeconfig's `client-key-data`).
    Base64PrivateKey,
    /// Base64 of `user:password` (a docker `config.json` `auth`).
    Base64UserPassword,
    /// A literal password assigned to a name that says so (`db_password = "…"`).
    Password,
    /// A literal secret, token or key assigned to a name that says so, random enough to be one.
    Secret,
    /// A password inside a URL or connection string: not a placeholder or a variable.
    UrlPassword,
}

/// What the identifier around a keyword hit must be for the pattern to run: generic detectors
/// wake on common words (`key`, `token`, `pass`) and most of their hits are not assignments
/// to a credential's name (`monkey`, `keyboard`, `bypass`, `token_type`, `rbac.authorization`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gate {
    None,
    /// The identifier names a credential of this kind, written in this shape.
    Name(Credential, Shape),
    /// A URL starting at or just after the keyword whose authority has `user:password@`: most
    /// URLs (and most mentions of `postgres`) carry no credentials.
    UrlCredentials,
    /// The keyword's line holds one of these too (a connection string's `;`, curl's `-u`).
    LineHas(&'static [&'static str]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Credential {
    Password,
    /// A secret, token or API key.
    Secret,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `name = value`, `name: value`, `"name": value`, `name := value`, `ENV NAME value`.
    Assignment,
    /// `name: NAME` then `value: …` (Kubernetes, compose), or `"name": "NAME", "value": …`.
    Pair,
    /// `<name>value</name>`.
    Element,
}

/// The text around a keyword hit in which the pattern looks for a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// On the keyword's line: from at most `before` bytes before the keyword to at most `after`
    /// bytes after it (long lines of minified code are not searched whole for each hit).
    Line { before: usize, after: usize },
    /// Across lines: from the start of the line at most `before` bytes before the keyword to at
    /// most `after` bytes after it (PEM blocks, name/value pairs on two lines).
    Block { before: usize, after: usize },
}

pub(crate) const LINE: Reach = Reach::Line {
    before: 80,
    after: 600,
};

impl Detector {
    /// The fields most detectors share; rows override what differs.
    pub(crate) const BASE: Detector = Detector {
        meta: crate::detectors::META,
        keywords: &[],
        patterns: &[],
        context: &[],
        check: Check::None,
        files: &[],
        reach: LINE,
        gate: Gate::None,
        priority: SHAPE,
        samples: &[],
        decoys: &[],
    };
}
