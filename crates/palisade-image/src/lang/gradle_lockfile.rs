//! Gradle's dependency locks: `gradle.lockfile` (and the per-configuration
//! `gradle/dependency-locks/*.lockfile` of Gradle 6), one `group:artifact:version=configurations`
//! line per locked module; `#` comments and the `empty=…` line list no module.

use palisade_core::PackageKind;

use super::{LOCKFILE_MAX, file_name, package, push};
use crate::{CatalogError, Cataloger, FileInput, Found, Scope};

pub(crate) struct GradleLockfile;

impl Cataloger for GradleLockfile {
    fn name(&self) -> &'static str {
        "java-gradle-lockfile"
    }

    fn scope(&self) -> Scope {
        Scope::Declared
    }

    fn wants(&self, path: &str) -> bool {
        let name = file_name(path);
        name.starts_with("gradle.lockfile")
            || (name.ends_with(".lockfile") && path.contains("/gradle/dependency-locks/"))
    }

    fn catalog(&self, file: &mut FileInput<'_>, out: &mut Vec<Found>) -> Result<(), CatalogError> {
        let bytes = file.read_to_end(LOCKFILE_MAX)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut seen = std::collections::HashSet::new();
        for (name, version) in locked(&text) {
            if seen.insert((name, version)) {
                push(
                    out,
                    package(
                        PackageKind::Maven,
                        name,
                        version,
                        Vec::new(),
                        file.origin(),
                        self.name(),
                    ),
                );
            }
        }
        Ok(())
    }
}

/// Every `(group:artifact, version)` of a lockfile.
pub(crate) fn locked(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.starts_with('#') {
            return None;
        }
        let coordinates = line.split_once('=').map_or(line, |(c, _)| c);
        let (module, version) = coordinates.rsplit_once(':')?;
        let (group, artifact) = module.split_once(':')?;
        let ok = |s: &str| !s.is_empty() && !s.contains(char::is_whitespace);
        (ok(group) && ok(artifact) && ok(version) && !artifact.contains(':')).then_some((module, version))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_give_modules_and_the_rest_nothing() {
        let text = "# This is a Gradle generated file for dependency locking.\n\
            # Manual edits can break the build and are not advised.\n\
            com.google.guava:guava:32.1.2-jre=compileClasspath,runtimeClasspath\n\
            org.slf4j:slf4j-api:2.0.9=runtimeClasspath\n\
            empty=annotationProcessor\n";
        let all: Vec<_> = locked(text).collect();
        assert_eq!(
            all,
            [
                ("com.google.guava:guava", "32.1.2-jre"),
                ("org.slf4j:slf4j-api", "2.0.9")
            ]
        );
    }
}
