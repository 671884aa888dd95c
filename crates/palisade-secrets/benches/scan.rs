//! Secret scanning throughput on one core, over two inputs with few secrets:
//! - `workspace`: the text files of this repository outside this crate (Rust, YAML fixtures,
//!   snapshots, Python): real code and configuration, full of words like `key` and `token`;
//! - `mixed`: a deterministic mix of generated source, YAML manifests, `.env`, JSON and shell
//!   files in which one file in fifty holds a credential.
//!
//! `cargo bench -p palisade-secrets --bench scan`; criterion prints MB/s (`thrpt`).

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use palisade_secrets::{Options, Scanner};

fn workspace_files() -> Vec<(Arc<str>, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    let mut pending = vec![root.join("crates"), root.join("examples"), root.join("bench")];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.ends_with("palisade-secrets") || path.ends_with("target") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((Arc::from(path.display().to_string()), bytes));
            }
        }
    }
    out.sort();
    out
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }

    fn word(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        (0..len)
            .map(|_| char::from(ALPHABET[self.below(ALPHABET.len())]))
            .collect()
    }
}

const NAMES: &[&str] = &[
    "user",
    "order",
    "cache_key",
    "token_count",
    "session",
    "key",
    "value",
    "primary_key",
    "monkey",
    "config",
    "request",
    "response",
    "password_min_length",
    "secret_name",
    "handler",
    "api_version",
];

fn mixed_files() -> Vec<(Arc<str>, Vec<u8>)> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut out = Vec::new();
    for i in 0..400 {
        let mut text = String::new();
        let (ext, lines) = match i % 5 {
            0 => ("py", 300),
            1 => ("yaml", 250),
            2 => ("env", 40),
            3 => ("json", 200),
            _ => ("sh", 120),
        };
        for n in 0..lines {
            let name = NAMES[rng.below(NAMES.len())];
            let _ = match ext {
                "py" => writeln!(
                    text,
                    "    {name}_{n} = compute_{}(items, key=lambda x: x.{name})  # sort by {name}",
                    rng.word(6)
                ),
                "yaml" => writeln!(
                    text,
                    "        - name: {}-{n}\n          image: registry.example.com/team/{}:1.{n}\n          {name}: {}",
                    rng.word(8),
                    rng.word(5),
                    rng.word(12)
                ),
                "env" => writeln!(text, "{}_{n}={}", name.to_ascii_uppercase(), rng.word(10)),
                "json" => writeln!(
                    text,
                    "  \"{name}{n}\": {{\"id\": {n}, \"label\": \"{}\"}},",
                    rng.word(14)
                ),
                _ => writeln!(
                    text,
                    "if [ -f \"$HOME/.{name}\" ]; then echo \"{}\" >> /tmp/log; fi",
                    rng.word(20)
                ),
            };
        }
        if i % 50 == 7 {
            let _ = writeln!(text, "DB_PASSWORD=\"{}!{}\"", rng.word(6), rng.word(5));
        }
        out.push((Arc::from(format!("mixed/{i}.{ext}")), text.into_bytes()));
    }
    out
}

fn bench(c: &mut Criterion) {
    let scanner = Scanner::new(&Options::default()).unwrap();
    for (name, files) in [("workspace", workspace_files()), ("mixed", mixed_files())] {
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let mut group = c.benchmark_group("scan");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(20);
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (path, data) in &files {
                    n += scanner.scan(path, data).len();
                }
                n
            });
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
