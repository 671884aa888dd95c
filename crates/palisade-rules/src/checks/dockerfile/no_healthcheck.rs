//! DF008: the final image has no `HEALTHCHECK`.
//!
//! *What it does.* Finds a final image (the last stage and the stages it is built `FROM`)
//! without a `HEALTHCHECK` instruction. `HEALTHCHECK NONE` is a deliberate choice and counts.
//!
//! *Why is this bad?* Without a health check, Docker and Compose only know whether the process
//! is running, not whether it works: a hung or deadlocked service keeps receiving traffic and
//! is never restarted.
//!
//! *Example.* `HEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-q", "--spider",
//! "http://localhost:8080/health"]`. (Kubernetes ignores it; use liveness and readiness probes
//! there.)
//!
//! *hadolint.* DL3057 (off by default in hadolint); Trivy DS026. Difference, deliberate: hadolint
//! reports stages only other stages copy from; palisade only the final image.

use super::packages::{final_chain, final_instructions};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF008",
        aliases: &["DL3057", "DS026"],
        severity: Severity::Low,
        title: Text {
            en: "No `HEALTHCHECK` in the final image",
            zh: "最终镜像没有 `HEALTHCHECK`",
        },
        description: Text {
            en: "Without a health check, Docker and Compose only know whether the process runs, not whether it \
                 works: a hung service keeps receiving traffic and is never restarted.",
            zh: "没有健康检查时，Docker 和 Compose 只知道进程是否在运行，而不知道它是否正常工作：卡死的服务会继续接收流量，也不会被重启。",
        },
        remediation: Text {
            en: "Add one: `HEALTHCHECK --interval=30s --timeout=3s CMD [\"wget\", \"-q\", \"--spider\", \
                 \"http://localhost:8080/health\"]` (or `HEALTHCHECK NONE` to say none is wanted; in Kubernetes \
                 use liveness and readiness probes).",
            zh: "添加健康检查：`HEALTHCHECK --interval=30s --timeout=3s CMD [\"wget\", \"-q\", \"--spider\", \
                 \"http://localhost:8080/health\"]`（明确不需要时写 `HEALTHCHECK NONE`；在 Kubernetes 中请使用存活和就绪探针）。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#healthcheck",
            "https://github.com/hadolint/hadolint/wiki/DL3057",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    if final_chain(df).is_empty()
        || final_instructions(df)
            .iter()
            .any(|i| i.keyword == Keyword::Healthcheck)
    {
        return;
    }
    let Some(last) = df.final_stage() else { return };
    let from = &df.instructions[last.first];
    let Args::From(f) = &from.args else { return };
    let message = tr!(
        sink.lang(),
        "the final image has no `HEALTHCHECK`; a hung service will not be noticed",
        "最终镜像没有 `HEALTHCHECK`；服务卡死时不会被发现",
    );
    report(sink, df, &RULE.meta, f.image.span, message);
}
