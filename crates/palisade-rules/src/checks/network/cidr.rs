//! CIDR blocks as Kubernetes writes them (`ipBlock.cidr`, `loadBalancerSourceRanges`), and whether
//! a block, less its exceptions, still reaches the public internet.

use std::net::IpAddr;

/// An address block: `10.0.0.0/8`, `::/0`. Host bits may be set (`1.2.3.4/0` is the whole IPv4
/// space), as Go's `net.ParseCIDR` allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Cidr {
    v6: bool,
    start: u128,
    end: u128,
    prefix: u8,
}

impl Cidr {
    pub(super) fn parse(text: &str) -> Option<Cidr> {
        let (addr, prefix) = text.trim().split_once('/')?;
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let prefix: u8 = prefix.parse().ok()?;
        let (v6, bits, value) = match addr.parse::<IpAddr>().ok()? {
            IpAddr::V4(a) => (false, 32, u128::from(u32::from(a))),
            IpAddr::V6(a) => (true, 128, u128::from(a)),
        };
        if prefix > bits {
            return None;
        }
        let host_bits = u32::from(bits - prefix);
        let host_mask = if host_bits == 128 {
            u128::MAX
        } else {
            (1u128 << host_bits) - 1
        };
        Some(Cidr {
            v6,
            start: value & !host_mask,
            end: value | host_mask,
            prefix,
        })
    }

    /// True for `0.0.0.0/0` and `::/0`: every address of its family.
    pub(super) fn is_everything(self) -> bool {
        self.prefix == 0
    }

    /// Whether some publicly routable address is in this block and in none of `except`.
    pub(super) fn reaches_internet(self, except: &[Cidr]) -> bool {
        let mut left = vec![(self.start, self.end)];
        let holes = except
            .iter()
            .filter(|c| c.v6 == self.v6)
            .map(|c| (c.start, c.end))
            .chain(non_public(self.v6));
        for hole in holes {
            left = subtract(&left, hole);
            if left.is_empty() {
                return false;
            }
        }
        true
    }
}

/// Address ranges that are not on the public internet: RFC 1918 and 6598 private space, loopback,
/// link-local (cloud metadata lives there), documentation, benchmarking, multicast and reserved.
/// For IPv6 everything outside global unicast `2000::/3`, plus its documentation prefix.
fn non_public(v6: bool) -> impl Iterator<Item = (u128, u128)> {
    const V4: &[&str] = &[
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/3",
    ];
    const V6: &[&str] = &["::/3", "4000::/2", "8000::/1", "2001:db8::/32"];
    (if v6 { V6 } else { V4 })
        .iter()
        .filter_map(|c| Cidr::parse(c))
        .map(|c| (c.start, c.end))
}

fn subtract(ranges: &[(u128, u128)], (lo, hi): (u128, u128)) -> Vec<(u128, u128)> {
    let mut out = Vec::with_capacity(ranges.len() + 1);
    for &(start, end) in ranges {
        if hi < start || lo > end {
            out.push((start, end));
            continue;
        }
        if lo > start {
            out.push((start, lo - 1));
        }
        if hi < end {
            out.push((hi + 1, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(s: &str) -> Cidr {
        Cidr::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn parses_both_families_and_rejects_junk() {
        assert!(cidr("0.0.0.0/0").is_everything());
        assert!(cidr("::/0").is_everything());
        assert!(cidr("1.2.3.4/0").is_everything());
        assert!(!cidr("10.0.0.0/8").is_everything());
        for bad in [
            "0.0.0.0",
            "0.0.0.0/33",
            "::/129",
            "10.0.0.0/-1",
            "x/0",
            "10.0.0.0/ 8",
            "",
        ] {
            assert_eq!(Cidr::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_internet_survives_private_exceptions() {
        let world = cidr("0.0.0.0/0");
        assert!(world.reaches_internet(&[]));
        let private = [cidr("10.0.0.0/8"), cidr("172.16.0.0/12"), cidr("192.168.0.0/16")];
        assert!(world.reaches_internet(&private));
        assert!(world.reaches_internet(&[cidr("169.254.169.254/32")]));
        assert!(cidr("::/0").reaches_internet(&[cidr("fd00::/8")]));
    }

    #[test]
    fn exceptions_that_cover_the_public_space_close_it() {
        let halves = [cidr("0.0.0.0/1"), cidr("128.0.0.0/1")];
        assert!(!cidr("0.0.0.0/0").reaches_internet(&halves));
        assert!(!cidr("::/0").reaches_internet(&[cidr("2000::/3")]));
        assert!(!cidr("10.0.0.0/8").reaches_internet(&[]));
        assert!(!cidr("fc00::/7").reaches_internet(&[]));
        // Exceptions of the other family do not count.
        assert!(cidr("::/0").reaches_internet(&halves));
    }
}
