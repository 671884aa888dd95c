//! DC016: a compose service has a credential written in its `environment`: a literal value under
//! a name like `*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `API_KEY`, or a value that is a credential
//! whatever its name (an AWS key, a private key, a URL with a password …).
//!
//! Values Compose fills in (`${DB_PASSWORD}`, `$TOKEN`) and variables passed through from the
//! host (`- API_KEY` with no value) are what this rule asks for, never findings. The credential
//! shapes are K8S302's; the value is shown masked.

use super::prelude::*;
use crate::checks::runtime;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DC016",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Credential written in a service's environment",
            zh: "服务的环境变量中写有明文凭据",
        },
        description: Text {
            en: "A password or token written in a compose file is in every clone of the repository and its \
                 history, in CI logs, and in `docker inspect` output of every host that runs it, for anyone \
                 who can read any of them. Changing it means changing the file, so it rarely changes.",
            zh: "写在 compose 文件里的密码或令牌，会出现在仓库的每一份克隆及其历史、CI 日志，以及运行它的每台宿主机\
                 的 `docker inspect` 输出里，任何能读到其中之一的人都能拿到。要更换它就得改文件，所以它很少被更换。",
        },
        remediation: Text {
            en: "Take the value from the environment or an untracked `.env` file (`DB_PASSWORD: ${DB_PASSWORD}`), \
                 or better, use compose `secrets` and an image that reads `*_FILE` variables; then rotate the \
                 exposed credential.",
            zh: "改为从环境变量或不纳入版本控制的 `.env` 文件读取（`DB_PASSWORD: ${DB_PASSWORD}`），更好的做法是使用 \
                 compose 的 `secrets` 并配合支持 `*_FILE` 变量的镜像；然后轮换已经泄露的凭据。",
        },
        references: &[
            "https://docs.docker.com/compose/how-tos/use-secrets/",
            "https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/",
        ],
        concern: None,
    },
    check,
};

fn check(service: &Service<'_>, sink: &mut Sink<'_>) {
    for var in service.environment() {
        let Some(value) = var.value else { continue };
        if runtime::interpolated(value) {
            continue;
        }
        let Some(found) = runtime::credential(var.name, value) else {
            continue;
        };
        let (name, key, masked) = (service.name, var.name, found.masked.as_str());
        let (en, zh) = found.kind.describe();
        let message = tr!(
            sink.lang(),
            "service `{name}` has {en} in `{key}` (`{masked}`); take it from the environment or a compose secret",
            "服务 `{name}` 的 `{key}` 中写有{zh}（`{masked}`）；请改为从环境变量或 compose secret 读取",
        );
        sink.report(&RULE.meta, var.at, var.field, message);
    }
}
