//! Name records as stored in an artifact (sections `NAMES` and
//! `NAME_INDEX`, see [`format`](super::format)): the parts of each parsed
//! name, their class, role and keys' term numbers. The build writes them
//! (`build::names`), candidate generation and scoring read them.

use crate::codec::{get_varint, put_varint, u32_at};
use crate::name::{Class, Role};

/// The most keys a part stores (the format has two bits for it).
pub const MAX_PART_KEYS: usize = 3;

/// The flags byte of a stored part: class in bits 0–1, role in bits 2–3,
/// key count in bits 4–5.
pub(crate) fn flags(class: Class, role: Role, keys: usize) -> u8 {
    class as u8 | (role as u8) << 2 | (keys as u8) << 4
}

/// The number of keys a part's flags byte says it has.
pub(crate) fn key_count(flags: u8) -> usize {
    usize::from((flags >> 4) & 3).min(MAX_PART_KEYS)
}

/// A part of a stored name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredPart {
    /// Its class.
    pub class: Class,
    /// Its role.
    pub role: Role,
    /// Its keys' term numbers; `keys[..len]` are valid.
    pub keys: [u32; MAX_PART_KEYS],
    /// Number of keys.
    pub len: u8,
}

impl StoredPart {
    /// The term numbers of its keys.
    pub fn terms(&self) -> &[u32] {
        &self.keys[..self.len as usize]
    }
}

/// A stored name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredName {
    /// Its entity's number.
    pub entity: u32,
    /// 0 for the canonical name, `k` for the entity's alias `k`.
    pub alias: u32,
    /// Its parts.
    pub parts: Vec<StoredPart>,
}

/// Names per entry of the name index: the index holds the offset of
/// every `NAME_BLOCK`th record, and a name is found by stepping over the
/// records before it in its block.
pub const NAME_BLOCK: usize = 16;

/// A name record's head, as the record and the one before it in its
/// block give it: `head` is `entity delta << 1 | explicit`, where the
/// delta is from the previous record's entity (from 0 for a block's first
/// record) and `explicit` says that the alias number follows as a varint;
/// otherwise it is the previous record's alias plus one when the entity is
/// the same, and 0 (the canonical name) when it is a new one. Names are
/// stored in entity order, canonical name first, so most heads are one
/// byte: 0 for the next alias, 2 for the next entity's name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Head {
    pub entity: u32,
    pub alias: u32,
}

impl Head {
    /// The state before a block's first record.
    pub(crate) const START: Head = Head { entity: 0, alias: u32::MAX };

    /// Appends the head of a record of `entity`'s alias `alias` that
    /// follows `self`, and returns it.
    pub(crate) fn put(
        self,
        out: &mut Vec<u8>,
        entity: u32,
        alias: u32,
    ) -> Head {
        let delta = u64::from(entity.wrapping_sub(self.entity));
        let next = Head { entity, alias };
        if self.implied(entity) == next {
            put_varint(out, delta << 1);
        } else {
            put_varint(out, delta << 1 | 1);
            put_varint(out, u64::from(alias));
        }
        next
    }

    /// The head of a record of `entity` with no explicit alias.
    fn implied(self, entity: u32) -> Head {
        let alias =
            if entity == self.entity { self.alias.wrapping_add(1) } else { 0 };
        Head { entity, alias }
    }

    /// Reads the head of the record at `pos`, which follows `self`, and
    /// the length of its body; leaves `pos` at the body.
    pub(crate) fn read(
        self,
        rec: &[u8],
        pos: &mut usize,
    ) -> Option<(Head, usize)> {
        let head = get_varint(rec, pos)?;
        let entity =
            u32::try_from(u64::from(self.entity) + (head >> 1)).ok()?;
        let next = if head & 1 == 1 {
            Head { entity, alias: u32::try_from(get_varint(rec, pos)?).ok()? }
        } else {
            self.implied(entity)
        };
        let len = usize::try_from(get_varint(rec, pos)?).ok()?;
        Some((next, len))
    }
}

/// Decodes a name record's body: its part count byte, then per part a
/// flags byte and its keys' term numbers. `None` unless the body is
/// exactly that.
pub(crate) fn decode_parts(body: &[u8]) -> Option<Vec<StoredPart>> {
    let mut pos = 0;
    let n = *body.first()? as usize;
    pos += 1;
    let mut parts = Vec::with_capacity(n);
    for _ in 0..n {
        let flags = *body.get(pos)?;
        pos += 1;
        let (class, role) = (class_of(flags), role_of(flags));
        let len = key_count(flags);
        let mut keys = [0u32; MAX_PART_KEYS];
        for k in keys.iter_mut().take(len) {
            *k = u32::try_from(get_varint(body, &mut pos)?).ok()?;
        }
        parts.push(StoredPart { class, role, keys, len: len as u8 });
    }
    (pos == body.len()).then_some(parts)
}

/// The class of a part from its record's flags byte.
pub(crate) fn class_of(flags: u8) -> Class {
    match flags & 3 {
        0 => Class::Word,
        1 => Class::Initial,
        2 => Class::Generic,
        _ => Class::Stop,
    }
}

/// The role of a part from its record's flags byte.
pub(crate) fn role_of(flags: u8) -> Role {
    match (flags >> 2) & 3 {
        0 => Role::Core,
        1 => Role::First,
        2 => Role::Middle,
        _ => Role::Patronymic,
    }
}

/// Reads `u32` number `i` of a table of offsets.
pub(crate) fn offset_at(bytes: &[u8], table_start: usize, i: usize) -> usize {
    u32_at(bytes, table_start + i * 4) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Heads read back as written, in blocks as the index cuts them,
        /// whatever the entity and alias numbers (in the order names are
        /// stored or not): each read leaves the position at the body.
        #[test]
        fn heads_read_back(
            names in proptest::collection::vec(
                (0u32..5, 0u32..4, proptest::bool::ANY, 0usize..4),
                1..60,
            ),
        ) {
            // Entity numbers rise by 0..5 from name to name (as stored),
            // aliases count up within an entity unless `jump`.
            let mut heads = Vec::new();
            let (mut entity, mut alias) = (0u32, 0u32);
            for (i, &(step, a, jump, _)) in names.iter().enumerate() {
                if i > 0 && step == 0 {
                    alias += 1;
                } else {
                    entity += step;
                    alias = 0;
                }
                if jump {
                    alias = a;
                }
                heads.push(Head { entity, alias });
            }
            let mut bytes = Vec::new();
            let mut starts = Vec::new();
            let mut last = Head::START;
            for (i, (h, &(.., body))) in heads.iter().zip(&names).enumerate() {
                if i % NAME_BLOCK == 0 {
                    starts.push(bytes.len());
                    last = Head::START;
                }
                last = last.put(&mut bytes, h.entity, h.alias);
                put_varint(&mut bytes, body as u64);
                bytes.extend(std::iter::repeat_n(0xAB, body));
            }
            let mut pos = 0;
            let mut last = Head::START;
            for (i, (h, &(.., body))) in heads.iter().zip(&names).enumerate() {
                if i % NAME_BLOCK == 0 {
                    proptest::prop_assert_eq!(pos, starts[i / NAME_BLOCK]);
                    last = Head::START;
                }
                let (read, len) = last.read(&bytes, &mut pos).unwrap();
                proptest::prop_assert_eq!(read, *h);
                proptest::prop_assert_eq!(len, body);
                pos += len;
                last = read;
            }
            proptest::prop_assert_eq!(pos, bytes.len());
        }
    }
}
