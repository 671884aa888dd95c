//! The table test: every detector's metadata is complete, its patterns compile, it finds exactly
//! the marked secret in each of its samples (a detector without a sample fails), and nothing in
//! its decoys.

use std::collections::HashSet;
use std::sync::Arc;

use super::{FAMILIES, all};
use crate::scanner::compile;
use crate::{Options, Scanner};

fn scanner() -> Scanner {
    Scanner::new(&Options::default()).unwrap()
}

/// The sample without its markers, and the byte range they enclosed.
fn unmark(sample: &str) -> (String, std::ops::Range<usize>) {
    let start = sample.find('«').expect("sample has «");
    let end = sample.find('»').expect("sample has »");
    let text = sample.replace(['«', '»'], "");
    (text, start..end - '«'.len_utf8())
}

/// Line and column (1-based, characters) of a byte offset.
fn position(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (u32::try_from(line).unwrap(), u32::try_from(column).unwrap())
}

#[test]
fn metadata_is_complete_and_codes_sit_in_their_family_block() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for (family, first, last, detectors) in FAMILIES {
        for d in *detectors {
            let m = &d.meta;
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            let number: u16 = m.code.strip_prefix("SEC").unwrap().parse().unwrap();
            assert!(
                (*first..=*last).contains(&number),
                "{} outside the {family} block",
                m.code
            );
            if let Some(problem) = m.incomplete() {
                panic!("{problem}");
            }
            assert!(
                m.concern.is_none(),
                "{}: secret findings are their own concern",
                m.code
            );
            for id in std::iter::once(m.code).chain(m.aliases.iter().copied()) {
                assert!(names.insert(id.to_ascii_lowercase()), "{id} names two rules");
            }
            if d.files.is_empty() {
                assert!(
                    !d.keywords.is_empty() && !d.patterns.is_empty(),
                    "{}: no keyword or pattern",
                    m.code
                );
                assert!(
                    !d.samples.is_empty(),
                    "{}: no sample proves it finds anything",
                    m.code
                );
            }
            for k in d.keywords.iter().chain(d.context) {
                assert_eq!(*k, k.to_ascii_lowercase(), "{}: keywords are lower case", m.code);
            }
            if !d.patterns.is_empty() {
                if let Err(e) = compile(d.patterns) {
                    panic!("{}: pattern does not compile: {e}", m.code);
                }
            }
        }
    }
    assert!(all().count() >= 150, "{} detectors", all().count());
}

#[test]
fn every_detector_finds_its_samples_and_only_them() {
    let scanner = scanner();
    let path: Arc<str> = Arc::from("sample.txt");
    let mut failures = Vec::new();
    for d in all() {
        let code = d.meta.code;
        for sample in d.samples {
            let (text, secret) = unmark(sample);
            let findings = scanner.scan(&path, text.as_bytes());
            let want = (position(&text, secret.start), position(&text, secret.end));
            let found = findings.iter().any(|f| {
                let l = &f.location;
                f.rule == code && ((l.line, l.column), (l.end_line, l.end_column)) == want
            });
            // Other secrets a sample needs for context (an access key ID next to its secret)
            // may be reported; nothing else may claim the marked one.
            let others: Vec<_> = findings
                .iter()
                .filter(|f| {
                    let l = &f.location;
                    f.rule != code && (l.line, l.column) < want.1 && want.0 < (l.end_line, l.end_column)
                })
                .map(|f| f.rule.clone())
                .collect();
            if !found || !others.is_empty() {
                failures.push(format!(
                    "{code}: sample {sample:?}\n  wanted {want:?}, got {:?}",
                    findings
                        .iter()
                        .map(|f| (
                            f.rule.clone(),
                            (f.location.line, f.location.column),
                            (f.location.end_line, f.location.end_column)
                        ))
                        .collect::<Vec<_>>()
                ));
            }
        }
        for decoy in d.decoys {
            let findings = scanner.scan(&path, decoy.as_bytes());
            if !findings.is_empty() {
                failures.push(format!(
                    "{code}: decoy {decoy:?} gave {:?}",
                    findings
                        .iter()
                        .map(|f| (f.rule.clone(), f.message.clone()))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn keystore_files_are_reported_whole() {
    let scanner = scanner();
    let der = [0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03, 0x00];
    let jks = [0xFE, 0xED, 0xFE, 0xED, 0x00, 0x00, 0x00, 0x02];
    for (name, bytes, code) in [
        ("certs/web.p12", &der[..], "SEC459"),
        ("a/b.PFX", &der[..], "SEC459"),
        ("app.jks", &jks[..], "SEC460"),
    ] {
        let findings = scanner.scan(&Arc::from(name), bytes);
        assert_eq!(findings.len(), 1, "{name}");
        assert_eq!(findings[0].rule, code);
        assert_eq!((findings[0].location.line, findings[0].location.column), (1, 1));
    }
    // Another binary file, even named so, with other content, is not read.
    assert!(scanner.scan(&Arc::from("x.p12"), b"\x7fELF\x00\x00").is_empty());
    assert!(scanner.scan(&Arc::from("x.bin"), &der).is_empty());
}
