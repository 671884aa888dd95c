//! How a secret is shown and named without being given away: masked text for messages, and a
//! SHA-256 hash that allow-lists and baselines can store instead of the value.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// The SHA-256 of the secret's bytes as written in the file, in lower-case hex: what
/// `.palisade.yaml` allow-lists and baselines record to name a value without storing it
/// (`printf %s 'the-value' | sha256sum` gives the same).
pub fn value_hash(value: &[u8]) -> String {
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(value) {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// The secret with its middle hidden: at most a fifth of it, and never more than four
/// characters, shown at each end (`AKIA************MPLE`, `h******2`). A PEM block shows only
/// its `-----BEGIN …-----` line, which is not secret.
pub fn mask(value: &[u8]) -> String {
    let text = String::from_utf8_lossy(value);
    if text.starts_with("-----BEGIN") || text.contains('\n') {
        let first = text.lines().next().unwrap_or_default();
        let header = first[5.min(first.len())..]
            .find("-----")
            .map_or(first, |end| &first[..end + 10]);
        return format!("{header}…");
    }
    let chars: Vec<char> = text.chars().collect();
    let shown = (chars.len() / 5).min(4);
    let hidden = (chars.len() - 2 * shown).min(24);
    let mut out = String::with_capacity(chars.len());
    out.extend(&chars[..shown]);
    out.extend(std::iter::repeat_n('*', hidden));
    out.extend(&chars[chars.len() - shown..]);
    out
}

/// The matched text as a message shows it: the secret masked (unless `show`), the rest as
/// written, cut to one line and about 120 characters around the secret.
pub(crate) fn display(matched: &[u8], secret: std::ops::Range<usize>, show: bool) -> String {
    let secret_text = &matched[secret.clone()];
    let shown = if show {
        String::from_utf8_lossy(first_line(secret_text)).into_owned()
    } else {
        mask(secret_text)
    };
    let before = last_line(&matched[..secret.start]);
    let after = first_line(&matched[secret.end..]);
    if secret_text.contains(&b'\n') || secret_text.starts_with(b"-----BEGIN") {
        // A block: its first line says what it is.
        return if show { format!("{shown}…") } else { shown };
    }
    let before = tail(before, 60);
    let after = head(after, 40);
    let mut out = String::new();
    if before.len() < last_line(&matched[..secret.start]).len() {
        out.push('…');
    }
    out.push_str(&String::from_utf8_lossy(before));
    out.push_str(&shown);
    out.push_str(&String::from_utf8_lossy(after));
    if after.len() < first_line(&matched[secret.end..]).len() {
        out.push('…');
    }
    out.trim().to_owned()
}

fn first_line(text: &[u8]) -> &[u8] {
    let end = memchr::memchr2(b'\n', b'\r', text).unwrap_or(text.len());
    &text[..end]
}

fn last_line(text: &[u8]) -> &[u8] {
    let start = memchr::memrchr2(b'\n', b'\r', text).map_or(0, |i| i + 1);
    &text[start..]
}

/// At most `n` bytes from the end, starting on a character boundary.
fn tail(text: &[u8], n: usize) -> &[u8] {
    let mut start = text.len().saturating_sub(n);
    while start < text.len() && (text[start] & 0xC0) == 0x80 {
        start += 1;
    }
    &text[start..]
}

/// At most `n` bytes from the start, ending on a character boundary.
fn head(text: &[u8], n: usize) -> &[u8] {
    let mut end = text.len().min(n);
    while end < text.len() && end > 0 && (text[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_at_most_a_fifth_at_each_end() {
        assert_eq!(mask(b"AKIAZ4NQ7RWXVBPKHT3M"), "AKIA************HT3M");
        assert_eq!(mask(b"hunter22"), "h******2");
        assert_eq!(mask(b"abc"), "***");
        assert_eq!(mask("pässwörter".as_bytes()), "pä******er");
        assert_eq!(
            mask(b"-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"),
            "-----BEGIN RSA PRIVATE KEY-----…"
        );
        // Long values do not print a wall of stars.
        assert_eq!(mask(&[b'a'; 200]).len(), 4 + 24 + 4);
    }

    #[test]
    fn display_masks_only_the_secret() {
        let line = b"  DB_PASSWORD = \"hunter22\" # prod";
        let start = 17;
        assert_eq!(
            display(line, start..start + 8, false),
            "DB_PASSWORD = \"h******2\" # prod"
        );
        assert_eq!(
            display(line, start..start + 8, true),
            "DB_PASSWORD = \"hunter22\" # prod"
        );
    }

    #[test]
    fn hashes_are_sha256_hex() {
        assert_eq!(
            value_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
