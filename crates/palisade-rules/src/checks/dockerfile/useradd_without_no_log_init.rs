//! DF137: `useradd` with a large UID and without `-l`.
//!
//! *What it does.* Finds `useradd -u <uid>` where the UID is longer than five characters, without
//! `-l` / `--no-log-init`. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* `useradd` writes the user's entry into `/var/log/lastlog` and `faillog`,
//! sparse files sized by the UID; a layer cannot keep them sparse, so a UID of 100000000 adds
//! gigabytes of zeros to the image.
//!
//! *Example.* `RUN useradd -u 100001 app` → `RUN useradd --no-log-init -u 100001 app`.
//!
//! *hadolint.* DL3046 (its length test included: the UID as written, quotes and all).

use super::packages::commands;
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF137",
        aliases: &["DL3046"],
        severity: Severity::Low,
        title: Text {
            en: "`useradd` with a high UID without `-l`",
            zh: "`useradd` 使用大 UID 却未加 `-l`",
        },
        description: Text {
            en: "`useradd` records the user in `/var/log/lastlog` and `faillog`, sparse files sized by the \
                 UID. Layers cannot keep them sparse, so a large UID adds gigabytes of zeros to the image.",
            zh: "`useradd` 会把用户写入 `/var/log/lastlog` 和 `faillog`，这两个稀疏文件的大小取决于 UID。\
                 镜像层无法保持稀疏，大 UID 会让镜像多出几个 GB 的零字节。",
        },
        remediation: Text {
            en: "Add `--no-log-init` (`-l`): `useradd --no-log-init -u 100001 app`.",
            zh: "加上 `--no-log-init`（`-l`）：`useradd --no-log-init -u 100001 app`。",
        },
        references: &[
            "https://docs.docker.com/build/building/best-practices/#user",
            "https://github.com/hadolint/hadolint/wiki/DL3046",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        if cmd.name() != "useradd" || cmd.has_flag(&["no-log-init"], &['l']) {
            continue;
        }
        let args = cmd.args();
        let Some(uid) = args
            .iter()
            .position(|w| w.value == "-u")
            .and_then(|i| args.get(i + 1))
        else {
            continue;
        };
        if df.text(uid.span).chars().count() > 5 {
            let message = tr!(
                sink.lang(),
                "`useradd -u {}` without `--no-log-init` fills the image with a huge lastlog file",
                "`useradd -u {}` 未加 `--no-log-init`，会在镜像中留下巨大的 lastlog 文件",
                uid.value,
            );
            report(sink, df, &RULE.meta, cmd.span, message);
        }
    }
}
