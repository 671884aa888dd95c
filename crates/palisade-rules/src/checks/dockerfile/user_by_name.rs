//! DF146: `USER` names a user rather than a numeric id.
//!
//! *What it does.* Finds `USER` whose user part (before `:`) is not a number.
//!
//! *Why is this bad?* Kubernetes' `runAsNonRoot` can only verify a numeric user: with `USER app`
//! the kubelet refuses to start the pod (it cannot tell `app` is not root), and on hosts the
//! name may map to another id or none.
//!
//! *Example.* `USER app` → `USER 10001` (or `USER 10001:10001`).
//!
//! *hadolint.* DL3066. Difference: the value is read as BuildKit reads it, quotes removed
//! (`USER "1000"` is numeric; hadolint keeps the quotes and reports it).

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF146",
        aliases: &["DL3066"],
        severity: Severity::Info,
        title: Text {
            en: "`USER` is a name, not a numeric id",
            zh: "`USER` 使用了用户名而不是数字 ID",
        },
        description: Text {
            en: "Kubernetes' `runAsNonRoot` can only verify a numeric user: with `USER app` the kubelet \
                 refuses to start the pod, since it cannot tell that `app` is not root. Names may also \
                 resolve to different ids on different hosts.",
            zh: "Kubernetes 的 `runAsNonRoot` 只能校验数字形式的用户：写 `USER app` 时，kubelet 无法确认 `app` 不是 root，\
                 会拒绝启动 Pod。用户名在不同主机上也可能对应不同的 ID。",
        },
        remediation: Text {
            en: "Use the numeric id the image creates: `USER 10001:10001`.",
            zh: "使用镜像中创建的数字 ID：`USER 10001:10001`。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
            "https://github.com/hadolint/hadolint/wiki/DL3066",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in &df.instructions {
        let Args::User(user) = &instruction.args else {
            continue;
        };
        let name = user.value.split(':').next().unwrap_or_default();
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let message = tr!(
            sink.lang(),
            "`USER {name}` is a name; use its numeric id so `runAsNonRoot` can verify it",
            "`USER {name}` 是用户名；请改用数字 ID，以便 `runAsNonRoot` 校验",
        );
        report(sink, df, &RULE.meta, user.span, message);
    }
}
