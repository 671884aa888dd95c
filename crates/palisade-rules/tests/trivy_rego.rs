//! Differential test against Trivy's own Rego unit tests (`$PALISADE_CORPORA/trivy-checks/
//! rego_test_inputs.json`): for every Kubernetes test input of a Trivy check (`KSV…`, `KCV…`)
//! that a palisade rule names as an alias, the rule must fire exactly when Trivy's `deny` does,
//! except for the deliberate differences listed in `DIFFERENCES`, each with the Kubernetes reason.
//! A listed difference that no longer differs fails the test too, so the list stays true.

use std::collections::BTreeMap;
use std::sync::Arc;

use palisade_core::RuleMeta;
use palisade_core::corpora;
use palisade_rules::pss::Policy;
use palisade_rules::{Settings, rules, scan_manifest};
use serde_json::Value;

/// `(Trivy check, test name, why palisade answers differently)`. Reasons prefixed `BUG:` are
/// palisade mistakes kept here only until the rule is fixed.
const DIFFERENCES: &[(&str, &str, &str)] = &[
    // Pod Security Standards.
    (
        "KSV106",
        "test_drop_all_add_net_bind_service_allowed",
        "Pod Security Admission compares `drop` to \"ALL\" exactly; `all` does not satisfy it",
    ),
    // Containers and pods.
    (
        "KSV118",
        "test_deployment_without_security_context",
        "every container sets a securityContext, so none runs with defaults (K8S009 doc)",
    ),
    (
        "KSV118",
        "test_deployment_with_empty_security_context",
        "every container sets a securityContext, so none runs with defaults (K8S009 doc)",
    ),
    (
        "KSV030",
        "test_annotation_allowed",
        "the seccomp alpha annotations are ignored since Kubernetes 1.27; the profile is unset",
    ),
    (
        "KSV104",
        "test_pod_annotations_seccomp_profile_unconfined_allowed",
        "the seccomp alpha annotations are ignored since Kubernetes 1.27; unset means Unconfined",
    ),
    // Workloads.
    (
        "KSV107",
        "test_eval_k8s_api_with_data_match",
        "Trivy's input is wrong: the test injects data marking batch/v1 Job removed; it is served",
    ),
    // Network.
    (
        "KSV038",
        "test_networkpolicy_with_spec_namespace_selector",
        "`spec.namespaceSelector` is not a NetworkPolicy field; K8S505 requires spec.podSelector",
    ),
    (
        "KSV038",
        "test_networkpolicy_with_ingress_pod_selector",
        "peer selectors say who may connect, not which pods are governed; K8S505 requires spec.podSelector",
    ),
    (
        "KSV038",
        "test_networkpolicy_with_ingress_namespace_selector",
        "peer selectors say who may connect, not which pods are governed; K8S505 requires spec.podSelector",
    ),
    (
        "KSV038",
        "test_networkpolicy_with_egress_namespace_selector",
        "peer selectors say who may connect, not which pods are governed; K8S505 requires spec.podSelector",
    ),
    (
        "KSV038",
        "test_networkpolicy_with_egress_pod_selector",
        "peer selectors say who may connect, not which pods are governed; K8S505 requires spec.podSelector",
    ),
    // RBAC.
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

/// The rules that answer to a Trivy check id.
fn rules_for(check: &str) -> Vec<&'static RuleMeta> {
    rules().filter(|r| r.answers_to(check)).collect()
}

#[test]
fn rules_agree_with_trivy_rego_tests() {
    let Some(dir) = corpora::dir() else { return };
    let text = std::fs::read_to_string(dir.join("trivy-checks/rego_test_inputs.json")).unwrap();
    let tests: Vec<Value> = serde_json::from_str(&text).unwrap();
    // KSV106 is Pod Security restricted's capabilities check: compare it as `scan --pss restricted`.
    let settings = Settings {
        pss: Some(Policy::parse("restricted").unwrap()),
        ..Settings::default()
    };
    let mut failures = Vec::new();
    let mut differing = Vec::new();
    // Per check: (inputs compared, agreeing).
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for test in &tests {
        let package = test["package"].as_str().unwrap_or_default();
        // `builtin.kubernetes.KSV017`, and older `appshield.`/`defsec.` prefixes; not `dockerfile`.
        let mut parts = package.split('.');
        let (Some("kubernetes"), Some(check)) = (parts.nth(1), parts.next_back()) else {
            continue;
        };
        // `kcv0093` is spelled in lower case.
        let check = check.to_ascii_uppercase();
        let must_fire = match test["expect"].as_str() {
            Some("fail") => true,
            Some("pass") => false,
            _ => continue,
        };
        let matched = rules_for(&check);
        if matched.is_empty() {
            continue;
        }
        let name = test["test"].as_str().unwrap_or_default();
        let path: Arc<str> = Arc::from(format!("{check}-{name}.json"));
        // JSON is YAML: the input is scanned as written.
        let scan = scan_manifest(&path, &test["input"].to_string(), &settings);
        let fired = scan
            .findings
            .iter()
            .any(|f| matched.iter().any(|r| f.rule == r.code));
        let count = counts.entry(check.clone()).or_default();
        count.0 += 1;
        if fired == must_fire {
            count.1 += 1;
            continue;
        }
        if !DIFFERENCES.iter().any(|(c, t, _)| *c == check && *t == name) {
            let codes: Vec<&str> = matched.iter().map(|r| r.code).collect();
            failures.push(format!(
                "{check} ({}) {name}: expected {}, palisade {}\n{}",
                codes.join(", "),
                if must_fire { "fail (fires)" } else { "pass" },
                if fired { "fires" } else { "passes" },
                test["input"]
            ));
        }
        differing.push((check, name));
    }
    for (check, name, _) in DIFFERENCES {
        if !differing.iter().any(|(c, t)| c == check && t == name) {
            failures.push(format!("{check} {name}: listed as a difference but agrees now"));
        }
    }
    let (mut compared, mut agreeing) = (0, 0);
    for (check, (n, ok)) in &counts {
        eprintln!("{check}: {ok}/{n} agree");
        compared += n;
        agreeing += ok;
    }
    // Rules with a Trivy alias but no Trivy unit-test input to compare against.
    for rule in rules() {
        let trivy = rule
            .aliases
            .iter()
            .any(|a| a.starts_with("KSV") || a.starts_with("KCV"));
        if trivy && !counts.keys().any(|c| rule.answers_to(c)) {
            eprintln!("{} {:?}: no Trivy test inputs", rule.code, rule.aliases);
        }
    }
    eprintln!(
        "total: {} checks, {agreeing}/{compared} inputs agree, {} listed differences",
        counts.len(),
        DIFFERENCES.len()
    );
    assert!(
        compared > 300,
        "only {compared} Trivy test inputs matched palisade aliases"
    );
    assert!(
        failures.is_empty(),
        "{} unlisted or stale differences:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
