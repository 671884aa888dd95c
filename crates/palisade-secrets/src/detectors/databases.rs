//! Databases, brokers and other servers reached by URL or connection string: a password written
//! into `postgres://user:password@host`, an ADO.NET `Password=`, a JDBC `password=` parameter, a
//! `redis.conf` `requirepass`. Only the password is reported and masked, never the whole URL.

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector, GENERIC, Gate};

/// `scheme://user:password@` for the schemes of one server family: group `s` is the password.
macro_rules! url_password {
    ($schemes:literal) => {
        concat!(
            r#"(?i)\b(?:"#,
            $schemes,
            r#")(?:\+[a-z0-9]+)?://[^\s:@/'"<>`]*:(?P<s>[^\s@/'"<>`]+)@[^\s/'"<>`]+"#
        )
    };
}

/// Changing a database password and keeping it out of URLs.
const DB_REMEDIATION: Text = Text {
    en: "Change the password of that database user, then build the connection string at run time from \
         parts the environment provides (host in config, password from a Kubernetes Secret, Vault or a \
         cloud secret manager), or use IAM or certificate authentication where the server supports it.",
    zh: "修改该数据库用户的密码，然后在运行时用环境提供的各部分拼出连接串（主机写在配置里，密码来自 Kubernetes \
         Secret、Vault 或云上的密钥管理服务）；服务器支持时，改用 IAM 或证书认证。",
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC500",
            severity: Severity::Critical,
            title: Text {
                en: "PostgreSQL URL with a password",
                zh: "带密码的 PostgreSQL 连接 URL",
            },
            description: Text {
                en: "A `postgres://user:password@host` URL (also CockroachDB, TimescaleDB, driver variants \
                     like `postgresql+psycopg2://`): the database, as that user, for anyone who can reach it.",
                zh: "`postgres://用户:密码@主机` 形式的连接 URL（也包括 CockroachDB、TimescaleDB 及 \
                     `postgresql+psycopg2://` 等驱动写法）：任何能连上该库的人都能以该用户身份访问数据库。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS"],
            ..META
        },
        keywords: &["postgres", "pgsql", "cockroachdb", "timescale"],
        patterns: &[url_password!("postgres|postgresql|pgsql|cockroachdb|timescaledb")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &["DATABASE_URL=postgres://shop:«2JpzJO3FNncFLlN2AU»@db.internal:5432/shop\n"],
        decoys: &[
            "DATABASE_URL=postgres://shop:${DB_PASSWORD}@db.internal:5432/shop\n",
            "url: postgresql://user:password@localhost/app\n",
            "postgres://db.internal:5432/shop\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC501",
            severity: Severity::Critical,
            title: Text {
                en: "MySQL URL with a password",
                zh: "带密码的 MySQL 连接 URL",
            },
            description: Text {
                en: "A `mysql://user:password@host` URL (also MariaDB and driver variants like \
                     `mysql+pymysql://`): the database, as that user.",
                zh: "`mysql://用户:密码@主机` 形式的连接 URL（也包括 MariaDB 及 `mysql+pymysql://` 等驱动写法）：\
                     可以以该用户身份访问数据库。",
            },
            remediation: DB_REMEDIATION,
            references: &[
                "https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html",
            ],
            ..META
        },
        keywords: &["mysql", "mariadb"],
        patterns: &[url_password!("mysql|mysqlx|mariadb")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &[
            "SQLALCHEMY_DATABASE_URI = \"mysql+pymysql://app:«70mWLT89oxpw1ygn»@mysql:3306/orders\"\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC502",
            severity: Severity::Critical,
            title: Text {
                en: "MongoDB URL with a password",
                zh: "带密码的 MongoDB 连接 URL",
            },
            description: Text {
                en: "A `mongodb://` or `mongodb+srv://user:password@…` connection string: the cluster, as that \
                     user — Atlas clusters are reachable from the internet once the IP list allows it.",
                zh: "`mongodb://` 或 `mongodb+srv://用户:密码@…` 连接串：可以以该用户身份访问集群——只要 IP 白名单放行，\
                     Atlas 集群在互联网上就能连到。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://www.mongodb.com/docs/manual/reference/connection-string/"],
            ..META
        },
        keywords: &["mongodb"],
        patterns: &[url_password!("mongodb")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &[
            "MONGO_URI=mongodb+srv://api:«xjHc4yd4jtPbcGKEuhXH»@cluster0.ab1cd.mongodb.net/app?retryWrites=true\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC503",
            title: Text {
                en: "Redis URL with a password",
                zh: "带密码的 Redis 连接 URL",
            },
            description: Text {
                en: "A `redis://` or `rediss://[user]:password@host` URL (also Valkey): the cache or queue, \
                     which often holds sessions and can be made to write files on the server.",
                zh: "`redis://` 或 `rediss://[用户]:密码@主机` 形式的 URL（也包括 Valkey）：能访问该缓存或队列——其中\
                     往往存着会话，还可能被诱导在服务器上写文件。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://redis.io/docs/latest/operate/oss_and_stack/management/security/"],
            ..META
        },
        keywords: &["redis", "valkey"],
        patterns: &[url_password!("redis|rediss|valkey|valkeys")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &["CELERY_BROKER_URL=redis://:«LHD99Bo0mbVuqXPuCYqfboR1»@redis-master:6379/0\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC504",
            title: Text {
                en: "AMQP URL with a password",
                zh: "带密码的 AMQP 连接 URL",
            },
            description: Text {
                en: "An `amqp://` or `amqps://user:password@host` URL for RabbitMQ or another broker: publish \
                     and consume on the virtual host as that user.",
                zh: "RabbitMQ 等消息代理的 `amqp://` 或 `amqps://用户:密码@主机` URL：可以以该用户身份在虚拟主机上\
                     发布和消费消息。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://www.rabbitmq.com/docs/uri-spec"],
            ..META
        },
        keywords: &["amqp"],
        patterns: &[url_password!("amqp|amqps")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &["RABBITMQ_URL=amqp://orders:«04u2iGiB3UJb9m2b»@rabbitmq.default.svc:5672/%2f\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC505",
            severity: Severity::Critical,
            title: Text {
                en: "Connection string with a password",
                zh: "带密码的连接字符串",
            },
            description: Text {
                en: "An ADO.NET / ODBC style connection string naming a server and a `Password=` (or `Pwd=`): \
                     SQL Server, Azure SQL, PostgreSQL via Npgsql, MySQL Connector/NET.",
                zh: "指明服务器并带有 `Password=`（或 `Pwd=`）的 ADO.NET / ODBC 风格连接字符串：SQL Server、Azure SQL、\
                     通过 Npgsql 的 PostgreSQL、MySQL Connector/NET 等。",
            },
            remediation: DB_REMEDIATION,
            references: &[
                "https://learn.microsoft.com/en-us/dotnet/framework/data/adonet/connection-strings",
            ],
            ..META
        },
        keywords: &["password=", "pwd=", "password =", "pwd ="],
        patterns: &[
            r#"(?i)\b(?:server|data source|host|addr|address)\s*=[^;"'\r\n]{1,200};[^"'\r\n]{0,300}?\b(?:password|pwd)\s*=\s*(?P<s>[^;"'\r\n]+)"#,
        ],
        check: Check::UrlPassword,
        gate: Gate::LineHas(&[";"]),
        samples: &[
            "\"Sql\": \"Server=tcp:shop.database.windows.net,1433;Database=shop;User ID=app;Password=«Eu21gtP5FEeTKIUEp0»;Encrypt=True;\"\n",
        ],
        decoys: &["Server=db;Database=shop;User Id=app;Password=$(DB_PASSWORD);\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC506",
            severity: Severity::Critical,
            title: Text {
                en: "JDBC URL with a password",
                zh: "带密码的 JDBC URL",
            },
            description: Text {
                en: "A JDBC URL carrying a `password=` parameter (`jdbc:mysql://…?user=…&password=…`, \
                     `jdbc:sqlserver://…;password=…`).",
                zh: "带有 `password=` 参数的 JDBC URL（`jdbc:mysql://…?user=…&password=…`、\
                     `jdbc:sqlserver://…;password=…`）。",
            },
            remediation: DB_REMEDIATION,
            references: &[
                "https://docs.oracle.com/en/java/javase/21/docs/api/java.sql/java/sql/DriverManager.html",
            ],
            ..META
        },
        keywords: &["jdbc:"],
        patterns: &[r#"(?i)\bjdbc:[a-z0-9]+:[^\s"'<>]*?[?&;:](?:password|pwd)=(?P<s>[^&;\s"'<>]+)"#],
        check: Check::UrlPassword,
        samples: &[
            "spring.datasource.url=jdbc:mysql://db:3306/shop?user=app&password=«KxZksL4psxielw»&useSSL=true\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC507",
            severity: Severity::Critical,
            title: Text {
                en: "Oracle connection with a password",
                zh: "带密码的 Oracle 连接",
            },
            description: Text {
                en: "An Oracle connection with its password written out: `oracle://user:password@host` or \
                     `sqlplus user/password@//host/service`.",
                zh: "写明了密码的 Oracle 连接：`oracle://用户:密码@主机`，或 `sqlplus 用户/密码@//主机/服务名`。",
            },
            remediation: DB_REMEDIATION,
            references: &[
                "https://docs.oracle.com/en/database/oracle/oracle-database/23/sqpug/SQL-Plus-quick-start.html",
            ],
            ..META
        },
        keywords: &["oracle", "sqlplus"],
        patterns: &[
            url_password!("oracle"),
            r#"\bsqlplus\s+(?:-\w+\s+)*[A-Za-z_][\w$#]*/(?P<s>[^\s/@"']+)@"#,
        ],
        check: Check::UrlPassword,
        samples: &["sqlplus -s hr/«8sAfzPwEr3cx»@//orcl.internal:1521/FREEPDB1 @report.sql\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC508",
            title: Text {
                en: "ClickHouse URL with a password",
                zh: "带密码的 ClickHouse 连接 URL",
            },
            description: Text {
                en: "A `clickhouse://user:password@host` URL (or a driver variant): queries and inserts on the \
                     analytics database as that user.",
                zh: "`clickhouse://用户:密码@主机` 形式的 URL（或其驱动写法）：可以以该用户身份查询和写入分析数据库。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://clickhouse.com/docs/integrations/sql-clients/cli#connection_string"],
            ..META
        },
        keywords: &["clickhouse"],
        patterns: &[url_password!("clickhouse|clickhouses|chdb")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &["CLICKHOUSE_URL=clickhouse://analytics:«rAmIImCTdh9QGi5R9gdk»@ch.internal:9000/events\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC509",
            title: Text {
                en: "Neo4j URL with a password",
                zh: "带密码的 Neo4j 连接 URL",
            },
            description: Text {
                en: "A `neo4j://` or `bolt://user:password@host` URL: the graph database as that user.",
                zh: "`neo4j://` 或 `bolt://用户:密码@主机` 形式的 URL：可以以该用户身份访问图数据库。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://neo4j.com/docs/operations-manual/current/configuration/connectors/"],
            ..META
        },
        keywords: &["neo4j", "bolt"],
        patterns: &[url_password!("neo4j|bolt")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &["NEO4J_URI=neo4j+s://neo4j:«fh0H5pjBq49C3JPpfCoi»@graph.internal:7687\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC510",
            aliases: &["CloudantDetector"],
            title: Text {
                en: "IBM Cloudant credentials",
                zh: "IBM Cloudant 凭据",
            },
            description: Text {
                en: "IBM Cloudant credentials: a password in a `https://user:password@….cloudant.com` URL, or \
                     a password or API key assigned to a Cloudant name.",
                zh: "IBM Cloudant 凭据：`https://用户:密码@….cloudant.com` URL 中的密码，或赋给 Cloudant 相关变量的\
                     密码或 API 密钥。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://cloud.ibm.com/docs/Cloudant?topic=Cloudant-managing-access-for-cloudant"],
            ..META
        },
        keywords: &["cloudant"],
        patterns: &[
            r#"(?i)https?://[\w.-]+:(?P<s>[^\s@/'"<>`]+)@[\w.-]+\.cloudant(?:nosqldb\.appdomain\.cloud|\.com)"#,
            assigned!(
                r"cloudant\w*?(?:password|pass|pwd|api_?key|key)",
                r"[A-Za-z0-9_-]{24,64}"
            ),
        ],
        check: Check::UrlPassword,
        samples: &[
            "CLOUDANT_URL=https://acme-bluemix:«f8833b69cb89db3ef47546aaccf1862b366c2d36a229c6b311f76c1aeae80838»@acme-bluemix.cloudant.com\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC511",
            title: Text {
                en: "SMTP URL with a password",
                zh: "带密码的 SMTP 连接 URL",
            },
            description: Text {
                en: "An `smtp://` or `smtps://user:password@host` URL: sending mail as the account — phishing \
                     from your own domain, past SPF and DKIM.",
                zh: "`smtp://` 或 `smtps://用户:密码@主机` 形式的 URL：可以以该账户身份发信——从你自己的域名发出钓鱼\
                     邮件，照样通过 SPF 和 DKIM。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://datatracker.ietf.org/doc/html/draft-earhart-url-smtp-00"],
            ..META
        },
        keywords: &["smtp"],
        patterns: &[url_password!("smtp|smtps")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &["EMAIL_URL=smtps://noreply%40acme.io:«mj7gTaFZQyWc85Je»@smtp.mailhost.net:465\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC512",
            title: Text {
                en: "FTP URL with a password",
                zh: "带密码的 FTP 连接 URL",
            },
            description: Text {
                en: "An `ftp://`, `ftps://` or `sftp://user:password@host` URL: the files of that account, and \
                     often a website's document root.",
                zh: "`ftp://`、`ftps://` 或 `sftp://用户:密码@主机` 形式的 URL：可以访问该账户的文件，往往就是网站的\
                     根目录。",
            },
            remediation: DB_REMEDIATION,
            references: &["https://www.rfc-editor.org/rfc/rfc1738#section-3.2"],
            ..META
        },
        keywords: &["ftp"],
        patterns: &[url_password!("ftp|ftps|sftp")],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        samples: &[
            "lftp -c \"open sftp://deploy:«XWjK1L5OszNZ0v»@files.acme.io; mirror -R dist /var/www\"\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC513",
            aliases: &["BasicAuthDetector"],
            title: Text {
                en: "URL with embedded credentials",
                zh: "内嵌凭据的 URL",
            },
            description: Text {
                en: "Any other `scheme://user:password@host` URL — HTTP basic auth, a Git remote with a token, \
                     a package index, an Elasticsearch endpoint. URLs end up in logs, error messages and \
                     browser history with the password in them.",
                zh: "其他任何 `协议://用户:密码@主机` 形式的 URL——HTTP 基本认证、带令牌的 Git 远程地址、软件包索引、\
                     Elasticsearch 端点等。URL 会连同其中的密码一起出现在日志、错误信息和浏览器历史里。",
            },
            remediation: Text {
                en: "Change the password or revoke the token, and pass credentials separately from the URL \
                     (an Authorization header, a `.netrc` or credential helper filled at run time).",
                zh: "修改该密码或吊销令牌，并把凭据与 URL 分开传递（请求头、运行时生成的 `.netrc` 或凭据助手）。",
            },
            references: &[
                "https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1",
                "https://cwe.mitre.org/data/definitions/598.html",
            ],
            ..META
        },
        keywords: &["://"],
        patterns: &[
            r#"(?i)\b[a-z][a-z0-9+.-]{1,20}://[^\s:@/'"<>`]+:(?P<s>[^\s@/'"<>`]+)@[A-Za-z0-9\[][^\s/'"<>`]*"#,
        ],
        check: Check::UrlPassword,
        gate: Gate::UrlCredentials,
        priority: GENERIC,
        samples: &[
            "git remote add origin https://ci-bot:«ghx_5FbnFENVK91p8VeEm1l7cX36lhJZJv3dgYtk»@git.acme.io/platform/api.git\n",
        ],
        decoys: &[
            "https://user:pass@example.com\n",
            "pip install --index-url https://${PYPI_USER}:${PYPI_PASS}@pypi.acme.io/simple pkg\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC514",
            title: Text {
                en: "Redis password in redis.conf",
                zh: "redis.conf 中的 Redis 密码",
            },
            description: Text {
                en: "A `requirepass` or `masterauth` directive with the password written out, in a Redis or \
                     Valkey configuration.",
                zh: "Redis 或 Valkey 配置中写明了密码的 `requirepass` 或 `masterauth` 指令。",
            },
            remediation: Text {
                en: "Change the password, prefer ACL users with least privilege, and render the directive at \
                     start-up from a secret (an include file mounted from a Kubernetes Secret).",
                zh: "修改该密码，优先使用最小权限的 ACL 用户，并在启动时从机密渲染该指令（例如挂载自 Kubernetes Secret \
                     的 include 文件）。",
            },
            references: &["https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/"],
            ..META
        },
        keywords: &["requirepass", "masterauth"],
        patterns: &[r#"(?im)^\s*(?:requirepass|masterauth)\s+["']?(?P<s>[^\s"']+)"#],
        check: Check::Password,
        samples: &["bind 0.0.0.0\nrequirepass «s83H8txtxI9j0w4PA7ccpy16»\n"],
        decoys: &["# requirepass foobared\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC515",
            title: Text {
                en: "InfluxDB token",
                zh: "InfluxDB 令牌",
            },
            description: Text {
                en: "An InfluxDB API token (86 characters and `==`) assigned to an Influx name: reads and \
                     writes the buckets it covers — an operator token, the whole instance.",
                zh: "赋给 Influx 相关变量的 InfluxDB API 令牌（86 个字符加 `==`）：可以读写其覆盖的 bucket——若是\
                     operator 令牌，则是整个实例。",
            },
            remediation: Text {
                en: "Delete the token (`influx auth delete`) and create one scoped to the buckets needed, \
                     kept in a secret store.",
                zh: "删除该令牌（`influx auth delete`），重新创建仅限所需 bucket 的令牌，并保存在密钥管理系统中。",
            },
            references: &["https://docs.influxdata.com/influxdb/v2/admin/tokens/"],
            ..META
        },
        keywords: &["influx"],
        patterns: &[assigned!(r"influx\w*?token", r"[A-Za-z0-9_-]{86}==")],
        check: Check::Entropy(4.0),
        samples: &[
            "INFLUX_TOKEN=«E6DO74fDTaYjI38ZCCSc-WO18mER54-it04GvEo6PFvF8kuwAFmUgEHFfkvV91c_HaFIdbE2ADiuOKpi0ZQv1r==»\n",
        ],
        ..Detector::BASE
    },
];
