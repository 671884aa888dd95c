#!/usr/bin/env python3
"""Writes a deterministic labelled corpus for measuring secret detection.

    python3 bench/secrets/gen.py OUT_DIR [--files 1600] [--per-detector 4] [--seed 7]

OUT_DIR gets a tree of mixed files (source code, .env, shell, YAML, JSON, properties, Terraform,
TOML, Dockerfiles, and the special files credentials live in: kubeconfigs, docker config.json,
.npmrc, .netrc, PEM keys, keystores...) and OUT_DIR/labels.json:

    {"secrets": [{"file": "app/settings.py", "line": 12, "kind": "SEC001"}, ...],
     "decoys":  [{"file": "app/settings.py", "line": 30, "what": "placeholder"}, ...]}

Every secret is FAKE: random characters in the documented shape of each credential kind (with a
valid checksum where the format has one), written for this corpus; the shapes are this script's
own, independent of the scanner's patterns, so the corpus measures them. Every SEC detector is
planted --per-detector times; the script fails if a detector of the crate has no generator here.
Decoys are the hard negatives: placeholders and variable references, hashes and digests, UUIDs,
base64 of ordinary text, public keys and certificates, documented example keys, URLs without
passwords, secret-looking names with harmless values.
"""

import argparse
import base64
import json
import os
import random
import re
import string
import uuid
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DETECTORS_DIR = os.path.join(HERE, "..", "..", "crates", "palisade-secrets", "src", "detectors")

ALNUM = string.ascii_letters + string.digits
ALPHABETS = {
    "hex": "0123456789abcdef",
    "HEX": "0123456789ABCDEF",
    "alnum": ALNUM,
    "b64": ALNUM + "+/",
    "b64u": ALNUM + "-_",
    "upper": string.ascii_uppercase + string.digits,
    "lower": string.ascii_lowercase + string.digits,
    "digits": string.digits,
    "b32": string.ascii_uppercase + "234567",
    "b32l": string.ascii_lowercase + "234567",
    "alpha": string.ascii_letters,
    "bech32": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
    "pw": ALNUM + "!#%&*+-.=?@^_~",
}
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class Fake:
    """Random values of a given shape, from one seeded generator."""

    def __init__(self, rng):
        self.rng = rng

    def chars(self, alphabet, n):
        while True:
            s = "".join(self.rng.choice(alphabet) for _ in range(n))
            # No runs a scanner may call filler: real generators rarely make them either.
            if not re.search(r"(.)\1{4}", s):
                return s

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def checksummed(self, prefix):
        """GitHub/npm style: 30 random base62 characters and their CRC-32 in six base62 digits."""
        body = self.chars(ALNUM, 30)
        crc, check = zlib.crc32(body.encode()), ""
        for _ in range(6):
            check = BASE62[crc % 62] + check
            crc //= 62
        return prefix + body + check

    def jwt(self, claims=None):
        enc = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).rstrip(b"=").decode()
        claims = claims or {"sub": "svc-" + self.chars("0123456789abcdef", 8), "iat": 1700000000 + self.rng.randrange(10**7)}
        return enc({"alg": "RS256", "typ": "JWT"}) + "." + enc(claims) + "." + self.chars(ALPHABETS["b64u"], 86)

    def pem_body(self, lines=6):
        return [self.chars(ALPHABETS["b64"], 64) for _ in range(lines)]

    def expand(self, template):
        """`{hex:32}`, `{uuid}`, `{gh:ghp_}`, `{jwt}` ... replaced by fresh values."""

        def one(m):
            kind, _, arg = m.group(1).partition(":")
            if kind == "uuid":
                return self.uuid()
            if kind == "gh":
                return self.checksummed(arg)
            if kind == "pw":
                # A password people type: it starts with a letter or digit (YAML reads `#x` as a comment).
                return self.rng.choice(ALNUM) + self.chars(ALPHABETS["pw"], int(arg) - 1)
            if kind == "jwt":
                return self.jwt()
            if kind == "int":
                lo, hi = arg.split("-")
                return str(self.rng.randint(int(lo), int(hi)))
            return self.chars(ALPHABETS[kind], int(arg))

        return re.sub(r"\{([a-zA-Z0-9]+(?::[^}]*)?)\}", one, template)


# ---------------------------------------------------------------------------------------------
# What to plant for each detector.
#   ("var", NAME, VALUE[, CONTEXT])  an assignment NAME = VALUE in the syntax of the host file;
#                                   CONTEXT is a comment the file needs (a provider's name)
#   ("raw", LINE, VALUE, KINDS[, CONTEXT])  LINE with {v} for the value, in files of KINDS
#   ("file", NAME, LINES)           a file of its own; the line holding "{v}" is the labelled one;
#                                   LINES may hold several values, each {...} is expanded
# ---------------------------------------------------------------------------------------------
SH = ("sh",)
YAML = ("yaml",)
CONF = ("env", "sh", "yaml", "properties")

PLANTS = {
    # cloud
    "SEC001": ("var", "AWS_ACCESS_KEY_ID", "AKIA{b32:16}"),
    "SEC002": ("var", "AWS_SECRET_ACCESS_KEY", "{b64:40}"),
    "SEC003": ("var", "AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj{b64:180}"),
    "SEC004": ("var", "MWS_AUTH_TOKEN", "amzn.mws.{uuid}"),
    "SEC005": ("var", "GOOGLE_MAPS_API_KEY", "AIza{b64u:35}"),
    "SEC006": ("file", "gcp/{n}-sa.json", [
        "{", '  "type": "service_account",', '  "project_id": "shop-{lower:6}",',
        '  "private_key_id": "{hex:40}",',
        '  "private_key": "{v}-----BEGIN PRIVATE KEY-----\\n{b64:64}\\n{b64:64}\\n{b64:64}\\n-----END PRIVATE KEY-----\\n",',
        '  "client_email": "deployer@shop.iam.gserviceaccount.com"', "}"]),
    "SEC007": ("var", "GOOGLE_CLIENT_SECRET", "GOCSPX-{b64u:28}"),
    "SEC008": ("raw", 'curl -H "Authorization: Bearer {v}" https://www.googleapis.com/storage/v1/b', "ya29.{b64u:140}", SH),
    "SEC009": ("var", "GOOGLE_REFRESH_TOKEN", "1//0{b64u:100}"),
    "SEC010": ("var", "FCM_SERVER_KEY", "AAAA{b64u:7}:APA91b{b64u:134}"),
    "SEC011": ("var", "AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https;AccountName=data{lower:5};AccountKey={b64:86}==;EndpointSuffix=core.windows.net"),
    "SEC012": ("var", "SERVICEBUS_CONNECTION", "Endpoint=sb://orders{lower:4}.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={b64:43}="),
    "SEC013": ("var", "EXPORT_SAS_URL", "https://data{lower:5}.blob.core.windows.net/exports?sv=2023-01-03&ss=b&srt=co&sp=rl&se=2027-06-01T00:00:00Z&spr=https&sig={alnum:43}%3D"),
    "SEC014": ("var", "AZURE_CLIENT_SECRET", "{alnum:3}8Q~{b64u:34}"),
    "SEC015": ("var", "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI{alnum:20}"),
    "SEC016": ("var", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "{alnum:30}", "aliyun oss bucket for uploads"),
    "SEC017": ("var", "TENCENTCLOUD_SECRET_ID", "AKID{alnum:32}"),
    "SEC018": ("var", "TENCENTCLOUD_SECRET_KEY", "{alnum:32}", "tencent cloud cos"),
    "SEC019": ("var", "HUAWEICLOUD_SDK_AK", "{upper:20}", "huawei cloud obs"),
    "SEC020": ("var", "HUAWEICLOUD_SDK_SK", "{alnum:40}", "huawei cloud obs"),
    "SEC021": ("var", "BCE_ACCESS_KEY_ID", "{hex:32}", "baidu bce bos"),
    "SEC022": ("var", "BCE_SECRET_ACCESS_KEY", "{hex:32}", "baidu bce bos"),
    "SEC023": ("var", "VOLC_ACCESSKEY", "AKLT{alnum:43}"),
    "SEC024": ("var", "VOLC_SECRETKEY", "{b64:58}==", "volcengine tos"),
    "SEC025": ("var", "JDCLOUD_AK", "JDC_{HEX:28}"),
    "SEC026": ("var", "QINIU_ACCESS_KEY", "{b64u:40}", "qiniu kodo"),
    "SEC027": ("var", "IBMCLOUD_API_KEY", "{b64u:44}", "ibm cloud"),
    "SEC028": ("var", "COS_HMAC_SECRET_ACCESS_KEY", "{hex:48}", "ibm cloud object storage"),
    "SEC029": ("var", "SOFTLAYER_API_KEY", "{hex:64}"),
    "SEC030": ("var", "DIGITALOCEAN_TOKEN", "dop_v1_{hex:64}"),
    "SEC031": ("var", "DO_OAUTH_TOKEN", "doo_v1_{hex:64}"),
    "SEC032": ("var", "DO_REFRESH_TOKEN", "dor_v1_{hex:64}"),
    "SEC033": ("var", "LINODE_TOKEN", "{hex:64}"),
    "SEC034": ("var", "VULTR_API_KEY", "{upper:36}"),
    "SEC035": ("var", "HCLOUD_TOKEN", "{alnum:64}"),
    "SEC036": ("var", "SCW_SECRET_KEY", "{uuid}"),
    "SEC037": ("var", "OVH_APPLICATION_SECRET", "{alnum:32}"),
    "SEC038": ("var", "CLOUDFLARE_API_TOKEN", "{b64u:40}"),
    "SEC039": ("var", "CLOUDFLARE_API_KEY", "{hex:37}"),
    "SEC040": ("var", "CF_ORIGIN_CA_KEY", "v1.0-{hex:24}-{hex:146}"),
    "SEC041": ("var", "HEROKU_API_KEY", "{uuid}"),
    "SEC042": ("var", "HEROKU_TOKEN", "HRKU-AA{b64u:58}"),
    "SEC043": ("var", "FLY_API_TOKEN", "fm2_{b64:200}"),
    "SEC044": ("var", "NETLIFY_AUTH_TOKEN", "nfp_{alnum:36}"),
    "SEC045": ("var", "VERCEL_TOKEN", "{alnum:24}"),
    "SEC046": ("var", "RENDER_API_KEY", "rnd_{alnum:32}"),
    "SEC047": ("var", "SUPABASE_ACCESS_TOKEN", "sbp_{hex:40}"),
    "SEC048": ("var", "PLANETSCALE_SERVICE_TOKEN", "pscale_tkn_{b64u:43}"),
    "SEC049": ("var", "PLANETSCALE_OAUTH_TOKEN", "pscale_oauth_{b64u:43}"),
    "SEC050": ("var", "PLANETSCALE_DB_PASSWORD", "pscale_pw_{b64u:43}"),
    "SEC051": ("var", "DATABRICKS_TOKEN", "dapi{hex:32}"),
    "SEC052": ("var", "YC_API_KEY", "AQVN{b64u:36}"),
    "SEC053": ("var", "YC_IAM_TOKEN", "t1.{b64u:60}.{b64u:86}"),
    "SEC054": ("var", "YANDEX_ACCESS_KEY_ID", "YC{b64u:38}"),
    # code hosts
    "SEC100": ("var", "GITHUB_TOKEN", "{gh:ghp_}"),
    "SEC101": ("var", "GH_OAUTH_TOKEN", "{gh:gho_}"),
    "SEC102": ("var", "GH_INSTALLATION_TOKEN", "{gh:ghs_}"),
    "SEC103": ("var", "GH_REFRESH_TOKEN", "{gh:ghr_}"),
    "SEC104": ("var", "GH_FINE_GRAINED_TOKEN", "github_pat_{alnum:22}_{alnum:59}"),
    "SEC105": ("var", "GITLAB_TOKEN", "glpat-{b64u:20}"),
    "SEC106": ("raw", "curl -X POST -F token={v} -F ref=main https://gitlab.acme.io/api/v4/projects/{int:1-99}/trigger/pipeline", "glptt-{hex:40}", SH),
    "SEC107": ("raw", "gitlab-runner register --url https://gitlab.acme.io --registration-token {v}", "GR1348941{b64u:20}", SH),
    "SEC108": ("var", "RUNNER_TOKEN", "glrt-{b64u:20}"),
    "SEC109": ("var", "GITLAB_DEPLOY_TOKEN", "gldt-{b64u:20}"),
    "SEC110": ("var", "CI_JOB_TOKEN_COPY", "glcbt-{int:1-99}_{b64u:20}"),
    "SEC111": ("var", "GITLAB_OAUTH_SECRET", "gloas-{b64u:64}"),
    "SEC112": ("var", "GITLAB_FEED_TOKEN", "glft-{b64u:20}"),
    "SEC113": ("var", "GITLAB_INCOMING_EMAIL_TOKEN", "glimt-{b64u:25}"),
    "SEC114": ("var", "GITLAB_AGENT_TOKEN", "glagent-{b64u:50}"),
    "SEC115": ("var", "GITLAB_SCIM_TOKEN", "glsoat-{b64u:20}"),
    "SEC116": ("var", "UNLEASH_INSTANCE_ID", "glffct-{b64u:20}"),
    "SEC117": ("raw", 'curl -b "_gitlab_session={v}" https://gitlab.acme.io/api/v4/user', "{lower:32}", SH),
    "SEC118": ("var", "GITEE_TOKEN", "{hex:32}"),
    "SEC119": ("var", "BITBUCKET_APP_PASSWORD", "ATBB{alnum:32}"),
    "SEC120": ("var", "BITBUCKET_CLIENT_SECRET", "{alnum:64}"),
    "SEC121": ("var", "BITBUCKET_ACCESS_TOKEN", "ATCTT3xFfGN0{b64u:180}"),
    "SEC122": ("var", "AZURE_DEVOPS_PAT", "{b32l:52}"),
    "SEC123": ("var", "GITEA_TOKEN", "{hex:40}"),
    # CI, registries, infrastructure tools
    "SEC150": ("var", "NPM_TOKEN", "{gh:npm_}"),
    "SEC151": ("file", "web/{n}/.npmrc", ["@acme:registry=https://npm.acme.io/", "//npm.acme.io/:_authToken={v}{uuid}", "always-auth=true"]),
    "SEC152": ("file", "pkg/{n}/.pypirc", ["[distutils]", "index-servers = pypi", "", "[pypi]", "username = __token__", "password = {v}pypi-AgEIcHlwaS5vcmc{b64u:160}"]),
    "SEC153": ("raw", "echo {v} | docker login -u acme --password-stdin", "dckr_pat_{b64u:27}", SH),
    "SEC154": ("file", "deploy/{n}/config.json", ['{', '  "auths": {', '    "registry.acme.io": {', '      "auth": "{v}{dockerauth}"', '    }', '  }', '}']),
    "SEC155": ("file", "tools/{n}/credentials.toml", ["[registry]", 'token = "{v}cio{alnum:32}"']),
    "SEC156": ("file", "gems/{n}/credentials", ["---", ":rubygems_api_key: {v}rubygems_{hex:48}"]),
    "SEC157": ("raw", "dotnet nuget push out/*.nupkg --api-key {v} --source https://api.nuget.org/v3/index.json", "oy2{lower:43}", SH),
    "SEC158": ("var", "CLOJARS_DEPLOY_TOKEN", "CLOJARS_{lower:60}"),
    "SEC159": ("var", "ARTIFACTORY_API_KEY", "AKCp{alnum:69}"),
    "SEC160": ("var", "JFROG_ACCESS_TOKEN", "cmVmd{alnum:59}"),
    "SEC161": ("var", "CIRCLE_TOKEN", "CCIPAT_{alnum:22}_{hex:40}"),
    "SEC162": ("var", "BUILDKITE_API_TOKEN", "bkua_{hex:40}"),
    "SEC163": ("var", "TRAVIS_API_TOKEN", "{alnum:22}"),
    "SEC164": ("var", "CODECOV_TOKEN", "{uuid}"),
    "SEC165": ("var", "SONAR_TOKEN", "squ_{hex:40}"),
    "SEC166": ("var", "SNYK_TOKEN", "{uuid}"),
    "SEC167": ("var", "OCTOPUS_API_KEY", "API-{upper:26}"),
    "SEC168": ("var", "HARNESS_API_KEY", "pat.{b64u:22}.{alnum:24}.{alnum:20}"),
    "SEC169": ("file", "infra/{n}/credentials.tfrc.json", ['{', '  "credentials": {', '    "app.terraform.io": {', '      "token": "{v}{alnum:14}.atlasv1.{b64u:67}"', '    }', '  }', '}']),
    "SEC170": ("var", "VAULT_TOKEN", "hvs.{b64u:95}"),
    "SEC171": ("var", "VAULT_BATCH_TOKEN", "hvb.{b64u:160}"),
    "SEC172": ("var", "PULUMI_ACCESS_TOKEN", "pul-{hex:40}"),
    "SEC173": ("var", "DOPPLER_TOKEN", "dp.st.prd.{alnum:43}"),
    "SEC174": ("var", "INFRACOST_API_KEY", "ico-{alnum:32}"),
    "SEC175": ("var", "POSTMAN_API_KEY", "PMAK-{hex:24}-{hex:34}"),
    "SEC176": ("var", "PREFECT_API_KEY", "pnu_{alnum:36}"),
    "SEC177": ("var", "README_API_KEY", "rdme_{lower:70}"),
    "SEC178": ("var", "SCALINGO_API_TOKEN", "tk-us-{b64u:48}"),
    "SEC179": ("var", "OP_SERVICE_ACCOUNT_TOKEN", "ops_eyJ{b64:300}"),
    "SEC180": ("raw", "# Emergency kit: Secret Key {v}", "A3-{upper:6}-{upper:11}-{upper:5}-{upper:5}-{upper:5}", ("sh", "env", "yaml")),
    "SEC181": ("var", "JENKINS_API_TOKEN", "11{hex:32}"),
    "SEC182": ("file", "home/{n}/.netrc", ["machine api.acme.io", "  login ci@acme.io", "  password {v}{pw:20}"]),
    "SEC183": ("var", "BUNDLE_GEMS__CONTRIBSYS__COM", "{hex:8}:{hex:8}"),
    # chat and webhooks
    "SEC200": ("var", "SLACK_BOT_TOKEN", "xoxb-{digits:12}-{digits:13}-{alnum:24}"),
    "SEC201": ("var", "SLACK_USER_TOKEN", "xoxp-{digits:12}-{digits:12}-{digits:13}-{hex:32}"),
    "SEC202": ("var", "SLACK_APP_TOKEN", "xapp-1-A{upper:10}-{digits:13}-{hex:64}"),
    "SEC203": ("var", "SLACK_CONFIG_TOKEN", "xoxe.xoxp-1-{alnum:164}"),
    "SEC204": ("var", "SLACK_LEGACY_TOKEN", "xoxs-{digits:11}-{digits:11}-{digits:12}-{hex:64}"),
    "SEC205": ("var", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T{upper:8}/B{upper:10}/{alnum:24}"),
    "SEC206": ("var", "DISCORD_BOT_TOKEN", "M{alnum:25}.{b64u:6}.{b64u:38}"),
    "SEC207": ("var", "DISCORD_WEBHOOK", "https://discord.com/api/webhooks/{digits:19}/{b64u:68}"),
    "SEC208": ("var", "TELEGRAM_BOT_TOKEN", "{digits:10}:AA{b64u:33}"),
    "SEC209": ("var", "TEAMS_WEBHOOK_URL", "https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{hex:32}/{uuid}"),
    "SEC210": ("var", "DINGTALK_WEBHOOK", "https://oapi.dingtalk.com/robot/send?access_token={hex:64}"),
    "SEC211": ("var", "DINGTALK_SECRET", "SEC{hex:64}", "dingtalk robot"),
    "SEC212": ("var", "DINGTALK_APP_SECRET", "{b64u:64}", "dingtalk app"),
    "SEC213": ("var", "WECOM_WEBHOOK", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={uuid}"),
    "SEC214": ("var", "WECOM_CORPSECRET", "{b64u:43}"),
    "SEC215": ("var", "WECHAT_APPSECRET", "{hex:32}", "wechat mini program"),
    "SEC216": ("var", "FEISHU_WEBHOOK", "https://open.feishu.cn/open-apis/bot/v2/hook/{uuid}"),
    "SEC217": ("var", "FEISHU_APP_SECRET", "{alnum:32}", "feishu bot app"),
    "SEC218": ("var", "GOOGLE_CHAT_WEBHOOK", "https://chat.googleapis.com/v1/spaces/AAAA{alnum:7}/messages?key=AIza{b64u:35}&token={b64u:43}%3D"),
    "SEC219": ("var", "ALERTS_HOOK_URL", "https://chat.acme.io/hooks/{lower:26}", "mattermost alerts"),
    # payments
    "SEC250": ("var", "STRIPE_SECRET_KEY", "sk_live_{alnum:99}"),
    "SEC251": ("var", "STRIPE_RESTRICTED_KEY", "rk_live_{alnum:99}"),
    "SEC252": ("var", "STRIPE_TEST_KEY", "sk_test_{alnum:99}"),
    "SEC253": ("var", "STRIPE_WEBHOOK_SECRET", "whsec_{alnum:32}"),
    "SEC254": ("var", "SQUARE_ACCESS_TOKEN", "EAAA{b64u:60}"),
    "SEC255": ("var", "SQUARE_OAUTH_SECRET", "sq0csp-{b64u:43}"),
    "SEC256": ("var", "BRAINTREE_ACCESS_TOKEN", "access_token$production${lower:16}${hex:32}"),
    "SEC257": ("var", "PAYPAL_CLIENT_SECRET", "E{b64u:79}"),
    "SEC258": ("var", "ALIPAY_APP_PRIVATE_KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC{b64:400}", "alipay open platform"),
    "SEC259": ("var", "WXPAY_API_V3_KEY", "{alnum:32}", "wechatpay mch_id 1600000000"),
    "SEC260": ("var", "FLW_SECRET_KEY", "FLWSECK-{hex:32}-X"),
    "SEC261": ("var", "PLAID_ACCESS_TOKEN", "access-production-{uuid}"),
    "SEC262": ("var", "PLAID_SECRET", "{lower:30}"),
    "SEC263": ("var", "GOCARDLESS_ACCESS_TOKEN", "live_{b64u:40}"),
    "SEC264": ("var", "SHIPPO_API_KEY", "shippo_live_{hex:40}"),
    "SEC265": ("var", "EASYPOST_API_KEY", "EZAK{alnum:54}"),
    "SEC266": ("var", "DUFFEL_ACCESS_TOKEN", "duffel_live_{b64u:43}"),
    "SEC267": ("var", "RAZORPAY_KEY_SECRET", "{alnum:24}"),
    # SaaS
    "SEC300": ("var", "TWILIO_API_KEY", "SK{hex:32}"),
    "SEC301": ("var", "TWILIO_AUTH_TOKEN", "{hex:32}"),
    "SEC302": ("var", "SENDGRID_API_KEY", "SG.{b64u:22}.{b64u:43}"),
    "SEC303": ("var", "MAILGUN_API_KEY", "key-{hex:32}"),
    "SEC304": ("var", "MAILGUN_WEBHOOK_SIGNING_KEY", "{hex:32}-{hex:8}-{hex:8}"),
    "SEC305": ("var", "MAILCHIMP_API_KEY", "{hex:32}-us{int:1-21}"),
    "SEC306": ("var", "BREVO_API_KEY", "xkeysib-{hex:64}-{alnum:16}"),
    "SEC307": ("var", "POSTMARK_SERVER_TOKEN", "{uuid}"),
    "SEC308": ("var", "DD_API_KEY", "{hex:32}"),
    "SEC309": ("var", "DD_APP_KEY", "{hex:40}"),
    "SEC310": ("var", "NEW_RELIC_API_KEY", "NRAK-{upper:27}"),
    "SEC311": ("var", "NEW_RELIC_LICENSE_KEY", "{hex:36}NRAL"),
    "SEC312": ("var", "NEW_RELIC_INSERT_KEY", "NRII-{b64u:32}"),
    "SEC313": ("var", "DT_API_TOKEN", "dt0c01.{upper:24}.{upper:64}"),
    "SEC314": ("var", "SENTRY_AUTH_TOKEN", "sntryu_{hex:64}"),
    "SEC315": ("var", "SENTRY_ORG_TOKEN", "sntrys_eyJ{b64:120}_{b64:43}"),
    "SEC316": ("var", "GRAFANA_CLOUD_TOKEN", "glc_{b64:120}"),
    "SEC317": ("var", "GRAFANA_SA_TOKEN", "glsa_{alnum:32}_{hex:8}"),
    "SEC318": ("var", "GRAFANA_API_KEY", "eyJrIjoi{alnum:100}"),
    "SEC319": ("var", "SPLUNK_HEC_TOKEN", "{uuid}"),
    "SEC320": ("var", "PAGERDUTY_API_KEY", "u+{alnum:18}"),
    "SEC321": ("var", "JIRA_API_TOKEN", "ATATT3{b64u:186}"),
    "SEC322": ("var", "LINEAR_API_KEY", "lin_api_{alnum:40}"),
    "SEC323": ("var", "NOTION_TOKEN", "ntn_{digits:11}{alnum:35}"),
    "SEC324": ("var", "ASANA_PAT", "2/{digits:16}/{digits:16}:{hex:32}"),
    "SEC325": ("var", "AIRTABLE_TOKEN", "pat{alnum:14}.{hex:64}", "airtable sync"),
    "SEC326": ("var", "FIGMA_TOKEN", "figd_{b64u:40}"),
    "SEC327": ("var", "HUBSPOT_ACCESS_TOKEN", "pat-na1-{uuid}"),
    "SEC328": ("var", "SHOPIFY_ACCESS_TOKEN", "shpat_{hex:32}"),
    "SEC329": ("var", "SHOPIFY_CUSTOM_APP_TOKEN", "shpca_{hex:32}"),
    "SEC330": ("var", "SHOPIFY_PRIVATE_APP_PASSWORD", "shppa_{hex:32}"),
    "SEC331": ("var", "SHOPIFY_SHARED_SECRET", "shpss_{hex:32}"),
    "SEC332": ("var", "CONTENTFUL_MANAGEMENT_TOKEN", "CFPAT-{b64u:43}"),
    "SEC333": ("var", "DROPBOX_ACCESS_TOKEN", "sl.{b64u:140}"),
    "SEC334": ("var", "ZENDESK_API_TOKEN", "{alnum:40}"),
    "SEC335": ("var", "INTERCOM_ACCESS_TOKEN", "{b64u:60}"),
    "SEC336": ("var", "OKTA_API_TOKEN", "00{b64u:40}"),
    "SEC337": ("var", "MAPBOX_SECRET_TOKEN", "sk.eyJ{b64u:60}.{b64u:22}"),
    "SEC338": ("var", "ALGOLIA_ADMIN_API_KEY", "{hex:32}"),
    "SEC339": ("var", "FASTLY_API_TOKEN", "{b64u:32}"),
    "SEC340": ("var", "FB_PAGE_ACCESS_TOKEN", "EAAG{alnum:160}"),
    "SEC341": ("var", "FACEBOOK_APP_SECRET", "{hex:32}"),
    "SEC342": ("var", "TWITTER_BEARER_TOKEN", "AAAAAAAAAAAAAAAAAAAAA{alnum:90}"),
    "SEC343": ("var", "CLOUDINARY_URL", "cloudinary://{digits:15}:{b64u:27}@acme-media"),
    "SEC344": ("var", "ZAPIER_HOOK", "https://hooks.zapier.com/hooks/catch/{digits:8}/{lower:7}/"),
    "SEC345": ("var", "LAUNCHDARKLY_SDK_KEY", "sdk-{uuid}"),
    # AI
    "SEC400": ("var", "OPENAI_API_KEY", "sk-proj-{b64u:74}T3BlbkFJ{b64u:74}"),
    "SEC401": ("var", "ANTHROPIC_API_KEY", "sk-ant-api03-{b64u:93}AA"),
    "SEC402": ("var", "ANTHROPIC_ADMIN_KEY", "sk-ant-admin01-{b64u:93}AA"),
    "SEC403": ("var", "HF_TOKEN", "hf_{alpha:34}"),
    "SEC404": ("var", "HF_ORG_TOKEN", "api_org_{alpha:34}"),
    "SEC405": ("var", "COHERE_API_KEY", "{alnum:40}"),
    "SEC406": ("var", "GROQ_API_KEY", "gsk_{alnum:52}"),
    "SEC407": ("var", "PERPLEXITY_API_KEY", "pplx-{alnum:48}"),
    "SEC408": ("var", "REPLICATE_API_TOKEN", "r8_{alnum:37}"),
    "SEC409": ("var", "XAI_API_KEY", "xai-{alnum:80}"),
    "SEC410": ("var", "LANGSMITH_API_KEY", "lsv2_pt_{hex:32}_{hex:10}"),
    "SEC411": ("var", "MISTRAL_API_KEY", "{alnum:32}"),
    "SEC412": ("var", "OPENROUTER_API_KEY", "sk-or-v1-{hex:64}"),
    "SEC413": ("var", "AZURE_OPENAI_API_KEY", "{hex:32}"),
    "SEC414": ("var", "DEEPSEEK_API_KEY", "sk-{hex:32}", "deepseek chat"),
    "SEC415": ("var", "DASHSCOPE_API_KEY", "sk-{hex:32}"),
    "SEC416": ("var", "MOONSHOT_API_KEY", "sk-{alnum:48}"),
    "SEC417": ("var", "ZHIPUAI_API_KEY", "{hex:32}.{alnum:16}"),
    "SEC418": ("var", "WANDB_API_KEY", "{hex:40}"),
    # keys and tokens
    "SEC450": ("file", "keys/{n}/id_rsa", ["{v}-----BEGIN RSA PRIVATE KEY-----", "{pem}", "-----END RSA PRIVATE KEY-----"]),
    "SEC451": ("file", "keys/{n}/ec.key", ["{v}-----BEGIN EC PRIVATE KEY-----", "{pem}", "-----END EC PRIVATE KEY-----"]),
    "SEC452": ("file", "keys/{n}/dsa.key", ["{v}-----BEGIN DSA PRIVATE KEY-----", "{pem}", "-----END DSA PRIVATE KEY-----"]),
    "SEC453": ("file", "keys/{n}/id_ed25519", ["{v}-----BEGIN OPENSSH PRIVATE KEY-----", "{pem}", "-----END OPENSSH PRIVATE KEY-----"]),
    "SEC454": ("file", "k8s/{n}/tls-secret.yaml", ["apiVersion: v1", "kind: Secret", "metadata:", "  name: web-tls", "type: kubernetes.io/tls", "stringData:", "  tls.key: |", "    {v}-----BEGIN PRIVATE KEY-----", "{pem:4}", "    -----END PRIVATE KEY-----"]),
    "SEC455": ("file", "keys/{n}/signing.p8", ["{v}-----BEGIN ENCRYPTED PRIVATE KEY-----", "{pem}", "-----END ENCRYPTED PRIVATE KEY-----"]),
    "SEC456": ("file", "keys/{n}/release.asc", ["{v}-----BEGIN PGP PRIVATE KEY BLOCK-----", "", "{pem}", "={b64:4}", "-----END PGP PRIVATE KEY BLOCK-----"]),
    "SEC457": ("file", "keys/{n}/deploy.ppk", ["{v}PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none", "Comment: deploy", "Public-Lines: 2", "AAAAC3NzaC1lZDI1NTE5AAAAI{b64:43}", "{b64:20}", "Private-Lines: 1", "AAAAI{b64:43}", "Private-MAC: {hex:64}"]),
    "SEC458": ("file", "keys/{n}/age.txt", ["# created: 2025-01-0{int:1-9}T10:00:00Z", "# public key: age1{lower:58}", "{v}AGE-SECRET-KEY-1{bech32:58}"]),
    "SEC459": ("binary", "certs/{n}/client.p12", b"\x30\x82"),
    "SEC460": ("binary", "certs/{n}/app.jks", b"\xfe\xed\xfe\xed"),
    "SEC461": ("var", "SERVICE_JWT", "{jwt}"),
    "SEC462": ("file", "clusters/{n}/kubeconfig.yaml", ["apiVersion: v1", "kind: Config", "clusters:", "- name: prod", "  cluster:", "    server: https://10.0.{int:0-9}.1:6443", "users:", "- name: admin", "  user:", "    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t{b64:80}", "    client-key-data: {v}{kubekey}", "current-context: prod"]),
    "SEC463": ("file", "clusters/{n}/ci-kubeconfig.yaml", ["apiVersion: v1", "kind: Config", "current-context: ci", "users:", "- name: ci", "  user:", "    token: {v}{jwt}"]),
    "SEC464": ("raw", "kubeadm join 10.0.0.{int:2-250}:6443 --token {v} --discovery-token-ca-cert-hash sha256:{hex:64}", "{lower:6}.{lower:16}", SH),
    "SEC465": ("var", "TLS_KEY_B64", "{kubekey}"),
    "SEC466": ("file", "vpn/{n}/wg0.conf", ["[Interface]", "Address = 10.8.0.{int:2-250}/24", "ListenPort = 51820", "PrivateKey = {v}{wgkey}", "", "[Peer]", "PublicKey = {wgkey}", "AllowedIPs = 10.8.0.0/24"]),
    "SEC467": ("file", "vpn/{n}/client.ovpn", ["client", "dev tun", "<tls-auth>", "{v}-----BEGIN OpenVPN Static key V1-----", "{hex:32}", "{hex:32}", "{hex:32}", "-----END OpenVPN Static key V1-----", "</tls-auth>"]),
    "SEC468": ("file", "vpn/{n}/ipsec.secrets", ["# /etc/ipsec.secrets", "%any 203.0.113.{int:1-250} : PSK \"{v}{pw:20}\""]),
    # databases
    "SEC500": ("var", "DATABASE_URL", "postgres://shop:{alnum:18}@db.internal:5432/shop"),
    "SEC501": ("var", "MYSQL_URL", "mysql://app:{alnum:16}@mysql.internal:3306/orders"),
    "SEC502": ("var", "MONGO_URI", "mongodb+srv://api:{alnum:20}@cluster0.{lower:5}.mongodb.net/app?retryWrites=true"),
    "SEC503": ("var", "REDIS_URL", "redis://:{alnum:24}@redis-master:6379/0"),
    "SEC504": ("var", "AMQP_URL", "amqp://orders:{alnum:16}@rabbitmq.default.svc:5672/%2f"),
    "SEC505": ("var", "SQL_CONNECTION", "Server=tcp:shop.database.windows.net,1433;Database=shop;User ID=app;Password={alnum:18};Encrypt=True;"),
    "SEC506": ("var", "JDBC_URL", "jdbc:mysql://db:3306/shop?user=app&password={alnum:14}&useSSL=true"),
    "SEC507": ("raw", "sqlplus -s hr/{v}@//orcl.internal:1521/FREEPDB1 @report.sql", "{alnum:12}", SH),
    "SEC508": ("var", "CLICKHOUSE_URL", "clickhouse://analytics:{alnum:20}@ch.internal:9000/events"),
    "SEC509": ("var", "NEO4J_URI", "neo4j+s://neo4j:{alnum:20}@graph.internal:7687"),
    "SEC510": ("var", "CLOUDANT_URL", "https://acme-bluemix:{hex:64}@acme-bluemix.cloudant.com"),
    "SEC511": ("var", "EMAIL_URL", "smtps://noreply%40acme.io:{alnum:16}@smtp.mailhost.net:465"),
    "SEC512": ("raw", 'lftp -c "open sftp://deploy:{v}@files.acme.io; mirror -R dist /var/www"', "{alnum:14}", SH),
    "SEC513": ("raw", "git remote set-url origin https://ci-bot:{v}@git.acme.io/platform/api.git", "{alnum:32}", SH),
    "SEC514": ("file", "etc/{n}/redis.conf", ["bind 0.0.0.0", "port 6379", "requirepass {v}{alnum:24}", "appendonly yes"]),
    "SEC515": ("var", "INFLUX_TOKEN", "{b64u:86}=="),
    # generic
    "SEC900": ("var", "DB_PASSWORD", "{pw:14}"),
    "SEC901": ("var", "API_KEY", "{alnum:28}"),
    "SEC902": ("raw", "docker login -u deploy -p {v} registry.acme.io", "{pw:12}", SH),
    "SEC903": ("raw", 'curl -sf -H "Authorization: Bearer {v}" https://api.acme.io/v2/deploy', "{alnum:40}", SH),
    "SEC904": ("raw", "curl -fsSL -u admin:{v} https://repo.acme.io/pkg.tgz -o /tmp/pkg.tgz", "{pw:12}", SH),
    "SEC905": ("file", "maven/{n}/settings.xml", ["<settings>", "  <servers>", "    <server>", "      <id>nexus</id>", "      <username>deployer</username>", "      <password>{v}{pw:16}</password>", "    </server>", "  </servers>", "</settings>"]),
    "SEC906": ("file", "dotnet/{n}/NuGet.config", ["<configuration>", "  <packageSourceCredentials>", "    <acme>", '      <add key="Username" value="ci" />', '      <add key="ClearTextPassword" value="{v}{pw:16}" />', "    </acme>", "  </packageSourceCredentials>", "</configuration>"]),
    "SEC907": ("var", "APP_KEY", "base64:{b64:43}="),
    "SEC908": ("file", "k8s/{n}/db-deployment.yaml", ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: db", "spec:", "  template:", "    spec:", "      containers:", "      - name: db", "        image: postgres:16", "        env:", "        - name: POSTGRES_PASSWORD", "          value: {v}{pw:16}"]),
    "SEC909": ("file", "k8s/{n}/api-deployment.yaml", ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: api", "spec:", "  template:", "    spec:", "      containers:", "      - name: api", "        image: acme/api:1.4", "        env:", "        - name: PAYMENTS_API_KEY", "          value: {v}{alnum:32}"]),
}

# Host files for "var" and "raw" plants, and how a NAME = VALUE reads in each.
KINDS = {
    "env": (".env", lambda n, v: f"{n}={v}"),
    "sh": (".sh", lambda n, v: f'export {n}="{v}"'),
    "yaml": (".yaml", lambda n, v: f"  {n}: {v}"),
    "py": (".py", lambda n, v: f'{n} = "{v}"'),
    "js": (".js", lambda n, v: f'const {n} = "{v}";'),
    "go": (".go", lambda n, v: f'\t{n} = "{v}"'),
    "json": (".json", lambda n, v: f'  "{n}": "{v}",'),
    "properties": (".properties", lambda n, v: f"{n}={v}"),
    "tf": (".tf", lambda n, v: f'  {n.lower()} = "{v}"'),
    "toml": (".toml", lambda n, v: f'{n} = "{v}"'),
    "docker": ("Dockerfile", lambda n, v: f"ENV {n}={v}"),
}
COMMENT = {"js": "//", "go": "//"}

WORDS = ("order user cart invoice report session cache queue worker export upload billing search "
         "profile account payment shipment catalog inventory metrics health audit notify").split()


def filler(kind, rng, fake):
    """A line of ordinary content for a file of KIND, now and then with a credential-ish word."""
    w = lambda: rng.choice(WORDS)
    n = rng.randint(1, 999)
    lines = {
        "env": [f"{w().upper()}_HOST={w()}.internal", f"{w().upper()}_PORT={rng.randint(1000, 9999)}",
                f"LOG_LEVEL={rng.choice(['debug', 'info', 'warn'])}", f"{w().upper()}_TIMEOUT_SECONDS={n}",
                f"FEATURE_{w().upper()}_ENABLED={rng.choice(['true', 'false'])}", f"{w().upper()}_TOKEN_TTL=3600",
                f"{w().upper()}_SECRET_NAME={w()}-credentials", f"PASSWORD_MIN_LENGTH={rng.randint(8, 16)}"],
        "sh": [f'echo "building {w()} {n}"', f"mkdir -p /var/lib/{w()}", f'if [ -z "${w().upper()}_TOKEN" ]; then exit 1; fi',
               f"kubectl -n {w()} rollout status deploy/{w()}", f"cp ./{w()}.conf /etc/{w()}/", f"sleep {rng.randint(1, 30)}",
               f'token=$(cat /run/secrets/{w()}_token)', f'curl -sf -H "Authorization: Bearer $API_TOKEN" https://api.acme.io/{w()}'],
        "yaml": [f"  {w()}: {w()}-{n}", f"  replicas: {rng.randint(1, 9)}", f"  image: registry.acme.io/{w()}:1.{n}",
                 f"  {w()}_timeout: {n}s", "  secretKeyRef:", f"    name: {w()}-secret", "    key: password",
                 f"  token_path: /var/run/secrets/{w()}/token"],
        "py": [f"def {w()}_{n}(request):", f"    return render(request, '{w()}.html', {{'items': items}})",
               f"    {w()} = {w()}_service.get({n})", f"logger.info('{w()} %s processed', {w()}_id)",
               f"    token = request.headers.get('Authorization', '').removeprefix('Bearer ')",
               "    password = form.cleaned_data['password']", f"    if not user.check_password(password):",
               f"    cache_key = f'{w()}:{{user.id}}'"],
        "js": [f"export function {w()}{n}(req, res) {{", f"  const {w()} = await db.{w()}.findById(req.params.id);",
               f"  res.json({{ {w()}: {w()}.toJSON() }});", "}", f"const apiKey = process.env.{w().upper()}_API_KEY;",
               f"  if (!token) throw new Error('missing token');", f"const keyName = '{w()}-key';"],
        "go": [f"func handle{w().title()}{n}(w http.ResponseWriter, r *http.Request) {{", f"\t{w()}, err := store.Get(r.Context(), id)",
               "\tif err != nil {", "\t\treturn err", "\t}", f'\ttoken := os.Getenv("{w().upper()}_TOKEN")',
               f'\tpassword := viper.GetString("{w()}.password")'],
        "json": [f'  "{w()}": "{w()}-{n}",', f'  "{w()}_count": {n},', f'  "enabled": {rng.choice(["true", "false"])},',
                 f'  "token_url": "https://auth.acme.io/oauth/token",', f'  "secret_name": "{w()}-credentials",'],
        "properties": [f"{w()}.{w()}.url=https://{w()}.acme.io", f"{w()}.timeout={n}", f"spring.{w()}.enabled=true",
                       f"{w()}.password.min-length=12", f"{w()}.key-store-type=PKCS12"],
        "tf": [f'resource "aws_s3_bucket" "{w()}_{n}" {{', f'  bucket = "acme-{w()}-{n}"', "}",
               f'  password = var.{w()}_password', f'  kms_key_id = aws_kms_key.{w()}.arn', f'  name = "{w()}"'],
        "toml": [f"[{w()}]", f'name = "{w()}"', f"workers = {rng.randint(1, 32)}", f'token_file = "/run/secrets/{w()}"'],
        "docker": [f"RUN apt-get update && apt-get install -y --no-install-recommends {w()}",
                   f"COPY {w()}/ /app/{w()}/", f"WORKDIR /app/{w()}", f"EXPOSE {rng.randint(1000, 9999)}",
                   f"ARG {w().upper()}_VERSION=1.{n}", "USER 10001"],
    }[kind]
    return rng.choice(lines)


def decoy(kind, rng, fake):
    """A line a secret scanner should NOT report, and what makes it a decoy."""
    w = lambda: rng.choice(WORDS)
    render = KINDS[kind][1]
    text = lambda s: base64.b64encode(s.encode()).decode()
    choices = [
        ("placeholder", render("DB_PASSWORD", "${DB_PASSWORD}")),
        ("placeholder", render("API_KEY", "<your-api-key>")),
        ("placeholder", render("SECRET_KEY", "changeme")),
        ("placeholder", render("AUTH_TOKEN", "xxxxxxxxxxxxxxxxxxxxxxxx")),
        ("placeholder", render("CLIENT_SECRET", "{{ .Values.oauth.clientSecret }}")),
        ("placeholder", render("DB_PASSWORD", "********")),
        ("placeholder", render("GITHUB_TOKEN", "$GITHUB_TOKEN")),
        ("placeholder", render("password", "your_password_here")),
        ("placeholder", render("STRIPE_SECRET_KEY", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")),
        ("hash", render(f"{w().upper()}_SHA256", fake.chars(ALPHABETS["hex"], 64))),
        ("hash", render("checksum", fake.chars(ALPHABETS["hex"], 32))),
        ("hash", render("PASSWORD_HASH", "$2b$12$" + fake.chars(ALPHABETS["b64"], 53).replace("+", "."))),
        ("hash", render("integrity", "sha512-" + fake.chars(ALPHABETS["b64"], 86) + "==")),
        ("hash", render("GIT_COMMIT", fake.chars(ALPHABETS["hex"], 40))),
        ("hash", render("image", f"registry.acme.io/{w()}@sha256:{fake.chars(ALPHABETS['hex'], 64)}")),
        ("uuid", render("REQUEST_ID", fake.uuid())),
        ("uuid", render(f"{w().upper()}_ID", fake.uuid())),
        ("uuid", render("TENANT_ID", fake.uuid())),
        ("base64", render("WELCOME_BANNER", text(f"Welcome to the {w()} service, have a nice day"))),
        ("base64", render("config", text(f'{{"{w()}": "{w()}", "retries": 3, "region": "eu-west-1"}}'))),
        ("example-key", render("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")),
        ("example-key", render("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
        ("example-key", render("STRIPE_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")),
        ("public", render("SSH_PUBLIC_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + fake.chars(ALPHABETS["b64"], 43) + " ci@acme")),
        ("public", render("STRIPE_PUBLISHABLE_KEY", "pk_live_" + fake.chars(ALNUM, 99))),
        ("url", render("DATABASE_URL", f"postgres://db.internal:5432/{w()}")),
        ("url", render("WEBHOOK_URL", f"https://hooks.acme.io/{w()}/events")),
        ("name", render("SECRET_NAME", f"{w()}-tls")),
        ("name", render("TOKEN_TYPE", "bearer")),
        ("name", render("CACHE_KEY", f"{w()}:{w()}:v2")),
        ("name", render("KEY_ID", fake.chars(ALPHABETS["hex"], 16))),
        ("id", render("GA_MEASUREMENT_ID", "G-" + fake.chars(ALPHABETS["upper"], 10))),
        ("id", render(f"{w().upper()}_COLOR", "#" + fake.chars(ALPHABETS["hex"], 6))),
        ("version", render("VERSION", f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}")),
    ]
    return rng.choice(choices)


def block_decoy(rng, fake):
    """Multi-line decoys: a certificate, a public key."""
    kind = rng.choice(["CERTIFICATE", "PUBLIC KEY"])
    return "cert", [f"-----BEGIN {kind}-----"] + fake.pem_body(5) + [f"-----END {kind}-----"]


def expand_special(template, fake):
    """Tokens a plain expansion does not know: a kubeconfig key, a docker auth, a WireGuard key."""
    if "{kubekey}" in template:
        pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(fake.pem_body(4)) + "\n-----END RSA PRIVATE KEY-----\n"
        template = template.replace("{kubekey}", base64.b64encode(pem.encode()).decode(), 1)
    if "{dockerauth}" in template:
        user_pass = f"ci-{fake.chars(ALPHABETS['lower'], 5)}:{fake.chars(ALNUM, 18)}"
        template = template.replace("{dockerauth}", base64.b64encode(user_pass.encode()).decode(), 1)
    while "{wgkey}" in template:
        key = base64.b64encode(bytes(fake.rng.randrange(256) for _ in range(32))).decode()
        template = template.replace("{wgkey}", key, 1)
    return fake.expand(template)


def detector_codes():
    codes = []
    for name in sorted(os.listdir(DETECTORS_DIR)):
        if name.endswith(".rs"):
            codes += re.findall(r'code: "(SEC\d+)"', open(os.path.join(DETECTORS_DIR, name), encoding="utf-8").read())
    return sorted(set(codes))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=1600)
    ap.add_argument("--per-detector", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    fake = Fake(rng)

    missing = [c for c in detector_codes() if c not in PLANTS]
    if missing:
        raise SystemExit(f"no generator for {', '.join(missing)}: add them to PLANTS")

    labels = {"secrets": [], "decoys": []}
    files = {}  # relative path -> list of lines (str) or bytes

    def add(rel, content):
        files[rel] = content

    # Ordinary files to host "var" and "raw" plants.
    kinds = list(KINDS)
    hosts = []
    n_special = sum(1 for c, p in PLANTS.items() if p[0] in ("file", "binary")) * args.per_detector
    for i in range(max(args.files - n_special, 100)):
        kind = rng.choices(kinds, weights=[12, 12, 18, 12, 10, 6, 8, 5, 6, 4, 7])[0]
        ext, _ = KINDS[kind]
        rel = (f"svc{i % 60}/{rng.choice(WORDS)}{i}/Dockerfile" if kind == "docker"
               else f"svc{i % 60}/{rng.choice(WORDS)}{i}{ext}")
        hosts.append({"rel": rel, "kind": kind, "plants": [], "context": set()})

    # Spread the plants: each host takes at most two.
    order = [c for c in sorted(PLANTS) for _ in range(args.per_detector)]
    rng.shuffle(order)
    special_n = 0
    for code in order:
        plant = PLANTS[code]
        if plant[0] in ("file", "binary"):
            special_n += 1
            rel = plant[1].replace("{n}", str(special_n))
            if plant[0] == "binary":
                add(rel, plant[2] + bytes(rng.randrange(256) for _ in range(2048)) + b"\x00" * 16)
                labels["secrets"].append({"file": rel, "line": 1, "kind": code})
                continue
            lines, labelled = [], None
            for line in plant[2]:
                if line.startswith("{pem"):
                    count = int(line[5:-1]) if ":" in line else 6
                    indent = "    " if count == 4 else ""
                    lines += [indent + b for b in fake.pem_body(count)]
                    continue
                if "{v}" in line:
                    labelled = len(lines) + 1
                    line = line.replace("{v}", "")
                lines.append(expand_special(line, fake))
            add(rel, lines)
            labels["secrets"].append({"file": rel, "line": labelled, "kind": code})
            continue
        allowed = plant[3] if plant[0] == "raw" else None
        candidates = [h for h in hosts if len(h["plants"]) < 2 and (allowed is None or h["kind"] in allowed)]
        if plant[0] == "var":
            candidates = [h for h in candidates if len(plant) < 4 or h["kind"] != "json"] or candidates
        host = rng.choice(candidates)
        host["plants"].append(code)

    for host in hosts:
        kind, render = host["kind"], KINDS[host["kind"]][1]
        body = [filler(kind, rng, fake) for _ in range(rng.randint(25, 80))]
        planted = []  # (index in body, code)
        for code in host["plants"]:
            plant = PLANTS[code]
            if plant[0] == "var":
                line = render(plant[1], expand_special(plant[2], fake))
                context = plant[3] if len(plant) > 3 else None
            else:
                value = expand_special(plant[2], fake)
                line = expand_special(plant[1].replace("{v}", "\0"), fake).replace("\0", value)
                context = plant[4] if len(plant) > 4 else None
            if context:
                host["context"].add(context)
            at = rng.randrange(len(body) + 1)
            body.insert(at, line)
            planted = [(i + 1 if i >= at else i, c) for i, c in planted] + [(at, code)]
        decoys = []
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            what, line = decoy(kind, rng, fake)
            at = rng.randrange(len(body) + 1)
            body.insert(at, line)
            planted = [(i + 1 if i >= at else i, c) for i, c in planted]
            decoys = [(i + 1 if i >= at else i, d) for i, d in decoys] + [(at, what)]
        if kind in ("yaml", "env", "sh", "properties") and rng.random() < 0.08:
            what, block = block_decoy(rng, fake)
            if kind == "yaml":
                block = ["  ca.crt: |"] + ["    " + b for b in block]
            at = len(body)
            body += block
            decoys.append((at + (1 if kind == "yaml" else 0), what))
        header = []
        comment = COMMENT.get(kind, "#")
        if kind == "json":
            header = ["{"] + [f'  "_note": "{c}",' for c in sorted(host["context"])]
            body = [l for l in body]
            footer = ['  "end": true', "}"]
        else:
            header = [f"{comment} {c}" for c in sorted(host["context"])]
            if kind == "py":
                header.append("import os")
            footer = []
        if kind == "yaml":
            header.append(f"{rng.choice(WORDS)}:")
        lines = header + body + footer
        offset = len(header)
        add(host["rel"], lines)
        for i, code in planted:
            labels["secrets"].append({"file": host["rel"], "line": offset + i + 1, "kind": code})
        for i, what in decoys:
            labels["decoys"].append({"file": host["rel"], "line": offset + i + 1, "what": what})

    for rel, content in files.items():
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, bytes):
            open(path, "wb").write(content)
        else:
            open(path, "w", encoding="utf-8", newline="\n").write("\n".join(content) + "\n")
    labels["secrets"].sort(key=lambda l: (l["file"], l["line"]))
    labels["decoys"].sort(key=lambda l: (l["file"], l["line"]))
    with open(os.path.join(args.out, "labels.json"), "w") as f:
        json.dump(labels, f, indent=0)
    size = sum(len(c) if isinstance(c, bytes) else sum(len(l) + 1 for l in c) for c in files.values())
    print(f"{len(files)} files, {size / 1e6:.1f} MB, {len(labels['secrets'])} secrets of "
          f"{len(PLANTS)} kinds, {len(labels['decoys'])} decoys -> {args.out}")


if __name__ == "__main__":
    main()
