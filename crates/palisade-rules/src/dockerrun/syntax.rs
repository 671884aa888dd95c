//! The small string syntaxes Docker gives its options, which Compose's short syntax copies:
//! volumes (`SRC:DST[:MODE]`), published ports (`[IP:][HOST:]CONTAINER[/PROTO]`), `--mount`
//! fields, security options, users and booleans. Compose's `${VAR:-default}` interpolation is
//! kept as text, and a `:` inside it never splits a field.

/// A volume in Docker's `-v` syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct VolumeSpec<'a> {
    /// The host path or volume name; `None` for an anonymous volume (`-v /data`).
    pub(crate) source: Option<&'a str>,
    pub(crate) target: &'a str,
    /// `ro`, `rw`, `z`, `Z`, propagation … as written, comma-separated.
    pub(crate) mode: Option<&'a str>,
}

impl VolumeSpec<'_> {
    pub(crate) fn read_only(&self) -> bool {
        self.mode
            .is_some_and(|m| m.split(',').any(|o| o == "ro" || o == "readonly"))
    }
}

/// Parses `[SOURCE:]TARGET[:MODE]`. A Windows drive (`C:\data`) stays one field.
pub(crate) fn volume(text: &str) -> Option<VolumeSpec<'_>> {
    let fields = split_fields(text, ':');
    let fields = join_drives(text, &fields);
    match fields.as_slice() {
        [] => None,
        [target] => Some(VolumeSpec {
            source: None,
            target,
            mode: None,
        }),
        [source, target] => Some(VolumeSpec {
            source: Some(source),
            target,
            mode: None,
        }),
        [source, target, rest @ ..] => {
            // The mode is everything after the target, `:` included.
            let start = offset_in(text, rest[0]);
            Some(VolumeSpec {
                source: Some(source),
                target,
                mode: Some(&text[start..]),
            })
        }
    }
}

/// What the source of a bind mount or volume is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source<'a> {
    /// An absolute host path, as written.
    HostPath(&'a str),
    /// A relative host path (`./data`, `~/cache`): the project's own files.
    RelativePath,
    /// A path built from variables (`$PWD/src`, `${DATA_DIR}`), unknown until run.
    Interpolated,
    /// A named volume that Docker manages.
    Named,
}

pub(crate) fn source_kind(source: &str) -> Source<'_> {
    if source.contains('$') || source.contains('`') {
        Source::Interpolated
    } else if source.starts_with('/') {
        Source::HostPath(source)
    } else if source.starts_with('.')
        || source.starts_with('~')
        || is_drive(source)
        || source.starts_with('\\')
    {
        Source::RelativePath
    } else {
        Source::Named
    }
}

fn is_drive(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 2
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b.len() == 2 || matches!(b[2], b'\\' | b'/'))
}

/// Fields split at `sep`, except inside `${…}`.
fn split_fields(text: &str, sep: char) -> Vec<&str> {
    let mut fields = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut prev = '\0';
    for (i, c) in text.char_indices() {
        match c {
            '{' if prev == '$' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if c == sep && depth == 0 => {
                fields.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
        prev = c;
    }
    fields.push(&text[start..]);
    fields
}

/// Joins a one-letter field with the next when they form a Windows drive path (`C` + `\data`).
fn join_drives<'a>(text: &'a str, fields: &[&'a str]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(fields.len());
    let mut i = 0;
    while i < fields.len() {
        let f = fields[i];
        let next = fields.get(i + 1);
        if f.len() == 1 && f.as_bytes()[0].is_ascii_alphabetic() && next.is_some_and(|n| n.starts_with('\\'))
        {
            let start = offset_in(text, f);
            let end = offset_in(text, next.unwrap_or(&f)) + next.map_or(0, |n| n.len());
            out.push(&text[start..end]);
            i += 2;
        } else {
            out.push(f);
            i += 1;
        }
    }
    out
}

/// The byte offset of `part`, a slice of `text`, in `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len())
}

/// A published port in Docker's `-p` syntax.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PortSpec<'a> {
    /// The host address, brackets removed; `None` when not written (all interfaces).
    pub(crate) host_ip: Option<&'a str>,
    /// The container port or range; `None` when it is not a number (a variable).
    pub(crate) container: Option<(u16, u16)>,
}

/// Parses `[[HOST_IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL]`, ranges allowed.
pub(crate) fn port(text: &str) -> Option<PortSpec<'_>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let without_proto = split_fields(text, '/')[0];
    if let Some(rest) = without_proto.strip_prefix('[') {
        let (ip, rest) = rest.split_once(']')?;
        let rest = rest.strip_prefix(':')?;
        let fields = split_fields(rest, ':');
        return Some(PortSpec {
            host_ip: Some(ip),
            container: port_range(fields.last()?),
        });
    }
    let fields = split_fields(without_proto, ':');
    let container = port_range(fields.last()?);
    let host_ip = if fields.len() >= 3 {
        // Everything before the last two fields: an IPv4 address, or an unbracketed IPv6 one.
        let last_two = fields[fields.len() - 2].len() + fields[fields.len() - 1].len() + 2;
        Some(&without_proto[..without_proto.len().saturating_sub(last_two)])
    } else {
        None
    };
    Some(PortSpec { host_ip, container })
}

/// `5432` or `5000-5010`.
pub(crate) fn port_range(text: &str) -> Option<(u16, u16)> {
    let text = text.trim();
    match text.split_once('-') {
        Some((lo, hi)) => {
            let (lo, hi) = (lo.trim().parse().ok()?, hi.trim().parse().ok()?);
            (lo <= hi).then_some((lo, hi))
        }
        None => text.parse().ok().map(|p| (p, p)),
    }
}

/// Whether a host address means every interface of the host.
pub(crate) fn all_interfaces(host_ip: Option<&str>) -> bool {
    match host_ip.map(|ip| ip.trim().trim_start_matches('[').trim_end_matches(']')) {
        None => true,
        Some(ip) => matches!(ip, "" | "0.0.0.0" | "::" | "0:0:0:0:0:0:0:0"),
    }
}

/// The fields of a `--mount` value that decide what it exposes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct MountSpec<'a> {
    /// `bind`, `volume`, `tmpfs` …; Docker's default is `volume`.
    pub(crate) kind: Option<&'a str>,
    pub(crate) source: Option<&'a str>,
    pub(crate) target: Option<&'a str>,
    pub(crate) read_only: bool,
}

/// Parses `type=bind,source=/,target=/host,readonly`.
pub(crate) fn mount(text: &str) -> MountSpec<'_> {
    let mut spec = MountSpec::default();
    for field in text.split(',') {
        let (key, value) = match field.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim().trim_matches('"'))),
            None => (field.trim(), None),
        };
        match key.to_ascii_lowercase().as_str() {
            "type" => spec.kind = value,
            "source" | "src" => spec.source = value,
            "target" | "destination" | "dst" => spec.target = value,
            "readonly" | "ro" => spec.read_only = value.is_none_or(|v| go_bool(v) != Some(false)),
            _ => {}
        }
    }
    spec
}

/// A security option, as `--security-opt` and Compose's `security_opt` take it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SecurityOpt<'a> {
    /// `seccomp=…`: a profile path, `unconfined` …
    Seccomp(&'a str),
    AppArmor(&'a str),
    /// `label=…` (SELinux): `disable`, `type:…`, `level:…` …
    Label(&'a str),
    /// `systempaths=unconfined` unmasks `/proc` and `/sys` paths.
    SystemPaths(&'a str),
    /// `no-new-privileges`, with its value (`true` when written alone).
    NoNewPrivileges(Option<bool>),
    Other,
}

impl SecurityOpt<'_> {
    /// The option turns a confinement off, with its name as users write it.
    pub(crate) fn disables(&self) -> Option<&'static str> {
        match self {
            SecurityOpt::Seccomp(v) if v.eq_ignore_ascii_case("unconfined") => Some("seccomp"),
            SecurityOpt::AppArmor(v) if v.eq_ignore_ascii_case("unconfined") => Some("apparmor"),
            SecurityOpt::Label(v) if v.eq_ignore_ascii_case("disable") => Some("label"),
            SecurityOpt::SystemPaths(v) if v.eq_ignore_ascii_case("unconfined") => Some("systempaths"),
            _ => None,
        }
    }
}

/// Parses `key=value` or (the older form) `key:value`.
pub(crate) fn security_opt(text: &str) -> SecurityOpt<'_> {
    let text = text.trim();
    let (key, value) = match text.split_once('=') {
        Some(kv) => kv,
        None => text.split_once(':').unwrap_or((text, "")),
    };
    let value = value.trim();
    match key.trim().to_ascii_lowercase().as_str() {
        "seccomp" => SecurityOpt::Seccomp(value),
        "apparmor" => SecurityOpt::AppArmor(value),
        "label" => SecurityOpt::Label(value),
        "systempaths" => SecurityOpt::SystemPaths(value),
        "no-new-privileges" => SecurityOpt::NoNewPrivileges(if value.is_empty() {
            Some(true)
        } else {
            go_bool(value)
        }),
        _ => SecurityOpt::Other,
    }
}

/// Whether `--user`/`user:` names root: `root`, `0`, with or without a group.
pub(crate) fn is_root_user(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or_default().trim();
    name == "root" || (!name.is_empty() && name.bytes().all(|b| b == b'0'))
}

/// Go's `strconv.ParseBool`, which Docker and Compose use for boolean text.
pub(crate) fn go_bool(text: &str) -> Option<bool> {
    match text.trim() {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// `KEY=VALUE`, or `KEY` alone (passed through from the environment).
pub(crate) fn env_pair(text: &str) -> (&str, Option<&str>) {
    match text.split_once('=') {
        Some((k, v)) => (k, Some(v)),
        None => (text, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumes() {
        let v = volume("/var/run/docker.sock:/var/run/docker.sock:ro").unwrap();
        assert_eq!(v.source, Some("/var/run/docker.sock"));
        assert!(v.read_only());
        let v = volume("${DATA:-/srv/data}:/data:rw,z").unwrap();
        assert_eq!(v.source, Some("${DATA:-/srv/data}"));
        assert_eq!(v.mode, Some("rw,z"));
        assert!(!v.read_only());
        let v = volume("/data").unwrap();
        assert_eq!((v.source, v.target), (None, "/data"));
        let v = volume(r"C:\data:C:\app").unwrap();
        assert_eq!((v.source, v.target), (Some(r"C:\data"), r"C:\app"));
        assert_eq!(source_kind("/"), Source::HostPath("/"));
        assert_eq!(source_kind("./x"), Source::RelativePath);
        assert_eq!(source_kind("$(pwd)"), Source::Interpolated);
        assert_eq!(source_kind("pgdata"), Source::Named);
        assert_eq!(source_kind(r"C:\data"), Source::RelativePath);
    }

    #[test]
    fn ports() {
        let p = port("5432:5432").unwrap();
        assert_eq!((p.host_ip, p.container), (None, Some((5432, 5432))));
        let p = port("127.0.0.1:6379:6379/tcp").unwrap();
        assert_eq!(p.host_ip, Some("127.0.0.1"));
        let p = port("[::1]:80:80").unwrap();
        assert_eq!(p.host_ip, Some("::1"));
        let p = port("::1:80:80").unwrap();
        assert_eq!(p.host_ip, Some("::1"));
        let p = port("127.0.0.1::5432").unwrap();
        assert_eq!((p.host_ip, p.container), (Some("127.0.0.1"), Some((5432, 5432))));
        let p = port("9000-9010:5000-5010").unwrap();
        assert_eq!(p.container, Some((5000, 5010)));
        let p = port("${PG_PORT:-5432}:5432").unwrap();
        assert_eq!((p.host_ip, p.container), (None, Some((5432, 5432))));
        assert_eq!(port("3306").unwrap().container, Some((3306, 3306)));
        assert_eq!(port("${P}").unwrap().container, None);
        assert!(all_interfaces(None) && all_interfaces(Some("0.0.0.0")) && all_interfaces(Some("[::]")));
        assert!(!all_interfaces(Some("127.0.0.1")));
    }

    #[test]
    fn mounts_and_options() {
        let m = mount("type=bind,source=/,target=/host,readonly");
        assert_eq!((m.kind, m.source, m.read_only), (Some("bind"), Some("/"), true));
        assert_eq!(security_opt("seccomp=unconfined").disables(), Some("seccomp"));
        assert_eq!(security_opt("apparmor:unconfined").disables(), Some("apparmor"));
        assert_eq!(security_opt("label=disable").disables(), Some("label"));
        assert_eq!(security_opt("seccomp=/etc/profile.json").disables(), None);
        assert_eq!(
            security_opt("no-new-privileges"),
            SecurityOpt::NoNewPrivileges(Some(true))
        );
        assert_eq!(
            security_opt("no-new-privileges:false"),
            SecurityOpt::NoNewPrivileges(Some(false))
        );
        assert_eq!(
            security_opt("no-new-privileges=true"),
            SecurityOpt::NoNewPrivileges(Some(true))
        );
        assert!(is_root_user("root") && is_root_user("0:0") && is_root_user("0"));
        assert!(!is_root_user("1000:1000") && !is_root_user("$(id -u)") && !is_root_user(""));
    }
}
