//! PSS-seLinuxOptions (baseline): no custom SELinux user or role, and only the container types.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "seLinuxOptions",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-seLinuxOptions",
        aliases: &[],
        severity: Severity::Medium,
        title: Text {
            en: "Pod Security baseline: custom SELinux options",
            zh: "Pod 安全标准 baseline：自定义 SELinux 选项",
        },
        description: Text {
            en: "A custom SELinux user, role or type can lift a container out of its confinement. Baseline allows \
                 only the types container_t, container_init_t and container_kvm_t (and container_engine_t from \
                 policy version v1.31), and no user or role.",
            zh: "自定义的 SELinux 用户、角色或类型可以让容器脱离约束。baseline 级别只允许 container_t、\
                 container_init_t、container_kvm_t 类型（从策略版本 v1.31 起还有 container_engine_t），且不允许\
                 设置用户和角色。",
        },
        remediation: Text {
            en: "Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and use an allowed type or none.",
            zh: "删除 `seLinuxOptions.user` 和 `seLinuxOptions.role`，类型使用允许的值或不设置。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("selinux"),
    },
    versions: &[
        Versioned::new(0, types_up_to::<3>),
        Versioned::new(31, types_up_to::<4>),
    ],
};

/// The allowed types, in the order versions added them.
const TYPES: [&str; 4] = [
    "container_t",
    "container_init_t",
    "container_kvm_t",
    "container_engine_t",
];

/// The behaviour of a version that allows the first `N` of `TYPES`.
fn types_up_to<'a, const N: usize>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    run(pod, out, &TYPES[..N]);
}

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>, types: &[&str]) {
    if let Some(options) = pod_level(pod, "seLinuxOptions") {
        let prefix = pod.spec.field("securityContext.seLinuxOptions");
        check(options, &prefix, &tr!(out.lang, "the pod", "Pod"), types, out);
    }
    for container in pod.containers() {
        let Some(options) = own(&container, "seLinuxOptions") else {
            continue;
        };
        let prefix = container.field("securityContext.seLinuxOptions");
        let name = container.name();
        check(
            options,
            &prefix,
            &tr!(out.lang, "container `{name}`", "容器 `{name}`"),
            types,
            out,
        );
    }
}

fn check<'a>(options: &'a Node, prefix: &str, who: &str, types: &[&str], out: &mut Out<'a, '_>) {
    if let Some(kind) = set(options.get("type")) {
        let text = kind.as_text().unwrap_or_default();
        if !text.is_empty() && !types.contains(&text) {
            let allowed = types.join(", ");
            let message = tr!(
                out.lang,
                "{who} sets SELinux type `{text}`; allowed: {allowed}, or unset",
                "{who} 设置了 SELinux 类型 `{text}`；允许的值：{allowed}，或不设置",
            );
            out.report(&CHECK, kind, format!("{prefix}.type"), "selinux", message);
        }
    }
    for key in ["user", "role"] {
        let Some(value) = set(options.get(key)) else {
            continue;
        };
        let text = value.as_text().unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        let message = tr!(
            out.lang,
            "{who} sets SELinux {key} `{text}`; allowed: unset",
            "{who} 设置了 SELinux {key} `{text}`；允许的值：不设置",
        );
        out.report(&CHECK, value, format!("{prefix}.{key}"), "selinux", message);
    }
}
