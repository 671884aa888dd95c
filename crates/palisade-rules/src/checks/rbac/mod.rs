//! RBAC checks: what Roles and `ClusterRoles` grant (K8S400–K8S423) and whom bindings grant it to
//! (K8S430–K8S434). The matching of rules to permissions is in `view`.
//!
//! Decisions that differ from a plain string match, kept in one place:
//! - A rule limited by `resourceNames` is out of scope wherever naming objects makes the grant
//!   safe (Secrets, `ConfigMaps`, tokens, webhooks); it stays in scope where it does not (`escalate`,
//!   exec, changing a named workload or namespace), and `bind` counts when it names a built-in
//!   administrator role.
//! - Specific checks match named resources (`secrets`, `*/exec`); a `*` resource is reported once,
//!   by the wildcard checks (K8S400–K8S404).
//! - Cluster-scoped resources are only checked in `ClusterRoles`: in a Role they grant nothing.
//! - There is no check for deleting `pods/log`: the API has no such operation.

use crate::Rule;

mod anonymous_binding;
mod authenticated_binding;
mod aws_auth_configmap;
mod binding_management;
mod cluster_role_all_resources;
mod configmap_management;
mod csr_approval;
mod default_service_account_binding;
mod escalate_or_bind_roles;
mod grant_cluster_roles;
mod grant_roles_in_namespace;
mod impersonation;
mod namespace_modification;
mod networking_management;
mod node_proxy;
mod persistent_volume_creation;
mod pod_attach;
mod pod_exec;
mod privileged_role_binding;
mod rbac_wildcard;
mod role_all_resources;
mod secrets_cluster_wide;
mod secrets_in_namespace;
mod service_account_token;
mod system_masters_binding;
mod view;
mod webhook_configuration;
mod wildcard_verbs;
mod wildcard_verbs_and_resources;
mod workload_management;

pub(super) static RULES: &[&Rule] = &[
    &wildcard_verbs_and_resources::RULE,
    &wildcard_verbs::RULE,
    &cluster_role_all_resources::RULE,
    &role_all_resources::RULE,
    &rbac_wildcard::RULE,
    &secrets_cluster_wide::RULE,
    &secrets_in_namespace::RULE,
    &pod_exec::RULE,
    &pod_attach::RULE,
    &escalate_or_bind_roles::RULE,
    &grant_roles_in_namespace::RULE,
    &grant_cluster_roles::RULE,
    &binding_management::RULE,
    &impersonation::RULE,
    &workload_management::RULE,
    &node_proxy::RULE,
    &service_account_token::RULE,
    &csr_approval::RULE,
    &webhook_configuration::RULE,
    &configmap_management::RULE,
    &aws_auth_configmap::RULE,
    &networking_management::RULE,
    &persistent_volume_creation::RULE,
    &namespace_modification::RULE,
    &privileged_role_binding::RULE,
    &anonymous_binding::RULE,
    &authenticated_binding::RULE,
    &system_masters_binding::RULE,
    &default_service_account_binding::RULE,
];
