//! DR016: `docker run -e DB_PASSWORD=s3cret` — a credential passed as a literal environment value:
//! a keyword-named variable (`*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `API_KEY` …) or a value that is
//! a credential whatever its name. `-e NAME` (passed through from the caller's environment),
//! `-e NAME="$NAME"`, `--env-file` and placeholders are fine. Values are shown masked.

use super::prelude::*;
use crate::checks::runtime;
use crate::dockerrun::syntax::env_pair;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DR016",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Credential passed on the command line (`-e NAME=value`)",
            zh: "在命令行中传入明文凭据（`-e NAME=value`）",
        },
        description: Text {
            en: "A password written into a `docker run` line is in the script's history, the shell's history, \
                 CI logs, the host's process list while the command runs, and the container's configuration \
                 (`docker inspect`) for as long as it exists.",
            zh: "写在 `docker run` 命令里的密码会留在脚本的版本历史、shell 历史、CI 日志、命令运行期间宿主机的进程列表\
                 中，并在容器存续期间一直留在容器配置（`docker inspect`）里。",
        },
        remediation: Text {
            en: "Pass the name only (`-e DB_PASSWORD`, taken from the caller's environment or CI secret store), \
                 or use `--env-file` with an untracked file, or a secret mounted as a file; then rotate the \
                 exposed credential.",
            zh: "只传变量名（`-e DB_PASSWORD`，值取自调用方的环境变量或 CI 的密钥库），或使用不纳入版本控制的 \
                 `--env-file` 文件，或以文件形式挂载的 secret；然后轮换已经泄露的凭据。",
        },
        references: &["https://docs.docker.com/reference/cli/docker/container/run/#env"],
        concern: None,
    },
    check,
};

fn check(command: &RunCommand, sink: &mut Sink<'_>) {
    for (option, arg) in command.values("env") {
        if arg.expansion {
            continue;
        }
        let (name, Some(value)) = env_pair(&arg.text) else {
            continue;
        };
        let Some(found) = runtime::credential(name, value) else {
            continue;
        };
        let (image, masked) = (command.image_name(), found.masked.as_str());
        let (en, zh) = found.kind.describe();
        let message = tr!(
            sink.lang(),
            "container `{image}` gets {en} in `{name}` (`{masked}`) on the command line; pass `-e {name}` from \
             the environment or use `--env-file`",
            "容器 `{image}` 通过命令行在 `{name}` 中收到{zh}（`{masked}`）；请改为 `-e {name}` 从环境变量传入，\
             或使用 `--env-file`",
        );
        report(sink, &RULE.meta, option.span, message);
    }
}
