//! Fixes: the smallest edits of a manifest's text that make its pods pass, keeping its comments,
//! key order and indentation; and, for what no edit can fix safely, the reason.

use palisade_core::{Lang, tr};
use palisade_yaml::{Budgets, Node, Value};

use super::{Policy, Violation, evaluate};
use crate::k8s::{Object, PodSpec, objects};

/// A violation left for a person, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manual {
    /// The object's line (where it starts) and name as `Kind/namespace/name`.
    pub line: u32,
    pub object: String,
    pub check: &'static str,
    pub field: String,
    pub reason: String,
}

/// The fixed text and what was left.
#[derive(Debug)]
pub struct Outcome {
    pub text: String,
    pub manual: Vec<Manual>,
}

/// One replacement of the text.
#[derive(Debug)]
struct Edit {
    offset: usize,
    delete: usize,
    insert: String,
}

/// Fixes every pod-bearing object of `text` against the policies `policies` gives for it, one
/// document at a time and one edit at a time, re-reading the document after each edit so edits
/// never collide (and a large stream is not re-read whole for every edit).
pub fn fix(
    text: &str,
    budgets: &Budgets,
    lang: Lang,
    policies: impl Fn(&Object<'_>) -> Vec<Policy>,
) -> Outcome {
    let mut fixed = String::with_capacity(text.len());
    let mut manual: Vec<Manual> = Vec::new();
    // Lines of the fixed text before the current document.
    let mut lines_before = 0;
    for chunk in palisade_yaml::chunks(text, 1) {
        let document = fix_document(chunk.text, budgets, &policies);
        each_violation(&document, budgets, lang, &policies, |object, v| {
            let entry = Manual {
                line: lines_before + object.root.span.start.line,
                object: object.reference.to_string(),
                check: v.check.id,
                field: v.field.clone(),
                reason: reason(v.check.id, lang),
            };
            if !manual.contains(&entry) {
                manual.push(entry);
            }
        });
        lines_before += u32::try_from(document.matches('\n').count()).unwrap_or(u32::MAX);
        fixed.push_str(&document);
    }
    Outcome { text: fixed, manual }
}

fn fix_document(text: &str, budgets: &Budgets, policies: &impl Fn(&Object<'_>) -> Vec<Policy>) -> String {
    let mut text = text.to_owned();
    let mut previous: Option<(String, usize)> = None;
    loop {
        let mut edit = None;
        let mut count = 0;
        each_violation(&text, budgets, Lang::En, policies, |object, v| {
            count += 1;
            if edit.is_none() {
                edit = object.pod_spec().and_then(|spec| edit_for(v, spec, &text));
            }
        });
        if let Some((before, fewer_than)) = previous.take() {
            // Every edit must remove a violation; one that does not (a shape of YAML the edits
            // do not handle) is undone, and what is left goes to a person.
            if count >= fewer_than {
                return before;
            }
        }
        let Some(edit) = edit else { return text };
        let before = text.clone();
        text.replace_range(edit.offset..edit.offset + edit.delete, &edit.insert);
        previous = Some((before, count));
    }
}

/// Calls `visit` with every violation of every pod-bearing object of `text`, under each policy
/// `policies` gives for the object.
fn each_violation(
    text: &str,
    budgets: &Budgets,
    lang: Lang,
    policies: &impl Fn(&Object<'_>) -> Vec<Policy>,
    mut visit: impl FnMut(&Object<'_>, &Violation<'_>),
) {
    for doc in palisade_yaml::documents(text, budgets) {
        let Ok(doc) = doc else { break };
        for object in objects(&doc.root) {
            let Some(spec) = object.pod_spec() else { continue };
            for policy in policies(&object) {
                let mut violations = Vec::new();
                evaluate(spec, policy, lang, &mut violations);
                for v in &violations {
                    visit(&object, v);
                }
            }
        }
    }
}

/// The edit that removes `violation`, when one is safe.
fn edit_for(violation: &Violation<'_>, spec: PodSpec<'_>, text: &str) -> Option<Edit> {
    let field = violation.field.as_str();
    // The part of the field under the pod spec: `securityContext.runAsNonRoot`,
    // `containers[0].securityContext.allowPrivilegeEscalation` …
    // Annotations (under the pods' metadata) have no path under the spec; they are replaced in place.
    let relative = field
        .strip_prefix(spec.prefix)
        .and_then(|r| r.strip_prefix('.'))
        .unwrap_or_default();
    let at = violation.at;
    match violation.check.id {
        "allowPrivilegeEscalation" => set(at, relative, spec, "false", text),
        "runAsNonRoot" => {
            if at.scalar().is_some() && !at.is_null() {
                replace(at, "true", text)
            } else {
                // Required and unset: the pod-level value covers every container at once.
                ensure(spec.node, &["securityContext", "runAsNonRoot"], "true", text)
            }
        }
        "seccompProfile_restricted" | "seccompProfile_baseline" => {
            if at.scalar().is_some() && !at.is_null() {
                let value = if at.as_text() == Some("unconfined") {
                    "runtime/default"
                } else {
                    "RuntimeDefault"
                };
                return replace(at, value, text);
            }
            let pod_level = ["securityContext", "seccompProfile", "type"];
            if relative.starts_with("securityContext.") {
                return ensure(spec.node, &pod_level, "RuntimeDefault", text);
            }
            // A container with a profile but no type gets one; a container without a profile is
            // covered by the pod-level profile, for every container at once.
            let (container, _) = split_field(spec.node, relative)?;
            let own = container
                .path(&["securityContext", "seccompProfile"])
                .filter(|p| !p.is_null());
            match own {
                Some(_) => set(at, relative, spec, "RuntimeDefault", text),
                None => ensure(spec.node, &pod_level, "RuntimeDefault", text),
            }
        }
        "capabilities_restricted" if relative.rsplit('.').next() == Some("drop") => {
            drop_all(relative, spec, text)
        }
        "procMount" | "procMount_restricted" => replace(at, "Default", text),
        "appArmorProfile" => {
            if at.as_text().is_some_and(|t| t.contains('/') || t == "unconfined") {
                replace(at, "runtime/default", text)
            } else {
                set(at, relative, spec, "RuntimeDefault", text)
            }
        }
        _ => None,
    }
}

/// Sets the field at `relative` (under the pod spec) to `value`: replaces the value if the field
/// is there, else adds the missing keys.
fn set(at: &Node, relative: &str, spec: PodSpec<'_>, value: &str, text: &str) -> Option<Edit> {
    if at.scalar().is_some() && !at.is_null() && field_is_at(at, relative, spec) {
        return replace(at, value, text);
    }
    let (base, keys) = split_field(spec.node, relative)?;
    ensure(base, &keys, value, text)
}

/// Whether `at` is the node of the field itself (not its nearest parent).
fn field_is_at(at: &Node, relative: &str, spec: PodSpec<'_>) -> bool {
    split_field(spec.node, relative)
        .and_then(|(base, keys)| base.path(&keys))
        .is_some_and(|n| std::ptr::eq(n, at))
}

/// Splits `containers[2].securityContext.x` into the container's node and `[securityContext, x]`.
fn split_field<'a>(spec: &'a Node, relative: &'a str) -> Option<(&'a Node, Vec<&'a str>)> {
    let mut node = spec;
    let mut keys = Vec::new();
    let mut parts = relative.split('.').peekable();
    while let Some(part) = parts.next() {
        let Some((list, index)) = part.split_once('[') else {
            keys.push(part);
            keys.extend(parts.by_ref());
            break;
        };
        let index: usize = index.strip_suffix(']')?.parse().ok()?;
        node = node.get(list)?.as_seq()?.get(index)?;
    }
    Some((node, keys))
}

fn replace(at: &Node, value: &str, text: &str) -> Option<Edit> {
    let raw = at.raw(text)?;
    if raw.is_empty() {
        return None;
    }
    Some(Edit {
        offset: at.span.start.offset,
        delete: raw.len(),
        insert: value.to_owned(),
    })
}

/// Adds `keys` (with `value` at the end) under `map`, starting from the deepest key that exists.
fn ensure(map: &Node, keys: &[&str], value: &str, text: &str) -> Option<Edit> {
    let mut node = map;
    let mut depth = 0;
    while depth < keys.len() {
        match node.get(keys[depth]) {
            Some(next) if next.as_map().is_some() => {
                node = next;
                depth += 1;
            }
            Some(next) if depth + 1 == keys.len() && next.scalar().is_some() && !next.is_null() => {
                return replace(next, value, text);
            }
            Some(_) => return None,
            None => break,
        }
    }
    insert_keys(node, &keys[depth..], value, text)
}

/// Inserts `keys: … value` into the mapping `map`, in its own style.
fn insert_keys(map: &Node, keys: &[&str], value: &str, text: &str) -> Option<Edit> {
    let entries = map.as_map()?;
    let raw = text.get(map.span.start.offset..map.span.end.offset)?;
    if raw.starts_with('{') {
        let nested = flow(keys, value);
        let close = map.span.start.offset + raw.rfind('}')?;
        let insert = if entries.is_empty() {
            nested
        } else {
            format!(", {nested}")
        };
        return Some(Edit {
            offset: close,
            delete: 0,
            insert,
        });
    }
    let (first_key, _) = entries.first()?;
    let indent = usize::try_from(first_key.span.start.column)
        .ok()?
        .checked_sub(1)?;
    // The key must start its line after indentation only (or after `- ` of a list item).
    let end = line_end(text, last_offset(map, text)?);
    let mut insert = String::new();
    for (depth, key) in keys.iter().enumerate() {
        insert.push('\n');
        insert.push_str(&" ".repeat(indent + 2 * depth));
        insert.push_str(key);
        insert.push(':');
        if depth + 1 == keys.len() {
            insert.push(' ');
            insert.push_str(value);
        }
    }
    Some(Edit {
        offset: end,
        delete: 0,
        insert,
    })
}

/// `a: {b: value}` for keys `[a, b]`.
fn flow(keys: &[&str], value: &str) -> String {
    let mut out = String::new();
    for key in keys {
        out.push_str(key);
        out.push_str(": ");
        if key != keys.last().unwrap_or(&"") {
            out.push('{');
        }
    }
    out.push_str(value);
    out.push_str(&"}".repeat(keys.len().saturating_sub(1)));
    out
}

/// The byte offset where the last value written inside `node` ends.
fn last_offset(node: &Node, text: &str) -> Option<usize> {
    match &node.value {
        // A block scalar's span runs on past its last line break.
        Value::Scalar(_) => Some(node.span.start.offset + node.raw(text)?.trim_end().len()),
        Value::Seq(items) => match items.last() {
            Some(last) => last_offset(last, text),
            None => Some(node.span.end.offset),
        },
        Value::Map(entries) => match entries.last() {
            Some((key, value)) => {
                // An empty value (`key:`) ends where its key does.
                if value.scalar().is_some() && value.raw(text).is_none_or(str::is_empty) {
                    last_offset(key, text).map(|k| k + 1)
                } else {
                    last_offset(value, text)
                }
            }
            None => Some(node.span.end.offset),
        },
    }
}

fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find('\n').map_or(text.len(), |i| offset + i)
}

/// Adds `ALL` to a container's `capabilities.drop`, creating what is missing.
fn drop_all(relative: &str, spec: PodSpec<'_>, text: &str) -> Option<Edit> {
    let (container, keys) = split_field(spec.node, relative)?;
    match container.path(&keys) {
        Some(list) if list.as_seq().is_some() => {
            let items = list.as_seq()?;
            let raw = text.get(list.span.start.offset..list.span.end.offset)?;
            if raw.starts_with('[') {
                let close = list.span.start.offset + raw.rfind(']')?;
                let insert = if items.is_empty() { "ALL" } else { ", ALL" };
                return Some(Edit {
                    offset: close,
                    delete: 0,
                    insert: insert.to_owned(),
                });
            }
            let last = items.last()?;
            let line_start = text[..last.span.start.offset].rfind('\n').map_or(0, |i| i + 1);
            let prefix = &text[line_start..last.span.start.offset];
            let dash = prefix.rfind('-')?;
            Some(Edit {
                offset: line_end(text, last_offset(last, text)?),
                delete: 0,
                insert: format!("\n{}- ALL", &prefix[..dash]),
            })
        }
        Some(_) => None,
        None => ensure(container, &keys, "[ALL]", text),
    }
}

/// Why a check's violations are left for a person.
fn reason(check: &str, lang: Lang) -> String {
    match check {
        "privileged" => tr!(
            lang,
            "a privileged container usually needs it (devices, node agents): remove `privileged: true` only after checking, or run the workload in a namespace at the privileged level",
            "特权容器通常确有需要（设备访问、节点代理）：确认不需要后再删除 `privileged: true`，否则请把工作负载放到 privileged 级别的命名空间",
        ),
        "hostNamespaces" => tr!(
            lang,
            "the pod shares a host namespace on purpose (node networking or monitoring); removing it changes what the workload can see",
            "Pod 共享宿主机命名空间通常是有意为之（节点网络或监控）；删除会改变工作负载能看到的内容",
        ),
        "hostPathVolumes" | "restrictedVolumes" => tr!(
            lang,
            "the volume holds data the workload reads or writes; replace it with a PersistentVolumeClaim, emptyDir, ConfigMap or Secret by hand",
            "该卷承载工作负载读写的数据；请手工改为 PersistentVolumeClaim、emptyDir、ConfigMap 或 Secret",
        ),
        "hostPorts" => tr!(
            lang,
            "clients reach the pod on the node's port; expose it through a Service and then remove `hostPort`",
            "客户端通过节点端口访问该 Pod；请先用 Service 暴露端口，再删除 `hostPort`",
        ),
        "capabilities_baseline" | "capabilities_restricted" => tr!(
            lang,
            "the process may need the capability it adds; remove it from `capabilities.add` after checking the workload runs without it",
            "进程可能需要它所添加的能力；确认工作负载不需要后，再从 `capabilities.add` 中删除",
        ),
        "runAsUser" => tr!(
            lang,
            "the container is set to run as root; choose a non-zero UID that the image's files allow",
            "容器被设置为以 root 运行；请选择镜像文件权限允许的非 0 UID",
        ),
        "sysctls" => tr!(
            lang,
            "the workload tunes the kernel; set the sysctl on the nodes instead, or drop it after checking",
            "工作负载在调整内核参数；请改为在节点上设置该 sysctl，或确认后删除",
        ),
        "seLinuxOptions" => tr!(
            lang,
            "custom SELinux labels are chosen for a reason; use an allowed type after checking the workload's access",
            "自定义 SELinux 标签通常有其原因；确认工作负载的访问需求后改用允许的类型",
        ),
        "windowsHostProcess" => tr!(
            lang,
            "a HostProcess container is a node agent by design; run it in a namespace at the privileged level",
            "HostProcess 容器本身就是节点代理；请把它放到 privileged 级别的命名空间",
        ),
        "hostProbesAndHostLifecycle" => tr!(
            lang,
            "the probe or hook targets another host on purpose; point it at the pod itself after checking",
            "探针或钩子有意指向其他主机；确认后改为探测 Pod 自身",
        ),
        _ => tr!(
            lang,
            "no automatic fix is safe here; change the field by hand",
            "此处没有安全的自动修复；请手工修改该字段",
        ),
    }
}
