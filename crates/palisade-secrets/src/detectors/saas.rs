//! Software-as-a-service: email and messaging (Twilio, SendGrid, Mailgun, Mailchimp, Brevo,
//! Postmark), observability (Datadog, New Relic, Dynatrace, Sentry, Grafana, Splunk, PagerDuty),
//! collaboration and commerce (Atlassian, Linear, Notion, Asana, Airtable, Figma, HubSpot,
//! Shopify, Contentful, Dropbox, Zendesk, Intercom, Okta, Mapbox, Algolia, Fastly).

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector};

/// Revoking a SaaS API key.
const REVOKE: Text = Text {
    en: "Revoke the key or token in the service's settings, create a replacement with the least scope it \
         offers, and load it at run time from a secret store; check the service's audit log for use you \
         do not recognise.",
    zh: "在该服务的设置中吊销此密钥或令牌，按其提供的最小权限重新创建，并在运行时从密钥管理系统加载；检查该服务的\
         审计日志中是否有无法识别的使用记录。",
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC300",
            aliases: &["TwilioKeyDetector", "twilio-api-key"],
            title: Text {
                en: "Twilio API key",
                zh: "Twilio API 密钥",
            },
            description: Text {
                en: "A Twilio API key SID (`SK…`) assigned to a Twilio name, with its secret usually beside \
                     it: calls and messages billed to the account, and its call logs.",
                zh: "赋给 Twilio 相关变量的 API Key SID（`SK…`），其密钥通常就在旁边：可以用该账户付费打电话、发短信，\
                     并读取通话记录。",
            },
            remediation: REVOKE,
            references: &["https://www.twilio.com/docs/iam/api-keys"],
            ..META
        },
        keywords: &["twilio"],
        patterns: &[assigned!(r"twilio\w*?", r"SK[0-9a-fA-F]{32}")],
        check: Check::Entropy(3.0),
        samples: &["TWILIO_API_KEY=«SK58065cefd172d04956de99abd5da57fa»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC301",
            severity: Severity::Critical,
            title: Text {
                en: "Twilio auth token",
                zh: "Twilio 账户认证令牌（Auth Token）",
            },
            description: Text {
                en: "A Twilio account auth token (32 hex characters) assigned to a Twilio name: with the account \
                     SID it is the primary credential of the account — phone numbers, messages, subaccounts.",
                zh: "赋给 Twilio 相关变量的账户 Auth Token（32 位十六进制）：配合账户 SID，它就是该账户的主凭据——\
                     电话号码、短信、子账户都在其掌控之下。",
            },
            remediation: REVOKE,
            references: &["https://www.twilio.com/docs/iam/api/authtoken"],
            ..META
        },
        keywords: &["twilio"],
        patterns: &[assigned!(r"twilio\w*?(?:auth_?)?token", r"[0-9a-f]{32}")],
        check: Check::Entropy(3.0),
        samples: &["TWILIO_AUTH_TOKEN=«1f96e96c3b47adc0de9346258fa40672»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC302",
            aliases: &["SendGridDetector", "sendgrid-api-token"],
            title: Text {
                en: "SendGrid API key",
                zh: "SendGrid API 密钥",
            },
            description: Text {
                en: "A SendGrid API key (`SG.….…`): mail sent from your verified domains, and often access to \
                     contacts and templates.",
                zh: "SendGrid API 密钥（`SG.….…`）：可以从你已验证的域名发送邮件，常常还能访问联系人和模板。",
            },
            remediation: REVOKE,
            references: &["https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys"],
            ..META
        },
        keywords: &["sg."],
        patterns: &[token!(r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}")],
        check: Check::Entropy(3.5),
        samples: &[
            "SENDGRID_API_KEY=«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»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC303",
            aliases: &["mailgun-private-api-token"],
            title: Text {
                en: "Mailgun API key",
                zh: "Mailgun API 密钥",
            },
            description: Text {
                en: "A Mailgun private API key (`key-…`): mail from the account's domains, and their logs and \
                     suppression lists.",
                zh: "Mailgun 私有 API 密钥（`key-…`）：可以从该账户的域名发信，并读取其日志和退订列表。",
            },
            remediation: REVOKE,
            references: &[
                "https://documentation.mailgun.com/docs/mailgun/user-manual/get-started/#primary-account-api-key",
            ],
            ..META
        },
        keywords: &["key-"],
        patterns: &[token!(r"key-[a-f0-9]{32}")],
        samples: &["MAILGUN_API_KEY=«key-ecadfbc36e6e36f8c1c2b845de8cf1b0»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC304",
            aliases: &["mailgun-signing-key"],
            severity: Severity::Medium,
            title: Text {
                en: "Mailgun webhook signing key",
                zh: "Mailgun Webhook 签名密钥",
            },
            description: Text {
                en: "A Mailgun HTTP webhook signing key assigned to a Mailgun name: with it anyone can forge \
                     delivery and bounce events your endpoint trusts.",
                zh: "赋给 Mailgun 相关变量的 HTTP Webhook 签名密钥：拿到它就能伪造你的端点会信任的投递和退信事件。",
            },
            remediation: REVOKE,
            references: &[
                "https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#securing-webhooks",
            ],
            ..META
        },
        keywords: &["mailgun"],
        patterns: &[assigned!(
            r"mailgun\w*?(?:signing|webhook)\w*?key",
            r"[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}"
        )],
        samples: &["MAILGUN_WEBHOOK_SIGNING_KEY=«f30818a17d3c7ac877e0c425dd894f51-a0cf29b1-75037a0f»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC305",
            aliases: &["MailchimpDetector", "mailchimp-api-key"],
            title: Text {
                en: "Mailchimp API key",
                zh: "Mailchimp API 密钥",
            },
            description: Text {
                en: "A Mailchimp Marketing API key (`…-us12`): the audience lists — subscribers' personal data \
                     — and campaigns sent in the brand's name.",
                zh: "Mailchimp Marketing API 密钥（形如 `…-us12`）：可以访问受众列表（即订阅者的个人数据），并以品牌名义\
                     发送营销活动。",
            },
            remediation: REVOKE,
            references: &[
                "https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key",
            ],
            ..META
        },
        keywords: &["-us"],
        patterns: &[r"(?:^|[^A-Za-z0-9])(?P<s>[a-f0-9]{32}-us\d{1,2})\b"],
        samples: &["MAILCHIMP_API_KEY=«a9b3ca79fd82ffff345254f24cd26289-us14»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC306",
            aliases: &["sendinblue-api-token"],
            title: Text {
                en: "Brevo (Sendinblue) API key",
                zh: "Brevo（Sendinblue）API 密钥",
            },
            description: Text {
                en: "A Brevo API or SMTP key (`xkeysib-…`, `xsmtpsib-…`): contacts and mail sent from the \
                     account's senders.",
                zh: "Brevo 的 API 密钥或 SMTP 密钥（`xkeysib-…`、`xsmtpsib-…`）：可以访问联系人，并以该账户的发件人发信。",
            },
            remediation: REVOKE,
            references: &["https://developers.brevo.com/docs/getting-started"],
            ..META
        },
        keywords: &["xkeysib-", "xsmtpsib-"],
        patterns: &[token!(r"x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}")],
        samples: &[
            "BREVO_API_KEY=«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»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC307",
            title: Text {
                en: "Postmark server token",
                zh: "Postmark 服务器令牌",
            },
            description: Text {
                en: "A Postmark server or account token (a UUID) assigned to a Postmark name: mail sent from the \
                     server's sender signatures, and its message history.",
                zh: "赋给 Postmark 相关变量的服务器或账户令牌（UUID 形式）：可以用该服务器的发件签名发信，并读取其邮件历史。",
            },
            remediation: REVOKE,
            references: &["https://postmarkapp.com/developer/api/overview#authentication"],
            ..META
        },
        keywords: &["postmark"],
        patterns: &[assigned!(
            r"postmark\w*?(?:token|key)",
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )],
        samples: &["POSTMARK_SERVER_TOKEN=«33e6f7a3-d9ef-4362-84d6-d299691168f1»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC308",
            title: Text {
                en: "Datadog API key",
                zh: "Datadog API 密钥",
            },
            description: Text {
                en: "A Datadog API key (32 hex characters) assigned to a Datadog name: it submits metrics, logs \
                     and events to the organisation — polluting or hiding what monitoring shows.",
                zh: "赋给 Datadog 相关变量的 API 密钥（32 位十六进制）：可以向该组织提交指标、日志和事件——足以污染或\
                     掩盖监控所呈现的情况。",
            },
            remediation: REVOKE,
            references: &["https://docs.datadoghq.com/account_management/api-app-keys/"],
            ..META
        },
        keywords: &["datadog", "dd_api"],
        patterns: &[assigned!(r"(?:datadog|\bdd)\w*?api_?key", r"[a-f0-9]{32}")],
        check: Check::Entropy(3.0),
        samples: &["DD_API_KEY=«dee63be26c6fe559c5f63e54ca2bc314»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC309",
            aliases: &["datadog-access-token"],
            title: Text {
                en: "Datadog application key",
                zh: "Datadog 应用密钥",
            },
            description: Text {
                en: "A Datadog application key (40 hex characters) assigned to a Datadog name: with an API key \
                     it reads every dashboard, log and trace, and edits monitors, as its owner.",
                zh: "赋给 Datadog 相关变量的应用密钥（40 位十六进制）：配合 API 密钥，可以以所有者身份读取所有仪表板、\
                     日志和链路追踪，并修改监控。",
            },
            remediation: REVOKE,
            references: &["https://docs.datadoghq.com/account_management/api-app-keys/#application-keys"],
            ..META
        },
        keywords: &["datadog", "dd_app"],
        patterns: &[assigned!(
            r"(?:datadog|\bdd)\w*?app(?:lication)?_?key",
            r"[a-f0-9]{40}"
        )],
        check: Check::Entropy(3.0),
        samples: &["DD_APP_KEY=«cde699fbb52027539b086ad3eb6063b5e1cb6f0a»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC310",
            aliases: &["new-relic-user-api-key"],
            title: Text {
                en: "New Relic user API key",
                zh: "New Relic 用户 API 密钥",
            },
            description: Text {
                en: "A New Relic user key (`NRAK-…`): NerdGraph queries and configuration of every account the \
                     user can reach.",
                zh: "New Relic 用户密钥（`NRAK-…`）：可以对该用户能访问的所有账户执行 NerdGraph 查询并修改配置。",
            },
            remediation: REVOKE,
            references: &["https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#user-key"],
            ..META
        },
        keywords: &["nrak-"],
        patterns: &[token!(r"NRAK-[A-Z0-9]{27}")],
        check: Check::Entropy(3.5),
        samples: &["NEW_RELIC_API_KEY=«NRAK-WX8461W4IOW92G4HPQCRE7G08ZV»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC311",
            severity: Severity::Medium,
            title: Text {
                en: "New Relic license key",
                zh: "New Relic 许可证密钥（License Key）",
            },
            description: Text {
                en: "A New Relic ingest license key (`…NRAL`): it reports data into the account, enough to flood \
                     or falsify what it shows.",
                zh: "New Relic 数据接入 License Key（以 `NRAL` 结尾）：可以向该账户上报数据，足以淹没或伪造其展示内容。",
            },
            remediation: REVOKE,
            references: &["https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key"],
            ..META
        },
        keywords: &["nral"],
        patterns: &[r"(?:^|[^A-Za-z0-9])(?P<s>[A-Za-z0-9]{36}NRAL)\b"],
        check: Check::Entropy(3.5),
        samples: &["license_key: «6a0411a7384e08ef823fa5926e0db81274a5NRAL»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC312",
            aliases: &["new-relic-insert-key"],
            severity: Severity::Medium,
            title: Text {
                en: "New Relic insert key",
                zh: "New Relic 写入密钥（Insert Key）",
            },
            description: Text {
                en: "A New Relic Insights insert key (`NRII-…`): it writes custom events into the account.",
                zh: "New Relic Insights 写入密钥（`NRII-…`）：可以向该账户写入自定义事件。",
            },
            remediation: REVOKE,
            references: &[
                "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#insights-insert-key",
            ],
            ..META
        },
        keywords: &["nrii-"],
        patterns: &[token!(r"NRII-[A-Za-z0-9_-]{32}")],
        check: Check::Entropy(3.5),
        samples: &["NEW_RELIC_INSERT_KEY=«NRII-ikX8BsLnBVptFlAd0c7FIpWEllv84Hnw»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC313",
            aliases: &["dynatrace-api-token"],
            title: Text {
                en: "Dynatrace API token",
                zh: "Dynatrace API 令牌",
            },
            description: Text {
                en: "A Dynatrace API token (`dt0c01.….…`): within its scopes it reads monitoring data and \
                     changes the environment's configuration.",
                zh: "Dynatrace API 令牌（`dt0c01.….…`）：在其权限范围内读取监控数据，并修改环境配置。",
            },
            remediation: REVOKE,
            references: &[
                "https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens",
            ],
            ..META
        },
        keywords: &["dt0c01."],
        patterns: &[token!(r"dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}")],
        check: Check::Entropy(3.5),
        samples: &[
            "DT_API_TOKEN=«dt0c01.28RDDNS5DBEMPI3807XELZ3U.MJV0S69QT6M55E57UI7748OIXNYBXVJ9CGHQINGAQ41DCBAQMZSO24ZVAKA3WCLG»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC314",
            aliases: &["sentry-user-token"],
            title: Text {
                en: "Sentry user auth token",
                zh: "Sentry 用户认证令牌",
            },
            description: Text {
                en: "A Sentry user auth token (`sntryu_…`): within its scopes it reads events — stack traces \
                     with local variables and request data — and manages projects.",
                zh: "Sentry 用户认证令牌（`sntryu_…`）：在其权限范围内读取事件（带局部变量和请求数据的堆栈）并管理项目。",
            },
            remediation: REVOKE,
            references: &["https://docs.sentry.io/account/auth-tokens/"],
            ..META
        },
        keywords: &["sntryu_"],
        patterns: &[token!(r"sntryu_[a-f0-9]{64}")],
        samples: &[
            "SENTRY_AUTH_TOKEN=«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»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC315",
            aliases: &["sentry-org-token"],
            title: Text {
                en: "Sentry organization auth token",
                zh: "Sentry 组织认证令牌",
            },
            description: Text {
                en: "A Sentry organization auth token (`sntrys_eyJ…`): it uploads source maps and debug files \
                     and creates releases — enough to mislead every stack trace.",
                zh: "Sentry 组织认证令牌（`sntrys_eyJ…`）：可以上传 source map 和调试文件、创建发布版本——足以让所有\
                     堆栈信息误导排查。",
            },
            remediation: REVOKE,
            references: &["https://docs.sentry.io/account/auth-tokens/#organization-auth-tokens"],
            ..META
        },
        keywords: &["sntrys_eyj"],
        patterns: &[r"(?:^|[^A-Za-z0-9_])(?P<s>sntrys_eyJ[A-Za-z0-9+/=]{60,400}_[A-Za-z0-9+/]{43})"],
        check: Check::Entropy(4.0),
        samples: &[
            "SENTRY_AUTH_TOKEN=«sntrys_eyJazOjO5Q4UkSd6aiK15gt7MRJp+lCe6ONBhUTakAOYPjp04rXwpBisyESc/eN7bRJQYVErECUaS9pzzFLF9uq15pwrX3/oArLIy3TNVYT+KwiKyIWNnJUiBp4_B34IiItrS4wWRvnOFOVdQLMhFn45A+zDpuaHtiO+U7Y»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC316",
            aliases: &["grafana-cloud-api-token"],
            title: Text {
                en: "Grafana Cloud access policy token",
                zh: "Grafana Cloud 访问策略令牌",
            },
            description: Text {
                en: "A Grafana Cloud token (`glc_…`): it reads or writes metrics, logs and traces of the stack, \
                     per its access policy.",
                zh: "Grafana Cloud 令牌（`glc_…`）：按其访问策略读取或写入该 stack 的指标、日志和链路数据。",
            },
            remediation: REVOKE,
            references: &[
                "https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/",
            ],
            ..META
        },
        keywords: &["glc_"],
        patterns: &[token!(r"glc_[A-Za-z0-9+/]{32,400}={0,3}")],
        check: Check::Entropy(4.0),
        samples: &[
            "GRAFANA_CLOUD_TOKEN=«glc_O854xu1cdQipJvHavnjEBeiz+O/YvMg/GIUndgkUbV1gRG5oGbM4RhCjIsMYe8H1IFRcwg2FRvzkLzz2xhIgmG4eawGzgR2tSoPKmXv/Dblqs6ru7HoCbama»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC317",
            aliases: &["grafana-service-account-token"],
            title: Text {
                en: "Grafana service account token",
                zh: "Grafana 服务账号令牌",
            },
            description: Text {
                en: "A Grafana service account token (`glsa_…`): dashboards, data sources — and the queries \
                     they can run against production databases — with the account's role.",
                zh: "Grafana 服务账号令牌（`glsa_…`）：按该账号的角色访问仪表板和数据源——以及这些数据源能对生产数据库\
                     执行的查询。",
            },
            remediation: REVOKE,
            references: &["https://grafana.com/docs/grafana/latest/administration/service-accounts/"],
            ..META
        },
        keywords: &["glsa_"],
        patterns: &[token!(r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}")],
        samples: &["GRAFANA_TOKEN=«glsa_pP9qQKURSfIMfthnAPRIsMGqoUkb02m3_054bfc8d»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC318",
            aliases: &["grafana-api-key"],
            title: Text {
                en: "Grafana API key",
                zh: "Grafana API 密钥",
            },
            description: Text {
                en: "A legacy Grafana API key (`eyJrIjoi…`, base64 JSON): it acts with the role it was created \
                     with, often Admin.",
                zh: "旧式 Grafana API 密钥（`eyJrIjoi…`，base64 编码的 JSON）：拥有创建时指定的角色，往往是 Admin。",
            },
            remediation: REVOKE,
            references: &[
                "https://grafana.com/docs/grafana/latest/administration/service-accounts/migrate-api-keys/",
            ],
            ..META
        },
        keywords: &["eyjrijoi"],
        patterns: &[token!(r"eyJrIjoi[A-Za-z0-9]{70,400}={0,3}")],
        check: Check::Entropy(4.0),
        samples: &[
            "grafana_api_key: «eyJrIjoiL3G7y9tD2OZterQvrxTcOGi8oJZWTQAEOitRcsRt9TZvLUFHGi8mJqemIE22Yqg9bLWat9audgJ9IbSQ2AiWrdfD4jsBudiT5VX6»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC319",
            title: Text {
                en: "Splunk HEC token",
                zh: "Splunk HEC 令牌",
            },
            description: Text {
                en: "A Splunk HTTP Event Collector token (a UUID) assigned to a Splunk or HEC name: it writes \
                     events into the indexes it allows — forged audit trails included.",
                zh: "赋给 Splunk 或 HEC 相关变量的 HTTP Event Collector 令牌（UUID 形式）：可以向其允许的索引写入事件——\
                     包括伪造的审计记录。",
            },
            remediation: REVOKE,
            references: &[
                "https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector",
            ],
            ..META
        },
        keywords: &["splunk", "hec_token", "hec-token", "hectoken"],
        patterns: &[assigned!(
            r"(?:splunk|hec)\w*?token",
            r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        )],
        samples: &["SPLUNK_HEC_TOKEN=«802bf3cd-6111-418f-8c6d-a8707b68bc8d»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC320",
            title: Text {
                en: "PagerDuty API key",
                zh: "PagerDuty API 密钥",
            },
            description: Text {
                en: "A PagerDuty REST API key (20 characters) assigned to a PagerDuty name: it acknowledges and \
                     resolves incidents and edits schedules — silencing the alarms.",
                zh: "赋给 PagerDuty 相关变量的 REST API 密钥（20 个字符）：可以确认、关闭事件并修改排班——也就能让告警\
                     静默。",
            },
            remediation: REVOKE,
            references: &["https://support.pagerduty.com/main/docs/api-access-keys"],
            ..META
        },
        keywords: &["pagerduty"],
        patterns: &[assigned!(r"pagerduty\w*?(?:key|token)", r"[A-Za-z0-9_+-]{20}")],
        check: Check::Entropy(3.5),
        samples: &["PAGERDUTY_API_KEY=«u+ACaGd4ronDjVhUS4c0»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC321",
            aliases: &["atlassian-api-token"],
            title: Text {
                en: "Atlassian API token",
                zh: "Atlassian API 令牌",
            },
            description: Text {
                en: "An Atlassian API token (`ATATT3…`): with the account email it acts as the user in Jira, \
                     Confluence and Bitbucket Cloud.",
                zh: "Atlassian API 令牌（`ATATT3…`）：配合账号邮箱，可以以该用户身份访问 Jira、Confluence 和 Bitbucket Cloud。",
            },
            remediation: REVOKE,
            references: &[
                "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
            ],
            ..META
        },
        keywords: &["atatt3"],
        patterns: &[token!(r"ATATT3[A-Za-z0-9_=-]{186}")],
        check: Check::Entropy(4.0),
        samples: &[
            "JIRA_API_TOKEN=«ATATT3lYfLGAtMYgzC_U6w-ujeeT5fXn_kN7fF4Uk4tCg63kJe4yLtmyKJ_RfcGCLhVB4YQb5RizbIaXax3okbE4hpZoMBJmsfQiDKuVA84luioWy2KxmojyTqGORI02yxrsULoKXcBY4kj93zxdubsFevfwa_XSQOyetYX0mcOKUXqGq7iD9gjP6aitNYgN»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC322",
            aliases: &["linear-api-key"],
            title: Text {
                en: "Linear API key",
                zh: "Linear API 密钥",
            },
            description: Text {
                en: "A Linear personal API key (`lin_api_…`): issues, projects and comments of the workspace, as \
                     the user.",
                zh: "Linear 个人 API 密钥（`lin_api_…`）：可以以该用户身份访问工作区的议题、项目和评论。",
            },
            remediation: REVOKE,
            references: &["https://linear.app/developers/graphql#personal-api-keys"],
            ..META
        },
        keywords: &["lin_api_"],
        patterns: &[token!(r"lin_api_[A-Za-z0-9]{40}")],
        check: Check::Entropy(3.5),
        samples: &["LINEAR_API_KEY=«lin_api_6zx8oYWNHDoB9wXi794gzJgoy5V8oMo5QBhQeMNg»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC323",
            aliases: &["notion-api-token"],
            title: Text {
                en: "Notion integration token",
                zh: "Notion 集成令牌",
            },
            description: Text {
                en: "A Notion internal integration token (`ntn_…`, or a legacy `secret_…` assigned to a Notion \
                     name): every page and database shared with the integration.",
                zh: "Notion 内部集成令牌（`ntn_…`，或赋给 Notion 相关变量的旧式 `secret_…`）：可以访问共享给该集成的\
                     所有页面和数据库。",
            },
            remediation: REVOKE,
            references: &["https://developers.notion.com/docs/authorization"],
            ..META
        },
        keywords: &["ntn_", "notion"],
        patterns: &[
            token!(r"ntn_[0-9]{11}[A-Za-z0-9]{35}"),
            assigned!(r"notion\w*?", r"secret_[A-Za-z0-9]{43}"),
        ],
        check: Check::Entropy(3.5),
        samples: &["NOTION_TOKEN=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC324",
            title: Text {
                en: "Asana personal access token",
                zh: "Asana 个人访问令牌",
            },
            description: Text {
                en: "An Asana personal access token (`1/…:…` or `2/…/…:…`) assigned to an Asana name: the \
                     user's tasks and projects across workspaces.",
                zh: "赋给 Asana 相关变量的个人访问令牌（`1/…:…` 或 `2/…/…:…`）：可以访问该用户在各工作区的任务和项目。",
            },
            remediation: REVOKE,
            references: &["https://developers.asana.com/docs/personal-access-token"],
            ..META
        },
        keywords: &["asana"],
        patterns: &[assigned!(
            r"asana\w*?",
            r"[12]/[0-9]{16}(?:/[0-9]{16})?:[a-f0-9]{32}"
        )],
        samples: &["ASANA_PAT=«2/3694716962988458/3783481737443336:90b82adc488298abf2a29724a77c5bfc»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC325",
            title: Text {
                en: "Airtable personal access token",
                zh: "Airtable 个人访问令牌",
            },
            description: Text {
                en: "An Airtable personal access token (`pat….…`) in a file that mentions Airtable: the bases \
                     and scopes it was given.",
                zh: "提及 Airtable 的文件中的个人访问令牌（`pat….…`）：可以按授予的范围访问对应的 base。",
            },
            remediation: REVOKE,
            references: &["https://airtable.com/developers/web/guides/personal-access-tokens"],
            ..META
        },
        keywords: &["pat"],
        patterns: &[token!(r"pat[A-Za-z0-9]{14}\.[a-f0-9]{64}")],
        context: &["airtable"],
        samples: &[
            "AIRTABLE_TOKEN=«pat3qJIJnvm396olM.e73fe2d328a4461aac7051ea973b1f515a6772eefe17cf71891aa8f9b5dccb76»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC326",
            title: Text {
                en: "Figma personal access token",
                zh: "Figma 个人访问令牌",
            },
            description: Text {
                en: "A Figma personal access token (`figd_…`): the user's files, comments and, within its \
                     scopes, the team's design library.",
                zh: "Figma 个人访问令牌（`figd_…`）：可以访问该用户的文件、评论，并在其权限范围内访问团队设计库。",
            },
            remediation: REVOKE,
            references: &["https://www.figma.com/developers/api#access-tokens"],
            ..META
        },
        keywords: &["figd_"],
        patterns: &[token!(r"figd_[A-Za-z0-9_-]{40}")],
        check: Check::Entropy(3.5),
        samples: &["FIGMA_TOKEN=«figd_O2AaLY7s8_7E7fvrgnkKJnHNcYqN4rjkKE9naVNf»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC327",
            aliases: &["hubspot-api-key"],
            title: Text {
                en: "HubSpot private app token",
                zh: "HubSpot 私有应用令牌",
            },
            description: Text {
                en: "A HubSpot private app access token (`pat-na1-…`, `pat-eu1-…`): the CRM's contacts, deals \
                     and companies within the app's scopes.",
                zh: "HubSpot 私有应用访问令牌（`pat-na1-…`、`pat-eu1-…`）：可以在应用权限范围内访问 CRM 的联系人、交易和公司。",
            },
            remediation: REVOKE,
            references: &["https://developers.hubspot.com/docs/guides/apps/private-apps/overview"],
            ..META
        },
        keywords: &["pat-na1-", "pat-eu1-"],
        patterns: &[token!(
            r"pat-(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )],
        samples: &["HUBSPOT_ACCESS_TOKEN=«pat-na1-ddd2717b-6468-43e0-bde2-b655e3424b14»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC328",
            aliases: &["shopify-access-token"],
            severity: Severity::Critical,
            title: Text {
                en: "Shopify access token",
                zh: "Shopify 访问令牌",
            },
            description: Text {
                en: "A Shopify Admin API access token (`shpat_…`): the store's orders, customers and products \
                     within the app's scopes.",
                zh: "Shopify Admin API 访问令牌（`shpat_…`）：可以在应用权限范围内访问店铺的订单、客户和商品。",
            },
            remediation: REVOKE,
            references: &["https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens"],
            ..META
        },
        keywords: &["shpat_"],
        patterns: &[token!(r"shpat_[a-fA-F0-9]{32}")],
        samples: &["SHOPIFY_ACCESS_TOKEN=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC329",
            aliases: &["shopify-custom-access-token"],
            severity: Severity::Critical,
            title: Text {
                en: "Shopify custom app token",
                zh: "Shopify 自定义应用令牌",
            },
            description: Text {
                en: "A Shopify custom app access token (`shpca_…`): the store's data within the app's scopes.",
                zh: "Shopify 自定义应用访问令牌（`shpca_…`）：可以在应用权限范围内访问店铺数据。",
            },
            remediation: REVOKE,
            references: &["https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens"],
            ..META
        },
        keywords: &["shpca_"],
        patterns: &[token!(r"shpca_[a-fA-F0-9]{32}")],
        samples: &["token: «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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC330",
            aliases: &["shopify-private-app-access-token"],
            severity: Severity::Critical,
            title: Text {
                en: "Shopify private app password",
                zh: "Shopify 私有应用密码",
            },
            description: Text {
                en: "A legacy Shopify private app password (`shppa_…`): Admin API access to the store.",
                zh: "旧式 Shopify 私有应用密码（`shppa_…`）：可以通过 Admin API 访问店铺。",
            },
            remediation: REVOKE,
            references: &["https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens"],
            ..META
        },
        keywords: &["shppa_"],
        patterns: &[token!(r"shppa_[a-fA-F0-9]{32}")],
        samples: &["SHOPIFY_PASSWORD=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC331",
            aliases: &["shopify-shared-secret"],
            title: Text {
                en: "Shopify shared secret",
                zh: "Shopify 共享密钥",
            },
            description: Text {
                en: "A Shopify app shared secret (`shpss_…`): it verifies webhooks and OAuth requests, so with \
                     it anyone can forge them.",
                zh: "Shopify 应用共享密钥（`shpss_…`）：它用于校验 Webhook 和 OAuth 请求，拿到它就能伪造这些请求。",
            },
            remediation: REVOKE,
            references: &[
                "https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook",
            ],
            ..META
        },
        keywords: &["shpss_"],
        patterns: &[token!(r"shpss_[a-fA-F0-9]{32}")],
        samples: &["SHOPIFY_API_SECRET=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC332",
            title: Text {
                en: "Contentful management token",
                zh: "Contentful 管理令牌",
            },
            description: Text {
                en: "A Contentful personal access token (`CFPAT-…`): it edits and publishes content in every \
                     space the user can reach.",
                zh: "Contentful 个人访问令牌（`CFPAT-…`）：可以在该用户能访问的所有空间中编辑和发布内容。",
            },
            remediation: REVOKE,
            references: &[
                "https://www.contentful.com/developers/docs/references/authentication/#the-content-management-api",
            ],
            ..META
        },
        keywords: &["cfpat-"],
        patterns: &[token!(r"CFPAT-[A-Za-z0-9_-]{43}")],
        check: Check::Entropy(3.5),
        samples: &["CONTENTFUL_MANAGEMENT_TOKEN=«CFPAT-Hkk4OjvaRv07Tbw50-mqAPu1Sc0gVZrBQe24yqe-6nu»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC333",
            aliases: &["dropbox-short-lived-api-token"],
            severity: Severity::Medium,
            title: Text {
                en: "Dropbox access token",
                zh: "Dropbox 访问令牌",
            },
            description: Text {
                en: "A Dropbox OAuth access token (`sl.…`): the files the app may reach in the user's Dropbox.",
                zh: "Dropbox OAuth 访问令牌（`sl.…`）：可以访问该应用在用户 Dropbox 中有权访问的文件。",
            },
            remediation: REVOKE,
            references: &["https://developers.dropbox.com/oauth-guide"],
            ..META
        },
        keywords: &["sl."],
        patterns: &[token!(r"sl\.[A-Za-z0-9_=-]{130,}")],
        check: Check::Entropy(4.0),
        samples: &[
            "DROPBOX_TOKEN=«sl.x1_c4MVSLSVtlrdWq7gnkuB0uXsPifrT6ZB6_ddfnRMGwQsha4PhNurMyjhUpEXO0F9NxKOsbHyXviVJFu9JJbJSMh2HaygU-zYltWug7xwveLpHx96c52qN2S1tAjWP8J4_uvT8NWON»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC334",
            aliases: &["zendesk-secret-key"],
            title: Text {
                en: "Zendesk API token",
                zh: "Zendesk API 令牌",
            },
            description: Text {
                en: "A Zendesk API token (40 characters) assigned to a Zendesk name: with an agent's email it \
                     reads every ticket — customers' messages and attachments.",
                zh: "赋给 Zendesk 相关变量的 API 令牌（40 个字符）：配合客服邮箱即可读取所有工单——包括客户的消息和附件。",
            },
            remediation: REVOKE,
            references: &["https://support.zendesk.com/hc/en-us/articles/4408889192858"],
            ..META
        },
        keywords: &["zendesk"],
        patterns: &[assigned!(r"zendesk\w*?(?:token|key|secret)", r"[A-Za-z0-9]{40}")],
        check: Check::Entropy(3.5),
        samples: &["ZENDESK_API_TOKEN=«ZIbta2f8OqXeRPrtr0VhoLkRMFVx5AavHV2THTh2»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC335",
            aliases: &["intercom-api-key"],
            title: Text {
                en: "Intercom access token",
                zh: "Intercom 访问令牌",
            },
            description: Text {
                en: "An Intercom access token (60 characters) assigned to an Intercom name: conversations and \
                     user data of the workspace.",
                zh: "赋给 Intercom 相关变量的访问令牌（60 个字符）：可以访问工作区的会话和用户数据。",
            },
            remediation: REVOKE,
            references: &[
                "https://developers.intercom.com/docs/build-an-integration/learn-more/authentication",
            ],
            ..META
        },
        keywords: &["intercom"],
        patterns: &[assigned!(r"intercom\w*?(?:token|key)", r"[A-Za-z0-9=_-]{60}")],
        check: Check::Entropy(3.5),
        samples: &["INTERCOM_ACCESS_TOKEN=«ZCe3D6mzouZoBWnJP_5VImQ3Io0yKH_lRst4xINWXYdeni447S_1_qA1H2YS»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC336",
            aliases: &["okta-access-token"],
            severity: Severity::Critical,
            title: Text {
                en: "Okta API token",
                zh: "Okta API 令牌",
            },
            description: Text {
                en: "An Okta API token (`00…`, 42 characters) assigned to an Okta name: it acts with the admin \
                     role of its creator on the identity provider — users, groups, MFA factors, apps.",
                zh: "赋给 Okta 相关变量的 API 令牌（`00…`，42 个字符）：以创建者的管理员角色操作身份提供方——用户、组、\
                     MFA 因子和应用。",
            },
            remediation: REVOKE,
            references: &["https://developer.okta.com/docs/guides/create-an-api-token/main/"],
            ..META
        },
        keywords: &["okta"],
        patterns: &[assigned!(r"okta\w*?(?:token|key)", r"00[A-Za-z0-9_=-]{40}")],
        check: Check::Entropy(3.5),
        samples: &["OKTA_API_TOKEN=«003J3o0OXlfXvxjRvMm5la7YPw2qe0U-WGIoCC0F-c»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC337",
            title: Text {
                en: "Mapbox secret token",
                zh: "Mapbox 私密令牌",
            },
            description: Text {
                en: "A Mapbox secret access token (`sk.eyJ…`): it uploads tilesets, edits styles and manages the \
                     account's tokens — unlike public `pk.` tokens, it must stay private.",
                zh: "Mapbox 私密访问令牌（`sk.eyJ…`）：可以上传瓦片集、修改样式并管理账户的令牌——与公开的 `pk.` 令牌\
                     不同，它必须保密。",
            },
            remediation: REVOKE,
            references: &["https://docs.mapbox.com/accounts/guides/tokens/"],
            ..META
        },
        keywords: &["sk.eyj"],
        patterns: &[token!(r"sk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,}")],
        check: Check::Entropy(4.0),
        samples: &[
            "MAPBOX_SECRET_TOKEN=«sk.eyJcCcLEx899rPxcYnMGNa8ALIFALaa3ZpaFwY5rL1WO45xthIn4_c6X-5E3zG_.V8qHXbTg3EZYLH1i5VeMzA»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC338",
            aliases: &["algolia-api-key"],
            title: Text {
                en: "Algolia admin API key",
                zh: "Algolia 管理 API 密钥",
            },
            description: Text {
                en: "An Algolia admin or write API key (32 hex characters) assigned to such an Algolia name: it \
                     edits and deletes indices — search-only keys are meant to be public, these are not.",
                zh: "赋给 Algolia 管理或写入相关变量的 API 密钥（32 位十六进制）：可以修改和删除索引——仅搜索密钥本就\
                     公开，而这类密钥不应公开。",
            },
            remediation: REVOKE,
            references: &["https://www.algolia.com/doc/guides/security/api-keys/"],
            ..META
        },
        keywords: &["algolia"],
        patterns: &[assigned!(r"algolia\w*?(?:admin|write)\w*?key", r"[a-f0-9]{32}")],
        check: Check::Entropy(3.0),
        samples: &["ALGOLIA_ADMIN_API_KEY=«7f2f7272e7c4750c29265d9cdb015791»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC339",
            aliases: &["fastly-api-token"],
            title: Text {
                en: "Fastly API token",
                zh: "Fastly API 令牌",
            },
            description: Text {
                en: "A Fastly API token (32 characters) assigned to a Fastly name: it changes CDN services and \
                     purges caches — rerouting or taking down the sites behind them.",
                zh: "赋给 Fastly 相关变量的 API 令牌（32 个字符）：可以修改 CDN 服务、清除缓存——足以改道或拖垮其后的站点。",
            },
            remediation: REVOKE,
            references: &["https://docs.fastly.com/en/guides/using-api-tokens"],
            ..META
        },
        keywords: &["fastly"],
        patterns: &[assigned!(r"fastly\w*?(?:token|key)", r"[A-Za-z0-9_-]{32}")],
        check: Check::Entropy(3.5),
        samples: &["FASTLY_API_TOKEN=«yvTQblUqHMBE0CiH-N7KFtg_Rt_DwqKU»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC340",
            aliases: &["facebook-page-access-token"],
            title: Text {
                en: "Facebook access token",
                zh: "Facebook 访问令牌",
            },
            description: Text {
                en: "A Meta (Facebook) user, page or system user access token (`EAA…`): it posts and reads as \
                     the page or user, and reaches ad accounts within its permissions.",
                zh: "Meta（Facebook）用户、主页或系统用户访问令牌（`EAA…`）：可以以主页或用户身份发帖、读取内容，并在\
                     权限范围内访问广告账户。",
            },
            remediation: REVOKE,
            references: &["https://developers.facebook.com/docs/facebook-login/guides/access-tokens"],
            ..META
        },
        keywords: &["eaam", "eaac", "eaag"],
        patterns: &[token!(r"EAA[MCG][A-Za-z0-9]{100,}")],
        check: Check::Entropy(4.0),
        samples: &[
            "FB_PAGE_TOKEN=«EAAGzuo6THX8K3JyRGliXDjQMRCJ4zcdsyQiGOLpYEHM2LhhKIJsaiFEbDpOP73YL21BpsCmW94Zc1rmFaQ742kH4Y57P1MvliGT2l3ONC8wIVz2bGyF0JOyCCb8mfgwjSaaE8Qurohnc8lq5FZOhPyTkRapAudy1bzi»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC341",
            aliases: &["facebook-secret"],
            title: Text {
                en: "Facebook app secret",
                zh: "Facebook 应用密钥",
            },
            description: Text {
                en: "A Meta (Facebook) app secret (32 hex characters) assigned to a Facebook name: it mints app \
                     access tokens and verifies webhook signatures.",
                zh: "赋给 Facebook 相关变量的 Meta 应用密钥（32 位十六进制）：可以生成应用访问令牌，也用于校验 Webhook 签名。",
            },
            remediation: REVOKE,
            references: &["https://developers.facebook.com/docs/facebook-login/security#appsecret"],
            ..META
        },
        keywords: &["facebook", "fb_"],
        patterns: &[assigned!(r"(?:facebook|\bfb)\w*?secret", r"[a-f0-9]{32}")],
        check: Check::Entropy(3.0),
        samples: &["FACEBOOK_APP_SECRET=«97171304e827cb881bbb843f2a23aa03»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC342",
            aliases: &["twitter-bearer-token"],
            title: Text {
                en: "X (Twitter) bearer token",
                zh: "X（Twitter）Bearer 令牌",
            },
            description: Text {
                en: "An X (Twitter) API app bearer token (`AAAAAAAAAAAAAAAAAAAAA…`): read access to the API on \
                     the app's quota.",
                zh: "X（Twitter）API 应用的 Bearer 令牌（以一长串 `A` 开头）：可以按该应用的配额读取 API。",
            },
            remediation: REVOKE,
            references: &["https://docs.x.com/fundamentals/authentication/oauth-2-0/application-only"],
            ..META
        },
        keywords: &["aaaaaaaaaaaaaaaaaaaa"],
        // Twenty-one or twenty-two `A`s open the token; the class takes the ones past twenty.
        patterns: &[token!(r"A{20}[A-Za-z0-9%]{80,110}")],
        check: Check::None,
        samples: &[
            "TWITTER_BEARER_TOKEN=«AAAAAAAAAAAAAAAAAAAAAAMbod6oWHIds4WwivfxoIgJLcIdugPSn6D7QLpTzbhQ7IgUSiWdHtpILR7ZjGjrNbxQIRviVH0Qtv0HmQA2KC814OXm»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC343",
            title: Text {
                en: "Cloudinary URL",
                zh: "Cloudinary 连接 URL",
            },
            description: Text {
                en: "A `cloudinary://key:secret@cloud` URL: uploads, transformations and deletions of the \
                     account's media.",
                zh: "`cloudinary://key:secret@cloud` 形式的 URL：可以上传、转换和删除该账户的媒体资源。",
            },
            remediation: REVOKE,
            references: &[
                "https://cloudinary.com/documentation/how_to_integrate_cloudinary#configure_the_sdk",
            ],
            ..META
        },
        keywords: &["cloudinary://"],
        patterns: &[r"cloudinary://[0-9]{15}:(?P<s>[A-Za-z0-9_-]{27})@[A-Za-z0-9_-]+"],
        samples: &["CLOUDINARY_URL=cloudinary://182371076129279:«gNbUTNRS7gyUshY_wYsmiQcyc5X»@acme-media\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC344",
            severity: Severity::Medium,
            title: Text {
                en: "Zapier webhook URL",
                zh: "Zapier Webhook 地址",
            },
            description: Text {
                en: "A Zapier catch hook URL (`hooks.zapier.com/hooks/catch/…`): anyone can start the Zap with \
                     data of their choosing.",
                zh: "Zapier 捕获钩子 URL（`hooks.zapier.com/hooks/catch/…`）：任何人都能用自己构造的数据触发该 Zap。",
            },
            remediation: REVOKE,
            references: &["https://help.zapier.com/hc/en-us/articles/8496288690317"],
            ..META
        },
        keywords: &["hooks.zapier.com"],
        patterns: &[r"hooks\.zapier\.com/hooks/catch/[0-9]+/(?P<s>[A-Za-z0-9]{5,10})\b"],
        samples: &["ZAP_URL=https://hooks.zapier.com/hooks/catch/79240364/«vff8iop»/\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC345",
            aliases: &["launchdarkly-access-token"],
            title: Text {
                en: "LaunchDarkly key",
                zh: "LaunchDarkly 密钥",
            },
            description: Text {
                en: "A LaunchDarkly API access token or server-side SDK key (`api-…`, `sdk-…`) assigned to a \
                     LaunchDarkly name: flags — the switches that turn features on in production.",
                zh: "赋给 LaunchDarkly 相关变量的 API 访问令牌或服务端 SDK 密钥（`api-…`、`sdk-…`）：可以操作功能开关——\
                     也就是在生产环境中启用功能的那些开关。",
            },
            remediation: REVOKE,
            references: &["https://launchdarkly.com/docs/home/account/api"],
            ..META
        },
        keywords: &["launchdarkly"],
        patterns: &[assigned!(
            r"launchdarkly\w*?",
            r"(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )],
        samples: &["LAUNCHDARKLY_SDK_KEY=«sdk-6db2c770-6434-433c-af6f-9a3eaedfe513»\n"],
        ..Detector::BASE
    },
];
