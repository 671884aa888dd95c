//! IMG003: a secret in the image's labels (`LABEL` in the Dockerfile).
//!
//! *What it does.* Runs the secret scanner over each label, written `key=value`.
//!
//! *Why is this bad?* Labels are image metadata, readable by anyone who can pull or list the
//! image, and copied into registries' and scanners' indexes.
//!
//! *Example.* Keep credentials out of labels; a label should name, not authenticate.
//!
//! *Trivy.* Reports these as secrets found in the image configuration (no rule id of its own).

use palisade_core::{RuleMeta, Severity, Text, tr};

use super::{ImageRule, Sink, secret_summary};
use crate::ImageInfo;

pub(super) static RULE: ImageRule = ImageRule {
    meta: RuleMeta {
        code: "IMG003",
        aliases: &[],
        severity: Severity::Critical,
        title: Text {
            en: "Secret in the image's labels",
            zh: "镜像标签中含有密钥",
        },
        description: Text {
            en: "A label of the image holds a credential. Labels are metadata that anyone who can pull \
                 or list the image can read, and registries and scanners copy them into their indexes.",
            zh: "镜像的某个标签含有凭据。标签是元数据，任何能拉取或列出该镜像的人都能读到，\
                 镜像仓库和扫描工具还会把它们复制进自己的索引。",
        },
        remediation: Text {
            en: "Remove the label, rebuild the image, rotate the credential, and delete the old image \
                 from every registry it was pushed to.",
            zh: "删除该标签并重新构建镜像，轮换凭据，并从所有推送过的镜像仓库中删除旧镜像。",
        },
        references: &["https://docs.docker.com/reference/dockerfile/#label"],
        concern: None,
    },
    check,
};

fn check(image: &ImageInfo, sink: &mut Sink<'_>) {
    for (key, value) in &image.config.labels {
        for secret in sink.secrets(&format!("{key}={value}")) {
            let what = secret_summary(&secret);
            let message = tr!(
                sink.lang(),
                "label `{key}` of the image holds a secret: {what}",
                "镜像标签 `{key}` 含有密钥：{what}",
            );
            sink.report(&RULE.meta, format!("config.Labels.{key}"), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{clean, codes, image};

    #[test]
    fn credentials_in_labels_are_reported() {
        let mut config = clean();
        config.labels.insert(
            "ci.clone-url".into(),
            "https://x-access-token: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@github.com/acme/app.git".into(),
        );
        config
            .labels
            .insert("maintainer".into(), "ops@example.com".into());
        assert_eq!(
            codes(&image(config)),
            vec![("IMG003".to_owned(), "config.Labels.ci.clone-url".to_owned())]
        );
    }
}
