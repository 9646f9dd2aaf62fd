//! The on-disk layout of a compiled gazetteer (an *artifact*).
//!
//! ```text
//! offset  size  field
//! 0       8     MAGIC, b"\x89NOMINA\n" (high bit and newline catch
//!               7-bit and line-ending mangling in transfer)
//! 8       4     format version, u32 LE (FORMAT_VERSION)
//! 12      4     number of sections N, u32 LE (<= MAX_SECTIONS)
//! 16      8     total file length in bytes, u64 LE (catches truncation)
//! 24      8     reserved, zero
//! 32      24*N  section table: tag [u8; 4], reserved u32 (zero),
//!               offset u64 LE, length u64 LE
//! ...           section bodies, each starting at a multiple of 8,
//!               zero padding between them
//! len-16  4     CRC-32 (IEEE) of bytes 0..len-16, u32 LE
//! len-12  4     reserved, zero
//! len-8   8     FOOTER_MAGIC, b"NOMINA\x00\x01"
//! ```
//!
//! All integers are little-endian and every byte is determined by the
//! sources: no timestamps, no host paths, no hash-map order. Sections:
//!
//! * [`META`]: JSON object ([`GazetteerInfo`]) with counts, entity types and source digests.
//! * [`KEYS`]: an `fst::Map` from folded lookup key to a posting value
//!   (see [`Posting`](super::build) encoding in `build.rs`).
//! * [`POSTINGS`]: lists of postings for keys shared by several entities.
//! * [`ENTITY_INDEX`]: `u32` LE offsets into [`ENTITIES`], one per
//!   [`ENTITY_BLOCK`] entities (of the first of each block) plus one past
//!   the end.
//! * [`ENTITIES`]: entity records, in id order, each led by its length.
//!   A record does not hold the entity's id: entities are numbered in id
//!   order, so [`IDS`] gives the id back from the number.
//! * [`IDS`]: an `fst::Map` from entity id to entity number.
//! * [`TYPES`]: each entity's type number (0 for none, else 1 + its index
//!   in the META types list): a byte giving the bits per entity (1, 2, 4,
//!   8 or 16), then the numbers packed from the low bits of each byte (16
//!   bits as `u16` LE).
//!
//! Version 3 made these smaller than version 2 did (ids out of the
//! records, offsets per block, entity numbers in name records as
//! differences, the type packed apart, terms with the same names sharing
//! one postings list) and reads the type of an entity without its record.
//!
//!
//! Version 2 adds the name index for fuzzy resolution (see
//! [`stored`](super::stored)) and the lexicon ([`crate::name::lexicon`]):
//!
//! * [`TERMS`]: an `fst::Map` from term (a part key: a token skeleton, a
//!   stem, `#class` for a legal form, `%n` for given-name group `n`,
//!   `^` and an acronym for the organisation names it spells; those last
//!   two are in no name record, only in postings) to term number.
//! * [`TERM_TABLE`]: per term, `u32` LE offset of its text in
//!   [`TERM_TEXT`] and `u32` LE offset of its list in [`TERM_POSTINGS`];
//!   then one more text offset, the end.
//! * [`TERM_TEXT`]: the terms' bytes, concatenated.
//! * [`TERM_POSTINGS`]: per term a varint count, then the numbers of the
//!   names that have it, ascending, as varint deltas. Terms with the same
//!   names point to one list.
//! * [`NAME_INDEX`]: `u32` LE offsets into [`NAMES`], one per
//!   [`NAME_BLOCK`](super::stored::NAME_BLOCK) names (of the first of
//!   each block) plus one past the end. Names are numbered in entity
//!   order, each entity's canonical name first, then its aliases.
//! * [`NAMES`]: per name a head (its entity and alias number, 0 for the
//!   canonical name and `k` for alias `k`, as a difference from the name
//!   before it: see `stored::Head` in the source), the length of the
//!   rest, a part count byte, then per part a flags byte (class in bits
//!   0–1, role in bits 2–3, key count in bits 4–5) and its keys' term
//!   numbers as varints.
//! * [`LEX_PHRASES`], [`LEX_CLASSES`], [`LEX_GROUPS`], [`LEX_GROUP_LISTS`]:
//!   the lexicon: an `fst::Map` from phrase to class, the legal-form class
//!   names (one per line), an `fst::Map` from token skeleton to the offset
//!   of its list in `LEX_GROUP_LISTS` (varint count, varint deltas).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::codec::u32_at;
use crate::error::{Error, ErrorKind, Result};

/// The first eight bytes of every artifact.
pub const MAGIC: [u8; 8] = *b"\x89NOMINA\n";
/// The last eight bytes of every artifact.
pub const FOOTER_MAGIC: [u8; 8] = *b"NOMINA\x00\x01";
/// The format version this build writes.
pub const FORMAT_VERSION: u32 = 3;
/// The oldest format version this build reads.
pub const MIN_FORMAT_VERSION: u32 = 3;
/// Entities per entry of the entity index: it holds the offset of every
/// `ENTITY_BLOCK`th record, and a record is found by stepping over the
/// ones before it in its block by their length prefixes.
pub const ENTITY_BLOCK: usize = 16;
/// The bits per entity of a [`TYPES`] section for `types` type names
/// (numbers 0 to `types`).
pub fn type_bits(types: usize) -> u8 {
    match types {
        0..=1 => 1,
        2..=3 => 2,
        4..=15 => 4,
        16..=255 => 8,
        _ => 16,
    }
}

/// The [`TYPES`] section of these type numbers, packed in
/// [`type_bits`]`(types)` bits each.
pub fn pack_types(numbers: &[u16], types: usize) -> Vec<u8> {
    let bits = type_bits(types);
    let mut out = vec![bits];
    if bits == 16 {
        for n in numbers {
            out.extend_from_slice(&n.to_le_bytes());
        }
        return out;
    }
    let per_byte = 8 / usize::from(bits);
    for chunk in numbers.chunks(per_byte) {
        let mut byte = 0u8;
        for (i, &n) in chunk.iter().enumerate() {
            byte |= (n as u8) << (i * usize::from(bits));
        }
        out.push(byte);
    }
    out
}

/// Entity `i`'s type number in a [`TYPES`] section (`None` past its end).
pub fn type_at(section: &[u8], i: usize) -> Option<u16> {
    let bits = *section.first()?;
    if bits == 16 {
        let at = 1 + i * 2;
        return Some(u16::from_le_bytes(
            section.get(at..at + 2)?.try_into().ok()?,
        ));
    }
    let per_byte = 8 / usize::from(bits);
    let byte = *section.get(1 + i / per_byte)?;
    let shift = (i % per_byte) * usize::from(bits);
    Some(u16::from((byte >> shift) & ((1u16 << bits) - 1) as u8))
}

/// The length of a [`TYPES`] section of `n` entities at `bits` bits.
pub fn types_len(n: usize, bits: u8) -> usize {
    1 + (n * usize::from(bits)).div_ceil(8)
}

/// Length of the fixed header.
pub const HEADER_LEN: usize = 32;
/// Length of one section-table entry.
pub const SECTION_ENTRY_LEN: usize = 24;
/// Length of the footer.
pub const FOOTER_LEN: usize = 16;
/// The most sections an artifact may declare.
pub const MAX_SECTIONS: usize = 64;

/// Section tag: build metadata (JSON).
pub const META: [u8; 4] = *b"META";
/// Section tag: key → posting fst map.
pub const KEYS: [u8; 4] = *b"KEYS";
/// Section tag: posting lists.
pub const POSTINGS: [u8; 4] = *b"POST";
/// Section tag: entity record offsets.
pub const ENTITY_INDEX: [u8; 4] = *b"ENTX";
/// Section tag: entity records.
pub const ENTITIES: [u8; 4] = *b"ENTS";
/// Section tag: id → entity number fst map.
pub const IDS: [u8; 4] = *b"IDS_";
/// Section tag: each entity's type number, packed.
pub const TYPES: [u8; 4] = *b"TYPS";

/// Section tag: term → term number fst map.
pub const TERMS: [u8; 4] = *b"TERM";
/// Section tag: term text and postings offsets.
pub const TERM_TABLE: [u8; 4] = *b"TRMT";
/// Section tag: term text.
pub const TERM_TEXT: [u8; 4] = *b"TRMX";
/// Section tag: term posting lists.
pub const TERM_POSTINGS: [u8; 4] = *b"TRMP";
/// Section tag: name record offsets.
pub const NAME_INDEX: [u8; 4] = *b"NAMX";
/// Section tag: name records.
pub const NAMES: [u8; 4] = *b"NAME";
/// Section tag: lexicon phrase fst map.
pub const LEX_PHRASES: [u8; 4] = *b"LXPH";
/// Section tag: lexicon legal-form class names.
pub const LEX_CLASSES: [u8; 4] = *b"LXCL";
/// Section tag: lexicon given-name group fst map.
pub const LEX_GROUPS: [u8; 4] = *b"LXGR";
/// Section tag: lexicon given-name group lists.
pub const LEX_GROUP_LISTS: [u8; 4] = *b"LXGL";

/// The sections every artifact of this version has. Readers find them by
/// tag, in any order; builds write the ones from the entities first (see
/// [`Writer`]).
pub const REQUIRED: [[u8; 4]; 17] = [
    META,
    TYPES,
    KEYS,
    POSTINGS,
    ENTITY_INDEX,
    ENTITIES,
    IDS,
    TERMS,
    TERM_TABLE,
    TERM_TEXT,
    TERM_POSTINGS,
    NAME_INDEX,
    NAMES,
    LEX_PHRASES,
    LEX_CLASSES,
    LEX_GROUPS,
    LEX_GROUP_LISTS,
];

/// What an artifact holds, as stored in its META section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GazetteerInfo {
    /// The artifact's format version.
    pub format_version: u32,
    /// Number of entities.
    pub entities: u64,
    /// Number of aliases (not counting canonical names).
    pub aliases: u64,
    /// Number of distinct lookup keys.
    pub keys: u64,
    /// Names (canonical names and aliases) in the name index.
    #[serde(default)]
    pub names: u64,
    /// Distinct terms in the name index.
    #[serde(default)]
    pub terms: u64,
    /// Entities per type; the empty name counts untyped entities.
    pub types: Vec<TypeCount>,
    /// The metadata field names, sorted; records refer to them by number.
    pub fields: Vec<String>,
    /// The source files, in build order.
    pub sources: Vec<SourceInfo>,
    /// The nomina that built it, as "nomina VERSION" (empty for artifacts
    /// from before this field).
    #[serde(default)]
    pub built_by: String,
}

/// What [`GazetteerInfo::built_by`] says of this nomina: its version and
/// the version of its name model (how names are read into parts, roles
/// and keys). An incremental build reuses what a base computed only when
/// the base says the same: bump the name model's number with every change
/// to how names are read or keyed (2: patronymics have a role of their own;
/// 3: canonical names in lower case have a second key; 4: no stem drops
/// an agent suffix, "-er"; 5: the plural demonym "-ns" is no spelling
/// of its place, a change of scoring, not of keys; 6: names are keyed
/// with their initials joined too, "J. K. Rowling" as "jk rowling").
pub const BUILT_BY: &str =
    concat!("nomina ", env!("CARGO_PKG_VERSION"), "; name model 6");

/// The number of entities of one type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeCount {
    /// The type name (empty for untyped entities).
    pub name: String,
    /// How many entities have it.
    pub entities: u64,
}

/// One source file of a build.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The file name (without folders, so builds are the same anywhere).
    pub name: String,
    /// `jsonl` or `tsv`.
    pub format: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Rows read into the gazetteer.
    pub rows: u64,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
}

/// Writes an artifact section by section, each as soon as it is ready:
/// a build writes what it has compiled while it compiles the rest.
/// Sections are laid out in the order they are given, each aligned to 8
/// bytes; the header and section table, which need every section's size,
/// are written last, at the start, and the checksum is put together from
/// the parts (CRC-32 combines).
pub struct Writer<W: std::io::Write + std::io::Seek> {
    out: W,
    /// How many sections the table has room for.
    count: usize,
    /// `(tag, offset, length)` of the sections written.
    table: Vec<([u8; 4], u64, u64)>,
    /// Where the next byte goes.
    pos: u64,
    /// CRC-32 of the bytes from the first section on.
    body: crc32fast::Hasher,
}

impl<W: std::io::Write + std::io::Seek> Writer<W> {
    /// A writer of an artifact of `count` sections to `out`, which must be
    /// empty.
    pub fn new(mut out: W, count: usize) -> std::io::Result<Writer<W>> {
        let first = align8(HEADER_LEN + SECTION_ENTRY_LEN * count) as u64;
        out.seek(std::io::SeekFrom::Start(first))?;
        let table = Vec::with_capacity(count);
        let body = crc32fast::Hasher::new();
        Ok(Writer { out, count, table, pos: first, body })
    }

    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.body.update(bytes);
        self.out.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    /// Writes section `tag`.
    pub fn section(
        &mut self,
        tag: [u8; 4],
        body: &[u8],
    ) -> std::io::Result<()> {
        self.section_parts(tag, &[body])
    }

    /// Writes section `tag`, whose body is `parts` one after the other.
    pub fn section_parts(
        &mut self,
        tag: [u8; 4],
        parts: &[&[u8]],
    ) -> std::io::Result<()> {
        if self.table.len() == self.count {
            return Err(std::io::Error::other("more sections than declared"));
        }
        self.pad()?;
        let len = parts.iter().map(|p| p.len() as u64).sum();
        self.table.push((tag, self.pos, len));
        parts.iter().try_for_each(|p| self.put(p))
    }

    fn pad(&mut self) -> std::io::Result<()> {
        let zeros = [0u8; 8];
        let to = align8(self.pos as usize) as u64;
        self.put(&zeros[..(to - self.pos) as usize])
    }

    /// Writes the header, the section table and the footer; returns the
    /// output and the artifact's length.
    pub fn finish(mut self) -> std::io::Result<(W, u64)> {
        if self.table.len() != self.count {
            return Err(std::io::Error::other("fewer sections than declared"));
        }
        self.pad()?;
        let total = self.pos + FOOTER_LEN as u64;
        let first = align8(HEADER_LEN + SECTION_ENTRY_LEN * self.count);
        let mut head = Vec::with_capacity(first);
        head.extend_from_slice(&MAGIC);
        head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        head.extend_from_slice(&(self.count as u32).to_le_bytes());
        head.extend_from_slice(&total.to_le_bytes());
        head.extend_from_slice(&[0; 8]);
        for (tag, off, len) in &self.table {
            head.extend_from_slice(tag);
            head.extend_from_slice(&[0; 4]);
            head.extend_from_slice(&off.to_le_bytes());
            head.extend_from_slice(&len.to_le_bytes());
        }
        head.resize(first, 0);
        let mut crc = crc32fast::Hasher::new();
        crc.update(&head);
        crc.combine(&self.body);
        let mut footer = Vec::with_capacity(FOOTER_LEN);
        footer.extend_from_slice(&crc.finalize().to_le_bytes());
        footer.extend_from_slice(&[0; 4]);
        footer.extend_from_slice(&FOOTER_MAGIC);
        self.out.write_all(&footer)?;
        self.out.seek(std::io::SeekFrom::Start(0))?;
        self.out.write_all(&head)?;
        // A buffered writer's own flush on drop would swallow its error.
        self.out.flush()?;
        Ok((self.out, total))
    }
}

fn align8(n: usize) -> usize {
    (n + 7) & !7
}

/// The byte ranges of an artifact's sections, after the cheap checks.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The format version in the header.
    pub version: u32,
    /// `(tag, start, end)` of each section, in table order.
    pub sections: Vec<([u8; 4], usize, usize)>,
}

impl Layout {
    /// The byte range of the section `tag`.
    pub fn range(&self, tag: [u8; 4]) -> Option<std::ops::Range<usize>> {
        self.sections.iter().find(|s| s.0 == tag).map(|s| s.1..s.2)
    }
}

/// Runs the cheap checks on artifact bytes: size, magic, version, declared
/// length, footer magic, and that every section lies inside the file
/// without overlapping another. Costs O(number of sections), never reads
/// section bodies.
pub fn check(path: &Path, bytes: &[u8]) -> Result<Layout> {
    let corrupt = |reason: String| Error::corrupt(path, reason);
    if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
        return Err(corrupt("wrong magic bytes".into()));
    }
    if bytes.len() < HEADER_LEN + FOOTER_LEN {
        return Err(corrupt(format!(
            "truncated: {} bytes is shorter than a header and footer",
            bytes.len()
        )));
    }
    let version = u32_at(bytes, 8);
    if !(MIN_FORMAT_VERSION..=FORMAT_VERSION).contains(&version) {
        return Err(Error::from(ErrorKind::Version {
            path: path.to_path_buf(),
            min: MIN_FORMAT_VERSION,
            max: FORMAT_VERSION,
            got: version,
        }));
    }
    let declared = u64_at(bytes, 16);
    if declared != bytes.len() as u64 {
        let what = if declared > bytes.len() as u64 {
            "truncated"
        } else {
            "trailing data"
        };
        return Err(corrupt(format!(
            "{what}: header says {declared} bytes, file has {}",
            bytes.len()
        )));
    }
    if bytes[bytes.len() - 8..] != FOOTER_MAGIC {
        return Err(corrupt("wrong footer magic".into()));
    }
    let footer_reserved = bytes.len() - 12;
    if bytes[24..32] != [0; 8]
        || bytes[footer_reserved..footer_reserved + 4] != [0; 4]
    {
        return Err(corrupt(
            "reserved header or footer bytes are not zero".into(),
        ));
    }
    let count = u32_at(bytes, 12) as usize;
    if count > MAX_SECTIONS {
        return Err(corrupt(format!("{count} sections declared")));
    }
    let table_end = HEADER_LEN + count * SECTION_ENTRY_LEN;
    let body_end = bytes.len() - FOOTER_LEN;
    if table_end > body_end {
        return Err(corrupt("section table runs past the end".into()));
    }
    let mut sections = Vec::with_capacity(count);
    for i in 0..count {
        let at = HEADER_LEN + i * SECTION_ENTRY_LEN;
        let mut tag = [0; 4];
        tag.copy_from_slice(&bytes[at..at + 4]);
        if bytes[at + 4..at + 8] != [0; 4] {
            return Err(corrupt(
                "reserved section-table bytes are not zero".into(),
            ));
        }
        let start = u64_at(bytes, at + 8);
        let len = u64_at(bytes, at + 16);
        let end = start.checked_add(len);
        match end {
            Some(end)
                if start >= table_end as u64 && end <= body_end as u64 =>
            {
                sections.push((tag, start as usize, end as usize));
            }
            _ => {
                return Err(corrupt(format!(
                    "section {} lies outside the file",
                    String::from_utf8_lossy(&tag)
                )))
            }
        }
    }
    let mut sorted: Vec<_> = sections.iter().map(|s| (s.1, s.2)).collect();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[0].1 > w[1].0) {
        return Err(corrupt("sections overlap".into()));
    }
    for tag in REQUIRED {
        if !sections.iter().any(|s| s.0 == tag) {
            return Err(corrupt(format!(
                "missing section {}",
                String::from_utf8_lossy(&tag)
            )));
        }
    }
    Ok(Layout { version, sections })
}

/// Recomputes the checksum over the whole artifact. Costs one sequential
/// pass over the bytes (a few milliseconds per 10 MB).
pub fn verify_checksum(path: &Path, bytes: &[u8]) -> Result<()> {
    let body = bytes.len() - FOOTER_LEN;
    let stored = u32_at(bytes, body);
    let actual = crc32(&bytes[..body]);
    if stored != actual {
        return Err(Error::corrupt(
            path,
            format!(
                "checksum mismatch: stored {stored:08x}, computed {actual:08x}"
            ),
        ));
    }
    Ok(())
}

/// CRC-32 of `bytes`, pieces of [`CRC_PIECE`] bytes computed in
/// parallel and combined.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    use rayon::prelude::*;
    bytes
        .par_chunks(CRC_PIECE)
        .map(|piece| {
            let mut h = crc32fast::Hasher::new();
            h.update(piece);
            h
        })
        .reduce(crc32fast::Hasher::new, |mut a, b| {
            a.combine(&b);
            a
        })
        .finalize()
}

/// Bytes per piece of a parallel CRC-32: large enough that combining is
/// nothing beside it.
const CRC_PIECE: usize = 1 << 22;

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// `n` as a `u32` offset, or an error naming `what` outgrew the format.
pub(crate) fn offset32(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n).map_err(|_| {
        Error::invalid(format!("{what} exceed 4 GiB, the format's limit"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_crc_is_the_crc_of_the_whole() {
        // Bytes that differ from piece to piece, so that a piece combined
        // out of place would change the result.
        let bytes: Vec<u8> = (0..3 * CRC_PIECE + 12_345)
            .map(|i| (i * 31 % 251) as u8)
            .collect();
        for len in [0, 1, CRC_PIECE - 1, CRC_PIECE, CRC_PIECE + 1, bytes.len()]
        {
            assert_eq!(crc32(&bytes[..len]), crc32fast::hash(&bytes[..len]));
        }
    }

    proptest::proptest! {
        /// Packed type numbers read back as written, at every width, for
        /// counts that do and do not fill their last byte.
        #[test]
        fn packed_types_read_back(
            types in proptest::sample::select(vec![0usize, 1, 3, 4, 15, 16, 255, 256, 1000]),
            seeds in proptest::collection::vec(proptest::num::u16::ANY, 0..70),
        ) {
            let numbers: Vec<u16> = seeds
                .iter()
                .map(|&s| (usize::from(s) % (types + 1)) as u16)
                .collect();
            let packed = pack_types(&numbers, types);
            proptest::prop_assert_eq!(packed.len(), types_len(numbers.len(), type_bits(types)));
            for (i, &n) in numbers.iter().enumerate() {
                proptest::prop_assert_eq!(type_at(&packed, i), Some(n));
            }
        }
    }
}
