//! DF108: `pip install` without package versions.
//!
//! *What it does.* Finds `pip install` packages without a version specifier (`==`, `>=`, `~=`,
//! `<`, `>`, `!=`) or a direct reference (`name @ url`, `git+…@ref`). Local paths, URLs,
//! wheels and source tarballs count as chosen, and an install driven by `-r requirements.txt` or
//! `-c constraints.txt` is left to those files. `pip`, `pip3`, `pip3.12` and `python -m pip`
//! are read; `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* An unpinned package is whatever PyPI serves that day: builds stop being
//! reproducible, and a compromised or broken release goes straight into the image.
//!
//! *Example.* `RUN pip install requests` → `RUN pip install requests==2.32.3`, or better a
//! `requirements.txt` with hashes (`pip install --require-hashes -r requirements.txt`).
//!
//! *hadolint.* DL3013.

use super::packages::{commands, list, pip_install, pip_packages};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF108",
        aliases: &["DL3013"],
        severity: Severity::Low,
        title: Text {
            en: "`pip install` without pinned versions",
            zh: "`pip install` 没有固定软件包版本",
        },
        description: Text {
            en: "An unpinned package is whatever PyPI serves that day. Builds stop being reproducible, and a \
                 compromised or broken release goes straight into the image.",
            zh: "未固定版本的软件包就是 PyPI 当天提供的任意版本。构建因此无法复现，被投毒或有缺陷的版本会直接进入镜像。",
        },
        remediation: Text {
            en: "Pin each package (`pip install requests==2.32.3`), or install from a requirements file \
                 with hashes: `pip install --require-hashes -r requirements.txt`.",
            zh: "为每个软件包固定版本（`pip install requests==2.32.3`），或者从带哈希的依赖文件安装：\
                 `pip install --require-hashes -r requirements.txt`。",
        },
        references: &[
            "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
            "https://github.com/hadolint/hadolint/wiki/DL3013",
        ],
        concern: None,
    },
    check,
};

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let Some(args) = pip_install(cmd) else { continue };
        if args
            .iter()
            .any(|w| matches!(w.value.as_str(), "-r" | "--requirement" | "-c" | "--constraint"))
        {
            continue;
        }
        let loose: Vec<&Word> = pip_packages(args)
            .into_iter()
            .filter(|p| !pinned(&p.value))
            .collect();
        if loose.is_empty() {
            continue;
        }
        let names = list(&loose);
        let message = tr!(
            sink.lang(),
            "`pip install` without a version for {names}; pin them as `package==version`",
            "`pip install` 没有为 {names} 指定版本；请写成 `软件包==版本`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}

/// A version specifier, a direct reference, or a local or remote file.
// Wheel and sdist names are compared with case, as hadolint does.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
fn pinned(package: &str) -> bool {
    const VCS: [&str; 4] = ["git+", "hg+", "svn+", "bzr+"];
    ["==", ">=", "<=", "~=", "!=", "<", ">", "@"]
        .iter()
        .any(|s| package.contains(s))
        || (package.contains('/') && !VCS.iter().any(|v| package.starts_with(v)))
        || package.starts_with('.')
        || package.ends_with(".whl")
        || package.ends_with(".tar.gz")
}
