//! SUSE's rpm database format, "ndb" (`Packages.db`, rpm ≥ 4.16 on SLES 15 / openSUSE), read
//! from the file's bytes as rpm's `lib/backend/ndb/rpmpkg.c` lays it out, always
//! little-endian: a 32-byte file header (`RpmP`, version 0, generation, the number of 4 KiB
//! slot pages), then 16-byte slots (`Slot`, package index, block offset, block count; a zero
//! offset is a free slot), then the blobs, in 16-byte blocks, each a 16-byte head (`BlbS`,
//! package index, timestamp, length) followed by the header blob. Blob checksums are not
//! verified: a damaged header fails its own bounds checks instead.

use crate::bytes::Endian;

const MAGIC: &[u8; 4] = b"RpmP";
const SLOT_MAGIC: &[u8; 4] = b"Slot";
const BLOB_MAGIC: &[u8; 4] = b"BlbS";
const PAGE: usize = 4096;
const SLOT: usize = 16;
const BLOCK: usize = 16;
const HEADER: usize = 32;

#[derive(Debug)]
pub(crate) struct NdbError(pub(crate) String);

fn le32(bytes: &[u8], at: usize) -> Option<usize> {
    usize::try_from(Endian::Little.u32(bytes, at)?).ok()
}

pub(crate) fn is_ndb(file: &[u8]) -> bool {
    file.starts_with(MAGIC)
}

/// Calls `each` with every package header blob; counts the slots whose blob is unreadable.
pub(crate) fn for_each_blob(file: &[u8], mut each: impl FnMut(&[u8])) -> Result<usize, NdbError> {
    if !is_ndb(file) {
        return Err(NdbError("not an ndb database".into()));
    }
    if le32(file, 4) != Some(0) {
        return Err(NdbError("an ndb version other than 0".into()));
    }
    let slot_pages = le32(file, 12).ok_or_else(|| NdbError("truncated header".into()))?;
    let slots_end = slot_pages
        .checked_mul(PAGE)
        .filter(|&end| end <= file.len())
        .ok_or_else(|| NdbError("the slot pages run past the end of the file".into()))?;
    let mut bad = 0;
    for at in (HEADER..slots_end).step_by(SLOT) {
        let slot = &file[at..at + SLOT];
        if &slot[..4] != SLOT_MAGIC {
            return Err(NdbError(format!("no slot magic at offset {at}")));
        }
        let (Some(index), Some(offset), Some(count)) = (le32(slot, 4), le32(slot, 8), le32(slot, 12)) else {
            continue;
        };
        if offset == 0 {
            continue;
        }
        match blob(file, index, offset, count) {
            Some(blob) => each(blob),
            None => bad += 1,
        }
    }
    Ok(bad)
}

/// The header blob of package `index`, stored in `count` blocks from block `offset`.
fn blob(file: &[u8], index: usize, offset: usize, count: usize) -> Option<&[u8]> {
    let start = offset.checked_mul(BLOCK)?;
    let area = file.get(start..start.checked_add(count.checked_mul(BLOCK)?)?)?;
    if area.get(..4)? != BLOB_MAGIC || le32(area, 4)? != index {
        return None;
    }
    let len = le32(area, 12)?;
    area.get(16..16usize.checked_add(len)?)
}

#[cfg(test)]
pub(crate) fn build(blobs: &[Vec<u8>]) -> Vec<u8> {
    let mut file = vec![0u8; PAGE];
    file[..4].copy_from_slice(MAGIC);
    file[12..16].copy_from_slice(&1u32.to_le_bytes());
    for at in (HEADER..PAGE).step_by(SLOT) {
        file[at..at + 4].copy_from_slice(SLOT_MAGIC);
    }
    for (i, blob) in blobs.iter().enumerate() {
        let index = u32::try_from(i + 1).unwrap();
        let offset = file.len() / BLOCK;
        let mut area = Vec::new();
        area.extend_from_slice(BLOB_MAGIC);
        area.extend_from_slice(&index.to_le_bytes());
        area.extend_from_slice(&0u32.to_le_bytes());
        area.extend_from_slice(&u32::try_from(blob.len()).unwrap().to_le_bytes());
        area.extend_from_slice(blob);
        area.extend_from_slice(&[0; 12]);
        area.resize(area.len().div_ceil(BLOCK) * BLOCK, 0);
        let slot = HEADER + i * SLOT;
        file[slot + 4..slot + 8].copy_from_slice(&index.to_le_bytes());
        file[slot + 8..slot + 12].copy_from_slice(&u32::try_from(offset).unwrap().to_le_bytes());
        file[slot + 12..slot + 16].copy_from_slice(&u32::try_from(area.len() / BLOCK).unwrap().to_le_bytes());
        file.extend_from_slice(&area);
    }
    file
}
