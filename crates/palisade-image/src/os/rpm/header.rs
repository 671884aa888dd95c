//! rpm's header format, as rpm stores each installed package in its database: a count of index
//! entries and the size of the data store (both big-endian `u32`), the index entries (tag, type,
//! offset into the data store, count; 16 bytes each), then the data store. Every offset and
//! count is checked against the blob before it is used; nothing is allocated from them.

use crate::bytes::Endian;

/// The header tags palisade reads (rpmtag.h).
const TAG_NAME: u32 = 1000;
const TAG_VERSION: u32 = 1001;
const TAG_RELEASE: u32 = 1002;
const TAG_EPOCH: u32 = 1003;
const TAG_LICENSE: u32 = 1014;
const TAG_ARCH: u32 = 1022;
const TAG_SOURCERPM: u32 = 1044;

/// Value types (rpmtag.h `rpmTagType`).
const TYPE_INT32: u32 = 4;
const TYPE_STRING: u32 = 6;
const TYPE_STRING_ARRAY: u32 = 8;
const TYPE_I18NSTRING: u32 = 9;

/// What palisade keeps of one package header.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) name: String,
    pub(crate) epoch: Option<u32>,
    pub(crate) version: String,
    pub(crate) release: String,
    pub(crate) arch: Option<String>,
    pub(crate) source_rpm: Option<String>,
    pub(crate) license: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct HeaderError(pub(crate) &'static str);

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Endian::Big.u32(bytes, at)
}

/// Parses a header blob as stored in an rpm database (no lead, no header magic).
pub(crate) fn parse(blob: &[u8]) -> Result<Header, HeaderError> {
    let count = be32(blob, 0).ok_or(HeaderError("shorter than a header"))? as usize;
    let data_len = be32(blob, 4).ok_or(HeaderError("shorter than a header"))? as usize;
    let index_end = count
        .checked_mul(16)
        .and_then(|n| n.checked_add(8))
        .filter(|&end| end <= blob.len())
        .ok_or(HeaderError("index runs past the end of the header"))?;
    let data = index_end
        .checked_add(data_len)
        .and_then(|end| blob.get(index_end..end))
        .ok_or(HeaderError("data store runs past the end of the header"))?;
    let mut header = Header::default();
    for entry in blob[8..index_end].chunks_exact(16) {
        let (Some(tag), Some(kind), Some(offset)) = (be32(entry, 0), be32(entry, 4), be32(entry, 8)) else {
            continue;
        };
        let offset = offset as usize;
        match tag {
            TAG_NAME => header.name = string(data, kind, offset)?,
            TAG_VERSION => header.version = string(data, kind, offset)?,
            TAG_RELEASE => header.release = string(data, kind, offset)?,
            TAG_ARCH => header.arch = Some(string(data, kind, offset)?),
            TAG_SOURCERPM => header.source_rpm = Some(string(data, kind, offset)?),
            TAG_LICENSE => header.license = Some(string(data, kind, offset)?),
            TAG_EPOCH => {
                if kind != TYPE_INT32 {
                    return Err(HeaderError("EPOCH is not an integer"));
                }
                header.epoch = Some(be32(data, offset).ok_or(HeaderError("EPOCH out of bounds"))?);
            }
            _ => {}
        }
    }
    if header.name.is_empty() {
        return Err(HeaderError("no NAME"));
    }
    Ok(header)
}

/// The NUL-terminated string at `offset` of the data store (the first of an array or i18n table).
fn string(data: &[u8], kind: u32, offset: usize) -> Result<String, HeaderError> {
    if !matches!(kind, TYPE_STRING | TYPE_STRING_ARRAY | TYPE_I18NSTRING) {
        return Err(HeaderError("a string tag of another type"));
    }
    let rest = data
        .get(offset..)
        .ok_or(HeaderError("string offset out of bounds"))?;
    let end = rest
        .iter()
        .position(|&b| b == 0)
        .ok_or(HeaderError("string without its terminating NUL"))?;
    Ok(String::from_utf8_lossy(&rest[..end]).into_owned())
}

/// Builds a header blob from (tag, type, value) triples, for tests.
#[cfg(test)]
pub(crate) fn build(entries: &[(u32, u32, &[u8])]) -> Vec<u8> {
    let mut index = Vec::new();
    let mut data = Vec::new();
    for (tag, kind, value) in entries {
        if *kind == TYPE_INT32 {
            while data.len() % 4 != 0 {
                data.push(0);
            }
        }
        index.extend_from_slice(&tag.to_be_bytes());
        index.extend_from_slice(&kind.to_be_bytes());
        index.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        index.extend_from_slice(&1u32.to_be_bytes());
        data.extend_from_slice(value);
    }
    let mut blob = Vec::new();
    blob.extend_from_slice(&u32::try_from(entries.len()).unwrap().to_be_bytes());
    blob.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
    blob.extend_from_slice(&index);
    blob.extend_from_slice(&data);
    blob
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_gives_its_tags_and_a_broken_one_an_error() {
        let blob = build(&[
            (TAG_NAME, TYPE_STRING, b"bash\0"),
            (TAG_EPOCH, TYPE_INT32, &2u32.to_be_bytes()),
            (TAG_VERSION, TYPE_STRING, b"5.1.8\0"),
            (TAG_RELEASE, TYPE_STRING, b"6.el9\0"),
            (TAG_ARCH, TYPE_STRING, b"x86_64\0"),
            (TAG_SOURCERPM, TYPE_STRING, b"bash-5.1.8-6.el9.src.rpm\0"),
            (TAG_LICENSE, TYPE_STRING, b"GPLv3+\0"),
        ]);
        let h = parse(&blob).unwrap();
        assert_eq!(h.name, "bash");
        assert_eq!(h.epoch, Some(2));
        assert_eq!(h.release, "6.el9");
        assert_eq!(h.source_rpm.as_deref(), Some("bash-5.1.8-6.el9.src.rpm"));
        for cut in 0..blob.len() {
            assert!(parse(&blob[..cut]).is_err(), "cut at {cut}");
        }
        let mut huge = blob.clone();
        huge[0..4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(parse(&huge).is_err());
        let unterminated = build(&[(TAG_NAME, TYPE_STRING, b"bash")]);
        assert!(parse(&unterminated).is_err());
    }
}
