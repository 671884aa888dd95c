//! Image references (`alpine`, `ghcr.io/org/app:1.2`, `localhost:5000/x@sha256:…`), parsed and
//! normalised as docker does: `docker.io` when no registry is named, `library/` for its
//! one-component names, `latest` when neither a tag nor a digest is given.

use std::fmt;

/// The registry docker assumes when a reference names none.
pub(crate) const DOCKER_HUB: &str = "docker.io";
/// The host that serves Docker Hub's registry API.
const DOCKER_HUB_API: &str = "registry-1.docker.io";
/// Repository names are at most this long (distribution's `NameTotalLengthMax`).
const NAME_MAX: usize = 255;
/// Tags are at most this long.
const TAG_MAX: usize = 128;

/// A parsed, normalised reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Registry host, with its port when one was given: `docker.io`, `localhost:5000`.
    pub registry: String,
    /// Repository path inside the registry: `library/alpine`.
    pub repository: String,
    /// Tag, `latest` when neither tag nor digest was given.
    pub tag: Option<String>,
    /// Digest `algorithm:hex` when the reference pins one.
    pub digest: Option<String>,
}

/// Why a string is not an image reference.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{reference}` is not an image reference: {problem}")]
pub struct ReferenceError {
    pub reference: String,
    pub problem: String,
}

impl Reference {
    /// Parses `reference` as `[registry[:port]/]path[:tag][@digest]`.
    pub fn parse(reference: &str) -> Result<Reference, ReferenceError> {
        let fail = |problem: String| ReferenceError {
            reference: reference.chars().take(300).collect(),
            problem,
        };
        if reference.is_empty() {
            return Err(fail("it is empty".into()));
        }
        if let Some(c) = reference.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(fail(format!("it contains the character {c:?}")));
        }
        let (rest, digest) = match reference.split_once('@') {
            Some((rest, digest)) => {
                check_digest(digest).map_err(&fail)?;
                (rest, Some(digest.to_owned()))
            }
            None => (reference, None),
        };
        // The tag follows the last `:` that comes after the last `/`; a `:` before it is a port.
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
            None => (rest, None),
        };
        if let Some(tag) = tag {
            check_tag(tag).map_err(&fail)?;
        }
        if name.is_empty() {
            return Err(fail("the repository name is missing".into()));
        }
        let (registry, path) = match name.split_once('/') {
            Some((first, path))
                if first.contains(['.', ':'])
                    || first == "localhost"
                    || first.chars().any(|c| c.is_ascii_uppercase()) =>
            {
                check_registry(first).map_err(&fail)?;
                (first.to_owned(), path.to_owned())
            }
            _ => (DOCKER_HUB.to_owned(), name.to_owned()),
        };
        let registry = if registry == "index.docker.io" {
            DOCKER_HUB.to_owned()
        } else {
            registry
        };
        check_path(&path).map_err(&fail)?;
        let repository = if registry == DOCKER_HUB && !path.contains('/') {
            format!("library/{path}")
        } else {
            path
        };
        if registry.len() + 1 + repository.len() > NAME_MAX {
            return Err(fail(format!("the name is longer than {NAME_MAX} characters")));
        }
        let tag = match (tag, &digest) {
            (Some(tag), _) => Some(tag.to_owned()),
            (None, Some(_)) => None,
            (None, None) => Some("latest".to_owned()),
        };
        Ok(Reference {
            registry,
            repository,
            tag,
            digest,
        })
    }

    /// The host (and port) to send registry API requests to: Docker Hub's API lives on
    /// `registry-1.docker.io`, every other registry on its own name.
    pub fn api_host(&self) -> &str {
        if self.registry == DOCKER_HUB {
            DOCKER_HUB_API
        } else {
            &self.registry
        }
    }

    /// The host without its port, for deciding whether it is loopback.
    pub fn host_name(&self) -> &str {
        host_without_port(&self.registry)
    }

    /// What to ask the registry's manifest endpoint for: the digest when pinned, else the tag.
    pub fn manifest_reference(&self) -> &str {
        self.digest.as_deref().or(self.tag.as_deref()).unwrap_or("latest")
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// `host[:port]` → `host`; `[::1]:5000` → `::1`.
pub(crate) fn host_without_port(registry: &str) -> &str {
    if let Some(rest) = registry.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    registry.split(':').next().unwrap_or(registry)
}

fn check_registry(registry: &str) -> Result<(), String> {
    let bad = || format!("`{registry}` is not a registry host (host or host:port)");
    let (host, port) = if let Some(rest) = registry.strip_prefix('[') {
        let (ip, after) = rest.split_once(']').ok_or_else(bad)?;
        if ip.is_empty() || !ip.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err(bad());
        }
        match after {
            "" => (ip, None),
            _ => (ip, Some(after.strip_prefix(':').ok_or_else(bad)?)),
        }
    } else {
        match registry.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (registry, None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{port}` is not a port number"));
        }
    }
    if !registry.starts_with('[') {
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if !host.split('.').all(label_ok) {
            return Err(bad());
        }
    }
    Ok(())
}

/// Path components: lowercase letters and digits, separated inside a component by `.`, `_`, `__`
/// or any run of `-`.
fn check_path(path: &str) -> Result<(), String> {
    for component in path.split('/') {
        if component.is_empty() {
            return Err("the name has an empty path component (`//` or a trailing `/`)".into());
        }
        if component.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "the repository name must be lowercase, `{component}` is not"
            ));
        }
        let b = component.as_bytes();
        let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        if !alnum(b[0]) || !alnum(b[b.len() - 1]) {
            return Err(format!(
                "the path component `{component}` must start and end with a lowercase letter or digit"
            ));
        }
        let mut i = 0;
        while i < b.len() {
            if alnum(b[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && !alnum(b[i]) {
                i += 1;
            }
            let sep = &component[start..i];
            if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-')) {
                return Err(format!(
                    "the path component `{component}` contains `{sep}`; only lowercase letters, digits and the separators `.`, `_`, `__` and `-` are allowed"
                ));
            }
        }
    }
    Ok(())
}

fn check_tag(tag: &str) -> Result<(), String> {
    if tag.is_empty() {
        return Err("the tag after `:` is empty".into());
    }
    if tag.len() > TAG_MAX {
        return Err(format!("the tag is longer than {TAG_MAX} characters"));
    }
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = tag.as_bytes();
    if !word(b[0]) || !b.iter().all(|&c| word(c) || c == b'.' || c == b'-') {
        return Err(format!(
            "the tag `{tag}` may hold only letters, digits, `_`, `.` and `-`, and not start with `.` or `-`"
        ));
    }
    Ok(())
}

/// A digest `algorithm:hex`; sha256 and sha512 are checked for their exact lengths.
pub(crate) fn check_digest(digest: &str) -> Result<(), String> {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(format!(
            "the digest `{digest}` lacks its algorithm (write sha256:<hex>)"
        ));
    };
    let expected = match algorithm {
        "sha256" => 64,
        "sha512" => 128,
        _ => {
            return Err(format!(
                "the digest algorithm `{algorithm}` is not supported (sha256 is)"
            ));
        }
    };
    if hex.len() != expected
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(format!(
            "the digest `{digest}` must be {algorithm}: followed by {expected} lowercase hex digits"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn norm(s: &str) -> String {
        Reference::parse(s).unwrap().to_string()
    }

    #[test]
    fn normalises_like_docker() {
        assert_eq!(norm("alpine"), "docker.io/library/alpine:latest");
        assert_eq!(norm("alpine:3.20"), "docker.io/library/alpine:3.20");
        assert_eq!(norm("docker.io/alpine:3.20"), "docker.io/library/alpine:3.20");
        assert_eq!(
            norm("index.docker.io/library/alpine"),
            "docker.io/library/alpine:latest"
        );
        assert_eq!(norm("bitnami/redis"), "docker.io/bitnami/redis:latest");
        assert_eq!(norm("ghcr.io/org/app/sub:v1.2.3"), "ghcr.io/org/app/sub:v1.2.3");
        assert_eq!(norm("localhost/app"), "localhost/app:latest");
        assert_eq!(norm("localhost:5000/app:1"), "localhost:5000/app:1");
        assert_eq!(norm("127.0.0.1:5000/a/b"), "127.0.0.1:5000/a/b:latest");
        assert_eq!(norm("[::1]:5000/app"), "[::1]:5000/app:latest");
        assert_eq!(
            norm(&format!("alpine@{D}")),
            format!("docker.io/library/alpine@{D}")
        );
        assert_eq!(
            norm(&format!("alpine:3@{D}")),
            format!("docker.io/library/alpine:3@{D}")
        );
        assert_eq!(
            norm("my_app__x.y-z---w"),
            "docker.io/library/my_app__x.y-z---w:latest"
        );
        let r = Reference::parse("localhost:5000/app").unwrap();
        assert_eq!((r.api_host(), r.host_name()), ("localhost:5000", "localhost"));
        let r = Reference::parse("alpine").unwrap();
        assert_eq!(r.api_host(), "registry-1.docker.io");
        let r = Reference::parse(&format!("a:1@{D}")).unwrap();
        assert_eq!(r.manifest_reference(), D);
    }

    #[test]
    fn errors_name_the_problem() {
        let err = |s: &str| Reference::parse(s).unwrap_err().problem;
        assert!(err("").contains("empty"));
        assert!(err("Alpine").contains("lowercase"));
        assert!(err("alpine:").contains("tag after"));
        assert!(err("alpine:-x").contains("tag"));
        assert!(err(&format!("alpine:{}", "a".repeat(129))).contains("longer than 128"));
        assert!(err("alpine@sha256:abc").contains("64 lowercase hex"));
        assert!(err("alpine@md5:abc").contains("not supported"));
        assert!(err("alpine@abc").contains("algorithm"));
        assert!(err("a//b").contains("empty path component"));
        assert!(err("a/b/").contains("empty path component"));
        assert!(err("a/-b").contains("start and end"));
        assert!(err("a/b..c").contains("`..`"));
        assert!(err("host:port/x").contains("not a port"));
        assert!(err("ex_ample.com/x").contains("registry host"));
        assert!(err("a b").contains("character"));
        assert!(err(&format!("x/{}", "a".repeat(300))).contains("longer than 255"));
        // As with docker, a lone `name:5000` is a tag, not a registry.
        assert_eq!(norm("localhost:5000"), "docker.io/library/localhost:5000");
    }
}
