//! Fixed-width integers read from untrusted bytes in either byte order: `None` past the end,
//! never a panic. Shared by the binary-format readers (ELF, PE, Mach-O, Berkeley DB, rpm headers
//! and ndb).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Endian {
    Little,
    Big,
}

impl Endian {
    pub(crate) fn u16(self, data: &[u8], at: usize) -> Option<u16> {
        let b = array(data, at)?;
        Some(match self {
            Endian::Little => u16::from_le_bytes(b),
            Endian::Big => u16::from_be_bytes(b),
        })
    }

    pub(crate) fn u32(self, data: &[u8], at: usize) -> Option<u32> {
        let b = array(data, at)?;
        Some(match self {
            Endian::Little => u32::from_le_bytes(b),
            Endian::Big => u32::from_be_bytes(b),
        })
    }

    pub(crate) fn u64(self, data: &[u8], at: usize) -> Option<u64> {
        let b = array(data, at)?;
        Some(match self {
            Endian::Little => u64::from_le_bytes(b),
            Endian::Big => u64::from_be_bytes(b),
        })
    }
}

fn array<const N: usize>(data: &[u8], at: usize) -> Option<[u8; N]> {
    data.get(at..at.checked_add(N)?)?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::Endian;

    #[test]
    fn both_orders_and_the_end() {
        let data = [1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(Endian::Little.u16(&data, 0), Some(0x0201));
        assert_eq!(Endian::Big.u32(&data, 4), Some(0x0506_0708));
        assert_eq!(Endian::Little.u64(&data, 0), Some(0x0807_0605_0403_0201));
        assert_eq!(Endian::Big.u32(&data, 5), None);
        assert_eq!(Endian::Big.u16(&data, usize::MAX), None);
    }
}
