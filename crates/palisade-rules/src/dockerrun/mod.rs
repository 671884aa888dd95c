//! `docker run`, `docker create` and `podman run` invocations: found in shell scripts,
//! Makefiles, CI files (GitHub Actions `run:` steps, GitLab `script:`s) and command lines given
//! directly, parsed into their options with positions in the file, and checked by the DR rules.

mod command;
pub(crate) mod flags;
mod locate;
mod shell;
pub(crate) mod syntax;

use std::sync::Arc;

use palisade_core::{Diagnostic, suppress};
use palisade_yaml::{Mark, Node, Value};

pub(crate) use command::RunCommand;
use locate::{FILE_START, Lines};

use crate::registry::docker_run_rules;
use crate::sink::Sink;
use crate::{FileScan, Settings};

/// The run commands in `shell`, a text that starts at `origin` of its file (a Dockerfile's
/// `RUN` instruction, a script), with positions in that file.
pub(crate) fn run_commands(shell: &str, origin: Mark) -> Vec<RunCommand> {
    let lines = Lines::new(shell);
    command::parse(shell, false, &|offset| lines.mark(offset, origin))
}

/// Runs every DR rule over `commands`, reporting into `sink`.
pub(crate) fn check(commands: &[RunCommand], sink: &mut Sink<'_>) {
    for command in commands {
        for rule in docker_run_rules() {
            (rule.check)(command, sink);
        }
    }
}

/// Scans a shell script or a Makefile. Each run command counts as one object.
pub(crate) fn scan_script(path: &Arc<str>, text: &str, settings: &Settings) -> FileScan {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let make =
        name == "makefile" || name == "gnumakefile" || name.rsplit_once('.').is_some_and(|(_, e)| e == "mk");
    let lines = Lines::new(text);
    let commands = command::parse(text, make, &|offset| lines.mark(offset, FILE_START));
    finish(path, text, settings, &commands, FileScan::default())
}

/// Scans a CI file: the shell scripts of GitHub Actions steps (`jobs.*.steps[*].run`) and of
/// GitLab jobs (`script`, `before_script`, `after_script`, also under `default` and at the top).
pub(crate) fn scan_pipeline(path: &Arc<str>, text: &str, settings: &Settings) -> FileScan {
    let mut scan = FileScan::default();
    let lines = Lines::new(text);
    let mut commands = Vec::new();
    for doc in palisade_yaml::documents(text, &settings.budgets) {
        let doc = match doc {
            Ok(doc) => doc,
            Err(e) => {
                scan.errors.push(Diagnostic::at(path, e.mark(), e.to_string()));
                break;
            }
        };
        let mut scripts = Vec::new();
        github_scripts(&doc.root, &mut scripts);
        gitlab_scripts(&doc.root, &mut scripts);
        for script in scripts {
            commands.extend(scalar_commands(text, &lines, script));
        }
        for (options, image) in github_containers(&doc.root) {
            commands.extend(container_options(text, &lines, options, image));
        }
    }
    finish(path, text, settings, &commands, scan)
}

/// Scans command lines given directly (`palisade scan --docker-run '…'`). They are checked as
/// commands that start services, as a user who asks about a command line wants every option
/// reviewed; a text with no run command is an error.
pub fn scan_docker_run(path: &Arc<str>, text: &str, settings: &Settings) -> FileScan {
    let mut commands = run_commands(text, FILE_START);
    if commands.is_empty() {
        return FileScan {
            errors: vec![Diagnostic::file(
                path,
                "no `docker run`, `docker create` or `podman run` command found; give the whole command line, \
                 starting with `docker run`",
            )],
            ..FileScan::default()
        };
    }
    for command in &mut commands {
        command.long_lived = true;
    }
    finish(path, text, settings, &commands, FileScan::default())
}

fn finish(
    path: &Arc<str>,
    text: &str,
    settings: &Settings,
    commands: &[RunCommand],
    mut scan: FileScan,
) -> FileScan {
    scan.objects += commands.len();
    let mut sink = Sink {
        settings,
        path,
        object: None,
        findings: &mut scan.findings,
    };
    check(commands, &mut sink);
    scan.suppressions.extend(suppress::inline(path, text));
    scan
}

/// The run commands of one YAML scalar holding a shell script, with positions in the file.
fn scalar_commands(source: &str, lines: &Lines<'_>, node: &Node) -> Vec<RunCommand> {
    let (Some(scalar), Some(raw)) = (node.scalar(), node.raw(source)) else {
        return Vec::new();
    };
    let value = scalar.text.as_str();
    if !value.contains("run") && !value.contains("create") {
        return Vec::new();
    }
    let map = locate::align(value, raw, node.span.start.offset, scalar.style);
    command::parse(value, false, &|offset| {
        lines.mark(map[offset.min(map.len() - 1)], FILE_START)
    })
}

/// The `options` of a GitHub Actions job container or service container (`docker create`
/// options), as a `docker create` of its image. Those containers live as long as the job, so
/// they are not checked as services: only what the options do is reported.
fn container_options(source: &str, lines: &Lines<'_>, options: &Node, image: &str) -> Vec<RunCommand> {
    const PREFIX: &str = "docker create ";
    let (Some(scalar), Some(raw)) = (options.scalar(), options.raw(source)) else {
        return Vec::new();
    };
    // The image is quoted so that nothing in it is read as shell.
    let text = format!("{PREFIX}{} '{}'", scalar.text, image.replace('\'', ""));
    let map = locate::align(&scalar.text, raw, options.span.start.offset, scalar.style);
    let start = options.span.start.offset;
    let end = map.last().copied().unwrap_or(start);
    let mut commands = command::parse(&text, false, &|offset| {
        let file_offset = match offset.checked_sub(PREFIX.len()) {
            None => start,
            Some(i) => map.get(i).copied().unwrap_or(end),
        };
        lines.mark(file_offset, FILE_START)
    });
    for command in &mut commands {
        command.long_lived = false;
    }
    commands
}

/// `jobs.<id>.container` and `jobs.<id>.services.<name>` with `options`, and their image.
fn github_containers(root: &Node) -> Vec<(&Node, &str)> {
    let mut out = Vec::new();
    let Some(jobs) = root.get("jobs").and_then(Node::as_map) else {
        return out;
    };
    for (_, job) in jobs {
        let services = job.get("services").and_then(Node::as_map).unwrap_or_default();
        for container in job
            .get("container")
            .into_iter()
            .chain(services.iter().map(|(_, s)| s))
        {
            let options = container.get("options").filter(|o| o.scalar().is_some());
            let image = container.get("image").and_then(Node::as_text).unwrap_or("?");
            if let Some(options) = options {
                out.push((options, image));
            }
        }
    }
    out
}

/// `jobs.<id>.steps[*].run` of a GitHub Actions workflow.
fn github_scripts<'a>(root: &'a Node, out: &mut Vec<&'a Node>) {
    let Some(jobs) = root.get("jobs").and_then(Node::as_map) else {
        return;
    };
    for (_, job) in jobs {
        for step in job.get("steps").and_then(Node::as_seq).unwrap_or_default() {
            if let Some(run) = step.get("run").filter(|r| r.scalar().is_some()) {
                out.push(run);
            }
        }
    }
}

/// `script`, `before_script` and `after_script` of every GitLab job (and of `default`, and the
/// old top-level ones): a string or a list of strings, lists nested at most once more.
fn gitlab_scripts<'a>(root: &'a Node, out: &mut Vec<&'a Node>) {
    const KEYS: [&str; 3] = ["script", "before_script", "after_script"];
    let Some(entries) = root.as_map() else { return };
    let mut holders = vec![root];
    holders.extend(entries.iter().map(|(_, v)| v).filter(|v| v.as_map().is_some()));
    for holder in holders {
        for key in KEYS {
            let Some(script) = holder.get(key) else { continue };
            match &script.value {
                Value::Scalar(_) => out.push(script),
                Value::Seq(items) => {
                    for item in items {
                        match &item.value {
                            Value::Scalar(_) => out.push(item),
                            Value::Seq(inner) => out.extend(inner.iter().filter(|n| n.scalar().is_some())),
                            Value::Map(_) => {}
                        }
                    }
                }
                Value::Map(_) => {}
            }
        }
    }
}
