//! Fuzz target for the secret scanner: bytes from `arbitrary` (raw mutations of a seed corpus —
//! every detector's samples and decoys — and structured mixes of their lines, odd bytes and long
//! lines) must never panic or hang, and every finding must point at exactly its secret: the
//! bytes at the reported span hash to the reported value hash, and the message does not give
//! the value away. Runs a bounded number of cases per seed in normal tests;
//! `PALISADE_FUZZ_CASES` raises it for a longer session.

use std::collections::HashMap;
use std::sync::Arc;

use arbitrary::{Result, Unstructured};
use palisade_fuzz::{Mutator, entropy};
use palisade_secrets::{Options, Scanner, seed_corpus, value_hash};

/// Byte offset of every 1-based (line, column) position, columns counting UTF-8 character
/// starts, as the scanner counts them; built in one pass so that many findings stay cheap.
fn offsets(bytes: &[u8]) -> HashMap<(u32, u32), usize> {
    let mut map = HashMap::new();
    let (mut line, mut column) = (1u32, 1u32);
    for (at, &b) in bytes.iter().enumerate() {
        if (b & 0xC0) != 0x80 {
            map.entry((line, column)).or_insert(at);
            column += 1;
        }
        if b == b'\n' {
            line += 1;
            column = 1;
        }
    }
    map.entry((line, column)).or_insert(bytes.len());
    map
}

fn target(scanner: &Scanner, bytes: &[u8]) {
    let path: Arc<str> = Arc::from("fuzz.env");
    let found = scanner.scan_secrets(&path, bytes);
    if found.is_empty() {
        return;
    }
    let offsets = offsets(bytes);
    for secret in found {
        let l = &secret.finding.location;
        assert!(l.line >= 1 && l.column >= 1, "{l:?}");
        assert!((l.line, l.column) <= (l.end_line, l.end_column), "{l:?}");
        let (Some(&start), Some(&end)) = (
            offsets.get(&(l.line, l.column)),
            offsets.get(&(l.end_line, l.end_column)),
        ) else {
            panic!(
                "finding outside the input: {l:?}\n{}",
                String::from_utf8_lossy(bytes)
            );
        };
        // A whole-file finding (keystores) has an empty span; in invalid UTF-8 a column can
        // name two offsets (a stray continuation byte is no character), so only the bounds hold.
        if start == end || std::str::from_utf8(&bytes[..end]).is_err() {
            continue;
        }
        let value = &bytes[start..end];
        assert_eq!(
            secret.value_hash,
            value_hash(value),
            "the span does not hold the secret: {l:?} {:?}",
            String::from_utf8_lossy(value)
        );
        // Masked: the value is not in the message, unless the line holds it elsewhere too
        // (a name that happens to contain it).
        let floor = start.saturating_sub(512);
        let line_start = bytes[floor..start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(floor, |i| floor + i + 1);
        let ceiling = bytes.len().min(end + 512);
        let line_end = bytes[end..ceiling]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(ceiling, |i| end + i);
        let line = String::from_utf8_lossy(&bytes[line_start..line_end]);
        let text = String::from_utf8_lossy(value);
        if value.len() >= 8 && !value.starts_with(b"-----BEGIN") && line.matches(text.as_ref()).count() == 1 {
            assert!(
                !secret.finding.message.contains(text.as_ref()),
                "unmasked: {}",
                secret.finding.message
            );
        }
    }
}

/// Bytes that matter around credentials (quotes, separators, UTF-8 lead bytes), and the pieces
/// that wake detectors and pragmas.
const SECRETS: Mutator = Mutator {
    overwrites: b" =:\"'\n\r\t#-_./@\\0aZ\xff\xc3\x80",
    inserts: FRAGMENTS,
    max_cut: 16,
    hot: &[],
};

/// Pieces that wake detectors and pragmas, spliced into inputs.
const FRAGMENTS: &[&str] = &[
    "password=",
    "token: ",
    "-----BEGIN RSA PRIVATE KEY-----\n",
    "-----END RSA PRIVATE KEY-----",
    "postgres://u:",
    "@host/",
    " # pragma: allowlist secret",
    " # palisade:ignore=SEC100",
    "AKIA",
    "ghp_",
    "eyJ",
    "\"auths\": {\"r\": {\"auth\": \"",
    "kind: Config\ncurrent-context: x\n",
    "- name: DB_PASSWORD\n  value: ",
    "«»",
    "\u{feff}",
];

/// A file made of seed lines, fragments and noise, sometimes as one long line.
fn mix(seeds: &[Vec<u8>], u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let joiner: &[u8] = if u.ratio(1, 4)? { b";" } else { b"\n" };
    for _ in 0..u.int_in_range(1..=12)? {
        match u.int_in_range(0..=2)? {
            0 => out.extend_from_slice(&seeds[u.choose_index(seeds.len())?]),
            1 => out.extend_from_slice(u.choose(FRAGMENTS)?.as_bytes()),
            _ => {
                let n = u.int_in_range(0..=24)?;
                out.extend_from_slice(u.bytes(n)?);
            }
        }
        out.extend_from_slice(joiner);
    }
    Ok(out)
}

#[test]
fn fuzz_secret_scanning() {
    let cases = palisade_fuzz::cases(4);
    let scanner = Scanner::new(&Options::default()).unwrap();
    let seeds: Vec<Vec<u8>> = seed_corpus().into_iter().map(String::into_bytes).collect();
    assert!(seeds.len() > 300, "{} seeds", seeds.len());
    let mut case = 0u64;
    for seed in &seeds {
        target(&scanner, seed);
        for _ in 0..cases {
            case += 1;
            let data = entropy(case);
            let mut u = Unstructured::new(&data);
            if let Ok(bytes) = SECRETS.mutate(seed, &mut u) {
                target(&scanner, &bytes);
            }
            let mut u = Unstructured::new(&data);
            if let Ok(bytes) = mix(&seeds, &mut u) {
                target(&scanner, &bytes);
            }
        }
    }
}

#[test]
fn hostile_shapes() {
    let scanner = Scanner::new(&Options::default()).unwrap();
    // Many PEM headers and no footer; many tokens on one line; keywords every few bytes.
    target(
        &scanner,
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n"
            .repeat(20_000)
            .as_bytes(),
    );
    target(&scanner, "ghp_".repeat(200_000).as_bytes());
    target(&scanner, "password=hunter22;".repeat(20_000).as_bytes());
    target(&scanner, "postgres://a:b@".repeat(50_000).as_bytes());
    target(&scanner, "eyJ".repeat(300_000).as_bytes());
    target(&scanner, format!("key = \"{}\"", "A".repeat(1 << 20)).as_bytes());
    target(&scanner, &vec![0xff; 100_000]);
    target(&scanner, b"");
    target(&scanner, b"\n\n\n");
}
