//! Platforms (`linux/amd64`, `linux/arm/v7`), as `--platform` names them and image indexes list them.

use std::fmt;
use std::str::FromStr;

/// An operating system and CPU architecture, with the architecture's variant where it matters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
}

impl Platform {
    /// The platform of the machine palisade runs on, which images are picked for by default.
    pub fn host() -> Platform {
        let architecture = match std::env::consts::ARCH {
            "x86_64" => "amd64",
            "aarch64" => "arm64",
            "x86" => "386",
            "powerpc64" => "ppc64le",
            other => other,
        };
        Platform {
            os: "linux".into(),
            architecture: architecture.into(),
            variant: None,
        }
    }

    /// Whether an index entry for `os`/`architecture`/`variant` serves this platform. A platform
    /// without a variant takes any; `arm64` and `arm64/v8` are the same.
    pub fn matches(&self, os: &str, architecture: &str, variant: Option<&str>) -> bool {
        let norm = |arch: &str, variant: Option<&str>| match (arch, variant) {
            ("arm64", Some("v8")) => None,
            (_, v) => v.map(str::to_owned),
        };
        self.os == os
            && self.architecture == architecture
            && (self.variant.is_none()
                || norm(&self.architecture, self.variant.as_deref()) == norm(architecture, variant))
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a platform: write os/arch or os/arch/variant, as linux/amd64 or linux/arm/v7")]
pub struct PlatformError(String);

impl FromStr for Platform {
    type Err = PlatformError;

    fn from_str(s: &str) -> Result<Platform, PlatformError> {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(PlatformError(s.to_owned()));
        }
        match parts[..] {
            [os, arch] => Ok(Platform {
                os: os.into(),
                architecture: arch.into(),
                variant: None,
            }),
            [os, arch, variant] => Ok(Platform {
                os: os.into(),
                architecture: arch.into(),
                variant: Some(variant.into()),
            }),
            _ => Err(PlatformError(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_match() {
        let arm: Platform = "linux/arm/v7".parse().unwrap();
        assert_eq!(arm.to_string(), "linux/arm/v7");
        assert!(arm.matches("linux", "arm", Some("v7")));
        assert!(!arm.matches("linux", "arm", Some("v6")));
        let arm64: Platform = "linux/arm64/v8".parse().unwrap();
        assert!(arm64.matches("linux", "arm64", None));
        let amd64: Platform = "linux/amd64".parse().unwrap();
        assert!(amd64.matches("linux", "amd64", Some("v3")));
        assert!(!amd64.matches("windows", "amd64", None));
        assert!("linux".parse::<Platform>().is_err());
        assert!("linux//v7".parse::<Platform>().is_err());
        assert!("a/b/c/d".parse::<Platform>().is_err());
    }
}
