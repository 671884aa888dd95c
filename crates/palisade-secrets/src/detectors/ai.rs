//! AI model providers: OpenAI, Anthropic, Hugging Face, Cohere, Groq, Perplexity, Replicate, xAI,
//! LangSmith, Mistral, OpenRouter, Azure OpenAI, and the Chinese providers (DeepSeek, Alibaba
//! Model Studio/DashScope, Moonshot, Zhipu). A leaked key is a bill and, for some, the
//! organisation's prompts, files and fine-tuned models.

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector, Reach};

/// Revoking an AI provider key.
const REVOKE_KEY: Text = Text {
    en: "Revoke the key in the provider's console, check usage and billing for calls you did not make, \
         set a spending limit, and call the API from a server that loads the key from a secret store — \
         never from a browser or mobile app.",
    zh: "在服务商控制台吊销该密钥，检查用量和账单中是否有并非本方发起的调用并设置消费上限；只从服务端调用 API，\
         密钥从密钥管理系统加载——绝不要放进浏览器或移动应用。",
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC400",
            aliases: &["OpenAIDetector", "openai-api-key"],
            severity: Severity::Critical,
            title: Text {
                en: "OpenAI API key",
                zh: "OpenAI API 密钥",
            },
            description: Text {
                en: "An OpenAI API key (`sk-proj-…`, `sk-svcacct-…`, `sk-admin-…` or a legacy `sk-…`, all \
                     carrying OpenAI's `T3BlbkFJ` marker): usage billed to the organisation, and access to \
                     its files, assistants and fine-tuned models.",
                zh: "OpenAI API 密钥（`sk-proj-…`、`sk-svcacct-…`、`sk-admin-…` 或旧式 `sk-…`，都带有 OpenAI 的 \
                     `T3BlbkFJ` 标记）：产生的用量计入该组织账单，还能访问其文件、助手和微调模型。",
            },
            remediation: REVOKE_KEY,
            references: &[
                "https://platform.openai.com/docs/api-reference/authentication",
                "https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety",
            ],
            ..META
        },
        keywords: &["t3blbkfj"],
        patterns: &[token!(
            r"sk-(?:(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"
        )],
        check: Check::Entropy(4.0),
        // The marker sits up to 82 characters into the key.
        reach: Reach::Line {
            before: 120,
            after: 600,
        },
        samples: &[
            "OPENAI_API_KEY=«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»\n",
            "openai.api_key = \"«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»\"\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC401",
            aliases: &["anthropic-api-key"],
            severity: Severity::Critical,
            title: Text {
                en: "Anthropic API key",
                zh: "Anthropic API 密钥",
            },
            description: Text {
                en: "An Anthropic API key (`sk-ant-api03-…`): Claude usage billed to the workspace.",
                zh: "Anthropic API 密钥（`sk-ant-api03-…`）：调用 Claude 产生的费用计入该工作区。",
            },
            remediation: REVOKE_KEY,
            references: &["https://docs.anthropic.com/en/api/getting-started#authentication"],
            ..META
        },
        keywords: &["sk-ant-api03-"],
        patterns: &[token!(r"sk-ant-api03-[A-Za-z0-9_-]{93}AA")],
        check: Check::Entropy(4.0),
        samples: &[
            "ANTHROPIC_API_KEY=«sk-ant-api03-rB6LMJNEp4YfJvuYClTWP3voEL3SCNniFTjtV0Q99uHDM4ezV8m9awKcTSlprHK5NtAK7yCjY8JRtrEQhLeFYKyyiu8TyAA»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC402",
            aliases: &["anthropic-admin-api-key"],
            severity: Severity::Critical,
            title: Text {
                en: "Anthropic Admin API key",
                zh: "Anthropic 管理 API 密钥",
            },
            description: Text {
                en: "An Anthropic Admin API key (`sk-ant-admin01-…`): it manages the organisation's members, \
                     workspaces and API keys.",
                zh: "Anthropic 管理 API 密钥（`sk-ant-admin01-…`）：可以管理组织的成员、工作区和 API 密钥。",
            },
            remediation: REVOKE_KEY,
            references: &["https://docs.anthropic.com/en/api/administration-api"],
            ..META
        },
        keywords: &["sk-ant-admin01-"],
        patterns: &[token!(r"sk-ant-admin01-[A-Za-z0-9_-]{93}AA")],
        check: Check::Entropy(4.0),
        samples: &[
            "ANTHROPIC_ADMIN_KEY=«sk-ant-admin01-K9dtM9Ejj9Nqt4xfNxECdSfPNwrsuSlUPaxKrBjEGmkJMXCdV0UbgmE45qssI4D6uELa6EgDUjBPn7Mw0-gtlZKcmyS3pAA»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC403",
            aliases: &["huggingface-access-token"],
            title: Text {
                en: "Hugging Face access token",
                zh: "Hugging Face 访问令牌",
            },
            description: Text {
                en: "A Hugging Face user access token (`hf_…`): with write access it pushes models and \
                     datasets under the user's and organisations' names — a model-supply-chain attack.",
                zh: "Hugging Face 用户访问令牌（`hf_…`）：若有写权限，就能以该用户及其组织的名义推送模型和数据集——\
                     这就是模型供应链攻击。",
            },
            remediation: REVOKE_KEY,
            references: &["https://huggingface.co/docs/hub/security-tokens"],
            ..META
        },
        keywords: &["hf_"],
        patterns: &[token!(r"hf_[A-Za-z]{34}")],
        check: Check::Entropy(3.5),
        samples: &["HF_TOKEN=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC404",
            aliases: &["huggingface-organization-api-token"],
            title: Text {
                en: "Hugging Face organisation API token",
                zh: "Hugging Face 组织 API 令牌",
            },
            description: Text {
                en: "A Hugging Face organisation API token (`api_org_…`), a legacy token acting for the whole \
                     organisation.",
                zh: "Hugging Face 组织 API 令牌（`api_org_…`），一种代表整个组织行事的旧式令牌。",
            },
            remediation: REVOKE_KEY,
            references: &["https://huggingface.co/docs/hub/security-tokens"],
            ..META
        },
        keywords: &["api_org_"],
        patterns: &[token!(r"api_org_[A-Za-z]{34}")],
        check: Check::Entropy(3.5),
        samples: &["HUGGINGFACE_ORG_TOKEN=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC405",
            aliases: &["cohere-api-token"],
            title: Text {
                en: "Cohere API key",
                zh: "Cohere API 密钥",
            },
            description: Text {
                en: "A Cohere API key (40 characters) assigned to a Cohere name: usage billed to the account.",
                zh: "赋给 Cohere 相关变量的 API 密钥（40 个字符）：产生的用量计入该账户。",
            },
            remediation: REVOKE_KEY,
            references: &["https://docs.cohere.com/reference/about"],
            ..META
        },
        keywords: &["cohere", "co_api_key"],
        patterns: &[assigned!(
            r"cohere\w*?(?:key|token)|co_api_key",
            r"[A-Za-z0-9]{40}"
        )],
        check: Check::Entropy(4.0),
        samples: &["COHERE_API_KEY=«QVNboPi1NdASNGILhklfs9udyXWCRBWvyK4QiVDn»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC406",
            title: Text {
                en: "Groq API key",
                zh: "Groq API 密钥",
            },
            description: Text {
                en: "A Groq API key (`gsk_…`): inference billed to the organisation.",
                zh: "Groq API 密钥（`gsk_…`）：推理费用计入该组织。",
            },
            remediation: REVOKE_KEY,
            references: &["https://console.groq.com/docs/quickstart"],
            ..META
        },
        keywords: &["gsk_"],
        patterns: &[token!(r"gsk_[A-Za-z0-9]{52}")],
        check: Check::Entropy(4.0),
        samples: &["GROQ_API_KEY=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC407",
            aliases: &["perplexity-api-key"],
            title: Text {
                en: "Perplexity API key",
                zh: "Perplexity API 密钥",
            },
            description: Text {
                en: "A Perplexity API key (`pplx-…`): searches and completions billed to the account.",
                zh: "Perplexity API 密钥（`pplx-…`）：搜索和生成的费用计入该账户。",
            },
            remediation: REVOKE_KEY,
            references: &["https://docs.perplexity.ai/guides/getting-started"],
            ..META
        },
        keywords: &["pplx-"],
        patterns: &[token!(r"pplx-[A-Za-z0-9]{48}")],
        check: Check::Entropy(4.0),
        samples: &["PERPLEXITY_API_KEY=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC408",
            title: Text {
                en: "Replicate API token",
                zh: "Replicate API 令牌",
            },
            description: Text {
                en: "A Replicate API token (`r8_…`): it runs models on the account's bill and reads its \
                     predictions and private models.",
                zh: "Replicate API 令牌（`r8_…`）：可以用该账户付费运行模型，并读取其预测结果和私有模型。",
            },
            remediation: REVOKE_KEY,
            references: &["https://replicate.com/docs/reference/http#authentication"],
            ..META
        },
        keywords: &["r8_"],
        patterns: &[token!(r"r8_[A-Za-z0-9]{37}")],
        check: Check::Entropy(4.0),
        samples: &["REPLICATE_API_TOKEN=«r8_t1T1TuP2GGLddAFqOh8AwcvCkpg1xUi1ZxV9t»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC409",
            title: Text {
                en: "xAI API key",
                zh: "xAI API 密钥",
            },
            description: Text {
                en: "An xAI API key (`xai-…`): Grok usage billed to the team.",
                zh: "xAI API 密钥（`xai-…`）：调用 Grok 的费用计入该团队。",
            },
            remediation: REVOKE_KEY,
            references: &["https://docs.x.ai/docs/overview"],
            ..META
        },
        keywords: &["xai-"],
        patterns: &[token!(r"xai-[A-Za-z0-9]{80}")],
        check: Check::Entropy(4.0),
        samples: &[
            "XAI_API_KEY=«xai-9OgDa094zFy4gR5Ebdl35cHUGgnXIurbQXGW4E4EDzjFIEow8ryaj80t0rLAWdlPK0d1dQ3jaeLX9sAZ»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC410",
            title: Text {
                en: "LangSmith API key",
                zh: "LangSmith API 密钥",
            },
            description: Text {
                en: "A LangSmith personal or service key (`lsv2_pt_…`, `lsv2_sk_…`): it reads the traces of \
                     the organisation's LLM applications — prompts, outputs and user data.",
                zh: "LangSmith 个人或服务密钥（`lsv2_pt_…`、`lsv2_sk_…`）：可以读取该组织 LLM 应用的追踪记录——提示词、\
                     输出以及其中的用户数据。",
            },
            remediation: REVOKE_KEY,
            references: &[
                "https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key",
            ],
            ..META
        },
        keywords: &["lsv2_"],
        patterns: &[token!(r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}")],
        samples: &["LANGSMITH_API_KEY=«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»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC411",
            title: Text {
                en: "Mistral AI API key",
                zh: "Mistral AI API 密钥",
            },
            description: Text {
                en: "A Mistral AI API key (32 characters) assigned to a Mistral name: usage billed to the \
                     workspace.",
                zh: "赋给 Mistral 相关变量的 API 密钥（32 个字符）：产生的用量计入该工作区。",
            },
            remediation: REVOKE_KEY,
            references: &["https://docs.mistral.ai/getting-started/quickstart/"],
            ..META
        },
        keywords: &["mistral"],
        patterns: &[assigned!(r"mistral\w*?(?:key|token)", r"[A-Za-z0-9]{32}")],
        check: Check::Entropy(3.5),
        samples: &["MISTRAL_API_KEY=«wkNZxpLLREjd1lx9sm6nSSXNVYtmxnjb»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC412",
            title: Text {
                en: "OpenRouter API key",
                zh: "OpenRouter API 密钥",
            },
            description: Text {
                en: "An OpenRouter API key (`sk-or-v1-…`): calls to every model OpenRouter routes to, paid from \
                     the account's credits.",
                zh: "OpenRouter API 密钥（`sk-or-v1-…`）：可以调用 OpenRouter 转发的任何模型，费用从账户余额中扣除。",
            },
            remediation: REVOKE_KEY,
            references: &["https://openrouter.ai/docs/api-reference/authentication"],
            ..META
        },
        keywords: &["sk-or-v1-"],
        patterns: &[token!(r"sk-or-v1-[a-f0-9]{64}")],
        samples: &[
            "OPENROUTER_API_KEY=«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»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC413",
            title: Text {
                en: "Azure OpenAI key",
                zh: "Azure OpenAI 密钥",
            },
            description: Text {
                en: "An Azure OpenAI (Azure AI services) resource key (32 hex characters) assigned to an \
                     Azure OpenAI name: model deployments of the resource, billed to its subscription.",
                zh: "赋给 Azure OpenAI 相关变量的资源密钥（Azure AI 服务，32 位十六进制）：可调用该资源的模型部署，\
                     费用计入其订阅。",
            },
            remediation: Text {
                en: "Regenerate the key (resource → Keys and Endpoint), and authenticate with Entra ID and \
                     managed identities instead; consider disabling local (key) authentication.",
                zh: "重新生成密钥（资源 → 密钥和终结点），改用 Entra ID 与托管标识认证，并考虑禁用本地（密钥）认证。",
            },
            references: &["https://learn.microsoft.com/en-us/azure/ai-services/authentication"],
            ..META
        },
        keywords: &["openai"],
        patterns: &[assigned!(r"(?:azure_?openai|aoai)\w*?key", r"[a-f0-9]{32}")],
        check: Check::Entropy(3.0),
        samples: &["AZURE_OPENAI_API_KEY=«469102d7ea7e4b769392f639dc98bc99»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC414",
            title: Text {
                en: "DeepSeek API key",
                zh: "DeepSeek（深度求索）API 密钥",
            },
            description: Text {
                en: "A DeepSeek API key (`sk-` and 32 hex characters) in a file that mentions DeepSeek: usage \
                     paid from the account's balance.",
                zh: "提及 DeepSeek 的文件中的 API 密钥（`sk-` 加 32 位十六进制）：调用费用从账户余额中扣除。",
            },
            remediation: REVOKE_KEY,
            references: &["https://api-docs.deepseek.com/"],
            ..META
        },
        keywords: &["sk-"],
        patterns: &[token!(r"sk-[a-f0-9]{32}")],
        context: &["deepseek"],
        samples: &["# deepseek\nDEEPSEEK_API_KEY=«sk-485975ba001662fc70086541d2481e08»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC415",
            title: Text {
                en: "Alibaba Model Studio (DashScope) API key",
                zh: "阿里云百炼（DashScope）API Key",
            },
            description: Text {
                en: "An Alibaba Cloud Model Studio / DashScope API key (`sk-` and 32 hex characters) in a file \
                     that mentions DashScope or Bailian: Qwen and other model calls billed to the account.",
                zh: "提及 DashScope 或百炼的文件中的阿里云百炼 API Key（`sk-` 加 32 位十六进制）：调用通义千问等模型的\
                     费用计入该账号。",
            },
            remediation: REVOKE_KEY,
            references: &["https://www.alibabacloud.com/help/en/model-studio/get-api-key"],
            ..META
        },
        keywords: &["sk-"],
        patterns: &[token!(r"sk-[a-f0-9]{32}")],
        context: &["dashscope", "bailian"],
        samples: &["DASHSCOPE_API_KEY=«sk-f179cb7cd055509b8859407d765316dd»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC416",
            title: Text {
                en: "Moonshot AI (Kimi) API key",
                zh: "月之暗面（Kimi）API 密钥",
            },
            description: Text {
                en: "A Moonshot AI API key (`sk-` and 48 characters) in a file that mentions Moonshot or Kimi: \
                     usage billed to the account.",
                zh: "提及 Moonshot 或 Kimi 的文件中的月之暗面 API 密钥（`sk-` 加 48 个字符）：产生的用量计入该账户。",
            },
            remediation: REVOKE_KEY,
            references: &["https://platform.moonshot.ai/docs/api/chat"],
            ..META
        },
        keywords: &["sk-"],
        patterns: &[token!(r"sk-[A-Za-z0-9]{48}")],
        context: &["moonshot", "kimi"],
        check: Check::Entropy(4.0),
        samples: &["MOONSHOT_API_KEY=«sk-tM9TRxSmzfMc3MvUDWgEf2f65XjS716odWzILwehVgflgHM5»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC417",
            title: Text {
                en: "Zhipu AI API key",
                zh: "智谱 AI（BigModel）API 密钥",
            },
            description: Text {
                en: "A Zhipu AI (BigModel, GLM) API key (`<32 hex>.<16 characters>`) in a file that mentions \
                     Zhipu or BigModel: usage billed to the account.",
                zh: "提及智谱或 BigModel 的文件中的智谱 AI（GLM）API 密钥（`32 位十六进制.16 个字符`）：产生的用量计入\
                     该账户。",
            },
            remediation: REVOKE_KEY,
            references: &["https://docs.bigmodel.cn/cn/guide/start/quick-start"],
            ..META
        },
        keywords: &["zhipu", "bigmodel"],
        patterns: &[assigned!(
            r"(?:zhipu|bigmodel|glm)\w*?(?:key|token)",
            r"[a-f0-9]{32}\.[A-Za-z0-9]{16}"
        )],
        check: Check::Entropy(3.5),
        samples: &["ZHIPUAI_API_KEY=«d84e45ed063658c94df8b25183e482ed.D35sLd8DdoYs2GNZ»\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC418",
            title: Text {
                en: "Weights & Biases API key",
                zh: "Weights & Biases API 密钥",
            },
            description: Text {
                en: "A Weights & Biases API key (40 hex characters) assigned to a `WANDB` name: it reads and \
                     writes the entity's runs, artifacts and models.",
                zh: "赋给 `WANDB` 相关变量的 Weights & Biases API 密钥（40 位十六进制）：可以读写该实体的运行记录、制品\
                     和模型。",
            },
            remediation: REVOKE_KEY,
            references: &["https://docs.wandb.ai/guides/track/environment-variables/"],
            ..META
        },
        keywords: &["wandb"],
        patterns: &[assigned!(r"wandb\w*?key", r"[a-f0-9]{40}")],
        check: Check::Entropy(3.0),
        samples: &["WANDB_API_KEY=«1a7943d38da118532967945958fbd083113e2f55»\n"],
        ..Detector::BASE
    },
];
