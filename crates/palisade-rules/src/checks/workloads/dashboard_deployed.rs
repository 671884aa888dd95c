//! K8S232: the Kubernetes Dashboard is deployed.
//!
//! Found by a container image from the dashboard project (a repository under `kubernetesui/`,
//! such as `kubernetesui/dashboard` or `kubernetesui/metrics-scraper`, or one named
//! `kubernetes-dashboard…` such as the old `k8s.gcr.io/kubernetes-dashboard-amd64`), in any
//! container list; otherwise by a pod label `k8s-app`, `app` or `app.kubernetes.io/name` equal to
//! `kubernetes-dashboard`. Checkov (`CKV_K8S_33`) matches `kubernetes-dashboard` or `kubernetesui`
//! anywhere in the image string and does not read `k8s-app` when an `app` label exists.

use super::{Component, report_component};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S232",
        aliases: &["CKV_K8S_33"],
        severity: Severity::Medium,
        title: Text {
            en: "Kubernetes Dashboard is deployed",
            zh: "部署了 Kubernetes Dashboard",
        },
        description: Text {
            en: "The Kubernetes Dashboard is a web UI that acts on the cluster with its own service \
                 account or with a token users paste in. Exposed dashboards with broad rights have \
                 been used to take over clusters (the 2018 cryptomining breach at Tesla began at a \
                 dashboard without a password), and every running instance is one more \
                 browser-facing way into the API.",
            zh: "Kubernetes Dashboard 是一个网页界面，它用自己的服务账号或用户粘贴进来的令牌操作集群。\
                 权限宽泛又暴露在外的 Dashboard 曾被用来接管集群（2018 年特斯拉遭挖矿入侵，起点就是一个\
                 没有密码保护的 Dashboard）；每多一个运行中的实例，就多一条从浏览器通往 API 的入口。",
        },
        remediation: Text {
            en: "Remove the dashboard and use `kubectl` or a management tool outside the cluster. If \
                 it must stay, keep it inside the cluster (reach it with `kubectl proxy` or \
                 `kubectl port-forward`), never bind its service account to `cluster-admin`, and \
                 make users sign in with their own token.",
            zh: "删除 Dashboard，改用 `kubectl` 或集群外的管理工具。如果必须保留：不要把它暴露到集群外\
                 （通过 `kubectl proxy` 或 `kubectl port-forward` 访问），绝不要把它的服务账号绑定到 \
                 `cluster-admin`，并要求用户用自己的令牌登录。",
        },
        references: &[
            "https://kubernetes.io/docs/tasks/access-application-cluster/web-ui-dashboard/",
            "https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    report_component(object, sink, &RULE.meta, &DASHBOARD);
}

static DASHBOARD: Component = Component {
    image: |reference| {
        reference.repository.split('/').any(|c| c == "kubernetesui")
            || reference.base_name().starts_with("kubernetes-dashboard")
    },
    labels: &[
        ("k8s-app", "kubernetes-dashboard"),
        ("app", "kubernetes-dashboard"),
        ("app.kubernetes.io/name", "kubernetes-dashboard"),
    ],
    by_image: |lang, who, text| {
        tr!(
            lang,
            "{who} runs a Kubernetes Dashboard image (`{text}`); remove the dashboard, or keep it inside the cluster with a least-privilege service account",
            "{who} 运行的是 Kubernetes Dashboard 的镜像（`{text}`）；请删除 Dashboard，或只在集群内部访问并使用最小权限的服务账号",
        )
    },
    by_label: |lang, key, value, pods| {
        tr!(
            lang,
            "the Kubernetes Dashboard label `{key}: {value}` is on {pods}; remove the dashboard, or keep it inside the cluster with a least-privilege service account",
            "{pods} 带有 Kubernetes Dashboard 的标签 `{key}: {value}`；请删除 Dashboard，或只在集群内部访问并使用最小权限的服务账号",
        )
    },
};
