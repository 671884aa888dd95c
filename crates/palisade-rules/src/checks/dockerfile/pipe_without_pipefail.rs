//! DF153: a `RUN` pipes commands without `pipefail`.
//!
//! *What it does.* Finds a `RUN` with a pipe (`a | b`, also inside `$( … )`) while the stage's
//! shell is a POSIX shell without `-o pipefail` (the default `/bin/sh -c`, or a `SHELL` without
//! it). `SHELL` applies until the next `FROM`. PowerShell and `cmd` are not POSIX shells and
//! are not checked.
//!
//! *Why is this bad?* A pipeline's status is its last command's: in `curl -fsSL $URL | tar xz`
//! a failed download still "succeeds" and the build goes on with a missing or truncated file.
//!
//! *Example.* Before the `RUN`: `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (on Alpine, the
//! busybox `/bin/ash` supports it too).
//!
//! *hadolint.* DL4006. Differences, deliberate: a script that starts with `set -o pipefail` is
//! safe and not reported; an exec form (`RUN ["a", "|", "b"]`) runs no shell, so its `|` is an
//! argument, not a pipe, and is not reported either.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF153",
        aliases: &["DL4006"],
        severity: Severity::Low,
        title: Text {
            en: "Pipe in `RUN` without `pipefail`",
            zh: "`RUN` 中使用管道但未设置 `pipefail`",
        },
        description: Text {
            en: "A pipeline succeeds when its last command does. In `curl -fsSL $URL | tar xz` a failed \
                 download still lets the build go on, with a missing or truncated file in the image.",
            zh: "管道的退出状态取决于最后一个命令。在 `curl -fsSL $URL | tar xz` 中，即使下载失败，构建也会继续，\
                 镜像里留下缺失或不完整的文件。",
        },
        remediation: Text {
            en: "Set the shell before the `RUN`: `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` \
                 (`/bin/ash` on Alpine), or start the script with `set -o pipefail &&`.",
            zh: "在该 `RUN` 之前设置 shell：`SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`\
                 （Alpine 上可用 `/bin/ash`），或在脚本开头加上 `set -o pipefail &&`。",
        },
        references: &["https://github.com/hadolint/hadolint/wiki/DL4006"],
        concern: None,
    },
    check,
};

/// The shell `RUN` uses at some point of a stage.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shell {
    Posix { pipefail: bool },
    Other,
}

/// hadolint's list of shells that are not POSIX: PowerShell and cmd, by exact name.
const NOT_POSIX: &[&str] = &[
    "pwsh",
    "pwsh.exe",
    "powershell",
    "powershell.exe",
    "cmd",
    "cmd.exe",
];

fn shell_of(args: &[Word]) -> Shell {
    let Some(program) = args.first() else {
        return Shell::Posix { pipefail: false };
    };
    if NOT_POSIX.contains(&program.value.as_str()) {
        return Shell::Other;
    }
    let pipefail = args.windows(2).any(|pair| {
        let option = pair[0].value.as_str();
        pair[1].value == "pipefail"
            && option.starts_with('-')
            && !option.starts_with("--")
            && option.ends_with('o')
    });
    Shell::Posix { pipefail }
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let mut shell = Shell::Posix { pipefail: false };
    for instruction in &df.instructions {
        match &instruction.args {
            Args::From(_) => shell = Shell::Posix { pipefail: false },
            Args::Shell(CommandLine::Exec { args, .. }) => shell = shell_of(args),
            Args::Run(line) => {
                if shell != (Shell::Posix { pipefail: false }) || line.is_exec() && exec_runs_no_shell(line) {
                    continue;
                }
                let script = line.script();
                let Some(first_pipe) = script
                    .commands
                    .iter()
                    .position(|c| c.pipes_to() || c.piped_from())
                else {
                    continue;
                };
                if sets_pipefail(&script.commands[..first_pipe]) {
                    continue;
                }
                let cmd = &script.commands[first_pipe];
                let message = tr!(
                    sink.lang(),
                    "`{}` pipes into another command, and a failure before the last one goes unnoticed; set `-o pipefail` in `SHELL`",
                    "`{}` 的输出通过管道传给下一个命令，前面的命令失败不会被发现；请在 `SHELL` 中设置 `-o pipefail`",
                    cmd.name(),
                );
                report(sink, df, &RULE.meta, cmd.span, message);
            }
            _ => {}
        }
    }
}

/// An exec form that is not `["sh", "-c", …]`: no shell, so no pipes.
fn exec_runs_no_shell(line: &CommandLine) -> bool {
    match line {
        CommandLine::Exec { args, script } => {
            script.commands.len() == 1 && script.commands[0].words.len() == args.len()
        }
        CommandLine::Shell { .. } => false,
    }
}

/// `set -o pipefail` (or `set -eo pipefail` …) among the commands before the first pipe.
fn sets_pipefail(before: &[crate::dockerfile::Command]) -> bool {
    before.iter().any(|c| {
        c.name() == "set"
            && c.args().windows(2).any(|pair| {
                pair[1].value == "pipefail" && pair[0].value.starts_with('-') && pair[0].value.ends_with('o')
            })
    })
}
