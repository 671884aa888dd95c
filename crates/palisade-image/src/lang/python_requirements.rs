//! pip requirements files (`requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`):
//! the pinned lines only.
//!
//! A requirement is a package at a known version only when it is pinned exactly: `name==1.2.3`
//! or `name===1.2.3` (PEP 440 arbitrary equality), alone (`name>=1,==1.2` is a range, `==1.*`
//! a prefix). Everything else says what may be installed, not what is, and is not reported.
//!
//! Understood: comments (`#` at a line start or after whitespace, so `#egg=` in URLs stays),
//! line continuations (`\` at the end), extras (`name[socks]==1`), environment markers
//! (`; python_version < "3.8"`), per-requirement options (`--hash=sha256:…`). Skipped: option
//! lines (`-r other.txt`, `-c constraints.txt`, `-e ./src`, `--index-url …`), URL and path
//! requirements (`name @ https://…`, `./wheel.whl`). `-r`/`-c` includes are not followed: a
//! cataloger sees one file of a stream, and the included file is cataloged on its own when its
//! name matches.

use palisade_core::PackageKind;

use super::{LOCKFILE_MAX, file_name, package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct PythonRequirements;

impl Cataloger for PythonRequirements {
    fn name(&self) -> &'static str {
        "python-requirements"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        let name = file_name(path);
        name.contains("requirements")
            && name
                .rsplit_once('.')
                .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("txt"))
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let text = String::from_utf8_lossy(&bytes);
        for (name, version) in pins(&text) {
            push(
                out,
                package(
                    PackageKind::Python,
                    &name,
                    &version,
                    Vec::new(),
                    file.origin(),
                    self.name(),
                ),
            );
        }
        Ok(())
    }
}

/// Every exactly pinned `(name, version)` of a requirements file, in order.
pub(crate) fn pins(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut logical = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let line = strip_comment(line.strip_suffix('\r').unwrap_or(line));
        if let Some(head) = line.strip_suffix('\\') {
            logical.push_str(head);
            logical.push(' ');
            if lines.peek().is_some() {
                continue;
            }
        } else {
            logical.push_str(line);
        }
        if let Some((name, version)) = pin(&logical) {
            out.push((name.to_owned(), version.to_owned()));
        }
        logical.clear();
    }
    out
}

fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// The `(name, version)` of one logical line if it is an exact pin.
fn pin(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('-') {
        return None;
    }
    // Per-requirement options (`--hash=…`, `--config-settings …`) and the marker go.
    let line = line.split(" --").next().unwrap_or(line);
    let line = line.split(';').next().unwrap_or(line).trim();
    let name_end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(line.len());
    let name = &line[..name_end];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let mut rest = line[name_end..].trim_start();
    if let Some(after) = rest.strip_prefix('[') {
        rest = after.split_once(']')?.1.trim_start();
    }
    // `name (==1.0)` is an old but valid form.
    let rest = rest
        .strip_prefix('(')
        .and_then(|r| r.trim_end().strip_suffix(')'))
        .unwrap_or(rest)
        .trim();
    if rest.contains(',') {
        return None;
    }
    let version = rest
        .strip_prefix("===")
        .or_else(|| rest.strip_prefix("=="))?
        .trim();
    let valid = !version.is_empty()
        && !version.contains('*')
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '!'));
    valid.then_some((name, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_pins_are_packages() {
        let text = "\
# tools
-r base.txt
-c constraints.txt
--index-url https://pypi.example.com/simple
-e git+https://github.com/org/repo.git#egg=repo
requests[socks,security]==2.31.0 ; python_version >= \"3.8\"  # http
urllib3===1.26.18
Django>=4.2,<5
flask ==3.0.0 \\
    --hash=sha256:aaaa \\
    --hash=sha256:bbbb
numpy==1.*
pytz (==2024.1)
attrs==23.2.0#not-a-comment-without-space
six @ https://files.example.com/six-1.16.0-py2.py3-none-any.whl
./local.whl
Jinja2 == 3.1.4
";
        let pins = pins(text);
        let pins: Vec<(&str, &str)> = pins.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert_eq!(
            pins,
            [
                ("requests", "2.31.0"),
                ("urllib3", "1.26.18"),
                ("flask", "3.0.0"),
                ("pytz", "2024.1"),
                ("Jinja2", "3.1.4"),
            ]
        );
    }

    #[test]
    fn a_continuation_on_the_last_line_still_ends_the_requirement() {
        assert_eq!(pins("a==1 \\"), [("a".to_owned(), "1".to_owned())]);
    }

    #[test]
    fn file_names_it_reads() {
        let c = PythonRequirements;
        assert!(c.wants("/app/requirements.txt"));
        assert!(c.wants("/app/requirements-dev.txt"));
        assert!(c.wants("/app/dev-requirements.txt"));
        assert!(!c.wants("/app/requirements.in"));
    }
}
