//! Scans files and folders with the secret scanner alone, one JSON finding per line:
//! `cargo run --release -p palisade-secrets --example scan -- [--repeat N] PATH…`.
//! With `--repeat N` it scans everything N times and prints the throughput per core (CPU time)
//! to standard error instead: the measurement `bench/secrets/compare.sh` and tuning use.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use palisade_secrets::{Options, Scanner};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            if entry.file_name().is_some_and(|n| n == ".git" || n == "target") {
                continue;
            }
            collect(&entry, out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 0usize;
    if let Some(at) = args.iter().position(|a| a == "--repeat") {
        repeat = args.get(at + 1).and_then(|n| n.parse().ok()).unwrap_or(10);
        args.drain(at..(at + 2).min(args.len()));
    }
    let mut paths = Vec::new();
    for arg in &args {
        collect(Path::new(arg), &mut paths);
    }
    let files: Vec<(Arc<str>, Vec<u8>)> = paths
        .iter()
        .filter_map(|p| {
            std::fs::read(p)
                .ok()
                .map(|b| (Arc::from(p.display().to_string()), b))
        })
        .collect();
    let scanner = Scanner::new(&Options::default()).expect("default options");
    if repeat > 0 {
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let started = Instant::now();
        let cpu = cpu_seconds();
        let mut findings = 0;
        for _ in 0..repeat {
            for (path, data) in &files {
                findings += scanner.scan(path, data).len();
            }
        }
        let cpu = cpu_seconds() - cpu;
        #[allow(clippy::cast_precision_loss)]
        let (mb, passes) = ((bytes * repeat) as f64 / 1e6, repeat as f64);
        eprintln!(
            "{} files, {:.1} MB x {repeat}: {:.0} MB/s per core (CPU time), {:.0} MB/s wall; {} findings per pass",
            files.len(),
            mb / passes,
            mb / cpu,
            mb / started.elapsed().as_secs_f64(),
            findings / repeat
        );
        return;
    }
    let mut out = std::io::stdout().lock();
    for (path, data) in &files {
        for f in scanner.scan(path, data) {
            let l = &f.location;
            let _ = writeln!(
                out,
                "{{\"path\":{:?},\"line\":{},\"column\":{},\"rule\":{:?},\"message\":{:?}}}",
                path.as_ref(),
                l.line,
                l.column,
                f.rule.as_ref(),
                f.message
            );
        }
    }
}

/// User plus system CPU time of this process, from `/proc/self/stat` (Linux), in seconds.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the `)`.
    (ticks(11) + ticks(12)) / 100.0
}
