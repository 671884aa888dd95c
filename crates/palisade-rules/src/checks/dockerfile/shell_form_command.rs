//! DF119: `CMD` or `ENTRYPOINT` in shell form.
//!
//! *What it does.* Finds `CMD` and `ENTRYPOINT` written as a command line rather than a JSON array.
//!
//! *Why is this bad?* The shell form runs `/bin/sh -c "…"`: the shell is PID 1, the application is
//! its child, and `docker stop`'s SIGTERM never reaches it; after the timeout it is killed
//! without a chance to finish its work. An `ENTRYPOINT` in shell form also ignores `CMD` and
//! `docker run` arguments.
//!
//! *Example.* `CMD python app.py` → `CMD ["python", "app.py"]`.
//!
//! *hadolint.* DL3025. Difference, deliberate: hadolint also reports `HEALTHCHECK CMD` in shell
//! form, where no signal is at stake; palisade does not.

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF119",
        aliases: &["DL3025"],
        severity: Severity::Low,
        title: Text {
            en: "`CMD` or `ENTRYPOINT` in shell form",
            zh: "`CMD` 或 `ENTRYPOINT` 使用了 shell 形式",
        },
        description: Text {
            en: "In shell form the container's PID 1 is `/bin/sh`, not your program: `docker stop`'s SIGTERM \
                 never reaches it, so it is killed after the timeout without a clean shutdown. A shell-form \
                 `ENTRYPOINT` also ignores `CMD` and `docker run` arguments.",
            zh: "shell 形式下容器的 1 号进程是 `/bin/sh` 而不是你的程序：`docker stop` 发出的 SIGTERM 到不了程序，\
                 超时后它会被强制杀死，无法正常退出。shell 形式的 `ENTRYPOINT` 还会忽略 `CMD` 和 `docker run` 传入的参数。",
        },
        remediation: Text {
            en: "Write it as a JSON array: `CMD [\"python\", \"app.py\"]`; if you need the shell, end the \
                 script with `exec` so the program replaces it.",
            zh: "改写成 JSON 数组：`CMD [\"python\", \"app.py\"]`；如果确实需要 shell，请在脚本末尾用 `exec` 让程序替换掉 shell。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
            "https://github.com/hadolint/hadolint/wiki/DL3025",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for instruction in &df.instructions {
        let (Args::Cmd(line) | Args::Entrypoint(line)) = &instruction.args else {
            continue;
        };
        let CommandLine::Shell { text, .. } = line else {
            continue;
        };
        if text.value.trim().is_empty() {
            continue;
        }
        let keyword = instruction.keyword.as_str();
        let message = tr!(
            sink.lang(),
            "`{keyword}` in shell form runs under `/bin/sh`, which does not pass on stop signals; write it as a JSON array",
            "shell 形式的 `{keyword}` 运行在 `/bin/sh` 之下，停止信号传不到程序；请改写成 JSON 数组",
        );
        report(sink, df, &RULE.meta, text.span, message);
    }
}
