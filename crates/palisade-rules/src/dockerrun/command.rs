//! From the words of a shell text to the `docker run` / `podman run` / `docker create`
//! commands in it: the prefixes a command may carry (`sudo`, `env`, assignments, Make's `@`),
//! the engine and its global options, the subcommand, and the options up to the image name.
//! Words after the image are the container's own command and are not read.

use palisade_yaml::{Mark, Span};

use super::flags::{self, Flag};
use super::shell::{self, Token, Word};
use super::syntax::go_bool;

/// One `docker run` (or `create`) invocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RunCommand {
    /// The engine word as written: `docker`, `/usr/bin/podman`, `$(DOCKER)`.
    pub(crate) engine: String,
    /// `create` rather than `run`.
    pub(crate) create: bool,
    /// From the engine word to the subcommand: where findings about a missing option point.
    pub(crate) head: Span,
    pub(crate) options: Vec<Opt>,
    pub(crate) image: Option<Arg>,
    /// A word among the options may expand to more options (`$DOCKER_OPTS`, `"$@"`), so an
    /// option that seems missing may be there at run time.
    pub(crate) open_ended: bool,
    /// Whether the container is meant to keep running: started detached (`-d`), with a restart
    /// policy, or created for later (`docker create`). Other commands run a one-off task and end.
    pub(crate) long_lived: bool,
}

/// One option of the command, with its value if it takes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Opt {
    /// The canonical long name (`volume` for `-v`, `network` for `--net`); `None` for options
    /// palisade does not know.
    pub(crate) flag: Option<&'static Flag>,
    /// The option as written, without its value: `-v`, `--volume`, `-it`.
    pub(crate) written: String,
    pub(crate) value: Option<Arg>,
    /// From the option to the end of its value.
    pub(crate) span: Span,
}

impl Opt {
    pub(crate) fn is(&self, long: &str) -> bool {
        self.flag.is_some_and(|f| f.long == long)
    }

    /// Whether a switch is on: `--rm`, `--rm=true`; not `--rm=false`.
    pub(crate) fn enabled(&self) -> bool {
        self.value
            .as_ref()
            .is_none_or(|v| go_bool(&v.text) != Some(false))
    }
}

/// A value or the image: its text after quote removal, where it is, and whether the shell
/// would change it (`$VAR`, `$(…)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Arg {
    pub(crate) text: String,
    pub(crate) span: Span,
    pub(crate) expansion: bool,
}

impl RunCommand {
    /// The options called `long` (whatever spelling was used).
    pub(crate) fn options_named<'a>(&'a self, long: &'a str) -> impl Iterator<Item = &'a Opt> + 'a {
        self.options.iter().filter(move |o| o.is(long))
    }

    /// Whether a switch called `long` is on.
    pub(crate) fn has(&self, long: &str) -> bool {
        self.options_named(long).any(Opt::enabled)
    }

    /// The values given to options called `long`, in order.
    pub(crate) fn values<'a>(&'a self, long: &'a str) -> impl Iterator<Item = (&'a Opt, &'a Arg)> + 'a {
        self.options_named(long)
            .filter_map(|o| o.value.as_ref().map(|v| (o, v)))
    }

    /// What the image is called in messages.
    pub(crate) fn image_name(&self) -> &str {
        self.image.as_ref().map_or("?", |i| i.text.as_str())
    }
}

/// Every run command in `text`; `locate` turns a byte offset of `text` into a position in the
/// file.
pub(crate) fn parse(text: &str, make: bool, locate: &dyn Fn(usize) -> Mark) -> Vec<RunCommand> {
    if !text.contains("run") && !text.contains("create") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut pending = vec![shell::tokens(text, make)];
    // Scripts in quoted words are read too, a few levels deep (`ssh host "sh -c '…'"`).
    for _ in 0..=MAX_QUOTED_DEPTH {
        let mut inner = Vec::new();
        for tokens in pending {
            let mut words: Vec<&Word> = Vec::new();
            for token in &tokens {
                match token {
                    Token::Word(w) => words.push(w),
                    Token::Break => {
                        if let Some(command) = run_command(text, &words, locate) {
                            out.push(command);
                        }
                        for (start, end) in quoted_scripts(text, &words) {
                            inner.push(shell::tokens_in(text, start, end, false));
                        }
                        words.clear();
                    }
                }
            }
        }
        pending = inner;
    }
    out
}

/// Quoted scripts are read this many levels deep.
const MAX_QUOTED_DEPTH: usize = 3;

/// Shells whose `-c` takes a script.
const SHELLS: &[&str] = &["sh", "bash", "zsh", "dash", "ash", "ksh"];

/// The inside of the quoted words of a command that are scripts run by another program: the
/// argument of `sh -c`/`bash -lc`/`su -c` (wherever that shell is in the command, as in
/// `docker exec ctr sh -c '…'`), and the quoted arguments of `ssh` and `eval`. Only words that are
/// one quoted string with nothing to unescape count, so offsets inside them are the file's.
fn quoted_scripts(text: &str, words: &[&Word]) -> Vec<(usize, usize)> {
    let plain_quoted = |w: &Word| {
        let raw = text.get(w.start..w.end).unwrap_or_default();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
        raw.len() >= 2
            && ((raw.starts_with('\'') && raw.ends_with('\'') && !inner.contains('\''))
                || (raw.starts_with('"') && raw.ends_with('"') && inner == w.text))
            && (inner.contains(" run") || inner.contains(" create"))
    };
    let mut out = Vec::new();
    let first = skip_prefixes(words);
    let command = words.get(first).map(|w| base_name(&w.text));
    if matches!(command, Some("ssh" | "eval")) {
        out.extend(
            words[first + 1..]
                .iter()
                .filter(|w| plain_quoted(w))
                .map(|w| (w.start + 1, w.end - 1)),
        );
        return out;
    }
    for window in words.windows(3) {
        let (program, flag, script) = (window[0], window[1], window[2]);
        let runs_script = SHELLS.contains(&base_name(&program.text)) || program.text == "su";
        let dash_c = flag.text.starts_with('-') && !flag.text.starts_with("--") && flag.text.ends_with('c');
        if runs_script && dash_c && plain_quoted(script) {
            out.push((script.start + 1, script.end - 1));
        }
    }
    out
}

fn base_name(text: &str) -> &str {
    text.rsplit(['/', '\\']).next().unwrap_or(text)
}

/// The run command of one simple command, if it is one.
fn run_command(text: &str, words: &[&Word], locate: &dyn Fn(usize) -> Mark) -> Option<RunCommand> {
    let mut i = skip_prefixes(words);
    let engine_word = words.get(i)?;
    if !is_engine(engine_word) {
        return None;
    }
    i += 1;
    // Global options of the engine (`docker -H tcp://… run`).
    while let Some(w) = words.get(i) {
        if !w.text.starts_with('-') {
            break;
        }
        i += if !w.text.contains('=') && flags::global_takes_value(&w.text) {
            2
        } else {
            1
        };
    }
    let mut sub = words.get(i)?;
    if sub.text == "container" {
        i += 1;
        sub = words.get(i)?;
    }
    let create = match sub.text.as_str() {
        "run" => false,
        "create" => true,
        _ => return None,
    };
    i += 1;
    let head = Span {
        start: locate(engine_word.start),
        end: locate(sub.end),
    };
    let mut command = RunCommand {
        engine: engine_word.text.clone(),
        create,
        head,
        options: Vec::new(),
        image: None,
        open_ended: false,
        long_lived: create,
    };
    let mut last_split = None;
    while let Some(w) = words.get(i) {
        let t = w.text.as_str();
        if w.splits {
            if names_an_image(t) {
                command.image = Some(arg(w, locate));
                break;
            }
            command.open_ended = true;
            last_split = Some(*w);
            i += 1;
            continue;
        }
        if t == "--" {
            command.image = words.get(i + 1).map(|w| arg(w, locate));
            break;
        }
        if let Some(rest) = t.strip_prefix("--") {
            let (name, attached) = match rest.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (rest, None),
            };
            let flag = flags::long(name);
            let value = match attached {
                Some(v) => Some(attached_arg(text, w, t.len() - v.len(), v, locate)),
                None if flag.is_some_and(|f| f.takes_value) => {
                    i += 1;
                    words.get(i).map(|w| arg(w, locate))
                }
                None => None,
            };
            command
                .options
                .push(option(flag, format!("--{name}"), value, w, locate));
            i += 1;
            continue;
        }
        if t.len() > 1 && t.starts_with('-') {
            i = short_group(text, words, i, &mut command, locate);
            continue;
        }
        command.image = Some(arg(w, locate));
        break;
    }
    if command.image.is_none() {
        command.image = last_split.map(|w| arg(w, locate));
    }
    command.long_lived |= command.has("detach")
        || command
            .values("restart")
            .any(|(_, v)| !v.text.is_empty() && v.text != "no");
    Some(command)
}

/// Reads a group of one-letter options (`-it`, `-p80:80`, `-dp 80:80`) at `words[i]`; returns
/// the index of the next word to read.
fn short_group(
    text: &str,
    words: &[&Word],
    mut i: usize,
    command: &mut RunCommand,
    locate: &dyn Fn(usize) -> Mark,
) -> usize {
    let w = words[i];
    let t = w.text.as_str();
    for (k, c) in t.char_indices().skip(1) {
        let flag = flags::short_flag(c);
        if flag.is_some_and(|f| f.takes_value) {
            let rest = &t[k + c.len_utf8()..];
            let value = if rest.is_empty() {
                i += 1;
                words.get(i).map(|v| arg(v, locate))
            } else {
                let v = rest.strip_prefix('=').unwrap_or(rest);
                Some(attached_arg(text, w, t.len() - v.len(), v, locate))
            };
            command
                .options
                .push(option(flag, format!("-{c}"), value, w, locate));
            return i + 1;
        }
        command
            .options
            .push(option(flag, format!("-{c}"), None, w, locate));
    }
    i + 1
}

fn option(
    flag: Option<&'static Flag>,
    written: String,
    value: Option<Arg>,
    word: &Word,
    locate: &dyn Fn(usize) -> Mark,
) -> Opt {
    let start = locate(word.start);
    let end = value
        .as_ref()
        .map_or_else(|| locate(word.end), |v| v.span.end.max(locate(word.end)));
    Opt {
        flag,
        written,
        value,
        span: Span { start, end },
    }
}

fn arg(w: &Word, locate: &dyn Fn(usize) -> Mark) -> Arg {
    Arg {
        text: w.text.clone(),
        span: Span {
            start: locate(w.start),
            end: locate(w.end),
        },
        expansion: w.expansion,
    }
}

/// The value written in the same word as its option (`--env=A=b`, `-p80:80`): `skip` bytes of
/// the word's text come before it. When the word was written plainly up to the value, the
/// value's own position is known; otherwise the word's is used.
fn attached_arg(text: &str, w: &Word, skip: usize, value: &str, locate: &dyn Fn(usize) -> Mark) -> Arg {
    let raw = text.get(w.start..w.end).unwrap_or_default();
    let prefix = &w.text[..skip.min(w.text.len())];
    let start = if raw.starts_with(prefix) {
        w.start + prefix.len()
    } else {
        w.start
    };
    Arg {
        text: value.to_owned(),
        span: Span {
            start: locate(start),
            end: locate(w.end),
        },
        expansion: w.expansion,
    }
}

/// Skips what may come before the command word: variable assignments, `sudo` and `env` with
/// their options, `exec`, `nohup`, `time`, `nice`, `timeout`, and the shell's reserved words.
fn skip_prefixes(words: &[&Word]) -> usize {
    let mut i = 0;
    while let Some(w) = words.get(i) {
        let t = w.text.as_str();
        if !w.quoted && is_assignment(t) {
            i += 1;
            continue;
        }
        if w.quoted {
            break;
        }
        match t {
            "sudo" | "doas" => {
                i += 1;
                i = skip_options(
                    words,
                    i,
                    &[
                        "-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "--user", "--group",
                        "--host", "--prompt", "--chdir",
                    ],
                );
            }
            "env" => {
                i += 1;
                loop {
                    i = skip_options(
                        words,
                        i,
                        &["-u", "--unset", "-C", "--chdir", "-S", "--split-string"],
                    );
                    match words.get(i) {
                        Some(w) if is_assignment(&w.text) => i += 1,
                        _ => break,
                    }
                }
            }
            "nice" => {
                i += 1;
                i = skip_options(words, i, &["-n", "--adjustment"]);
            }
            "timeout" => {
                i += 1;
                i = skip_options(words, i, &["-s", "--signal", "-k", "--kill-after"]);
                i += 1; // the duration
            }
            "exec" | "nohup" | "command" | "builtin" | "time" | "then" | "do" | "else" | "elif" | "if"
            | "while" | "until" | "!" | "{" | "}" => i += 1,
            _ => break,
        }
    }
    i
}

/// Skips options at `words[i..]`; those in `with_value` take the next word too. `--` ends them.
fn skip_options(words: &[&Word], mut i: usize, with_value: &[&str]) -> usize {
    while let Some(w) = words.get(i) {
        let t = w.text.as_str();
        if t == "--" {
            return i + 1;
        }
        if !t.starts_with('-') || t == "-" {
            break;
        }
        i += if with_value.contains(&t) { 2 } else { 1 };
    }
    i
}

/// `NAME=value`.
fn is_assignment(text: &str) -> bool {
    let Some((name, _)) = text.split_once('=') else {
        return false;
    };
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// A command word that runs a container engine: `docker`, `podman`, `nerdctl` (by path too,
/// and with Make's `@`, `-`, `+` prefixes), or a variable named for one (`$(DOCKER)`,
/// `${CONTAINER_ENGINE}`).
fn is_engine(w: &Word) -> bool {
    let text = w.text.trim_start_matches(['@', '-', '+']);
    if w.expansion {
        return variable_name(text).is_some_and(|name| {
            let name = name.to_ascii_uppercase();
            !name.contains("COMPOSE")
                && (name.contains("DOCKER")
                    || name.contains("PODMAN")
                    || name.contains("NERDCTL")
                    || matches!(
                        name.as_str(),
                        "CONTAINER_ENGINE"
                            | "CONTAINER_RUNTIME"
                            | "CONTAINER_CLI"
                            | "CONTAINER_TOOL"
                            | "CONTAINER_CMD"
                            | "CONTAINER_BIN"
                            | "OCI_BIN"
                            | "ENGINE"
                    ))
        });
    }
    let base = base_name(text);
    let base = base.strip_suffix(".exe").unwrap_or(base);
    matches!(base, "docker" | "podman" | "nerdctl")
}

/// The name of a variable written alone: `$X`, `${X}`, `${X:-docker}`, `$(X)` (Make).
fn variable_name(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('$')?;
    let (inner, close) = if let Some(r) = rest.strip_prefix('{') {
        (r, Some('}'))
    } else if let Some(r) = rest.strip_prefix('(') {
        (r, Some(')'))
    } else {
        (rest, None)
    };
    let end = inner
        .find(|c: char| !(c == '_' || c.is_ascii_alphanumeric()))
        .unwrap_or(inner.len());
    let (name, tail) = inner.split_at(end);
    let whole = match close {
        None => tail.is_empty(),
        Some(c) => tail.ends_with(c) && (tail.len() == 1 || tail.starts_with(":-") || tail.starts_with('-')),
    };
    (whole && !name.is_empty()).then_some(name)
}

/// A variable whose name says it holds the image (`$IMAGE`, `${APP_IMG}`, `$REPO:$TAG`).
fn names_an_image(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    ["IMAGE", "IMG", "REPO", "TAG"].iter().any(|w| upper.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> impl Fn(usize) -> Mark + '_ {
        |offset| Mark {
            line: 1,
            column: u32::try_from(text[..offset].chars().count() + 1).unwrap(),
            offset,
        }
    }

    fn one(text: &str) -> RunCommand {
        let mut all = parse(text, false, &at(text));
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    fn names(c: &RunCommand) -> Vec<String> {
        c.options
            .iter()
            .map(|o| {
                let name = o.flag.map_or(o.written.as_str(), |f| f.long);
                match &o.value {
                    Some(v) => format!("{name}={}", v.text),
                    None => name.to_owned(),
                }
            })
            .collect()
    }

    #[test]
    fn the_seed_commands() {
        let c = one("docker run -d --privileged \\\n  -v /:/host \\\n  myapp:latest");
        assert_eq!(names(&c), ["detach", "privileged", "volume=/:/host"]);
        assert_eq!(c.image_name(), "myapp:latest");
        assert!(c.long_lived && !c.open_ended);
        let c = one(
            "docker run -d --name myapp --user 1000:1000 --read-only --tmpfs /tmp \
             --security-opt=no-new-privileges --cap-drop ALL --cap-add NET_BIND_SERVICE \
             --memory=\"512m\" --cpus=\"1.0\" --network myapp-network -e SPRING_PROFILES_ACTIVE=prod myapp:1.0.0",
        );
        assert_eq!(c.image_name(), "myapp:1.0.0");
        assert!(c.has("read-only"));
        assert_eq!(c.values("memory").next().unwrap().1.text, "512m");
        assert_eq!(
            c.values("security-opt").next().unwrap().1.text,
            "no-new-privileges"
        );
    }

    #[test]
    fn short_groups_and_attached_values() {
        let text = "docker run -itp8080:80 -eA=b -v/a:/b --rm=false alpine sh -c 'docker run x'";
        // The container's command is not read as options (its script is a command of its own).
        let all = parse(text, false, &at(text));
        assert_eq!(all.len(), 2);
        assert!(all[1].options.is_empty());
        let c = all[0].clone();
        assert_eq!(
            names(&c),
            [
                "interactive",
                "tty",
                "publish=8080:80",
                "env=A=b",
                "volume=/a:/b",
                "rm=false"
            ]
        );
        assert!(!c.has("rm"));
        assert_eq!(c.image_name(), "alpine");
        let text = "docker run -p8080:80 x";
        let c = one(text);
        let v = c.options[0].value.as_ref().unwrap();
        assert_eq!(&text[v.span.start.offset..v.span.end.offset], "8080:80");
    }

    #[test]
    fn prefixes_engines_and_subcommands() {
        for text in [
            "sudo -E docker run --privileged x",
            "sudo -u root docker run --privileged x",
            "FOO=1 env -i BAR=2 docker run --privileged x",
            "@docker run --privileged x",
            "\t-$(DOCKER) run --privileged x",
            "\"${CONTAINER_ENGINE}\" run --privileged x",
            "/usr/bin/podman run --privileged x",
            "docker -H tcp://host:2376 --tls container run --privileged x",
            "podman --remote create --privileged x",
            "if docker run --privileged x; then echo; fi",
            "id=$(docker run -d --privileged x)",
            "nerdctl run --privileged x",
        ] {
            assert!(one(text).has("privileged"), "{text}");
        }
        for text in [
            "docker compose run --rm app",
            "docker-compose run app",
            "$(DOCKER_COMPOSE) run app",
            "echo docker run x",
            "docker ps",
            "docker exec x run",
            "# docker run --privileged x",
        ] {
            assert!(parse(text, false, &at(text)).is_empty(), "{text}");
        }
        assert!(one("docker create x").long_lived);
        assert!(one("docker run --restart unless-stopped x").long_lived);
        assert!(!one("docker run --restart=no x").long_lived);
        assert!(!one("docker run --rm x").long_lived);
    }

    #[test]
    fn scripts_in_quoted_words() {
        for text in [
            "ssh deploy@host \"docker run -d --privileged x\"",
            "sh -c 'docker run --rm --privileged x'",
            "sudo bash -lc \"sudo docker run --privileged x\"",
            "docker exec ci sh -c 'docker run --privileged x'",
            "ssh host \"sh -c 'docker run --privileged x'\"",
        ] {
            let c = one(text);
            assert!(c.has("privileged"), "{text}");
            let span = c.options[0].span;
            let privileged = c.options.iter().find(|o| o.is("privileged")).unwrap().span;
            assert!(
                text[privileged.start.offset..].starts_with("--privileged"),
                "{text}: {span:?}"
            );
        }
        for text in [
            "echo \"docker run --privileged x\"",
            "ssh host \"docker run -e A=\\\"b\\\" --privileged x\"",
            "sh -c \"$CMD\"",
        ] {
            assert!(parse(text, false, &at(text)).is_empty(), "{text}");
        }
    }

    #[test]
    fn open_ended_options_and_variable_images() {
        let c = one("docker run $DOCKER_OPTS --rm \"$IMAGE\" make test");
        assert!(c.open_ended);
        assert_eq!(c.image_name(), "$IMAGE");
        let c = one("docker run --rm $IMAGE_NAME");
        assert!(!c.open_ended);
        let c = one("docker run \"$@\"");
        assert!(c.open_ended);
        let c = one("docker run -v \"$(pwd)\":/src -w /src golang:1.22 go build");
        assert!(!c.open_ended);
        assert_eq!(c.values("volume").next().unwrap().1.text, "$(pwd):/src");
        assert_eq!(c.image_name(), "golang:1.22");
        let c = one("docker run -- img");
        assert_eq!(c.image_name(), "img");
    }
}
