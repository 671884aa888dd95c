//! Credentials known by where they are rather than by their shape: literal passwords and
//! tokens assigned to names that say so, passwords on command lines and in XML, Authorization
//! headers. The name is judged before the pattern runs, the value after it: placeholders,
//! variables, hashes, paths and sentences are not credentials, and a token must be random.

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Credential, Detector, GENERIC, Gate, Reach, Shape};

/// The value of an assignment: quoted (`s`), or bare up to a separator (`u`).
macro_rules! value {
    () => {
        r#"(?:["'`](?P<s>[^"'`\r\n]{1,200})["'`]|(?P<u>[^\s"'`,;&)}\]<>]{1,200}))"#
    };
}

/// An assignment operator, after an optional closing quote or bracket of the name.
macro_rules! assign {
    () => {
        r#"["'\]]?\s*(?::=|=>|===?|=|:|\|\|=|\?=)\s*"#
    };
}

/// Name/value pairs on two lines (`- name: X` / `value: …`) or in one JSON object.
const PAIR: Reach = Reach::Block {
    before: 120,
    after: 400,
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC900",
            aliases: &["KeywordDetector"],
            severity: Severity::High,
            title: Text {
                en: "Hard-coded password",
                zh: "硬编码的密码",
            },
            description: Text {
                en: "A literal password assigned to a name that says it is one (`DB_PASSWORD=…`, \
                     `\"password\": \"…\"`, `password := \"…\"`). Placeholders, variable references, \
                     templates, hashes and paths are not reported.",
                zh: "把明文密码赋给一个表明其为密码的名字（`DB_PASSWORD=…`、`\"password\": \"…\"`、\
                     `password := \"…\"`）。占位符、变量引用、模板、哈希值和路径不会被报告。",
            },
            remediation: Text {
                en: "Change the password, then read it at run time from the environment or a secret store \
                     (Kubernetes Secret with `secretKeyRef`, Vault, a cloud secret manager) instead of the file.",
                zh: "先修改该密码，再改为运行时从环境变量或密钥管理系统（配合 `secretKeyRef` 的 Kubernetes Secret、\
                     Vault、云上的密钥管理服务）读取，不要写在文件里。",
            },
            references: &[
                "https://cwe.mitre.org/data/definitions/259.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
            ],
            ..META
        },
        keywords: &["pass", "pwd", "pswd"],
        patterns: &[
            concat!(
                r"(?i)(?P<n>[\w.$-]*(?:pass|pwd|pswd)[\w.$-]*)",
                assign!(),
                value!()
            ),
            // Dockerfile `ENV NAME value` and `ARG NAME=value` without `=`.
            r"(?im)^\s*(?:ENV|ARG)\s+(?P<n>[\w.-]*(?:pass|pwd|pswd)[\w.-]*)\s+(?P<u>[^\s=]\S*)",
        ],
        check: Check::Password,
        gate: Gate::Name(Credential::Password, Shape::Assignment),
        priority: GENERIC,
        samples: &[
            "DB_PASSWORD=«Xk9#mPq2vL»\n",
            "  \"password\": \"«Tr0ub4dor&3»\",\n",
            "spring.datasource.password = «s3cr3t-Pr0d»\n",
            "conn := Connect(host, user)\npassword := \"«hunter22!»\"\n",
            "ENV MYSQL_ROOT_PASSWORD «r00tP4ss2024»\n",
            "    $db_pass = '«qwe!RTY987»';\n",
        ],
        decoys: &[
            "DB_PASSWORD=${DB_PASSWORD}\n",
            "password: changeme\n",
            "password = \"<your-password>\"\n",
            "password_hash = \"5f4dcc3b5aa765d61d8327deb882cf99\"\n",
            "PASSWORD_MIN_LENGTH=12\n",
            "password = os.environ[\"DB_PASSWORD\"]\n",
            "password = config.database.password\n",
            "bypass = true\n",
            "password: \"{{ .Values.db.password }}\"\n",
            "password_file: /run/secrets/db\n",
            "admin_password = '$2b$12$KIXQJq5vQm0pWkYt7Lr3Ue3Yx9T8h2Z1v0a9b8c7d6e5f4g3h2i1j'\n",
            "passwordLabel = \"Enter your password\"\n",
            "password = \"********\"\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC901",
            aliases: &["generic-api-key"],
            severity: Severity::High,
            title: Text {
                en: "Hard-coded secret or token",
                zh: "硬编码的密钥或令牌",
            },
            description: Text {
                en: "A literal secret, token or API key assigned to a name that says it is one (`API_KEY`, \
                     `client_secret`, `authToken`), random enough to be real: at least 10 characters, \
                     3 bits of entropy per character, not a placeholder, hash, UUID or path.",
                zh: "把明文密钥、令牌或 API Key 赋给一个表明其身份的名字（`API_KEY`、`client_secret`、\
                     `authToken`），且取值足够随机、像是真的：至少 10 个字符、每字符熵不低于 3 比特，并且不是\
                     占位符、哈希值、UUID 或路径。",
            },
            remediation: Text {
                en: "Revoke the secret at the service that issued it, create a new one, and read it at run \
                     time from the environment or a secret store.",
                zh: "到签发该密钥的服务处吊销并重新生成，运行时从环境变量或密钥管理系统读取。",
            },
            references: &[
                "https://cwe.mitre.org/data/definitions/798.html",
                "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
            ],
            ..META
        },
        keywords: &["secret", "token", "key", "credential", "creds", "bearer"],
        patterns: &[
            concat!(
                r"(?i)(?P<n>[\w.$-]*(?:secret|token|key|credentials?|creds|bearer)[\w.$-]*)",
                assign!(),
                value!()
            ),
            r"(?im)^\s*(?:ENV|ARG)\s+(?P<n>[\w.-]*(?:secret|token|key)[\w.-]*)\s+(?P<u>[^\s=]\S*)",
        ],
        check: Check::Secret,
        gate: Gate::Name(Credential::Secret, Shape::Assignment),
        priority: GENERIC,
        samples: &[
            "API_KEY=«9f8Kq2LmZx7Rt4Wv1Np6»\n",
            "const clientSecret = \"«c7Hd-29fKq_LmZx7Rt4Wv1Np6sB»\";\n",
            "auth_token: «tk_8sJ2mQ9xL4vR7pZ1»\n",
            "    \"encryptionKey\": \"«S2V5MTIzNDU2Nzg5MGFiY2RlZg==»\"\n",
        ],
        decoys: &[
            "CACHE_KEY=user-profile-v2\n",
            "secret_name: db-credentials\n",
            "token_type = \"bearer\"\n",
            "request_id = \"550e8400-e29b-41d4-a716-446655440000\"\n",
            "API_KEY = \"550e8400-e29b-41d4-a716-446655440000\"\n",
            "api_key = \"YOUR_API_KEY_HERE\"\n",
            "secretKeyRef:\n  key: password\n",
            "SECRET_KEY_FILE=/run/secrets/django\n",
            "checksum_key = \"d41d8cd98f00b204e9800998ecf8427e\"\n",
            "token = get_token(scope)\n",
            "primary_key = \"id\"\n",
            "monkey = \"bananas-and-more-bananas\"\n",
            "api_key = \"abcdefghijklmnopqrstuvwxyz\"\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC902",
            severity: Severity::High,
            title: Text {
                en: "Password on a command line",
                zh: "命令行中的密码",
            },
            description: Text {
                en: "A password passed as an argument (`docker login -p …`, `mysql -p…`, `sshpass -p …`, \
                     `redis-cli -a …`, `sqlcmd -P …`) in a script, Makefile or CI file. Besides sitting in the file, it \
                     shows in the process list and the shell history of every machine that runs it.",
                zh: "脚本、Makefile 或 CI 文件里作为参数传递的密码（`docker login -p …`、`mysql -p…`、`sshpass -p …`、\
                     `redis-cli -a …`、`sqlcmd -P …`）。它不仅留在文件中，还会出现在每台执行机器的进程列表和 shell 历史里。",
            },
            remediation: Text {
                en: "Change the password, and pass it on standard input or through the environment from the \
                     CI secret store: `echo \"$REGISTRY_TOKEN\" | docker login --password-stdin`, \
                     `MYSQL_PWD`, `sshpass -e`, `REDISCLI_AUTH`.",
                zh: "修改该密码，改为通过标准输入或来自 CI 密钥存储的环境变量传递：\
                     `echo \"$REGISTRY_TOKEN\" | docker login --password-stdin`、`MYSQL_PWD`、`sshpass -e`、`REDISCLI_AUTH`。",
            },
            references: &[
                "https://docs.docker.com/reference/cli/docker/login/#password-stdin",
                "https://dev.mysql.com/doc/refman/8.4/en/password-security-user.html",
            ],
            ..META
        },
        keywords: &["login", "mysql", "sshpass", "redis-cli", "sqlcmd"],
        patterns: &[
            r#"\b(?:docker|podman|nerdctl|buildah|skopeo|helm|oras|crane|cf|az acr)\b[^\n]*?\blogin\b[^\n]*?\s(?:-p|--password)(?:\s+|=)["']?(?P<s>[^\s"'$`]{4,})"#,
            r#"\bmysql(?:dump|admin|import)?\b[^\n]*?\s-p(?P<s>[^\s"'$`-][^\s"'`]{3,})"#,
            r#"\bsshpass\s+-p\s*["']?(?P<s>[^\s"'$`]{4,})"#,
            r#"\bredis-cli\b[^\n]*?\s-a\s+["']?(?P<s>[^\s"'$`]{4,})"#,
            r#"\bsqlcmd\b[^\n]*?\s-P\s+["']?(?P<s>[^\s"'$`]{4,})"#,
        ],
        check: Check::Password,
        samples: &[
            "docker login -u deploy -p «Zq7!vR2mXp» registry.example.com\n",
            "mysql -h db -u root -p«Kx82!mPw» shop < dump.sql\n",
            "sshpass -p '«n0tS0s3cure»' ssh ops@10.0.0.7\n",
            "redis-cli -h cache -a «R3d1s-Pr0d-77» ping\n",
            "sqlcmd -S db.internal -U sa -P «Sq1!Adm1n-x» -Q \"SELECT 1\"\n",
        ],
        decoys: &[
            "echo \"$TOKEN\" | docker login -u deploy --password-stdin\n",
            "docker login -u deploy -p $REGISTRY_PASSWORD\n",
            "mysql -u root -p shop\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC903",
            aliases: &["curl-auth-header"],
            severity: Severity::High,
            title: Text {
                en: "Credentials in an Authorization header",
                zh: "Authorization 头中的凭据",
            },
            description: Text {
                en: "A literal `Authorization: Bearer …`, `Token …` or `Basic …` header value in a script, \
                     request collection or code: whoever reads it can call the API as its owner.",
                zh: "脚本、请求集合或代码中写死的 `Authorization: Bearer …`、`Token …` 或 `Basic …` 请求头。\
                     读到它的人就能以其所有者身份调用该 API。",
            },
            remediation: Text {
                en: "Revoke the token or change the password, and build the header at run time from a \
                     variable filled by the secret store (`-H \"Authorization: Bearer $API_TOKEN\"`).",
                zh: "吊销该令牌或修改密码，改为运行时用密钥存储提供的变量拼出请求头\
                     （`-H \"Authorization: Bearer $API_TOKEN\"`）。",
            },
            references: &["https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2"],
            ..META
        },
        keywords: &["authorization"],
        gate: Gate::LineHas(&[
            "Bearer", "bearer", "BEARER", "Basic", "basic", "Token", "token", "ApiKey", "apikey",
        ]),
        patterns: &[
            r#"(?i:authorization)["']?\s*[:=,]\s*["']?(?i:bearer|token|basic|apikey)\s+(?P<s>[A-Za-z0-9._~+/-]{16,}=*)"#,
        ],
        check: Check::Entropy(3.2),
        samples: &[
            "curl -H \"Authorization: Bearer «8f3KzQ1mX7pL2vR9tY4wN6bC0dE5»\" https://api.example.com/v1\n",
            "headers = {\"Authorization\": \"Basic «ZGVwbG95OlhrOSNtUHEydkw=»\"}\n",
        ],
        decoys: &[
            "curl -H \"Authorization: Bearer $API_TOKEN\" https://api.example.com\n",
            "Authorization: Bearer <token>\n",
            "Authorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxx\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC904",
            aliases: &["curl-auth-user"],
            severity: Severity::High,
            title: Text {
                en: "Password in a curl command",
                zh: "curl 命令中的密码",
            },
            description: Text {
                en: "A `curl -u user:password` (or `--user`) with the password written out, in a script, \
                     Dockerfile or CI file.",
                zh: "脚本、Dockerfile 或 CI 文件里写明了密码的 `curl -u 用户:密码`（或 `--user`）命令。",
            },
            remediation: Text {
                en: "Change the password; read credentials from a `.netrc` file mounted at run time \
                     (`curl --netrc-file`) or from variables the CI secret store fills.",
                zh: "修改该密码；改为从运行时挂载的 `.netrc` 文件（`curl --netrc-file`）或由 CI 密钥存储注入的变量\
                     中读取凭据。",
            },
            references: &["https://curl.se/docs/manpage.html#-u"],
            ..META
        },
        keywords: &["curl"],
        gate: Gate::LineHas(&[" -u", "--user"]),
        patterns: &[r#"\bcurl\b[^\n]*?\s(?:-u|--user)(?:\s+|=)?["']?[^\s:"'$]+:(?P<s>[^\s"'@$`]{3,})"#],
        check: Check::Password,
        samples: &["RUN curl -fsSL -u admin:«Nx4!qW9zT» https://repo.example.com/pkg.tgz -o pkg.tgz\n"],
        decoys: &[
            "curl -u \"$USER:$PASS\" https://repo.example.com\n",
            "curl -u admin:changeme https://x\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC905",
            severity: Severity::High,
            title: Text {
                en: "Password in an XML element",
                zh: "XML 元素中的密码",
            },
            description: Text {
                en: "A literal password in an XML element named for it, as in Maven `settings.xml` \
                     (`<password>…</password>`), Tomcat and application server configuration.",
                zh: "写在以密码命名的 XML 元素中的明文密码，例如 Maven `settings.xml`（`<password>…</password>`）、\
                     Tomcat 及各类应用服务器的配置。",
            },
            remediation: Text {
                en: "Change the password; for Maven use `${env.REPO_PASSWORD}` or encrypted passwords \
                     (`mvn --encrypt-password`), and elsewhere a variable resolved at run time.",
                zh: "修改该密码；Maven 可改用 `${env.REPO_PASSWORD}` 或加密密码（`mvn --encrypt-password`），\
                     其他场景使用运行时解析的变量。",
            },
            references: &["https://maven.apache.org/guides/mini/guide-encryption.html"],
            ..META
        },
        keywords: &["pass"],
        patterns: &[r"<(?P<n>[\w:.-]*(?i:pass)[\w:.-]*)>(?P<s>[^<\r\n]{1,128})</"],
        check: Check::Password,
        gate: Gate::Name(Credential::Password, Shape::Element),
        samples: &["<server>\n  <id>nexus</id>\n  <password>«M4ven!Rel3ase»</password>\n</server>\n"],
        decoys: &[
            "<password>${env.NEXUS_PASSWORD}</password>\n",
            "<password>{COQLCE6DU6GtcS5P=}</password>\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC906",
            aliases: &["nuget-config-password"],
            severity: Severity::High,
            title: Text {
                en: "Password in a NuGet config",
                zh: "NuGet 配置中的密码",
            },
            description: Text {
                en: "A `ClearTextPassword` (or `Password`) in a `NuGet.config` package source credential: \
                     it gives access to the private feed, often with publish rights.",
                zh: "`NuGet.config` 包源凭据中的 `ClearTextPassword`（或 `Password`）。凭它可以访问私有包源，\
                     往往还有发布权限。",
            },
            remediation: Text {
                en: "Revoke the feed token, and add credentials at build time (`dotnet nuget update source \
                     --password $FEED_TOKEN`, or `%ENV_VAR%` references) rather than in the committed file.",
                zh: "吊销该包源令牌，改为构建时添加凭据（`dotnet nuget update source --password $FEED_TOKEN`，\
                     或使用 `%ENV_VAR%` 引用），不要写进提交的文件。",
            },
            references: &[
                "https://learn.microsoft.com/en-us/nuget/reference/nuget-config-file#packagesourcecredentials",
            ],
            ..META
        },
        keywords: &["key=\"cleartextpassword\"", "key=\"password\""],
        patterns: &[
            r#"<add\s+key\s*=\s*["'](?i:ClearText)?Password["']\s+value\s*=\s*["'](?P<s>[^"']{4,})["']"#,
        ],
        check: Check::Password,
        samples: &[
            "<add key=\"Username\" value=\"ci\" />\n<add key=\"ClearTextPassword\" value=\"«nG7x!fEeD2024»\" />\n",
        ],
        decoys: &["<add key=\"ClearTextPassword\" value=\"%FEED_TOKEN%\" />\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC907",
            severity: Severity::High,
            title: Text {
                en: "Laravel application key",
                zh: "Laravel 应用密钥",
            },
            description: Text {
                en: "A Laravel `APP_KEY` (`base64:…`). It encrypts cookies and sessions: with it, an attacker \
                     can forge them, and on older versions reach remote code execution through \
                     unserialisation.",
                zh: "Laravel 的 `APP_KEY`（`base64:…`）。它用于加密 Cookie 和会话：拿到它即可伪造这两者，\
                     旧版本中还能借反序列化实现远程代码执行。",
            },
            remediation: Text {
                en: "Generate a new key (`php artisan key:generate`) in each environment's secret store, keep \
                     `.env` out of the repository, and expect existing sessions to end.",
                zh: "在各环境的密钥存储中重新生成密钥（`php artisan key:generate`），不要把 `.env` 放进仓库，\
                     并预期现有会话会失效。",
            },
            references: &["https://laravel.com/docs/11.x/encryption#configuration"],
            ..META
        },
        keywords: &["app_key"],
        patterns: &[r#"\bAPP_KEY\s*[=:]\s*["']?(?P<s>base64:[A-Za-z0-9+/]{43}=)"#],
        check: Check::Entropy(3.5),
        samples: &["APP_ENV=production\nAPP_KEY=«base64:uo5vEun3WLG9OmAOfdbLO5YOZiiO6oGB8THxANzF+k0=»\n"],
        decoys: &["APP_KEY=\n", "APP_KEY=${LARAVEL_KEY}\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC908",
            severity: Severity::High,
            title: Text {
                en: "Password in a name/value pair",
                zh: "name/value 对中的密码",
            },
            description: Text {
                en: "A literal value given to an environment variable named for a password in a name/value \
                     list: Kubernetes and compose `env`, ECS task definitions, GitHub Actions inputs \
                     (`- name: DB_PASSWORD` / `value: …`).",
                zh: "在 name/value 列表中，给以密码命名的环境变量写了明文值：Kubernetes 与 compose 的 `env`、ECS \
                     任务定义、GitHub Actions 输入（`- name: DB_PASSWORD` / `value: …`）。",
            },
            remediation: Text {
                en: "Change the password and reference it instead of writing it: `valueFrom.secretKeyRef` in \
                     Kubernetes, `secrets` in ECS, `${{ secrets.X }}` in GitHub Actions.",
                zh: "修改该密码，并改为引用而不是直接填写：Kubernetes 用 `valueFrom.secretKeyRef`，ECS 用 `secrets`，\
                     GitHub Actions 用 `${{ secrets.X }}`。",
            },
            references: &[
                "https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/",
            ],
            ..META
        },
        keywords: &["pass", "pwd"],
        patterns: &[
            r#"(?i)\bname["']?\s*:\s*["']?(?P<n>[\w.-]*(?:pass|pwd)[\w.-]*)["']?\s*\r?\n\s*(?:-\s+)?value\s*:\s*(?:["'](?P<s>[^"'\r\n]{1,200})["']|(?P<u>[^\s"'#][^\s]{0,199}))"#,
            r#"(?i)"name"\s*:\s*"(?P<n>[\w.-]*(?:pass|pwd)[\w.-]*)"\s*,\s*"value"\s*:\s*"(?P<s>[^"\r\n]{1,200})""#,
        ],
        check: Check::Password,
        gate: Gate::Name(Credential::Password, Shape::Pair),
        reach: PAIR,
        samples: &[
            "        env:\n        - name: POSTGRES_PASSWORD\n          value: «pG!7xq2Rv9»\n",
            "{\"name\": \"DB_PASSWORD\", \"value\": \"«Ecs-T4sk!pw»\"}",
        ],
        decoys: &[
            "        - name: POSTGRES_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n",
            "        - name: POSTGRES_PASSWORD\n          value: \"\"\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC909",
            severity: Severity::High,
            title: Text {
                en: "Secret or token in a name/value pair",
                zh: "name/value 对中的密钥或令牌",
            },
            description: Text {
                en: "A literal, random-looking value given to an environment variable named for a secret, \
                     token or API key in a name/value list (Kubernetes and compose `env`, ECS task \
                     definitions).",
                zh: "在 name/value 列表（Kubernetes 与 compose 的 `env`、ECS 任务定义）中，给以密钥、令牌或 API Key \
                     命名的环境变量写了看似随机的明文值。",
            },
            remediation: Text {
                en: "Revoke and reissue the secret, and reference it from a secret store instead \
                     (`valueFrom.secretKeyRef`, ECS `secrets`).",
                zh: "吊销并重新签发该密钥，改为从密钥存储中引用（`valueFrom.secretKeyRef`、ECS `secrets`）。",
            },
            references: &[
                "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
            ],
            ..META
        },
        keywords: &["secret", "token", "key"],
        patterns: &[
            r#"(?i)\bname["']?\s*:\s*["']?(?P<n>[\w.-]*(?:secret|token|key)[\w.-]*)["']?\s*\r?\n\s*(?:-\s+)?value\s*:\s*(?:["'](?P<s>[^"'\r\n]{1,300})["']|(?P<u>[^\s"'#][^\s]{0,299}))"#,
            r#"(?i)"name"\s*:\s*"(?P<n>[\w.-]*(?:secret|token|key)[\w.-]*)"\s*,\s*"value"\s*:\s*"(?P<s>[^"\r\n]{1,300})""#,
        ],
        check: Check::Secret,
        gate: Gate::Name(Credential::Secret, Shape::Pair),
        reach: PAIR,
        samples: &["        - name: STRIPE_API_KEY\n          value: «rk_9fKq2LmZx7Rt4Wv1Np6sHc»\n"],
        decoys: &["        - name: CACHE_KEY\n          value: sessions-v2\n"],
        ..Detector::BASE
    },
];
