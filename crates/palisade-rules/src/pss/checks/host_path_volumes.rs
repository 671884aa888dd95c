//! PSS-hostPathVolumes (baseline): hostPath volumes are forbidden.

use super::super::prelude::*;

pub(crate) static CHECK: Check = Check {
    id: "hostPathVolumes",
    level: Level::Baseline,
    meta: RuleMeta {
        code: "PSS-hostPathVolumes",
        aliases: &[],
        severity: Severity::High,
        title: Text {
            en: "Pod Security baseline: hostPath volume",
            zh: "Pod 安全标准 baseline：hostPath 卷",
        },
        description: Text {
            en: "A hostPath volume mounts a file or directory of the node into the pod: the node's credentials, \
                 the container runtime socket or the kubelet's data are one path away. Baseline rejects every \
                 hostPath volume.",
            zh: "hostPath 卷把节点上的文件或目录挂进 Pod：节点凭据、容器运行时套接字、kubelet 数据都近在咫尺。\
                 baseline 级别拒绝所有 hostPath 卷。",
        },
        remediation: Text {
            en: "Replace the hostPath volume with an emptyDir, a ConfigMap or Secret, or a PersistentVolumeClaim; \
                 node agents that truly need the host belong in a namespace with the privileged level.",
            zh: "用 emptyDir、ConfigMap/Secret 或 PersistentVolumeClaim 替代 hostPath 卷；确实需要访问宿主机的\
                 节点代理应放在 privileged 级别的命名空间中。",
        },
        references: &["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
        concern: Some("host-path"),
    },
    versions: &[Versioned::new(0, run)],
};

fn run<'a>(pod: &Pod<'a>, out: &mut Out<'a, '_>) {
    for (index, volume) in pod.spec.volumes() {
        let Some(host_path) = set(volume.get("hostPath")) else {
            continue;
        };
        let name = volume.get("name").and_then(Node::as_text).unwrap_or("<unnamed>");
        let message = tr!(
            out.lang,
            "volume `{name}` is a hostPath volume; allowed: no hostPath volumes",
            "卷 `{name}` 是 hostPath 卷；允许的值：不使用 hostPath 卷",
        );
        // At the path, as palisade's own hostPath rules report, so a scan names the field once.
        let at = host_path.get("path").unwrap_or(host_path);
        let field = pod.spec.field(&format!("volumes[{index}].hostPath.path"));
        out.report(&CHECK, at, field, "host-path", message);
    }
}
