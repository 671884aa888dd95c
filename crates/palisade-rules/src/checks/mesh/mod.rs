//! Service mesh and external secret checks: Istio mutual TLS (`PeerAuthentication`,
//! `DestinationRule`), Istio authorization, and how often External Secrets Operator refreshes.

use crate::Rule;

mod allow_all_authorization_policy;
mod destination_rule_tls_disabled;
mod external_secret_refresh;
mod permissive_peer_authentication;
mod view;

pub(super) static RULES: &[&Rule] = &[
    &permissive_peer_authentication::RULE,
    &destination_rule_tls_disabled::RULE,
    &allow_all_authorization_policy::RULE,
    &external_secret_refresh::RULE,
];
