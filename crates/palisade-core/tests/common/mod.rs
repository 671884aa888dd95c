//! A handcrafted report for the renderer tests: several files (one on disk for snippets, one
//! from stdin, some not on disk), every severity, a finding with neither object nor field, one
//! whose rule has no metadata, a cluster-scoped object, an error, a warning and a skipped file,
//! in English or Chinese.

#![allow(dead_code, unreachable_pub)]

use std::borrow::Cow;
use std::sync::Arc;

use palisade_core::{Diagnostic, Finding, Lang, Location, ObjectRef, Report, RuleDoc, Severity};

/// What was "read from `-`" for the findings whose path is `-`.
pub const STDIN: &str =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: 网页  # web\nspec:\n  hostNetwork: true\n";

/// The file on disk the snippets of `deploy.yaml` come from (relative to the crate, which is
/// where `cargo test` runs integration tests).
pub const DEPLOY: &str = "tests/fixtures/render/deploy.yaml";

fn tr(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::Zh => zh.to_owned(),
    }
}

fn object(api_version: &str, kind: &str, namespace: Option<&str>, name: &str) -> Arc<ObjectRef> {
    Arc::new(ObjectRef {
        api_version: api_version.to_owned(),
        kind: kind.to_owned(),
        namespace: namespace.map(str::to_owned),
        name: Some(name.to_owned()),
    })
}

#[allow(clippy::too_many_arguments)]
fn finding(
    rule: &'static str,
    severity: Severity,
    message: String,
    path: &str,
    span: (u32, u32, u32, u32),
    object: Option<Arc<ObjectRef>>,
    field: Option<&str>,
) -> Finding {
    Finding {
        rule: Cow::Borrowed(rule),
        severity,
        message,
        location: Location {
            path: Arc::from(path),
            line: span.0,
            column: span.1,
            end_line: span.2,
            end_column: span.3,
            object,
            field: field.map(str::to_owned),
        },
        concern: Cow::Borrowed(rule),
    }
}

fn diagnostic(path: &str, line: Option<u32>, column: Option<u32>, message: String) -> Diagnostic {
    Diagnostic {
        path: Arc::from(path),
        line,
        column,
        message,
    }
}

#[allow(clippy::too_many_arguments)]
fn doc(
    lang: Lang,
    code: &str,
    aliases: &[&str],
    severity: Severity,
    title: (&str, &str),
    description: (&str, &str),
    remediation: (&str, &str),
    references: &[&str],
) -> (String, RuleDoc) {
    (
        code.to_owned(),
        RuleDoc {
            code: code.to_owned(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            severity,
            title: tr(lang, title.0, title.1),
            description: tr(lang, description.0, description.1),
            remediation: tr(lang, remediation.0, remediation.1),
            references: references.iter().map(|r| (*r).to_owned()).collect(),
        },
    )
}

pub fn report(lang: Lang) -> Report {
    let web = Some(object("apps/v1", "Deployment", Some("prod"), "web"));
    let pod = Some(object("v1", "Pod", None, "网页"));
    let role = Some(object(
        "rbac.authorization.k8s.io/v1",
        "ClusterRole",
        None,
        "admin-all",
    ));
    let api = Some(object("apps/v1", "Deployment", Some("prod"), "api"));
    let findings = vec![
        finding(
            "K8S105",
            Severity::Low,
            tr(
                lang,
                "name `网页` is not a DNS-1123 label",
                "名称 `网页` 不是合法的 DNS-1123 标签",
            ),
            "-",
            (4, 9, 4, 11),
            pod.clone(),
            Some("metadata.name"),
        ),
        finding(
            "K8S110",
            Severity::High,
            tr(
                lang,
                "pod \"web\u{1b}[2J\" shares the host's network namespace",
                "Pod \"web\u{1b}[2J\" 共享宿主机网络命名空间",
            ),
            "-",
            (6, 16, 6, 20),
            pod,
            Some("spec.hostNetwork"),
        ),
        finding(
            "K8S020",
            Severity::Medium,
            tr(
                lang,
                "container `api` has no memory limit",
                "容器 `api` 未设置内存限制",
            ),
            "configs/生产 app.yaml",
            (7, 11, 9, 1),
            api,
            Some("spec.template.spec.containers[0].resources.limits.memory"),
        ),
        finding(
            "DF002",
            Severity::High,
            tr(
                lang,
                "the image runs as root: the last USER is `root`",
                "镜像以 root 运行：最后的 USER 是 `root`",
            ),
            "docker/Dockerfile",
            (3, 1, 3, 10),
            None,
            None,
        ),
        finding(
            "DF002",
            Severity::High,
            tr(
                lang,
                "the image runs as root: the last USER is `0`",
                "镜像以 root 运行：最后的 USER 是 `0`",
            ),
            "docker/Dockerfile",
            (9, 1, 9, 7),
            None,
            None,
        ),
        finding(
            "K8S401",
            Severity::High,
            tr(
                lang,
                "rule 0 grants every verb on every resource <*>",
                "规则 0 对所有资源授予所有操作 <*>",
            ),
            "rbac.yaml",
            (8, 5, 10, 1),
            role,
            Some("rules[0]"),
        ),
        finding(
            "K8S999",
            Severity::Info,
            tr(
                lang,
                "experimental check without metadata",
                "无元数据的实验性检查",
            ),
            DEPLOY,
            (4, 9, 4, 12),
            web.clone(),
            None,
        ),
        finding(
            "K8S001",
            Severity::Critical,
            tr(
                lang,
                "container `app` runs privileged",
                "容器 `app` 以特权模式运行",
            ),
            DEPLOY,
            (13, 25, 13, 29),
            web.clone(),
            Some("spec.template.spec.containers[0].securityContext.privileged"),
        ),
        finding(
            "K8S020",
            Severity::Medium,
            tr(
                lang,
                "container `sidecar` has no memory limit",
                "容器 `sidecar` 未设置内存限制",
            ),
            DEPLOY,
            (14, 11, 16, 1),
            web,
            Some("spec.template.spec.containers[1].resources.limits.memory"),
        ),
    ];
    let rules = [
        doc(
            lang,
            "K8S001",
            &["KSV017", "CKV_K8S_16"],
            Severity::Critical,
            ("Privileged container", "特权容器"),
            (
                "A privileged container has every capability and the host's devices: whoever takes it over has the node.",
                "特权容器拥有全部能力和宿主机设备：攻破它就等于拿下了节点。",
            ),
            (
                "Set securityContext.privileged: false, or remove the field.",
                "将 securityContext.privileged 设为 false，或删除该字段。",
            ),
            &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        ),
        doc(
            lang,
            "K8S020",
            &["KSV018"],
            Severity::Medium,
            ("Container without memory limit", "容器未设置内存限制"),
            (
                "Without a memory limit one container can exhaust the node's memory and get its neighbours evicted.",
                "未设置内存限制时，一个容器就能耗尽节点内存，导致同节点的其他 Pod 被驱逐。",
            ),
            (
                "Set resources.limits.memory, e.g. `512Mi`.",
                "设置 resources.limits.memory，例如 `512Mi`。",
            ),
            &[
                "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
                "CIS Kubernetes Benchmark 5.7.4",
            ],
        ),
        doc(
            lang,
            "DF002",
            &["DL3002"],
            Severity::High,
            ("Last USER is root", "最后的 USER 是 root"),
            (
                "A container that runs as root turns any escape into root on the host.",
                "以 root 运行的容器一旦逃逸，攻击者就是宿主机上的 root。",
            ),
            (
                "Add `USER 10001` (a non-root user) after the last step that needs root.",
                "在最后一个需要 root 的步骤之后加上 `USER 10001`（非 root 用户）。",
            ),
            &["https://docs.docker.com/build/building/best-practices/#user"],
        ),
        doc(
            lang,
            "K8S105",
            &[],
            Severity::Low,
            ("Name is not a DNS-1123 label", "名称不是合法的 DNS-1123 标签"),
            (
                "Kubernetes rejects names that are not lower-case DNS labels.",
                "Kubernetes 拒绝不是小写 DNS 标签的名称。",
            ),
            (
                "Use lower-case letters, digits and `-`.",
                "只使用小写字母、数字和 `-`。",
            ),
            &["https://kubernetes.io/docs/concepts/overview/working-with-objects/names/"],
        ),
        doc(
            lang,
            "K8S110",
            &["KSV009", "CKV_K8S_19"],
            Severity::High,
            ("Pod uses the host network", "Pod 使用宿主机网络"),
            (
                "A pod on the host network sees every connection of the node and can bind its ports.",
                "使用宿主机网络的 Pod 能看到节点的所有连接，并可绑定节点端口。",
            ),
            (
                "Remove spec.hostNetwork or set it to false.",
                "删除 spec.hostNetwork 或将其设为 false。",
            ),
            &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        ),
        doc(
            lang,
            "K8S401",
            &["KSV044"],
            Severity::High,
            ("Role grants wildcard access", "角色授予通配符权限"),
            (
                "`*` on verbs and resources grants everything, including what later API versions add.",
                "在 verbs 和 resources 上使用 `*` 会授予全部权限，包括今后新增的 API。",
            ),
            (
                "List the verbs and resources the subject needs.",
                "列出主体实际需要的 verbs 和 resources。",
            ),
            &[],
        ),
    ];
    Report {
        findings,
        rules: rules.into_iter().collect(),
        errors: vec![
            diagnostic(
                "broken.yaml",
                Some(3),
                Some(7),
                tr(lang, "did not find expected key", "未找到预期的键"),
            ),
            diagnostic(
                "secret/unreadable.yaml",
                None,
                None,
                tr(lang, "permission denied (os error 13)", "权限不足 (os error 13)"),
            ),
        ],
        warnings: vec![diagnostic(
            ".palisadeignore.yaml",
            Some(4),
            Some(5),
            tr(
                lang,
                "suppression of K8S001 has no reason: add `reason:`",
                "K8S001 的忽略规则没有写原因：请添加 `reason:`",
            ),
        )],
        skipped: vec![diagnostic(
            "chart/templates/deploy.yaml",
            None,
            None,
            tr(
                lang,
                "Helm template ({{ … }}): scan the output of `helm template` instead",
                "Helm 模板（{{ … }}）：请改为扫描 `helm template` 的输出",
            ),
        )],
        files: 7,
        objects: 5,
        suppressed: 2,
        lang,
    }
}

/// A report of a clean scan.
pub fn clean(lang: Lang) -> Report {
    Report {
        files: 3,
        objects: 4,
        lang,
        ..Report::default()
    }
}
