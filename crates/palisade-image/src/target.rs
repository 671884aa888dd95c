//! What to inventory, named with Syft's scheme prefixes.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// An image or folder to inventory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `oci:DIR[:TAG]`: an OCI image layout; the tag picks one image of its index.
    OciLayout { dir: PathBuf, tag: Option<String> },
    /// `oci-archive:FILE`: an OCI image layout in a tar file.
    OciArchive(PathBuf),
    /// `docker-archive:FILE`: the output of `docker save`.
    DockerArchive(PathBuf),
    /// `registry:REF` or a bare reference: pulled from an OCI distribution registry.
    Registry(String),
    /// `rootfs:PATH`: an unpacked root filesystem.
    Rootfs(PathBuf),
    /// `dir:PATH`: a project folder, read for its lockfiles and manifests only.
    Dir(PathBuf),
}

/// The target as a user writes it, scheme included.
impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::OciLayout { dir, tag: Some(tag) } => write!(f, "oci:{}:{tag}", dir.display()),
            Target::OciLayout { dir, tag: None } => write!(f, "oci:{}", dir.display()),
            Target::OciArchive(file) => write!(f, "oci-archive:{}", file.display()),
            Target::DockerArchive(file) => write!(f, "docker-archive:{}", file.display()),
            Target::Registry(reference) => write!(f, "registry:{reference}"),
            Target::Rootfs(path) => write!(f, "rootfs:{}", path.display()),
            Target::Dir(path) => write!(f, "dir:{}", path.display()),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TargetError {
    #[error("the target is empty")]
    Empty,
    #[error("`{0}` names nothing after its scheme")]
    NoPath(String),
    #[error(
        "`{0}` is a local path, not an image reference: name its kind, as \
         `docker-archive:{0}`, `oci-archive:{0}`, `oci:{0}`, `rootfs:{0}` or `dir:{0}`"
    )]
    LocalPath(String),
}

impl FromStr for Target {
    type Err = TargetError;

    fn from_str(s: &str) -> Result<Target, TargetError> {
        if s.is_empty() {
            return Err(TargetError::Empty);
        }
        let path = |rest: &str| {
            if rest.is_empty() {
                Err(TargetError::NoPath(s.to_owned()))
            } else {
                Ok(PathBuf::from(rest))
            }
        };
        let Some((scheme, rest)) = s.split_once(':') else {
            return bare(s);
        };
        match scheme {
            "oci" => {
                let (dir, tag) = split_tag(rest);
                Ok(Target::OciLayout {
                    dir: path(dir)?,
                    tag: tag.map(str::to_owned),
                })
            }
            "oci-archive" => Ok(Target::OciArchive(path(rest)?)),
            "docker-archive" => Ok(Target::DockerArchive(path(rest)?)),
            "registry" => {
                if rest.is_empty() {
                    Err(TargetError::NoPath(s.to_owned()))
                } else {
                    Ok(Target::Registry(rest.to_owned()))
                }
            }
            "rootfs" => Ok(Target::Rootfs(path(rest)?)),
            "dir" => Ok(Target::Dir(path(rest)?)),
            // `host:5000/app:1` and `app:1`: a reference whose first colon is not a scheme.
            _ => bare(s),
        }
    }
}

/// A bare reference names an image in a registry; a local path given bare is refused with the
/// schemes that would read it, since guessing an archive's kind hides mistakes.
fn bare(s: &str) -> Result<Target, TargetError> {
    let looks_local = s.starts_with(['/', '.', '~'])
        || Path::new(s)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("tar"));
    if looks_local || (!s.contains(':') && !s.contains('@') && Path::new(s).exists()) {
        return Err(TargetError::LocalPath(s.to_owned()));
    }
    Ok(Target::Registry(s.to_owned()))
}

/// `DIR:TAG` → (`DIR`, `TAG`); a colon followed by a path separator belongs to the directory.
fn split_tag(rest: &str) -> (&str, Option<&str>) {
    if Path::new(rest).exists() {
        return (rest, None);
    }
    match rest.rsplit_once(':') {
        Some((dir, tag)) if !tag.is_empty() && !tag.contains('/') => (dir, Some(tag)),
        _ => (rest, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Target, TargetError> {
        s.parse()
    }

    #[test]
    fn schemes() {
        assert_eq!(
            parse("oci:/tmp/no-such-layout:debian-test"),
            Ok(Target::OciLayout {
                dir: "/tmp/no-such-layout".into(),
                tag: Some("debian-test".into())
            })
        );
        assert_eq!(
            parse("oci:/tmp/no-such-layout"),
            Ok(Target::OciLayout {
                dir: "/tmp/no-such-layout".into(),
                tag: None
            })
        );
        assert_eq!(
            parse("docker-archive:img.tar"),
            Ok(Target::DockerArchive("img.tar".into()))
        );
        assert_eq!(
            parse("oci-archive:img.tar"),
            Ok(Target::OciArchive("img.tar".into()))
        );
        assert_eq!(parse("rootfs:/mnt/root"), Ok(Target::Rootfs("/mnt/root".into())));
        assert_eq!(parse("dir:."), Ok(Target::Dir(".".into())));
        assert_eq!(
            parse("registry:alpine:3.20"),
            Ok(Target::Registry("alpine:3.20".into()))
        );
        assert_eq!(parse("dir:"), Err(TargetError::NoPath("dir:".into())));
        assert_eq!(parse(""), Err(TargetError::Empty));
    }

    #[test]
    fn bare_references_are_registries() {
        assert_eq!(parse("alpine"), Ok(Target::Registry("alpine".into())));
        assert_eq!(parse("alpine:3.20"), Ok(Target::Registry("alpine:3.20".into())));
        assert_eq!(
            parse("127.0.0.1:5000/debian-test:1"),
            Ok(Target::Registry("127.0.0.1:5000/debian-test:1".into()))
        );
        let digest = "ghcr.io/o/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assert_eq!(parse(digest), Ok(Target::Registry(digest.into())));
    }

    #[test]
    fn bare_local_paths_ask_for_a_scheme() {
        assert!(matches!(parse("./image.tar"), Err(TargetError::LocalPath(_))));
        assert!(matches!(parse("/tmp"), Err(TargetError::LocalPath(_))));
        assert!(
            parse("image.tar")
                .unwrap_err()
                .to_string()
                .contains("docker-archive:image.tar")
        );
    }
}
