//! Network exposure checks (K8S5xx): `NetworkPolicy` rules that open pods to everyone, Services
//! published outside the cluster, and Ingresses that serve plain HTTP or inject proxy configuration.

use crate::Rule;

mod cidr;
mod view;

pub(super) mod database_port_exposed;
mod ingress_config_snippet;
mod ingress_nginx_annotation_injection;
mod ingress_snippet_file_access;
mod ingress_snippet_lua_code;
mod ingress_ssl_redirect_disabled;
mod ingress_without_tls;
mod load_balancer_open_to_internet;
mod policy_egress_to_any_destination;
mod policy_egress_to_internet;
mod policy_ingress_from_any_source;
mod policy_ingress_from_internet;
mod policy_rules_ignored;
mod policy_without_pod_selector;
mod service_external_ips;
mod service_node_port;

pub(super) static RULES: &[&Rule] = &[
    &policy_ingress_from_internet::RULE,
    &policy_egress_to_internet::RULE,
    &policy_ingress_from_any_source::RULE,
    &policy_egress_to_any_destination::RULE,
    &policy_without_pod_selector::RULE,
    &policy_rules_ignored::RULE,
    &service_external_ips::RULE,
    &service_node_port::RULE,
    &load_balancer_open_to_internet::RULE,
    &database_port_exposed::RULE,
    &ingress_without_tls::RULE,
    &ingress_ssl_redirect_disabled::RULE,
    &ingress_config_snippet::RULE,
    &ingress_snippet_lua_code::RULE,
    &ingress_snippet_file_access::RULE,
    &ingress_nginx_annotation_injection::RULE,
];
