//! Payments and commerce: Stripe, Square, Braintree, PayPal, Alipay, WeChat Pay, Flutterwave,
//! Plaid, GoCardless, Shippo, EasyPost, Duffel, Razorpay. These keys move money.

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector, Reach};

/// Rolling a payment provider key.
const ROLL_KEY: Text = Text {
    en: "Roll the key in the provider's dashboard (most let the old key live for a short overlap), check \
         recent transactions, refunds and payouts for ones you did not make, and load keys from a secret \
         store on the server only.",
    zh: "在服务商控制台中轮换（roll）该密钥（多数服务商允许旧密钥短暂共存），检查近期的交易、退款和提现中是否有\
         并非本方发起的记录；密钥只在服务端从密钥管理系统加载。",
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC250",
            aliases: &["StripeDetector", "stripe-access-token"],
            severity: Severity::Critical,
            title: Text {
                en: "Stripe live secret key",
                zh: "Stripe 正式环境密钥",
            },
            description: Text {
                en: "A Stripe live-mode secret key (`sk_live_…`): it charges cards, issues refunds and pays out \
                     to any bank account, and reads every customer record of the account.",
                zh: "Stripe 正式环境（live mode）的密钥（`sk_live_…`）：可以扣款、退款、向任意银行账户打款，并读取账户下\
                     所有客户记录。",
            },
            remediation: ROLL_KEY,
            references: &["https://docs.stripe.com/keys#rolling-keys"],
            ..META
        },
        keywords: &["sk_live_", "sk_prod_"],
        patterns: &[token!(r"sk_(?:live|prod)_[A-Za-z0-9]{24,99}")],
        check: Check::Entropy(3.5),
        samples: &[
            "STRIPE_SECRET_KEY=«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»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC251",
            title: Text {
                en: "Stripe live restricted key",
                zh: "Stripe 正式环境受限密钥",
            },
            description: Text {
                en: "A Stripe live-mode restricted key (`rk_live_…`): whatever it was granted — often read \
                     access to customers and charges, sometimes write.",
                zh: "Stripe 正式环境受限密钥（`rk_live_…`）：拥有创建时授予的权限——通常能读取客户和交易，有时还能写入。",
            },
            remediation: ROLL_KEY,
            references: &["https://docs.stripe.com/keys#limit-access"],
            ..META
        },
        keywords: &["rk_live_", "rk_prod_"],
        patterns: &[token!(r"rk_(?:live|prod)_[A-Za-z0-9]{24,99}")],
        check: Check::Entropy(3.5),
        samples: &[
            "stripe:\n  restricted_key: «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»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC252",
            severity: Severity::Low,
            title: Text {
                en: "Stripe test key",
                zh: "Stripe 测试环境密钥",
            },
            description: Text {
                en: "A Stripe test-mode secret or restricted key (`sk_test_…`, `rk_test_…`). It moves no real \
                     money, but exposes the account's test data and webhooks, and shows keys are handled in \
                     a way a live key will be too.",
                zh: "Stripe 测试环境的密钥或受限密钥（`sk_test_…`、`rk_test_…`）。它不涉及真实资金，但会暴露账户的测试\
                     数据和 Webhook，也说明正式密钥很可能会被同样处理。",
            },
            remediation: ROLL_KEY,
            references: &["https://docs.stripe.com/keys#test-live-modes"],
            ..META
        },
        keywords: &["sk_test_", "rk_test_"],
        patterns: &[token!(r"[sr]k_test_[A-Za-z0-9]{24,99}")],
        check: Check::Entropy(3.5),
        samples: &[
            "STRIPE_KEY=«sk_test_QVCQUyktirTF194lwzBPEQkzUkW8oeokqvfXurohS9LsCEv3efGuidRae39rWD1R9Ahv4GiLHQ0BIY7aMg2t9HFB7CmELiW9URQ»\n",
        ],
        decoys: &["STRIPE_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC253",
            title: Text {
                en: "Stripe webhook signing secret",
                zh: "Stripe Webhook 签名密钥",
            },
            description: Text {
                en: "A Stripe webhook endpoint signing secret (`whsec_…`): with it anyone can forge events \
                     your endpoint will trust — a payment that never happened, marked as succeeded.",
                zh: "Stripe Webhook 端点签名密钥（`whsec_…`）：拿到它就能伪造你的端点会信任的事件——例如一笔从未发生、\
                     却被标记为成功的付款。",
            },
            remediation: Text {
                en: "Roll the endpoint's signing secret in Developers → Webhooks and load it from a secret \
                     store.",
                zh: "在“开发者 → Webhooks”中轮换该端点的签名密钥，并从密钥管理系统加载。",
            },
            references: &["https://docs.stripe.com/webhooks#verify-events"],
            ..META
        },
        keywords: &["whsec_"],
        patterns: &[token!(r"whsec_[A-Za-z0-9+/=]{32,}")],
        check: Check::Entropy(3.5),
        samples: &["STRIPE_WEBHOOK_SECRET=«whsec_Pgp8QtAra6oxLO6iIfZUC63OO47telmN»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC254",
            aliases: &["square-access-token"],
            severity: Severity::Critical,
            title: Text {
                en: "Square access token",
                zh: "Square 访问令牌",
            },
            description: Text {
                en: "A Square production access token (`EAAA…`, or the older `sq0atp-…`): payments, refunds, \
                     customers and orders of the seller.",
                zh: "Square 正式环境访问令牌（`EAAA…`，或旧式 `sq0atp-…`）：可以处理该商家的付款、退款、客户和订单。",
            },
            remediation: ROLL_KEY,
            references: &["https://developer.squareup.com/docs/build-basics/access-tokens"],
            ..META
        },
        keywords: &["eaaa", "sq0atp-"],
        patterns: &[token!(r"EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}")],
        check: Check::Entropy(3.5),
        samples: &[
            "SQUARE_ACCESS_TOKEN=«EAAAlAKTOAoMP0tNfiVs3KeVgL1tlm1MIdcseYP7PnT-xhhsOSAjbLpQUJyltHhF»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC255",
            aliases: &["SquareOAuthDetector"],
            title: Text {
                en: "Square OAuth application secret",
                zh: "Square OAuth 应用密钥",
            },
            description: Text {
                en: "A Square OAuth application secret (`sq0csp-…`): with the application ID it exchanges \
                     sellers' authorization codes for their access tokens.",
                zh: "Square OAuth 应用密钥（`sq0csp-…`）：配合应用 ID，可以把商家的授权码换成他们的访问令牌。",
            },
            remediation: ROLL_KEY,
            references: &["https://developer.squareup.com/docs/oauth-api/overview"],
            ..META
        },
        keywords: &["sq0csp-"],
        patterns: &[token!(r"sq0csp-[0-9A-Za-z_-]{43}")],
        check: Check::Entropy(3.5),
        samples: &["square_secret = \"«sq0csp-jNKxEdl_EPRbbNAs1iroa3b60QsDbLe-g_KjAvfu87z»\"\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC256",
            severity: Severity::Critical,
            title: Text {
                en: "Braintree access token",
                zh: "Braintree 访问令牌",
            },
            description: Text {
                en: "A Braintree (PayPal) production access token (`access_token$production$…`): it creates \
                     transactions on the merchant account.",
                zh: "Braintree（PayPal）正式环境访问令牌（`access_token$production$…`）：可以在该商户账户上创建交易。",
            },
            remediation: ROLL_KEY,
            references: &["https://developer.paypal.com/braintree/docs/guides/authorization/access-token"],
            ..META
        },
        keywords: &["access_token$production$"],
        patterns: &[r"(?P<s>access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32})"],
        samples: &[
            "BRAINTREE_TOKEN=«access_token$production$7ds31ny368p1n0vo$af014d3f2d3cfd33220b76843164bf46»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC257",
            severity: Severity::Critical,
            title: Text {
                en: "PayPal client secret",
                zh: "PayPal 客户端密钥",
            },
            description: Text {
                en: "A PayPal REST API client secret (80 characters) assigned to a PayPal name: with the \
                     client ID it creates payments and payouts on the account.",
                zh: "赋给 PayPal 相关变量的 REST API 客户端密钥（80 个字符）：配合客户端 ID 可以在该账户上创建付款和出款。",
            },
            remediation: ROLL_KEY,
            references: &["https://developer.paypal.com/api/rest/authentication/"],
            ..META
        },
        keywords: &["paypal"],
        patterns: &[assigned!(r"paypal\w*?secret", r"[A-Za-z0-9_-]{80}")],
        check: Check::Entropy(3.5),
        samples: &[
            "PAYPAL_CLIENT_SECRET=«EwbQYdwxEpNXAuhz1vHCkShl3N_eXVXEiVTbuRVBGi3lrOiCMfAO9futKatcYM-lwe_GOK525qRI8upa»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC258",
            severity: Severity::Critical,
            title: Text {
                en: "Alipay application private key",
                zh: "支付宝应用私钥",
            },
            description: Text {
                en: "The RSA private key of an Alipay application, as a bare base64 string (`MII…`) assigned \
                     to an app private key name: it signs payment, refund and transfer requests the Alipay \
                     gateway accepts.",
                zh: "支付宝应用的 RSA 私钥，以裸 base64 字符串（`MII…`）形式赋给应用私钥变量：凭它签名的付款、退款和\
                     转账请求都会被支付宝网关接受。",
            },
            remediation: Text {
                en: "Generate a new key pair, upload the new public key in the Alipay open platform \
                     (development settings → interface signing method), and keep the private key in a \
                     secret store or KMS on the server.",
                zh: "重新生成密钥对，在支付宝开放平台（开发设置 → 接口加签方式）上传新的应用公钥，私钥只在服务端保存于\
                     密钥管理系统或 KMS 中。",
            },
            references: &["https://opendocs.alipay.com/common/02kdnc"],
            ..META
        },
        keywords: &["private_key", "privatekey", "private-key"],
        patterns: &[assigned!(
            r"(?:alipay\w*|app)_?private_?key|private-key",
            r"MII[A-Za-z0-9+/]{200,}={0,2}"
        )],
        context: &["alipay"],
        check: Check::Entropy(4.0),
        reach: Reach::Line {
            before: 80,
            after: 4096,
        },
        samples: &[
            "alipay:\n  app-id: 2021445462017507\n  app_private_key: «MIIEvQIBADANBgkqhkiG9w0BAQEFAASCK7bmFLjHk4/mplmVL5GtriUcK5fH9zyMrJb6jHl3JR5VXFoM30aq+WIyFdMnFvGIQkjUegi//IEaofkywVxzItdN1jGNZhFarwdNUwAwi+47W1H7B/6IpsxoN8nNBJt34bbONtGkbH1reC7eHuwnjagjP5BXjbfLbI9XiQh81FdOT1fC1hnrv0WNyYHp7PLxGIID0xk0JnqLjMYzUiCQM33Hhk08fjcpXVQkMV4gr6m71voIT82R/cpAACgKdtiiOzxw6+FHZ7TDJJYDRLi5GPDO/+6DuV57w8BNtnMLV+Gt»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC259",
            severity: Severity::Critical,
            title: Text {
                en: "WeChat Pay API key",
                zh: "微信支付 API 密钥",
            },
            description: Text {
                en: "A WeChat Pay merchant API key (APIv2 key or APIv3 key, 32 characters) in a file that \
                     mentions WeChat Pay: it signs orders and refunds, or decrypts payment notifications.",
                zh: "提及微信支付的文件中的商户 API 密钥（APIv2 密钥或 APIv3 密钥，32 个字符）：可以签名下单和退款请求，\
                     或解密支付通知。",
            },
            remediation: Text {
                en: "Reset the key in the WeChat Pay merchant platform (Account Center → API security) and \
                     keep it server-side in a secret store.",
                zh: "在微信支付商户平台（账户中心 → API 安全）中重置密钥，只在服务端的密钥管理系统中保存。",
            },
            references: &["https://pay.weixin.qq.com/doc/v3/merchant/4012068827"],
            ..META
        },
        keywords: &["key"],
        patterns: &[assigned!(
            r"api_?v3_?key|apiv3key|mch_?key|api_?key|pay_?key",
            r"[A-Za-z0-9]{32}"
        )],
        context: &["wxpay", "wechatpay", "wechat_pay", "mch_id", "mchid"],
        check: Check::Entropy(3.5),
        samples: &[
            "wechat_pay:\n  mch_id: \"1662351796\"\n  api_v3_key: «keRLxUIPAqIbBS7GVtAztXFihflNWI2G»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC260",
            aliases: &["flutterwave-secret-key", "flutterwave-encryption-key"],
            title: Text {
                en: "Flutterwave secret key",
                zh: "Flutterwave 密钥",
            },
            description: Text {
                en: "A Flutterwave secret or encryption key (`FLWSECK-…`, `FLWSECK_TEST-…`): it initiates \
                     charges and transfers on the account.",
                zh: "Flutterwave 的密钥或加密密钥（`FLWSECK-…`、`FLWSECK_TEST-…`）：可以在该账户上发起扣款和转账。",
            },
            remediation: ROLL_KEY,
            references: &["https://developer.flutterwave.com/docs/authentication"],
            ..META
        },
        keywords: &["flwseck"],
        patterns: &[token!(
            r"FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X|FLWSECK_TEST[a-hA-H0-9]{12}"
        )],
        check: Check::Entropy(3.0),
        samples: &["FLW_SECRET_KEY=«FLWSECK-ecb6acbc463b5a012b28b1565ca4a88b-X»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC261",
            aliases: &["plaid-api-token"],
            title: Text {
                en: "Plaid access token",
                zh: "Plaid 访问令牌",
            },
            description: Text {
                en: "A Plaid access token (`access-production-…`): it reads the linked user's bank accounts, \
                     balances and transactions.",
                zh: "Plaid 访问令牌（`access-production-…`）：可以读取所关联用户的银行账户、余额和交易记录。",
            },
            remediation: Text {
                en: "Remove the Item (`/item/remove`) or rotate the access token (`/item/access_token/invalidate`), \
                     and store tokens encrypted server-side.",
                zh: "移除该 Item（`/item/remove`）或轮换访问令牌（`/item/access_token/invalidate`），令牌在服务端加密保存。",
            },
            references: &["https://plaid.com/docs/api/items/#itemaccess_tokeninvalidate"],
            ..META
        },
        keywords: &["access-production-", "access-development-", "access-sandbox-"],
        patterns: &[token!(
            r"access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        )],
        samples: &["plaid_access_token: «access-production-d0dfda14-a7b7-479c-8dc6-1706a23249c8»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC262",
            aliases: &["plaid-secret-key"],
            title: Text {
                en: "Plaid secret",
                zh: "Plaid 密钥",
            },
            description: Text {
                en: "A Plaid API secret (30 characters) assigned to a Plaid name: with the client ID it calls \
                     every Plaid endpoint for the environment.",
                zh: "赋给 Plaid 相关变量的 API 密钥（30 个字符）：配合客户端 ID 可以调用该环境下的所有 Plaid 接口。",
            },
            remediation: ROLL_KEY,
            references: &["https://plaid.com/docs/account/security/#rotating-keys"],
            ..META
        },
        keywords: &["plaid"],
        patterns: &[assigned!(r"plaid\w*?secret", r"[a-z0-9]{30}")],
        check: Check::Entropy(3.5),
        samples: &["PLAID_SECRET=«pz05u2kytrb5pwkekfpuvu6rbepzmm»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC263",
            aliases: &["gocardless-api-token"],
            title: Text {
                en: "GoCardless access token",
                zh: "GoCardless 访问令牌",
            },
            description: Text {
                en: "A GoCardless live access token (`live_…`) assigned to a GoCardless name: it creates \
                     direct debit mandates and payments.",
                zh: "赋给 GoCardless 相关变量的正式环境访问令牌（`live_…`）：可以创建直接借记授权和付款。",
            },
            remediation: ROLL_KEY,
            references: &["https://developer.gocardless.com/getting-started/api/making-your-first-request"],
            ..META
        },
        keywords: &["gocardless"],
        patterns: &[assigned!(r"gocardless\w*?", r"live_[A-Za-z0-9_=-]{40}")],
        check: Check::Entropy(3.5),
        samples: &["GOCARDLESS_ACCESS_TOKEN=«live__5JuOdxMeutpgCgEegSUK_8pzMWz_23FsIowe8vS»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC264",
            aliases: &["shippo-api-token"],
            severity: Severity::Medium,
            title: Text {
                en: "Shippo API token",
                zh: "Shippo API 令牌",
            },
            description: Text {
                en: "A Shippo API token (`shippo_live_…`): it buys shipping labels on the account and reads \
                     customers' addresses.",
                zh: "Shippo API 令牌（`shippo_live_…`）：可以用该账户购买运单，并读取客户地址。",
            },
            remediation: ROLL_KEY,
            references: &["https://docs.goshippo.com/docs/guides_general/authentication/"],
            ..META
        },
        keywords: &["shippo_"],
        patterns: &[token!(r"shippo_(?:live|test)_[a-fA-F0-9]{40}")],
        samples: &["SHIPPO_API_KEY=«shippo_live_5ed84af9c799f5f0445bab4f13f5cf470474f5bf»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC265",
            aliases: &["easypost-api-token", "easypost-test-api-token"],
            title: Text {
                en: "EasyPost API key",
                zh: "EasyPost API 密钥",
            },
            description: Text {
                en: "An EasyPost production or test API key (`EZAK…`, `EZTK…`): production keys buy postage \
                     billed to the account.",
                zh: "EasyPost 正式或测试 API 密钥（`EZAK…`、`EZTK…`）：正式密钥可以购买由该账户付费的邮资。",
            },
            remediation: ROLL_KEY,
            references: &["https://docs.easypost.com/docs/authentication"],
            ..META
        },
        keywords: &["ezak", "eztk"],
        patterns: &[token!(r"EZ[AT]K[A-Za-z0-9]{54}")],
        check: Check::Entropy(3.5),
        samples: &["EASYPOST_API_KEY=«EZAKJ0H4TOQKnrtSj3bw6PigWzRhAmUKSTZZ4RggluxboFvoQHHkfkfeFL»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC266",
            aliases: &["duffel-api-token"],
            title: Text {
                en: "Duffel API token",
                zh: "Duffel API 令牌",
            },
            description: Text {
                en: "A Duffel API access token (`duffel_live_…`): it books and pays for flights and stays on \
                     the account, and reads passengers' details.",
                zh: "Duffel API 访问令牌（`duffel_live_…`）：可以用该账户预订并支付机票和住宿，并读取旅客信息。",
            },
            remediation: ROLL_KEY,
            references: &["https://duffel.com/docs/api/overview/making-requests/authentication"],
            ..META
        },
        keywords: &["duffel_"],
        patterns: &[token!(r"duffel_(?:test|live)_[A-Za-z0-9_=-]{43}")],
        check: Check::Entropy(3.5),
        samples: &["DUFFEL_ACCESS_TOKEN=«duffel_live_scdanjo5cQLSoo6ElIelKDe5TFtHhSiMire1YAVKjQm»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC267",
            severity: Severity::Critical,
            title: Text {
                en: "Razorpay key secret",
                zh: "Razorpay 密钥",
            },
            description: Text {
                en: "A Razorpay key secret (24 characters) assigned to a Razorpay name: with the key ID \
                     (`rzp_live_…`) it captures payments and issues refunds.",
                zh: "赋给 Razorpay 相关变量的密钥（24 个字符）：配合密钥 ID（`rzp_live_…`）可以收款和退款。",
            },
            remediation: ROLL_KEY,
            references: &["https://razorpay.com/docs/api/authentication/"],
            ..META
        },
        keywords: &["razorpay"],
        patterns: &[assigned!(r"razorpay\w*?secret", r"[A-Za-z0-9]{24}")],
        check: Check::Entropy(3.5),
        samples: &["RAZORPAY_KEY_SECRET=«utskBXGH9Mi0umRvrM5e9Fwo»\n"],
        ..Detector::BASE
    },
];
