//! What the `RUN` rules share: every command of every `RUN` (with or without `ONBUILD` triggers),
//! a command's operands with option values skipped, and the stages the final image is built on.

use crate::dockerfile::{Args, Base, Command, Dockerfile, Instruction, Keyword, Script, Word};

/// Every `RUN` with its script; `ONBUILD RUN` triggers too when `onbuild` (reported at the
/// `ONBUILD` line, where the trigger is written).
pub(super) fn runs<'a>(
    df: &'a Dockerfile<'_>,
    onbuild: bool,
) -> impl Iterator<Item = (&'a Instruction, &'a Script)> {
    df.instructions.iter().filter_map(move |i| match &i.args {
        Args::Run(line) => Some((i, line.script())),
        Args::Onbuild(Some(inner)) if onbuild => match &inner.args {
            Args::Run(line) => Some((i, line.script())),
            _ => None,
        },
        _ => None,
    })
}

/// Every command of every `RUN`, as `runs` gives them.
pub(super) fn commands<'a>(
    df: &'a Dockerfile<'_>,
    onbuild: bool,
) -> impl Iterator<Item = (&'a Instruction, &'a Command)> {
    runs(df, onbuild).flat_map(|(i, script)| script.commands.iter().map(move |c| (i, c)))
}

/// The arguments of `cmd` that are not options: `--` ends options, and an option listed in
/// `takes_value` (written alone, without `=`) takes the next word as its value.
pub(super) fn operands<'a>(cmd: &'a Command, takes_value: &[&str]) -> Vec<&'a Word> {
    let mut out = Vec::new();
    let mut skip = false;
    let mut only_operands = false;
    for w in cmd.args() {
        if std::mem::take(&mut skip) {
            continue;
        }
        let v = w.value.as_str();
        if !only_operands && v == "--" {
            only_operands = true;
            continue;
        }
        if !only_operands && v.len() > 1 && v.starts_with('-') {
            skip = takes_value.contains(&v);
            continue;
        }
        out.push(w);
    }
    out
}

/// When `cmd` is `program … subcommand …` (exactly that program name, as hadolint reads it),
/// its operands other than the subcommand: the packages of `apt-get install`.
pub(super) fn subcommand_operands<'a>(
    cmd: &'a Command,
    program: &str,
    subcommands: &[&str],
    takes_value: &[&str],
) -> Option<Vec<&'a Word>> {
    if cmd.name() != program {
        return None;
    }
    let ops = operands(cmd, takes_value);
    if !ops.iter().any(|w| subcommands.contains(&w.value.as_str())) {
        return None;
    }
    Some(
        ops.into_iter()
            .filter(|w| !subcommands.contains(&w.value.as_str()))
            .collect(),
    )
}

/// The stages the final image is built from: the last stage, the stage it starts `FROM`, and
/// so on. Other stages only feed files to these.
pub(super) fn final_chain(df: &Dockerfile<'_>) -> Vec<usize> {
    let mut chain = Vec::new();
    let mut next = df.stages.len().checked_sub(1);
    while let Some(i) = next {
        if chain.contains(&i) {
            break;
        }
        chain.push(i);
        next = match df.stages[i].base {
            Base::Stage(parent) => Some(parent),
            _ => None,
        };
    }
    chain
}

/// The instructions before `instruction` in its stage that are `RUN`s, for rules that compare
/// neighbours.
pub(super) fn previous_in_stage<'a>(
    df: &'a Dockerfile<'_>,
    instruction: &Instruction,
) -> Option<&'a Instruction> {
    let prev = df.instructions.get(instruction.index.checked_sub(1)?)?;
    (prev.keyword != Keyword::From && prev.stage == instruction.stage).then_some(prev)
}

/// Options of `apt-get` that take the next word as their value.
pub(super) const APT_GET_VALUES: &[&str] = &[
    "-o",
    "-c",
    "-t",
    "-a",
    "--option",
    "--config-file",
    "--target-release",
    "--default-release",
    "--host-architecture",
];

/// The packages of an `apt-get install`, when `cmd` is one.
pub(super) fn apt_get_install(cmd: &Command) -> Option<Vec<&Word>> {
    subcommand_operands(cmd, "apt-get", &["install"], APT_GET_VALUES)
}

/// `package=version`, `package/release`, or a `.deb` file: a package whose version is chosen.
// File names are compared with case, as apt and hadolint compare them.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub(super) fn apt_pinned(package: &str) -> bool {
    package.contains(['=', '/']) || package.ends_with(".deb")
}

/// Quotes a list of packages for a message: `` `curl`, `git` ``.
pub(super) fn list(words: &[&Word]) -> String {
    words
        .iter()
        .map(|w| format!("`{}`", w.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a `RUN` (or the `RUN` an `ONBUILD` triggers) mounts a cache or tmpfs at `dir`, so
/// nothing written there reaches a layer.
pub(super) fn mounts_cache(instruction: &Instruction, dir: &str) -> bool {
    let run = instruction.trigger().unwrap_or(instruction);
    run.flags.iter().filter(|f| f.name == "mount").any(|f| {
        let value = f.value.as_deref().unwrap_or_default();
        let mut kind = None;
        let mut target = None;
        for part in value.split(',') {
            match part.split_once('=') {
                Some(("type", v)) => kind = Some(v),
                Some(("target" | "dst" | "destination", v)) => target = Some(v),
                _ => {}
            }
        }
        matches!(kind, Some("cache" | "tmpfs"))
            && target.map(|t| t.trim_end_matches('/')) == Some(dir.trim_end_matches('/'))
    })
}

/// Options of `apk add` that take the next word as their value.
pub(super) const APK_VALUES: &[&str] = &["-t", "--virtual", "-X", "--repository"];

/// The packages of an `apk add`, when `cmd` is one.
pub(super) fn apk_add(cmd: &Command) -> Option<Vec<&Word>> {
    subcommand_operands(cmd, "apk", &["add"], APK_VALUES)
}

/// For every instruction, the value an `ENV` gave `name` before it, in its stage or the stages
/// it is built `FROM` (indexed like `Dockerfile::instructions`).
pub(super) fn env_values<'a>(df: &'a Dockerfile<'_>, name: &str) -> Vec<Option<&'a str>> {
    let mut out = Vec::with_capacity(df.instructions.len());
    // The value at the end of each stage seen so far, for stages built from it.
    let mut at_end: Vec<Option<&str>> = Vec::with_capacity(df.stages.len());
    let mut current: Option<&str> = None;
    for instruction in &df.instructions {
        if instruction.keyword == Keyword::From {
            if let Some(stage) = instruction.stage {
                at_end.resize(stage, None);
                current = match df.stages[stage].base {
                    Base::Stage(parent) => at_end.get(parent).copied().flatten(),
                    _ => None,
                };
            }
        }
        out.push(current);
        if let Args::Env(pairs) = &instruction.args {
            if let Some(p) = pairs.iter().rev().find(|p| p.key.value == name) {
                current = Some(&p.value.value);
            }
        }
        if let Some(stage) = instruction.stage {
            if at_end.len() <= stage {
                at_end.resize(stage + 1, None);
            }
            at_end[stage] = current;
        }
    }
    out
}

/// Options of `pip install` that take the next word as their value.
const PIP_VALUES: &[&str] = &[
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--editable",
    "-t",
    "--target",
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "--trusted-host",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--src",
    "--prefix",
    "--root",
    "--upgrade-strategy",
    "--progress-bar",
    "--no-binary",
    "--only-binary",
    "--cache-dir",
    "--log",
    "--proxy",
    "--retries",
    "--timeout",
    "--exists-action",
    "--cert",
    "--client-cert",
    "--report",
    "--root-user-action",
];

/// The arguments of `pip install` (after `install`), when `cmd` runs pip: `pip`, `pip3`,
/// `pip3.12`, or `python… -m pip`.
pub(super) fn pip_install(cmd: &Command) -> Option<&[Word]> {
    let name = cmd.name();
    let args = cmd.args();
    let pip_args = if name
        .strip_prefix("pip")
        .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
    {
        args
    } else if name
        .strip_prefix("python")
        .is_some_and(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        && args.len() >= 2
        && args[0].value == "-m"
        && args[1].value == "pip"
    {
        &args[2..]
    } else {
        return None;
    };
    let mut skip = false;
    for (i, w) in pip_args.iter().enumerate() {
        if std::mem::take(&mut skip) {
            continue;
        }
        if w.value.starts_with('-') {
            skip = PIP_VALUES.contains(&w.value.as_str());
            continue;
        }
        return (w.value == "install").then(|| &pip_args[i + 1..]);
    }
    None
}

/// The packages named in `pip install` arguments (option values left out).
pub(super) fn pip_packages(args: &[Word]) -> Vec<&Word> {
    let mut out = Vec::new();
    let mut skip = false;
    for w in args {
        if std::mem::take(&mut skip) {
            continue;
        }
        if w.value.starts_with('-') {
            skip = PIP_VALUES.contains(&w.value.as_str());
            continue;
        }
        out.push(w);
    }
    out
}

/// Whether a `RUN` script, after the command at `index`, runs one of `cleanups`.
pub(super) fn cleaned_after(script: &Script, index: usize, cleanup: impl Fn(&Command) -> bool) -> bool {
    script.commands.iter().skip(index + 1).any(cleanup)
}

/// `program … clean …` (any arguments).
pub(super) fn is_clean(cmd: &Command, programs: &[&str]) -> bool {
    programs.contains(&cmd.name()) && operands(cmd, &[]).first().is_some_and(|w| w.value == "clean")
}

/// `rm` of a path under `dir`.
pub(super) fn removes(cmd: &Command, dir: &str) -> bool {
    cmd.name() == "rm" && cmd.args().iter().any(|w| w.value.starts_with(dir))
}

/// `dnf` or `microdnf` (hadolint reads both as dnf).
pub(super) fn is_dnf(cmd: &Command) -> bool {
    matches!(cmd.name(), "dnf" | "microdnf")
}

/// `zypper install` or `zypper in`.
pub(super) fn zypper_install(cmd: &Command) -> Option<Vec<&Word>> {
    subcommand_operands(cmd, "zypper", &["install", "in"], &[])
}

/// The instructions that make the final image, in build order: those of the first stage of the
/// final chain, then of each stage built `FROM` it, up to the last stage.
pub(super) fn final_instructions<'a>(df: &'a Dockerfile<'_>) -> Vec<&'a Instruction> {
    let chain = final_chain(df);
    chain
        .iter()
        .rev()
        .flat_map(|&s| df.stage_instructions(&df.stages[s]).iter())
        .collect()
}
