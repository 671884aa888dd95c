//! RBAC views: the rules of a Role or `ClusterRole` and the subjects and roleRef of a binding, with
//! the matching Kubernetes does (`rbac/v1/evaluation_helpers.go`), so checks ask "does this rule
//! grant verb V on resource R of group G" instead of comparing strings.
//!
//! What the matching knows:
//! - `*` in `verbs` or `apiGroups` matches every verb or group; `""` is the core group.
//! - In `resources`, `*` matches everything (subresources too) and `*/log` matches the `log`
//!   subresource of every resource. `pods/*` is NOT a wildcard: Kubernetes compares it literally,
//!   so it grants nothing (it is reported as an ordinary resource name by no rule).
//! - A rule without `apiGroups` grants no resource (the API server rejects it).
//! - `resourceNames` limits a rule to the named objects; it never authorises `create` or
//!   `deletecollection`, and `list`/`watch` only with a `metadata.name` field selector.
//! - A Role cannot grant cluster-scoped resources (nodes, webhook configurations …): such rules
//!   are inert, so checks of cluster-scoped resources look at `ClusterRoles` only.
//! - The rules written in an aggregated `ClusterRole` (`aggregationRule`) are overwritten by the
//!   controller manager, so such a `ClusterRole` has no rules of its own to check.
//!
//! The specific checks match resources by name (`secrets`, `pods/exec`, `*/exec`), never through a
//! `*` resource: the wildcard checks report those, once, at the `*`.

use palisade_yaml::Node;

use crate::k8s::Object;

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// The text of a list item as Kubernetes decodes it: strings as written, `null` as `""`; other
/// scalars (booleans, numbers) are not strings and match nothing.
fn item_text(node: &Node) -> Option<&str> {
    if node.is_null() { Some("") } else { node.as_str() }
}

/// A Role or `ClusterRole`.
pub(crate) struct Role<'a> {
    pub(crate) kind: &'a str,
    pub(crate) name: &'a str,
    /// True for a `ClusterRole`: its rules may reach cluster-scoped resources and every namespace.
    pub(crate) cluster: bool,
    pub(crate) rules: Vec<PolicyRule<'a>>,
}

impl<'a> Role<'a> {
    /// The Role or `ClusterRole` in `object` (`rbac.authorization.k8s.io`, any version).
    pub(crate) fn of(object: &Object<'a>) -> Option<Role<'a>> {
        if object.group() != RBAC_GROUP {
            return None;
        }
        let cluster = match object.kind {
            "Role" => false,
            "ClusterRole" => true,
            _ => return None,
        };
        let aggregated = cluster && object.root.get("aggregationRule").is_some_and(|a| !a.is_null());
        let rules = if aggregated {
            Vec::new()
        } else {
            object
                .root
                .get("rules")
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .filter(|(_, node)| node.as_map().is_some())
                .map(|(index, node)| PolicyRule { node, index })
                .collect()
        };
        Some(Role {
            kind: object.kind,
            name: object.name.unwrap_or("<unnamed>"),
            cluster,
            rules,
        })
    }

    /// Each `resources: ["*"]` item of a rule that reaches the core group (and so Secrets) with
    /// at least one verb: the field path of the item, the item, and the rule's verbs, written
    /// `get, list`.
    pub(crate) fn all_core_resources(&self) -> Vec<(String, &'a Node, String)> {
        let mut out = Vec::new();
        for rule in &self.rules {
            if rule.verbs().next().is_none() || !rule.has_group("") {
                continue;
            }
            let verbs = rule.verbs().map(|(_, _, v)| v).collect::<Vec<_>>().join(", ");
            for (index, node, _) in rule.resources().filter(|(_, _, r)| *r == "*") {
                out.push((rule.field(&format!("resources[{index}]")), node, verbs.clone()));
            }
        }
        out
    }

    /// Every place this role grants one of `grant`'s verbs on one of its resources, one hit per
    /// resource item that names such a resource.
    pub(crate) fn hits(&self, grant: &Grant) -> Vec<Hit<'a>> {
        if grant.cluster_scoped && !self.cluster {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for rule in &self.rules {
            if !grant.names.admits(rule) {
                continue;
            }
            let verbs: Vec<&'a str> = rule
                .verbs()
                .map(|(_, _, v)| v)
                .filter(|v| *v == "*" || grant.verbs.contains(v))
                .collect();
            if verbs.is_empty() {
                continue;
            }
            for (index, node, resource) in rule.resources() {
                let matched = grant
                    .targets
                    .iter()
                    .find(|(group, target)| rule.has_group(group) && resource_names(resource, target));
                if let Some((_, target)) = matched {
                    hits.push(Hit {
                        rule: *rule,
                        resource_index: index,
                        resource_node: node,
                        resource,
                        target,
                        verbs: verbs.clone(),
                    });
                }
            }
        }
        hits
    }

    /// Whether some rule grants one of `grant`'s verbs on one of its resources.
    pub(crate) fn grants(&self, grant: &Grant) -> bool {
        !self.hits(grant).is_empty()
    }
}

/// True when the resource item `item` of a rule names `target` (`secrets`, `pods/exec`) exactly,
/// or names its subresource for every resource (`*/exec`). A bare `*` does not count here.
fn resource_names(item: &str, target: &str) -> bool {
    if item == target {
        return true;
    }
    match (item.strip_prefix("*/"), target.split_once('/')) {
        (Some(sub), Some((_, target_sub))) => sub == target_sub,
        _ => false,
    }
}

/// One entry of `rules`.
#[derive(Clone, Copy)]
pub(crate) struct PolicyRule<'a> {
    pub(crate) node: &'a Node,
    pub(crate) index: usize,
}

impl<'a> PolicyRule<'a> {
    /// `(index, node, text)` of each string item of the list under `key`.
    pub(crate) fn items(&self, key: &str) -> impl Iterator<Item = (usize, &'a Node, &'a str)> + use<'a> {
        self.node
            .get(key)
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(i, n)| item_text(n).map(|t| (i, n, t)))
    }

    pub(crate) fn verbs(&self) -> impl Iterator<Item = (usize, &'a Node, &'a str)> + use<'a> {
        self.items("verbs")
    }

    pub(crate) fn resources(&self) -> impl Iterator<Item = (usize, &'a Node, &'a str)> + use<'a> {
        self.items("resources")
    }

    pub(crate) fn resource_names(&self) -> impl Iterator<Item = (usize, &'a Node, &'a str)> + use<'a> {
        self.items("resourceNames")
    }

    /// Whether the rule's `apiGroups` reach `group` (`""` is the core group).
    pub(crate) fn has_group(&self, group: &str) -> bool {
        self.items("apiGroups").any(|(_, _, g)| g == "*" || g == group)
    }

    /// True when `resourceNames` lists at least one name, limiting the rule to those objects.
    pub(crate) fn is_restricted(&self) -> bool {
        self.resource_names().next().is_some()
    }

    /// The field path of something under this rule: `field("verbs[0]")` is `rules[3].verbs[0]`.
    pub(crate) fn field(&self, rest: &str) -> String {
        format!("rules[{}].{rest}", self.index)
    }
}

/// How a check treats `resourceNames`.
#[derive(Clone, Copy)]
pub(crate) enum Names {
    /// `resourceNames` do not matter: naming objects does not make the permission safe.
    Any,
    /// A rule limited to named objects is out of scope, unless it names one of these.
    UnlessRestrictedTo(&'static [&'static str]),
    /// Only a rule that names one of these objects is in scope.
    Naming(&'static [&'static str]),
}

impl Names {
    /// Any name at all restricts the rule.
    pub(crate) const UNRESTRICTED: Names = Names::UnlessRestrictedTo(&[]);

    fn admits(self, rule: &PolicyRule<'_>) -> bool {
        match self {
            Names::Any => true,
            Names::UnlessRestrictedTo(names) => {
                !rule.is_restricted() || rule.resource_names().any(|(_, _, n)| names.contains(&n))
            }
            Names::Naming(names) => rule.resource_names().any(|(_, _, n)| names.contains(&n)),
        }
    }
}

/// A permission a check looks for: some verbs on some resources.
pub(crate) struct Grant {
    /// `(API group, resource)` pairs; a resource in two groups (`apps` and the legacy
    /// `extensions`) is listed twice.
    pub(crate) targets: &'static [(&'static str, &'static str)],
    pub(crate) verbs: &'static [&'static str],
    /// Cluster-scoped resources: a Role cannot grant them.
    pub(crate) cluster_scoped: bool,
    pub(crate) names: Names,
}

/// A resource item of a rule that grants what a check looks for.
pub(crate) struct Hit<'a> {
    pub(crate) rule: PolicyRule<'a>,
    pub(crate) resource_index: usize,
    pub(crate) resource_node: &'a Node,
    /// The item as written (`pods/exec` or `*/exec`).
    pub(crate) resource: &'a str,
    /// The resource of the check it matched (`pods/exec`).
    pub(crate) target: &'static str,
    /// The rule's verbs that count, as written (`*` included).
    pub(crate) verbs: Vec<&'a str>,
}

impl Hit<'_> {
    pub(crate) fn field(&self) -> String {
        self.rule.field(&format!("resources[{}]", self.resource_index))
    }

    /// The verbs for a message: `get, list`.
    pub(crate) fn verb_list(&self) -> String {
        self.verbs.join(", ")
    }
}

/// A `RoleBinding` or `ClusterRoleBinding`.
pub(crate) struct Binding<'a> {
    pub(crate) kind: &'a str,
    pub(crate) name: &'a str,
    pub(crate) role_ref: Option<&'a Node>,
    pub(crate) subjects: Vec<Subject<'a>>,
}

impl<'a> Binding<'a> {
    pub(crate) fn of(object: &Object<'a>) -> Option<Binding<'a>> {
        if object.group() != RBAC_GROUP || !matches!(object.kind, "RoleBinding" | "ClusterRoleBinding") {
            return None;
        }
        let subjects = object
            .root
            .get("subjects")
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, node)| node.as_map().is_some())
            .map(|(index, node)| Subject { node, index })
            .collect();
        Some(Binding {
            kind: object.kind,
            name: object.name.unwrap_or("<unnamed>"),
            role_ref: object.root.get("roleRef").filter(|r| r.as_map().is_some()),
            subjects,
        })
    }

    /// `roleRef.kind` (`Role` or `ClusterRole`).
    pub(crate) fn role_kind(&self) -> Option<&'a str> {
        self.role_ref?.get("kind").and_then(item_text)
    }

    /// `roleRef.name` and its node.
    pub(crate) fn role_name(&self) -> Option<(&'a Node, &'a str)> {
        let node = self.role_ref?.get("name")?;
        item_text(node).map(|name| (node, name))
    }

    /// Whether the binding refers to the `ClusterRole` `name`.
    pub(crate) fn refers_to_cluster_role(&self, name: &str) -> bool {
        self.role_kind() == Some("ClusterRole") && self.role_name().is_some_and(|(_, n)| n == name)
    }
}

/// One entry of `subjects`.
#[derive(Clone, Copy)]
pub(crate) struct Subject<'a> {
    pub(crate) node: &'a Node,
    pub(crate) index: usize,
}

impl<'a> Subject<'a> {
    /// `User`, `Group` or `ServiceAccount`.
    pub(crate) fn kind(&self) -> Option<&'a str> {
        self.node.get("kind").and_then(item_text)
    }

    pub(crate) fn name(&self) -> Option<(&'a Node, &'a str)> {
        let node = self.node.get("name")?;
        item_text(node).map(|name| (node, name))
    }

    pub(crate) fn namespace(&self) -> Option<&'a str> {
        self.node.get("namespace").and_then(item_text)
    }

    /// The field path of something under this subject: `field("name")` is `subjects[1].name`.
    pub(crate) fn field(&self, rest: &str) -> String {
        format!("subjects[{}].{rest}", self.index)
    }
}

#[cfg(test)]
mod tests {
    use palisade_yaml::{Budgets, documents};

    use super::*;

    fn root(text: &str) -> Node {
        documents(text, &Budgets::default()).next().unwrap().unwrap().root
    }

    fn role_of(root: &Node) -> Option<Role<'_>> {
        Role::of(&Object::new(root).unwrap())
    }

    static SECRETS: Grant = Grant {
        targets: &[("", "secrets")],
        verbs: &["get", "list"],
        cluster_scoped: false,
        names: Names::UNRESTRICTED,
    };

    static EXEC: Grant = Grant {
        targets: &[("", "pods/exec")],
        verbs: &["create"],
        cluster_scoped: false,
        names: Names::UNRESTRICTED,
    };

    static NODE_PROXY: Grant = Grant {
        targets: &[("", "nodes/proxy")],
        verbs: &["get"],
        cluster_scoped: true,
        names: Names::UNRESTRICTED,
    };

    const ROLE: &str = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n";
    const CLUSTER_ROLE: &str =
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n";

    #[test]
    fn only_rbac_roles_are_roles() {
        assert!(role_of(&root(&format!("{ROLE}rules: []"))).is_some());
        assert!(role_of(&root("apiVersion: v1\nkind: Role\nmetadata: {name: r}")).is_none());
        let legacy = root("apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\nrules: []");
        assert!(role_of(&legacy).unwrap().cluster);
        assert!(
            role_of(&root(&format!("{CLUSTER_ROLE}rules: 3")))
                .unwrap()
                .rules
                .is_empty()
        );
    }

    #[test]
    fn verbs_groups_and_resources_match_like_kubernetes() {
        let doc = root(&format!(
            "{ROLE}rules:\n- apiGroups: [\"\"]\n  resources: [secrets, configmaps]\n  verbs: [get, watch]\n\
             - apiGroups: [\"*\"]\n  resources: [secrets]\n  verbs: [\"*\"]\n\
             - apiGroups: [apps]\n  resources: [secrets]\n  verbs: [get]\n\
             - resources: [secrets]\n  verbs: [get]\n"
        ));
        let role = role_of(&doc).unwrap();
        let hits = role.hits(&SECRETS);
        let places: Vec<(String, String)> = hits.iter().map(|h| (h.field(), h.verb_list())).collect();
        assert_eq!(
            places,
            [
                ("rules[0].resources[0]".to_owned(), "get".to_owned()),
                ("rules[1].resources[0]".to_owned(), "*".to_owned()),
            ]
        );
        assert_eq!(hits[0].resource_node.span.start.line, 6);
    }

    #[test]
    fn subresources_match_exactly_or_through_star_slash() {
        let doc = root(&format!(
            "{ROLE}rules:\n- apiGroups: [\"\"]\n  resources: [pods/*, \"*\", pods, \"*/exec\", pods/exec]\n  verbs: [create]\n"
        ));
        let role = role_of(&doc).unwrap();
        let resources: Vec<&str> = role.hits(&EXEC).iter().map(|h| h.resource).collect();
        assert_eq!(resources, ["*/exec", "pods/exec"]);
        assert!(resource_names("*/exec", "pods/exec"));
        assert!(!resource_names("pods/*", "pods/exec"));
        assert!(!resource_names("*", "pods/exec"));
        assert!(!resource_names("*/exec", "pods"));
    }

    #[test]
    fn resource_names_restrict_a_rule() {
        let doc = root(&format!(
            "{ROLE}rules:\n- apiGroups: [\"\"]\n  resources: [secrets]\n  resourceNames: [app-tls]\n  verbs: [get]\n\
             - apiGroups: [\"\"]\n  resources: [secrets]\n  resourceNames: []\n  verbs: [get]\n"
        ));
        let role = role_of(&doc).unwrap();
        let fields: Vec<String> = role.hits(&SECRETS).iter().map(Hit::field).collect();
        assert_eq!(fields, ["rules[1].resources[0]"]);
        let naming = Grant {
            names: Names::Naming(&["app-tls"]),
            ..SECRETS
        };
        let fields: Vec<String> = role.hits(&naming).iter().map(Hit::field).collect();
        assert_eq!(fields, ["rules[0].resources[0]"]);
    }

    #[test]
    fn roles_cannot_grant_cluster_scoped_resources() {
        let rules = "rules:\n- apiGroups: [\"\"]\n  resources: [nodes/proxy]\n  verbs: [get]\n";
        assert!(
            !role_of(&root(&format!("{ROLE}{rules}")))
                .unwrap()
                .grants(&NODE_PROXY)
        );
        assert!(
            role_of(&root(&format!("{CLUSTER_ROLE}{rules}")))
                .unwrap()
                .grants(&NODE_PROXY)
        );
    }

    #[test]
    fn aggregated_cluster_roles_have_no_rules_of_their_own() {
        let doc = root(&format!(
            "{CLUSTER_ROLE}aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {{team: a}}\n\
             rules:\n- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: [get]\n"
        ));
        assert!(role_of(&doc).unwrap().rules.is_empty());
    }

    #[test]
    fn non_string_items_match_nothing_and_null_is_the_core_group() {
        let doc = root(&format!(
            "{ROLE}rules:\n- apiGroups: [~]\n  resources: [secrets, 1]\n  verbs: [yes, get]\n"
        ));
        let role = role_of(&doc).unwrap();
        assert!(role.rules[0].has_group(""));
        assert_eq!(role.rules[0].verbs().count(), 1);
        assert_eq!(role.hits(&SECRETS).len(), 1);
    }

    #[test]
    fn bindings_expose_subjects_and_role_ref() {
        let doc = root(
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\n\
             subjects:\n- kind: Group\n  name: system:masters\n- 7\n- kind: ServiceAccount\n  name: default\n  namespace: web\n\
             roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}\n",
        );
        let binding = Binding::of(&Object::new(&doc).unwrap()).unwrap();
        assert!(binding.refers_to_cluster_role("cluster-admin"));
        assert_eq!(binding.subjects.len(), 2);
        let sa = binding.subjects[1];
        assert_eq!((sa.kind(), sa.namespace()), (Some("ServiceAccount"), Some("web")));
        assert_eq!(sa.field("name"), "subjects[2].name");
        let role = root(&format!("{ROLE}rules: []"));
        assert!(Binding::of(&Object::new(&role).unwrap()).is_none());
    }
}
