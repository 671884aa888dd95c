//! K8S121: a pod writes its own entries into the containers' `/etc/hosts` (`hostAliases`).
//!
//! An empty `hostAliases: []` manages nothing and is not reported (Trivy reports the bare key).

use super::view::label;
use crate::checks::prelude::*;

pub(crate) static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "K8S121",
        aliases: &["KSV007"],
        severity: Severity::Low,
        title: Text {
            en: "Pod manages /etc/hosts",
            zh: "Pod 自行管理 /etc/hosts",
        },
        description: Text {
            en: "`hostAliases` makes the kubelet write fixed name-to-address entries into every \
                 container's `/etc/hosts`. The entries override DNS silently, go stale when the \
                 addresses change, and are a quiet way to redirect a service name to another host.",
            zh: "`hostAliases` 会让 kubelet 把固定的域名到地址映射写进每个容器的 `/etc/hosts`。这些条目会悄悄\
                 覆盖 DNS 解析，地址变化后不会更新，也是把服务名悄悄指向其他主机的一种手段。",
        },
        remediation: Text {
            en: "Remove `hostAliases` and publish the names in DNS: a Service (an ExternalName or a \
                 selector-less Service with an EndpointSlice for outside addresses) or your DNS zone.",
            zh: "删除 `hostAliases`，改为通过 DNS 发布这些名称：使用 Service（外部地址可用 ExternalName，或无 \
                 selector 的 Service 配合 EndpointSlice），或写入你的 DNS 区域。",
        },
        references: &["https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/"],
        concern: None,
    },
    check,
};

fn check(object: &Object<'_>, sink: &mut Sink<'_>) {
    let Some(pod) = object.pod_spec() else { return };
    let Some((key, value)) = pod.node.get_entry("hostAliases") else {
        return;
    };
    let Some(aliases) = value.as_seq().filter(|a| !a.is_empty()) else {
        return;
    };
    let names: Vec<String> = aliases
        .iter()
        .filter_map(|a| a.get("hostnames").and_then(Node::as_seq))
        .flatten()
        .filter_map(Node::as_text)
        .map(|h| format!("`{h}`"))
        .collect();
    let object = label(object);
    let message = if names.is_empty() {
        tr!(
            sink.lang(),
            "{object} writes its own /etc/hosts entries; remove `hostAliases` and use DNS",
            "{object} 自行写入 /etc/hosts 条目；请删除 `hostAliases`，改用 DNS",
        )
    } else {
        let (en, zh) = (names.join(", "), names.join("、"));
        tr!(
            sink.lang(),
            "{object} pins {en} in /etc/hosts; remove `hostAliases` and publish the names in DNS",
            "{object} 在 /etc/hosts 中写死了 {zh}；请删除 `hostAliases`，改为通过 DNS 发布这些名称",
        )
    };
    sink.report(&RULE.meta, key, pod.field("hostAliases"), message);
}
