//! Pod Security Standards as the Pod Security Admission controller enforces them: every check
//! with the behaviour its policy version defines, restricted including baseline except where a
//! restricted check replaces a baseline one, and the exemptions of Windows pods.

mod checks;
pub mod fix;
mod namespace;

use std::fmt;
use std::sync::LazyLock;

use palisade_core::{Lang, RuleMeta};
use palisade_yaml::Node;

use crate::k8s::{Container, PodSpec};

pub use namespace::{Evaluation, Exemptions, Mode, NamespacePolicies};

/// The newest policy version palisade knows: `latest`, and any later `v1.N`, evaluate as this.
pub const LATEST_MINOR: u32 = 37;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Privileged,
    Baseline,
    Restricted,
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "privileged" => Some(Level::Privileged),
            "baseline" => Some(Level::Baseline),
            "restricted" => Some(Level::Restricted),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Privileged => "privileged",
            Level::Baseline => "baseline",
            Level::Restricted => "restricted",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A policy version, as the `pod-security.kubernetes.io/<mode>-version` labels write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    /// `v1.N`
    Minor(u32),
    Latest,
}

impl Version {
    /// `latest` or `v1.N` (no leading zeros, as PSA accepts them).
    pub fn parse(text: &str) -> Option<Version> {
        if text == "latest" {
            return Some(Version::Latest);
        }
        let digits = text.strip_prefix("v1.")?;
        let well_formed = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'));
        if !well_formed {
            return None;
        }
        // Too large to be a real version: later than any palisade knows, so latest.
        Some(Version::Minor(digits.parse().unwrap_or(u32::MAX)))
    }

    /// The minor version whose behaviour applies.
    pub fn minor(self) -> u32 {
        match self {
            Version::Minor(minor) => minor.min(LATEST_MINOR),
            Version::Latest => LATEST_MINOR,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Version::Minor(minor) => write!(f, "v1.{minor}"),
            Version::Latest => f.write_str("latest"),
        }
    }
}

/// A level at a version: `restricted:v1.29`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Policy {
    pub level: Level,
    pub version: Version,
}

impl Policy {
    /// `LEVEL[:VERSION]`, the version `latest` when left out.
    pub fn parse(text: &str) -> Result<Policy, String> {
        let (level, version) = text.split_once(':').unwrap_or((text, "latest"));
        let level = Level::parse(level)
            .ok_or_else(|| format!("`{level}` is not a level: use privileged, baseline or restricted"))?;
        let version = Version::parse(version)
            .ok_or_else(|| format!("`{version}` is not a policy version: use latest or v1.N"))?;
        Ok(Policy { level, version })
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.level, self.version)
    }
}

/// A Pod Security check: its upstream id, the level it belongs to, its rule metadata
/// (`PSS-<id>`), and its behaviour at each policy version that changed it.
pub struct Check {
    pub id: &'static str,
    pub level: Level,
    pub meta: RuleMeta,
    /// Oldest first; a version uses the last entry at or below it. A check has no behaviour
    /// (does not apply) before its first entry.
    pub versions: &'static [Versioned],
}

/// A check's behaviour from one policy version on.
pub struct Versioned {
    pub since: u32,
    pub run: Run,
    /// Baseline checks this (restricted) behaviour replaces rather than adds to.
    pub overrides: &'static [&'static str],
    /// Windows pods (`spec.os.name: windows`) are exempt: the Linux-only restricted controls
    /// from v1.25.
    pub windows_exempt: bool,
}

impl Versioned {
    pub const fn new(since: u32, run: Run) -> Versioned {
        Versioned {
            since,
            run,
            overrides: &[],
            windows_exempt: false,
        }
    }

    /// This behaviour replaces the baseline checks `overrides`.
    #[must_use]
    pub const fn replacing(self, overrides: &'static [&'static str]) -> Versioned {
        Versioned { overrides, ..self }
    }

    /// Windows pods are exempt from this behaviour.
    #[must_use]
    pub const fn except_windows(self) -> Versioned {
        Versioned {
            windows_exempt: true,
            ..self
        }
    }
}

/// What one violation is: the check, the node at fault (the nearest existing parent of a
/// missing field), the field path, the concern shared with palisade's own rules, and a message
/// saying what is allowed.
#[derive(Debug)]
pub struct Violation<'a> {
    pub check: &'static Check,
    pub at: &'a Node,
    pub field: String,
    pub concern: &'static str,
    pub message: String,
}

impl fmt::Debug for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// The pod being evaluated, with the facts several checks need.
pub struct Pod<'a> {
    pub spec: PodSpec<'a>,
    /// `spec.os.name: windows`: exempt from the Linux-only restricted controls since v1.25.
    pub windows: bool,
    /// `spec.hostUsers: false`: the pod runs in its own user namespace.
    pub own_user_namespace: bool,
    /// Every container with its securityContext, found once: nearly every check reads them.
    containers: Vec<PodContainer<'a>>,
}

/// A container of the pod being evaluated, with its `securityContext` looked up once.
#[derive(Clone, Copy)]
pub struct PodContainer<'a> {
    container: Container<'a>,
    security_context: Option<&'a Node>,
}

impl<'a> std::ops::Deref for PodContainer<'a> {
    type Target = Container<'a>;

    fn deref(&self) -> &Container<'a> {
        &self.container
    }
}

impl<'a> Pod<'a> {
    pub fn containers(&self) -> impl Iterator<Item = PodContainer<'a>> + '_ {
        self.containers.iter().copied()
    }
}

/// Where checks put violations.
pub struct Out<'a, 'v> {
    pub lang: Lang,
    violations: &'v mut Vec<Violation<'a>>,
}

impl<'a> Out<'a, '_> {
    pub fn report(
        &mut self,
        check: &'static Check,
        at: &'a Node,
        field: String,
        concern: &'static str,
        message: String,
    ) {
        self.violations.push(Violation {
            check,
            at,
            field,
            concern,
            message,
        });
    }
}

/// Every check, in id order.
pub fn checks() -> &'static [&'static Check] {
    checks::ALL
}

/// A check's behaviour: it reports what it finds in the pod to the sink.
pub type Run = for<'a> fn(&Pod<'a>, &mut Out<'a, '_>);

/// The behaviours that apply at one level and version.
type Set = Vec<(&'static Check, &'static Versioned)>;

/// The behaviours that apply at each level and minor version, worked out once.
static SETS: LazyLock<[Vec<Set>; 2]> = LazyLock::new(|| {
    let at = |level: Level, minor: u32| {
        let mut picked: Vec<(&'static Check, &'static Versioned)> = checks::ALL
            .iter()
            .filter(|c| c.level <= level)
            .filter_map(|c| {
                let v = c.versions.iter().rev().find(|v| v.since <= minor)?;
                Some((*c, v))
            })
            .collect();
        let overridden: Vec<&str> = picked
            .iter()
            .flat_map(|(_, v)| v.overrides.iter().copied())
            .collect();
        picked.retain(|(c, _)| !overridden.contains(&c.id));
        picked
    };
    [Level::Baseline, Level::Restricted]
        .map(|level| (0..=LATEST_MINOR).map(|minor| at(level, minor)).collect())
});

/// The checks that apply under `policy`.
pub fn applicable(policy: Policy) -> impl Iterator<Item = &'static Check> {
    sets(policy).iter().map(|(c, _)| *c)
}

fn sets(policy: Policy) -> &'static [(&'static Check, &'static Versioned)] {
    let index = match policy.level {
        Level::Privileged => return &[],
        Level::Baseline => 0,
        Level::Restricted => 1,
    };
    &SETS[index][policy.version.minor() as usize]
}

/// Evaluates one pod spec (a Pod's or a template's) under `policy`, adding its violations to
/// `out`. The pod is allowed when none were added.
pub fn evaluate<'a>(spec: PodSpec<'a>, policy: Policy, lang: Lang, out: &mut Vec<Violation<'a>>) {
    let pod = Pod {
        spec,
        windows: spec.is_windows(),
        own_user_namespace: set(spec.get("hostUsers")).and_then(Node::as_bool) == Some(false),
        containers: spec
            .containers()
            .map(|container| PodContainer {
                container,
                security_context: container.security_context(),
            })
            .collect(),
    };
    let mut sink = Out {
        lang,
        violations: out,
    };
    for (_, behaviour) in sets(policy) {
        if !(behaviour.windows_exempt && pod.windows) {
            (behaviour.run)(&pod, &mut sink);
        }
    }
}

/// A field as the API server decodes it: present and not `null`.
fn set(node: Option<&Node>) -> Option<&Node> {
    node.filter(|n| !n.is_null())
}

/// A container's own `securityContext.<key>`, when set.
fn own<'a>(container: &PodContainer<'a>, key: &str) -> Option<&'a Node> {
    set(container.security_context.and_then(|sc| sc.get(key)))
}

/// The pod-level `securityContext.<key>`, when set.
fn pod_level<'a>(pod: &Pod<'a>, key: &str) -> Option<&'a Node> {
    set(pod.spec.security_context().and_then(|sc| sc.get(key)))
}

/// The prelude of the check files.
mod prelude {
    pub(super) use palisade_core::{RuleMeta, Severity, Text, tr};

    pub(super) use super::{Check, Level, Out, Pod, Versioned, own, pod_level, set};
    pub(super) use palisade_yaml::Node;
}
