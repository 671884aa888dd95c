//! The distribution of an image or root filesystem: `os-release` (systemd's format, read with
//! its quoting and escapes), and for images too old to have one, `lsb-release`,
//! `redhat-release`/`centos-release`, `alpine-release` and `debian_version`.
//!
//! Each file gives its own [`Distro`]; when several are present the inventory keeps the one whose
//! file ranks first in [`distro_precedence`].

use palisade_core::Distro;

use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

/// Release files are a few hundred bytes; anything larger is not one.
const MAX_SIZE: u64 = 64 * 1024;

/// The files read, best first.
const FILES: &[&str] = &[
    "/etc/os-release",
    "/usr/lib/os-release",
    "/etc/lsb-release",
    "/etc/redhat-release",
    "/etc/centos-release",
    "/etc/alpine-release",
    "/etc/debian_version",
];

/// How much the distribution read from `path` is trusted when several release files are present
/// (the inventory keeps the best): lower is better; none for a path that is not a release file.
pub(crate) fn distro_precedence(path: &str) -> Option<usize> {
    FILES.iter().position(|f| *f == path)
}

pub(crate) struct OsRelease;

impl Cataloger for OsRelease {
    fn name(&self) -> &'static str {
        "os-release"
    }

    fn scope(&self) -> Scope {
        Scope::Installed
    }

    fn wants(&self, path: &str) -> bool {
        (path.starts_with("/etc/") || path.starts_with("/usr/lib/")) && distro_precedence(path).is_some()
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let path = file.path().clone();
        let bytes = file.read_to_end(MAX_SIZE)?;
        let text = String::from_utf8_lossy(&bytes);
        let distro = match &*path {
            "/etc/os-release" | "/usr/lib/os-release" => parse_os_release(&text),
            "/etc/lsb-release" => parse_lsb_release(&text),
            "/etc/redhat-release" | "/etc/centos-release" => parse_redhat_release(&text),
            "/etc/alpine-release" => parse_single_version("alpine", &text),
            "/etc/debian_version" => parse_debian_version(&text),
            _ => return Ok(()),
        };
        match distro {
            Some(distro) => {
                out.push(Found::Distro(distro));
                Ok(())
            }
            None => Err(CatalogError::Malformed(
                "no distribution id in the release file".into(),
            )),
        }
    }
}

/// `KEY=value` assignments of an os-release or lsb-release file, values unquoted.
fn assignments(text: &str) -> impl Iterator<Item = (&str, String)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (key, value) = line.split_once('=')?;
        let key = key.trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        Some((key, unquote(value.trim())))
    })
}

/// A value as a shell reads one word: `'…'` literally, `"…"` with `\"`, `\\`, `\$` and `` \` ``
/// escaped, and outside quotes a backslash escapes the next character (os-release(5)). Text
/// after the closing quote is joined on, as the shell would; an unclosed quote runs to the end.
fn unquote(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    out.push(c);
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => out.push(e),
                            Some(other) => {
                                out.push('\\');
                                out.push(other);
                            }
                            None => out.push('\\'),
                        },
                        c => out.push(c),
                    }
                }
            }
            '\\' => {
                if let Some(e) = chars.next() {
                    out.push(e);
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

pub(crate) fn parse_os_release(text: &str) -> Option<Distro> {
    let mut distro = Distro::default();
    let mut name = None;
    for (key, value) in assignments(text) {
        match key {
            "ID" => distro.id = value.trim().to_ascii_lowercase(),
            "VERSION_ID" => distro.version_id = non_empty(&value),
            "VERSION_CODENAME" => distro.codename = non_empty(&value),
            "PRETTY_NAME" => distro.pretty_name = non_empty(&value),
            "NAME" => name = non_empty(&value),
            "ID_LIKE" => {
                distro.id_like = value.split_whitespace().map(str::to_ascii_lowercase).collect();
            }
            _ => {}
        }
    }
    if distro.id.is_empty() {
        // os-release(5): ID defaults to "linux"; a file with a NAME but no ID is still an
        // os-release file, just not one that names a known distribution.
        name.as_ref()?;
        "linux".clone_into(&mut distro.id);
    }
    if distro.pretty_name.is_none() {
        distro.pretty_name = name;
    }
    Some(distro)
}

fn parse_lsb_release(text: &str) -> Option<Distro> {
    let mut distro = Distro::default();
    for (key, value) in assignments(text) {
        match key {
            "DISTRIB_ID" => distro.id = value.trim().to_ascii_lowercase().replace(' ', ""),
            "DISTRIB_RELEASE" => distro.version_id = non_empty(&value),
            "DISTRIB_CODENAME" => distro.codename = non_empty(&value),
            "DISTRIB_DESCRIPTION" => distro.pretty_name = non_empty(&value),
            _ => {}
        }
    }
    (!distro.id.is_empty()).then_some(distro)
}

/// The product names of `redhat-release` files and the os-release ids they stand for.
const PRODUCTS: &[(&str, &str)] = &[
    ("red hat", "rhel"),
    ("centos stream", "centos"),
    ("centos", "centos"),
    ("fedora", "fedora"),
    ("rocky", "rocky"),
    ("almalinux", "almalinux"),
    ("oracle", "ol"),
    ("amazon linux", "amzn"),
    ("scientific linux", "scientific"),
    ("cloudlinux", "cloudlinux"),
];

/// `CentOS Linux release 7.9.2009 (Core)`, `Red Hat Enterprise Linux Server release 6.10
/// (Santiago)`, `Fedora release 20 (Heisenbug)`: the id from the product name, the version after
/// `release`, the codename in brackets.
fn parse_redhat_release(text: &str) -> Option<Distro> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let lower = line.to_ascii_lowercase();
    let id = PRODUCTS
        .iter()
        .find(|(product, _)| lower.starts_with(product))
        .map_or_else(
            || lower.split_whitespace().next().unwrap_or_default().to_owned(),
            |(_, id)| (*id).to_owned(),
        );
    if id.is_empty() {
        return None;
    }
    let mut words = line.split_whitespace();
    let version_id = words
        .by_ref()
        .find(|w| w.eq_ignore_ascii_case("release"))
        .and_then(|_| words.next())
        .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        .map(str::to_owned);
    let codename = line
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(c, _)| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    Some(Distro {
        id,
        version_id,
        codename,
        pretty_name: Some(line.to_owned()),
        id_like: Vec::new(),
    })
}

fn parse_single_version(id: &str, text: &str) -> Option<Distro> {
    let version = text.lines().next()?.trim();
    (!version.is_empty() && version.len() <= 64).then(|| Distro {
        id: id.to_owned(),
        version_id: Some(version.to_owned()),
        ..Distro::default()
    })
}

/// `12.5` on a release; `trixie/sid` on testing and unstable, which have no version number.
fn parse_debian_version(text: &str) -> Option<Distro> {
    let mut distro = parse_single_version("debian", text)?;
    let value = distro.version_id.take().unwrap_or_default();
    if value.starts_with(|c: char| c.is_ascii_digit()) {
        distro.version_id = Some(value);
    } else {
        distro.codename = value.split('/').next().map(str::to_owned);
    }
    Some(distro)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_release_values_are_read_as_the_shell_reads_them() {
        let d = parse_os_release(
            "# comment\nNAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n\
             VERSION_CODENAME=bookworm\nPRETTY_NAME='Debian GNU/Linux 12 (bookworm)'\n\
             ID_LIKE=\"rhel centos Fedora\"\n",
        )
        .unwrap();
        assert_eq!(d.id, "debian");
        assert_eq!(d.version_id.as_deref(), Some("12"));
        assert_eq!(d.codename.as_deref(), Some("bookworm"));
        assert_eq!(d.pretty_name.as_deref(), Some("Debian GNU/Linux 12 (bookworm)"));
        assert_eq!(d.id_like, ["rhel", "centos", "fedora"]);
        assert_eq!(unquote(r#""a \"b\" \$c \\ \`d\` \n""#), r#"a "b" $c \ `d` \n"#);
        assert_eq!(unquote(r"Foo\ Bar"), "Foo Bar");
        assert_eq!(unquote(r#""x"'y'z"#), "xyz");
        assert_eq!(unquote("\"unclosed"), "unclosed");
        assert!(parse_os_release("just text\n").is_none());
        assert_eq!(parse_os_release("NAME=Thing\n").unwrap().id, "linux");
    }

    #[test]
    fn old_release_files_name_the_distribution() {
        let d = parse_redhat_release("CentOS Linux release 7.9.2009 (Core)\n").unwrap();
        assert_eq!(
            (d.id.as_str(), d.version_id.as_deref(), d.codename.as_deref()),
            ("centos", Some("7.9.2009"), Some("Core"))
        );
        let d = parse_redhat_release("Red Hat Enterprise Linux Server release 6.10 (Santiago)").unwrap();
        assert_eq!((d.id.as_str(), d.version_id.as_deref()), ("rhel", Some("6.10")));
        let d = parse_redhat_release("Amazon Linux release 2 (Karoo)").unwrap();
        assert_eq!((d.id.as_str(), d.version_id.as_deref()), ("amzn", Some("2")));
        let d = parse_lsb_release(
            "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\nDISTRIB_CODENAME=trusty\n\
             DISTRIB_DESCRIPTION=\"Ubuntu 14.04.6 LTS\"\n",
        )
        .unwrap();
        assert_eq!(d.osv_ecosystem().as_deref(), Some("Ubuntu:14.04:LTS"));
        assert_eq!(d.pretty_name.as_deref(), Some("Ubuntu 14.04.6 LTS"));
        let d = parse_single_version("alpine", "3.20.3\n").unwrap();
        assert_eq!(d.osv_ecosystem().as_deref(), Some("Alpine:v3.20"));
        let d = parse_debian_version("trixie/sid\n").unwrap();
        assert_eq!((d.version_id, d.codename.as_deref()), (None, Some("trixie")));
        assert_eq!(
            parse_debian_version("9.13\n").unwrap().osv_ecosystem().as_deref(),
            Some("Debian:9")
        );
        assert!(distro_precedence("/etc/os-release") < distro_precedence("/etc/debian_version"));
    }
}
