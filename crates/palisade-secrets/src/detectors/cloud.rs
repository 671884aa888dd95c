//! Cloud providers: AWS, Google Cloud, Azure, the Chinese clouds palisade's users run on
//! (Alibaba, Tencent, Huawei, Baidu, Volcengine, JD, Qiniu), IBM, and the smaller platforms
//! (DigitalOcean, Linode, Vultr, Hetzner, Scaleway, OVH, Cloudflare, Heroku, Fly.io, Netlify,
//! Vercel, Render, Supabase, PlanetScale, Databricks, Yandex).

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector, FILE_KIND, Reach};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC001",
            aliases: &["AWSKeyDetector", "aws-access-token"],
            title: Text {
                en: "AWS access key ID",
                zh: "AWS 访问密钥 ID",
            },
            description: Text {
                en: "An AWS access key ID (`AKIA…` for an IAM user, `ASIA…` for temporary credentials). \
                     The ID alone does not sign requests, but it names the key whose secret is usually \
                     written next to it, and it reveals the account it belongs to.",
                zh: "AWS 访问密钥 ID（IAM 用户为 `AKIA…`，临时凭证为 `ASIA…`）。单凭 ID 无法签名请求，但它指明了\
                     一把密钥，而密钥的私密部分通常就写在旁边，ID 本身还会暴露所属账号。",
            },
            remediation: Text {
                en: "In IAM, deactivate and delete the access key, check CloudTrail for its use, and give \
                     workloads roles instead of keys (instance profiles, IRSA or EKS Pod Identity, GitHub \
                     OIDC).",
                zh: "在 IAM 中停用并删除该访问密钥，在 CloudTrail 中排查其使用记录；工作负载改用角色而非密钥\
                     （实例配置文件、IRSA 或 EKS Pod Identity、GitHub OIDC）。",
            },
            references: &[
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
            ],
            ..META
        },
        keywords: &["akia", "asia", "abia", "acca", "a3t"],
        patterns: &[token!(r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}")],
        check: Check::Entropy(3.0),
        samples: &[
            "aws_access_key_id = «AKIABSIN4ZCATC7SM7BJ»\n",
            "export AWS_ACCESS_KEY_ID=\"«ASIA7GL3UBMIWGJR2N6S»\"\n",
        ],
        decoys: &[
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
            "AKIAXXXXXXXXXXXXXXXX\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC002",
            severity: Severity::Critical,
            title: Text {
                en: "AWS secret access key",
                zh: "AWS 私有访问密钥",
            },
            description: Text {
                en: "An AWS secret access key: with its access key ID it signs any API call the IAM user \
                     may make, from anywhere, until it is deleted.",
                zh: "AWS 私有访问密钥（Secret Access Key）：配合访问密钥 ID，可以在任何地方以该 IAM 用户的全部权限\
                     签名调用 API，直到密钥被删除为止。",
            },
            remediation: Text {
                en: "Delete the access key in IAM now (deactivating it stops it working at once), review \
                     CloudTrail for what it did, and move the workload to a role with short-lived \
                     credentials.",
                zh: "立即在 IAM 中删除该访问密钥（先停用可使其立刻失效），在 CloudTrail 中审查它做过的操作，\
                     并让工作负载改用带短期凭证的角色。",
            },
            references: &[
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
            ],
            ..META
        },
        keywords: &[
            "secret_access_key",
            "secretaccesskey",
            "secret-access-key",
            "aws_secret",
            "aws-secret",
        ],
        patterns: &[assigned!(
            r"secret_?access_?key|aws_?secret(?:_?key)?|secret-access-key",
            r"[A-Za-z0-9/+]{40}"
        )],
        check: Check::Entropy(4.0),
        samples: &[
            "[default]\naws_access_key_id = AKIA2PNMD4J4GWYSQXX2\naws_secret_access_key = «pULjdeJMNfc9KMn07idoHAQst6++8Ld18+iemdK/»\n",
            "  AWS_SECRET_ACCESS_KEY: \"«Y9TYgNllGkh3MnUWGoVL4RjBsvKukbm9jx6697xw»\"\n",
        ],
        decoys: &[
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
            "AWS_SECRET_ACCESS_KEY=${AWS_SECRET}\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC003",
            title: Text {
                en: "AWS session token",
                zh: "AWS 会话令牌",
            },
            description: Text {
                en: "An AWS STS session token, the third part of temporary credentials. It is valid for up \
                     to 12 hours (36 for some roles) with the permissions of the role that issued it.",
                zh: "AWS STS 会话令牌，临时凭证的第三部分。它在最长 12 小时内（部分角色可达 36 小时）有效，\
                     拥有签发它的角色的全部权限。",
            },
            remediation: Text {
                en: "Revoke the role's active sessions (IAM console → role → Revoke active sessions), find \
                     where the credentials were copied from, and never write them to files.",
                zh: "撤销该角色的所有活动会话（IAM 控制台 → 角色 → Revoke active sessions），查明凭证从何处被复制，\
                     今后不要把临时凭证写入文件。",
            },
            references: &[
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
            ],
            ..META
        },
        keywords: &[
            "session_token",
            "sessiontoken",
            "session-token",
            "security-token",
            "security_token",
        ],
        patterns: &[assigned!(
            r"aws_?session_?token|x-amz-security-token|aws_?security_?token|session-token",
            r"[A-Za-z0-9/+=]{100,}"
        )],
        check: Check::Entropy(4.0),
        reach: Reach::Line {
            before: 80,
            after: 2048,
        },
        samples: &[
            "aws_session_token = «IQoJb3JpZ2luX2VjEwLY2Jyo+Iq7JyV4h3BfRcnYu6D30olZK/Jzo2E3X2CDipLto/8Lj8FkXthzZV35F3oGfcDQPoSFVikpXaNwYy4bx2k+mV6dd0qaAAxpcuEsxfg+d0f2LJBfCgMHPupT+HnHaiBW1Ml9e»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC004",
            title: Text {
                en: "Amazon MWS auth token",
                zh: "Amazon MWS 授权令牌",
            },
            description: Text {
                en: "An Amazon Marketplace Web Service authorization token (`amzn.mws.…`), giving a developer \
                     application access to a seller's orders, inventory and reports.",
                zh: "Amazon Marketplace Web Service 授权令牌（`amzn.mws.…`），开发者应用凭它读取卖家的订单、库存和\
                     报表。",
            },
            remediation: Text {
                en: "Have the seller revoke the developer's access in Seller Central (User Permissions → \
                     third-party developer), then reauthorise and store the new token in a secret store.",
                zh: "让卖家在 Seller Central（用户权限 → 第三方开发者）中撤销该开发者的授权，重新授权后把新令牌\
                     存入密钥管理系统。",
            },
            references: &[
                "https://developer-docs.amazon.com/sp-api/docs/authorizing-selling-partner-api-applications",
            ],
            ..META
        },
        keywords: &["amzn.mws."],
        patterns: &[r"\b(?P<s>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"],
        samples: &["MWS_AUTH_TOKEN=«amzn.mws.5cfe352d-944b-4314-8bb7-f06aa357dddc»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC005",
            aliases: &["gcp-api-key"],
            severity: Severity::Medium,
            title: Text {
                en: "Google API key",
                zh: "Google API 密钥",
            },
            description: Text {
                en: "A Google Cloud API key (`AIza…`). Unrestricted keys can call any enabled API billed to \
                     the project (Maps, Gemini, Translate); keys in Firebase web configs are meant to be \
                     public but still need API and referrer restrictions.",
                zh: "Google Cloud API 密钥（`AIza…`）。未加限制的密钥可以调用项目中任何已启用、按量计费的 API\
                     （Maps、Gemini、Translate 等）；Firebase Web 配置里的密钥本就公开，但同样需要设置 API 和来源\
                     限制。",
            },
            remediation: Text {
                en: "In APIs & Services → Credentials, delete or regenerate the key; restrict new keys to the \
                     APIs and referrers or IP addresses that need them.",
                zh: "在“API 和服务 → 凭据”中删除或重新生成该密钥；为新密钥限定可调用的 API 以及允许的来源网址或 IP。",
            },
            references: &["https://cloud.google.com/docs/authentication/api-keys#securing"],
            ..META
        },
        keywords: &["aiza"],
        patterns: &[token!(r"AIza[0-9A-Za-z_-]{35}")],
        check: Check::Entropy(3.5),
        samples: &["const mapsKey = \"«AIzaPzYH9XJHhXmiyuoQxGMtH-gVecxraCOLem7»\";\n"],
        decoys: &["key=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC006",
            severity: Severity::Critical,
            title: Text {
                en: "Google Cloud service account key",
                zh: "Google Cloud 服务账号密钥",
            },
            description: Text {
                en: "The private key of a Google Cloud service account key file (`\"type\": \"service_account\"`). \
                     It authenticates as the service account, with every role granted to it, until the key \
                     is deleted — such keys do not expire by default.",
                zh: "Google Cloud 服务账号密钥文件（`\"type\": \"service_account\"`）中的私钥。凭它即可以该服务账号的\
                     身份及其全部角色访问 GCP，直到密钥被删除——这类密钥默认永不过期。",
            },
            remediation: Text {
                en: "Delete the key (`gcloud iam service-accounts keys delete`), audit its use in Cloud Audit \
                     Logs, and use Workload Identity (GKE) or Workload Identity Federation (CI) instead of \
                     key files; the `iam.disableServiceAccountKeyCreation` policy prevents new ones.",
                zh: "删除该密钥（`gcloud iam service-accounts keys delete`），在 Cloud Audit Logs 中审查其使用情况；\
                     改用 Workload Identity（GKE）或工作负载身份联合（CI），不再使用密钥文件，可用组织策略 \
                     `iam.disableServiceAccountKeyCreation` 禁止再创建。",
            },
            references: &[
                "https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",
            ],
            ..META
        },
        keywords: &["\"private_key\""],
        patterns: &[
            r#""private_key"\s*:\s*"(?P<s>-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\\s]*?-----END PRIVATE KEY-----(?:\\n)?)""#,
        ],
        context: &["service_account"],
        priority: FILE_KIND,
        reach: Reach::Line {
            before: 8,
            after: 8192,
        },
        samples: &[
            "{\n  \"type\": \"service_account\",\n  \"project_id\": \"shop-prod\",\n  \"private_key_id\": \"7298544c281db4099b9170bec553e0c852a584c1\",\n  \"private_key\": \"«-----BEGIN PRIVATE KEY-----\\nhCKkTqaKicRQIKBNevEs77LWgwV5E2n8WTmsfZg7GBNHpvEB2l436HL+sYyn1C3C\\n81KtLaahyRQJOJpGTGrzaOvDTDTz4+QSU+w00dqa/0N5KYp07fzRcMlYsPpMFrZ9\\n-----END PRIVATE KEY-----\\n»\",\n  \"client_email\": \"deployer@shop-prod.iam.gserviceaccount.com\"\n}\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC007",
            title: Text {
                en: "Google OAuth client secret",
                zh: "Google OAuth 客户端密钥",
            },
            description: Text {
                en: "A Google OAuth 2.0 client secret (`GOCSPX-…`). With the client ID it lets anyone run the \
                     OAuth flow as your application and exchange users' codes for tokens.",
                zh: "Google OAuth 2.0 客户端密钥（`GOCSPX-…`）。配合客户端 ID，任何人都能以你的应用身份走 OAuth 流程，\
                     用用户的授权码换取令牌。",
            },
            remediation: Text {
                en: "Add a new secret to the client in Google Auth Platform → Clients, switch the application \
                     to it, then disable and delete the leaked one.",
                zh: "在 Google Auth Platform → 客户端中为该客户端添加新密钥，应用切换到新密钥后，停用并删除泄露的旧密钥。",
            },
            references: &["https://support.google.com/cloud/answer/15549257"],
            ..META
        },
        keywords: &["gocspx-"],
        patterns: &[token!(r"GOCSPX-[A-Za-z0-9_-]{28}")],
        check: Check::Entropy(3.5),
        samples: &["\"client_secret\": \"«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»\"\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC008",
            severity: Severity::Medium,
            title: Text {
                en: "Google OAuth access token",
                zh: "Google OAuth 访问令牌",
            },
            description: Text {
                en: "A Google OAuth 2.0 access token (`ya29.…`). It is short-lived (an hour by default) but \
                     grants every scope it was issued with, often to a user's Drive or Gmail.",
                zh: "Google OAuth 2.0 访问令牌（`ya29.…`）。有效期较短（默认一小时），但在此期间拥有签发时的全部\
                     权限范围，常常涉及用户的 Drive 或 Gmail。",
            },
            remediation: Text {
                en: "Revoke it (`https://oauth2.googleapis.com/revoke?token=…`) and have the code obtain \
                     tokens at run time instead of reading them from a file.",
                zh: "吊销该令牌（`https://oauth2.googleapis.com/revoke?token=…`），让代码在运行时获取令牌，不要从文件中读取。",
            },
            references: &["https://developers.google.com/identity/protocols/oauth2/web-server#tokenrevoke"],
            ..META
        },
        keywords: &["ya29."],
        patterns: &[token!(r"ya29\.[0-9A-Za-z_-]{30,}")],
        check: Check::Entropy(3.5),
        samples: &[
            "curl -H \"Authorization: Bearer «ya29.IEltPDO424_YefjTRDbsewGf5054kS1dJuuiWk61C0Ix88FuOI9KZVem5_d1oUKd8pIC9bGXPXLafWq8KbyiPCz796lmnJF2qo_Bzn-Jkn9xCWdzMGI9Bf_u»\" https://www.googleapis.com/drive/v3/files\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC009",
            title: Text {
                en: "Google OAuth refresh token",
                zh: "Google OAuth 刷新令牌",
            },
            description: Text {
                en: "A Google OAuth 2.0 refresh token (`1//0…`). It mints new access tokens without the user \
                     until it is revoked or unused for six months.",
                zh: "Google OAuth 2.0 刷新令牌（`1//0…`）。在被吊销或连续六个月未使用之前，它可以不经用户参与\
                     不断换取新的访问令牌。",
            },
            remediation: Text {
                en: "Revoke the grant (the user's Google Account → Third-party access, or the revoke \
                     endpoint) and keep refresh tokens in a secret store.",
                zh: "吊销该授权（用户 Google 账号 → 第三方访问权限，或调用吊销接口），刷新令牌应保存在密钥管理系统中。",
            },
            references: &["https://developers.google.com/identity/protocols/oauth2#expiration"],
            ..META
        },
        keywords: &["1//0"],
        patterns: &[r"(?:^|[^A-Za-z0-9_/-])(?P<s>1//0[0-9A-Za-z_-]{40,})"],
        check: Check::Entropy(3.5),
        samples: &[
            "refresh_token: «1//0zNCsaJriMHdB5qTpyDSUcd-YKHBHDlVg-4IbZDou8zeczF-Q6qy_Nj-SVnFptqG11DdP-STjNB7IgimD1-r4oZ-DeHdYxuw3Kh»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC010",
            title: Text {
                en: "Firebase Cloud Messaging server key",
                zh: "Firebase 云消息服务器密钥",
            },
            description: Text {
                en: "A legacy Firebase Cloud Messaging server key (`AAAA…:APA91b…`). It sends push \
                     notifications to every installation of the app.",
                zh: "旧版 Firebase 云消息（FCM）服务器密钥（`AAAA…:APA91b…`）。凭它可以向该应用的所有安装实例推送通知。",
            },
            remediation: Text {
                en: "Delete the key in the Firebase console (Cloud Messaging settings) and move to the HTTP \
                     v1 API, which authenticates with short-lived OAuth tokens.",
                zh: "在 Firebase 控制台（Cloud Messaging 设置）中删除该密钥，迁移到使用短期 OAuth 令牌认证的 HTTP v1 API。",
            },
            references: &["https://firebase.google.com/docs/cloud-messaging/migrate-v1"],
            ..META
        },
        keywords: &[":apa91b"],
        patterns: &[token!(r"AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}")],
        samples: &[
            "FCM_SERVER_KEY=«AAAAeUIUgtJ:APA91bRSr4oZJtw3HlQoh1xB7UlpTYw9x36xrO2f73DYW9xHbPMeECOcZKHFEE864l9ZnQV0uUx-1Lbn4WfnS_ljCr4PCkbtNO-BsU5m8iO3GKVsTgQWo2Azb_Ri8g3zXvcxqYiSD7wd»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC011",
            aliases: &["AzureStorageKeyDetector"],
            severity: Severity::Critical,
            title: Text {
                en: "Azure storage account key",
                zh: "Azure 存储账户密钥",
            },
            description: Text {
                en: "An Azure storage account (or Cosmos DB) account key, usually inside a connection string \
                     (`AccountKey=…`). It is full control of every blob, queue, table and file share in the \
                     account.",
                zh: "Azure 存储账户（或 Cosmos DB）的账户密钥，通常出现在连接字符串中（`AccountKey=…`）。它对账户内\
                     所有 Blob、队列、表和文件共享拥有完全控制权。",
            },
            remediation: Text {
                en: "Rotate the key (Access keys → Rotate), and connect with Microsoft Entra ID and managed \
                     identities instead; consider disabling shared-key access on the account.",
                zh: "轮换该密钥（访问密钥 → 轮换），改用 Microsoft Entra ID 与托管标识连接，并考虑在账户上禁用\
                     共享密钥访问。",
            },
            references: &[
                "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage",
            ],
            ..META
        },
        keywords: &["accountkey"],
        patterns: &[r"(?i:AccountKey)\s*=\s*(?P<s>[A-Za-z0-9+/]{86}==)"],
        check: Check::Entropy(4.0),
        samples: &[
            "DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=«mYBAoDrmHnQPXGYbRRIfpezag/sfzh2j4oHzX/CV/xgwX2Gkb/1Q+JZrFwo+wC2Favp1d6HJLfu9THT6/QcOMp==»;EndpointSuffix=core.windows.net\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC012",
            severity: Severity::Critical,
            title: Text {
                en: "Azure shared access key",
                zh: "Azure 共享访问密钥",
            },
            description: Text {
                en: "A shared access key in an Azure Service Bus, Event Hubs, IoT Hub or Relay connection \
                     string (`SharedAccessKey=…`). With a policy like `RootManageSharedAccessKey` it manages \
                     the whole namespace.",
                zh: "Azure Service Bus、Event Hubs、IoT Hub 或 Relay 连接字符串中的共享访问密钥（`SharedAccessKey=…`）。\
                     若属于 `RootManageSharedAccessKey` 这类策略，它可以管理整个命名空间。",
            },
            remediation: Text {
                en: "Regenerate the key of that policy, use a narrower policy (send or listen only) where a \
                     key is unavoidable, and prefer Entra ID with managed identities.",
                zh: "为该策略重新生成密钥；确需密钥时使用更窄的策略（仅发送或仅监听），优先采用 Entra ID 与托管标识。",
            },
            references: &["https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas"],
            ..META
        },
        keywords: &["sharedaccesskey="],
        patterns: &[r"(?i:SharedAccessKey)\s*=\s*(?P<s>[A-Za-z0-9+/]{42,43}=)"],
        check: Check::Entropy(4.0),
        samples: &[
            "Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=«DY+e5PVByK9KKVqnwmhZ+l2pSm+iGP0MV4JL1OyPp1F=»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC013",
            title: Text {
                en: "Azure SAS token",
                zh: "Azure SAS 令牌",
            },
            description: Text {
                en: "A shared access signature in a URL (`sv=…&sig=…`). Until it expires it grants the \
                     permissions it lists (`sp=`) on the resource — often write access, often for years.",
                zh: "URL 中的共享访问签名（`sv=…&sig=…`）。在过期之前，它对资源授予其中列出的权限（`sp=`）——\
                     往往包括写权限，有效期常常长达数年。",
            },
            remediation: Text {
                en: "A SAS signed with an account key is revoked only by rotating that key; use user \
                     delegation SAS or stored access policies (revocable) with short expiry instead.",
                zh: "用账户密钥签发的 SAS 只能通过轮换该密钥来吊销；改用用户委托 SAS 或可吊销的存储访问策略，\
                     并设置较短的有效期。",
            },
            references: &[
                "https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview#best-practices-when-using-sas",
            ],
            ..META
        },
        keywords: &["sig="],
        patterns: &[
            r"(?i)\bsv=\d{4}-\d{2}-\d{2}&[^\s'<>]{0,400}?\bsig=(?P<s>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})",
        ],
        check: Check::Entropy(3.5),
        samples: &[
            "https://shopdata.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2027-01-01T00:00:00Z&spr=https&sig=«YkvKsbfgvD7zHWDufRffIokgTzoXqYKYwDOZ1Xh7%2B0By%3D»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC014",
            aliases: &["azure-ad-client-secret"],
            title: Text {
                en: "Microsoft Entra ID client secret",
                zh: "Microsoft Entra ID 客户端密钥",
            },
            description: Text {
                en: "An Entra ID (Azure AD) application client secret (`…Q~…`). With the tenant and client IDs \
                     it signs in as the application, with every API permission granted to it.",
                zh: "Entra ID（Azure AD）应用的客户端密钥（形如 `…Q~…`）。配合租户 ID 和客户端 ID，即可以该应用身份\
                     登录，并拥有授予它的全部 API 权限。",
            },
            remediation: Text {
                en: "Delete the secret under App registrations → Certificates & secrets, review sign-in logs \
                     for the service principal, and use a certificate, a managed identity or workload \
                     identity federation instead.",
                zh: "在“应用注册 → 证书和密码”中删除该密钥，审查服务主体的登录日志，改用证书、托管标识或工作负载\
                     身份联合。",
            },
            references: &["https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials"],
            ..META
        },
        keywords: &["q~"],
        patterns: &[
            r#"(?:^|[\\'"`\s>=:(,)])(?P<s>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?:$|[\\'"`\s<),;])"#,
        ],
        check: Check::Entropy(3.5),
        samples: &["AZURE_CLIENT_SECRET=«8ET8Q~qFTJdsnA6hE6OAF464GWliLuGUjNrTY65a»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC015",
            aliases: &["alibaba-access-key-id"],
            title: Text {
                en: "Alibaba Cloud AccessKey ID",
                zh: "阿里云 AccessKey ID",
            },
            description: Text {
                en: "An Alibaba Cloud AccessKey ID (`LTAI…`). Its AccessKey secret is rarely far away, and \
                     together they call every API the RAM user may use.",
                zh: "阿里云 AccessKey ID（`LTAI…`）。对应的 AccessKey Secret 往往就在附近，两者合起来可以调用该 RAM \
                     用户有权使用的全部 API。",
            },
            remediation: Text {
                en: "In the RAM console, disable and delete the AccessKey, check ActionTrail for its use, \
                     and let workloads assume RAM roles (ECS instance roles, RRSA for ACK) instead.",
                zh: "在 RAM 控制台禁用并删除该 AccessKey，通过操作审计（ActionTrail）排查使用记录；工作负载改为扮演 \
                     RAM 角色（ECS 实例角色、ACK 的 RRSA）。",
            },
            references: &["https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair"],
            ..META
        },
        keywords: &["ltai"],
        patterns: &[token!(r"LTAI[A-Za-z0-9]{12,20}")],
        check: Check::Entropy(3.0),
        samples: &["ALIBABA_CLOUD_ACCESS_KEY_ID=«LTAIEgo1vBPGgaEgYqJkHRNf»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC016",
            aliases: &["alibaba-secret-key"],
            severity: Severity::Critical,
            title: Text {
                en: "Alibaba Cloud AccessKey secret",
                zh: "阿里云 AccessKey Secret",
            },
            description: Text {
                en: "An Alibaba Cloud AccessKey secret (30 characters). With its ID it signs API requests as \
                     the RAM user — or as the account itself for a root-account key.",
                zh: "阿里云 AccessKey Secret（30 个字符）。配合对应的 ID，可以以该 RAM 用户的身份签名 API 请求；\
                     若是主账号的 AccessKey，则等同于整个账号。",
            },
            remediation: Text {
                en: "Disable and delete the AccessKey in RAM, review ActionTrail, and replace it with role \
                     credentials from the instance metadata or RRSA.",
                zh: "在 RAM 中禁用并删除该 AccessKey，审查操作审计记录，改用实例元数据或 RRSA 提供的角色凭证。",
            },
            references: &["https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair"],
            ..META
        },
        keywords: &["secret"],
        patterns: &[assigned!(
            r"access_?key_?secret|accesskeysecret|access-key-secret|ali\w*_?secret|secret_?key",
            r"[A-Za-z0-9]{30}"
        )],
        context: &["aliyun", "alibaba", "alicloud", "ltai"],
        check: Check::Entropy(3.5),
        samples: &["# aliyun oss\nALIBABA_CLOUD_ACCESS_KEY_SECRET=«0ZawEM1dMRPZbG1yZq1rTrEj9mvlBs»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC017",
            title: Text {
                en: "Tencent Cloud SecretId",
                zh: "腾讯云 SecretId",
            },
            description: Text {
                en: "A Tencent Cloud API SecretId (`AKID…`), the public half of an API key whose SecretKey \
                     usually sits beside it.",
                zh: "腾讯云 API 密钥的 SecretId（`AKID…`），即密钥对中公开的一半；对应的 SecretKey 往往就在旁边。",
            },
            remediation: Text {
                en: "Disable and delete the key in CAM → API Keys, check CloudAudit for its use, and use CAM \
                     roles for workloads instead of long-lived keys.",
                zh: "在访问管理（CAM）→ API 密钥中禁用并删除该密钥，通过操作审计（CloudAudit）排查使用记录，\
                     工作负载改用 CAM 角色而非长期密钥。",
            },
            references: &["https://www.tencentcloud.com/document/product/598/32675"],
            ..META
        },
        keywords: &["akid"],
        patterns: &[token!(r"AKID[A-Za-z0-9]{32}")],
        check: Check::Entropy(3.0),
        samples: &["TENCENTCLOUD_SECRET_ID=«AKIDhZ3zHaoamwcXRB6r196Kfms9UplQUHum»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC018",
            severity: Severity::Critical,
            title: Text {
                en: "Tencent Cloud SecretKey",
                zh: "腾讯云 SecretKey",
            },
            description: Text {
                en: "A Tencent Cloud API SecretKey (32 characters). With its SecretId it signs requests as \
                     the CAM user or the main account.",
                zh: "腾讯云 API 密钥的 SecretKey（32 个字符）。配合 SecretId，可以以 CAM 用户或主账号身份签名请求。",
            },
            remediation: Text {
                en: "Delete the API key in CAM, review CloudAudit logs, and give workloads CAM roles (CVM \
                     instance roles, TKE workload identity).",
                zh: "在访问管理中删除该 API 密钥，审查操作审计日志，为工作负载配置 CAM 角色（CVM 实例角色、TKE \
                     工作负载身份）。",
            },
            references: &["https://www.tencentcloud.com/document/product/598/32675"],
            ..META
        },
        keywords: &["secretkey", "secret_key", "secret-key"],
        patterns: &[assigned!(r"secret_?key|secret-key", r"[A-Za-z0-9]{32}")],
        context: &["akid", "tencent", "qcloud"],
        check: Check::Entropy(3.5),
        samples: &[
            "provider \"tencentcloud\" {\n  secret_id  = \"AKIDGhtj2jnNXRWXGjDswsTPxqf6fA5NJnhH\"\n  secret_key = \"«ZLZ9XuMpdgaNAazd0pA0sy6mIttatVnH»\"\n}\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC019",
            title: Text {
                en: "Huawei Cloud access key (AK)",
                zh: "华为云访问密钥 AK",
            },
            description: Text {
                en: "A Huawei Cloud access key ID (AK, 20 upper-case characters) next to a mention of \
                     Huawei Cloud. The secret key (SK) that signs requests is usually nearby.",
                zh: "华为云访问密钥 ID（AK，20 位大写字母和数字），出现在提及华为云的文件中。用于签名请求的 SK \
                     往往就在附近。",
            },
            remediation: Text {
                en: "Delete the access key in IAM → My Credentials → Access Keys, check Cloud Trace Service \
                     for its use, and use IAM agencies for ECS and CCE workloads.",
                zh: "在 IAM → 我的凭证 → 访问密钥中删除该密钥，通过云审计服务（CTS）排查使用记录；ECS、CCE 工作负载\
                     改用 IAM 委托。",
            },
            references: &["https://support.huaweicloud.com/intl/en-us/usermanual-ca/ca_01_0003.html"],
            ..META
        },
        keywords: &["_ak", "access_key", "accesskey", "access-key"],
        patterns: &[assigned!(
            r"_ak\b|\bak\b|access_?key(?:_?id)?|access-key",
            r"[A-Z0-9]{20}"
        )],
        context: &["huawei", "hwcloud"],
        check: Check::Entropy(3.0),
        samples: &["# Huawei Cloud OBS\nHUAWEICLOUD_SDK_AK=«UNRJIOZ39D4VQ1UKOPSZ»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC020",
            severity: Severity::Critical,
            title: Text {
                en: "Huawei Cloud secret key (SK)",
                zh: "华为云私有访问密钥 SK",
            },
            description: Text {
                en: "A Huawei Cloud secret access key (SK, 40 characters). With the AK it signs any API call \
                     the IAM user may make.",
                zh: "华为云私有访问密钥（SK，40 个字符）。配合 AK，可以以该 IAM 用户的全部权限签名 API 调用。",
            },
            remediation: Text {
                en: "Delete the access key pair in IAM, audit Cloud Trace Service, and move workloads to IAM \
                     agencies with temporary credentials.",
                zh: "在 IAM 中删除该访问密钥对，审计云审计服务记录，工作负载改用带临时凭证的 IAM 委托。",
            },
            references: &["https://support.huaweicloud.com/intl/en-us/usermanual-ca/ca_01_0003.html"],
            ..META
        },
        keywords: &[
            "_sk",
            "secret_key",
            "secretkey",
            "secret-key",
            "secret_access_key",
        ],
        patterns: &[assigned!(
            r"_sk\b|\bsk\b|secret_?(?:access_?)?key|secret-key",
            r"[A-Za-z0-9]{40}"
        )],
        context: &["huawei", "hwcloud"],
        check: Check::Entropy(3.5),
        samples: &[
            "provider \"huaweicloud\" {\n  region     = \"cn-north-4\"\n  secret_key = \"«IwECFc1TxmKNq4bjRX1i4XYgpFPS81YMfRLaCs1U»\"\n}\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC021",
            title: Text {
                en: "Baidu AI Cloud access key ID",
                zh: "百度智能云 Access Key ID",
            },
            description: Text {
                en: "A Baidu AI Cloud (BCE) access key ID (32 hex characters) in a file that mentions BCE or \
                     Baidu. Its secret access key is usually beside it.",
                zh: "百度智能云（BCE）的 Access Key ID（32 位十六进制），出现在提及 BCE 或百度的文件中。对应的 \
                     Secret Access Key 往往就在旁边。",
            },
            remediation: Text {
                en: "Disable and delete the key under Security Authentication → Access Key, and use IAM roles \
                     or STS temporary credentials for workloads.",
                zh: "在“安全认证 → Access Key”中禁用并删除该密钥，工作负载改用 IAM 角色或 STS 临时凭证。",
            },
            references: &["https://intl.cloud.baidu.com/doc/Reference/s/9jwvz2egb-en"],
            ..META
        },
        keywords: &["access_key", "accesskey", "access-key", "_ak"],
        // `…_id`: `secret_access_key` is the other half.
        patterns: &[assigned!(
            r"access_?key_?id|access-key-id|_ak\b|\bak\b",
            r"[0-9a-f]{32}"
        )],
        context: &["bce", "baidu"],
        check: Check::Entropy(3.0),
        samples: &["bce:\n  endpoint: bj.bcebos.com\n  access_key_id: «6b240937c05e81822a3a9367e3d13ffc»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC022",
            severity: Severity::Critical,
            title: Text {
                en: "Baidu AI Cloud secret access key",
                zh: "百度智能云 Secret Access Key",
            },
            description: Text {
                en: "A Baidu AI Cloud (BCE) secret access key (32 hex characters). With its ID it signs API \
                     requests — object storage, compute, AI services — as its owner.",
                zh: "百度智能云（BCE）的 Secret Access Key（32 位十六进制）。配合 Access Key ID，可以以所有者身份\
                     签名对象存储、计算、AI 服务等 API 请求。",
            },
            remediation: Text {
                en: "Delete the access key pair in the console, review its use, and use STS temporary \
                     credentials for applications.",
                zh: "在控制台删除该密钥对并排查使用记录，应用改用 STS 临时凭证。",
            },
            references: &["https://intl.cloud.baidu.com/doc/Reference/s/9jwvz2egb-en"],
            ..META
        },
        keywords: &[
            "secret_access_key",
            "secretaccesskey",
            "secret_key",
            "secretkey",
            "_sk",
        ],
        patterns: &[assigned!(
            r"secret_?(?:access_?)?key|_sk\b|\bsk\b",
            r"[0-9a-f]{32}"
        )],
        context: &["bce", "baidu"],
        check: Check::Entropy(3.0),
        samples: &[
            "bce:\n  endpoint: bj.bcebos.com\n  secret_access_key: «f9e7e63b2d5998f82b96116cbc651fe1»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC023",
            title: Text {
                en: "Volcengine access key ID",
                zh: "火山引擎 AccessKey ID",
            },
            description: Text {
                en: "A Volcengine (ByteDance cloud) access key ID (`AKLT…`), the identifier of a key pair \
                     whose secret is usually beside it.",
                zh: "火山引擎 AccessKey ID（`AKLT…`），是密钥对的标识，其私密部分往往就在旁边。",
            },
            remediation: Text {
                en: "Disable and delete the key in Access Control → API Key Management, check the audit \
                     trail, and use roles with STS credentials for workloads.",
                zh: "在访问控制 → 密钥管理中禁用并删除该密钥，检查审计记录，工作负载改用角色和 STS 临时凭证。",
            },
            references: &["https://docs.byteplus.com/en/docs/byteplus-platform/docs-creating-an-accesskey"],
            ..META
        },
        keywords: &["aklt"],
        patterns: &[token!(r"AKLT[A-Za-z0-9_-]{32,60}")],
        check: Check::Entropy(3.5),
        samples: &["VOLC_ACCESSKEY=«AKLTpq90DvaazAEoAChj2hBJ54tbMGLajfVayPcGOWpCWQn»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC024",
            severity: Severity::Critical,
            title: Text {
                en: "Volcengine secret access key",
                zh: "火山引擎 SecretAccessKey",
            },
            description: Text {
                en: "A Volcengine secret access key (base64, about 60 characters) in a file that mentions \
                     Volcengine: it signs API requests as the key's owner.",
                zh: "火山引擎 SecretAccessKey（约 60 个 base64 字符），出现在提及火山引擎的文件中：凭它即可以密钥\
                     所有者身份签名 API 请求。",
            },
            remediation: Text {
                en: "Delete the key pair in API Key Management and move workloads to role credentials.",
                zh: "在密钥管理中删除该密钥对，工作负载改用角色凭证。",
            },
            references: &["https://docs.byteplus.com/en/docs/byteplus-platform/docs-creating-an-accesskey"],
            ..META
        },
        keywords: &["secret", "_sk"],
        patterns: &[assigned!(
            r"secret_?(?:access_?)?key|secretkey|_sk\b|\bsk\b",
            r"[A-Za-z0-9+/]{54,64}={0,2}"
        )],
        context: &["volc", "aklt"],
        check: Check::Entropy(4.0),
        samples: &[
            "VOLC_ACCESSKEY=AKLTnUFWd18r1SOOigC01yzxHKzn2aOsqOgg0ywAXATjGOm\nVOLC_SECRETKEY=«OeU9Hk1JxS2/vprbwAkP7q8djraS1l/6d1el1JPSXW3HPdb2ZMu3REpv5Y==»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC025",
            title: Text {
                en: "JD Cloud access key",
                zh: "京东云 AccessKey",
            },
            description: Text {
                en: "A JD Cloud access key ID (`JDC_…`), whose secret key is usually written beside it.",
                zh: "京东云 AccessKey ID（`JDC_…`），其 SecretKey 往往就写在旁边。",
            },
            remediation: Text {
                en: "Disable and delete the key in Access Key Management, and use sub-user keys with least \
                     privilege, kept in a secret store.",
                zh: "在 Access Key 管理中禁用并删除该密钥；改用最小权限的子用户密钥，并存放在密钥管理系统中。",
            },
            references: &["https://docs.jdcloud.com/en/account-management/accesskey-management"],
            ..META
        },
        keywords: &["jdc_"],
        patterns: &[token!(r"JDC_[0-9A-F]{28}")],
        check: Check::Entropy(3.0),
        samples: &["JDCLOUD_AK=«JDC_15231691C10AD32D406095A44794»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC026",
            title: Text {
                en: "Qiniu Cloud access or secret key",
                zh: "七牛云 AccessKey/SecretKey",
            },
            description: Text {
                en: "A Qiniu Cloud AK or SK (40 URL-safe characters) in a file that mentions Qiniu. The pair \
                     signs uploads and management calls for every bucket of the account.",
                zh: "七牛云的 AK 或 SK（40 个 URL 安全字符），出现在提及七牛的文件中。这对密钥可以为账号下所有存储\
                     空间签名上传和管理请求。",
            },
            remediation: Text {
                en: "Disable the key pair in Key Management, create a new one, and issue upload tokens from \
                     a server instead of shipping keys to clients.",
                zh: "在密钥管理中停用该密钥对并新建一对；由服务端签发上传凭证，不要把密钥下发到客户端。",
            },
            references: &["https://developer.qiniu.com/kodo/1208/upload-token"],
            ..META
        },
        keywords: &["access_key", "accesskey", "secret_key", "secretkey", "_ak", "_sk"],
        patterns: &[assigned!(
            r"access_?key|secret_?key|_ak\b|_sk\b|\bak\b|\bsk\b",
            r"[A-Za-z0-9_-]{40}"
        )],
        context: &["qiniu"],
        check: Check::Entropy(3.5),
        samples: &["qiniu:\n  access_key: «pPOlZh9nfl9VCcITuBxKlZALQ7CljhZ2fPtcyIkX»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC027",
            aliases: &["IbmCloudIamDetector"],
            title: Text {
                en: "IBM Cloud API key",
                zh: "IBM Cloud API 密钥",
            },
            description: Text {
                en: "An IBM Cloud IAM API key (44 characters) in a file that mentions IBM Cloud. It exchanges \
                     for IAM tokens with every access policy of its user or service ID.",
                zh: "IBM Cloud IAM API 密钥（44 个字符），出现在提及 IBM Cloud 的文件中。它可以换取 IAM 令牌，拥有\
                     所属用户或服务 ID 的全部访问策略。",
            },
            remediation: Text {
                en: "Delete the key (Manage → Access (IAM) → API keys), check Activity Tracker, and use \
                     trusted profiles for compute resources.",
                zh: "删除该密钥（管理 → 访问 (IAM) → API 密钥），检查 Activity Tracker，为计算资源改用可信概要文件。",
            },
            references: &["https://cloud.ibm.com/docs/account?topic=account-manapikey"],
            ..META
        },
        keywords: &["api_key", "apikey", "api-key"],
        patterns: &[assigned!(r"api_?key|api-key", r"[A-Za-z0-9_-]{44}")],
        context: &["ibm", "bluemix"],
        check: Check::Entropy(3.5),
        samples: &["# IBM Cloud\nIBMCLOUD_API_KEY=«U7fRQJhlj1U4eC5gciyN8Zr_82pxXcBQPmGIpN6nfkGb»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC028",
            aliases: &["IbmCosHmacDetector"],
            title: Text {
                en: "IBM Cloud Object Storage HMAC secret",
                zh: "IBM Cloud 对象存储 HMAC 密钥",
            },
            description: Text {
                en: "The secret of an IBM Cloud Object Storage HMAC credential (48 hex characters). It signs \
                     S3-compatible requests to the instance's buckets.",
                zh: "IBM Cloud 对象存储 HMAC 凭据的私密部分（48 位十六进制）。凭它可以签名发往该实例存储桶的 S3 \
                     兼容请求。",
            },
            remediation: Text {
                en: "Delete the service credential that holds it, create a new one with the least role \
                     needed, and keep it in Secrets Manager.",
                zh: "删除包含该密钥的服务凭据，按最小角色重新创建，并保存在 Secrets Manager 中。",
            },
            references: &[
                "https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-uhc-hmac-credentials-main",
            ],
            ..META
        },
        keywords: &["secret_access_key", "secretaccesskey", "secret-access-key"],
        patterns: &[assigned!(
            r"secret_?access_?key|secret-access-key",
            r"[a-f0-9]{48}"
        )],
        context: &["ibm", "appdomain.cloud"],
        check: Check::Entropy(3.0),
        samples: &[
            "# IBM COS\ncos_hmac_keys:\n  secret_access_key: «b685be2b9eddb0cb6e06dabdf9ba7436ab96262ba1481e28»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC029",
            aliases: &["SoftlayerDetector"],
            title: Text {
                en: "IBM SoftLayer API key",
                zh: "IBM SoftLayer API 密钥",
            },
            description: Text {
                en: "An IBM Cloud classic infrastructure (SoftLayer) API key (64 hex characters): it orders, \
                     reloads and cancels servers of the account.",
                zh: "IBM Cloud 经典基础设施（SoftLayer）API 密钥（64 位十六进制）：凭它可以订购、重装和取消账号下的\
                     服务器。",
            },
            remediation: Text {
                en: "Remove the classic infrastructure API key from the user and create a new one only where \
                     it is needed, kept in a secret store.",
                zh: "从该用户上删除经典基础设施 API 密钥，仅在确有需要时重新创建，并保存在密钥管理系统中。",
            },
            references: &["https://cloud.ibm.com/docs/account?topic=account-classic_keys"],
            ..META
        },
        keywords: &["softlayer", "sl_api"],
        patterns: &[assigned!(
            r"softlayer\w*?(?:api_?)?key|sl_api_?key",
            r"[a-f0-9]{64}"
        )],
        check: Check::Entropy(3.0),
        samples: &["SOFTLAYER_API_KEY=«5512c10da8494a47e34191b9b14a3e2c7ac365854b9cb005e3af7d08c50b5e72»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC030",
            aliases: &["digitalocean-pat"],
            severity: Severity::Critical,
            title: Text {
                en: "DigitalOcean personal access token",
                zh: "DigitalOcean 个人访问令牌",
            },
            description: Text {
                en: "A DigitalOcean personal access token (`dop_v1_…`). With write scope it creates and \
                     destroys droplets, Kubernetes clusters, databases and DNS records of the team.",
                zh: "DigitalOcean 个人访问令牌（`dop_v1_…`）。若有写权限，它可以创建和销毁团队的 Droplet、\
                     Kubernetes 集群、数据库和 DNS 记录。",
            },
            remediation: Text {
                en: "Delete the token under API → Tokens, create scoped tokens with an expiry, and keep them \
                     in the CI secret store.",
                zh: "在 API → Tokens 中删除该令牌，改用带有效期的限定范围令牌，并保存在 CI 的密钥存储中。",
            },
            references: &["https://docs.digitalocean.com/reference/api/create-personal-access-token/"],
            ..META
        },
        keywords: &["dop_v1_"],
        patterns: &[token!(r"dop_v1_[a-f0-9]{64}")],
        samples: &[
            "DIGITALOCEAN_TOKEN=«dop_v1_8f6e2a6544d759e1c54d133821915e921150c1ef0187fe50d453994987e4269b»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC031",
            aliases: &["digitalocean-access-token"],
            title: Text {
                en: "DigitalOcean OAuth token",
                zh: "DigitalOcean OAuth 令牌",
            },
            description: Text {
                en: "A DigitalOcean OAuth access token (`doo_v1_…`) issued to an application on a user's \
                     behalf.",
                zh: "DigitalOcean OAuth 访问令牌（`doo_v1_…`），是代表用户签发给某个应用的令牌。",
            },
            remediation: Text {
                en: "Revoke the token (`POST /v1/oauth/revoke`) or the application's authorization, and \
                     store tokens server-side only.",
                zh: "吊销该令牌（`POST /v1/oauth/revoke`）或撤销该应用的授权，令牌只应保存在服务端。",
            },
            references: &["https://docs.digitalocean.com/reference/api/oauth/"],
            ..META
        },
        keywords: &["doo_v1_"],
        patterns: &[token!(r"doo_v1_[a-f0-9]{64}")],
        samples: &["token: «doo_v1_5d48650f2f8f96444e1f28331f8d1015470c2072d9bc70a987372139d871bc0b»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC032",
            aliases: &["digitalocean-refresh-token"],
            title: Text {
                en: "DigitalOcean OAuth refresh token",
                zh: "DigitalOcean OAuth 刷新令牌",
            },
            description: Text {
                en: "A DigitalOcean OAuth refresh token (`dor_v1_…`): it mints new access tokens for as long \
                     as the authorization stands.",
                zh: "DigitalOcean OAuth 刷新令牌（`dor_v1_…`）：只要授权仍在，它就能不断换取新的访问令牌。",
            },
            remediation: Text {
                en: "Revoke the application's authorization and keep refresh tokens in a server-side store.",
                zh: "撤销该应用的授权，刷新令牌只应保存在服务端的存储中。",
            },
            references: &["https://docs.digitalocean.com/reference/api/oauth/"],
            ..META
        },
        keywords: &["dor_v1_"],
        patterns: &[token!(r"dor_v1_[a-f0-9]{64}")],
        samples: &["refresh: «dor_v1_82bd1c0b8a2ede9e566b79728e1b7c891514bcd38cde612541d4e85b1202b423»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC033",
            title: Text {
                en: "Linode API token",
                zh: "Linode（Akamai）API 令牌",
            },
            description: Text {
                en: "A Linode (Akamai Cloud) personal access token (64 hex characters) assigned to a Linode \
                     name: it manages the account's instances, volumes, LKE clusters and DNS.",
                zh: "赋给 Linode 相关变量的 Linode（Akamai Cloud）个人访问令牌（64 位十六进制）：凭它可以管理账号下的\
                     实例、卷、LKE 集群和 DNS。",
            },
            remediation: Text {
                en: "Revoke the token in Cloud Manager → API Tokens and create one with only the scopes and \
                     expiry needed.",
                zh: "在 Cloud Manager → API Tokens 中吊销该令牌，重新创建仅含所需权限范围和有效期的令牌。",
            },
            references: &[
                "https://techdocs.akamai.com/linode-api/reference/get-started#personal-access-tokens",
            ],
            ..META
        },
        keywords: &["linode"],
        patterns: &[assigned!(r"linode\w*?(?:token|key|pat)", r"[a-f0-9]{64}")],
        check: Check::Entropy(3.0),
        samples: &["LINODE_TOKEN=«cfe7597f7c322aec73ef7f5b6464ef18584231303d3e699972b19811c56314b3»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC034",
            title: Text {
                en: "Vultr API key",
                zh: "Vultr API 密钥",
            },
            description: Text {
                en: "A Vultr API key (36 upper-case characters) assigned to a Vultr name: full control of the \
                     account's instances, Kubernetes clusters and networks.",
                zh: "赋给 Vultr 相关变量的 Vultr API 密钥（36 位大写字母和数字）：可完全控制账号下的实例、Kubernetes \
                     集群和网络。",
            },
            remediation: Text {
                en: "Regenerate the key under Account → API, restrict it to known IP ranges, and keep it in a \
                     secret store.",
                zh: "在“账户 → API”中重新生成密钥，限定允许访问的 IP 段，并保存在密钥管理系统中。",
            },
            references: &["https://docs.vultr.com/platform/other/api/how-to-manage-api-access"],
            ..META
        },
        keywords: &["vultr"],
        patterns: &[assigned!(r"vultr\w*?(?:key|token)", r"[A-Z0-9]{36}")],
        check: Check::Entropy(3.0),
        samples: &["VULTR_API_KEY=«EINUFPN5TK7N8S0KIOW0L17PDZK0HJJNXLZ0»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC035",
            title: Text {
                en: "Hetzner Cloud API token",
                zh: "Hetzner Cloud API 令牌",
            },
            description: Text {
                en: "A Hetzner Cloud project API token (64 characters) assigned to an `hcloud`/Hetzner name: \
                     read-write tokens manage every server, volume and network of the project.",
                zh: "赋给 `hcloud`/Hetzner 相关变量的 Hetzner Cloud 项目 API 令牌（64 个字符）：读写令牌可以管理项目中\
                     所有服务器、卷和网络。",
            },
            remediation: Text {
                en: "Delete the token in the project's Security → API tokens and create a new one for the CI \
                     secret store.",
                zh: "在项目的“安全 → API 令牌”中删除该令牌，为 CI 密钥存储重新创建一个。",
            },
            references: &["https://docs.hetzner.com/cloud/api/getting-started/generating-api-token/"],
            ..META
        },
        keywords: &["hcloud", "hetzner"],
        patterns: &[assigned!(
            r"(?:hcloud|hetzner)\w*?(?:token|key)",
            r"[A-Za-z0-9]{64}"
        )],
        check: Check::Entropy(3.5),
        samples: &["HCLOUD_TOKEN=«MxLghZ6Nm8jkGklG6O6XObv9JMVrqpl8dw6CkZAeBo0qz3t6eVQwcFLyNPEA2hmF»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC036",
            title: Text {
                en: "Scaleway secret key",
                zh: "Scaleway 密钥",
            },
            description: Text {
                en: "A Scaleway API secret key (a UUID) assigned to an `SCW_SECRET_KEY`-style name: it acts \
                     with every permission of its IAM application or user.",
                zh: "赋给 `SCW_SECRET_KEY` 这类变量的 Scaleway API 密钥（UUID 形式）：拥有其 IAM 应用或用户的全部权限。",
            },
            remediation: Text {
                en: "Delete the API key in IAM → API keys and create one bound to an application with a \
                     narrow policy.",
                zh: "在 IAM → API 密钥中删除该密钥，为绑定窄权限策略的应用重新创建。",
            },
            references: &["https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/"],
            ..META
        },
        keywords: &["scw_", "scaleway"],
        patterns: &[assigned!(
            r"(?:scw|scaleway)\w*?secret\w*?",
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )],
        samples: &["SCW_SECRET_KEY=«43929d53-c40e-42c7-adcc-c842a86cb84e»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC037",
            title: Text {
                en: "OVHcloud API secret",
                zh: "OVHcloud API 密钥",
            },
            description: Text {
                en: "An OVHcloud API application secret or consumer key (32 characters) assigned to an OVH \
                     name: together they call the API with the rights the consumer key was granted.",
                zh: "赋给 OVH 相关变量的 OVHcloud API 应用密钥或 consumer key（32 个字符）：两者配合即可按 consumer \
                     key 获得的权限调用 API。",
            },
            remediation: Text {
                en: "Revoke the application (`DELETE /me/api/application/{id}`) or the consumer key, and \
                     create credentials restricted to the paths needed.",
                zh: "撤销该应用（`DELETE /me/api/application/{id}`）或 consumer key，重新创建仅限所需路径的凭据。",
            },
            references: &["https://help.ovhcloud.com/csm/en-api-getting-started-ovhcloud-api"],
            ..META
        },
        keywords: &["ovh"],
        patterns: &[assigned!(
            r"ovh\w*?(?:secret|consumer_?key|application_?key)",
            r"[A-Za-z0-9]{32}"
        )],
        check: Check::Entropy(3.5),
        samples: &["OVH_APPLICATION_SECRET=«Vl3Hv1VGKxtDGdoH3wY8vWFvBUKFMAVl»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC038",
            aliases: &["cloudflare-api-key"],
            title: Text {
                en: "Cloudflare API token",
                zh: "Cloudflare API 令牌",
            },
            description: Text {
                en: "A Cloudflare API token (40 characters) assigned to a Cloudflare name. Depending on its \
                     permissions it edits DNS, firewall rules, Workers and zone settings.",
                zh: "赋给 Cloudflare 相关变量的 API 令牌（40 个字符）。视权限不同，它可以修改 DNS、防火墙规则、Workers \
                     和域设置。",
            },
            remediation: Text {
                en: "Roll or delete the token in My Profile → API Tokens, and create tokens limited to the \
                     zones, permissions and client IPs needed.",
                zh: "在“我的个人资料 → API 令牌”中轮换或删除该令牌，新令牌限定所需的域、权限和客户端 IP。",
            },
            references: &["https://developers.cloudflare.com/fundamentals/api/get-started/create-token/"],
            ..META
        },
        keywords: &["cloudflare", "cf_api", "cf_token", "cf-api"],
        patterns: &[assigned!(r"(?:cloudflare|\bcf)\w*?token", r"[A-Za-z0-9_-]{40}")],
        check: Check::Entropy(3.5),
        samples: &["CLOUDFLARE_API_TOKEN=«M1F13w2CG21-pn8-NMTjuWvyMlguS3KVn10xAyP0»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC039",
            aliases: &["cloudflare-global-api-key"],
            severity: Severity::Critical,
            title: Text {
                en: "Cloudflare global API key",
                zh: "Cloudflare 全局 API 密钥",
            },
            description: Text {
                en: "A Cloudflare global API key (37 hex characters). It has every permission of the user on \
                     every account and zone, and cannot be scoped.",
                zh: "Cloudflare 全局 API 密钥（37 位十六进制）。它拥有该用户在所有账户和域上的全部权限，且无法限定范围。",
            },
            remediation: Text {
                en: "Change the global key (My Profile → API Tokens → Global API Key → Change) and replace \
                     its uses with scoped API tokens.",
                zh: "更换全局密钥（我的个人资料 → API 令牌 → Global API Key → 更改），并用限定范围的 API 令牌取代其所有用途。",
            },
            references: &["https://developers.cloudflare.com/fundamentals/api/get-started/keys/"],
            ..META
        },
        keywords: &["cloudflare", "cf_api", "cf_auth", "cf-api"],
        patterns: &[assigned!(
            r"(?:cloudflare|\bcf)\w*?(?:api_?key|global\w*|auth_?key)",
            r"[a-f0-9]{37}"
        )],
        check: Check::Entropy(3.0),
        samples: &["CLOUDFLARE_API_KEY=«c2611d1a946ac17b3ea9c07ba06886baeb6ae»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC040",
            aliases: &["cloudflare-origin-ca-key"],
            title: Text {
                en: "Cloudflare Origin CA key",
                zh: "Cloudflare Origin CA 密钥",
            },
            description: Text {
                en: "A Cloudflare Origin CA key (`v1.0-…`): it issues and revokes origin certificates for the \
                     user's zones.",
                zh: "Cloudflare Origin CA 密钥（`v1.0-…`）：凭它可以为该用户的域签发和吊销源站证书。",
            },
            remediation: Text {
                en: "Regenerate the Origin CA key in My Profile → API Tokens, and prefer API tokens with the \
                     SSL and Certificates permission.",
                zh: "在“我的个人资料 → API 令牌”中重新生成 Origin CA 密钥，优先使用带“SSL 和证书”权限的 API 令牌。",
            },
            references: &["https://developers.cloudflare.com/ssl/origin-configuration/origin-ca/"],
            ..META
        },
        keywords: &["v1.0-"],
        patterns: &[token!(r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}")],
        samples: &[
            "origin_ca_key = \"«v1.0-4ac4c0fa67216a4281b346f4-e03a843e731376a967662be6cfb3fc193ca28446f3c6dc1002ce9b6a44c608e4b8d43c28c86cb2f32909c08af94e159be02c4c7905ca95770e890ebbceeb482f78be43a1501e7c46f1»\"\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC041",
            aliases: &["heroku-api-key"],
            title: Text {
                en: "Heroku API key",
                zh: "Heroku API 密钥",
            },
            description: Text {
                en: "A Heroku API key or OAuth token (a UUID) assigned to a Heroku name: it deploys, scales \
                     and reads the config vars — and so the other secrets — of every app the user can reach.",
                zh: "赋给 Heroku 相关变量的 API 密钥或 OAuth 令牌（UUID 形式）：凭它可以部署、扩缩容该用户能访问的\
                     所有应用，并读取其配置变量——也就读到了其中的其他机密。",
            },
            remediation: Text {
                en: "Regenerate the API key (Account settings → API Key) or revoke the authorization \
                     (`heroku authorizations:revoke`), and use short-lived authorizations in CI.",
                zh: "重新生成 API 密钥（账户设置 → API Key）或吊销授权（`heroku authorizations:revoke`），CI 中使用\
                     短期授权。",
            },
            references: &["https://devcenter.heroku.com/articles/authentication"],
            ..META
        },
        keywords: &["heroku"],
        patterns: &[assigned!(
            r"heroku\w*?(?:key|token|pass\w*)",
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )],
        samples: &["HEROKU_API_KEY=«b0b76a25-7077-479b-80c3-4cc20f25692f»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC042",
            aliases: &["heroku-api-key-v2"],
            title: Text {
                en: "Heroku API token",
                zh: "Heroku API 令牌",
            },
            description: Text {
                en: "A Heroku API token in the current format (`HRKU-AA…`), with the same reach as the user's \
                     API key.",
                zh: "新格式的 Heroku API 令牌（`HRKU-AA…`），权限与该用户的 API 密钥相同。",
            },
            remediation: Text {
                en: "Revoke the authorization (`heroku authorizations:revoke`) and keep tokens in the CI \
                     secret store.",
                zh: "吊销该授权（`heroku authorizations:revoke`），令牌保存在 CI 的密钥存储中。",
            },
            references: &["https://devcenter.heroku.com/articles/authentication"],
            ..META
        },
        keywords: &["hrku-aa"],
        patterns: &[token!(r"HRKU-AA[0-9A-Za-z_-]{58}")],
        check: Check::Entropy(3.5),
        samples: &["HEROKU_API_KEY=«HRKU-AAyq16-MCtRCy3g9vr40ApeEqdOYD9M5Y94sT14TWbpXcKcU7Alu_tVWDiKD»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC043",
            aliases: &["flyio-access-token"],
            title: Text {
                en: "Fly.io access token",
                zh: "Fly.io 访问令牌",
            },
            description: Text {
                en: "A Fly.io token (`fo1_…`, `fm1a_…`, `fm2_…`): deploy and organisation tokens deploy apps \
                     and read their secrets.",
                zh: "Fly.io 令牌（`fo1_…`、`fm1a_…`、`fm2_…`）：部署令牌和组织令牌可以部署应用并读取其机密。",
            },
            remediation: Text {
                en: "Revoke the token (`fly tokens revoke`) and create deploy tokens scoped to one app with an \
                     expiry.",
                zh: "吊销该令牌（`fly tokens revoke`），改用限定单个应用、带有效期的部署令牌。",
            },
            references: &["https://fly.io/docs/security/tokens/"],
            ..META
        },
        keywords: &["fo1_", "fm1a_", "fm1r_", "fm2_"],
        patterns: &[
            r"(?:^|[^A-Za-z0-9_-])(?P<s>fo1_[\w-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3})",
        ],
        check: Check::Entropy(4.0),
        reach: Reach::Line {
            before: 80,
            after: 4096,
        },
        samples: &[
            "FLY_API_TOKEN=«fm2_wLf8pzcN7ybiuvp7pZe6ejwxL+fX2Pj70kN9/OThAgbi2zW/l20EcISyqcl4h61Alc3TA/aDemjLGlCUN604EFEKnIMx09pb809SShBEcvnka1MN2QkLSxNeArv/+tioz1bNWKRUN9jeaeWdvzSf83sabgkCjCVBuygsnMzZT/IYpcgjZdEe»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC044",
            aliases: &["netlify-access-token"],
            title: Text {
                en: "Netlify personal access token",
                zh: "Netlify 个人访问令牌",
            },
            description: Text {
                en: "A Netlify personal access token (`nfp_…`): it deploys, configures and deletes every site \
                     of the user's teams.",
                zh: "Netlify 个人访问令牌（`nfp_…`）：凭它可以部署、配置和删除该用户所在团队的所有站点。",
            },
            remediation: Text {
                en: "Delete the token in User settings → Applications, and give CI a token with an \
                     expiration.",
                zh: "在“用户设置 → 应用”中删除该令牌，为 CI 创建带过期时间的令牌。",
            },
            references: &["https://docs.netlify.com/api/get-started/#authentication"],
            ..META
        },
        keywords: &["nfp_"],
        patterns: &[token!(r"nfp_[A-Za-z0-9]{36}")],
        check: Check::Entropy(3.5),
        samples: &["NETLIFY_AUTH_TOKEN=«nfp_GD2DjAR0aOHXdwHRAu1gkPkDdodNovLoOh7Z»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC045",
            title: Text {
                en: "Vercel access token",
                zh: "Vercel 访问令牌",
            },
            description: Text {
                en: "A Vercel access token (24 characters) assigned to a Vercel name: it deploys projects and \
                     reads their environment variables.",
                zh: "赋给 Vercel 相关变量的访问令牌（24 个字符）：凭它可以部署项目并读取其环境变量。",
            },
            remediation: Text {
                en: "Delete the token in Account Settings → Tokens and create one scoped to the team with an \
                     expiry.",
                zh: "在“账户设置 → Tokens”中删除该令牌，重新创建限定团队、带有效期的令牌。",
            },
            references: &["https://vercel.com/docs/rest-api#creating-an-access-token"],
            ..META
        },
        keywords: &["vercel"],
        patterns: &[assigned!(r"vercel\w*?(?:token|key)", r"[A-Za-z0-9]{24}")],
        check: Check::Entropy(3.5),
        samples: &["VERCEL_TOKEN=«zHBRdvFPIbZ5AkNvVFHMdsw3»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC046",
            title: Text {
                en: "Render API key",
                zh: "Render API 密钥",
            },
            description: Text {
                en: "A Render API key (`rnd_…`): it manages every service, database and environment group — \
                     secrets included — the user can access.",
                zh: "Render API 密钥（`rnd_…`）：凭它可以管理该用户能访问的所有服务、数据库和环境组（包括其中的机密）。",
            },
            remediation: Text {
                en: "Revoke the key in Account Settings → API Keys and keep its replacement in the CI secret \
                     store.",
                zh: "在“账户设置 → API Keys”中吊销该密钥，新密钥保存在 CI 的密钥存储中。",
            },
            references: &["https://render.com/docs/api#1-create-an-api-key"],
            ..META
        },
        keywords: &["rnd_"],
        patterns: &[token!(r"rnd_[A-Za-z0-9]{32}")],
        check: Check::Entropy(3.5),
        samples: &["RENDER_API_KEY=«rnd_DB7UcVZsIFuzrKauk3UGCLi2pD7vgee8»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC047",
            title: Text {
                en: "Supabase access token",
                zh: "Supabase 访问令牌",
            },
            description: Text {
                en: "A Supabase personal access token (`sbp_…`) for the Management API: it manages every \
                     project of the user's organisations, database passwords and keys included.",
                zh: "用于 Management API 的 Supabase 个人访问令牌（`sbp_…`）：凭它可以管理该用户所在组织的所有项目，\
                     包括数据库密码和密钥。",
            },
            remediation: Text {
                en: "Revoke the token in Account → Access Tokens and keep its replacement in the CI secret \
                     store.",
                zh: "在“账户 → Access Tokens”中吊销该令牌，新令牌保存在 CI 的密钥存储中。",
            },
            references: &["https://supabase.com/docs/reference/api/introduction#authentication"],
            ..META
        },
        keywords: &["sbp_"],
        patterns: &[token!(r"sbp_[a-f0-9]{40}")],
        samples: &["SUPABASE_ACCESS_TOKEN=«sbp_5a6b2ba4d23a76ab8afb2ebdc7b5ed7d03f68b98»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC048",
            aliases: &["planetscale-api-token"],
            title: Text {
                en: "PlanetScale service token",
                zh: "PlanetScale 服务令牌",
            },
            description: Text {
                en: "A PlanetScale service token (`pscale_tkn_…`): it manages databases, branches and \
                     passwords with the permissions granted to it.",
                zh: "PlanetScale 服务令牌（`pscale_tkn_…`）：按其被授予的权限管理数据库、分支和密码。",
            },
            remediation: Text {
                en: "Delete the service token in Organization settings → Service tokens and create one with \
                     only the database permissions needed.",
                zh: "在“组织设置 → Service tokens”中删除该令牌，重新创建仅含所需数据库权限的令牌。",
            },
            references: &["https://planetscale.com/docs/concepts/service-tokens"],
            ..META
        },
        keywords: &["pscale_tkn_"],
        patterns: &[token!(r"pscale_tkn_[A-Za-z0-9_=.-]{32,64}")],
        check: Check::Entropy(3.5),
        samples: &["PLANETSCALE_SERVICE_TOKEN=«pscale_tkn_kTui4j5o3RV_axIVs3y5xIXncC5qus8B9a_s-g3abR8»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC049",
            aliases: &["planetscale-oauth-token"],
            title: Text {
                en: "PlanetScale OAuth token",
                zh: "PlanetScale OAuth 令牌",
            },
            description: Text {
                en: "A PlanetScale OAuth token (`pscale_oauth_…`) issued to an application on a user's behalf.",
                zh: "代表用户签发给某个应用的 PlanetScale OAuth 令牌（`pscale_oauth_…`）。",
            },
            remediation: Text {
                en: "Revoke the application's access in the organisation settings and store tokens \
                     server-side only.",
                zh: "在组织设置中撤销该应用的访问权限，令牌只应保存在服务端。",
            },
            references: &["https://planetscale.com/docs/concepts/oauth"],
            ..META
        },
        keywords: &["pscale_oauth_"],
        patterns: &[token!(r"pscale_oauth_[A-Za-z0-9_=.-]{32,64}")],
        check: Check::Entropy(3.5),
        samples: &["token = \"«pscale_oauth_bRs785PBbaltPioxXX1loxi0VLG9ilM-P7Nf7S_8b7B»\"\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC050",
            aliases: &["planetscale-password"],
            severity: Severity::Critical,
            title: Text {
                en: "PlanetScale database password",
                zh: "PlanetScale 数据库密码",
            },
            description: Text {
                en: "A PlanetScale database branch password (`pscale_pw_…`): it connects to the branch with \
                     the role it was created with, often read-write on production.",
                zh: "PlanetScale 数据库分支密码（`pscale_pw_…`）：凭它可以按创建时的角色连接该分支，常常是生产库的\
                     读写权限。",
            },
            remediation: Text {
                en: "Delete the password in the branch's Passwords page, create a new one, and give it to the \
                     application through its secret store.",
                zh: "在分支的 Passwords 页面删除该密码并新建一个，通过应用的密钥存储下发。",
            },
            references: &["https://planetscale.com/docs/concepts/connection-strings"],
            ..META
        },
        keywords: &["pscale_pw_"],
        patterns: &[token!(r"pscale_pw_[A-Za-z0-9_=.-]{32,64}")],
        check: Check::Entropy(3.5),
        samples: &["DATABASE_PASSWORD=«pscale_pw_ZPuZFSxlZ29ye-nEToSWbO-cUdwmJZwkmy-OC1d_0Qp»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC051",
            aliases: &["databricks-api-token"],
            title: Text {
                en: "Databricks personal access token",
                zh: "Databricks 个人访问令牌",
            },
            description: Text {
                en: "A Databricks personal access token (`dapi…`): it runs jobs and notebooks and reads the \
                     data the user can reach in the workspace.",
                zh: "Databricks 个人访问令牌（`dapi…`）：凭它可以运行作业和笔记本，并读取该用户在工作区内可访问的数据。",
            },
            remediation: Text {
                en: "Revoke the token in User Settings → Developer → Access tokens (admins: the token \
                     management API), and use OAuth machine-to-machine credentials for automation.",
                zh: "在“用户设置 → 开发者 → 访问令牌”中吊销该令牌（管理员可用令牌管理 API），自动化场景改用 OAuth \
                     机器对机器凭据。",
            },
            references: &["https://docs.databricks.com/en/dev-tools/auth/pat.html"],
            ..META
        },
        keywords: &["dapi"],
        patterns: &[token!(r"dapi[a-f0-9]{32}(?:-\d)?")],
        check: Check::Entropy(3.0),
        samples: &["DATABRICKS_TOKEN=«dapifb3c371716cfa5d110b9169350e95132»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC052",
            aliases: &["yandex-api-key"],
            title: Text {
                en: "Yandex Cloud API key",
                zh: "Yandex Cloud API 密钥",
            },
            description: Text {
                en: "A Yandex Cloud API key (`AQVN…`) of a service account: it calls the services the account \
                     has roles for, without expiring.",
                zh: "Yandex Cloud 服务账号的 API 密钥（`AQVN…`）：可以调用该服务账号有权限的服务，且不会过期。",
            },
            remediation: Text {
                en: "Delete the key (`yc iam api-key delete`) and create a scoped key with an expiry, or use \
                     IAM tokens from the metadata service.",
                zh: "删除该密钥（`yc iam api-key delete`），改用限定范围、带过期时间的密钥，或使用元数据服务提供的 \
                     IAM 令牌。",
            },
            references: &["https://yandex.cloud/en/docs/iam/concepts/authorization/api-key"],
            ..META
        },
        keywords: &["aqvn"],
        patterns: &[token!(r"AQVN[A-Za-z0-9_-]{35,38}")],
        check: Check::Entropy(3.5),
        samples: &["YC_API_KEY=«AQVNlhuS76YGTyVwOOJcCHeNN6ly6LVo6LWMs0eD»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC053",
            aliases: &["yandex-access-token"],
            severity: Severity::Medium,
            title: Text {
                en: "Yandex Cloud IAM token",
                zh: "Yandex Cloud IAM 令牌",
            },
            description: Text {
                en: "A Yandex Cloud IAM token (`t1.…`). It is valid for up to 12 hours with the roles of its \
                     subject.",
                zh: "Yandex Cloud IAM 令牌（`t1.…`），最长 12 小时内有效，拥有其主体的全部角色。",
            },
            remediation: Text {
                en: "Revoke it (`yc iam revoke-token`) and obtain IAM tokens at run time rather than storing \
                     them.",
                zh: "吊销该令牌（`yc iam revoke-token`），改为运行时获取 IAM 令牌而不是保存下来。",
            },
            references: &["https://yandex.cloud/en/docs/iam/concepts/authorization/iam-token"],
            ..META
        },
        keywords: &["t1."],
        patterns: &[token!(r"t1\.[A-Z0-9a-z_-]+={0,2}\.[A-Z0-9a-z_-]{86}={0,2}")],
        check: Check::Entropy(3.5),
        samples: &[
            "YC_TOKEN=«t1.Sw2ErixkyaKvYOpq-ZndMfG8HTHZsF9-eh0HGb12d-S8FPp0hWVG8k1x6nRg.xFYQJonzzn8_b9nKuwRmiHP0MZKuw_uyGNY-kB3ZBCqHzDInwQop-2Zhy9KAUllYZJhWmWch5frGdnb4X_59Tf»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC054",
            aliases: &["yandex-aws-access-token"],
            title: Text {
                en: "Yandex Cloud static access key",
                zh: "Yandex Cloud 静态访问密钥",
            },
            description: Text {
                en: "A Yandex Cloud static access key ID (`YC…`) assigned to a Yandex name, used with its \
                     secret for the S3-compatible Object Storage API.",
                zh: "赋给 Yandex 相关变量的 Yandex Cloud 静态访问密钥 ID（`YC…`），与其私密部分配合用于兼容 S3 的\
                     对象存储 API。",
            },
            remediation: Text {
                en: "Delete the static key (`yc iam access-key delete`) and create a new one for a service \
                     account with only the storage roles needed.",
                zh: "删除该静态密钥（`yc iam access-key delete`），为仅具备所需存储角色的服务账号重新创建。",
            },
            references: &["https://yandex.cloud/en/docs/iam/concepts/authorization/access-key"],
            ..META
        },
        keywords: &["yandex"],
        patterns: &[assigned!(r"yandex\w*?", r"YC[a-zA-Z0-9_-]{38}")],
        check: Check::Entropy(3.5),
        samples: &["YANDEX_ACCESS_KEY_ID=«YCmHIKIAX0GYW5SlgLemGFgCkgGH9ttYmo18Nbzj»\n"],
        ..Detector::BASE
    },
];
