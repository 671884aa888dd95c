//! Differential test against hadolint 2.15.1: over the real-world Dockerfiles of
//! `$PALISADE_CORPORA/realworld/dockerfiles`, the tricky inputs of
//! `tests/fixtures/dockerfile/hadolint/`, and every DF rule's own fixtures, the (file, line) hits
//! of each hadolint code a DF rule carries as an alias must be the same in both tools, except
//! for the differences listed in `DIFFERENCES`, each with its reason. A listed difference that
//! no longer differs fails the test too, so the list stays true.
//!
//! hadolint runs once per file, as `hadolint --no-fail -f json -c CONFIG FILE`, with a config of
//! our own (so no user config interferes) that turns on DL3057, off by default in hadolint,
//! and trusts `registry.example.com` (so DL3026 is active). palisade reports a finding at the
//! exact token; it is compared at the first line of its instruction, where hadolint reports.
//! Files hadolint cannot parse (it does not read here-documents) are left out and counted.
//!
//! hadolint is looked up on `PATH` (or `PALISADE_HADOLINT`); without it the test says so and
//! passes, unless `PALISADE_REQUIRE_ORACLES=1`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use palisade_core::corpora;
use palisade_rules::dockerfile::parse;
use palisade_rules::{Settings, rules, scan_dockerfile};
use serde_json::Value;

/// Which tool alone reports a hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Only {
    Hadolint,
    Palisade,
}

/// `(hadolint code, "input:line", who alone reports it, why)`. Inputs are named
/// `corpus/<path>`, `tricky/<file>` or `fixtures/<CODE>/<file>`; a `*` in the place stands for
/// any text, for one reason that shows in many generated files (docker-library's variants).
const DIFFERENCES: &[(&str, &str, Only, &str)] = &[
    // palisade substitutes build arguments in FROM (BuildKit does); hadolint reads `$BASE` as is.
    ("DL3006", "fixtures/DF001/bad.Dockerfile:9", Only::Palisade, ARGS),
    ("DL3007", "fixtures/DF002/bad.Dockerfile:5", Only::Palisade, ARGS),
    // BuildKit matches stage names without case; hadolint with case.
    (
        "DL3006",
        "fixtures/DF001/bad.Dockerfile:6",
        Only::Hadolint,
        STAGE_CASE,
    ),
    // `apt-get dist-clean` (apt 2.9+, Debian trixie) removes the package lists; hadolint only
    // knows `rm` (and takes any `rm -rf`, of whatever path, as the cleanup).
    (
        "DL3009",
        "corpus/docker-library+php/*/trixie/*/Dockerfile:*",
        Only::Hadolint,
        DIST_CLEAN,
    ),
    (
        "DL3009",
        "corpus/docker-library+python/*trixie/Dockerfile:*",
        Only::Hadolint,
        DIST_CLEAN,
    ),
    (
        "DL3009",
        "corpus/docker-library+ruby/*/slim-trixie/Dockerfile:9",
        Only::Hadolint,
        DIST_CLEAN,
    ),
    (
        "DL3009",
        "fixtures/DF104/good.Dockerfile:8",
        Only::Hadolint,
        DIST_CLEAN,
    ),
    // `git@host:repo` is a git source BuildKit clones (DF011), not a local file to COPY.
    (
        "DL3020",
        "fixtures/DF011/bad.Dockerfile:6",
        Only::Hadolint,
        "`ADD git@…` clones a repository; COPY cannot replace it",
    ),
    // The exec form matters for CMD and ENTRYPOINT (signals reach PID 1); a health check is
    // run by the engine, not as PID 1.
    (
        "DL3025",
        "fixtures/DF119/good.Dockerfile:4",
        Only::Hadolint,
        "shell-form HEALTHCHECK CMD is not PID 1",
    ),
];

const ARGS: &str = "build arguments declared before FROM are substituted, as BuildKit does";
const STAGE_CASE: &str =
    "`FROM build` names the stage `AS Build`: BuildKit compares stage names without case";
const DIST_CLEAN: &str = "`apt-get dist-clean` removes /var/lib/apt/lists; hadolint does not know it";

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
    let stdout = match cache.as_ref().and_then(|c| std::fs::read(c).ok()) {
        Some(cached) => cached,
        None => {
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
        }
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
    let scan = scan_dockerfile(&Arc::from(name), text, &settings);
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
    let results: Vec<(String, Option<BTreeSet<(String, u32)>>, BTreeSet<(String, u32)>)> =
        std::thread::scope(|s| {
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
                                (
                                    name.clone(),
                                    hadolint_hits(exe, config, path),
                                    palisade_hits(name, &text),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
        });

    let mut per_code: BTreeMap<&str, (usize, usize)> = claimed.iter().map(|c| (c.as_str(), (0, 0))).collect();
    let mut differing = Vec::new();
    let mut unparsed = Vec::new();
    for (name, theirs, ours) in &results {
        let Some(theirs) = theirs else {
            unparsed.push(name.as_str());
            continue;
        };
        for code in &claimed {
            let t: BTreeSet<u32> = theirs
                .iter()
                .filter(|(c, _)| c == code)
                .map(|(_, l)| *l)
                .collect();
            let o: BTreeSet<u32> = ours.iter().filter(|(c, _)| c == code).map(|(_, l)| *l).collect();
            let entry = per_code.get_mut(code.as_str()).unwrap();
            entry.0 += t.intersection(&o).count();
            for l in t.difference(&o) {
                differing.push((code.clone(), format!("{name}:{l}"), Only::Hadolint));
            }
            for l in o.difference(&t) {
                differing.push((code.clone(), format!("{name}:{l}"), Only::Palisade));
            }
            entry.1 += t.symmetric_difference(&o).count();
        }
    }
    let mut failures = Vec::new();
    for (code, place, only) in &differing {
        if !DIFFERENCES
            .iter()
            .any(|(c, p, o, _)| c == code && glob(p, place) && o == only)
        {
            failures.push(format!("{code} {place}: only {only:?} reports it"));
        }
    }
    for (code, place, only, _) in DIFFERENCES {
        if !differing
            .iter()
            .any(|(c, p, o)| c == code && glob(place, p) && o == only)
        {
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
    assert!(
        failures.is_empty(),
        "{} unexplained differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whether `text` matches `pattern`, where `*` stands for any text.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return pattern == text;
    }
    if text.len() < first.len() + last.len() || !text.starts_with(first) || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("palisade-hadolint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
