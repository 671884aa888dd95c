//! Differential test against hadolint 2.15.1: over the real-world Dockerfiles of
//! `$PALISADE_CORPORA/realworld/dockerfiles`, the tricky inputs of
//! `tests/fixtures/dockerfile/hadolint/`, and every DF rule's own fixtures, the (file, line) hits
//! of each hadolint code a DF rule carries as an alias must be the same in both tools, except
//! for the deliberate differences: kinds (`KINDS`), each a reason and a test that a differing
//! hit is of that kind, and one-off places in our own inputs (`PLACES`). A listed difference
//! that no longer differs fails the test too, so the lists stay true.
//!
//! hadolint runs once per file, as `hadolint --no-fail -f json -c CONFIG FILE`, with a config of
//! our own (so no user config interferes) that turns on DL3057, off by default in hadolint,
//! and trusts `registry.example.com` (so DL3026 is active). palisade reports a finding at the
//! exact token; it is compared at the first line of its instruction, where hadolint reports,
//! after the file's own pragmas (`# hadolint ignore=…`) are applied.
//! Files hadolint cannot parse (it does not read here-documents) are left out and counted.
//!
//! hadolint is looked up on `PATH` (or `PALISADE_HADOLINT`); without it the test says so and
//! passes, unless `PALISADE_REQUIRE_ORACLES=1`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use palisade_core::corpora;
use palisade_rules::dockerfile::{Args, Base, CommandLine, Dockerfile, Instruction, Keyword, parse};
use palisade_rules::{Settings, rules, scan_dockerfile};
use serde_json::Value;

/// Which tool alone reports a hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Only {
    Hadolint,
    Palisade,
}

/// A kind of deliberate difference: the hadolint code, which tool alone reports it, a test that
/// the hit at a line of a Dockerfile is of this kind, and the reason. Every difference of the
/// kind is checked against its test, so the list cannot hide an unrelated one; a kind that no
/// longer explains any difference fails the test.
struct Kind {
    /// A hadolint code, or `*` for every code.
    code: &'static str,
    only: Only,
    is: fn(&Dockerfile<'_>, u32) -> bool,
    why: &'static str,
}

const KINDS: &[Kind] = &[
    Kind {
        code: "*",
        only: Only::Palisade,
        is: exec_shell_script,
        why: "`RUN [\"sh\", \"-c\", \"script\"]` runs the script: palisade reads its commands; hadolint joins the array into one command line",
    },
    Kind {
        code: "DL3020",
        only: Only::Hadolint,
        is: add_git_source,
        why: "`ADD git@host:repo` clones a repository (DF011); COPY cannot replace it",
    },
    Kind {
        code: "DL3025",
        only: Only::Hadolint,
        is: healthcheck,
        why: "a HEALTHCHECK command is run by the engine, not as PID 1: its shell form loses no signal",
    },
    Kind {
        code: "DL3064",
        only: Only::Palisade,
        is: more_secret_names,
        why: "palisade also knows `PASSWD`, `APIKEY` and `ACCESS_KEY` names",
    },
    Kind {
        code: "DL3066",
        only: Only::Hadolint,
        is: quoted_user,
        why: "BuildKit removes the quotes of `USER \"1000\"`: the id is numeric",
    },
    Kind {
        code: "DL3032",
        only: Only::Palisade,
        is: install_after_clean,
        why: "an install after the clean leaves its cache; hadolint is content with any clean after the first install",
    },
    Kind {
        code: "DL3023",
        only: Only::Palisade,
        is: copy_from_own_index,
        why: "`COPY --from=N` in stage N names the stage itself by its index",
    },
    Kind {
        code: "DL3057",
        only: Only::Hadolint,
        is: from_of_build_stage,
        why: "palisade checks the final image for a HEALTHCHECK (reported at its last FROM); hadolint checks every stage",
    },
    Kind {
        code: "DL3002",
        only: Only::Hadolint,
        is: user_root_not_final,
        why: "palisade reports the root USER the final image runs with; hadolint also build stages' ones",
    },
    Kind {
        code: "DL3064",
        only: Only::Hadolint,
        is: env_not_a_secret,
        why: "a name that points to a secret (`PASSWORD_FILE`, `TOKEN_URL`) or an empty `ENV` holds no secret",
    },
    Kind {
        code: "DL3022",
        only: Only::Hadolint,
        is: copy_from_argument,
        why: "`--from=$STAGE` is known only at build time",
    },
    Kind {
        code: "DL3026",
        only: Only::Hadolint,
        is: copy_from_argument,
        why: "`--from=$STAGE` is known only at build time",
    },
    Kind {
        code: "DL3009",
        only: Only::Hadolint,
        is: run_with_dist_clean,
        why: "`apt-get dist-clean` (apt 2.9+, Debian trixie) removes /var/lib/apt/lists; hadolint only knows `rm`",
    },
    Kind {
        code: "DL3006",
        only: Only::Palisade,
        is: from_with_argument,
        why: "build arguments declared before FROM are substituted into it, as BuildKit does; hadolint reads `$BASE` as is",
    },
    Kind {
        code: "DL3007",
        only: Only::Palisade,
        is: from_with_argument,
        why: "build arguments declared before FROM are substituted into it, as BuildKit does; hadolint reads `$BASE` as is",
    },
    Kind {
        code: "DL3006",
        only: Only::Hadolint,
        is: stage_in_other_case,
        why: "BuildKit compares stage names without case (`FROM build` after `AS Build` is the stage); hadolint with case",
    },
    Kind {
        code: "DL3022",
        only: Only::Hadolint,
        is: stage_in_other_case,
        why: "BuildKit compares stage names without case (`--from=build` after `AS Build` is the stage); hadolint with case",
    },
    Kind {
        code: "DL3026",
        only: Only::Hadolint,
        is: stage_in_other_case,
        why: "a stage named in another case is the stage, not an image to pull",
    },
    Kind {
        code: "DL3026",
        only: Only::Hadolint,
        is: from_with_argument,
        why: "a base image with a build argument of unknown value is unknown; hadolint reads `${BASE}` as an image on Docker Hub",
    },
    Kind {
        code: "DL3026",
        only: Only::Hadolint,
        is: copy_from_stage_index,
        why: "`COPY --from=0` names a stage by its index, not an image on Docker Hub",
    },
];

/// One-off differences in the fixtures and tricky inputs: `(hadolint code, "input:line", which
/// tool alone reports it, why)`. Inputs are named `corpus/<path>`, `tricky/<file>` or
/// `fixtures/<CODE>/<file>`.
const PLACES: &[(&str, &str, Only, &str)] = &[
    (
        "DL3003",
        "tricky/pragmas.Dockerfile:21",
        Only::Hadolint,
        "pragma ids match without case: `# hadolint ignore=dl3003` names DL3003",
    ),
    (
        "DL3026",
        "fixtures/DF015/good.Dockerfile:2",
        Only::Hadolint,
        "registry hosts are compared without case, as DNS names are",
    ),
];

/// The instruction that starts on `line`.
fn at<'a>(df: &'a Dockerfile<'_>, line: u32) -> Option<&'a Instruction> {
    df.instructions.iter().find(|i| i.line == line)
}

fn from_of_build_stage(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(|i| i.keyword == Keyword::From && i.stage != df.stages.len().checked_sub(1))
}

/// A `USER root` the final image does not run with: in a stage the last stage is not built
/// `FROM`, or followed by another `USER`.
fn user_root_not_final(df: &Dockerfile<'_>, line: u32) -> bool {
    let Some(user) = at(df, line).filter(|i| i.keyword == Keyword::User) else {
        return false;
    };
    let mut chain = Vec::new();
    let mut next = df.stages.len().checked_sub(1);
    while let Some(i) = next.filter(|i| !chain.contains(i)) {
        chain.push(i);
        next = match df.stages[i].base {
            Base::Stage(parent) => Some(parent),
            _ => None,
        };
    }
    let last_user = chain.iter().find_map(|&s| {
        df.stage_instructions(&df.stages[s])
            .iter()
            .rev()
            .find(|i| i.keyword == Keyword::User)
    });
    last_user.is_none_or(|last| last.line != user.line)
}

fn env_not_a_secret(df: &Dockerfile<'_>, line: u32) -> bool {
    let pointer = |name: &str| {
        let upper = name.to_ascii_uppercase();
        ["_FILE", "_PATH", "_DIR", "_URL", "_URI", "_ENDPOINT"]
            .iter()
            .any(|p| upper.ends_with(p))
    };
    at(df, line).is_some_and(|i| match &i.args {
        Args::Env(pairs) => pairs
            .iter()
            .all(|p| pointer(&p.key.value) || p.value.value.is_empty()),
        Args::Arg(decls) => decls.iter().all(|d| pointer(&d.name.value)),
        _ => false,
    })
}

fn copy_from_argument(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(|i| {
        i.keyword == Keyword::Copy
            && i.flag("from")
                .and_then(|f| f.value.as_deref())
                .is_some_and(|v| v.contains('$'))
    })
}

fn exec_shell_script(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(|i| {
        matches!(&i.args, Args::Run(CommandLine::Exec { args, .. })
            if args.first().is_some_and(|a| ["sh", "bash"].iter().any(|s| a.value == *s || a.value.ends_with(&format!("/{s}"))))
                && args.iter().any(|a| a.value.starts_with('-') && a.value.ends_with('c')))
    })
}

fn add_git_source(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(
        |i| matches!(&i.args, Args::Add(c) if c.sources.iter().any(|s| s.value.starts_with("git@"))),
    )
}

fn healthcheck(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(|i| i.keyword == Keyword::Healthcheck)
}

fn more_secret_names(df: &Dockerfile<'_>, line: u32) -> bool {
    let extra = |name: &str| {
        let upper = name.to_ascii_uppercase();
        ["PASSWD", "APIKEY", "ACCESS_KEY"]
            .iter()
            .any(|w| upper.contains(w))
    };
    at(df, line).is_some_and(|i| match &i.args {
        Args::Env(pairs) => pairs.iter().any(|p| extra(&p.key.value)),
        Args::Arg(decls) => decls.iter().any(|d| extra(&d.name.value)),
        _ => false,
    })
}

fn quoted_user(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(|i| {
        matches!(&i.args, Args::User(u) if u.quoted && u.value.split(':').next().is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit())))
    })
}

/// A package-manager install after a `clean` in the same `RUN`.
fn install_after_clean(df: &Dockerfile<'_>, line: u32) -> bool {
    let Some(script) = at(df, line).and_then(Instruction::script) else {
        return false;
    };
    let clean = script.commands.iter().position(|c| c.has_arg("clean"));
    let last_install = script.commands.iter().rposition(|c| c.has_arg("install"));
    matches!((clean, last_install), (Some(c), Some(i)) if i > c)
}

fn copy_from_own_index(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(|i| {
        i.keyword == Keyword::Copy
            && i.flag("from")
                .and_then(|f| f.value.as_deref())
                .and_then(|v| v.parse::<usize>().ok())
                == i.stage
    })
}

fn run_with_dist_clean(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).and_then(Instruction::script).is_some_and(|s| {
        s.commands
            .iter()
            .any(|c| c.name() == "apt-get" && c.has_arg("dist-clean"))
    })
}

fn from_with_argument(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(|i| matches!(&i.args, Args::From(f) if f.image.value.contains('$')))
}

fn stage_in_other_case(df: &Dockerfile<'_>, line: u32) -> bool {
    let Some(i) = at(df, line) else { return false };
    let named = match &i.args {
        Args::From(f) => f.image.value.clone(),
        Args::Copy(_) => i.flag("from").and_then(|f| f.value.clone()).unwrap_or_default(),
        _ => return false,
    };
    df.stages.iter().any(|s| {
        s.name
            .as_ref()
            .is_some_and(|n| n.value != named && n.value.eq_ignore_ascii_case(&named))
    })
}

fn copy_from_stage_index(df: &Dockerfile<'_>, line: u32) -> bool {
    at(df, line).is_some_and(|i| {
        i.keyword == Keyword::Copy
            && i.flag("from")
                .and_then(|f| f.value.as_deref())
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
    })
}

const CONFIG: &str = "override:\n  info:\n    - DL3057\ntrustedRegistries:\n  - registry.example.com\n";

fn hadolint() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PALISADE_HADOLINT") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("hadolint"))
        .find(|p| p.is_file())
}

fn files_under(dir: &Path, keep: &dyn Fn(&str) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, keep, out);
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(keep) {
            out.push(path);
        }
    }
}

/// Every input, by name.
fn inputs() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if let Some(corpora) = corpora::dir() {
        let root = corpora.join("realworld/dockerfiles");
        let mut files = Vec::new();
        files_under(&root, &|n| n.starts_with("Dockerfile"), &mut files);
        for f in files {
            let name = format!("corpus/{}", f.strip_prefix(&root).unwrap().display());
            out.push((name, f));
        }
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dockerfile");
    let mut files = Vec::new();
    files_under(&fixtures, &|n| n.ends_with(".Dockerfile"), &mut files);
    for f in files {
        let rel = f.strip_prefix(&fixtures).unwrap().display().to_string();
        let name = match rel.strip_prefix("hadolint/") {
            Some(file) => format!("tricky/{file}"),
            None => format!("fixtures/{rel}"),
        };
        out.push((name, f));
    }
    out
}

/// hadolint's (code, line) hits for one file; `None` when it cannot parse the file. With
/// `PALISADE_HADOLINT_CACHE=DIR`, outputs are kept there by content, to speed up development.
fn hadolint_hits(exe: &Path, config: &Path, file: &Path) -> Option<BTreeSet<(String, u32)>> {
    let cache = std::env::var_os("PALISADE_HADOLINT_CACHE").map(|dir| {
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&std::fs::read(file).unwrap(), &mut hasher);
        std::hash::Hash::hash(CONFIG, &mut hasher);
        PathBuf::from(dir).join(format!("{:016x}.json", std::hash::Hasher::finish(&hasher)))
    });
    let stdout = if let Some(cached) = cache.as_ref().and_then(|c| std::fs::read(c).ok()) {
        cached
    } else {
        let out = Command::new(exe)
            .args(["--no-fail", "-f", "json", "-c"])
            .arg(config)
            .arg(file)
            .output()
            .expect("hadolint runs");
        if let Some(c) = &cache {
            let _ = std::fs::create_dir_all(c.parent().unwrap());
            let _ = std::fs::write(c, &out.stdout);
        }
        out.stdout
    };
    // hadolint crashes on some inputs (`WORKDIR a`): no JSON, the file is left out.
    let json: Value = serde_json::from_slice(&stdout).ok()?;
    let mut hits = BTreeSet::new();
    for item in json.as_array().unwrap() {
        let code = item["code"].as_str().unwrap();
        if code == "DL1000" {
            return None;
        }
        hits.insert((
            code.to_owned(),
            u32::try_from(item["line"].as_u64().unwrap()).unwrap(),
        ));
    }
    Some(hits)
}

/// palisade's hits, by hadolint code, each at the first line of its instruction.
fn palisade_hits(name: &str, text: &str) -> BTreeSet<(String, u32)> {
    let settings = Settings {
        trusted_registries: vec!["registry.example.com".into()],
        ..Settings::default()
    };
    let mut scan = scan_dockerfile(&Arc::from(name), text, &settings);
    // The file's own pragmas (`# hadolint ignore=…`) apply, as they do in hadolint.
    let today = time::macros::date!(2026 - 01 - 01);
    palisade_core::suppress::apply(
        &mut scan.findings,
        &scan.suppressions,
        palisade_rules::find,
        today,
    );
    let df = parse(text);
    let mut hits = BTreeSet::new();
    for f in scan.findings {
        let Some(meta) = palisade_rules::find(&f.rule) else {
            continue;
        };
        let line = df
            .instructions
            .iter()
            .find(|i| (i.line..=i.last_line).contains(&f.location.line))
            .map_or(f.location.line, |i| i.line);
        for alias in meta.aliases.iter().filter(|a| a.starts_with("DL")) {
            hits.insert(((*alias).to_owned(), line));
        }
    }
    hits
}

#[test]
fn agrees_with_hadolint() {
    let Some(exe) = hadolint() else {
        assert!(
            std::env::var("PALISADE_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "hadolint is not on PATH and PALISADE_REQUIRE_ORACLES=1"
        );
        eprintln!("skipped: hadolint is not on PATH (source /opt/palisade-oracles/env.sh)");
        return;
    };
    let claimed: BTreeSet<String> = rules()
        .filter(|m| m.code.starts_with("DF"))
        .flat_map(|m| {
            m.aliases
                .iter()
                .filter(|a| a.starts_with("DL"))
                .map(|a| (*a).to_owned())
        })
        .collect();
    let dir = tempfile_dir();
    let config = dir.join("hadolint.yaml");
    std::fs::write(&config, CONFIG).unwrap();
    let inputs = inputs();
    // Two workers: hadolint takes most of the time, one process per file.
    #[allow(clippy::type_complexity)]
    let results: Vec<(
        String,
        String,
        Option<BTreeSet<(String, u32)>>,
        BTreeSet<(String, u32)>,
    )> = std::thread::scope(|s| {
        let chunks: Vec<_> = inputs.chunks(inputs.len().div_ceil(2).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (exe, config) = (&exe, &config);
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|(name, path)| {
                            let text = std::fs::read_to_string(path).unwrap();
                            let ours = palisade_hits(name, &text);
                            (name.clone(), text, hadolint_hits(exe, config, path), ours)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });

    let mut per_code: BTreeMap<&str, (usize, usize)> = claimed.iter().map(|c| (c.as_str(), (0, 0))).collect();
    let mut failures = Vec::new();
    let mut unparsed = Vec::new();
    let mut kind_counts = vec![0usize; KINDS.len()];
    let mut place_seen = vec![false; PLACES.len()];
    for (name, text, theirs, ours) in &results {
        let Some(theirs) = theirs else {
            unparsed.push(name.as_str());
            continue;
        };
        let df = parse(text);
        for code in &claimed {
            let t: BTreeSet<u32> = theirs
                .iter()
                .filter(|(c, _)| c == code)
                .map(|(_, l)| *l)
                .collect();
            let o: BTreeSet<u32> = ours.iter().filter(|(c, _)| c == code).map(|(_, l)| *l).collect();
            let entry = per_code.get_mut(code.as_str()).unwrap();
            entry.0 += t.intersection(&o).count();
            entry.1 += t.symmetric_difference(&o).count();
            let differing = t
                .difference(&o)
                .map(|l| (*l, Only::Hadolint))
                .chain(o.difference(&t).map(|l| (*l, Only::Palisade)));
            for (line, only) in differing {
                let place = format!("{name}:{line}");
                if let Some(k) = KINDS
                    .iter()
                    .position(|k| (k.code == code || k.code == "*") && k.only == only && (k.is)(&df, line))
                {
                    kind_counts[k] += 1;
                } else if let Some(p) = PLACES
                    .iter()
                    .position(|(c, p, o, _)| c == code && *p == place && *o == only)
                {
                    place_seen[p] = true;
                } else {
                    failures.push(format!("{code} {place}: only {only:?} reports it"));
                }
            }
        }
    }
    for (kind, count) in KINDS.iter().zip(&kind_counts) {
        if *count == 0 {
            failures.push(format!(
                "{} ({:?} only): no difference of this kind is left: {}",
                kind.code, kind.only, kind.why
            ));
        }
    }
    for ((code, place, only, _), seen) in PLACES.iter().zip(&place_seen) {
        if !seen {
            failures.push(format!(
                "{code} {place}: listed as {only:?} only, but both agree now"
            ));
        }
    }
    eprintln!(
        "hadolint differential: {} inputs, {} not parsed by hadolint ({})",
        results.len(),
        unparsed.len(),
        unparsed.join(", ")
    );
    for (code, (agree, differ)) in &per_code {
        eprintln!("  {code}: {agree} hits agree, {differ} differ");
    }
    for (kind, count) in KINDS.iter().zip(&kind_counts) {
        eprintln!(
            "  deliberate, {} ({:?} only) x{count}: {}",
            kind.code, kind.only, kind.why
        );
    }
    assert!(
        failures.is_empty(),
        "{} unexplained differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("palisade-hadolint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
