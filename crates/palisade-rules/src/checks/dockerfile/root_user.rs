//! DF006: the final image runs as root.
//!
//! *What it does.* Finds the `USER` that decides who the final image runs as — the last one of
//! the last stage or of the stages it is built `FROM` — when it is `root` or `0` (with or
//! without a group).
//!
//! *Why is this bad?* A process running as root in a container is root on the host's kernel,
//! with one namespace between it and the node: any escape (a kernel bug, a mounted socket, a
//! forgotten capability) is a root escape. The seed's rule: the final stage runs as a non-root
//! user.
//!
//! *Example.* Create a user and end with it: `RUN adduser -S -u 10001 app` … `USER 10001`.
//!
//! *hadolint.* DL3002; Trivy DS002 (whose other half, no `USER` at all, is DF007). Difference,
//! deliberate: hadolint reports the last `USER root` of *every* stage; palisade only the one the
//! final image runs with, since build stages leave nothing of their user behind.

use super::packages::final_instructions;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF006",
        aliases: &["DL3002"],
        severity: Severity::High,
        title: Text {
            en: "Final image runs as root",
            zh: "最终镜像以 root 身份运行",
        },
        description: Text {
            en: "The last `USER` of the final image is root. A root process in a container is root on the \
                 host's kernel with one namespace in between, so any escape — a kernel bug, a mounted socket, \
                 a forgotten capability — is a root escape.",
            zh: "最终镜像的最后一个 `USER` 是 root。容器中的 root 进程就是宿主机内核上的 root，中间只隔着一层命名空间；\
                 任何逃逸途径——内核漏洞、挂载的套接字、遗漏的能力——都会变成 root 逃逸。",
        },
        remediation: Text {
            en: "Create an unprivileged user and switch to it last: `RUN adduser -S -u 10001 app` then \
                 `USER 10001`. Keep `USER root` only for the steps that need it.",
            zh: "创建一个非特权用户并在最后切换过去：`RUN adduser -S -u 10001 app`，然后 `USER 10001`。\
                 只在确有需要的步骤中使用 `USER root`。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#user",
            "https://github.com/hadolint/hadolint/wiki/DL3002",
        ],
        concern: None,
    },
    check,
};

pub(super) fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or_default();
    name == "root" || name == "0"
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let last = final_instructions(df)
        .into_iter()
        .rev()
        .find_map(|i| match &i.args {
            Args::User(user) => Some(user),
            _ => None,
        });
    if let Some(user) = last.filter(|u| is_root(&u.value)) {
        let message = tr!(
            sink.lang(),
            "the final image runs as `{}`; switch to an unprivileged user last",
            "最终镜像以 `{}` 身份运行；请在最后切换到非特权用户",
            user.value,
        );
        report(sink, df, &RULE.meta, user.span, message);
    }
}
