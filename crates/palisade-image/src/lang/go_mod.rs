//! `go.mod`: the modules a Go module requires, after its `replace` and `exclude` directives.
//!
//! Follows Syft's go.mod cataloger: every `require` is a package (direct and `// indirect`
//! alike); a `replace` removes the module it replaces (whatever version it names) and adds its
//! replacement, even for a module the file does not require; an `exclude` removes the module.
//! Departure: a replacement by a local directory (`=> ./fork`) is not listed (Syft lists the
//! directory with the version `UNKNOWN`): it names no module that could be matched, its code is
//! in the scanned tree. `go.sum` is not read: it only adds hashes, which packages do not carry.

use std::collections::BTreeMap;

use palisade_core::PackageKind;

use super::{file_name, package, push, read_text};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) static GO_MOD: GoMod = GoMod;

pub(crate) struct GoMod;

impl Cataloger for GoMod {
    fn name(&self) -> &'static str {
        "go-mod"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        file_name(path) == "go.mod"
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let text = read_text(file)?;
        let directives = parse(&text)?;
        // Keyed by the module path the package is listed under, so that a replacement or an
        // exclusion finds it; listed in path order, as Syft lists them.
        let mut modules: BTreeMap<&str, &str> = BTreeMap::new();
        for d in &directives {
            if let Directive::Require { path, version } = d {
                modules.insert(path, version);
            }
        }
        for d in &directives {
            if let Directive::Replace { old, new, version } = d {
                modules.remove(old);
                if let Some(version) = version.filter(|_| !is_local(new)) {
                    modules.insert(new, version);
                }
            }
        }
        for d in &directives {
            if let Directive::Exclude { path } = d {
                modules.remove(path);
            }
        }
        for (path, version) in modules {
            push(
                out,
                package(
                    PackageKind::Go,
                    path,
                    version,
                    Vec::new(),
                    file.origin(),
                    self.name(),
                ),
            );
        }
        Ok(())
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Directive<'a> {
    Require {
        path: &'a str,
        version: &'a str,
    },
    Replace {
        old: &'a str,
        new: &'a str,
        version: Option<&'a str>,
    },
    Exclude {
        path: &'a str,
    },
}

/// Whether a replacement names a directory rather than a module (Go's own rule: a path
/// starting with `./`, `../` or `/`, or a Windows drive).
fn is_local(path: &str) -> bool {
    path.starts_with("./")
        || path.starts_with("../")
        || path.starts_with('/')
        || path == "."
        || path == ".."
        || path.as_bytes().get(1) == Some(&b':')
        || path.starts_with(".\\")
        || path.starts_with("..\\")
}

/// The `require`, `replace` and `exclude` directives of a go.mod file, single-line and in
/// blocks; the other verbs (`module`, `go`, `toolchain`, `retract`, `godebug`, `tool`) are
/// skipped.
fn parse(text: &str) -> Result<Vec<Directive<'_>>, CatalogError> {
    let mut out = Vec::new();
    let mut block: Option<&str> = None;
    for (number, line) in text.lines().enumerate() {
        let tokens = tokens(line);
        let Some(&first) = tokens.first() else { continue };
        let malformed =
            || CatalogError::Malformed(format!("line {}: cannot read `{}`", number + 1, line.trim()));
        if let Some(verb) = block {
            if first == ")" {
                block = None;
            } else {
                directive(verb, &tokens, &mut out).ok_or_else(malformed)?;
            }
            continue;
        }
        match tokens.get(1) {
            Some(&"(") => block = Some(first),
            _ => {
                if let Some(args) = tokens.get(1..).filter(|a| !a.is_empty()) {
                    directive(first, args, &mut out).ok_or_else(malformed)?;
                }
            }
        }
    }
    Ok(out)
}

/// One directive's arguments; `None` when a known verb has the wrong shape.
fn directive<'a>(verb: &str, args: &[&'a str], out: &mut Vec<Directive<'a>>) -> Option<()> {
    match verb {
        "require" => match args {
            [path, version, ..] => out.push(Directive::Require { path, version }),
            _ => return None,
        },
        "exclude" => match args {
            [path, _version, ..] => out.push(Directive::Exclude { path }),
            _ => return None,
        },
        "replace" => {
            let arrow = args.iter().position(|a| *a == "=>")?;
            let (old, new) = (args[..arrow].first()?, args.get(arrow + 1)?);
            out.push(Directive::Replace {
                old,
                new,
                version: args.get(arrow + 2).copied(),
            });
        }
        _ => {}
    }
    Some(())
}

/// The tokens of a line, without its `//` comment; quoted strings (`"…"` and `` `…` ``) lose
/// their quotes (module paths in go.mod may be quoted).
fn tokens(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with("//") {
            return out;
        }
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '`');
        if let Some(q) = quote {
            let inner = &rest[1..];
            let end = inner.find(q).unwrap_or(inner.len());
            out.push(&inner[..end]);
            rest = inner.get(end + 1..).unwrap_or("");
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '(' || c == ')')
                // `(` and `)` (one byte each) are tokens of their own.
                .map_or(rest.len(), |e| e.max(1));
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_into_tokens() {
        assert_eq!(tokens("require ( // deps"), ["require", "("]);
        assert_eq!(tokens("\t\"a b/c\" v1.0.0 // indirect"), ["a b/c", "v1.0.0"]);
        assert_eq!(tokens("require(x v1)"), ["require", "(", "x", "v1", ")"]);
        assert_eq!(tokens(")"), [")"]);
        assert!(tokens("// only").is_empty());
    }

    #[test]
    fn local_replacements_are_directories() {
        assert!(is_local("./x") && is_local("../x") && is_local("/x") && is_local("C:\\x"));
        assert!(!is_local("github.com/a/b") && !is_local("example.com/.x"));
    }
}
