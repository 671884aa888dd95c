//! Differential test against Trivy's own unit tests (`$PALISADE_CORPORA/trivy-checks/
//! rego_test_inputs.json`): for every test input of a Trivy check that an RBAC rule names as an
//! alias, the rule must fire exactly when Trivy's `deny` does, except for the deliberate
//! differences listed in `DIFFERENCES`, each with the Kubernetes reason. A difference that no
//! longer differs fails the test too, so the list stays true.

use std::sync::Arc;

use palisade_core::corpora;
use serde_json::Value;

use crate::{Settings, find, scan_manifest};

/// `(Trivy check, test name, why palisade answers differently)`.
const DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "KSV041",
        "test_manage_secret_verb_impersonate",
        "`impersonate` on secrets grants nothing",
    ),
    (
        "KSV113",
        "test_manage_secret_verb_impersonate",
        "`impersonate` on secrets grants nothing",
    ),
    (
        "KSV043",
        "test_impersonate_privileged_groups",
        "a Role cannot grant cluster-wide group impersonation",
    ),
    (
        "KSV047",
        "test_privilege_escalation_from_node_proxy_create",
        "a Role cannot grant cluster-scoped nodes/proxy",
    ),
    (
        "KSV047",
        "test_privilege_escalation_from_node_proxy_get",
        "a Role cannot grant cluster-scoped nodes/proxy",
    ),
    (
        "KSV048",
        "test_update_malicious_pod_deletecollection",
        "deleting workloads runs no code",
    ),
    (
        "KSV050",
        "test_manage_K8s_RBAC_resources_impersonate",
        "`impersonate` on rolebindings grants nothing",
    ),
    (
        "KSV050",
        "test_manage_K8s_RBAC_resources_all",
        "`*` on rolebindings is binding management (K8S412), not escalate/bind",
    ),
    (
        "KSV052",
        "test_allowing_create_clusterrolebindings_binding_and_associate_clusterrole",
        "a Role cannot grant cluster-scoped clusterrolebindings",
    ),
    (
        "KSV055",
        "test_allowing_users_rolebinding_add_other_users_their_rolebindings_no_verb_get",
        "`patch` alone changes a binding; `get` is not needed",
    ),
    (
        "KSV111",
        "test_cluster_role_admin__used_with_non_system_role_binding",
        "a roleRef of kind Role named cluster-admin is the namespace's own role",
    ),
    (
        "KSV111",
        "test_cluster_role_admin__used_with_system_role_binding",
        "a roleRef of kind Role named cluster-admin is the namespace's own role",
    ),
    (
        "KSV111",
        "test_admin_used_with_system_role_binding",
        "a roleRef of kind Role named admin is the namespace's own role",
    ),
    (
        "KSV114",
        "test_manageWebhookConfig_verb_create",
        "a Role cannot grant cluster-scoped webhook configurations",
    ),
    (
        "KSV114",
        "test_manageWebhookConfig_verb_update",
        "a Role cannot grant cluster-scoped webhook configurations",
    ),
    (
        "KSV114",
        "test_manageWebhookConfig_verb_patch",
        "a Role cannot grant cluster-scoped webhook configurations",
    ),
    (
        "KSV114",
        "test_manageWebhookConfig_verb_delete",
        "a Role cannot grant cluster-scoped webhook configurations",
    ),
    (
        "KSV114",
        "test_manageWebhookConfig_verb_deletecollection",
        "a Role cannot grant cluster-scoped webhook configurations",
    ),
    (
        "KSV114",
        "test_manageWebhookConfig_verb_impersonate",
        "a Role cannot grant cluster-scoped webhook configurations",
    ),
    (
        "KSV049",
        "test_manageConfigmaps_verb_impersonate",
        "`impersonate` on configmaps grants nothing",
    ),
    (
        "KSV056",
        "test_manage_manage_kubernetes_networking_impersonate",
        "`impersonate` on ingresses grants nothing",
    ),
    (
        "KSV115",
        "test_manageEKSIAMAuthConfigmap_verb_create",
        "a Role in namespace default cannot reach kube-system/aws-auth",
    ),
    (
        "KSV115",
        "test_manageEKSIAMAuthConfigmap_verb_update",
        "a Role in namespace default cannot reach kube-system/aws-auth",
    ),
    (
        "KSV115",
        "test_manageEKSIAMAuthConfigmap_verb_patch",
        "a Role in namespace default cannot reach kube-system/aws-auth",
    ),
    (
        "KSV115",
        "test_manageEKSIAMAuthConfigmap_verb_delete",
        "a Role in namespace default cannot reach kube-system/aws-auth",
    ),
    (
        "KSV115",
        "test_manageEKSIAMAuthConfigmap_verb_deletecollection",
        "a Role in namespace default cannot reach kube-system/aws-auth",
    ),
    (
        "KSV115",
        "test_manageEKSIAMAuthConfigmap_verb_impersonate",
        "a Role in namespace default cannot reach kube-system/aws-auth",
    ),
    (
        "KSV115",
        "test_manageEKSIAMAuthConfigmap_verb_all",
        "a Role in namespace default cannot reach kube-system/aws-auth",
    ),
    (
        "KSV122",
        "test_cluster_role_binding_with_anonymous_user_binding",
        "`ClusterRolebinding` is not a Kubernetes kind",
    ),
    (
        "KSV0123",
        "test_cluster_role_binding_with_system_masters_binding",
        "`ClusterRolebinding` is not a Kubernetes kind",
    ),
    (
        "KSV01011",
        "test_cluster_role_binding_with_system_authenticate_binding",
        "`ClusterRolebinding` is not a Kubernetes kind",
    ),
    (
        "KSV01011",
        "test_role_binding_with_system_authenticated_group_binding_non_gke",
        "Trivy fires on GKE only; palisade cannot tell the platform",
    ),
];

#[test]
fn rbac_rules_agree_with_trivy_unit_tests() {
    let Some(dir) = corpora::dir() else { return };
    let text = std::fs::read_to_string(dir.join("trivy-checks/rego_test_inputs.json")).unwrap();
    let tests: Vec<Value> = serde_json::from_str(&text).unwrap();
    let settings = Settings::default();
    let (mut failures, mut differing, mut cases) = (Vec::new(), Vec::new(), 0);
    for test in &tests {
        let package = test["package"].as_str().unwrap_or_default();
        let check = package.rsplit('.').next().unwrap_or_default();
        let Some(rule) = find(check).filter(|r| r.meta.code.starts_with("K8S4")) else {
            continue;
        };
        let must_fire = match test["expect"].as_str() {
            Some("fail") => true,
            Some("pass") => false,
            _ => continue,
        };
        let name = test["test"].as_str().unwrap_or_default();
        let path: Arc<str> = Arc::from(format!("{check}-{name}.json"));
        // JSON is YAML: the input is scanned as written.
        let scan = scan_manifest(&path, &test["input"].to_string(), &settings);
        let fired = scan.findings.iter().any(|f| f.rule == rule.meta.code);
        cases += 1;
        let expected = DIFFERENCES.iter().any(|(c, t, _)| *c == check && *t == name);
        if fired != must_fire {
            differing.push((check, name));
            if !expected {
                failures.push(format!(
                    "{check} ({}) {name}: Trivy {}, palisade {}\n{}",
                    rule.meta.code,
                    if must_fire { "fires" } else { "passes" },
                    if fired { "fires" } else { "passes" },
                    test["input"]
                ));
            }
        }
    }
    for (check, name, _) in DIFFERENCES {
        if !differing.contains(&(*check, *name)) {
            failures.push(format!("{check} {name}: listed as a difference but agrees now"));
        }
    }
    assert!(cases > 150, "only {cases} Trivy test inputs matched RBAC aliases");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
