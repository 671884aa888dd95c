//! The supply chain around the code: package registries (npm, PyPI, Docker Hub and docker
//! `config.json`, crates.io, RubyGems, NuGet, Clojars, JFrog), CI services, infrastructure as
//! code and secret managers (Terraform Cloud, Vault, Pulumi, Doppler, 1Password). A publish
//! token here is a supply-chain attack on everyone downstream.

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector, FILE_KIND, Reach};

/// Revoking a package registry token and publishing without one.
const REGISTRY_REMEDIATION: Text = Text {
    en: "Revoke the token in the registry's account settings, check the packages it could publish for \
         versions you did not release, and publish from CI with trusted publishing (OIDC) or a scoped, \
         expiring token kept in the CI secret store.",
    zh: "在软件包仓库的账户设置中吊销该令牌，检查它有权发布的软件包中是否出现了并非你发布的版本；今后在 CI 中\
         通过可信发布（OIDC）或保存在 CI 密钥存储中、限定范围且会过期的令牌来发布。",
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC150",
            aliases: &["npm-access-token"],
            severity: Severity::Critical,
            title: Text {
                en: "npm access token",
                zh: "npm 访问令牌",
            },
            description: Text {
                en: "An npm access token (`npm_…`, checksum verified). A publish token lets anyone release \
                     new versions of the owner's packages to everyone who installs them.",
                zh: "npm 访问令牌（`npm_…`，已校验其校验和）。具有发布权限的令牌能让任何人为所有者的软件包发布新版本，\
                     直达每一个安装它的人。",
            },
            remediation: REGISTRY_REMEDIATION,
            references: &[
                "https://github.blog/security/announcing-npms-new-access-token-format/",
                "https://docs.npmjs.com/revoking-access-tokens",
            ],
            ..META
        },
        keywords: &["npm_"],
        patterns: &[token!(r"npm_[A-Za-z0-9]{36}")],
        check: Check::Crc32Base62 { prefix: 4 },
        samples: &["NPM_TOKEN=«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»\n"],
        decoys: &["NPM_TOKEN=npm_abcdefghijklmnopqrstuvwxyz0123456789\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC151",
            aliases: &["NpmDetector"],
            severity: Severity::Critical,
            title: Text {
                en: "Registry credential in .npmrc",
                zh: ".npmrc 中的仓库凭据",
            },
            description: Text {
                en: "A literal `_authToken`, `_auth` or `_password` for a registry in an `.npmrc` (npm, Yarn, \
                     pnpm): it installs private packages and usually publishes them.",
                zh: "`.npmrc`（npm、Yarn、pnpm）中为某个仓库写死的 `_authToken`、`_auth` 或 `_password`：凭它可以安装\
                     私有软件包，通常还能发布。",
            },
            remediation: Text {
                en: "Revoke the token, and write `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` so the \
                     value comes from the CI secret store at run time.",
                zh: "吊销该令牌，改写为 `//registry.npmjs.org/:_authToken=${NPM_TOKEN}`，让值在运行时从 CI 密钥存储注入。",
            },
            references: &["https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration"],
            ..META
        },
        // After a registry's `:` or at the start of a line: `DB_PASSWORD=` is not npm's.
        keywords: &[":_auth", ":_password", "\n_auth", "\n_password"],
        patterns: &[
            r#":_authToken\s*=\s*["']?(?P<s>[^\s"']{8,})"#,
            r#"(?m)^\s*(?:\S*:)?_(?:auth|password)\s*=\s*["']?(?P<s>[A-Za-z0-9+/=]{8,})"#,
        ],
        check: Check::Entropy(3.0),
        priority: FILE_KIND,
        samples: &[
            "@acme:registry=https://npm.pkg.github.com\n//registry.npmjs.org/:_authToken=«07848c04-627a-4bab-a2cb-a90aa8717f0c»\n",
            "//npm.acme.internal/:_auth=«1kfGJSX1+eex6St2sk+Uu6AOS92Q/cXK»\n",
        ],
        decoys: &["//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC152",
            aliases: &["PypiTokenDetector", "pypi-upload-token"],
            severity: Severity::Critical,
            title: Text {
                en: "PyPI API token",
                zh: "PyPI API 令牌",
            },
            description: Text {
                en: "A PyPI or TestPyPI API token (`pypi-AgEIcHlwaS5vcmc…`): it uploads releases of the \
                     account's projects, or of every project for an account-wide token.",
                zh: "PyPI 或 TestPyPI 的 API 令牌（`pypi-AgEIcHlwaS5vcmc…`）：可以为账号下的项目上传新版本，全账号范围\
                     的令牌更是对所有项目有效。",
            },
            remediation: REGISTRY_REMEDIATION,
            references: &[
                "https://pypi.org/help/#apitoken",
                "https://docs.pypi.org/trusted-publishers/",
            ],
            ..META
        },
        keywords: &["pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"],
        patterns: &[token!(
            r"pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}"
        )],
        check: Check::Entropy(4.0),
        reach: Reach::Line {
            before: 80,
            after: 2048,
        },
        samples: &[
            "[pypi]\n  username = __token__\n  password = «pypi-AgEIcHlwaS5vcmcWTsHJNEXYq7VRiY_1zaQd9KWlixVF8JDBysSqxxPxUK3c75VbXA4Tr1QVxK3SRJehbQsGaypBL_fS5GXAdxmlK4DtESLXpcwmwURC8uV6s0-zu2sT0_Pur08-hjeW8SMJEkIZR-6RkVLqRm6Pr6z1c»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC153",
            title: Text {
                en: "Docker Hub access token",
                zh: "Docker Hub 访问令牌",
            },
            description: Text {
                en: "A Docker Hub personal or organisation access token (`dckr_pat_…`, `dckr_oat_…`): with \
                     write access it pushes images under the account's names.",
                zh: "Docker Hub 个人或组织访问令牌（`dckr_pat_…`、`dckr_oat_…`）：若有写权限，就能以该账号的名义推送镜像。",
            },
            remediation: REGISTRY_REMEDIATION,
            references: &["https://docs.docker.com/security/for-developers/access-tokens/"],
            ..META
        },
        keywords: &["dckr_pat_", "dckr_oat_"],
        patterns: &[token!(r"dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}")],
        check: Check::Entropy(3.5),
        samples: &["echo «dckr_pat_X83LokxDlUf8ON5vP7gMQFej4YE» | docker login -u acme --password-stdin\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC154",
            severity: Severity::Critical,
            title: Text {
                en: "Registry credential in docker config.json",
                zh: "docker config.json 中的镜像仓库凭据",
            },
            description: Text {
                en: "An `auth` value under `auths` in a docker `config.json` (or a `.dockerconfigjson` \
                     pull secret): base64 of `user:password` for the registry, decoded in one command.",
                zh: "docker `config.json`（或 `.dockerconfigjson` 拉取密钥）中 `auths` 下的 `auth` 值：就是镜像仓库\
                     `用户名:密码` 的 base64，一条命令即可解码。",
            },
            remediation: Text {
                en: "Revoke the password or token at the registry, and create pull secrets at deploy time \
                     (`kubectl create secret docker-registry` from the CI secret store, or a credential \
                     helper) instead of committing them.",
                zh: "在镜像仓库处吊销该密码或令牌；改为在部署时创建拉取密钥（用 CI 密钥存储中的值执行 \
                     `kubectl create secret docker-registry`，或使用凭据助手），不要提交到仓库。",
            },
            references: &["https://docs.docker.com/reference/cli/docker/login/#credential-stores"],
            ..META
        },
        keywords: &["\"auth\""],
        patterns: &[r#""auth"\s*:\s*"(?P<s>[A-Za-z0-9+/]{8,}={0,2})""#],
        context: &["auths"],
        check: Check::Base64UserPassword,
        priority: FILE_KIND,
        samples: &[
            "{\n  \"auths\": {\n    \"registry.acme.io\": {\n      \"auth\": \"«Y2ktYm90OjJSdGdCMXBHSm52N3ZHWXo=»\"\n    }\n  }\n}\n",
        ],
        decoys: &["{\"auths\": {\"registry.acme.io\": {\"auth\": \"aGVsbG8gd29ybGQ=\"}}}\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC155",
            severity: Severity::Critical,
            title: Text {
                en: "crates.io API token",
                zh: "crates.io API 令牌",
            },
            description: Text {
                en: "A crates.io API token (`cio…`): within its scopes it publishes and yanks versions of the \
                     owner's crates.",
                zh: "crates.io API 令牌（`cio…`）：在其权限范围内可以发布和撤回（yank）所有者的 crate 版本。",
            },
            remediation: REGISTRY_REMEDIATION,
            references: &["https://doc.rust-lang.org/cargo/reference/registry-authentication.html"],
            ..META
        },
        keywords: &["cio"],
        patterns: &[token!(r"cio[a-zA-Z0-9]{32}")],
        check: Check::Entropy(3.5),
        samples: &["[registry]\ntoken = \"«cioZzO7PL4qW1Q5CVHZB6s4gS2ir1C1jUcV»\"\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC156",
            aliases: &["rubygems-api-token"],
            severity: Severity::Critical,
            title: Text {
                en: "RubyGems API key",
                zh: "RubyGems API 密钥",
            },
            description: Text {
                en: "A RubyGems.org API key (`rubygems_…`): it pushes and yanks gem versions of the account.",
                zh: "RubyGems.org API 密钥（`rubygems_…`）：可以推送和撤回该账号下 gem 的版本。",
            },
            remediation: REGISTRY_REMEDIATION,
            references: &["https://guides.rubygems.org/api-key-scopes/"],
            ..META
        },
        keywords: &["rubygems_"],
        patterns: &[token!(r"rubygems_[a-f0-9]{48}")],
        samples: &["---\n:rubygems_api_key: «rubygems_092c61d971d5ae59c2ad9653f85752eb60362dc4f5d144b0»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC157",
            severity: Severity::Critical,
            title: Text {
                en: "NuGet API key",
                zh: "NuGet API 密钥",
            },
            description: Text {
                en: "A nuget.org API key (`oy2…`): it pushes and unlists versions of the packages its glob \
                     pattern covers.",
                zh: "nuget.org API 密钥（`oy2…`）：可以为其通配范围内的软件包推送新版本或取消列出版本。",
            },
            remediation: REGISTRY_REMEDIATION,
            references: &["https://learn.microsoft.com/en-us/nuget/nuget-org/scoped-api-keys"],
            ..META
        },
        keywords: &["oy2"],
        patterns: &[token!(r"oy2[a-z0-9]{43}")],
        check: Check::Entropy(3.5),
        samples: &[
            "dotnet nuget push *.nupkg --api-key «oy2rywpwj3xqpg725mlpda2izf8uhtjqugbopbuut4n446» --source https://api.nuget.org/v3/index.json\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC158",
            aliases: &["clojars-api-token"],
            severity: Severity::Critical,
            title: Text {
                en: "Clojars deploy token",
                zh: "Clojars 部署令牌",
            },
            description: Text {
                en: "A Clojars deploy token (`CLOJARS_…`): it deploys artifacts under the user's groups.",
                zh: "Clojars 部署令牌（`CLOJARS_…`）：可以在该用户的 group 下部署制品。",
            },
            remediation: REGISTRY_REMEDIATION,
            references: &["https://github.com/clojars/clojars-web/wiki/Deploy-Tokens"],
            ..META
        },
        keywords: &["clojars_"],
        patterns: &[token!(r"(?i:CLOJARS_)[a-z0-9]{60}")],
        check: Check::Entropy(3.5),
        samples: &[
            "CLOJARS_PASSWORD=«CLOJARS_ayvs0j44wyd8yyesrvd5xm3ck1p9wcv4hyyhbo13uk9syf51lwptjq35luup»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC159",
            aliases: &["ArtifactoryDetector", "artifactory-api-key"],
            title: Text {
                en: "JFrog Artifactory API key",
                zh: "JFrog Artifactory API 密钥",
            },
            description: Text {
                en: "A JFrog Artifactory API key (`AKCp…`): it reads and deploys artifacts with the user's \
                     permissions. JFrog has deprecated API keys in favour of access tokens.",
                zh: "JFrog Artifactory API 密钥（`AKCp…`）：以该用户的权限读取和部署制品。JFrog 已弃用 API 密钥，\
                     推荐改用访问令牌。",
            },
            remediation: Text {
                en: "Revoke the API key in the user profile and move to scoped, expiring access tokens or \
                     OIDC integration for CI.",
                zh: "在用户资料中吊销该 API 密钥，CI 改用限定范围、会过期的访问令牌或 OIDC 集成。",
            },
            references: &[
                "https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key-deprecation",
            ],
            ..META
        },
        keywords: &["akcp"],
        patterns: &[token!(r"AKCp[A-Za-z0-9]{69}")],
        check: Check::Entropy(4.0),
        samples: &[
            "ARTIFACTORY_API_KEY=«AKCp2NOzdlXBJz32qQxfR5qeKGc4VBuqljqz3Us0cbGNxtT3Gycd324A3oTFDYSYG77QJrSH9»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC160",
            aliases: &["artifactory-reference-token"],
            title: Text {
                en: "JFrog reference token",
                zh: "JFrog 引用令牌",
            },
            description: Text {
                en: "A JFrog Platform reference token (`cmVmd…`), the short form of an access token, with its \
                     scopes and expiry.",
                zh: "JFrog Platform 引用令牌（`cmVmd…`），是访问令牌的简短形式，拥有其权限范围和有效期。",
            },
            remediation: Text {
                en: "Revoke the token (Administration → User Management → Access Tokens) and give CI an \
                     OIDC-based integration.",
                zh: "吊销该令牌（管理 → 用户管理 → 访问令牌），CI 改用基于 OIDC 的集成。",
            },
            references: &[
                "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens",
            ],
            ..META
        },
        keywords: &["cmvmd"],
        patterns: &[token!(r"cmVmd[A-Za-z0-9]{59}")],
        check: Check::Entropy(4.0),
        samples: &["JFROG_ACCESS_TOKEN=«cmVmdBCrSyM10a3FjXeAZWtk6iFVO0FAwVT6Gn2S7rWrWGbtPHoxdcD50qOyFcYh»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC161",
            title: Text {
                en: "CircleCI personal API token",
                zh: "CircleCI 个人 API 令牌",
            },
            description: Text {
                en: "A CircleCI personal API token (`CCIPAT_…`): it triggers pipelines and reads and writes \
                     project settings, environment variables included, as the user.",
                zh: "CircleCI 个人 API 令牌（`CCIPAT_…`）：以该用户身份触发流水线，读写项目设置（包括环境变量）。",
            },
            remediation: Text {
                en: "Delete the token in User Settings → Personal API Tokens and use project tokens or OIDC \
                     where possible.",
                zh: "在“用户设置 → Personal API Tokens”中删除该令牌，尽量改用项目令牌或 OIDC。",
            },
            references: &["https://circleci.com/docs/managing-api-tokens/"],
            ..META
        },
        keywords: &["ccipat_"],
        patterns: &[token!(r"CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}")],
        samples: &["CIRCLE_TOKEN=«CCIPAT_gJsKOByfvQKKWcvfoiVXmT_2167aa526e40134a52b512c07dc5d0df8ef568c0»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC162",
            title: Text {
                en: "Buildkite API token",
                zh: "Buildkite API 令牌",
            },
            description: Text {
                en: "A Buildkite API access token (`bkua_…`): within its scopes it reads builds and logs and \
                     manages pipelines of the user's organisations.",
                zh: "Buildkite API 访问令牌（`bkua_…`）：在其权限范围内读取构建和日志，并管理该用户所在组织的流水线。",
            },
            remediation: Text {
                en: "Revoke the token in Personal Settings → API Access Tokens and create one restricted to \
                     the organisations and IPs needed.",
                zh: "在“个人设置 → API Access Tokens”中吊销该令牌，新令牌限定所需的组织和 IP。",
            },
            references: &["https://buildkite.com/docs/apis/managing-api-tokens"],
            ..META
        },
        keywords: &["bkua_"],
        patterns: &[token!(r"bkua_[a-f0-9]{40}")],
        samples: &["BUILDKITE_API_TOKEN=«bkua_74aa7fd5f026d1d8b8fd3ae082368d7854c30711»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC163",
            aliases: &["travisci-access-token"],
            title: Text {
                en: "Travis CI API token",
                zh: "Travis CI API 令牌",
            },
            description: Text {
                en: "A Travis CI API token (22 characters) assigned to a Travis name: it triggers builds and \
                     manages repository settings and environment variables.",
                zh: "赋给 Travis 相关变量的 Travis CI API 令牌（22 个字符）：可以触发构建，管理仓库设置和环境变量。",
            },
            remediation: Text {
                en: "Regenerate the token in the account settings and keep it in a secret store.",
                zh: "在账户设置中重新生成令牌，并保存在密钥管理系统中。",
            },
            references: &["https://docs.travis-ci.com/user/migrate/travis-api-v3/#authentication"],
            ..META
        },
        keywords: &["travis"],
        patterns: &[assigned!(r"travis\w*?(?:token|key)", r"[A-Za-z0-9_-]{22}")],
        check: Check::Entropy(3.5),
        samples: &["TRAVIS_API_TOKEN=«23sVRrqmXrOpPO6WXqer2d»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC164",
            aliases: &["codecov-access-token"],
            severity: Severity::Medium,
            title: Text {
                en: "Codecov token",
                zh: "Codecov 令牌",
            },
            description: Text {
                en: "A Codecov upload or API token (a UUID) assigned to a Codecov name: it uploads coverage \
                     reports for the repository, or reads them.",
                zh: "赋给 Codecov 相关变量的上传或 API 令牌（UUID 形式）：可为该仓库上传覆盖率报告或读取报告。",
            },
            remediation: Text {
                en: "Regenerate the token in the repository's Codecov settings and pass it from the CI \
                     secret store (or use OIDC upload).",
                zh: "在仓库的 Codecov 设置中重新生成令牌，通过 CI 密钥存储传入（或使用 OIDC 上传）。",
            },
            references: &["https://docs.codecov.com/docs/codecov-tokens"],
            ..META
        },
        keywords: &["codecov"],
        patterns: &[assigned!(
            r"codecov\w*?token",
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )],
        samples: &["CODECOV_TOKEN=«af77655d-293e-4972-b676-ce3f4365c06a»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC165",
            aliases: &["sonar-api-token"],
            title: Text {
                en: "SonarQube or SonarCloud token",
                zh: "SonarQube/SonarCloud 令牌",
            },
            description: Text {
                en: "A SonarQube or SonarCloud token (`squ_…` user, `sqp_…` project analysis, `sqa_…` global \
                     analysis): it submits analyses and reads the projects' source code and issues.",
                zh: "SonarQube 或 SonarCloud 令牌（`squ_…` 用户令牌、`sqp_…` 项目分析令牌、`sqa_…` 全局分析令牌）：\
                     可以提交分析结果，并读取项目的源代码和问题列表。",
            },
            remediation: Text {
                en: "Revoke the token in My Account → Security and give CI a project analysis token from its \
                     secret store.",
                zh: "在“我的账户 → 安全”中吊销该令牌，CI 改用保存在其密钥存储中的项目分析令牌。",
            },
            references: &["https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/"],
            ..META
        },
        keywords: &["squ_", "sqp_", "sqa_"],
        patterns: &[token!(r"sq[upa]_[a-f0-9]{40}")],
        samples: &["sonar.token=«squ_968827fd4040e762e4b745f27f9ee61c857f6e6b»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC166",
            aliases: &["snyk-api-token"],
            title: Text {
                en: "Snyk API token",
                zh: "Snyk API 令牌",
            },
            description: Text {
                en: "A Snyk API token (a UUID) assigned to a Snyk name: it reads the organisation's projects \
                     and their vulnerability reports, and can change settings.",
                zh: "赋给 Snyk 相关变量的 API 令牌（UUID 形式）：可读取组织的项目及其漏洞报告，还能修改设置。",
            },
            remediation: Text {
                en: "Revoke and regenerate the token in Account Settings, and use a service account token \
                     from the CI secret store.",
                zh: "在账户设置中吊销并重新生成令牌，CI 改用保存在其密钥存储中的服务账号令牌。",
            },
            references: &["https://docs.snyk.io/snyk-api/authentication-for-api"],
            ..META
        },
        keywords: &["snyk"],
        patterns: &[assigned!(
            r"snyk\w*?(?:token|key)",
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )],
        samples: &["SNYK_TOKEN=«6f327a3a-458b-4724-80fc-616339fe0704»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC167",
            aliases: &["octopus-deploy-api-key"],
            title: Text {
                en: "Octopus Deploy API key",
                zh: "Octopus Deploy API 密钥",
            },
            description: Text {
                en: "An Octopus Deploy API key (`API-…`): it creates releases and deploys them to every \
                     environment the user may deploy to.",
                zh: "Octopus Deploy API 密钥（`API-…`）：可以创建发布版本，并部署到该用户有权部署的每一个环境。",
            },
            remediation: Text {
                en: "Revoke the key in the user's profile → API keys and use a service account key with an \
                     expiry, or OIDC.",
                zh: "在用户资料 → API keys 中吊销该密钥，改用带有效期的服务账号密钥或 OIDC。",
            },
            references: &["https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key"],
            ..META
        },
        keywords: &["api-"],
        patterns: &[token!(r"API-[A-Z0-9]{26}")],
        check: Check::Entropy(3.5),
        samples: &["OCTOPUS_API_KEY=«API-IC4H6VQ24N4SKJHSEFJKX29Q9P»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC168",
            aliases: &["harness-api-key"],
            title: Text {
                en: "Harness access token",
                zh: "Harness 访问令牌",
            },
            description: Text {
                en: "A Harness personal or service account token (`pat.…`, `sat.…`): pipelines, connectors \
                     and secrets of the account with its owner's roles.",
                zh: "Harness 个人或服务账号令牌（`pat.…`、`sat.…`）：以所有者的角色访问该账号的流水线、连接器和机密。",
            },
            remediation: Text {
                en: "Delete the token in the user's or service account's API keys and create one with an \
                     expiry.",
                zh: "在用户或服务账号的 API 密钥中删除该令牌，重新创建带有效期的令牌。",
            },
            references: &[
                "https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/",
            ],
            ..META
        },
        keywords: &["pat.", "sat."],
        patterns: &[token!(
            r"(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}"
        )],
        check: Check::Entropy(3.5),
        samples: &[
            "HARNESS_API_KEY=«pat.oU14Ce88w95fkPZlXfFb-k.ief9UCBmok1QSz0ZDTnDN42g.iGQag7zOSawuscYDPk6n»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC169",
            aliases: &["hashicorp-tf-api-token"],
            severity: Severity::Critical,
            title: Text {
                en: "HCP Terraform API token",
                zh: "HCP Terraform（Terraform Cloud）API 令牌",
            },
            description: Text {
                en: "An HCP Terraform / Terraform Enterprise API token (`….atlasv1.…`). It runs plans and \
                     applies and reads state — which holds every secret the infrastructure was built with.",
                zh: "HCP Terraform / Terraform Enterprise 的 API 令牌（`….atlasv1.…`）。它可以运行 plan 和 apply，\
                     并读取状态文件——其中保存着构建基础设施时用到的全部机密。",
            },
            remediation: Text {
                en: "Revoke the token (user, team or organisation settings → API tokens), and use dynamic \
                     provider credentials and team tokens with an expiry.",
                zh: "吊销该令牌（用户、团队或组织设置 → API tokens），改用动态提供方凭据和带有效期的团队令牌。",
            },
            references: &[
                "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
            ],
            ..META
        },
        keywords: &["atlasv1"],
        patterns: &[
            r"(?:^|[^A-Za-z0-9])(?P<s>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?:[^A-Za-z0-9_=-]|$)",
        ],
        check: Check::Entropy(3.5),
        samples: &[
            "credentials \"app.terraform.io\" {\n  token = \"«OFLE4kJu4xO7rz.atlasv1.yiFGzgDagLQd_bK-f12bFMpX0xGKnRzW7nMdTU5n5f1Wxy9Lxth9-mkYZF3oWSYi3jn»\"\n}\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC170",
            aliases: &["vault-service-token"],
            severity: Severity::Critical,
            title: Text {
                en: "HashiCorp Vault token",
                zh: "HashiCorp Vault 令牌",
            },
            description: Text {
                en: "A HashiCorp Vault service token (`hvs.…`, or a legacy `s.…` assigned to a Vault name): \
                     it reads every secret its policies allow, until its TTL runs out — root tokens never do.",
                zh: "HashiCorp Vault 服务令牌（`hvs.…`，或赋给 Vault 相关变量的旧式 `s.…`）：在 TTL 到期前可以读取其\
                     策略允许的所有机密——root 令牌则永不过期。",
            },
            remediation: Text {
                en: "Revoke the token (`vault token revoke -accessor …`) and authenticate workloads with an \
                     auth method (Kubernetes, AppRole, JWT/OIDC) instead of a static token.",
                zh: "吊销该令牌（`vault token revoke -accessor …`），工作负载改用认证方式（Kubernetes、AppRole、\
                     JWT/OIDC）登录，不再使用静态令牌。",
            },
            references: &["https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes"],
            ..META
        },
        keywords: &["hvs.", "vault_token", "vault-token", "vaulttoken"],
        patterns: &[
            token!(r"hvs\.[A-Za-z0-9_-]{90,120}"),
            token!(r"hvs\.[A-Za-z0-9]{24}"),
            assigned!(r"vault_?token|x-vault-token", r"s\.[A-Za-z0-9]{24}"),
        ],
        check: Check::Entropy(3.5),
        samples: &[
            "VAULT_TOKEN=«hvs.fUxOToUVLpGKhCnDnyJ0fHP3Pg5A2812N80uC0NaDWCqN9zVOUFf-NeDvHpAlstIsoIaud1HyhcVZtzF50en_L3zxI7gzv9»\n",
            "X-Vault-Token: «s.e06CqdGqeQaud2d4nLjbQlbt»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC171",
            aliases: &["vault-batch-token"],
            title: Text {
                en: "HashiCorp Vault batch token",
                zh: "HashiCorp Vault 批处理令牌",
            },
            description: Text {
                en: "A HashiCorp Vault batch token (`hvb.…`): it cannot be revoked on its own and is valid \
                     until its TTL ends.",
                zh: "HashiCorp Vault 批处理令牌（`hvb.…`）：无法单独吊销，在 TTL 结束前一直有效。",
            },
            remediation: Text {
                en: "Revoke the parent token or lease prefix it came from, and keep batch token TTLs short.",
                zh: "吊销签发它的父令牌或租约前缀，并把批处理令牌的 TTL 设短。",
            },
            references: &["https://developer.hashicorp.com/vault/docs/concepts/tokens#batch-tokens"],
            ..META
        },
        keywords: &["hvb."],
        patterns: &[token!(r"hvb\.[A-Za-z0-9_-]{138,300}")],
        check: Check::Entropy(4.0),
        reach: Reach::Line {
            before: 80,
            after: 1024,
        },
        samples: &[
            "token: «hvb.aRKQM170zB5dWLmhGOZAJNwmbH0D2KXvZUZN_78fNpR0I7-uxNV0cFjD4yNSz0oTlPkssn3GdEXJhjXm_Xg55niRn92h0zsEQ70wMDubTOumrakJMNGgI9BgJkQGHEDtiRyAbiiADhWKDQl6RMxKBjgrrqFRALTC»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC172",
            aliases: &["pulumi-api-token"],
            title: Text {
                en: "Pulumi access token",
                zh: "Pulumi 访问令牌",
            },
            description: Text {
                en: "A Pulumi Cloud access token (`pul-…`): it reads stack state and configuration secrets \
                     and runs deployments.",
                zh: "Pulumi Cloud 访问令牌（`pul-…`）：可读取堆栈状态和配置机密，并执行部署。",
            },
            remediation: Text {
                en: "Delete the token in Settings → Access Tokens and use OIDC token exchange for CI.",
                zh: "在“设置 → Access Tokens”中删除该令牌，CI 改用 OIDC 令牌交换。",
            },
            references: &["https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/"],
            ..META
        },
        keywords: &["pul-"],
        patterns: &[token!(r"pul-[a-f0-9]{40}")],
        samples: &["PULUMI_ACCESS_TOKEN=«pul-5dda5039b983c501a535fa8b88e3a2dceee0f84a»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC173",
            aliases: &["doppler-api-token"],
            severity: Severity::Critical,
            title: Text {
                en: "Doppler token",
                zh: "Doppler 令牌",
            },
            description: Text {
                en: "A Doppler token (`dp.pt.…` personal, `dp.st.…` service, `dp.sa.…`, `dp.ct.…`, `dp.scim.…`, \
                     `dp.audit.…`): it reads the secrets of the configs it can reach — the vault itself.",
                zh: "Doppler 令牌（个人 `dp.pt.…`、服务 `dp.st.…`，以及 `dp.sa.…`、`dp.ct.…`、`dp.scim.…`、`dp.audit.…`）：\
                     凭它可以读取其可访问配置中的全部机密——相当于保险库本身。",
            },
            remediation: Text {
                en: "Revoke the token in the Doppler dashboard, review the activity log, and rotate the \
                     secrets it could read.",
                zh: "在 Doppler 控制台吊销该令牌，审查活动日志，并轮换它能读到的全部机密。",
            },
            references: &["https://docs.doppler.com/docs/token-formats"],
            ..META
        },
        keywords: &["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
        patterns: &[token!(r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9_.-]{40,64}")],
        check: Check::Entropy(3.5),
        samples: &["DOPPLER_TOKEN=«dp.st.prd.WIbFiq23Pwmk57EUO5YVF2zt2zR3ZPuRIvhJZvPkuLY»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC174",
            aliases: &["infracost-api-token"],
            severity: Severity::Medium,
            title: Text {
                en: "Infracost API key",
                zh: "Infracost API 密钥",
            },
            description: Text {
                en: "An Infracost API key (`ico-…`): it prices plans for the organisation and reads its cost \
                     estimates and policies.",
                zh: "Infracost API 密钥（`ico-…`）：可为该组织计算方案费用，并读取其成本估算和策略。",
            },
            remediation: Text {
                en: "Rotate the key in Org settings → API keys and pass it from the CI secret store.",
                zh: "在组织设置 → API keys 中轮换密钥，通过 CI 密钥存储传入。",
            },
            references: &["https://www.infracost.io/docs/features/environment_variables/"],
            ..META
        },
        keywords: &["ico-"],
        patterns: &[token!(r"ico-[a-zA-Z0-9]{32}")],
        check: Check::Entropy(3.5),
        samples: &["INFRACOST_API_KEY=«ico-MZhXyaJ61FDsk8j1d4tRNw5GFHclvqL3»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC175",
            aliases: &["postman-api-token"],
            title: Text {
                en: "Postman API key",
                zh: "Postman API 密钥",
            },
            description: Text {
                en: "A Postman API key (`PMAK-…`): it reads the user's collections and environments — \
                     which often hold further credentials.",
                zh: "Postman API 密钥（`PMAK-…`）：可读取该用户的集合和环境——里面往往还存着其他凭据。",
            },
            remediation: Text {
                en: "Revoke the key in Settings → API keys, and check the collections and environments it \
                     could read for secrets to rotate.",
                zh: "在“设置 → API keys”中吊销该密钥，并检查它能读取的集合和环境中是否有需要轮换的机密。",
            },
            references: &["https://learning.postman.com/docs/developer/postman-api/authentication/"],
            ..META
        },
        keywords: &["pmak-"],
        patterns: &[token!(r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}")],
        samples: &["POSTMAN_API_KEY=«PMAK-393bb6021ac721b5249ca898-37010df4bb856353b896ed1a7c3b7d736d»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC176",
            aliases: &["prefect-api-token"],
            title: Text {
                en: "Prefect API key",
                zh: "Prefect API 密钥",
            },
            description: Text {
                en: "A Prefect Cloud API key (`pnu_…`): it runs and edits the workspace's flows and reads \
                     their blocks, which store credentials.",
                zh: "Prefect Cloud API 密钥（`pnu_…`）：可以运行和修改工作区的 flow，并读取其中保存凭据的 block。",
            },
            remediation: Text {
                en: "Delete the key in the account's API keys and use a service account key with an expiry.",
                zh: "在账户的 API keys 中删除该密钥，改用带有效期的服务账号密钥。",
            },
            references: &["https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys"],
            ..META
        },
        keywords: &["pnu_"],
        patterns: &[token!(r"pnu_[a-zA-Z0-9]{36}")],
        check: Check::Entropy(3.5),
        samples: &["PREFECT_API_KEY=«pnu_H9bxIT8TZh30uWWzdTtKIrxRSHdsIoIHAOAB»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC177",
            aliases: &["readme-api-token"],
            severity: Severity::Medium,
            title: Text {
                en: "ReadMe API key",
                zh: "ReadMe API 密钥",
            },
            description: Text {
                en: "A ReadMe API key (`rdme_…`): it edits the project's documentation and reads its API \
                     logs.",
                zh: "ReadMe API 密钥（`rdme_…`）：可以修改项目文档并读取其 API 日志。",
            },
            remediation: Text {
                en: "Revoke the key in the project's API Keys settings and create a new one.",
                zh: "在项目的 API Keys 设置中吊销该密钥并新建一个。",
            },
            references: &["https://docs.readme.com/main/reference/intro/authentication"],
            ..META
        },
        keywords: &["rdme_"],
        patterns: &[token!(r"rdme_[a-z0-9]{70}")],
        check: Check::Entropy(3.5),
        samples: &[
            "README_API_KEY=«rdme_ve95d3xo8wh700mcbok5cmw7pbesyffwuc9ls7uonvaefq2m5cacskltiogpvp3l5jgws5»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC178",
            aliases: &["scalingo-api-token"],
            title: Text {
                en: "Scalingo API token",
                zh: "Scalingo API 令牌",
            },
            description: Text {
                en: "A Scalingo API token (`tk-us-…`): it deploys the user's apps and reads their environment \
                     variables.",
                zh: "Scalingo API 令牌（`tk-us-…`）：可以部署该用户的应用并读取其环境变量。",
            },
            remediation: Text {
                en: "Delete the token in the dashboard's API tokens and create a new one for the CI secret \
                     store.",
                zh: "在控制台的 API tokens 中删除该令牌，为 CI 密钥存储重新创建一个。",
            },
            references: &["https://doc.scalingo.com/platform/cli/features#login-with-an-api-token"],
            ..META
        },
        keywords: &["tk-us-"],
        patterns: &[token!(r"tk-us-[A-Za-z0-9_-]{48}")],
        check: Check::Entropy(3.5),
        samples: &["SCALINGO_API_TOKEN=«tk-us-Tz_OnsGyROQ9efCUQr8CRmQ5lW7WH0sFyimctXyW93fY8fEU»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC179",
            aliases: &["1password-service-account-token"],
            severity: Severity::Critical,
            title: Text {
                en: "1Password service account token",
                zh: "1Password 服务账号令牌",
            },
            description: Text {
                en: "A 1Password service account token (`ops_eyJ…`): it reads (or writes) every item in the \
                     vaults the service account was granted.",
                zh: "1Password 服务账号令牌（`ops_eyJ…`）：可以读取（或写入）授予该服务账号的保险库中的所有条目。",
            },
            remediation: Text {
                en: "Revoke the token in Developer → Service Accounts, review the activity, and rotate the \
                     items it could read.",
                zh: "在 Developer → Service Accounts 中吊销该令牌，审查活动记录，并轮换它能读取的条目。",
            },
            references: &["https://developer.1password.com/docs/service-accounts/manage-service-accounts/"],
            ..META
        },
        keywords: &["ops_eyj"],
        patterns: &[token!(r"ops_eyJ[A-Za-z0-9+/]{250,}={0,3}")],
        check: Check::Entropy(4.0),
        reach: Reach::Line {
            before: 80,
            after: 4096,
        },
        samples: &[
            "OP_SERVICE_ACCOUNT_TOKEN=«ops_eyJA/FOtnUZJNQ4inTXhiLUGyto7Ntce2aJ815sCzUFR3IbH1LuAuHz6GLFfE+TwCtcvRXNJTqj+vRf9fQWpF/4K5D1h4lcI4fRY7G//iFvVqFA3F1Dn2ckQtbYs8ByO5/ozy3uKF03MaBCaXEbV2k7DriLupSXMu7WxwYDHzeXLOO0D3o2r9F/a0rrqGB12QwYPCmBIePBFIKHcpEujOGg6visv6RnR/pW3HpCHrppBjE3u8uB7ihBwhgO5C9tuuSStE2TC+GXJVH4hmdww/zsvjrSlYW3+/60uSS26xihXguf»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC180",
            aliases: &["1password-secret-key"],
            severity: Severity::Critical,
            title: Text {
                en: "1Password secret key",
                zh: "1Password 账户密钥（Secret Key）",
            },
            description: Text {
                en: "A 1Password account Secret Key (`A3-…`). It is one of the two factors that decrypt the \
                     account's vaults; with the account password, everything is open.",
                zh: "1Password 账户的 Secret Key（`A3-…`）。它是解密账户保险库的两个因素之一，再加上账户密码，一切都\
                     将敞开。",
            },
            remediation: Text {
                en: "Generate a new Secret Key (account settings → Regenerate), change the account password, \
                     and remove the Emergency Kit copy from where it was found.",
                zh: "重新生成 Secret Key（账户设置 → Regenerate），修改账户密码，并从发现之处删除应急工具包的副本。",
            },
            references: &["https://support.1password.com/secret-key-security/"],
            ..META
        },
        keywords: &["a3-"],
        patterns: &[token!(
            r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"
        )],
        check: Check::Entropy(3.5),
        samples: &["Secret Key: «A3-S1M7P9-CNZSQK8QDFX-6RWXH-26QV1-ETJIB»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC181",
            title: Text {
                en: "Jenkins API token",
                zh: "Jenkins API 令牌",
            },
            description: Text {
                en: "A Jenkins user API token (34 hex characters starting `11`) assigned to a Jenkins name: \
                     it runs and configures jobs — and reads their credentials — as the user.",
                zh: "赋给 Jenkins 相关变量的用户 API 令牌（以 `11` 开头的 34 位十六进制）：能以该用户身份运行和配置\
                     作业，并读取作业中的凭据。",
            },
            remediation: Text {
                en: "Revoke the token in the user's Security settings and create a new one for the caller's \
                     secret store.",
                zh: "在该用户的 Security 设置中吊销令牌，为调用方的密钥存储重新创建一个。",
            },
            references: &["https://www.jenkins.io/doc/book/using/remote-access-api/"],
            ..META
        },
        keywords: &["jenkins"],
        patterns: &[assigned!(r"jenkins\w*?(?:token|key|pass\w*)", r"11[a-f0-9]{32}")],
        check: Check::Entropy(3.0),
        samples: &["JENKINS_API_TOKEN=«11f24a67689c0c09d6a79c91fd3a475d3e»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC182",
            title: Text {
                en: "Password in a .netrc file",
                zh: ".netrc 文件中的密码",
            },
            description: Text {
                en: "A `machine … login … password …` entry of a `.netrc`: the credential curl, git, pip and \
                     many tools send to that host.",
                zh: "`.netrc` 中的 `machine … login … password …` 条目：curl、git、pip 等众多工具会把这份凭据发给对应主机。",
            },
            remediation: Text {
                en: "Change the password or token, keep `.netrc` in the home directory (mode 0600) rather \
                     than the repository, and write it from the CI secret store at run time.",
                zh: "修改该密码或令牌；`.netrc` 应放在主目录（权限 0600）而不是仓库里，在运行时由 CI 密钥存储写入。",
            },
            references: &["https://everything.curl.dev/usingcurl/netrc.html"],
            ..META
        },
        keywords: &["machine"],
        patterns: &[r"\bmachine\s+\S+\s+login\s+\S+\s+password\s+(?P<s>\S+)"],
        check: Check::Password,
        reach: Reach::Block {
            before: 16,
            after: 400,
        },
        samples: &["machine api.heroku.com\n  login ci@acme.io\n  password «A0E2IAnmISrXAb2LImPe»\n"],
        decoys: &["machine example.com login user password $NETRC_PASSWORD\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC183",
            aliases: &["sidekiq-secret", "sidekiq-sensitive-url"],
            title: Text {
                en: "Sidekiq Pro/Enterprise credentials",
                zh: "Sidekiq Pro/Enterprise 凭据",
            },
            description: Text {
                en: "Sidekiq Pro or Enterprise gem server credentials (`BUNDLE_GEMS__CONTRIBSYS__COM`, or in a \
                     `gems.contribsys.com` URL): a licensed download of the commercial gems.",
                zh: "Sidekiq Pro 或 Enterprise 的 gem 服务器凭据（`BUNDLE_GEMS__CONTRIBSYS__COM`，或 `gems.contribsys.com` \
                     URL 中）：即商业版 gem 的授权下载凭据。",
            },
            remediation: Text {
                en: "Ask Contributed Systems to rotate the credentials and provide them through \
                     `bundle config` from the CI secret store.",
                zh: "联系 Contributed Systems 轮换凭据，并通过 CI 密钥存储用 `bundle config` 提供。",
            },
            references: &["https://github.com/sidekiq/sidekiq/wiki/Sidekiq-Pro#installation"],
            ..META
        },
        keywords: &["contribsys"],
        patterns: &[
            r#"(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)["']?\s*[:=]\s*["']?(?P<s>[a-f0-9]{8}:[a-f0-9]{8})\b"#,
            r"(?i)https?://(?P<s>[a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com",
        ],
        samples: &[
            "BUNDLE_GEMS__CONTRIBSYS__COM=«c8629f50:cac035e3»\n",
            "source \"https://«8216a7eb:6ee5f1fa»@gems.contribsys.com/\"\n",
        ],
        ..Detector::BASE
    },
];
