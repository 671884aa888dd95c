//! DF135: an `ENV` refers to a variable it defines itself.
//!
//! *What it does.* Finds `ENV A=1 B=$A`: a value that refers to a variable set earlier in the same
//! `ENV`, when no earlier `ARG` or `ENV` defined it.
//!
//! *Why is this bad?* All values of one `ENV` are expanded with the environment from *before* it:
//! `B` gets the old (here empty) `A`, not `1`.
//!
//! *Example.* `ENV A=1 B=$A` → `ENV A=1` then `ENV B=$A`.
//!
//! *hadolint.* DL3044. Differences, deliberate: as BuildKit reads values, `'$A'` in single quotes
//! and `\$A` are literal text, not references (hadolint reports them).

use std::collections::HashSet;

use super::prelude::*;

pub(crate) static RULE: Rule<Check> = Rule {
    meta: RuleMeta {
        code: "DF135",
        aliases: &["DL3044"],
        severity: Severity::Medium,
        title: Text {
            en: "`ENV` refers to a variable it defines",
            zh: "`ENV` 引用了自身定义的变量",
        },
        description: Text {
            en: "All values of one `ENV` are expanded with the environment from before it. In `ENV A=1 B=$A`, \
                 `B` gets the previous value of `A` (often empty), not `1`.",
            zh: "同一条 `ENV` 中的所有值都按该指令之前的环境展开。在 `ENV A=1 B=$A` 中，`B` 得到的是 `A` 之前的值\
                 （通常为空），而不是 `1`。",
        },
        remediation: Text {
            en: "Split it: `ENV A=1` then `ENV B=$A`.",
            zh: "拆成两条：先 `ENV A=1`，再 `ENV B=$A`。",
        },
        references: &[
            "https://docs.docker.com/reference/dockerfile/#environment-replacement",
            "https://github.com/hadolint/hadolint/wiki/DL3044",
        ],
        concern: None,
    },
    check,
};

/// The variables a raw value refers to (`$NAME`, `${NAME…}`), outside single quotes and escapes.
fn references(raw: &str) -> Vec<&str> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut single) = (0, false);
    while i < b.len() {
        match b[i] {
            b'\\' if !single => i += 1,
            b'\'' => single = !single,
            b'$' if !single => {
                let start = i + 1 + usize::from(b.get(i + 1) == Some(&b'{'));
                let end = b[start..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                    .map_or(b.len(), |p| start + p);
                if end > start {
                    out.push(&raw[start..end]);
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn check(df: &Dockerfile<'_>, sink: &mut Sink<'_>) {
    let mut defined: HashSet<&str> = HashSet::new();
    for instruction in &df.instructions {
        match &instruction.args {
            Args::Arg(decls) => defined.extend(decls.iter().map(|d| d.name.value.as_str())),
            Args::Env(pairs) => {
                let mut set_here: HashSet<&str> = HashSet::new();
                for pair in pairs {
                    let raw = df.text(pair.value.span);
                    let refers = references(raw)
                        .into_iter()
                        .find(|name| set_here.contains(name) && !defined.contains(name));
                    set_here.insert(&pair.key.value);
                    if let Some(name) = refers {
                        let message = tr!(
                            sink.lang(),
                            "`${name}` here is its value from before this `ENV`, not the one set beside it; move it to a later `ENV`",
                            "这里的 `${name}` 取的是本条 `ENV` 之前的值，而不是旁边刚设置的值；请移到后面单独的 `ENV` 中",
                        );
                        report(sink, df, &RULE.meta, pair.value.span, message);
                    }
                }
                defined.extend(pairs.iter().map(|p| p.key.value.as_str()));
            }
            _ => {}
        }
    }
}
