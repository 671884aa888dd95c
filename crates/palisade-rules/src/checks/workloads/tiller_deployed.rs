//! K8S230: Tiller, the in-cluster server of Helm v2, is deployed.
//!
//! Found by a container image whose repository ends in `tiller` (`ghcr.io/helm/tiller`,
//! `gcr.io/kubernetes-helm/tiller`, a mirror's `…/tiller`), in any container list; otherwise by
//! the pod labels `helm init` sets, `app: helm` or `name: tiller`. Trivy also matches any object
//! name or image containing `tiller` (`distiller`, `tiller-demo-ui`), which palisade does not.

use super::{Component, report_component};
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S230",
        aliases: &["KSV102", "CKV_K8S_34"],
        severity: Severity::Critical,
        title: Text {
            en: "Tiller (Helm v2) is deployed",
            zh: "部署了 Tiller（Helm v2）",
        },
        description: Text {
            en: "Tiller is Helm v2's in-cluster server. It usually runs with cluster-admin rights \
                 and by default accepts unauthenticated gRPC on port 44134 from any pod, so anyone \
                 who can reach it can install any chart, which amounts to owning the cluster. Helm v2 \
                 has been unsupported since November 2020 and gets no security fixes.",
            zh: "Tiller 是 Helm v2 运行在集群内的服务端。它通常拥有 cluster-admin 权限，默认在 44134 端口\
                 接受任意 Pod 发来的未经认证的 gRPC 请求，任何能访问到它的人都能安装任意 Chart，\
                 等于拿下整个集群。Helm v2 自 2020 年 11 月起已停止维护，不会再有安全修复。",
        },
        remediation: Text {
            en: "Migrate the releases to Helm 3, which has no server component (`helm 2to3 convert`, \
                 then `helm 2to3 cleanup`), and delete Tiller's Deployment, Service and service \
                 account.",
            zh: "把发布迁移到没有服务端组件的 Helm 3（先执行 `helm 2to3 convert`，再执行 \
                 `helm 2to3 cleanup`），然后删除 Tiller 的 Deployment、Service 和服务账号。",
        },
        references: &[
            "https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller",
            "https://helm.sh/blog/helm-v2-deprecation-timeline/",
            "https://helm.sh/docs/topics/v2_v3_migration/",
        ],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    report_component(object, sink, &RULE.meta, &TILLER);
}

static TILLER: Component = Component {
    image: |reference| reference.base_name() == "tiller",
    labels: &[("app", "helm"), ("name", "tiller")],
    by_image: |lang, who, text| {
        tr!(
            lang,
            "{who} runs Tiller (`{text}`), Helm v2's server; migrate to Helm 3 and remove this workload",
            "{who} 运行的是 Tiller（`{text}`），即 Helm v2 的服务端；请迁移到 Helm 3 并删除这个工作负载",
        )
    },
    by_label: |lang, key, value, pods| {
        tr!(
            lang,
            "Tiller's label `{key}: {value}` is on {pods}; migrate to Helm 3 and remove this workload",
            "{pods} 带有 Tiller 的标签 `{key}: {value}`；请迁移到 Helm 3 并删除这个工作负载",
        )
    },
};
