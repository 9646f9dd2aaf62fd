//! Name records as stored in an artifact (sections `NAMES` and
//! `NAME_INDEX`, see [`format`](super::format)): the parts of each parsed
//! name, their class, role and keys' term numbers. The build writes them
//! (`build::names`), candidate generation and scoring read them.

use crate::codec::{get_varint, u32_at};
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

/// Decodes the name record at `rec`.
pub(crate) fn decode_name(rec: &[u8]) -> Option<StoredName> {
    let mut pos = 0;
    let entity = u32::try_from(get_varint(rec, &mut pos)?).ok()?;
    let alias = u32::try_from(get_varint(rec, &mut pos)?).ok()?;
    let n = *rec.get(pos)? as usize;
    pos += 1;
    let mut parts = Vec::with_capacity(n);
    for _ in 0..n {
        let flags = *rec.get(pos)?;
        pos += 1;
        let (class, role) = (class_of(flags), role_of(flags));
        let len = key_count(flags);
        let mut keys = [0u32; MAX_PART_KEYS];
        for k in keys.iter_mut().take(len) {
            *k = u32::try_from(get_varint(rec, &mut pos)?).ok()?;
        }
        parts.push(StoredPart { class, role, keys, len: len as u8 });
    }
    Some(StoredName { entity, alias, parts })
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
