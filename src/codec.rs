//! The byte codec shared by the artifact and the lexicon: little-endian
//! integers, LEB128 varints and ascending number lists, and [`Section`], a
//! slice of an artifact's bytes that `fst` maps can own.
//!
//! It sits below both the lexicon and the gazetteer storage, which write
//! and read these encodings; it knows nothing of what the bytes mean.

use std::ops::Range;
use std::sync::Arc;

/// Reads a little-endian u32. The caller has checked the bounds.
pub fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut b = [0; 4];
    b.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(b)
}

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a LEB128 varint at `*pos`, advancing it. `None` if the bytes end
/// first or the value overflows 64 bits (a corrupt artifact).
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        if shift > 63 {
            return None;
        }
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

/// Appends an ascending list of numbers: a varint count, then the numbers
/// as varint deltas. The encoding of every posting list in an artifact.
pub fn put_list(
    out: &mut Vec<u8>,
    sorted: impl ExactSizeIterator<Item = u32>,
) {
    put_varint(out, sorted.len() as u64);
    let mut prev = 0;
    for n in sorted {
        put_varint(out, u64::from(n - prev));
        prev = n;
    }
}

/// Reads the list written by [`put_list`] at `pos`, at most `limit`
/// numbers of it; stops early at damaged bytes.
pub fn list_at(
    bytes: &[u8],
    mut pos: usize,
    limit: usize,
) -> impl Iterator<Item = u32> + '_ {
    let n = get_varint(bytes, &mut pos).unwrap_or(0) as usize;
    let mut value = 0u64;
    (0..n.min(limit).min(bytes.len())).map_while(move |_| {
        value += get_varint(bytes, &mut pos)?;
        u32::try_from(value).ok()
    })
}

/// The bytes behind an opened artifact: a memory map, bytes built into
/// the binary, or bytes in memory.
pub(crate) enum Storage {
    /// A memory-mapped file.
    Mapped(memmap2::Mmap),
    /// Bytes of the executable.
    Static(&'static [u8]),
    /// Bytes in memory.
    Owned(Vec<u8>),
}

impl Storage {
    /// All the bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Storage::Mapped(m) => m,
            Storage::Static(b) => b,
            Storage::Owned(v) => v,
        }
    }
}

/// A section of the storage, owned by reference count so that `fst::Map`
/// can hold it.
#[derive(Clone)]
pub(crate) struct Section {
    storage: Arc<Storage>,
    range: Range<usize>,
}

impl Section {
    /// Bytes `range` of `storage`.
    pub(crate) fn new(storage: Arc<Storage>, range: Range<usize>) -> Section {
        Section { storage, range }
    }

    /// A section of bytes built into the binary.
    pub(crate) fn from_static(bytes: &'static [u8]) -> Section {
        let range = 0..bytes.len();
        Section { storage: Arc::new(Storage::Static(bytes)), range }
    }
}

impl AsRef<[u8]> for Section {
    fn as_ref(&self) -> &[u8] {
        &self.storage.bytes()[self.range.clone()]
    }
}
