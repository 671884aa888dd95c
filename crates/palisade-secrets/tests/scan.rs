//! The scanner through its public API: pragmas, allow-lists, masking, positions, languages,
//! binary and non-UTF-8 input, and how overlapping detectors resolve.

use std::sync::Arc;

use palisade_core::{Config, Lang};
use palisade_secrets::{Options, Scanner, value_hash};

const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A GitHub token with a valid checksum, built here rather than written out.
fn github_token() -> String {
    let body = "Q7hLmZx2Rt4Wv1Np6sHc3Dj8YbGa5E";
    let crc = crc32(body.as_bytes());
    let mut n = crc;
    let mut check = [b'0'; 6];
    for slot in check.iter_mut().rev() {
        *slot = DIGITS[(n % 62) as usize];
        n /= 62;
    }
    format!("ghp_{body}{}", std::str::from_utf8(&check).unwrap())
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn scan(text: &str) -> Vec<palisade_core::Finding> {
    Scanner::new(&Options::default())
        .unwrap()
        .scan(&Arc::from("a.env"), text.as_bytes())
}

fn codes(text: &str) -> Vec<String> {
    scan(text).into_iter().map(|f| f.rule.into_owned()).collect()
}

#[test]
fn inline_pragmas_allow_the_secret_on_their_line() {
    let t = github_token();
    assert_eq!(codes(&format!("TOKEN={t}\n")), ["SEC100"]);
    for line in [
        format!("TOKEN={t} # pragma: allowlist secret\n"),
        format!("TOKEN={t} // gitleaks:allow\n"),
        format!("TOKEN={t} # palisade:ignore=SEC100 test fixture\n"),
        format!("TOKEN={t} # palisade:ignore=GitHubTokenDetector\n"),
        format!("TOKEN={t} # palisade:ignore\n"),
        format!("# palisade:ignore=SEC100 rotated already\nTOKEN={t}\n"),
        format!("# pragma: allowlist nextline secret\nTOKEN={t}\n"),
    ] {
        assert!(codes(&line).is_empty(), "{line}");
    }
    // Another rule's pragma, a bare pragma on the line before, a pragma two lines up: reported.
    for line in [
        format!("TOKEN={t} # palisade:ignore=SEC001\n"),
        format!("# palisade:ignore\nTOKEN={t}\n"),
        format!("# palisade:ignore=SEC100\n\nTOKEN={t}\n"),
    ] {
        assert_eq!(codes(&line), ["SEC100"], "{line}");
    }
}

#[test]
fn allow_lists_match_rule_path_and_value_hash() {
    let t = github_token();
    let text = format!("TOKEN={t}\nOTHER=AKIAZ4NQ7RWXVBPKHT3M\n");
    let config = |yaml: &str| {
        Config::parse(&Arc::from(".palisade.yaml"), yaml)
            .unwrap()
            .secrets
            .allow
    };
    let run = |allow, path: &str| {
        let scanner = Scanner::new(&Options {
            allow,
            ..Options::default()
        })
        .unwrap();
        scanner
            .scan(&Arc::from(path), text.as_bytes())
            .into_iter()
            .map(|f| f.rule.into_owned())
            .collect::<Vec<_>>()
    };
    let by_value = config(&format!(
        "secrets:\n  allow:\n    - values: ['{}']\n",
        value_hash(t.as_bytes())
    ));
    assert_eq!(run(by_value, "app/.env"), ["SEC001"]);
    let by_rule = config("secrets:\n  allow:\n    - id: aws-access-token\n");
    assert_eq!(run(by_rule, "app/.env"), ["SEC100"]);
    let by_path = config("secrets:\n  allow:\n    - paths: ['tests/**']\n      id: SEC100\n");
    assert_eq!(run(by_path.clone(), "tests/fixtures/.env"), ["SEC001"]);
    assert_eq!(run(by_path, "app/.env"), ["SEC100", "SEC001"]);
    let unknown = config("secrets:\n  allow:\n    - id: K8S001\n");
    let err = Scanner::new(&Options {
        allow: unknown,
        ..Options::default()
    })
    .err()
    .unwrap();
    assert_eq!(err.line, Some(3));
    assert!(err.message.contains("K8S001"), "{}", err.message);
}

#[test]
fn messages_mask_the_value_unless_asked() {
    let text = "aws_secret_access_key = Zx9Kq2LmPq7Rt4Wv1Np6sHc3Dj8YbGa5EfTu0VwQ\n";
    let masked = scan(text);
    assert_eq!(masked.len(), 1);
    assert!(
        !masked[0]
            .message
            .contains("Zx9Kq2LmPq7Rt4Wv1Np6sHc3Dj8YbGa5EfTu0VwQ"),
        "{}",
        masked[0].message
    );
    assert!(masked[0].message.contains("Zx9K"), "{}", masked[0].message);
    let shown = Scanner::new(&Options {
        show_secrets: true,
        ..Options::default()
    })
    .unwrap()
    .scan(&Arc::from("a"), text.as_bytes());
    assert!(
        shown[0]
            .message
            .contains("Zx9Kq2LmPq7Rt4Wv1Np6sHc3Dj8YbGa5EfTu0VwQ"),
        "{}",
        shown[0].message
    );
    let zh = Scanner::new(&Options {
        lang: Lang::Zh,
        ..Options::default()
    })
    .unwrap()
    .scan(&Arc::from("a"), text.as_bytes());
    assert!(
        zh[0].message.starts_with("发现明文 AWS 私有访问密钥："),
        "{}",
        zh[0].message
    );
}

#[test]
fn positions_count_characters_and_survive_odd_bytes() {
    let t = github_token();
    // Two-byte and three-byte characters before the token, CRLF line ends.
    let text = format!("# 配置 é\r\nclé = \"{t}\"\r\n");
    let f = &scan(&text)[0];
    let l = &f.location;
    assert_eq!((l.line, l.column, l.end_line, l.end_column), (2, 8, 2, 8 + 40));
    assert!(f.location.object.is_none() && f.location.field.is_none());
    assert_eq!(f.concern, "SEC100");
    // Invalid UTF-8 around the token: found all the same.
    let mut bytes = b"\xff\xfe junk \xc3 TOKEN=".to_vec();
    bytes.extend_from_slice(t.as_bytes());
    bytes.extend_from_slice(b" \xff\n");
    let found = Scanner::new(&Options::default())
        .unwrap()
        .scan(&Arc::from("a"), &bytes);
    assert_eq!(found.len(), 1);
    // A NUL byte in the first 8 KiB: binary, not read.
    let mut binary = vec![0u8; 10];
    binary.extend_from_slice(t.as_bytes());
    assert!(
        Scanner::new(&Options::default())
            .unwrap()
            .scan(&Arc::from("a"), &binary)
            .is_empty()
    );
}

#[test]
fn hashes_name_the_value_at_the_reported_place() {
    let t = github_token();
    let scanner = Scanner::new(&Options::default()).unwrap();
    let found = scanner.scan_secrets(&Arc::from("a"), format!("x = '{t}'\n").as_bytes());
    assert_eq!(found[0].value_hash, value_hash(t.as_bytes()));
}

#[test]
fn the_most_specific_detector_wins_an_overlap() {
    // A JWT that is a kubeconfig user token: one finding, the kubeconfig rule.
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjaS1ib3QiLCJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi1oZXJl";
    let kubeconfig = format!("apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: {jwt}\n");
    assert_eq!(codes(&kubeconfig), ["SEC463"]);
    // The same JWT elsewhere is a JWT.
    assert_eq!(codes(&format!("jwt = \"{jwt}\"\n")), ["SEC461"]);
    // A generic assignment yields to the shape it holds.
    assert_eq!(codes("GITHUB_TOKEN=glpat-Xk9mPq2vLz7Rt4Wv1Np6\n"), ["SEC105"]);
}

#[test]
fn long_lines_are_searched_around_each_keyword() {
    // A 460 KB minified line with one token in the middle and thousands of keywords around it.
    let t = github_token();
    let filler = "var key=a.token,pass=b;".repeat(10_000);
    let text = format!("{filler}window.t=\"{t}\";{filler}\n");
    let found = scan(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].location.line, 1);
}
