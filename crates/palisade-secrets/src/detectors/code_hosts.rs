//! Code hosts: GitHub, GitLab, Gitee, Bitbucket, Azure DevOps, Gitea. A leaked token here is
//! source code, CI secrets and the ability to push to the default branch.

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector, Reach};

/// Revoking a GitHub token: the owner deletes it, an organisation admin or GitHub's
/// credential revocation API can revoke one found in the wild.
const GITHUB_REMEDIATION: Text = Text {
    en: "Revoke the token (its owner in Settings → Developer settings, or anyone through GitHub's \
         credential revocation API), review the audit log for its use, and give automation a GitHub \
         App installation token or `GITHUB_TOKEN` instead of a personal token.",
    zh: "吊销该令牌（由所有者在 Settings → Developer settings 中删除，或由任何人通过 GitHub 的凭据吊销 API \
         吊销），在审计日志中排查其使用记录；自动化改用 GitHub App 安装令牌或 `GITHUB_TOKEN`，不要使用个人令牌。",
};

/// Revoking a GitLab token: where each kind is managed differs, the principle does not.
const GITLAB_REMEDIATION: Text = Text {
    en: "Revoke the token where it was created (user, project or group settings → Access tokens, or \
         the Admin area), or with the token revocation API; create a replacement with the least scope \
         and an expiry, and keep it in CI/CD variables marked masked and protected.",
    zh: "在创建它的地方（用户、项目或群组设置 → 访问令牌，或管理中心）吊销该令牌，也可调用令牌吊销 API；\
         重新创建权限最小、带有效期的令牌，并保存在标记为 masked 和 protected 的 CI/CD 变量中。",
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC100",
            aliases: &["GitHubTokenDetector", "github-pat"],
            severity: Severity::Critical,
            title: Text {
                en: "GitHub personal access token",
                zh: "GitHub 个人访问令牌",
            },
            description: Text {
                en: "A classic GitHub personal access token (`ghp_…`, checksum verified). It acts as its \
                     owner on every repository and organisation the owner can reach, within its scopes, \
                     and classic tokens often never expire.",
                zh: "GitHub 经典个人访问令牌（`ghp_…`，已校验其校验和）。在其权限范围内，它可以以所有者身份访问\
                     所有者能触及的每个仓库和组织，而且经典令牌往往永不过期。",
            },
            remediation: GITHUB_REMEDIATION,
            references: &[
                "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/",
                "https://docs.github.com/en/rest/credentials/revoke",
            ],
            ..META
        },
        keywords: &["ghp_"],
        patterns: &[token!(r"ghp_[0-9A-Za-z]{36}")],
        check: Check::Crc32Base62 { prefix: 4 },
        samples: &[
            "git clone https://x-access-token:«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»@github.com/acme/app.git\n",
        ],
        decoys: &["token: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC101",
            aliases: &["github-oauth"],
            title: Text {
                en: "GitHub OAuth access token",
                zh: "GitHub OAuth 访问令牌",
            },
            description: Text {
                en: "A GitHub OAuth app user token (`gho_…`, checksum verified), as the GitHub CLI and OAuth \
                     apps hold them: it acts as the user with the scopes granted to the app.",
                zh: "GitHub OAuth 应用的用户令牌（`gho_…`，已校验其校验和），GitHub CLI 和各类 OAuth 应用保存的就是\
                     这种令牌：它以该用户身份、按授予应用的权限范围行事。",
            },
            remediation: GITHUB_REMEDIATION,
            references: &[
                "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats",
            ],
            ..META
        },
        keywords: &["gho_"],
        patterns: &[token!(r"gho_[0-9A-Za-z]{36}")],
        check: Check::Crc32Base62 { prefix: 4 },
        samples: &["github.com:\n    oauth_token: «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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC102",
            aliases: &["github-app-token"],
            title: Text {
                en: "GitHub App token",
                zh: "GitHub App 令牌",
            },
            description: Text {
                en: "A GitHub App user-to-server (`ghu_…`) or installation (`ghs_…`) token, checksum verified. \
                     Installation tokens — `GITHUB_TOKEN` in Actions among them — last an hour, user tokens \
                     eight hours, with the app's permissions.",
                zh: "GitHub App 的用户到服务器令牌（`ghu_…`）或安装令牌（`ghs_…`），已校验其校验和。安装令牌（包括 \
                     Actions 中的 `GITHUB_TOKEN`）有效一小时，用户令牌有效八小时，拥有该应用的权限。",
            },
            remediation: GITHUB_REMEDIATION,
            references: &[
                "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/about-authentication-with-a-github-app",
            ],
            ..META
        },
        keywords: &["ghu_", "ghs_"],
        patterns: &[token!(r"gh[us]_[0-9A-Za-z]{36}")],
        check: Check::Crc32Base62 { prefix: 4 },
        samples: &[
            "Authorization: token «ghs_OkPFOjpH5102670gY5sPXY0n9QMPJU281e5i»\n",
            "GH_USER_TOKEN=«ghu_FeZbsDURzyottFfNHKCFT8fs9cJtvB4G5xws»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC103",
            aliases: &["github-refresh-token"],
            title: Text {
                en: "GitHub refresh token",
                zh: "GitHub 刷新令牌",
            },
            description: Text {
                en: "A GitHub App refresh token (`ghr_…`, checksum verified): for six months it mints new user \
                     access tokens for the app.",
                zh: "GitHub App 刷新令牌（`ghr_…`，已校验其校验和）：在六个月内可以不断为该应用换取新的用户访问令牌。",
            },
            remediation: GITHUB_REMEDIATION,
            references: &[
                "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens",
            ],
            ..META
        },
        keywords: &["ghr_"],
        patterns: &[token!(r"ghr_[0-9A-Za-z]{36}")],
        check: Check::Crc32Base62 { prefix: 4 },
        samples: &["refresh_token=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC104",
            aliases: &["github-fine-grained-pat"],
            severity: Severity::Critical,
            title: Text {
                en: "GitHub fine-grained personal access token",
                zh: "GitHub 细粒度个人访问令牌",
            },
            description: Text {
                en: "A fine-grained GitHub personal access token (`github_pat_…`): it acts as its owner on the \
                     repositories and permissions it was given, until it expires.",
                zh: "GitHub 细粒度个人访问令牌（`github_pat_…`）：在过期之前，它以所有者身份作用于授予它的仓库和权限。",
            },
            remediation: GITHUB_REMEDIATION,
            references: &[
                "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
            ],
            ..META
        },
        keywords: &["github_pat_"],
        patterns: &[token!(r"github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}")],
        check: Check::Entropy(4.0),
        samples: &[
            "GH_TOKEN=«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»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC105",
            aliases: &["GitLabTokenDetector", "gitlab-pat", "gitlab-pat-routable"],
            severity: Severity::Critical,
            title: Text {
                en: "GitLab personal access token",
                zh: "GitLab 个人访问令牌",
            },
            description: Text {
                en: "A GitLab personal, project or group access token (`glpat-…`). With the `api` scope it \
                     reads and writes every repository, registry and CI variable its owner can reach.",
                zh: "GitLab 个人、项目或群组访问令牌（`glpat-…`）。若带 `api` 权限，它可以读写所有者能触及的所有仓库、\
                     镜像仓库和 CI 变量。",
            },
            remediation: GITLAB_REMEDIATION,
            references: &["https://docs.gitlab.com/security/tokens/#personal-access-tokens"],
            ..META
        },
        keywords: &["glpat-"],
        patterns: &[token!(
            r"glpat-(?:[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}|[0-9A-Za-z_-]{20})"
        )],
        check: Check::Entropy(3.5),
        samples: &[
            "GITLAB_TOKEN=«glpat-pN6m4HCmyNAzG0edg2pr»\n",
            "token: «glpat-bc-Zexoo57VBGjnNOevWNqEcTltKaW721txb.01muttgh5»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC106",
            aliases: &["gitlab-ptt"],
            title: Text {
                en: "GitLab pipeline trigger token",
                zh: "GitLab 流水线触发令牌",
            },
            description: Text {
                en: "A GitLab pipeline trigger token (`glptt-…`): it starts pipelines on any branch of the \
                     project, as the token's owner, with variables of the caller's choosing.",
                zh: "GitLab 流水线触发令牌（`glptt-…`）：以令牌所有者身份在项目任意分支上启动流水线，变量由调用者任意指定。",
            },
            remediation: GITLAB_REMEDIATION,
            references: &["https://docs.gitlab.com/ci/triggers/"],
            ..META
        },
        keywords: &["glptt-"],
        patterns: &[token!(r"glptt-[0-9a-f]{40}")],
        samples: &[
            "curl -X POST -F token=«glptt-a421f4890dd1e50adced110bef258c2bb0d6bdb6» -F ref=main https://gitlab.example.com/api/v4/projects/7/trigger/pipeline\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC107",
            aliases: &["gitlab-rrt"],
            title: Text {
                en: "GitLab runner registration token",
                zh: "GitLab Runner 注册令牌",
            },
            description: Text {
                en: "A GitLab runner registration token (`GR1348941…`): it registers new runners that then \
                     receive the project's or group's jobs — and their CI variables.",
                zh: "GitLab Runner 注册令牌（`GR1348941…`）：凭它可以注册新的 Runner，随后接收项目或群组的作业以及\
                     作业中的 CI 变量。",
            },
            remediation: GITLAB_REMEDIATION,
            references: &["https://docs.gitlab.com/ci/runners/new_creation_workflow/"],
            ..META
        },
        keywords: &["gr1348941"],
        patterns: &[token!(r"GR1348941[0-9A-Za-z_-]{20}")],
        check: Check::Entropy(3.0),
        samples: &["gitlab-runner register --registration-token «GR13489416Jx88JHEADBB54VXF1LO»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC108",
            aliases: &[
                "gitlab-runner-authentication-token",
                "gitlab-runner-authentication-token-routable",
            ],
            title: Text {
                en: "GitLab runner authentication token",
                zh: "GitLab Runner 认证令牌",
            },
            description: Text {
                en: "A GitLab runner authentication token (`glrt-…`) from a runner's `config.toml`: whoever \
                     has it can pose as the runner and receive jobs, secrets included.",
                zh: "Runner 的 `config.toml` 中的 GitLab Runner 认证令牌（`glrt-…`）：持有者可以冒充该 Runner 领取作业，\
                     连同其中的机密。",
            },
            remediation: GITLAB_REMEDIATION,
            references: &["https://docs.gitlab.com/security/tokens/#runner-authentication-tokens"],
            ..META
        },
        keywords: &["glrt-"],
        patterns: &[token!(
            r"glrt-(?:t\d_[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}|[0-9A-Za-z_-]{20})"
        )],
        check: Check::Entropy(3.0),
        samples: &["[[runners]]\n  token = \"«glrt-q1L5h7L2ZSe0l1OvB3sW»\"\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC109",
            aliases: &["gitlab-deploy-token"],
            title: Text {
                en: "GitLab deploy token",
                zh: "GitLab 部署令牌",
            },
            description: Text {
                en: "A GitLab deploy token (`gldt-…`): read (often write) access to the repository, package \
                     and container registries of its project or group.",
                zh: "GitLab 部署令牌（`gldt-…`）：对所属项目或群组的代码仓库、软件包和容器镜像仓库有读（常常也有写）权限。",
            },
            remediation: GITLAB_REMEDIATION,
            references: &["https://docs.gitlab.com/user/project/deploy_tokens/"],
            ..META
        },
        keywords: &["gldt-"],
        patterns: &[token!(r"gldt-[0-9A-Za-z_-]{20}")],
        check: Check::Entropy(3.0),
        samples: &["docker login -u deployer -p «gldt-k8vrtdaiAYcLzT2zOe6m» registry.gitlab.example.com\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC110",
            aliases: &["gitlab-cicd-job-token"],
            severity: Severity::Medium,
            title: Text {
                en: "GitLab CI/CD job token",
                zh: "GitLab CI/CD 作业令牌",
            },
            description: Text {
                en: "A GitLab CI/CD job token (`glcbt-…`). It works only while its job runs, but a copy in \
                     logs or artifacts can be used in that window against the projects the job may reach.",
                zh: "GitLab CI/CD 作业令牌（`glcbt-…`）。它只在作业运行期间有效，但若副本出现在日志或制品中，\
                     在此期间就可被用来访问该作业有权访问的项目。",
            },
            remediation: Text {
                en: "Stop printing or saving `CI_JOB_TOKEN`; restrict which projects job tokens may access \
                     (CI/CD settings → Job token permissions).",
                zh: "不要再输出或保存 `CI_JOB_TOKEN`；在 CI/CD 设置 → 作业令牌权限中限制作业令牌可访问的项目。",
            },
            references: &["https://docs.gitlab.com/ci/jobs/ci_job_token/"],
            ..META
        },
        keywords: &["glcbt-"],
        patterns: &[token!(r"glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}")],
        check: Check::Entropy(3.0),
        samples: &["JOB_TOKEN=«glcbt-64_S9Vz8x0z4T4mKrDBCVsc»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC111",
            aliases: &["gitlab-oauth-app-secret"],
            title: Text {
                en: "GitLab OAuth application secret",
                zh: "GitLab OAuth 应用密钥",
            },
            description: Text {
                en: "A GitLab OAuth application secret (`gloas-…`): with the application ID it completes OAuth \
                     flows as that application, for apps that use GitLab to sign users in.",
                zh: "GitLab OAuth 应用密钥（`gloas-…`）：配合应用 ID，可以以该应用身份完成 OAuth 流程——用 GitLab \
                     登录的应用都依赖它。",
            },
            remediation: GITLAB_REMEDIATION,
            references: &["https://docs.gitlab.com/integration/oauth_provider/"],
            ..META
        },
        keywords: &["gloas-"],
        patterns: &[token!(r"gloas-[0-9A-Za-z_-]{64}")],
        check: Check::Entropy(3.5),
        samples: &[
            "client_secret: «gloas-KCDKlBNQEenZfA1bUTzZt_HLpwRbHEGNuE_gKobC98n5Szkl3Zf8didPnP363PQB»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC112",
            aliases: &["gitlab-feed-token"],
            severity: Severity::Low,
            title: Text {
                en: "GitLab feed token",
                zh: "GitLab 订阅源令牌",
            },
            description: Text {
                en: "A GitLab feed token (`glft-…`): it reads the user's RSS/Atom feeds and calendar, which \
                     name private issues and merge requests.",
                zh: "GitLab 订阅源令牌（`glft-…`）：可读取该用户的 RSS/Atom 订阅和日历，其中会出现私有议题和合并请求的标题。",
            },
            remediation: Text {
                en: "Reset the feed token in User settings → Access tokens.",
                zh: "在“用户设置 → 访问令牌”中重置订阅源令牌。",
            },
            references: &["https://docs.gitlab.com/security/tokens/#feed-token"],
            ..META
        },
        keywords: &["glft-"],
        patterns: &[token!(r"glft-[0-9A-Za-z_-]{20}")],
        check: Check::Entropy(3.0),
        samples: &[
            "https://gitlab.example.com/dashboard/issues.atom?feed_token=«glft-IdeZzhYQrGQCke7E7FWL»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC113",
            aliases: &["gitlab-incoming-mail-token"],
            severity: Severity::Medium,
            title: Text {
                en: "GitLab incoming email token",
                zh: "GitLab 收件邮箱令牌",
            },
            description: Text {
                en: "A GitLab incoming email token (`glimt-…`): it lets anyone create issues and comments by \
                     email in the user's name.",
                zh: "GitLab 收件邮箱令牌（`glimt-…`）：任何人都能凭它以该用户名义通过邮件创建议题和评论。",
            },
            remediation: Text {
                en: "Reset the incoming email token in User settings → Access tokens.",
                zh: "在“用户设置 → 访问令牌”中重置收件邮箱令牌。",
            },
            references: &["https://docs.gitlab.com/security/tokens/#incoming-email-token"],
            ..META
        },
        keywords: &["glimt-"],
        patterns: &[token!(r"glimt-[0-9A-Za-z_-]{25}")],
        check: Check::Entropy(3.0),
        samples: &["incoming_email_token: «glimt-Oozk5DHrvGzpgvj7v3ZklvoJ2»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC114",
            aliases: &["gitlab-kubernetes-agent-token"],
            title: Text {
                en: "GitLab agent for Kubernetes token",
                zh: "GitLab Kubernetes 代理令牌",
            },
            description: Text {
                en: "A GitLab agent for Kubernetes token (`glagent-…`): it connects an agent to GitLab, which \
                     then serves it the manifests and CI access of the configured projects.",
                zh: "GitLab Kubernetes 代理令牌（`glagent-…`）：凭它可以把代理接入 GitLab，GitLab 随即向它下发所配置\
                     项目的清单和 CI 访问权限。",
            },
            remediation: GITLAB_REMEDIATION,
            references: &[
                "https://docs.gitlab.com/user/clusters/agent/work_with_agent/#reset-the-agent-token",
            ],
            ..META
        },
        keywords: &["glagent-"],
        patterns: &[token!(r"glagent-[0-9A-Za-z_-]{50}")],
        check: Check::Entropy(3.5),
        samples: &[
            "helm upgrade --install gitlab-agent gitlab/gitlab-agent --set config.token=«glagent-wdBSXu3Bfynw9M_gaaLHm90fmOdDY7wkH_dfkzoh1QGPRGFMWg»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC115",
            aliases: &["gitlab-scim-token"],
            title: Text {
                en: "GitLab SCIM token",
                zh: "GitLab SCIM 令牌",
            },
            description: Text {
                en: "A GitLab SCIM token (`glsoat-…`): it provisions and removes users of the group or \
                     instance.",
                zh: "GitLab SCIM 令牌（`glsoat-…`）：可以为群组或实例开通和移除用户。",
            },
            remediation: GITLAB_REMEDIATION,
            references: &["https://docs.gitlab.com/user/group/saml_sso/scim_setup/"],
            ..META
        },
        keywords: &["glsoat-"],
        patterns: &[token!(r"glsoat-[0-9A-Za-z_-]{20}")],
        check: Check::Entropy(3.0),
        samples: &["scim_token: «glsoat-OdmogaA-xN7S4USJrMzj»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC116",
            aliases: &["gitlab-feature-flag-client-token"],
            severity: Severity::Low,
            title: Text {
                en: "GitLab feature flag client token",
                zh: "GitLab 功能开关客户端令牌",
            },
            description: Text {
                en: "A GitLab feature flag client token (`glffct-…`): it reads the project's feature flags \
                     and user lists.",
                zh: "GitLab 功能开关客户端令牌（`glffct-…`）：可读取项目的功能开关及用户列表。",
            },
            remediation: Text {
                en: "Reset the instance ID token in Deploy → Feature flags → Configure.",
                zh: "在“部署 → 功能开关 → 配置”中重置实例 ID 令牌。",
            },
            references: &["https://docs.gitlab.com/operations/feature_flags/"],
            ..META
        },
        keywords: &["glffct-"],
        patterns: &[token!(r"glffct-[0-9A-Za-z_-]{20}")],
        check: Check::Entropy(3.0),
        samples: &["UNLEASH_INSTANCE_ID=«glffct-qIftq2W3X8WuECHmogp8»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC117",
            aliases: &["gitlab-session-cookie"],
            severity: Severity::Medium,
            title: Text {
                en: "GitLab session cookie",
                zh: "GitLab 会话 Cookie",
            },
            description: Text {
                en: "A GitLab session cookie (`_gitlab_session=…`), copied from a browser into a script: \
                     until the session ends it is the user's logged-in session.",
                zh: "从浏览器复制到脚本里的 GitLab 会话 Cookie（`_gitlab_session=…`）：在会话结束前，它就是该用户的\
                     登录态。",
            },
            remediation: Text {
                en: "Sign out of that session (User settings → Active sessions → Revoke) and use an access \
                     token with an expiry for scripts.",
                zh: "注销该会话（用户设置 → 活动会话 → 撤销），脚本改用带有效期的访问令牌。",
            },
            references: &["https://docs.gitlab.com/user/profile/active_sessions/"],
            ..META
        },
        keywords: &["_gitlab_session="],
        patterns: &[r"_gitlab_session=(?P<s>[0-9a-z]{32})\b"],
        check: Check::Entropy(3.0),
        samples: &[
            "curl -b \"_gitlab_session=«7o0e559pb7x86f4imjhn7nm9jaqjmg0c»\" https://gitlab.example.com/api/v4/user\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC118",
            title: Text {
                en: "Gitee access token",
                zh: "Gitee 私人令牌",
            },
            description: Text {
                en: "A Gitee private token (32 hex characters) assigned to a Gitee name: it reads and writes \
                     the user's repositories and those of their enterprises.",
                zh: "赋给 Gitee 相关变量的码云（Gitee）私人令牌（32 位十六进制）：可读写该用户及其所在企业的仓库。",
            },
            remediation: Text {
                en: "Delete the token in Settings → Private tokens and create one with only the scopes \
                     needed, kept in the CI secret store.",
                zh: "在“设置 → 私人令牌”中删除该令牌，重新创建仅含所需权限的令牌，并保存在 CI 的密钥存储中。",
            },
            references: &["https://gitee.com/api/v5/oauth_doc"],
            ..META
        },
        keywords: &["gitee"],
        patterns: &[assigned!(r"gitee\w*?(?:token|key|pat|password)", r"[0-9a-f]{32}")],
        check: Check::Entropy(3.0),
        samples: &["GITEE_TOKEN=«da0bc5b1b44c9cfabae2c869dd0d925d»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC119",
            title: Text {
                en: "Bitbucket app password",
                zh: "Bitbucket 应用密码",
            },
            description: Text {
                en: "A Bitbucket Cloud app password (`ATBB…`): with the username it reaches every repository \
                     and pipeline variable the permissions allow.",
                zh: "Bitbucket Cloud 应用密码（`ATBB…`）：配合用户名即可访问权限所及的全部仓库和流水线变量。",
            },
            remediation: Text {
                en: "Revoke it in Personal settings → App passwords and move to API tokens or repository \
                     access tokens with an expiry.",
                zh: "在“个人设置 → 应用密码”中撤销它，改用带有效期的 API 令牌或仓库访问令牌。",
            },
            references: &["https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/"],
            ..META
        },
        keywords: &["atbb"],
        patterns: &[token!(r"ATBB[A-Za-z0-9_=.-]{28,60}")],
        check: Check::Entropy(3.5),
        samples: &["BITBUCKET_APP_PASSWORD=«ATBB6tWLrKtdIu3gKUC6HsYfmLLjxzdeUFPo»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC120",
            aliases: &["bitbucket-client-secret"],
            title: Text {
                en: "Bitbucket OAuth consumer secret",
                zh: "Bitbucket OAuth 消费者密钥",
            },
            description: Text {
                en: "A Bitbucket OAuth consumer secret (64 characters) assigned to a Bitbucket name: it \
                     obtains tokens with the consumer's permissions.",
                zh: "赋给 Bitbucket 相关变量的 OAuth 消费者密钥（64 个字符）：凭它可以按该消费者的权限获取令牌。",
            },
            remediation: Text {
                en: "Delete the OAuth consumer in workspace settings → OAuth consumers and create a new one.",
                zh: "在工作区设置 → OAuth consumers 中删除该消费者并重新创建。",
            },
            references: &["https://support.atlassian.com/bitbucket-cloud/docs/use-oauth-on-bitbucket-cloud/"],
            ..META
        },
        keywords: &["bitbucket"],
        patterns: &[assigned!(r"bitbucket\w*?secret", r"[A-Za-z0-9=_-]{64}")],
        check: Check::Entropy(3.5),
        samples: &[
            "BITBUCKET_CLIENT_SECRET=«sHkziJ2W96qrKkavXugC8fc9tbmpZ6K0Cb9vNYb57Xsa1iTUf2WgycqQ1jDvwrz4»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC121",
            title: Text {
                en: "Bitbucket access token",
                zh: "Bitbucket 访问令牌",
            },
            description: Text {
                en: "A Bitbucket repository, project or workspace access token (`ATCTT3xFfGN0…`): it acts on \
                     its repositories with the scopes chosen at creation.",
                zh: "Bitbucket 仓库、项目或工作区访问令牌（`ATCTT3xFfGN0…`）：按创建时选定的权限作用于对应仓库。",
            },
            remediation: Text {
                en: "Revoke the token in the repository, project or workspace settings → Access tokens.",
                zh: "在仓库、项目或工作区设置 → Access tokens 中吊销该令牌。",
            },
            references: &["https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/"],
            ..META
        },
        keywords: &["atctt3xffgn0"],
        patterns: &[token!(r"ATCTT3xFfGN0[A-Za-z0-9_=-]{100,300}")],
        check: Check::Entropy(4.0),
        reach: Reach::Line {
            before: 80,
            after: 1024,
        },
        samples: &[
            "BITBUCKET_ACCESS_TOKEN=«ATCTT3xFfGN02xhcdn3s34C3ZTMW7u9lIGhZo65y7G21OQSBF5DLNLgBpfYmUP5baY0GnLVIVdKGWIAeYe7OGeyNBJEXTOGEt3AnjjJKEZgvyyiHNl70ZdiZgY2BRcsnjY7zCqcZcUMx6ZDWW67VSNrieOiVuEF-QaSYzWUMeclS0ICHmTUPxyoKFky0a-Gv»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC122",
            title: Text {
                en: "Azure DevOps personal access token",
                zh: "Azure DevOps 个人访问令牌",
            },
            description: Text {
                en: "An Azure DevOps personal access token, in the current 84-character format (with its \
                     `AZDO` signature) or the older 52-character one assigned to a DevOps name: repositories, \
                     pipelines, artifacts and boards as its owner.",
                zh: "Azure DevOps 个人访问令牌：新的 84 字符格式（带 `AZDO` 标记），或赋给 DevOps 相关变量的旧 52 字符\
                     格式。凭它可以以所有者身份访问仓库、流水线、制品和看板。",
            },
            remediation: Text {
                en: "Revoke the token (User settings → Personal access tokens; organisation admins can \
                     revoke any user's), and use service connections with workload identity federation \
                     for pipelines.",
                zh: "吊销该令牌（用户设置 → 个人访问令牌；组织管理员可吊销任意用户的令牌），流水线改用基于工作负载\
                     身份联合的服务连接。",
            },
            references: &[
                "https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
            ],
            ..META
        },
        keywords: &["azdo", "devops", "vsts", "ado_"],
        patterns: &[
            token!(r"[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}"),
            assigned!(
                r"devops\w*?(?:pat|token)|vsts\w*?(?:pat|token)|ado_?(?:pat|token)|azdo\w*?(?:pat|token)",
                r"[a-z2-7]{52}"
            ),
        ],
        check: Check::Entropy(3.5),
        samples: &[
            "AZURE_DEVOPS_PAT=«g4fr2gpipiswesgd3nlxvhen26ueo7fycfw3utalcnn7wquo6a2x»\n",
            "pat: «EI3uaP2IGsj9chELoz1p8c7nWRD6m9zDO2yMr07rsBOInGoGPfzDx3KenAOtDsX0am3VxLTctGA5AZDO1EW8»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC123",
            title: Text {
                en: "Gitea or Forgejo access token",
                zh: "Gitea/Forgejo 访问令牌",
            },
            description: Text {
                en: "A Gitea, Forgejo or Codeberg access token (40 hex characters) assigned to such a name: \
                     the user's repositories and packages within its scopes.",
                zh: "赋给 Gitea、Forgejo 或 Codeberg 相关变量的访问令牌（40 位十六进制）：在其权限范围内访问该用户的\
                     仓库和软件包。",
            },
            remediation: Text {
                en: "Delete the token in Settings → Applications and create a scoped one for the CI secret \
                     store.",
                zh: "在“设置 → 应用”中删除该令牌，为 CI 密钥存储重新创建限定权限的令牌。",
            },
            references: &["https://docs.gitea.com/development/oauth2-provider#scopes"],
            ..META
        },
        keywords: &["gitea", "forgejo", "codeberg"],
        patterns: &[assigned!(
            r"(?:gitea|forgejo|codeberg)\w*?(?:token|key|pat)",
            r"[0-9a-f]{40}"
        )],
        check: Check::Entropy(3.0),
        samples: &["GITEA_TOKEN=«1947c0904c6081f2aff665bd478181a69790d9e6»\n"],
        ..Detector::BASE
    },
];
