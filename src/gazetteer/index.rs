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
    /// The entity's number in the base artifact of an incremental build,
    /// when its layout and names, in order, are the base's: its parsed
    /// names are then read back from the base's name records rather than
    /// parsed again (see [`Reuse`]).
    pub base: Option<u32>,
}

/// The base artifact of an incremental build, for reading back the parsed
/// names of the entities it holds unchanged: valid when its name records
/// are what parsing the same names now gives. [`Reuse::new`] checks that
/// on a sample of the base's entities; the caller checks that the base was
/// built by this nomina.
pub(crate) struct Reuse<'g> {
    base: &'g super::Gazetteer,
    /// Base entity `e`'s names are `first[e]..first[e + 1]`.
    first: Vec<u32>,
}

impl<'g> Reuse<'g> {
    /// `None` when a sampled name of the base parses differently now.
    pub(crate) fn new(
        base: &'g super::Gazetteer,
    ) -> Result<Option<Reuse<'g>>> {
        let mut first = vec![0u32; base.len() + 1];
        for n in 0..base.name_count() {
            let e = base.name_entity(n).ok_or_else(|| bad(base, n))? as usize;
            // Names are stored in entity order.
            match first.get_mut(e + 1) {
                Some(f) => *f = n + 1,
                None => return Err(bad(base, n)),
            }
        }
        for e in 1..first.len() {
            first[e] = first[e].max(first[e - 1]);
        }
        let r = Reuse { base, first };
        Ok(r.parses_as_stored().then_some(r))
    }

    /// Whether every name of every `SAMPLE_EVERY`th base entity parses
    /// into the parts its record holds.
    fn parses_as_stored(&self) -> bool {
        let lex = &LexiconSource::builtin().phrase_lexicon;
        let g = self.base;
        let every = super::build::SAMPLE_EVERY;
        (0..g.len() as u32).into_par_iter().step_by(every).all(|e| {
            let (Some(entity), Ok(stored)) = (g.entity(e), self.names(e))
            else {
                return false;
            };
            let layout =
                Layout::of_type(Some(entity.kind).filter(|k| !k.is_empty()));
            let names = std::iter::once(entity.name).chain(entity.aliases);
            let mut count = 0;
            let same = names.zip(&stored).all(|(text, s)| {
                count += 1;
                let name = Name::parse(text, layout, lex);
                let parts =
                    &name.parts[..name.parts.len().min(MAX_NAME_PARTS)];
                parts.len() == s.parts.len()
                    && parts.iter().zip(&s.parts).all(|(p, sp)| {
                        let keys = &p.keys[..p.keys.len().min(MAX_PART_KEYS)];
                        p.class == sp.class
                            && p.role == sp.role
                            && keys.len() == sp.terms().len()
                            && keys
                                .iter()
                                .zip(sp.terms())
                                .all(|(k, &t)| g.term_text(t) == k)
                    })
            });
            same && count == stored.len()
        })
    }

    fn names(&self, e: u32) -> Result<Vec<StoredName>> {
        let e = e as usize;
        let (a, b) = match (self.first.get(e), self.first.get(e + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => return Err(bad(self.base, e as u32)),
        };
        (a..b)
            .map(|n| self.base.name(n).ok_or_else(|| bad(self.base, n)))
            .collect()
    }
}

fn bad(g: &super::Gazetteer, n: u32) -> Error {
    Error::corrupt(g.path(), format!("name record {n} cannot be read"))
}

/// An entity's names, parsed now or read back from the base.
enum Parsed {
    Fresh(Vec<Name>),
    Stored(Vec<StoredName>),
}

pub(crate) fn build(
    entities: &[EntityNames<'_>],
    reuse: Option<&Reuse<'_>>,
) -> Result<IndexSections> {
    let lex = LexiconSource::builtin();
    let mut ix = Interner::default();
    if let Some(r) = reuse {
        ix.base = Some(r.base);
        ix.base_ids = vec![u32::MAX; r.base.info().terms as usize];
    }
    let parse = |chunk: &[EntityNames<'_>]| -> Result<Vec<Parsed>> {
        chunk
            .par_iter()
            .map(|e| match (e.base, reuse) {
                (Some(b), Some(r)) => r.names(b).map(Parsed::Stored),
                _ => Ok(Parsed::Fresh(
                    e.names
                        .iter()
                        .map(|n| Name::parse(n, e.layout, &lex.phrase_lexicon))
                        .collect(),
                )),
            })
            .collect()
    };
    // Parsing (parallel) of the next chunk overlaps interning (sequential,
    // in source order) of the current one.
    let chunks: Vec<&[EntityNames<'_>]> =
        entities.chunks(CHUNK_ENTITIES).collect();
    let mut parsed = match chunks.first() {
        Some(c) => parse(c)?,
        None => Vec::new(),
    };
    for c in 0..chunks.len() {
        let first = (c * CHUNK_ENTITIES) as u64;
        let (next, interned) = rayon::join(
            || match chunks.get(c + 1) {
                Some(n) => parse(n),
                None => Ok(Vec::new()),
            },
            || ix.add_chunk(first, &parsed),
        );
        interned?;
        parsed = next?;
    }
    let Interner {
        ids: _,
        base: _,
        base_ids: _,
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
struct Interner<'g> {
    ids: FxHashMap<String, u32>,
    terms: Vec<String>,
    postings: Vec<Vec<u32>>,
    names: Vec<u8>,
    name_index: Vec<u8>,
    name_no: u32,
    /// The base of an incremental build, and its terms' numbers here
    /// (`u32::MAX` until first seen).
    base: Option<&'g super::Gazetteer>,
    base_ids: Vec<u32>,
}

impl Interner<'_> {
    fn add_chunk(&mut self, first: u64, parsed: &[Parsed]) -> Result<()> {
        for (i, entity_names) in parsed.iter().enumerate() {
            let entity = first + i as u64;
            match entity_names {
                Parsed::Fresh(names) => {
                    for (alias, name) in names.iter().enumerate() {
                        let parts = &name.parts
                            [..name.parts.len().min(MAX_NAME_PARTS)];
                        self.start_name(entity, alias, parts.len())?;
                        for p in parts {
                            let keys =
                                &p.keys[..p.keys.len().min(MAX_PART_KEYS)];
                            self.put_flags(p.class, p.role, keys.len());
                            for k in keys {
                                let id = self.intern(k);
                                self.put_term(id);
                            }
                        }
                        self.end_name()?;
                    }
                }
                Parsed::Stored(names) => {
                    for (alias, name) in names.iter().enumerate() {
                        self.start_name(entity, alias, name.parts.len())?;
                        for p in &name.parts {
                            self.put_flags(p.class, p.role, p.terms().len());
                            for &t in p.terms() {
                                let id = self.base_term(t)?;
                                self.put_term(id);
                            }
                        }
                        self.end_name()?;
                    }
                }
            }
        }
        Ok(())
    }

    fn start_name(
        &mut self,
        entity: u64,
        alias: usize,
        parts: usize,
    ) -> Result<()> {
        self.name_index
            .extend_from_slice(&offset32(self.names.len())?.to_le_bytes());
        put_varint(&mut self.names, entity);
        put_varint(&mut self.names, alias as u64);
        // At most MAX_NAME_PARTS.
        self.names.push(parts as u8);
        Ok(())
    }

    fn put_flags(&mut self, class: Class, role: Role, keys: usize) {
        self.names.push(class as u8 | (role as u8) << 2 | (keys as u8) << 4);
    }

    fn end_name(&mut self) -> Result<()> {
        self.name_no = self
            .name_no
            .checked_add(1)
            .ok_or_else(|| Error::invalid("more than 2^32 names"))?;
        Ok(())
    }

    /// The number of term `k`, new terms numbered in first-seen order.
    fn intern(&mut self, k: &str) -> u32 {
        if let Some(&id) = self.ids.get(k) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(k.to_string(), id);
        self.terms.push(k.to_string());
        self.postings.push(Vec::new());
        id
    }

    /// The number here of the base's term `t`.
    fn base_term(&mut self, t: u32) -> Result<u32> {
        let (Some(base), Some(&known)) =
            (self.base, self.base_ids.get(t as usize))
        else {
            return Err(Error::invalid(format!("base term {t} out of range")));
        };
        if known != u32::MAX {
            return Ok(known);
        }
        let id = self.intern(base.term_text(t));
        self.base_ids[t as usize] = id;
        Ok(id)
    }

    fn put_term(&mut self, id: u32) {
        put_varint(&mut self.names, u64::from(id));
        let list = &mut self.postings[id as usize];
        if list.last() != Some(&self.name_no) {
            list.push(self.name_no);
        }
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
