//! K8S213: a container image comes from a registry outside `trusted_registries`.
//!
//! Inactive while `trusted_registries` is empty (blank entries do not count). An entry allows:
//! - a registry host, port included, compared without regard to case: `registry.example.com`,
//!   `localhost:5000`, `[::1]:5000`;
//! - a host and a path prefix, matched at `/` boundaries: `ghcr.io/acme` allows
//!   `ghcr.io/acme/app` but not `ghcr.io/acme-evil/app`;
//! - `*.` and a domain for every subdomain of it: `*.azurecr.io`.
//!
//! Images are normalised first (`image_ref.rs`): an image without a host is on `docker.io`, and a
//! one-component name is under `library/`, so `nginx` needs `docker.io` or `docker.io/library`.
//! `index.docker.io` means `docker.io` on both sides.
//!
//! Trivy's KSV0125 has the same intent but differs: with no configuration it trusts a built-in
//! list (Azure, ECR and GCR hosts) where palisade stays silent; it takes the first path component
//! as the registry even on Docker Hub (`library/nginx` is "registry" `library`); and it matches
//! hosts by plain suffix, so `evilregistry.example.com` passes an entry `registry.example.com`.

use super::container_label;
use super::image_ref::{DOCKER_HUB, ImageRef, container_images};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S213",
        aliases: &["KSV0125"],
        severity: Severity::Medium,
        title: Text {
            en: "Image comes from a registry outside the trusted list",
            zh: "镜像来自受信任列表之外的镜像仓库",
        },
        description: Text {
            en: "Images are code that runs in your cluster. Pulling from an arbitrary registry skips \
                 the scanning, signing and retention rules your own registries enforce, and a \
                 typo-squatted or hijacked public repository then runs with the pod's privileges. \
                 This rule is active only when `trusted_registries` is configured.",
            zh: "镜像就是在集群里运行的代码。从任意镜像仓库拉取，会绕过自有仓库上的漏洞扫描、签名和留存规则；\
                 一个名字仿冒或被劫持的公共仓库，就会带着 Pod 的权限运行。只有配置了 \
                 `trusted_registries` 时本规则才会生效。",
        },
        remediation: Text {
            en: "Mirror or rebuild the image into a trusted registry and reference it there \
                 (`registry.example.com/team/app:1.4.2`), or, after review, add its registry to \
                 `trusted_registries`. An entry is a registry host (`registry.example.com`, \
                 `localhost:5000`), a host and path prefix (`ghcr.io/acme`), or `*.` and a domain \
                 for its subdomains (`*.azurecr.io`); Docker Hub is `docker.io`, and its official \
                 images are under `docker.io/library`.",
            zh: "把镜像同步或重新构建到受信任的仓库，并从那里引用（`registry.example.com/team/app:1.4.2`）；\
                 或者在审查之后，把它的仓库加入 `trusted_registries`。列表项可以是仓库主机\
                 （`registry.example.com`、`localhost:5000`）、主机加路径前缀（`ghcr.io/acme`），\
                 或 `*.` 加域名表示其所有子域名（`*.azurecr.io`）；Docker Hub 写作 `docker.io`，\
                 其官方镜像位于 `docker.io/library` 之下。",
        },
        references: &[
            "https://kubernetes.io/docs/concepts/containers/images/",
            "https://kubernetes.io/docs/concepts/security/security-checklist/#images",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let trusted: Vec<&str> = sink
        .settings()
        .trusted_registries
        .iter()
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
        .collect();
    if trusted.is_empty() {
        return;
    }
    let mut findings = Vec::new();
    for image in container_images(object) {
        if trusted.iter().any(|entry| allows(entry, &image.reference)) {
            continue;
        }
        let full = format!("{}/{}", image.reference.registry, image.reference.repository);
        findings.push((image, full));
    }
    if findings.is_empty() {
        return;
    }
    let separator = tr!(sink.lang(), ", ", "、");
    let list = trusted
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(&separator);
    for (image, full) in findings {
        let who = container_label(&image.container, sink.lang());
        // Spell out the normalised name where the reference hides it (Docker Hub).
        // In Chinese, the space before the verb only follows plain code, not a closing bracket.
        let text = if image.text.starts_with(&full) {
            tr!(sink.lang(), "`{}`", "`{}` ", image.text)
        } else {
            tr!(sink.lang(), "`{}` (`{full}`)", "`{}`（`{full}`）", image.text)
        };
        let message = tr!(
            sink.lang(),
            "{who} uses {text}, which is not from a trusted registry ({list}); mirror it into a trusted registry and reference it there",
            "{who} 的镜像 {text}不属于受信任的镜像仓库（{list}）；请把它同步到受信任的仓库并从那里引用",
        );
        sink.report(&RULE.meta, image.node, image.container.field("image"), message);
    }
}

/// Whether the `trusted_registries` entry `entry` allows `image`.
fn allows(entry: &str, image: &ImageRef<'_>) -> bool {
    let entry = entry.trim().trim_end_matches('/');
    let (host, path) = match entry.split_once('/') {
        Some((host, path)) => (host, Some(path)),
        None => (entry, None),
    };
    if host.is_empty() {
        return false;
    }
    let host = if host.eq_ignore_ascii_case("index.docker.io") {
        DOCKER_HUB
    } else {
        host
    };
    let registry = image.registry.to_ascii_lowercase();
    let host_matches = match host.strip_prefix("*.") {
        Some(domain) => registry
            .strip_suffix(&domain.to_ascii_lowercase())
            .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
        None => registry == host.to_ascii_lowercase(),
    };
    host_matches
        && path.is_none_or(|prefix| {
            let repository = image.repository.as_ref();
            repository == prefix
                || repository
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(entry: &str, image: &str) -> bool {
        allows(entry, &ImageRef::parse(image).unwrap())
    }

    #[test]
    fn hosts_match_exactly_and_without_case() {
        assert!(allowed("registry.example.com", "registry.example.com/app:1"));
        assert!(allowed("Registry.Example.com", "registry.example.com/a/b"));
        assert!(!allowed("registry.example.com", "evilregistry.example.com/app"));
        assert!(!allowed(
            "registry.example.com",
            "registry.example.com.evil.io/app"
        ));
        assert!(!allowed("registry.example.com", "registry.example.com:5000/app"));
        assert!(allowed("localhost:5000", "localhost:5000/app"));
        assert!(allowed("[::1]:5000", "[::1]:5000/app"));
    }

    #[test]
    fn path_prefixes_stop_at_slashes() {
        assert!(allowed("ghcr.io/acme", "ghcr.io/acme/app:1"));
        assert!(allowed("ghcr.io/acme/", "ghcr.io/acme/team/app"));
        assert!(!allowed("ghcr.io/acme", "ghcr.io/acme-evil/app"));
        assert!(!allowed("ghcr.io/acme", "ghcr.io/other/app"));
    }

    #[test]
    fn docker_hub_is_explicit() {
        assert!(allowed("docker.io", "nginx"));
        assert!(allowed("docker.io/library", "nginx:1.27"));
        assert!(allowed("index.docker.io/library", "docker.io/library/nginx"));
        assert!(!allowed("docker.io/library", "bitnami/nginx"));
        assert!(allowed("docker.io/bitnami", "bitnami/nginx"));
        assert!(!allowed("registry.example.com", "nginx"));
    }

    #[test]
    fn wildcards_cover_subdomains_only() {
        assert!(allowed("*.azurecr.io", "acme.azurecr.io/app"));
        assert!(!allowed("*.azurecr.io", "azurecr.io/app"));
        assert!(!allowed("*.azurecr.io", "evilazurecr.io/app"));
    }

    #[test]
    fn empty_entries_allow_nothing() {
        assert!(!allowed("", "nginx"));
        assert!(!allowed("/", "nginx"));
    }
}
