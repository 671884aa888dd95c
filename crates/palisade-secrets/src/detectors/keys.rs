//! Keys and tokens that belong to no one provider: PEM, OpenSSH, PGP and PuTTY private keys,
//! keystore files, JWTs, kubeconfig credentials, WireGuard and VPN keys.

use palisade_core::{RuleMeta, Severity, Text};

use super::META;
use crate::detector::{Check, Detector, FILE_KIND, Reach};

/// PEM blocks are searched up to this far past their header: a 16384-bit RSA key is ~12 KiB.
const PEM: Reach = Reach::Block {
    before: 16,
    after: 16 * 1024,
};

pub(crate) static DETECTORS: &[Detector] = &[
    Detector {
        meta: RuleMeta {
            code: "SEC450",
            severity: Severity::Critical,
            title: Text {
                en: "RSA private key",
                zh: "RSA 私钥",
            },
            description: Text {
                en: "A PEM-encoded RSA private key (`-----BEGIN RSA PRIVATE KEY-----`). Whoever holds it can \
                     impersonate the server or user it belongs to, decrypt traffic recorded with it, and sign \
                     as its owner.",
                zh: "PEM 编码的 RSA 私钥（`-----BEGIN RSA PRIVATE KEY-----`）。拿到它的人可以冒充对应的服务器或\
                     用户、解密用它保护过的流量，并以所有者的身份签名。",
            },
            remediation: Text {
                en: "Delete the key from the repository and its history, generate a new key pair, replace the \
                     certificate or `authorized_keys` entry that trusted the old one, and mount the new key \
                     at run time from a secret store (a Kubernetes Secret, Vault, a cloud KMS).",
                zh: "从仓库及其历史中删除该私钥，重新生成密钥对，替换信任旧密钥的证书或 `authorized_keys` 条目，\
                     运行时再从密钥管理系统（Kubernetes Secret、Vault、云 KMS）挂载新密钥。",
            },
            references: &[
                "https://www.rfc-editor.org/rfc/rfc7468",
                "https://docs.github.com/en/code-security/secret-scanning/about-secret-scanning",
            ],
            ..META
        },
        keywords: &["begin rsa private key"],
        patterns: &[
            r#"-----BEGIN RSA PRIVATE KEY-----[A-Za-z0-9+/=\s\\:,.'"-]*?[A-Za-z0-9+/]{40}[A-Za-z0-9+/=\s\\:,.'"-]*?-----END RSA PRIVATE KEY-----"#,
        ],
        reach: PEM,
        samples: &[
            "«-----BEGIN RSA PRIVATE KEY-----\nriGp/58WAm+dX3a5IDnOdcdbWB2dC4/DSDC6Lc1mxLpQ2yMK/Ye9FZ1wUVl4nuYV\n+d8fNYvvDbzDZST6IaXqA2h9Uz0+T1SaQ6dDwxlGejkc5bJFIoxSLivuGvIL6P/8\n-----END RSA PRIVATE KEY-----»\n",
            "{\"key\": \"«-----BEGIN RSA PRIVATE KEY-----\\nodNXR1yHnGA3cCcYseu52C5CdYP2hMqBgNjjNMu1GqbeB6veWzSmA3y/nXL/cPZK\\n-----END RSA PRIVATE KEY-----»\\n\"}",
        ],
        decoys: &[
            "Your key starts with `-----BEGIN RSA PRIVATE KEY-----` and ends with `-----END RSA PRIVATE KEY-----`.",
            "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC451",
            severity: Severity::Critical,
            title: Text {
                en: "EC private key",
                zh: "EC（椭圆曲线）私钥",
            },
            description: Text {
                en: "A PEM-encoded elliptic-curve private key (`-----BEGIN EC PRIVATE KEY-----`), as used for \
                     ECDSA TLS certificates, JWT signing (ES256) and code signing.",
                zh: "PEM 编码的椭圆曲线私钥（`-----BEGIN EC PRIVATE KEY-----`），常用于 ECDSA TLS 证书、JWT \
                     签名（ES256）和代码签名。",
            },
            remediation: Text {
                en: "Remove the key, issue a new key and certificate (or a new signing key with a new `kid`), \
                     revoke the old certificate, and load the key at run time from a secret store.",
                zh: "删除该私钥，签发新的密钥和证书（或换用带新 `kid` 的签名密钥），吊销旧证书，运行时从密钥管理\
                     系统加载新密钥。",
            },
            references: &["https://www.rfc-editor.org/rfc/rfc5915"],
            ..META
        },
        keywords: &["begin ec private key"],
        patterns: &[
            r#"-----BEGIN EC PRIVATE KEY-----[A-Za-z0-9+/=\s\\:,.'"-]*?[A-Za-z0-9+/]{40}[A-Za-z0-9+/=\s\\:,.'"-]*?-----END EC PRIVATE KEY-----"#,
        ],
        reach: PEM,
        samples: &[
            "  «-----BEGIN EC PRIVATE KEY-----\n  cuzPrR2BImWS+EifkrvvBIQGVRRoLE+rnPf0jWsqRoWjCkIULo6JnfLbbl0ofyE1\n  -----END EC PRIVATE KEY-----»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC452",
            severity: Severity::Critical,
            title: Text {
                en: "DSA private key",
                zh: "DSA 私钥",
            },
            description: Text {
                en: "A PEM-encoded DSA private key (`-----BEGIN DSA PRIVATE KEY-----`). DSA is obsolete as well \
                     as leaked: OpenSSH has disabled it by default since 7.0.",
                zh: "PEM 编码的 DSA 私钥（`-----BEGIN DSA PRIVATE KEY-----`）。它不仅已经泄露，算法本身也已淘汰：\
                     OpenSSH 自 7.0 起默认禁用 DSA。",
            },
            remediation: Text {
                en: "Remove the key, replace it with a new Ed25519 or ECDSA key, and remove the old public key \
                     wherever it was trusted.",
                zh: "删除该私钥，改用新的 Ed25519 或 ECDSA 密钥，并在所有信任旧公钥的地方将其移除。",
            },
            references: &["https://www.openssh.com/legacy.html"],
            ..META
        },
        keywords: &["begin dsa private key"],
        patterns: &[
            r#"-----BEGIN DSA PRIVATE KEY-----[A-Za-z0-9+/=\s\\:,.'"-]*?[A-Za-z0-9+/]{40}[A-Za-z0-9+/=\s\\:,.'"-]*?-----END DSA PRIVATE KEY-----"#,
        ],
        reach: PEM,
        samples: &[
            "«-----BEGIN DSA PRIVATE KEY-----\r\nMIIBuwIBAAKBgQDZ0a3CoQxsv6kWc3Z0pmUjSGr1xW4z9lTr2cLqPiRBiS2GqXkV\r\n-----END DSA PRIVATE KEY-----»\r\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC453",
            severity: Severity::Critical,
            title: Text {
                en: "OpenSSH private key",
                zh: "OpenSSH 私钥",
            },
            description: Text {
                en: "An OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`), the default format of \
                     `ssh-keygen`. It opens every host and Git remote that lists its public key.",
                zh: "OpenSSH 私钥（`-----BEGIN OPENSSH PRIVATE KEY-----`），`ssh-keygen` 的默认格式。凡是登记了\
                     其公钥的主机和 Git 远程仓库，都能用它登录。",
            },
            remediation: Text {
                en: "Remove the key, generate a new one with `ssh-keygen -t ed25519`, replace the public key in \
                     every `authorized_keys` file and deploy-key setting, and give CI the key through its \
                     secret store or an SSH agent.",
                zh: "删除该私钥，用 `ssh-keygen -t ed25519` 生成新密钥，替换所有 `authorized_keys` 文件和部署密钥\
                     设置中的公钥；CI 通过其密钥存储或 SSH agent 获取私钥。",
            },
            references: &["https://man.openbsd.org/ssh-keygen.1"],
            ..META
        },
        keywords: &["begin openssh private key"],
        patterns: &[
            r#"-----BEGIN OPENSSH PRIVATE KEY-----[A-Za-z0-9+/=\s\\:,.'"-]*?[A-Za-z0-9+/]{40}[A-Za-z0-9+/=\s\\:,.'"-]*?-----END OPENSSH PRIVATE KEY-----"#,
        ],
        reach: PEM,
        samples: &[
            "«-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACB0Kx3mYqQ2vGkTz8pR1fLw5NcHdJ7sUaE9oWbXiFr4ygAAAJhN2cT1\n-----END OPENSSH PRIVATE KEY-----»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC454",
            aliases: &["PrivateKeyDetector", "private-key"],
            severity: Severity::Critical,
            title: Text {
                en: "Private key (PKCS #8)",
                zh: "私钥（PKCS #8）",
            },
            description: Text {
                en: "An unencrypted PKCS #8 private key (`-----BEGIN PRIVATE KEY-----`), the format `openssl` \
                     writes by default and cloud consoles hand out for TLS and service accounts. It can hold \
                     an RSA, EC or Ed25519 key.",
                zh: "未加密的 PKCS #8 私钥（`-----BEGIN PRIVATE KEY-----`），是 `openssl` 的默认输出格式，云控制台\
                     下发 TLS 证书和服务账号时也用它。其中可以是 RSA、EC 或 Ed25519 密钥。",
            },
            remediation: Text {
                en: "Remove the key, create a new key pair and certificate, revoke the old certificate, and \
                     mount the key at run time from a secret store instead of committing it.",
                zh: "删除该私钥，重新生成密钥对和证书并吊销旧证书；运行时从密钥管理系统挂载私钥，不要提交到仓库。",
            },
            references: &[
                "https://www.rfc-editor.org/rfc/rfc5958",
                "https://www.rfc-editor.org/rfc/rfc7468#section-10",
            ],
            ..META
        },
        keywords: &["begin private key"],
        patterns: &[
            r#"-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\s\\:,.'"-]*?[A-Za-z0-9+/]{40}[A-Za-z0-9+/=\s\\:,.'"-]*?-----END PRIVATE KEY-----"#,
        ],
        reach: PEM,
        samples: &[
            "tls.key: |\n  «-----BEGIN PRIVATE KEY-----\n  MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n  MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n  -----END PRIVATE KEY-----»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC455",
            severity: Severity::Medium,
            title: Text {
                en: "Encrypted private key",
                zh: "加密的私钥",
            },
            description: Text {
                en: "A passphrase-protected PKCS #8 private key (`-----BEGIN ENCRYPTED PRIVATE KEY-----`). It is \
                     safe only as long as the passphrase is strong and kept elsewhere; a passphrase committed \
                     nearby, or a weak one, gives the key away.",
                zh: "受口令保护的 PKCS #8 私钥（`-----BEGIN ENCRYPTED PRIVATE KEY-----`）。只有口令足够强且另行保管\
                     时它才安全；口令就写在附近或强度不足，私钥就等于泄露。",
            },
            remediation: Text {
                en: "Keep private keys out of the repository even when encrypted: store the key and its \
                     passphrase in a secret store. If the passphrase may have leaked, replace the key.",
                zh: "即使已加密，也不要把私钥放进仓库：私钥和口令都交给密钥管理系统保管。若口令可能已泄露，\
                     请更换密钥。",
            },
            references: &["https://www.rfc-editor.org/rfc/rfc5958#section-3"],
            ..META
        },
        keywords: &["begin encrypted private key"],
        patterns: &[
            r#"-----BEGIN ENCRYPTED PRIVATE KEY-----[A-Za-z0-9+/=\s\\:,.'"-]*?[A-Za-z0-9+/]{40}[A-Za-z0-9+/=\s\\:,.'"-]*?-----END ENCRYPTED PRIVATE KEY-----"#,
        ],
        reach: PEM,
        samples: &[
            "«-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIb3Xq5ZxXoAICCAAw\n-----END ENCRYPTED PRIVATE KEY-----»",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC456",
            severity: Severity::Critical,
            title: Text {
                en: "PGP private key block",
                zh: "PGP 私钥块",
            },
            description: Text {
                en: "An ASCII-armoured OpenPGP secret key (`-----BEGIN PGP PRIVATE KEY BLOCK-----`). It signs \
                     commits, releases and packages, and decrypts mail and files, as its owner.",
                zh: "ASCII 封装的 OpenPGP 私钥（`-----BEGIN PGP PRIVATE KEY BLOCK-----`）。它能以所有者身份签署\
                     提交、发布版本和软件包，并解密邮件和文件。",
            },
            remediation: Text {
                en: "Revoke the key (publish its revocation certificate to the keyservers), create a new one, \
                     and give CI a signing subkey through its secret store.",
                zh: "吊销该密钥（向密钥服务器发布吊销证书），生成新密钥；CI 只通过其密钥存储获取签名子密钥。",
            },
            references: &["https://www.rfc-editor.org/rfc/rfc9580#section-6.2"],
            ..META
        },
        keywords: &["begin pgp private key block"],
        patterns: &[
            r#"-----BEGIN PGP PRIVATE KEY BLOCK-----[A-Za-z0-9+/=\s\\:,.'"()@<>-]*?[A-Za-z0-9+/]{40}[A-Za-z0-9+/=\s\\:,.'"()@<>-]*?-----END PGP PRIVATE KEY BLOCK-----"#,
        ],
        reach: Reach::Block {
            before: 16,
            after: 64 * 1024,
        },
        samples: &[
            "«-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: release signing\n\nlQVYBGVx3gEBDADFq7nYbT0gM2p1VqK3r9wXhN5sLcJ4dEaQy8uZoPiRtB6mWfGk\n=Xq2L\n-----END PGP PRIVATE KEY BLOCK-----»\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC457",
            severity: Severity::Critical,
            title: Text {
                en: "PuTTY private key",
                zh: "PuTTY 私钥",
            },
            description: Text {
                en: "A PuTTY private key file (`PuTTY-User-Key-File-2:` or `-3:`), the SSH key format of PuTTY \
                     and WinSCP on Windows. Unless its `Encryption` line says otherwise, it is not protected \
                     by a passphrase.",
                zh: "PuTTY 私钥文件（`PuTTY-User-Key-File-2:` 或 `-3:`），是 Windows 上 PuTTY 和 WinSCP 使用的 \
                     SSH 密钥格式。除非其 `Encryption` 行另有说明，否则它没有口令保护。",
            },
            remediation: Text {
                en: "Remove the file, generate a new key with PuTTYgen, and replace the public key on every \
                     server that trusted the old one.",
                zh: "删除该文件，用 PuTTYgen 生成新密钥，并在所有信任旧公钥的服务器上替换公钥。",
            },
            references: &["https://the.earth.li/~sgtatham/putty/0.80/htmldoc/AppendixC.html"],
            ..META
        },
        keywords: &["putty-user-key-file-"],
        patterns: &[
            r"PuTTY-User-Key-File-[23]: [\w-]+\r?\nEncryption: [\w-]+[\s\S]{0,600}?Private-Lines: \d+\r?\n(?:[A-Za-z0-9+/=]+\r?\n)+",
        ],
        reach: Reach::Block {
            before: 16,
            after: 8 * 1024,
        },
        samples: &[
            "«PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIHbXq9cR2Kt4mLwQ8pZvN1sFeGh7JyUoTiAaBcDdEeFf\nPrivate-Lines: 1\nAAAAIBk3rQm9XvZt2LpWc8NyHsJ4gFuE7aKoDi1TbRx5lQeM\n»PrivateMAC: 8f1d2c3b4a596877\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC458",
            aliases: &["age-secret-key"],
            severity: Severity::Critical,
            title: Text {
                en: "age secret key",
                zh: "age 加密私钥",
            },
            description: Text {
                en: "An age identity (`AGE-SECRET-KEY-1…`). It decrypts every file encrypted to its recipient, \
                     including SOPS-encrypted Kubernetes secrets.",
                zh: "age 身份私钥（`AGE-SECRET-KEY-1…`）。凡是以其接收者加密的文件——包括用 SOPS 加密的 \
                     Kubernetes Secret——它都能解密。",
            },
            remediation: Text {
                en: "Remove the key, generate a new identity with `age-keygen`, re-encrypt the files (`sops \
                     updatekeys`) to the new recipient, and rotate the secrets they contained.",
                zh: "删除该私钥，用 `age-keygen` 生成新身份，把相关文件重新加密给新的接收者（`sops updatekeys`），\
                     并轮换其中保存的机密。",
            },
            references: &[
                "https://age-encryption.org/v1",
                "https://github.com/getsops/sops#encrypting-using-age",
            ],
            ..META
        },
        keywords: &["age-secret-key-1"],
        patterns: &[r"\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b"],
        samples: &[
            "# created: 2024-05-01\n«AGE-SECRET-KEY-1S6VQCLYEMZKAQVNQ8N5J66NUNGUG2SQMZH6EJP99QC3A3H74CA87KF6FPT»\n",
        ],
        decoys: &["AGE-SECRET-KEY-1XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC459",
            aliases: &["pkcs12-file"],
            severity: Severity::Medium,
            title: Text {
                en: "PKCS #12 keystore",
                zh: "PKCS #12 密钥库",
            },
            description: Text {
                en: "A PKCS #12 file (`.p12`, `.pfx`): a private key bundled with its certificate chain. Its \
                     password is often weak or committed next to it, and offline guessing has no rate limit.",
                zh: "PKCS #12 文件（`.p12`、`.pfx`）：私钥与证书链打包在一起。它的口令往往很弱或就提交在旁边，\
                     而离线暴力破解不受任何次数限制。",
            },
            remediation: Text {
                en: "Remove the file from the repository and its history, issue a new certificate and key, and \
                     mount the keystore at run time from a secret store with its password kept separately.",
                zh: "从仓库及其历史中删除该文件，重新签发证书和私钥；运行时从密钥管理系统挂载密钥库，口令另行保管。",
            },
            references: &["https://www.rfc-editor.org/rfc/rfc7292"],
            ..META
        },
        files: &[".p12", ".pfx"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC460",
            severity: Severity::Medium,
            title: Text {
                en: "Java keystore",
                zh: "Java 密钥库",
            },
            description: Text {
                en: "A Java keystore file (`.jks`, `.keystore`) holding private keys, commonly protected by the \
                     default password `changeit` or one written in the build files.",
                zh: "保存私钥的 Java 密钥库文件（`.jks`、`.keystore`），口令常常是默认的 `changeit`，或者就写在\
                     构建文件里。",
            },
            remediation: Text {
                en: "Remove the keystore, generate new keys, and provide the keystore and its password to the \
                     application at run time (a mounted Secret, a secret manager).",
                zh: "删除该密钥库并重新生成密钥；运行时再把密钥库及其口令提供给应用（挂载的 Secret 或密钥管理服务）。",
            },
            references: &["https://docs.oracle.com/en/java/javase/21/docs/specs/man/keytool.html"],
            ..META
        },
        files: &[".jks", ".keystore"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC461",
            aliases: &["JwtTokenDetector", "jwt"],
            severity: Severity::Medium,
            title: Text {
                en: "JSON Web Token",
                zh: "JWT 令牌（JSON Web Token）",
            },
            description: Text {
                en: "A signed JSON Web Token. Until it expires, it authenticates whoever presents it; tokens \
                     minted for services and CI often never expire.",
                zh: "已签名的 JSON Web Token。在过期之前，任何出示它的人都会被当作合法身份；为服务和 CI 签发的\
                     令牌往往永不过期。",
            },
            remediation: Text {
                en: "Remove the token and revoke it at its issuer (or rotate the signing key if it cannot be \
                     revoked); have the client obtain short-lived tokens at run time.",
                zh: "删除该令牌并在签发方吊销（无法单独吊销时轮换签名密钥）；让客户端在运行时获取短期令牌。",
            },
            references: &["https://www.rfc-editor.org/rfc/rfc7519"],
            ..META
        },
        keywords: &["eyj"],
        patterns: &[r"\b(?P<s>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})"],
        check: Check::Jwt,
        reach: Reach::Line {
            before: 8,
            after: 16 * 1024,
        },
        samples: &[
            "Authorization: Bearer «eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtZWViOWNhZjMiLCJpYXQiOjE3MDYzMzQzNzUsInJvbGUiOiJkZXBsb3llciJ9.WAaJz70Nv5zUaX2ZRi_FLc0tYIwjbSH0Mt7H-v7fIm2»",
        ],
        decoys: &[
            // Base64 of ordinary JSON, not a token.
            "data: eyJ1c2VyIjoiYWxpY2UiLCJyb2xlIjoiYWRtaW4ifQ.eyJub3RlIjoibm90IGEgdG9rZW4gYXQgYWxsIn0.aGVsbG8gd29ybGQgdGhpcyBpcw",
            // jwt.io's example token.
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC462",
            severity: Severity::Critical,
            title: Text {
                en: "Kubeconfig client key",
                zh: "kubeconfig 客户端私钥",
            },
            description: Text {
                en: "A kubeconfig `client-key-data`: the base64 private key of a client certificate. With the \
                     certificate next to it, it authenticates to the cluster as that user — often \
                     `kubernetes-admin` in the `system:masters` group, which RBAC cannot restrict.",
                zh: "kubeconfig 中的 `client-key-data`：客户端证书私钥的 base64 编码。配合旁边的证书，即可以该用户\
                     身份访问集群——往往就是属于 `system:masters` 组、不受 RBAC 约束的 `kubernetes-admin`。",
            },
            remediation: Text {
                en: "Remove the kubeconfig from the repository. A client certificate cannot be revoked: rotate \
                     the cluster CA, or wait for expiry and remove the user's bindings meanwhile. Give CI a \
                     short-lived token from an OIDC login or a ServiceAccount with least privilege.",
                zh: "从仓库中删除该 kubeconfig。客户端证书无法吊销：只能轮换集群 CA，或在其过期前先移除该用户的\
                     所有绑定。CI 应通过 OIDC 登录或最小权限的 ServiceAccount 获取短期令牌。",
            },
            references: &[
                "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
                "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/",
            ],
            ..META
        },
        keywords: &["client-key-data"],
        patterns: &[r#"client-key-data["']?\s*:\s*["']?(?P<s>LS0t[A-Za-z0-9+/=]{60,})"#],
        check: Check::Base64PrivateKey,
        priority: FILE_KIND,
        reach: Reach::Line {
            before: 8,
            after: 16 * 1024,
        },
        samples: &[
            "users:\n- name: admin\n  user:\n    client-key-data: «LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQppVGk0Y3Z1bFpKTUFBRVFJaWpWN2d2TUlURFladzlIUUNIRmRaTzNGSXlqdjRzSDZ1cnI0VU5aRW9BTmluRFlQCi9teGZoY0JlLzRSSnB3bUNaRC81V3ZERUs3WEI1SFEvb0JrZmJhOU9YS3padXRkYlhzaFdH»\n",
        ],
        decoys: &[
            "    client-key-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwK",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC463",
            severity: Severity::High,
            title: Text {
                en: "Kubeconfig user token",
                zh: "kubeconfig 用户令牌",
            },
            description: Text {
                en: "A bearer token (`token`, or an auth provider's `id-token`/`refresh-token`) in a kubeconfig's \
                     user entry. It authenticates to the cluster as that user or ServiceAccount.",
                zh: "kubeconfig 用户条目中的持有者令牌（`token`，或认证插件的 `id-token`/`refresh-token`）。\
                     凭它即可以该用户或 ServiceAccount 的身份访问集群。",
            },
            remediation: Text {
                en: "Remove the kubeconfig, delete or rotate the token (delete the ServiceAccount token Secret, \
                     or revoke the OIDC refresh token), and have CI request short-lived tokens \
                     (`kubectl create token`, workload identity).",
                zh: "删除该 kubeconfig，删除或轮换令牌（删除 ServiceAccount 的令牌 Secret，或吊销 OIDC 刷新令牌）；\
                     CI 应申请短期令牌（`kubectl create token`、工作负载身份）。",
            },
            references: &["https://kubernetes.io/docs/reference/access-authn-authz/authentication/"],
            ..META
        },
        keywords: &["token:", "token\":"],
        patterns: &[
            r#"(?m)^\s*"?(?P<n>token|id-token|refresh-token|access-token)"?\s*:\s*["']?(?P<s>[A-Za-z0-9._~+/=-]{20,})["']?\s*,?\s*$"#,
        ],
        context: &["current-context", "kind: config"],
        check: Check::Entropy(3.0),
        priority: FILE_KIND,
        reach: Reach::Line {
            before: 40,
            after: 16 * 1024,
        },
        samples: &[
            "apiVersion: v1\nkind: Config\ncurrent-context: ci\nusers:\n- name: ci\n  user:\n    token: «eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtZWViOWNhZjMiLCJpYXQiOjE3MDYzMzQzNzUsInJvbGUiOiJkZXBsb3llciJ9.WAaJz70Nv5zUaX2ZRi_FLc0tYIwjbSH0Mt7H-v7fIm2»\n",
            "kind: Config\nusers:\n- name: oidc\n  user:\n    auth-provider:\n      config:\n        refresh-token: «9fKq2LmZx7Rt4Wv1Np6sHc3Dj8YbGa5E»\n",
        ],
        decoys: &[
            "kind: Config\nusers:\n- name: ci\n  user:\n    token: ${KUBE_TOKEN}\n",
            "tokenizer:\n  token: abcdefghijklmnopqrstuvwxyz\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC464",
            severity: Severity::High,
            title: Text {
                en: "Kubernetes bootstrap token",
                zh: "Kubernetes 引导令牌",
            },
            description: Text {
                en: "A kubeadm bootstrap token (`abcdef.0123456789abcdef` shape). Until it expires it lets a \
                     machine join the cluster as a node, and with the CA hash next to it anyone can use it.",
                zh: "kubeadm 引导令牌（形如 `abcdef.0123456789abcdef`）。在过期前，持有它的机器即可作为节点加入\
                     集群；若旁边还写着 CA 哈希，任何人都能直接使用。",
            },
            remediation: Text {
                en: "Delete the token (`kubeadm token delete <id>`), create join tokens only when needed with a \
                     short `--ttl`, and pass them through the provisioning system's secret store.",
                zh: "删除该令牌（`kubeadm token delete <id>`）；仅在需要时创建加入令牌并设置较短的 `--ttl`，\
                     通过配置系统的密钥存储传递。",
            },
            references: &["https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/"],
            ..META
        },
        keywords: &["token"],
        patterns: &[r#"(?i:token)["']?(?:\s*[:=]\s*|\s+)["']?(?P<s>[a-z0-9]{6}\.[a-z0-9]{16})\b"#],
        context: &["kubeadm", "bootstrap"],
        check: Check::Entropy(3.0),
        samples: &[
            "kubeadm join 10.0.0.10:6443 --token «k3x9qa.r7m2w8p4z1t6v0yb» --discovery-token-ca-cert-hash sha256:1f2e",
        ],
        decoys: &["kubeadm join 10.0.0.10:6443 --token abcdef.0123456789abcdef"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC465",
            severity: Severity::Critical,
            title: Text {
                en: "Base64-encoded private key",
                zh: "base64 编码的私钥",
            },
            description: Text {
                en: "A PEM private key encoded in base64 (`LS0tLS1CRUdJTi…`), as Kubernetes Secrets and Helm \
                     values carry keys. Base64 hides nothing: decoding it gives the key.",
                zh: "经 base64 编码的 PEM 私钥（`LS0tLS1CRUdJTi…`），Kubernetes Secret 和 Helm values 中常见。\
                     base64 不是加密，解码即得私钥。",
            },
            remediation: Text {
                en: "Remove the value, replace the key and certificate, and deliver the key through a secret \
                     manager (External Secrets Operator, Sealed Secrets, SOPS) instead of a committed value.",
                zh: "删除该值，更换密钥和证书，改由密钥管理方案（External Secrets Operator、Sealed Secrets、SOPS）\
                     下发，不要提交明文值。",
            },
            references: &["https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets"],
            ..META
        },
        keywords: &["ls0tls1crudjti"],
        patterns: &[r"\b(?P<s>LS0tLS1CRUdJTi[A-Za-z0-9+/=]{100,})"],
        check: Check::Base64PrivateKey,
        reach: Reach::Line {
            before: 8,
            after: 32 * 1024,
        },
        samples: &[
            "  tls.key: «LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQppVGk0Y3Z1bFpKTUFBRVFJaWpWN2d2TUlURFladzlIUUNIRmRaTzNGSXlqdjRzSDZ1cnI0VU5aRW9BTmluRFlQCi9teGZoY0JlLzRSSnB3bUNaRC81V3ZERUs3WEI1SFEvb0JrZmJhOU9YS3padXRkYlhzaFdH»\n",
        ],
        decoys: &[
            "  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwK\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC466",
            severity: Severity::Critical,
            title: Text {
                en: "WireGuard private key",
                zh: "WireGuard 私钥",
            },
            description: Text {
                en: "A WireGuard interface's `PrivateKey`. It lets anyone join the VPN as this peer, with every \
                     route the other peers grant it.",
                zh: "WireGuard 接口的 `PrivateKey`。凭它任何人都能以该对端身份接入 VPN，并获得其他对端授予它的\
                     全部路由。",
            },
            remediation: Text {
                en: "Remove the key, generate a new pair (`wg genkey | tee private | wg pubkey`), update the \
                     peer's public key on every other peer, and keep the config in a secret store.",
                zh: "删除该私钥，重新生成密钥对（`wg genkey | tee private | wg pubkey`），在其他所有对端更新该对端\
                     的公钥，配置文件交由密钥管理系统保存。",
            },
            references: &["https://www.wireguard.com/quickstart/"],
            ..META
        },
        keywords: &["privatekey"],
        patterns: &[r"(?i:PrivateKey)\s*=\s*(?P<s>[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)"],
        context: &["[interface]"],
        check: Check::Entropy(3.5),
        samples: &[
            "[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = «hbxBk9OEk9eM3av4bvvN2S4gQmlMdQ00gU/1MsxfAS0=»\n",
        ],
        decoys: &["[Peer]\nPublicKey = hbxBk9OEk9eM3av4bvvN2S4gQmlMdQ00gU/1MsxfAS0=\n"],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC467",
            severity: Severity::High,
            title: Text {
                en: "OpenVPN static key",
                zh: "OpenVPN 静态密钥",
            },
            description: Text {
                en: "An OpenVPN static key (`-----BEGIN OpenVPN Static key V1-----`), used for `tls-auth`, \
                     `tls-crypt` or static-key tunnels. It lets an attacker pass the server's first line of \
                     defence, or read a static-key tunnel.",
                zh: "OpenVPN 静态密钥（`-----BEGIN OpenVPN Static key V1-----`），用于 `tls-auth`、`tls-crypt` 或\
                     静态密钥隧道。攻击者凭它可以绕过服务器的第一道防线，甚至读取静态密钥隧道的流量。",
            },
            remediation: Text {
                en: "Remove the key, generate a new one (`openvpn --genkey secret ta.key`), and distribute it \
                     to clients through a secure channel.",
                zh: "删除该密钥，重新生成（`openvpn --genkey secret ta.key`），并通过安全渠道分发给客户端。",
            },
            references: &["https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/"],
            ..META
        },
        keywords: &["begin openvpn static key"],
        patterns: &[
            r"-----BEGIN OpenVPN Static key V1-----[0-9a-fA-F\s\\n]*?[0-9a-fA-F]{32}[0-9a-fA-F\s\\n]*?-----END OpenVPN Static key V1-----",
        ],
        reach: Reach::Block {
            before: 16,
            after: 4096,
        },
        samples: &[
            "<tls-auth>\n«-----BEGIN OpenVPN Static key V1-----\n6acef03f62675b4b1bbd03e53b187727\n423cea742242106cb2916a8a4c829756\n-----END OpenVPN Static key V1-----»\n</tls-auth>\n",
        ],
        ..Detector::BASE
    },
    Detector {
        meta: RuleMeta {
            code: "SEC468",
            severity: Severity::High,
            title: Text {
                en: "IPsec pre-shared key",
                zh: "IPsec 预共享密钥",
            },
            description: Text {
                en: "A pre-shared key in an IPsec secrets file (`: PSK \"…\"`, strongSwan and Libreswan). It \
                     authenticates the VPN tunnel; with it an attacker can pose as either end.",
                zh: "IPsec 机密文件（strongSwan、Libreswan）中的预共享密钥（`: PSK \"…\"`）。它用于认证 VPN 隧道，\
                     攻击者凭它可以冒充隧道的任意一端。",
            },
            remediation: Text {
                en: "Change the PSK on both ends, keep `ipsec.secrets` out of version control (mode 0600, \
                     provisioned from a secret store), or move to certificate authentication.",
                zh: "在隧道两端同时更换 PSK；`ipsec.secrets` 不要纳入版本控制（权限 0600，由密钥管理系统下发），\
                     或改用证书认证。",
            },
            references: &["https://docs.strongswan.org/docs/5.9/swanctl/swanctlConf.html#_secrets"],
            ..META
        },
        keywords: &["psk"],
        patterns: &[r#"(?:^|\s):\s*PSK\s+["'](?P<s>[^"'\r\n]{6,})["']"#],
        check: Check::Password,
        samples: &["%any 203.0.113.5 : PSK \"«v7Qx!m2Lp9ZrT4wK»\"\n"],
        decoys: &["%any : PSK \"changeme\"\n"],
        ..Detector::BASE
    },
];
