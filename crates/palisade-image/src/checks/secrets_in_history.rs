//! IMG004: a secret in the image's build history: a build argument or a command line.
//!
//! *What it does.* Runs the secret scanner over each history step's `created_by` (the Dockerfile
//! instruction, with the build arguments it used: `RUN |1 NPM_TOKEN=… /bin/sh -c npm ci`) and
//! `comment`.
//!
//! *Why is this bad?* `docker history --no-trunc` prints every step of every image. A secret
//! passed with `--build-arg` or written into a `RUN` line stays in the image for good, even when
//! a later step deletes the file it went into.
//!
//! *Example.* Use BuildKit secret mounts: `RUN --mount=type=secret,id=npm npm ci`.
//!
//! *Trivy.* Reports these as secrets found in the image configuration (no rule id of its own).

use palisade_core::{RuleMeta, Severity, Text, tr};

use super::{ImageRule, Sink, secret_summary};
use crate::ImageInfo;

pub(super) static RULE: ImageRule = ImageRule {
    meta: RuleMeta {
        code: "IMG004",
        aliases: &[],
        severity: Severity::Critical,
        title: Text {
            en: "Secret in the image's build history",
            zh: "镜像构建历史中含有密钥",
        },
        description: Text {
            en: "A step of the image's history (a build argument or a command line) contains a credential. \
                 `docker history --no-trunc` shows it to anyone who can pull the image, and deleting the \
                 file in a later step does not remove it.",
            zh: "镜像历史中的某一步（构建参数或命令行）含有凭据。任何能拉取镜像的人都能通过 \
                 `docker history --no-trunc` 看到它，后续步骤删除文件也无法把它抹掉。",
        },
        remediation: Text {
            en: "Pass build secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=token …`, \
                 `docker build --secret id=token,src=…`) instead of `--build-arg` or literals; rebuild \
                 and rotate the credential.",
            zh: "使用 BuildKit 的密钥挂载传递构建密钥（`RUN --mount=type=secret,id=token …`、\
                 `docker build --secret id=token,src=…`），不要用 `--build-arg` 或直接写在命令里；\
                 然后重新构建镜像并轮换凭据。",
        },
        references: &[
            "https://docs.docker.com/build/building/secrets/",
            "https://docs.docker.com/reference/cli/docker/image/history/",
        ],
        concern: None,
    },
    check,
};

fn check(image: &ImageInfo, sink: &mut Sink<'_>) {
    for (i, step) in image.history.iter().enumerate() {
        for (field, text) in [("created_by", &step.created_by), ("comment", &step.comment)] {
            let Some(text) = text else { continue };
            for secret in sink.secrets(text) {
                let what = secret_summary(&secret);
                let n = i + 1;
                let message = tr!(
                    sink.lang(),
                    "step {n} of the image's build history holds a secret: {what}",
                    "镜像构建历史第 {n} 步含有密钥：{what}",
                );
                sink.report(&RULE.meta, format!("history[{i}].{field}"), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{clean, codes, image};
    use crate::History;

    #[test]
    fn build_args_and_commands_are_read() {
        let mut img = image(clean());
        img.history = vec![
            History {
                created_by: Some("/bin/sh -c #(nop) ADD file:abc in / ".into()),
                ..History::default()
            },
            History {
                created_by: Some(
                    "RUN |1 GITHUB_TOKEN=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 /bin/sh -c git clone https://github.com/acme/app".into(),
                ),
                ..History::default()
            },
            History {
                created_by: Some("ENV AWS_ACCESS_KEY_ID=AKIABSIN4ZCATC7SM7BJ".into()),
                empty_layer: true,
                comment: Some("buildkit.dockerfile.v0".into()),
            },
        ];
        assert_eq!(
            codes(&img),
            vec![
                ("IMG004".to_owned(), "history[1].created_by".to_owned()),
                ("IMG004".to_owned(), "history[2].created_by".to_owned()),
            ]
        );
    }
}
