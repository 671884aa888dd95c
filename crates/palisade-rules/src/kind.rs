//! What kind of input a file is, told by its name, and so which engine reads it.

use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// YAML or JSON: Kubernetes manifests (YAML that is not a Kubernetes object is ignored).
    Manifest,
    /// `Dockerfile`, `Containerfile`, `*.Dockerfile`, `Dockerfile.*`.
    Dockerfile,
    /// A Compose file: `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml` …
    Compose,
    /// A shell script or Makefile, read for `docker run` lines.
    Script,
    /// A CI pipeline (a GitHub Actions workflow, `.gitlab-ci.yml`), read for `docker run` lines
    /// in its job scripts.
    Pipeline,
    /// Anything else: no rule engine reads it (the secret scanner reads every text file).
    Other,
}

impl FileKind {
    pub fn of(path: &Path) -> FileKind {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return FileKind::Other;
        };
        let lower = name.to_ascii_lowercase();
        let extension = lower.rsplit_once('.').map(|(_, e)| e);
        if lower == "dockerfile"
            || lower == "containerfile"
            || lower.starts_with("dockerfile.")
            || lower.starts_with("containerfile.")
            || extension == Some("dockerfile")
            || extension == Some("containerfile")
        {
            return FileKind::Dockerfile;
        }
        if matches!(extension, Some("yaml" | "yml"))
            && (lower.starts_with("compose.") || lower.starts_with("docker-compose"))
        {
            return FileKind::Compose;
        }
        if lower == ".gitlab-ci.yml" || lower == ".gitlab-ci.yaml" || is_github_workflow(path, extension) {
            return FileKind::Pipeline;
        }
        match extension {
            Some("yaml" | "yml" | "json") => FileKind::Manifest,
            Some("sh" | "bash" | "zsh" | "mk") => FileKind::Script,
            _ if matches!(lower.as_str(), "makefile" | "gnumakefile") => FileKind::Script,
            _ => FileKind::Other,
        }
    }
}

/// `.github/workflows/*.yml`.
fn is_github_workflow(path: &Path, extension: Option<&str>) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    matches!(extension, Some("yaml" | "yml"))
        && dir.file_name().is_some_and(|n| n == "workflows")
        && dir
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == ".github")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        for (name, kind) in [
            ("Dockerfile", FileKind::Dockerfile),
            ("build/Containerfile", FileKind::Dockerfile),
            ("api.Dockerfile", FileKind::Dockerfile),
            ("Dockerfile.alpine", FileKind::Dockerfile),
            ("docker-compose.yml", FileKind::Compose),
            ("docker-compose.prod.yaml", FileKind::Compose),
            ("compose.yaml", FileKind::Compose),
            ("deploy/app.yaml", FileKind::Manifest),
            ("list.json", FileKind::Manifest),
            ("composer.json", FileKind::Manifest),
            ("run.sh", FileKind::Script),
            (".github/workflows/ci.yml", FileKind::Pipeline),
            ("repo/.github/workflows/release.yaml", FileKind::Pipeline),
            (".gitlab-ci.yml", FileKind::Pipeline),
            ("workflows/ci.yml", FileKind::Manifest),
            (".github/ci.yml", FileKind::Manifest),
            ("Makefile", FileKind::Script),
            ("README.md", FileKind::Other),
            ("dockerfile-lint.md", FileKind::Other),
        ] {
            assert_eq!(FileKind::of(Path::new(name)), kind, "{name}");
        }
    }
}
