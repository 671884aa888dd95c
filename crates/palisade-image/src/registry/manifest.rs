//! Manifests as registries serve them: OCI image indexes and manifests, Docker schema 2 manifest
//! lists and manifests. Only the fields a pull needs are read; anything else is ignored, and
//! garbage is an error, never a panic.

use serde::Deserialize;

use crate::Platform;

pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

/// The `Accept` header of a manifest request: every kind palisade reads.
pub(crate) const ACCEPT: &str = "application/vnd.oci.image.index.v1+json, \
application/vnd.oci.image.manifest.v1+json, \
application/vnd.docker.distribution.manifest.list.v2+json, \
application/vnd.docker.distribution.manifest.v2+json";

/// A content descriptor: what a manifest points at.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    #[serde(default)]
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    #[serde(default)]
    pub platform: Option<DescriptorPlatform>,
}

/// The platform of an index entry.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct DescriptorPlatform {
    #[serde(default)]
    pub os: String,
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub variant: Option<String>,
}

/// A parsed manifest: either an index of per-platform manifests, or one image's manifest.
#[derive(Debug, PartialEq, Eq)]
pub enum Manifest {
    Index(Vec<Descriptor>),
    Image {
        config: Descriptor,
        layers: Vec<Descriptor>,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    #[serde(default)]
    schema_version: Option<u32>,
    #[serde(default)]
    media_type: Option<String>,
    #[serde(default)]
    manifests: Option<Vec<Descriptor>>,
    #[serde(default)]
    config: Option<Descriptor>,
    #[serde(default)]
    layers: Option<Vec<Descriptor>>,
}

/// Parses a manifest. `content_type` is the registry's `Content-Type`, used when the document
/// does not say its own media type.
pub fn parse(bytes: &[u8], content_type: Option<&str>) -> Result<Manifest, String> {
    let raw: Raw =
        serde_json::from_slice(bytes).map_err(|e| format!("the manifest is not valid JSON: {e}"))?;
    let content_type = content_type.map(|c| c.split(';').next().unwrap_or(c).trim());
    let media_type = raw.media_type.as_deref().or(content_type).unwrap_or("");
    if raw.schema_version == Some(1)
        || media_type.starts_with("application/vnd.docker.distribution.manifest.v1+")
    {
        return Err("it is a Docker schema 1 manifest, which palisade does not read (re-push the image with a current client)".into());
    }
    if ![
        OCI_INDEX,
        DOCKER_LIST,
        OCI_MANIFEST,
        DOCKER_MANIFEST,
        "",
        "application/json",
    ]
    .contains(&media_type)
    {
        return Err(format!(
            "its media type is `{}`, not an image manifest or index",
            media_type.chars().take(100).collect::<String>()
        ));
    }
    let is_index = media_type == OCI_INDEX
        || media_type == DOCKER_LIST
        || (raw.manifests.is_some() && raw.layers.is_none());
    let check = |d: &Descriptor| {
        super::reference::check_digest(&d.digest)
            .map_err(|e| format!("a descriptor in the manifest is invalid: {e}"))
    };
    if is_index {
        let manifests = raw.manifests.ok_or("the image index has no `manifests` list")?;
        manifests.iter().try_for_each(check)?;
        return Ok(Manifest::Index(manifests));
    }
    let config = raw.config.ok_or("the image manifest has no `config`")?;
    let layers = raw.layers.ok_or("the image manifest has no `layers`")?;
    check(&config)?;
    layers.iter().try_for_each(check)?;
    Ok(Manifest::Image { config, layers })
}

/// The index entry for `platform`, or an error listing the platforms the index offers.
/// Entries that are not images (attestations, `unknown/unknown`) are skipped.
pub fn choose<'a>(manifests: &'a [Descriptor], platform: &Platform) -> Result<&'a Descriptor, String> {
    let found = manifests.iter().find(|d| {
        d.platform
            .as_ref()
            .is_some_and(|p| platform.matches(&p.os, &p.architecture, p.variant.as_deref()))
    });
    if let Some(d) = found {
        return Ok(d);
    }
    let mut offered: Vec<String> = manifests
        .iter()
        .filter_map(|d| d.platform.as_ref())
        .filter(|p| p.os != "unknown")
        .map(|p| match &p.variant {
            Some(v) if !v.is_empty() => format!("{}/{}/{v}", p.os, p.architecture),
            _ => format!("{}/{}", p.os, p.architecture),
        })
        .collect();
    offered.dedup();
    Err(if offered.is_empty() {
        format!("the image index has no manifest for {platform} (it names no platforms)")
    } else {
        format!(
            "the image index has no manifest for {platform}; it has {} (choose one with --platform)",
            offered.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const D1: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    const D2: &str = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    #[test]
    fn index_and_platform_choice() {
        let index = format!(
            r#"{{"schemaVersion":2,"mediaType":"{OCI_INDEX}","manifests":[
              {{"mediaType":"{OCI_MANIFEST}","digest":"{D1}","size":10,"platform":{{"os":"linux","architecture":"amd64"}}}},
              {{"mediaType":"{OCI_MANIFEST}","digest":"{D2}","size":11,"platform":{{"os":"linux","architecture":"arm","variant":"v7"}}}},
              {{"mediaType":"{OCI_MANIFEST}","digest":"{D2}","size":11,"platform":{{"os":"unknown","architecture":"unknown"}}}}]}}"#
        );
        let Manifest::Index(entries) = parse(index.as_bytes(), None).unwrap() else {
            panic!("not an index")
        };
        let arm: Platform = "linux/arm/v7".parse().unwrap();
        assert_eq!(choose(&entries, &arm).unwrap().digest, D2);
        let amd: Platform = "linux/amd64".parse().unwrap();
        assert_eq!(choose(&entries, &amd).unwrap().digest, D1);
        let s390: Platform = "linux/s390x".parse().unwrap();
        let err = choose(&entries, &s390).unwrap_err();
        assert!(err.contains("no manifest for linux/s390x"), "{err}");
        assert!(err.contains("linux/amd64, linux/arm/v7 (choose"), "{err}");
    }

    #[test]
    fn image_manifest_by_content_type() {
        let m = format!(
            r#"{{"schemaVersion":2,"config":{{"digest":"{D1}","size":5}},"layers":[{{"digest":"{D2}","size":7,"mediaType":"x"}}]}}"#
        );
        let Manifest::Image { config, layers } = parse(m.as_bytes(), Some(DOCKER_MANIFEST)).unwrap() else {
            panic!("not an image")
        };
        assert_eq!((config.size, layers.len(), layers[0].size), (5, 1, 7));
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(
            parse(
                br#"{"mediaType":"application/vnd.oci.artifact.manifest.v1+json"}"#,
                None
            )
            .unwrap_err()
            .contains("not an image")
        );
        assert!(parse(b"", None).unwrap_err().contains("not valid JSON"));
        assert!(parse(b"[1,2]", None).is_err());
        assert!(
            parse(br#"{"schemaVersion":1,"fsLayers":[]}"#, None)
                .unwrap_err()
                .contains("schema 1")
        );
        assert!(
            parse(br#"{"config":{"digest":"sha256:x","size":1},"layers":[]}"#, None)
                .unwrap_err()
                .contains("descriptor")
        );
        assert!(
            parse(br#"{"layers":[]}"#, None)
                .unwrap_err()
                .contains("no `config`")
        );
        assert!(
            parse(
                format!(r#"{{"config":{{"digest":"{D1}","size":-1}},"layers":[]}}"#).as_bytes(),
                None
            )
            .is_err()
        );
    }
}
