//! What palisade's fuzz targets share (a dev-dependency of every crate with a parser): how many
//! cases to run, deterministic entropy for `arbitrary`, and mutations of seed inputs as an
//! unstructured fuzzer makes them. The targets run in normal tests over their seed corpora; a
//! longer session raises `PALISADE_FUZZ_CASES`.

use arbitrary::{Result, Unstructured};

/// Cases per seed: `default`, or `PALISADE_FUZZ_CASES` for a longer session.
pub fn cases(default: u64) -> u64 {
    std::env::var("PALISADE_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

/// Deterministic pseudo-random bytes for `Unstructured`, one stream per case (xorshift).
pub fn entropy(case: u64) -> Vec<u8> {
    let mut state = case.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x2545_F491_4F6C_DD1D;
    (0..8192)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

/// How to mutate seeds of one format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Mutator<'a> {
    /// Bytes that matter to the format's syntax, written over a byte.
    pub overwrites: &'a [u8],
    /// Fragments spliced in (keywords, delimiters); random bytes when empty.
    pub inserts: &'a [&'a str],
    /// The longest run cut out at once (at least 1).
    pub max_cut: usize,
    /// Ranges `(start, len)` hit three times in four: headers, offsets, lengths.
    pub hot: &'a [(usize, usize)],
}

impl Mutator<'_> {
    /// `seed` with one to eight edits: a syntax byte, a random byte or a flipped bit written
    /// over a byte, four random bytes over a field, a fragment inserted, a run cut or repeated,
    /// or the tail cut off.
    pub fn mutate(&self, seed: &[u8], u: &mut Unstructured<'_>) -> Result<Vec<u8>> {
        let mut bytes = seed.to_vec();
        for _ in 0..u.int_in_range(1..=8)? {
            if bytes.is_empty() {
                self.insert(&mut bytes, 0, u)?;
                continue;
            }
            let at = if !self.hot.is_empty() && u.ratio(3, 4)? {
                let (start, len) = *u.choose(self.hot)?;
                (start + u.choose_index(len.max(1))?).min(bytes.len() - 1)
            } else {
                u.choose_index(bytes.len())?
            };
            match u.int_in_range(0..=7)? {
                0 if !self.overwrites.is_empty() => bytes[at] = *u.choose(self.overwrites)?,
                0 | 1 => bytes[at] = u.arbitrary()?,
                2 => bytes[at] ^= 1 << u.int_in_range(0..=7)?,
                3 => {
                    let n: [u8; 4] = u.arbitrary()?;
                    let end = (at + 4).min(bytes.len());
                    bytes[at..end].copy_from_slice(&n[..end - at]);
                }
                4 => self.insert(&mut bytes, at, u)?,
                5 => {
                    let end = (at + u.int_in_range(1..=self.max_cut.max(1))?).min(bytes.len());
                    bytes.drain(at..end);
                }
                6 => {
                    let end = (at + u.int_in_range(1..=32)?).min(bytes.len());
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(at..at, copy).for_each(drop);
                }
                _ => bytes.truncate(at),
            }
        }
        Ok(bytes)
    }

    fn insert(&self, bytes: &mut Vec<u8>, at: usize, u: &mut Unstructured<'_>) -> Result<()> {
        let insert = if self.inserts.is_empty() {
            let n = u.int_in_range(1..=32)?;
            u.bytes(n)?.to_vec()
        } else {
            u.choose(self.inserts)?.as_bytes().to_vec()
        };
        bytes.splice(at..at, insert).for_each(drop);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_are_deterministic_and_change_the_seed() {
        let m = Mutator {
            overwrites: b":{}",
            inserts: &["key: "],
            max_cut: 4,
            hot: &[],
        };
        let seed = b"apiVersion: v1\nkind: Pod\n";
        let mut changed = 0;
        for case in 0..50 {
            let (a, b) = (entropy(case), entropy(case));
            let one = m.mutate(seed, &mut Unstructured::new(&a)).unwrap();
            let two = m.mutate(seed, &mut Unstructured::new(&b)).unwrap();
            assert_eq!(one, two);
            changed += usize::from(one != seed);
        }
        assert!(changed > 40, "{changed} of 50 cases changed the seed");
    }
}
