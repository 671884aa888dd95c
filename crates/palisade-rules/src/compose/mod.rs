//! Compose files (the Compose Specification behind `docker compose`: `compose.yaml`,
//! `docker-compose.yml` …) as a view over the spanned YAML tree: services and the keys the
//! DC rules read, in their short and long syntaxes, and `extends` within the file. Values
//! Compose interpolates (`${VAR:-default}`) are kept as text.

mod scan;

pub(crate) use scan::{looks_like_compose, scan};

use std::collections::HashMap;

use palisade_yaml::Node;

use crate::dockerrun::syntax::{self, go_bool};

/// A compose document: a mapping with a `services` mapping, and its services by name.
pub(crate) struct ComposeFile<'a> {
    services: &'a [(Node, Node)],
    by_name: HashMap<&'a str, &'a Node>,
}

impl<'a> ComposeFile<'a> {
    pub(crate) fn of(root: &'a Node) -> Option<ComposeFile<'a>> {
        let services = root.get("services")?.as_map()?;
        let by_name = services
            .iter()
            .filter(|(_, node)| node.as_map().is_some())
            .filter_map(|(key, node)| Some((key.as_text()?, node)))
            .collect();
        Some(ComposeFile { services, by_name })
    }

    /// Every service that is a mapping, in file order.
    pub(crate) fn services(&self) -> impl Iterator<Item = Service<'a>> + '_ {
        self.services.iter().filter_map(move |(key, node)| {
            node.as_map()?;
            let (chain, complete) = self.chain(node);
            Some(Service {
                name: key.as_text()?,
                key,
                node,
                chain,
                complete,
            })
        })
    }

    /// `node`, then the services of this file it extends, in order; and whether the chain ends
    /// here (no base in another file, or missing).
    fn chain(&self, node: &'a Node) -> (Vec<&'a Node>, bool) {
        let mut nodes = vec![node];
        let mut current = node;
        for _ in 0..MAX_EXTENDS {
            let Some(extends) = current.get("extends").filter(|e| !e.is_null()) else {
                return (nodes, true);
            };
            let base_name = if extends.as_map().is_some() {
                if extends.get("file").is_some_and(|f| !f.is_null()) {
                    return (nodes, false);
                }
                extends.get("service").and_then(Node::as_text)
            } else {
                extends.as_text()
            };
            let Some(&base) = base_name.and_then(|name| self.by_name.get(name)) else {
                return (nodes, false);
            };
            if nodes.iter().any(|n| std::ptr::eq(*n, base)) {
                return (nodes, true);
            }
            nodes.push(base);
            current = base;
        }
        (nodes, false)
    }
}

/// One service of a compose file.
pub(crate) struct Service<'a> {
    pub(crate) name: &'a str,
    /// The service's name in the file, where findings about a missing key point.
    pub(crate) key: &'a Node,
    pub(crate) node: &'a Node,
    /// This service, then the services of the file it extends.
    chain: Vec<&'a Node>,
    /// Whether `chain` is the whole chain (no base in another file or missing).
    complete: bool,
}

/// A key of a service, read through `extends`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Setting<'a> {
    /// Set here or in a service this one extends.
    Set(&'a Node),
    /// Set nowhere in the chain.
    Unset,
    /// Not set in this file, but the service extends one in another file (or one that does not
    /// exist), where it may be set: the rules say nothing.
    Unknown,
}

/// Services may extend each other this many times before palisade stops following.
const MAX_EXTENDS: usize = 16;

/// A string entry of a list key (`cap_add`, `security_opt`, `devices` …).
pub(crate) struct Item<'a> {
    pub(crate) node: &'a Node,
    pub(crate) text: &'a str,
    pub(crate) field: String,
}

/// A volume of a service, short (`/src:/dst:ro`) or long (`{type: bind, source: …}`) syntax.
pub(crate) struct Mount<'a> {
    /// The source value, or the entry when there is none: where findings point.
    pub(crate) at: &'a Node,
    pub(crate) field: String,
    /// The host path or volume name as written; `None` for an anonymous volume.
    pub(crate) source: Option<&'a str>,
    pub(crate) read_only: bool,
}

/// A published port, short (`"127.0.0.1:5432:5432"`) or long (`{target: 5432, host_ip: …}`).
pub(crate) struct Port<'a> {
    pub(crate) at: &'a Node,
    pub(crate) field: String,
    /// The host address as written; `None` when not given.
    pub(crate) host_ip: Option<String>,
    /// The container port or range, when it is a number.
    pub(crate) container: Option<(u16, u16)>,
}

/// One environment variable, from the mapping or the list form.
pub(crate) struct EnvVar<'a> {
    pub(crate) name: &'a str,
    /// `None` when the value is passed through from the host's environment.
    pub(crate) value: Option<&'a str>,
    pub(crate) at: &'a Node,
    pub(crate) field: String,
}

impl<'a> Service<'a> {
    /// The key as written in this service.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// The field path of `rest` in this service: `services.web.cap_add[0]`.
    pub(crate) fn field(&self, rest: &str) -> String {
        format!("services.{}.{rest}", self.name)
    }

    /// The value at `path` (`["deploy", "resources", "limits", "memory"]`), here or in a base
    /// service; a null value counts as unset.
    pub(crate) fn setting(&self, path: &[&str]) -> Setting<'a> {
        for node in &self.chain {
            if let Some(value) = node.path(path).filter(|v| !v.is_null()) {
                return Setting::Set(value);
            }
        }
        if self.complete {
            Setting::Unset
        } else {
            Setting::Unknown
        }
    }

    /// Whether some string entry of the list `key`, here or in a base service (Compose merges
    /// these lists), satisfies `test`; `None` when it may be in a file palisade does not see.
    pub(crate) fn list_has(&self, key: &str, test: impl Fn(&str) -> bool) -> Option<bool> {
        let found = self
            .chain
            .iter()
            .filter_map(|n| n.get(key).and_then(Node::as_seq))
            .flatten()
            .filter_map(Node::as_text)
            .any(test);
        (found || self.complete).then_some(found)
    }

    /// The string entries of the list `key` written in this service.
    pub(crate) fn strings(&self, key: &str) -> Vec<Item<'a>> {
        let Some(list) = self.get(key).and_then(Node::as_seq) else {
            return Vec::new();
        };
        list.iter()
            .enumerate()
            .filter_map(|(i, node)| {
                Some(Item {
                    node,
                    text: node
                        .as_text()
                        .filter(|_| node.scalar().is_some() && !node.is_null())?,
                    field: self.field(&format!("{key}[{i}]")),
                })
            })
            .collect()
    }

    /// The volumes written in this service.
    pub(crate) fn volumes(&self) -> Vec<Mount<'a>> {
        let Some(list) = self.get("volumes").and_then(Node::as_seq) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            let field = self.field(&format!("volumes[{i}]"));
            if entry.as_map().is_some() {
                let kind = entry.get("type").and_then(Node::as_text);
                // Only a bind mount's source is a host path (`volume` sources are names).
                if kind.is_some_and(|k| k != "bind") {
                    continue;
                }
                let source = entry.get("source").filter(|s| !s.is_null());
                out.push(Mount {
                    at: source.unwrap_or(entry),
                    field: if source.is_some() {
                        format!("{field}.source")
                    } else {
                        field
                    },
                    source: source.and_then(Node::as_text),
                    read_only: entry.get("read_only").and_then(truthy) == Some(true),
                });
            } else if let Some(spec) = entry.as_text().and_then(syntax::volume) {
                out.push(Mount {
                    at: entry,
                    field,
                    source: spec.source,
                    read_only: spec.read_only(),
                });
            }
        }
        out
    }

    /// The ports written in this service.
    pub(crate) fn ports(&self) -> Vec<Port<'a>> {
        let Some(list) = self.get("ports").and_then(Node::as_seq) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            let field = self.field(&format!("ports[{i}]"));
            if entry.as_map().is_some() {
                let Some(target) = entry.get("target") else {
                    continue;
                };
                out.push(Port {
                    at: target,
                    field: format!("{field}.target"),
                    host_ip: entry
                        .get("host_ip")
                        .filter(|n| !n.is_null())
                        .and_then(Node::as_text)
                        .map(str::to_owned),
                    container: target.as_text().and_then(syntax::port_range),
                });
            } else if let Some(spec) = entry.as_text().and_then(syntax::port) {
                out.push(Port {
                    at: entry,
                    field,
                    host_ip: spec.host_ip.map(str::to_owned),
                    container: spec.container,
                });
            }
        }
        out
    }

    /// The environment variables written in this service, in either form.
    pub(crate) fn environment(&self) -> Vec<EnvVar<'a>> {
        let Some(env) = self.get("environment") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(entries) = env.as_map() {
            for (key, value) in entries {
                let Some(name) = key.as_text() else { continue };
                out.push(EnvVar {
                    name,
                    value: value.as_text().filter(|_| !value.is_null()),
                    at: value,
                    field: self.field(&format!("environment.{name}")),
                });
            }
        } else if let Some(list) = env.as_seq() {
            for (i, item) in list.iter().enumerate() {
                let Some(text) = item.as_text() else { continue };
                let (name, value) = syntax::env_pair(text);
                out.push(EnvVar {
                    name,
                    value,
                    at: item,
                    field: self.field(&format!("environment[{i}]")),
                });
            }
        }
        out
    }
}

/// A boolean as Compose reads it: YAML's `true`/`false`, or text Go's `ParseBool` accepts
/// (`"true"`, `"1"`), which interpolated values give.
pub(crate) fn truthy(node: &Node) -> Option<bool> {
    node.as_bool().or_else(|| node.as_text().and_then(go_bool))
}

#[cfg(test)]
mod tests {
    use palisade_yaml::{Budgets, documents};

    use super::*;

    fn with_services(text: &str, f: impl FnOnce(&[Service<'_>])) {
        let doc = documents(text, &Budgets::default()).next().unwrap().unwrap();
        let file = ComposeFile::of(&doc.root).unwrap();
        let services: Vec<Service<'_>> = file.services().collect();
        f(&services);
    }

    #[test]
    fn extends_within_the_file() {
        let text = "services:\n  base:\n    user: '1000'\n    cap_drop: [ALL]\n  \
                    app:\n    extends: base\n  other:\n    extends: {service: app}\n  \
                    remote:\n    extends: {file: common.yml, service: x}\n  \
                    loop:\n    extends: loop\n  missing:\n    extends: nowhere\n";
        with_services(text, |s| {
            let user = |i: usize| match s[i].setting(&["user"]) {
                Setting::Set(n) => Some(n.as_text().unwrap().to_owned()),
                Setting::Unset => None,
                Setting::Unknown => Some("?".to_owned()),
            };
            assert_eq!(user(1).as_deref(), Some("1000"));
            assert_eq!(user(2).as_deref(), Some("1000"));
            assert_eq!(user(3).as_deref(), Some("?"));
            assert_eq!(user(4), None);
            assert_eq!(user(5).as_deref(), Some("?"));
            assert_eq!(s[2].list_has("cap_drop", |c| c == "ALL"), Some(true));
            assert_eq!(s[3].list_has("cap_drop", |c| c == "ALL"), None);
            assert_eq!(s[4].list_has("cap_drop", |c| c == "ALL"), Some(false));
        });
    }

    #[test]
    fn short_and_long_syntaxes() {
        let text = "services:\n  db:\n    image: postgres:16\n    volumes:\n      - /:/host:ro\n      \
                    - pgdata:/var/lib/postgresql/data\n      - type: bind\n        source: /etc\n        \
                    target: /h\n        read_only: true\n      - type: volume\n        source: x\n        target: /y\n    \
                    ports:\n      - 5432:5432\n      - '127.0.0.1:6379:6379'\n      - target: 9200\n        host_ip: 0.0.0.0\n    \
                    environment:\n      POSTGRES_PASSWORD: secret\n      EMPTY:\n  app:\n    environment:\n      - A=b\n      - PASS\n";
        with_services(text, |s| {
            let v = s[0].volumes();
            assert_eq!(v.len(), 3);
            assert_eq!((v[0].source, v[0].read_only), (Some("/"), true));
            assert_eq!(v[1].source, Some("pgdata"));
            assert_eq!((v[2].source, v[2].read_only), (Some("/etc"), true));
            assert_eq!(v[2].field, "services.db.volumes[2].source");
            let p = s[0].ports();
            assert_eq!(p.len(), 3);
            assert_eq!(
                (p[0].host_ip.as_deref(), p[0].container),
                (None, Some((5432, 5432)))
            );
            assert_eq!(p[1].host_ip.as_deref(), Some("127.0.0.1"));
            assert_eq!(
                (p[2].host_ip.as_deref(), p[2].container),
                (Some("0.0.0.0"), Some((9200, 9200)))
            );
            let e = s[0].environment();
            assert_eq!((e[0].name, e[0].value), ("POSTGRES_PASSWORD", Some("secret")));
            assert_eq!((e[1].name, e[1].value), ("EMPTY", None));
            let e = s[1].environment();
            assert_eq!((e[0].name, e[0].value), ("A", Some("b")));
            assert_eq!((e[1].name, e[1].value), ("PASS", None));
            assert_eq!(e[1].field, "services.app.environment[1]");
        });
    }
}
