//! Views the mesh checks share: which custom resources an object is, and Go durations as the
//! controllers that read these resources parse them.

use crate::checks::prelude::{Node, Object};

pub(super) const ISTIO_SECURITY: &str = "security.istio.io";
pub(super) const ISTIO_NETWORKING: &str = "networking.istio.io";
pub(super) const EXTERNAL_SECRETS: &str = "external-secrets.io";

/// Istio's root namespace in a default installation (`meshConfig.rootNamespace`): policies there
/// without a selector apply to the whole mesh.
pub(super) const ISTIO_ROOT_NAMESPACE: &str = "istio-system";

/// Whether the object is this kind in this API group, any version (`security.istio.io/v1beta1`
/// and `v1` serve the same resource).
pub(super) fn is_kind(object: &Object<'_>, group: &str, kind: &str) -> bool {
    object.kind == kind && object.group() == group
}

/// The object's name, for messages.
pub(super) fn name<'a>(object: &Object<'a>) -> &'a str {
    object.name.unwrap_or("<unnamed>")
}

/// `(index, entry)` for each mapping in the list under `key`.
pub(super) fn list<'a>(node: &'a Node, key: &str) -> impl Iterator<Item = (usize, &'a Node)> {
    node.get(key)
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, entry)| entry.as_map().is_some())
}

/// Nanoseconds in a Go duration string, as `time.ParseDuration` reads it: an optional sign, then
/// one or more decimal numbers each with a unit (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), or
/// the bare `0`. `1d` and `10` are not durations. `None` when Go would return an error, overflow
/// included.
pub(super) fn go_duration(text: &str) -> Option<i128> {
    const MAX: u128 = 1 << 63;
    let (negative, mut rest) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let whole_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let whole = &rest[..whole_len];
        rest = &rest[whole_len..];
        let mut fraction = "";
        if let Some(after_dot) = rest.strip_prefix('.') {
            let len = after_dot.bytes().take_while(u8::is_ascii_digit).count();
            fraction = &after_dot[..len];
            rest = &after_dot[len..];
        }
        if whole.is_empty() && fraction.is_empty() {
            return None; // no digits: `.s`, `h`
        }
        let unit_len = rest
            .char_indices()
            .find(|(_, c)| *c == '.' || c.is_ascii_digit())
            .map_or(rest.len(), |(i, _)| i);
        let unit: u128 = match &rest[..unit_len] {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        rest = &rest[unit_len..];
        let mut value: u128 = 0;
        for digit in whole.bytes() {
            value = value * 10 + u128::from(digit - b'0');
            if value > MAX {
                return None;
            }
        }
        value = value.checked_mul(unit).filter(|v| *v <= MAX)?;
        // Go stops reading fraction digits that no longer change the result; 18 are more than a
        // nanosecond of an hour needs, and keep the product below u128's limit.
        let (mut numerator, mut scale): (u128, u128) = (0, 1);
        for digit in fraction.bytes().take(18) {
            numerator = numerator * 10 + u128::from(digit - b'0');
            scale *= 10;
        }
        value += numerator * unit / scale;
        total = total.checked_add(value).filter(|v| *v <= MAX)?;
    }
    if !negative && total == MAX {
        return None;
    }
    let total = i128::try_from(total).ok()?;
    Some(if negative { -total } else { total })
}

/// A duration in nanoseconds as Go prints it: `36h0m0s`, `1h30m0s`, `0s`.
pub(super) fn format_duration(nanos: i128) -> String {
    let sign = if nanos < 0 { "-" } else { "" };
    let nanos = nanos.unsigned_abs();
    let seconds = nanos / 1_000_000_000;
    let sub = nanos % 1_000_000_000;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let s = if sub == 0 {
        s.to_string()
    } else {
        let digits = format!("{sub:09}");
        format!("{s}.{}", digits.trim_end_matches('0'))
    };
    match (h, m) {
        (0, 0) => format!("{sign}{s}s"),
        (0, _) => format!("{sign}{m}m{s}s"),
        _ => format!("{sign}{h}h{m}m{s}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i128 = 1_000_000_000;

    #[test]
    fn go_durations() {
        for (text, nanos) in [
            ("0", 0),
            ("0s", 0),
            ("-0", 0),
            ("1h", 3600 * S),
            ("1h30m", 5400 * S),
            ("90s", 90 * S),
            ("1.5h", 5400 * S),
            (".5s", S / 2),
            ("1.s", S),
            ("24h0m0s", 86_400 * S),
            ("-1h", -3600 * S),
            ("+5m", 300 * S),
            ("300ms", 300_000_000),
            ("1µs", 1_000),
            ("1μs", 1_000),
            ("1us", 1_000),
            ("10ns", 10),
            ("2562047h47m16.854775807s", i128::from(i64::MAX)),
            ("1.0000000000000000000000000000000000001h", 3600 * S),
            ("-2562047h47m16.854775808s", i128::from(i64::MIN)),
        ] {
            assert_eq!(go_duration(text), Some(nanos), "{text}");
        }
        for text in [
            "",
            "1d",
            "10",
            "1",
            "h",
            ".s",
            "1h 30m",
            "1H",
            "-",
            "2562047h47m16.854775808s",
            "9999999999h",
            "1.5",
            "s1",
        ] {
            assert_eq!(go_duration(text), None, "{text}");
        }
    }

    #[test]
    fn durations_print_as_go_does() {
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(90 * S), "1m30s");
        assert_eq!(format_duration(36 * 3600 * S), "36h0m0s");
        assert_eq!(format_duration(S / 2), "0.5s");
        assert_eq!(format_duration(-3600 * S), "-1h0m0s");
    }
}
