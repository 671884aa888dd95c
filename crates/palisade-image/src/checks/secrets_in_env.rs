//! IMG002: a secret in the image's environment (`ENV` in the Dockerfile).
//!
//! *What it does.* Runs the secret scanner (the SEC rules) over each `KEY=value` of
//! `config.Env`, and reports every credential it recognises.
//!
//! *Why is this bad?* The environment is part of the image configuration: anyone who can pull
//! the image reads it with `docker inspect`, and every container started from it inherits it.
//!
//! *Example.* Pass the value at run time (`docker run -e`, a Kubernetes Secret), or mount it as a
//! file; never `ENV API_TOKEN=…`.
//!
//! *Trivy.* Reports these as secrets found in the image configuration (no rule id of its own).

use palisade_core::{RuleMeta, Severity, Text, tr};

use super::{ImageRule, Sink, secret_summary};
use crate::ImageInfo;

pub(super) static RULE: ImageRule = ImageRule {
    meta: RuleMeta {
        code: "IMG002",
        aliases: &[],
        severity: Severity::Critical,
        title: Text {
            en: "Secret in the image's environment",
            zh: "镜像环境变量中含有密钥",
        },
        description: Text {
            en: "An `ENV` value of the image is a credential. The environment is stored in the image \
                 configuration: anyone who can pull the image reads it with `docker inspect`, and every \
                 container started from it carries it.",
            zh: "镜像的某个 `ENV` 值是凭据。环境变量保存在镜像配置里：任何能拉取该镜像的人都能用 \
                 `docker inspect` 读到它，由该镜像启动的每个容器也都带着它。",
        },
        remediation: Text {
            en: "Remove the `ENV` line, rotate the credential, and supply it at run time from a secret \
                 store (a Kubernetes Secret, `docker run --env-file`, a mounted file).",
            zh: "删除该 `ENV` 行并轮换凭据，改为在运行时从密钥存储注入（Kubernetes Secret、\
                 `docker run --env-file`、挂载文件）。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#env",
            "https://kubernetes.io/docs/concepts/configuration/secret/",
        ],
        concern: None,
    },
    check,
};

fn check(image: &ImageInfo, sink: &mut Sink<'_>) {
    for (i, entry) in image.config.env.iter().enumerate() {
        let name = entry.split('=').next().unwrap_or_default();
        for secret in sink.secrets(entry) {
            let what = secret_summary(&secret);
            let message = tr!(
                sink.lang(),
                "environment variable `{name}` of the image holds a secret: {what}",
                "镜像环境变量 `{name}` 含有密钥：{what}",
            );
            sink.report(&RULE.meta, format!("config.Env[{i}]"), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{clean, codes, image, run};
    use palisade_core::Lang;

    #[test]
    fn credentials_in_env_are_reported_masked() {
        let mut config = clean();
        config.env.push("AWS_ACCESS_KEY_ID=AKIABSIN4ZCATC7SM7BJ".into());
        config
            .env
            .push("GITHUB_TOKEN=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".into());
        config.env.push("HOME=/home/app".into());
        let found = run(&image(config), Lang::En);
        let fields: Vec<&str> = found.iter().map(|(_, f, _)| f.as_str()).collect();
        assert_eq!(fields, ["config.Env[2]", "config.Env[3]"], "{found:?}");
        assert!(found.iter().all(|(code, _, _)| code == "IMG002"));
        assert!(found[0].2.contains("`AWS_ACCESS_KEY_ID`"), "{found:?}");
        for (_, _, message) in &found {
            assert!(
                !message.contains("AKIABSIN4ZCATC7SM7BJ") && !message.contains("9PexQxF7cbCSk3F6YrH"),
                "{message}"
            );
        }
    }

    #[test]
    fn documented_examples_and_plain_values_are_not() {
        let mut config = clean();
        config.env.push("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE".into());
        config.env.push("PASSWORD_FILE=/run/secrets/db".into());
        assert!(codes(&image(config)).is_empty());
    }
}
