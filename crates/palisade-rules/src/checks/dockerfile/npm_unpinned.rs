//! DF111: `npm install` of packages without versions.
//!
//! *What it does.* Finds `npm install` packages written without `@version` (`express@4.21.1`,
//! `@scope/pkg@1.2.0`); git sources need a `#ref`, and local paths and tarballs count as
//! chosen. A bare `npm install` (from `package-lock.json`) is fine. `ONBUILD RUN` triggers too.
//!
//! *Why is this bad?* An unpinned package is whatever the registry serves that day, with every
//! transitive dependency it pulls: the usual way typo-squatted and hijacked releases land in
//! images.
//!
//! *Example.* `RUN npm install -g pm2` → `RUN npm install -g pm2@5.4.2`, or better install from
//! the lockfile with `npm ci`.
//!
//! *hadolint.* DL3016. As in hadolint, only `npm install` is read (not its `i` and `add`
//! aliases).

use super::packages::{commands, list, subcommand_operands};
use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF111",
        aliases: &["DL3016"],
        severity: Severity::Low,
        title: Text {
            en: "`npm install` without pinned versions",
            zh: "`npm install` 没有固定软件包版本",
        },
        description: Text {
            en: "An unpinned npm package is whatever the registry serves that day, along with every \
                 dependency it pulls. That is how typo-squatted and hijacked releases reach images.",
            zh: "未固定版本的 npm 包就是仓库当天提供的任意版本，还会连带拉取它的所有依赖。仿冒和被劫持的版本正是这样进入镜像的。",
        },
        remediation: Text {
            en: "Pin each package (`npm install -g pm2@5.4.2`), or install from the lockfile with `npm ci`.",
            zh: "为每个包固定版本（`npm install -g pm2@5.4.2`），或者用 `npm ci` 按锁文件安装。",
        },
        references: &[
            "https://docs.npmjs.com/cli/commands/npm-ci",
            "https://github.com/hadolint/hadolint/wiki/DL3016",
        ],
        concern: None,
    },
    check,
};

const NPM_VALUES: &[&str] = &[
    "--prefix",
    "--registry",
    "--cache",
    "--userconfig",
    "--loglevel",
    "-w",
    "--workspace",
];

fn pinned(package: &str) -> bool {
    let git = ["git+", "git://", "git@", "github:", "gitlab:", "bitbucket:"];
    if git.iter().any(|g| package.starts_with(g)) {
        return package.contains('#');
    }
    if package.starts_with(['.', '/', '~']) || package.starts_with("file:") {
        return true;
    }
    if [".tgz", ".tar.gz", ".tar"].iter().any(|e| package.ends_with(e))
        || package.starts_with("http://")
        || package.starts_with("https://")
    {
        return true;
    }
    let name = package.strip_prefix('@').unwrap_or(package);
    if !package.starts_with('@') && name.contains('/') {
        // `user/repo`: a GitHub shorthand, fixed only by a `#ref`.
        return name.contains('#');
    }
    name.contains('@')
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    for (_, cmd) in commands(df, true) {
        let Some(packages) = subcommand_operands(cmd, "npm", &["install"], NPM_VALUES) else {
            continue;
        };
        let loose: Vec<&Word> = packages.into_iter().filter(|p| !pinned(&p.value)).collect();
        if loose.is_empty() {
            continue;
        }
        let names = list(&loose);
        let message = tr!(
            sink.lang(),
            "`npm install` without a version for {names}; pin them as `package@version`",
            "`npm install` 没有为 {names} 指定版本；请写成 `包名@版本`",
        );
        report(sink, df, &RULE.meta, cmd.span, message);
    }
}
