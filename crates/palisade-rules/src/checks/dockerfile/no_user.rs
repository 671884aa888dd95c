//! DF007: the final image sets no `USER`.
//!
//! *What it does.* Finds a final image (the last stage and the stages it is built `FROM`) with no
//! `USER` at all. Base images whose tag says they run unprivileged (`…:nonroot`, as distroless
//! publishes) are trusted to.
//!
//! *Why is this bad?* Without `USER` the container runs as the base image's user, which for
//! nearly every base image is root (see DF006).
//!
//! *Example.* Add `USER 10001` (after creating the user) at the end of the final stage.
//!
//! *Trivy.* DS002.

use super::packages::{final_chain, final_instructions};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF007",
        aliases: &["DS002"],
        severity: Severity::Medium,
        title: Text {
            en: "Final image sets no `USER`",
            zh: "最终镜像没有设置 `USER`",
        },
        description: Text {
            en: "Without a `USER`, the container runs as the base image's user, which for nearly every base \
                 image is root: any container escape is then a root escape.",
            zh: "没有 `USER` 时，容器以基础镜像的用户身份运行，而几乎所有基础镜像的默认用户都是 root：任何容器逃逸都会成为 root 逃逸。",
        },
        remediation: Text {
            en: "Create an unprivileged user and end the final stage with `USER 10001` (a numeric id, so \
                 Kubernetes' `runAsNonRoot` can verify it).",
            zh: "创建非特权用户，并在最终阶段末尾写上 `USER 10001`（使用数字 ID，便于 Kubernetes 的 `runAsNonRoot` 校验）。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#user",
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    if final_instructions(df).iter().any(|i| i.keyword == Keyword::User) {
        return;
    }
    let Some(&root_stage) = final_chain(df).last() else {
        return;
    };
    let stage = &df.stages[root_stage];
    if let Base::Image(image) = &stage.base {
        if image.tag.as_deref().is_some_and(|t| t.contains("nonroot")) {
            return;
        }
    }
    let Some(last) = df.final_stage() else { return };
    let from = &df.instructions[last.first];
    let Args::From(f) = &from.args else { return };
    let message = tr!(
        sink.lang(),
        "the final image sets no `USER`, so it runs as the base image's user (usually root); add `USER <uid>`",
        "最终镜像没有设置 `USER`，会以基础镜像的用户（通常是 root）运行；请加上 `USER <uid>`",
    );
    report(sink, df, &RULE.meta, f.image.span, message);
}
