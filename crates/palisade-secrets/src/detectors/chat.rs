//! Chat platforms and their webhooks: Slack, Discord, Telegram, Microsoft Teams, DingTalk,
//! WeChat Work, WeChat, Feishu/Lark, Google Chat, Mattermost. A webhook URL is a credential: it
//! posts, as a trusted bot, into a channel people act on.

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector};

/// Revoking a Slack token.
const SLACK_REMEDIATION: Text = Text {
    en: "Revoke the token (api.slack.com → your app → OAuth & Permissions → Revoke, or `auth.revoke`), \
         reinstall the app to get a new one, and keep it in a secret store; check the workspace's access \
         logs for its use.",
    zh: "吊销该令牌（api.slack.com → 你的应用 → OAuth & Permissions → Revoke，或调用 `auth.revoke`），重新安装\
         应用获取新令牌并保存在密钥管理系统中；检查工作区的访问日志中该令牌的使用情况。",
};

/// Replacing a leaked webhook URL.
const WEBHOOK_REMEDIATION: Text = Text {
    en: "Delete the webhook (or reset its URL or key) in the channel's integration settings, create a new \
         one, and give it to the sender through a secret store; enable signature or keyword checks where \
         the platform offers them.",
    zh: "在群聊或频道的集成设置中删除该 Webhook（或重置其 URL 或密钥），重新创建后通过密钥管理系统提供给发送方；\
         平台支持签名校验或关键词校验时请一并开启。",
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC200",
            aliases: &["SlackDetector", "slack-bot-token", "slack-legacy-bot-token"],
            title: Text {
                en: "Slack bot token",
                zh: "Slack 机器人令牌",
            },
            description: Text {
                en: "A Slack bot token (`xoxb-…`): it reads and posts in every channel the bot is in, with the \
                     app's scopes.",
                zh: "Slack 机器人令牌（`xoxb-…`）：可以在机器人所在的每个频道中读取和发送消息，拥有该应用的全部权限范围。",
            },
            remediation: SLACK_REMEDIATION,
            references: &["https://api.slack.com/concepts/token-types#bot"],
            ..META
        },
        keywords: &["xoxb-"],
        patterns: &[token!(r"xoxb-[0-9]{8,13}-[0-9]{8,13}-?[A-Za-z0-9-]{18,48}")],
        check: Check::Entropy(3.5),
        samples: &["SLACK_BOT_TOKEN=«xoxb-089207824670-0411764468591-SPuwVsTtOBiEHm9EIEFGz9AG»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC201",
            aliases: &["slack-user-token"],
            title: Text {
                en: "Slack user token",
                zh: "Slack 用户令牌",
            },
            description: Text {
                en: "A Slack user token (`xoxp-…`): it acts as the person who installed the app — private \
                     channels and direct messages included, within its scopes.",
                zh: "Slack 用户令牌（`xoxp-…`）：以安装该应用的那个人的身份行事，在权限范围内包括其私有频道和私信。",
            },
            remediation: SLACK_REMEDIATION,
            references: &["https://api.slack.com/concepts/token-types#user"],
            ..META
        },
        keywords: &["xoxp-"],
        patterns: &[token!(
            r"xoxp-[0-9]{8,13}-[0-9]{8,13}-[0-9]{8,13}-[A-Za-z0-9]{28,34}"
        )],
        check: Check::Entropy(3.5),
        samples: &[
            "token: «xoxp-460251812968-861664983618-2067176798180-6673ff7a2502d1da20639303f9939e65»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC202",
            aliases: &["slack-app-token"],
            title: Text {
                en: "Slack app-level token",
                zh: "Slack 应用级令牌",
            },
            description: Text {
                en: "A Slack app-level token (`xapp-…`): it opens Socket Mode connections and receives the \
                     app's events across every workspace it is installed in.",
                zh: "Slack 应用级令牌（`xapp-…`）：可建立 Socket Mode 连接，接收该应用在所有已安装工作区中的事件。",
            },
            remediation: SLACK_REMEDIATION,
            references: &["https://api.slack.com/concepts/token-types#app-level"],
            ..META
        },
        keywords: &["xapp-"],
        patterns: &[token!(r"xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-f0-9]{64}")],
        samples: &[
            "SLACK_APP_TOKEN=«xapp-1-AKI3KB75HKK-7366354774783-aa52580b500c7360b6384ee4ac91d6e2354a7e604e1341cc076ca35ae090e56e»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC203",
            aliases: &["slack-config-access-token", "slack-config-refresh-token"],
            title: Text {
                en: "Slack configuration token",
                zh: "Slack 配置令牌",
            },
            description: Text {
                en: "A Slack app configuration access or refresh token (`xoxe.xoxp-…`, `xoxe-…`): it creates \
                     and edits the workspace's apps through the App Manifest API.",
                zh: "Slack 应用配置访问令牌或刷新令牌（`xoxe.xoxp-…`、`xoxe-…`）：可通过 App Manifest API 创建和修改\
                     工作区的应用。",
            },
            remediation: SLACK_REMEDIATION,
            references: &["https://api.slack.com/authentication/config-tokens"],
            ..META
        },
        keywords: &["xoxe"],
        patterns: &[token!(
            r"xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166}|xoxe-\d-[A-Za-z0-9]{146}"
        )],
        check: Check::Entropy(4.0),
        samples: &[
            "SLACK_CONFIG_TOKEN=«xoxe.xoxp-1-ziusdJNH03m9UzqPhRwLREoVLnVqk1xjldXBQxu2J5vbhUP6pp4jZV3dcIjr96BwHrDgQheLGaboRYq4Sm2wylmApozkPHg1NdDyrwCLe4aig4ZwXX7EC8Ia4juTEIyy3u8lLaZWJuCPEKQt9b1WCe8kNaCYXm9pRaPV»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC204",
            aliases: &["slack-legacy-token", "slack-legacy-workspace-token"],
            title: Text {
                en: "Slack legacy token",
                zh: "Slack 旧版令牌",
            },
            description: Text {
                en: "A Slack legacy, workspace or refresh token (`xoxa-`, `xoxo-`, `xoxr-`, `xoxs-`): older \
                     token kinds with broad access, often issued before granular scopes.",
                zh: "Slack 旧版令牌、工作区令牌或刷新令牌（`xoxa-`、`xoxo-`、`xoxr-`、`xoxs-`）：细粒度权限出现之前\
                     签发的旧类型令牌，访问范围通常很广。",
            },
            remediation: SLACK_REMEDIATION,
            references: &["https://api.slack.com/legacy/custom-integrations/legacy-tokens"],
            ..META
        },
        keywords: &["xoxa-", "xoxo-", "xoxr-", "xoxs-"],
        patterns: &[token!(r"xox[aors]-(?:\d+-){0,3}[0-9A-Za-z]{8,64}")],
        check: Check::Entropy(3.5),
        samples: &[
            "legacy = \"«xoxs-14113604737-99219919344-182287306284-c1bf0fe5597b0bd846b894344f02ba6c1be4435d805c4c294fb5958c9014b65a»\"\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC205",
            aliases: &["slack-webhook-url"],
            severity: Severity::Medium,
            title: Text {
                en: "Slack webhook URL",
                zh: "Slack Webhook 地址",
            },
            description: Text {
                en: "A Slack incoming webhook or workflow trigger URL (`hooks.slack.com/…`): anyone with it \
                     posts into the channel as the integration.",
                zh: "Slack 传入 Webhook 或工作流触发 URL（`hooks.slack.com/…`）：拿到它的人都能以该集成的名义往频道里发消息。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &["https://api.slack.com/messaging/webhooks"],
            ..META
        },
        keywords: &["hooks.slack.com"],
        patterns: &[r"hooks\.slack\.com/(?:services|workflows|triggers)/(?P<s>[A-Za-z0-9+/]{43,56})"],
        samples: &[
            "SLACK_WEBHOOK=https://hooks.slack.com/services/«T14UA1D5T/B4MPLYB6JG0/VrNpsyQqL32snYP5BkIRgZYD»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC206",
            aliases: &["DiscordBotTokenDetector"],
            title: Text {
                en: "Discord bot token",
                zh: "Discord 机器人令牌",
            },
            description: Text {
                en: "A Discord bot token assigned to a Discord name: it logs in as the bot in every server it \
                     has joined, with its permissions.",
                zh: "赋给 Discord 相关变量的机器人令牌：凭它可以以该机器人身份登录其加入的每个服务器，拥有其全部权限。",
            },
            remediation: Text {
                en: "Reset the token in the Developer Portal (application → Bot → Reset Token) and load it \
                     from a secret store.",
                zh: "在开发者门户中重置令牌（应用 → Bot → Reset Token），并从密钥管理系统加载。",
            },
            references: &["https://discord.com/developers/docs/topics/oauth2#bots"],
            ..META
        },
        keywords: &["discord"],
        patterns: &[assigned!(
            r"discord\w*?(?:token|key)",
            r"[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}"
        )],
        check: Check::Entropy(3.5),
        samples: &[
            "DISCORD_BOT_TOKEN=«MTXmeLXIUdZgifcO265IH8dCxF.991fV0.JFTn6GraPNJXaG6_AWexZVp6JAT5agUczrLPoo»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC207",
            severity: Severity::Medium,
            title: Text {
                en: "Discord webhook URL",
                zh: "Discord Webhook 地址",
            },
            description: Text {
                en: "A Discord webhook URL (`discord.com/api/webhooks/…`): it posts into the channel under any \
                     name and avatar.",
                zh: "Discord Webhook URL（`discord.com/api/webhooks/…`）：凭它可以用任意名字和头像往频道里发消息。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &["https://discord.com/developers/docs/resources/webhook"],
            ..META
        },
        keywords: &["/api/webhooks/"],
        patterns: &[
            r"(?i)https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/(?P<s>[A-Za-z0-9_-]{60,68})",
        ],
        samples: &[
            "https://discord.com/api/webhooks/9193440031955541375/«RVkR-OnsB_UREhPghVQRJrmF-4QqJM3eL17uZPAdxpNuu9lHDL6FSCWvIT0CSQU3azIK»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC208",
            aliases: &["TelegramBotTokenDetector", "telegram-bot-api-token"],
            title: Text {
                en: "Telegram bot token",
                zh: "Telegram 机器人令牌",
            },
            description: Text {
                en: "A Telegram Bot API token (`123456789:AA…`): it controls the bot — reads the messages sent \
                     to it and posts in its chats and channels.",
                zh: "Telegram Bot API 令牌（`123456789:AA…`）：可以控制该机器人——读取发给它的消息，并在其所在的会话和\
                     频道中发消息。",
            },
            remediation: Text {
                en: "Revoke the token with @BotFather (`/revoke`) and load the new one from a secret store.",
                zh: "通过 @BotFather 吊销令牌（`/revoke`），新令牌从密钥管理系统加载。",
            },
            references: &["https://core.telegram.org/bots/api#authorizing-your-bot"],
            ..META
        },
        keywords: &[":aa"],
        patterns: &[r"(?:^|[^0-9A-Za-z])(?P<s>\d{8,10}:AA[0-9A-Za-z_-]{33})(?:[^0-9A-Za-z_-]|$)"],
        check: Check::Entropy(3.5),
        samples: &["TELEGRAM_BOT_TOKEN=«9488751615:AAzQCIrpSR7Y_XMVadflzYDKGSCyH8qyDap»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC209",
            aliases: &["microsoft-teams-webhook"],
            severity: Severity::Medium,
            title: Text {
                en: "Microsoft Teams webhook URL",
                zh: "Microsoft Teams Webhook 地址",
            },
            description: Text {
                en: "A Microsoft Teams incoming webhook URL (`….webhook.office.com/webhookb2/…`): it posts \
                     cards into the channel, convincing ones included.",
                zh: "Microsoft Teams 传入 Webhook URL（`….webhook.office.com/webhookb2/…`）：可以往频道里发送卡片消息，\
                     包括足以乱真的消息。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &[
                "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
            ],
            ..META
        },
        keywords: &["webhook.office.com"],
        patterns: &[
            r"https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/(?P<s>[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}(?:/[A-Za-z0-9_-]+)?)",
        ],
        samples: &[
            "TEAMS_WEBHOOK=https://acme.webhook.office.com/webhookb2/«6d8f75ca-6ea5-40ad-81a9-b4d7b537e89b@e9e5c0db-051b-4f70-bee4-27fdd3f79729/IncomingWebhook/e8d5d3381b7226c19e5f990cd896e97f/8dff21be-d137-4176-9b2b-651b7c971c76»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC210",
            severity: Severity::Medium,
            title: Text {
                en: "DingTalk robot webhook token",
                zh: "钉钉机器人 Webhook 令牌",
            },
            description: Text {
                en: "The `access_token` of a DingTalk group robot webhook (`oapi.dingtalk.com/robot/send?…`): \
                     it posts into the group as the robot.",
                zh: "钉钉群机器人 Webhook（`oapi.dingtalk.com/robot/send?…`）中的 `access_token`：凭它可以以机器人身份\
                     往群里发消息。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &["https://open.dingtalk.com/document/orgapp/custom-robot-access"],
            ..META
        },
        keywords: &["oapi.dingtalk.com"],
        patterns: &[r"oapi\.dingtalk\.com/robot/send\?access_token=(?P<s>[a-f0-9]{64})"],
        samples: &[
            "DINGTALK_WEBHOOK=https://oapi.dingtalk.com/robot/send?access_token=«0b1195c4eb04a001870bc3d10a86b004f85de64c882af5006940b72e04327a3e»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC211",
            severity: Severity::Medium,
            title: Text {
                en: "DingTalk robot signing secret",
                zh: "钉钉机器人加签密钥",
            },
            description: Text {
                en: "The signing secret of a DingTalk robot (`SEC…`, 64 hex characters): with the webhook it \
                     signs messages the group accepts.",
                zh: "钉钉机器人的加签密钥（`SEC…` 加 64 位十六进制）：配合 Webhook 即可签出群聊接受的消息。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &["https://open.dingtalk.com/document/orgapp/customize-robot-security-settings"],
            ..META
        },
        // The value after a quote or an operator: `sec` alone is in every `secret` and `second`.
        keywords: &["\"sec", "'sec", "=sec", ":sec", ": sec", "= sec"],
        patterns: &[token!(r"SEC[a-f0-9]{64}")],
        context: &["dingtalk", "dingding"],
        samples: &[
            "dingtalk:\n  webhook: https://oapi.dingtalk.com/robot/send\n  secret: «SEC356751ec7b2b4773b6c8ca71f86cceeaa560c3ce84e601a3b6bae3c9d440b1ee»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC212",
            title: Text {
                en: "DingTalk app secret",
                zh: "钉钉应用 AppSecret",
            },
            description: Text {
                en: "The AppSecret (client secret) of a DingTalk application: with the AppKey it obtains \
                     access tokens for the organisation's contacts, messages and approvals.",
                zh: "钉钉应用的 AppSecret（即 client secret）：配合 AppKey 可以换取访问令牌，读取组织的通讯录、消息和审批。",
            },
            remediation: Text {
                en: "Reset the AppSecret in the DingTalk developer console (application → credentials) and \
                     keep it server-side in a secret store.",
                zh: "在钉钉开发者后台（应用 → 凭证与基础信息）重置 AppSecret，只保存在服务端的密钥管理系统中。",
            },
            references: &["https://open.dingtalk.com/document/orgapp/obtain-orgapp-token"],
            ..META
        },
        keywords: &["app_secret", "appsecret", "client_secret", "clientsecret"],
        patterns: &[assigned!(r"app_?secret|client_?secret", r"[A-Za-z0-9_-]{64}")],
        context: &["dingtalk", "dingding"],
        check: Check::Entropy(3.5),
        samples: &[
            "# dingtalk app\nDINGTALK_APP_SECRET=«yN1J5M12tBa0eZjI-cU7iMihW9nghfW442nx_wtrsKHbf7LeqR4QrPZQ8-vUJ8aV»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC213",
            severity: Severity::Medium,
            title: Text {
                en: "WeChat Work robot webhook key",
                zh: "企业微信群机器人 Webhook Key",
            },
            description: Text {
                en: "The `key` of a WeChat Work (WeCom) group robot webhook (`qyapi.weixin.qq.com/cgi-bin/webhook/…`): \
                     it posts into the group as the robot.",
                zh: "企业微信群机器人 Webhook（`qyapi.weixin.qq.com/cgi-bin/webhook/…`）中的 `key`：凭它可以以机器人身份\
                     往群里发消息。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &["https://developer.work.weixin.qq.com/document/path/91770"],
            ..META
        },
        keywords: &["qyapi.weixin.qq.com"],
        patterns: &[
            r"qyapi\.weixin\.qq\.com/cgi-bin/webhook/send\?key=(?P<s>[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})",
        ],
        samples: &[
            "curl 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=«3c3b1ede-8463-4f43-a993-e6f92990a256»' -d @msg.json\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC214",
            title: Text {
                en: "WeChat Work corp secret",
                zh: "企业微信应用 Secret（corpsecret）",
            },
            description: Text {
                en: "A WeChat Work (WeCom) application `corpsecret`: with the corp ID it obtains access tokens \
                     for the organisation's contacts and messages within the app's permissions.",
                zh: "企业微信应用的 `corpsecret`：配合企业 ID 即可换取访问令牌，在该应用权限内读取组织通讯录、收发消息。",
            },
            remediation: Text {
                en: "Reset the Secret in the WeCom admin console (application → Secret) and keep it \
                     server-side in a secret store.",
                zh: "在企业微信管理后台（应用 → Secret）中重置该 Secret，只保存在服务端的密钥管理系统中。",
            },
            references: &["https://developer.work.weixin.qq.com/document/path/91039"],
            ..META
        },
        keywords: &["corpsecret", "corp_secret", "corp-secret"],
        patterns: &[assigned!(r"corp_?secret|corp-secret", r"[A-Za-z0-9_-]{43}")],
        check: Check::Entropy(3.5),
        samples: &["WECOM_CORPSECRET=«l9Y3pnexy4wPOGoqhVn2Kpe-awm-q6_o6AL5CsXuknt»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC215",
            title: Text {
                en: "WeChat AppSecret",
                zh: "微信公众号/小程序 AppSecret",
            },
            description: Text {
                en: "The AppSecret of a WeChat Official Account or Mini Program (32 hex characters): it obtains \
                     access tokens, sends messages to followers and reads their data.",
                zh: "微信公众号或小程序的 AppSecret（32 位十六进制）：凭它可以换取 access_token，向关注者发消息并读取其数据。",
            },
            remediation: Text {
                en: "Reset the AppSecret in the WeChat platform (Development → Basic configuration), restrict \
                     the API IP allow-list, and keep it server-side.",
                zh: "在微信公众平台（开发 → 基本配置）中重置 AppSecret，设置接口 IP 白名单，只在服务端保存。",
            },
            references: &[
                "https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html",
            ],
            ..META
        },
        keywords: &["app_secret", "appsecret", "app-secret"],
        patterns: &[assigned!(r"app_?secret|app-secret", r"[a-f0-9]{32}")],
        context: &["weixin", "wechat"],
        check: Check::Entropy(3.0),
        samples: &["wechat:\n  appid: wx67963c84cc659cec\n  appsecret: «32ddde70051a664f5413cadfab366a58»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC216",
            severity: Severity::Medium,
            title: Text {
                en: "Feishu/Lark bot webhook",
                zh: "飞书/Lark 机器人 Webhook",
            },
            description: Text {
                en: "A Feishu or Lark custom bot webhook (`open.feishu.cn/open-apis/bot/v2/hook/…`): it posts \
                     into the group as the bot.",
                zh: "飞书或 Lark 自定义机器人 Webhook（`open.feishu.cn/open-apis/bot/v2/hook/…`）：凭它可以以机器人身份\
                     往群里发消息。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &["https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot"],
            ..META
        },
        keywords: &["/bot/v2/hook/"],
        patterns: &[
            r"open\.(?:feishu\.cn|larksuite\.com)/open-apis/bot/v2/hook/(?P<s>[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})",
        ],
        samples: &[
            "FEISHU_WEBHOOK=https://open.feishu.cn/open-apis/bot/v2/hook/«c8bd7886-275f-4279-a9c8-d4825cda16d1»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC217",
            title: Text {
                en: "Feishu/Lark app secret",
                zh: "飞书/Lark 应用 App Secret",
            },
            description: Text {
                en: "The App Secret of a Feishu or Lark application (32 characters): with the App ID it \
                     obtains tenant access tokens for the organisation's documents, messages and contacts \
                     within the app's scopes.",
                zh: "飞书或 Lark 应用的 App Secret（32 个字符）：配合 App ID 可以换取 tenant_access_token，在应用权限\
                     范围内访问组织的文档、消息和通讯录。",
            },
            remediation: Text {
                en: "Reset the App Secret in the developer console (Credentials & Basic Info) and keep it \
                     server-side in a secret store.",
                zh: "在开发者后台（凭证与基础信息）中重置 App Secret，只保存在服务端的密钥管理系统中。",
            },
            references: &[
                "https://open.feishu.cn/document/server-docs/authentication-management/access-token/tenant_access_token_internal",
            ],
            ..META
        },
        keywords: &["app_secret", "appsecret", "app-secret"],
        patterns: &[assigned!(r"app_?secret|app-secret", r"[A-Za-z0-9]{32}")],
        context: &["feishu", "larksuite", "lark_"],
        check: Check::Entropy(3.5),
        samples: &[
            "FEISHU_APP_ID=cli_10d945546f7d2dac\nFEISHU_APP_SECRET=«CYzsBIq8d7LUaQpY2iPm1BQSJtYUpaPl»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC218",
            severity: Severity::Medium,
            title: Text {
                en: "Google Chat webhook URL",
                zh: "Google Chat Webhook 地址",
            },
            description: Text {
                en: "A Google Chat space webhook (`chat.googleapis.com/v1/spaces/…/messages?key=…&token=…`): it \
                     posts into the space as the app.",
                zh: "Google Chat 空间的 Webhook（`chat.googleapis.com/v1/spaces/…/messages?key=…&token=…`）：可以以\
                     应用身份往空间里发消息。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &["https://developers.google.com/workspace/chat/quickstart/webhooks"],
            ..META
        },
        keywords: &["chat.googleapis.com"],
        patterns: &[
            r"chat\.googleapis\.com/v1/spaces/[A-Za-z0-9_-]+/messages\?key=[A-Za-z0-9_-]+&token=(?P<s>[A-Za-z0-9_%=-]{20,})",
        ],
        samples: &[
            "https://chat.googleapis.com/v1/spaces/AAAABMOVoeq/messages?key=AIzaVJPPDeVpSTe2BgIb2YyuocCz1Krwa1L2mz0&token=«m6KQR4kx7zX7Ptvn26TI4q1grjIUb_MKu0tS_3HraBX%3D»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC219",
            severity: Severity::Medium,
            title: Text {
                en: "Mattermost webhook URL",
                zh: "Mattermost Webhook 地址",
            },
            description: Text {
                en: "A Mattermost incoming webhook (`…/hooks/<26 characters>`) in a file that mentions \
                     Mattermost: it posts into the channel, and may override the poster's name.",
                zh: "提及 Mattermost 的文件中的传入 Webhook（`…/hooks/` 加 26 个字符）：可以往频道发消息，还可能冒用\
                     发帖人名字。",
            },
            remediation: WEBHOOK_REMEDIATION,
            references: &["https://developers.mattermost.com/integrate/webhooks/incoming/"],
            ..META
        },
        keywords: &["/hooks/"],
        patterns: &[r"https?://[A-Za-z0-9.-]+(?::\d+)?/hooks/(?P<s>[a-z0-9]{26})\b"],
        context: &["mattermost"],
        check: Check::Entropy(3.5),
        samples: &["# mattermost alerts\nurl: https://chat.acme.io/hooks/«mzdr5pum5lidlt3raz2gl9tsl9»\n"],
        ..Detector::BASE
    },
];
