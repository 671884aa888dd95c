//! Image references in `FROM`: `[registry/]repository[:tag][@digest]`, with the registry told
//! apart from the repository as Docker does (a first component with a `.` or `:`, or `localhost`).

/// A base image reference, after build arguments are substituted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The reference as resolved.
    pub text: String,
    /// The registry host, port included, when one is written (`ghcr.io`, `localhost:5000`).
    pub registry: Option<String>,
    /// The repository path: `library/node` is written `node`, and kept so.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    pub fn parse(text: &str) -> ImageRef {
        let (rest, digest) = match text.split_once('@') {
            Some((rest, digest)) => (rest, Some(digest.to_owned())),
            None => (text, None),
        };
        let (registry, path) = match rest.split_once('/') {
            Some((first, path))
                if first.contains(['.', ':']) || first == "localhost" || first.starts_with('[') =>
            {
                (Some(first.to_owned()), path)
            }
            _ => (None, rest),
        };
        let last = path.rfind('/').map_or(0, |i| i + 1);
        let (repository, tag) = match path[last..].split_once(':') {
            Some((name, tag)) => (format!("{}{name}", &path[..last]), Some(tag.to_owned())),
            None => (path.to_owned(), None),
        };
        ImageRef {
            text: text.to_owned(),
            registry,
            repository,
            tag,
            digest,
        }
    }

    /// The repository's last component: `node` for `ghcr.io/acme/node`.
    pub fn name(&self) -> &str {
        self.repository.rsplit('/').next().unwrap_or_default()
    }

    /// Whether the image is on Docker Hub (no registry, or `docker.io` spelt out).
    pub fn on_docker_hub(&self) -> bool {
        matches!(
            self.registry.as_deref(),
            None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io")
        )
    }

    /// An official Docker Hub image (`node`, `library/node`, `docker.io/library/node`).
    pub fn official(&self) -> Option<&str> {
        if !self.on_docker_hub() {
            return None;
        }
        let repo = self
            .repository
            .strip_prefix("library/")
            .unwrap_or(&self.repository);
        (!repo.contains('/')).then_some(repo)
    }

    /// `scratch`, the empty image (lower case only, as BuildKit reads it).
    pub fn is_scratch(&self) -> bool {
        self.registry.is_none() && self.repository == "scratch" && self.tag.is_none() && self.digest.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        let r = ImageRef::parse("localhost:5000/acme/app:1.2@sha256:abc");
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.repository, "acme/app");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        let r = ImageRef::parse("node");
        assert_eq!(r.official(), Some("node"));
        assert_eq!((r.registry, r.tag), (None, None));
        let r = ImageRef::parse("acme/app:v1");
        assert_eq!(
            (r.repository.as_str(), r.tag.as_deref()),
            ("acme/app", Some("v1"))
        );
        assert_eq!(
            ImageRef::parse("docker.io/library/python:3").official(),
            Some("python")
        );
        assert_eq!(
            ImageRef::parse("mcr.microsoft.com/windows/servercore:ltsc").name(),
            "servercore"
        );
    }
}
