//! Container image references, parsed as the kubelet parses them (`distribution/reference`'s
//! `ParseNormalizedNamed`): registry host (a domain, `localhost` or a bracketed IPv6 address, with
//! an optional port), repository path, tag and digest. Docker Hub's implicit host `docker.io` and
//! its `library/` namespace are made explicit, so `nginx` is `docker.io/library/nginx`.
//!
//! A reference the kubelet would refuse (`InvalidImageName`: upper case in the repository, a bad
//! tag or digest, whitespace, an empty string) parses to `None`, and the image rules say nothing
//! about it rather than guess.

use std::borrow::Cow;

use crate::checks::prelude::{Container, Node, Object};

/// Docker Hub, the registry of references without a host.
pub(super) const DOCKER_HUB: &str = "docker.io";

/// A parsed image reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::checks) struct ImageRef<'a> {
    /// The registry host as written, port included (`registry.example.com:5000`, `[::1]:5000`);
    /// `docker.io` for Docker Hub, also when written `index.docker.io`.
    pub(super) registry: &'a str,
    /// The repository under the registry: `library/nginx`, `acme/app`.
    pub(super) repository: Cow<'a, str>,
    pub(in crate::checks) tag: Option<&'a str>,
    /// `algorithm:hex`, already checked (`sha256:` and 64 lower-case hex digits …).
    pub(in crate::checks) digest: Option<&'a str>,
}

impl<'a> ImageRef<'a> {
    /// Parses `image`; `None` when the kubelet would refuse it.
    pub(in crate::checks) fn parse(image: &'a str) -> Option<ImageRef<'a>> {
        if image.is_empty() || is_hex_identifier(image) {
            return None;
        }
        let (name_and_tag, digest) = match image.split_once('@') {
            Some((rest, digest)) => (rest, Some(digest)),
            None => (image, None),
        };
        if digest.is_some_and(|d| !is_valid_digest(d)) {
            return None;
        }
        let (registry, remainder) = split_registry(name_and_tag);
        let (path, tag) = match remainder.split_once(':') {
            Some((path, tag)) => (path, Some(tag)),
            None => (remainder, None),
        };
        if tag.is_some_and(|t| !is_valid_tag(t)) || !is_valid_path(path) {
            return None;
        }
        // A first component that is no host name (`bad_host.com`) still matches the reference
        // grammar as a path component, and the runtime then pulls from that "host".
        if registry.is_some_and(|r| !is_valid_host(r) && !is_path_component(r)) {
            return None;
        }
        let registry = match registry {
            None | Some("index.docker.io") => DOCKER_HUB,
            Some(host) => host,
        };
        if registry.len() + 1 + path.len() > NAME_MAX {
            return None;
        }
        let repository = if registry == DOCKER_HUB && !path.contains('/') {
            Cow::Owned(format!("library/{path}"))
        } else {
            Cow::Borrowed(path)
        };
        Some(ImageRef {
            registry,
            repository,
            tag,
            digest,
        })
    }

    /// Whether the reference names a moving target: no digest, and the tag is `latest` or absent
    /// (which the runtime reads as `latest`).
    pub(in crate::checks) fn is_latest(&self) -> bool {
        self.digest.is_none() && self.tag.is_none_or(|t| t == "latest")
    }

    /// The last path component of the repository: `tiller` for `ghcr.io/helm/tiller:v2.17.0`.
    pub(super) fn base_name(&self) -> &str {
        self.repository.rsplit('/').next().unwrap_or_default()
    }
}

/// A container's image, parsed.
pub(super) struct ContainerImage<'a> {
    pub(super) container: Container<'a>,
    /// The `image` value node.
    pub(super) node: &'a Node,
    /// The reference as written.
    pub(super) text: &'a str,
    pub(super) reference: ImageRef<'a>,
}

/// The image of every container, init container and ephemeral container of `object` that has a
/// valid one. A missing or empty image (allowed in workload templates, for tools that fill it in
/// later) or an invalid one gives nothing.
pub(super) fn container_images<'a>(object: &Object<'a>) -> Vec<ContainerImage<'a>> {
    let Some(pod) = object.pod_spec() else {
        return Vec::new();
    };
    pod.containers()
        .filter_map(|container| {
            let node = container.image()?;
            let text = node.as_str()?;
            let reference = ImageRef::parse(text)?;
            Some(ContainerImage {
                container,
                node,
                text,
                reference,
            })
        })
        .collect()
}

/// `distribution/reference`'s `NameTotalLengthMax`.
const NAME_MAX: usize = 255;

/// Splits off the registry host the way `splitDockerDomain` does: the first path component is a
/// host when it has a `.` or a `:`, is `localhost`, or has an upper-case letter (repository paths
/// never do); otherwise the reference is on Docker Hub.
fn split_registry(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.chars().any(|c| c.is_ascii_uppercase()) =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    }
}

/// `host[:port]` where host is a domain name or a bracketed IPv6 address.
fn is_valid_host(host: &str) -> bool {
    let (address_ok, port) = if let Some(rest) = host.strip_prefix('[') {
        let Some((address, after)) = rest.split_once(']') else {
            return false;
        };
        let ok = !address.is_empty() && address.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
        (ok, after)
    } else {
        let (name, port) = host.find(':').map_or((host, ""), |i| host.split_at(i));
        (name.split('.').all(is_domain_component), port)
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    address_ok && port_ok
}

/// `[a-zA-Z0-9]` or `[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`.
fn is_domain_component(part: &str) -> bool {
    let bytes = part.as_bytes();
    !bytes.is_empty()
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// Path components separated by `/`, each `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
fn is_valid_path(path: &str) -> bool {
    path.split('/').all(is_path_component)
}

fn is_path_component(part: &str) -> bool {
    let bytes = part.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if bytes.is_empty() || !alnum(&bytes[0]) || !alnum(&bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(&bytes[i]) {
            i += 1;
            continue;
        }
        // A separator: `.`, `_`, `__`, or one or more `-`; an alphanumeric must follow.
        let start = i;
        match bytes[i] {
            b'.' => i += 1,
            b'_' => i += if bytes.get(i + 1) == Some(&b'_') { 2 } else { 1 },
            b'-' => {
                while bytes.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            _ => return false,
        }
        if i == start || !bytes.get(i).is_some_and(alnum) {
            return false;
        }
    }
    true
}

/// `[\w][\w.-]{0,127}`.
fn is_valid_tag(tag: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    tag.len() <= 128
        && tag.chars().next().is_some_and(word)
        && tag.chars().all(|c| word(c) || c == '.' || c == '-')
}

/// The digests the runtime can verify: `sha256`, `sha384` and `sha512` with lower-case hex of
/// the algorithm's length (`go-digest`'s `Digest.Validate`).
fn is_valid_digest(digest: &str) -> bool {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return false;
    };
    let length = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    hex.len() == length && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A bare 64-digit hex string is an image id, which `ParseNormalizedNamed` refuses as a name.
fn is_hex_identifier(image: &str) -> bool {
    image.len() == 64 && image.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn parts(image: &str) -> Option<(String, String, Option<String>, Option<String>)> {
        ImageRef::parse(image).map(|r| {
            (
                r.registry.to_owned(),
                r.repository.into_owned(),
                r.tag.map(str::to_owned),
                r.digest.map(str::to_owned),
            )
        })
    }

    // Returns `Option` so expectations read like `parts(…)` results.
    #[allow(clippy::unnecessary_wraps)]
    fn ok(
        registry: &str,
        repository: &str,
        tag: Option<&str>,
        digest: Option<&str>,
    ) -> Option<(String, String, Option<String>, Option<String>)> {
        Some((
            registry.to_owned(),
            repository.to_owned(),
            tag.map(str::to_owned),
            digest.map(str::to_owned),
        ))
    }

    #[test]
    fn docker_hub_names_are_normalised() {
        assert_eq!(parts("app"), ok("docker.io", "library/app", None, None));
        assert_eq!(
            parts("nginx:1.27"),
            ok("docker.io", "library/nginx", Some("1.27"), None)
        );
        assert_eq!(parts("acme/app:2"), ok("docker.io", "acme/app", Some("2"), None));
        assert_eq!(
            parts("docker.io/nginx"),
            ok("docker.io", "library/nginx", None, None)
        );
        assert_eq!(
            parts("index.docker.io/acme/app"),
            ok("docker.io", "acme/app", None, None)
        );
        assert_eq!(parts("a/b/c"), ok("docker.io", "a/b/c", None, None));
    }

    #[test]
    fn a_port_is_not_a_tag() {
        assert_eq!(
            parts("localhost:5000/app"),
            ok("localhost:5000", "app", None, None)
        );
        assert_eq!(
            parts("registry:5000/ns/app"),
            ok("registry:5000", "ns/app", None, None)
        );
        assert_eq!(
            parts("registry:5000/ns/app:1.0"),
            ok("registry:5000", "ns/app", Some("1.0"), None)
        );
        assert_eq!(parts("localhost/app"), ok("localhost", "app", None, None));
        assert_eq!(parts("[::1]:5000/app"), ok("[::1]:5000", "app", None, None));
        assert_eq!(
            parts("[fe80::1]/app:v2"),
            ok("[fe80::1]", "app", Some("v2"), None)
        );
    }

    #[test]
    fn digests_with_and_without_tags() {
        let with_tag = format!("app:1.0@{SHA}");
        assert_eq!(
            parts(&with_tag),
            ok("docker.io", "library/app", Some("1.0"), Some(SHA))
        );
        let bare = format!("ghcr.io/acme/app@{SHA}");
        assert_eq!(parts(&bare), ok("ghcr.io", "acme/app", None, Some(SHA)));
        assert!(!ImageRef::parse(&bare).unwrap().is_latest());
        let latest_pinned = format!("app:latest@{SHA}");
        assert!(!ImageRef::parse(&latest_pinned).unwrap().is_latest());
    }

    #[test]
    fn latest_is_explicit_or_implicit() {
        for image in [
            "app",
            "app:latest",
            "localhost:5000/app",
            "registry.example.com/a/b:latest",
        ] {
            assert!(ImageRef::parse(image).unwrap().is_latest(), "{image}");
        }
        for image in ["app:1.0", "app:Latest", "localhost:5000/app:latest-2"] {
            assert!(!ImageRef::parse(image).unwrap().is_latest(), "{image}");
        }
    }

    #[test]
    fn upper_case_is_a_host_or_an_error() {
        // The first component is a host when it has upper case, as in `splitDockerDomain`.
        assert_eq!(parts("Registry/app"), ok("Registry", "app", None, None));
        assert_eq!(parts("Nginx"), None);
        assert_eq!(parts("bad_host.com/app"), ok("bad_host.com", "app", None, None));
        assert_eq!(parts("acme/App:1"), None);
        assert_eq!(
            parts("REGISTRY.EXAMPLE.COM/app:V1"),
            ok("REGISTRY.EXAMPLE.COM", "app", Some("V1"), None)
        );
    }

    #[test]
    fn what_the_kubelet_refuses() {
        for image in [
            "",
            " app",
            "app ",
            "app:",
            "app:-1",
            "app@",
            "app@sha256:abc",
            "app@md5:0123456789abcdef0123456789abcdef",
            &format!("app@{}", SHA.to_uppercase()),
            "app::1",
            "/app",
            "app/",
            "a//b",
            "-app",
            "app-",
            "a..b",
            "a___b",
            "host:port/app",
            "[::1/app",
            "[zz]/app",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ] {
            assert_eq!(parts(image), None, "{image:?}");
        }
        let long = format!("registry.example.com/{}", "a".repeat(240));
        assert_eq!(parts(&long), None);
    }

    #[test]
    fn separators_inside_path_components() {
        for image in ["a.b", "a_b", "a__b", "a-b", "a---b", "my-org/my.app_x"] {
            assert!(ImageRef::parse(image).is_some(), "{image}");
        }
    }

    #[test]
    fn base_name_is_the_last_component() {
        let r = ImageRef::parse("gcr.io/kubernetes-helm/tiller:v2.16.1").unwrap();
        assert_eq!(r.base_name(), "tiller");
        assert_eq!(ImageRef::parse("nginx").unwrap().base_name(), "nginx");
    }
}
