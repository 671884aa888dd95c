//! Berkeley DB hash databases, as rpm up to 4.15 keeps `/var/lib/rpm/Packages` (RHEL/CentOS 7
//! and older, Amazon Linux 2, SLES 12): read here from the file's bytes, without Berkeley DB.
//!
//! Page 0 is the metadata page; its magic number tells the byte order the database was written
//! in, and every other number is read in that order. Every hash page (sorted or not) holds
//! key/value items; a value is either on the page (`H_KEYDATA`) or, for anything larger than a
//! fraction of a page (every package header), in a chain of overflow pages (`H_OFFPAGE`). Every
//! page number, offset and length is checked; chains are cut at the number of pages in the file,
//! so a loop in a corrupt file ends.

use crate::bytes::Endian;

/// The hash access method's magic number (db.h `DB_HASHMAGIC`).
const HASH_MAGIC: u32 = 0x0006_1561;
const BTREE_MAGIC: u32 = 0x0005_3162;
/// Size of the header of every non-metadata page (db_page.h `SIZEOF_PAGE`).
const PAGE_HEADER: usize = 26;
/// Page types (db_page.h).
const P_HASH_UNSORTED: u8 = 2;
const P_OVERFLOW: u8 = 7;
const P_HASH: u8 = 13;
/// Item types on hash pages.
const H_KEYDATA: u8 = 1;
const H_OFFPAGE: u8 = 3;

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct BdbError(pub(crate) String);

struct Db<'a> {
    file: &'a [u8],
    order: Endian,
    page_size: usize,
    pages: usize,
    /// The metadata page names more pages than the file has.
    truncated: bool,
}

impl Db<'_> {
    fn u16(&self, bytes: &[u8], at: usize) -> Option<u16> {
        self.order.u16(bytes, at)
    }

    fn u32(&self, bytes: &[u8], at: usize) -> Option<u32> {
        self.order.u32(bytes, at)
    }

    fn page(&self, number: usize) -> Option<&[u8]> {
        if number >= self.pages {
            return None;
        }
        self.file
            .get(number * self.page_size..(number + 1) * self.page_size)
    }
}

/// Whether the bytes start like a Berkeley DB hash database (either byte order).
pub(crate) fn is_hash_db(file: &[u8]) -> bool {
    file.get(12..16).is_some_and(|m| {
        let m = [m[0], m[1], m[2], m[3]];
        u32::from_le_bytes(m) == HASH_MAGIC || u32::from_be_bytes(m) == HASH_MAGIC
    })
}

/// Calls `each` with every value stored in the hash database `file`.
pub(crate) fn for_each_value(file: &[u8], mut each: impl FnMut(&[u8])) -> Result<(), BdbError> {
    let db = open(file)?;
    let mut value = Vec::new();
    for number in 1..db.pages {
        let Some(page) = db.page(number) else { break };
        if !matches!(page[25], P_HASH | P_HASH_UNSORTED) {
            continue;
        }
        let entries = usize::from(db.u16(page, 20).unwrap_or(0));
        // The offsets of the items follow the header; they cannot be more than fit on the page.
        let entries = entries.min((db.page_size - PAGE_HEADER) / 2);
        // Items alternate key, value; each item runs from its offset to the previous item's.
        for item in (1..entries).step_by(2) {
            let Some(start) = db.u16(page, PAGE_HEADER + 2 * item).map(usize::from) else {
                break;
            };
            let end = db
                .u16(page, PAGE_HEADER + 2 * (item - 1))
                .map_or(db.page_size, usize::from);
            if start < PAGE_HEADER || start >= end || end > db.page_size {
                continue;
            }
            match page[start] {
                H_KEYDATA => each(&page[start + 1..end]),
                H_OFFPAGE => {
                    let (Some(first), Some(len)) = (db.u32(page, start + 4), db.u32(page, start + 8)) else {
                        continue;
                    };
                    if overflow(&db, first as usize, len as usize, &mut value).is_ok() {
                        each(&value);
                    }
                }
                _ => {}
            }
        }
    }
    if db.truncated {
        return Err(BdbError(
            "the file ends before the last page its metadata names".into(),
        ));
    }
    Ok(())
}

fn open(file: &[u8]) -> Result<Db<'_>, BdbError> {
    let raw = file
        .get(12..16)
        .ok_or_else(|| BdbError("shorter than a Berkeley DB metadata page".into()))?;
    let raw = [raw[0], raw[1], raw[2], raw[3]];
    let order = if u32::from_le_bytes(raw) == HASH_MAGIC {
        Endian::Little
    } else if u32::from_be_bytes(raw) == HASH_MAGIC {
        Endian::Big
    } else if u32::from_le_bytes(raw) == BTREE_MAGIC || u32::from_be_bytes(raw) == BTREE_MAGIC {
        return Err(BdbError(
            "a Berkeley DB btree, not the hash database rpm keeps packages in".into(),
        ));
    } else {
        return Err(BdbError("not a Berkeley DB hash database".into()));
    };
    let mut db = Db {
        file,
        order,
        page_size: 0,
        pages: 0,
        truncated: false,
    };
    let page_size = db.u32(file, 20).unwrap_or(0) as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(BdbError(format!(
            "page size {page_size} is not one Berkeley DB uses"
        )));
    }
    if file.get(24).is_some_and(|&alg| alg != 0) {
        return Err(BdbError("the database is encrypted".into()));
    }
    let last = db.u32(file, 32).unwrap_or(0) as usize;
    db.page_size = page_size;
    db.pages = (file.len() / page_size).min(last.saturating_add(1));
    db.truncated = file.len() / page_size < last.saturating_add(1);
    if db.pages == 0 {
        return Err(BdbError("shorter than its metadata page".into()));
    }
    Ok(db)
}

/// Reads the chain of overflow pages starting at `first` into `out`: `len` bytes at most, and
/// never more pages than the file has.
fn overflow(db: &Db<'_>, first: usize, len: usize, out: &mut Vec<u8>) -> Result<(), BdbError> {
    out.clear();
    let mut next = first;
    for _ in 0..db.pages {
        if next == 0 || out.len() >= len {
            break;
        }
        let page = db
            .page(next)
            .ok_or_else(|| BdbError(format!("overflow page {next} is past the end")))?;
        if page[25] != P_OVERFLOW {
            return Err(BdbError(format!("page {next} is not an overflow page")));
        }
        // On overflow pages the header's free-offset field holds the bytes used (`OV_LEN`).
        let used = usize::from(db.u16(page, 22).unwrap_or(0));
        let data = page
            .get(PAGE_HEADER..PAGE_HEADER + used)
            .ok_or_else(|| BdbError(format!("overflow page {next} claims more than a page")))?;
        let take = data.len().min(len - out.len());
        out.extend_from_slice(&data[..take]);
        next = db.u32(page, 16).unwrap_or(0) as usize;
    }
    if out.len() == len {
        Ok(())
    } else {
        Err(BdbError("an overflow chain ends before its value does".into()))
    }
}
