//! The name index: every name and alias parsed into parts ([`Name`]), its
//! part keys interned as *terms*, and an inverted list from term to names.
//! Fuzzy candidate generation walks the term fst; scoring reads the name
//! records. See [`mod@format`] for the byte layout.
//!
//! Names are parsed in chunks of entities (in parallel within a chunk)
//! and interned chunk by chunk, the next chunk being parsed while the
//! current one is interned, so a build holds the parsed form of two chunks
//! at a time. Term numbers are given in first-seen order, which is
//! the source order and therefore deterministic.

use rustc_hash::FxHashMap;
use std::collections::HashMap;

use rayon::prelude::*;

use super::format::{self, get_varint, put_varint, u32_at};
use crate::error::{Error, Result};
use crate::lexicon::LexiconSource;
use crate::name::{Class, Layout, Name, Role};

/// Entities parsed per chunk.
const CHUNK_ENTITIES: usize = 1 << 14;

/// The most keys a part stores (the format has two bits for it).
const MAX_PART_KEYS: usize = 3;

/// The most parts a stored name keeps; longer names keep their first ones.
pub const MAX_NAME_PARTS: usize = 32;

/// The name-index sections, built.
pub(crate) struct IndexSections {
    pub terms: Vec<u8>,
    pub term_table: Vec<u8>,
    pub term_text: Vec<u8>,
    pub term_postings: Vec<u8>,
    pub name_index: Vec<u8>,
    pub names: Vec<u8>,
    pub lexicon: [Vec<u8>; 4],
    pub term_count: u64,
    pub name_count: u64,
}

/// One entity's names for the index: its layout and its names, canonical
/// first.
pub(crate) struct EntityNames<'a> {
    pub layout: Layout,
    pub names: Vec<&'a str>,
}

pub(crate) fn build(entities: &[EntityNames<'_>]) -> Result<IndexSections> {
    let lex = LexiconSource::builtin();
    let mut ix = Interner::default();
    let parse = |chunk: &[EntityNames<'_>]| -> Vec<Vec<Name>> {
        chunk
            .par_iter()
            .map(|e| {
                e.names
                    .iter()
                    .map(|n| Name::parse(n, e.layout, &lex.phrase_lexicon))
                    .collect()
            })
            .collect()
    };
    // Parsing (parallel) of the next chunk overlaps interning (sequential,
    // in source order) of the current one.
    let chunks: Vec<&[EntityNames<'_>]> =
        entities.chunks(CHUNK_ENTITIES).collect();
    let mut parsed = chunks.first().map(|c| parse(c)).unwrap_or_default();
    for c in 0..chunks.len() {
        let first = (c * CHUNK_ENTITIES) as u64;
        let (next, interned) = rayon::join(
            || chunks.get(c + 1).map(|n| parse(n)).unwrap_or_default(),
            || ix.add_chunk(first, &parsed),
        );
        interned?;
        parsed = next;
    }
    let Interner {
        ids: _,
        mut terms,
        mut postings,
        names,
        mut name_index,
        name_no,
    } = ix;
    name_index.extend_from_slice(&offset32(names.len())?.to_le_bytes());

    // Given-name groups: one term per group used by this gazetteer, whose
    // postings are the names having any spelling of it.
    let mut used: Vec<u32> = terms
        .iter()
        .filter(|t| !t.starts_with(['#', '@', '+']))
        .flat_map(|t| lex.groups_of(t).iter().copied())
        .collect();
    used.sort_unstable();
    used.dedup();
    let dense: HashMap<u32, u32> =
        used.iter().enumerate().map(|(i, g)| (*g, i as u32)).collect();
    let mut group_postings: Vec<Vec<u32>> = vec![Vec::new(); used.len()];
    for (t, term) in terms.iter().enumerate() {
        for g in lex.groups_of(term) {
            if let Some(&d) = dense.get(g) {
                group_postings[d as usize].extend_from_slice(&postings[t]);
            }
        }
    }
    for (d, mut list) in group_postings.into_iter().enumerate() {
        list.sort_unstable();
        list.dedup();
        terms.push(format!("%{d}"));
        postings.push(list);
    }
    let lexicon = lex.compile(&used)?;

    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.par_sort_unstable_by(|a, b| {
        terms[*a as usize].cmp(&terms[*b as usize])
    });
    let mut fst_map = fst::MapBuilder::memory();
    for &t in &order {
        fst_map
            .insert(terms[t as usize].as_bytes(), u64::from(t))
            .map_err(|e| Error::invalid(format!("term index: {e}")))?;
    }
    let terms_fst = fst_map
        .into_inner()
        .map_err(|e| Error::invalid(format!("term index: {e}")))?;

    let mut term_table = Vec::with_capacity(terms.len() * 8 + 4);
    let mut term_text = Vec::new();
    let mut term_postings = Vec::new();
    for (term, list) in terms.iter().zip(&postings) {
        term_table
            .extend_from_slice(&offset32(term_text.len())?.to_le_bytes());
        term_table
            .extend_from_slice(&offset32(term_postings.len())?.to_le_bytes());
        term_text.extend_from_slice(term.as_bytes());
        format::put_list(&mut term_postings, list.iter().copied());
    }
    term_table.extend_from_slice(&offset32(term_text.len())?.to_le_bytes());
    Ok(IndexSections {
        terms: terms_fst,
        term_table,
        term_text,
        term_postings,
        name_index,
        names,
        lexicon,
        term_count: terms.len() as u64,
        name_count: u64::from(name_no),
    })
}

/// Term numbering and name records, built chunk by chunk in source order.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    terms: Vec<String>,
    postings: Vec<Vec<u32>>,
    names: Vec<u8>,
    name_index: Vec<u8>,
    name_no: u32,
}

impl Interner {
    fn add_chunk(&mut self, first: u64, parsed: &[Vec<Name>]) -> Result<()> {
        for (i, entity_names) in parsed.iter().enumerate() {
            let entity = first + i as u64;
            for (alias, name) in entity_names.iter().enumerate() {
                self.name_index.extend_from_slice(
                    &offset32(self.names.len())?.to_le_bytes(),
                );
                put_varint(&mut self.names, entity);
                put_varint(&mut self.names, alias as u64);
                let parts =
                    &name.parts[..name.parts.len().min(MAX_NAME_PARTS)];
                self.names.push(parts.len() as u8);
                for p in parts {
                    let keys = &p.keys[..p.keys.len().min(MAX_PART_KEYS)];
                    self.names.push(
                        p.class as u8
                            | (p.role as u8) << 2
                            | (keys.len() as u8) << 4,
                    );
                    for k in keys {
                        let id = match self.ids.get(k.as_str()) {
                            Some(&id) => id,
                            None => {
                                let id = self.terms.len() as u32;
                                self.ids.insert(k.clone(), id);
                                self.terms.push(k.clone());
                                self.postings.push(Vec::new());
                                id
                            }
                        };
                        put_varint(&mut self.names, u64::from(id));
                        let list = &mut self.postings[id as usize];
                        if list.last() != Some(&self.name_no) {
                            list.push(self.name_no);
                        }
                    }
                }
                self.name_no = self
                    .name_no
                    .checked_add(1)
                    .ok_or_else(|| Error::invalid("more than 2^32 names"))?;
            }
        }
        Ok(())
    }
}

fn offset32(n: usize) -> Result<u32> {
    format::offset32(n, "name index")
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
        let class = match flags & 3 {
            0 => Class::Word,
            1 => Class::Initial,
            2 => Class::Generic,
            _ => Class::Stop,
        };
        let role = match (flags >> 2) & 3 {
            0 => Role::Core,
            1 => Role::First,
            _ => Role::Middle,
        };
        let len = (flags >> 4) & 3;
        let mut keys = [0u32; MAX_PART_KEYS];
        for k in keys.iter_mut().take(len as usize) {
            *k = u32::try_from(get_varint(rec, &mut pos)?).ok()?;
        }
        parts.push(StoredPart { class, role, keys, len });
    }
    Some(StoredName { entity, alias, parts })
}

/// Reads `u32` number `i` of a table of offsets.
pub(crate) fn offset_at(bytes: &[u8], table_start: usize, i: usize) -> usize {
    u32_at(bytes, table_start + i * 4) as usize
}
