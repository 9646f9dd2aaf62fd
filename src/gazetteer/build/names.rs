//! The name index: every name and alias parsed into parts ([`Name`]), its
//! part keys interned as *terms*, and an inverted list from term to names.
//! Fuzzy candidate generation walks the term fst; scoring reads the name
//! records. See [`mod@format`] for the byte layout.
//!
//! Names are parsed in chunks of entities (in parallel within a chunk)
//! and interned chunk by chunk, the next chunk being parsed while the
//! current one is interned, so a build holds the parsed form of two chunks
//! at a time. Term numbers are given in first-seen order, which is
//! the source order and therefore deterministic. In an incremental build
//! the names of entities held unchanged are not parsed: their records are
//! copied from the base with their terms renumbered (`Reuse`).
//! Each term's list of names is made by one counting sort of all
//! `(term, name)` references.

use rustc_hash::FxHashMap;
use std::borrow::Cow;

use rayon::prelude::*;

use super::base::{section_room, with_room, SAMPLE_EVERY};
use crate::codec::put_list;
use crate::codec::{get_varint, put_varint};
use crate::error::{Error, Result};
use crate::gazetteer::format;
use crate::gazetteer::read::Gazetteer;
use crate::gazetteer::stored::{
    class_of, flags, key_count, role_of, Head, StoredName, MAX_PART_KEYS,
    NAME_BLOCK,
};
use crate::limits::{ACRONYM_WORDS, CHUNK_ENTITIES, MAX_NAME_PARTS};
use crate::name::key::{acronym_term, group_term};
use crate::name::lexicon::LexiconSource;
use crate::name::{Class, Layout, Name, Part, Role};
use crate::normalize::skeleton;

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
    base: &'g Gazetteer,
    /// Base entity `e`'s names are `first[e]..first[e + 1]`.
    first: Vec<u32>,
}

impl<'g> Reuse<'g> {
    /// `None` when a sampled name of the base parses differently now.
    pub(crate) fn new(base: &'g Gazetteer) -> Result<Option<Reuse<'g>>> {
        let mut first = vec![0u32; base.len() + 1];
        let mut n = 0;
        for name in base.all_names() {
            let (head, _) = name.ok_or_else(|| bad(base, n))?;
            let e = head.entity as usize;
            // Names are stored in entity order.
            match first.get_mut(e + 1) {
                Some(f) => *f = n + 1,
                None => return Err(bad(base, n)),
            }
            n += 1;
        }
        if n != base.name_count() {
            return Err(bad(base, n));
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
        let lex = &LexiconSource::builtin().lexicon;
        let g = self.base;
        let every = SAMPLE_EVERY;
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
                let parts = stored_parts(&name);
                parts.len() == s.parts.len()
                    && parts.zip(&s.parts).all(|((p, keys), sp)| {
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

    /// The numbers of base entity `e`'s names.
    fn range(&self, e: u32) -> Result<std::ops::Range<u32>> {
        match (self.first.get(e as usize), self.first.get(e as usize + 1)) {
            (Some(&a), Some(&b)) => Ok(a..b),
            _ => Err(Error::corrupt(
                self.base.path(),
                format!("the names of entity {e} cannot be found"),
            )),
        }
    }

    fn names(&self, e: u32) -> Result<Vec<StoredName>> {
        self.range(e)?
            .map(|n| self.base.name(n).ok_or_else(|| bad(self.base, n)))
            .collect()
    }
}

/// What a stored name keeps of a parsed one: its first
/// [`MAX_NAME_PARTS`] parts, each with its first [`MAX_PART_KEYS`] keys.
fn stored_parts(
    name: &Name,
) -> impl ExactSizeIterator<Item = (&Part, &[String])> {
    name.parts
        .iter()
        .take(MAX_NAME_PARTS)
        .map(|p| (p, &p.keys[..p.keys.len().min(MAX_PART_KEYS)]))
}

fn bad(g: &Gazetteer, n: u32) -> Error {
    Error::corrupt(g.path(), format!("name record {n} cannot be read"))
}

/// An entity's names, parsed now, or the base's name records that hold
/// them parsed.
enum Parsed {
    Fresh(Vec<Name>, Layout),
    Stored(std::ops::Range<u32>),
}

/// The name-index sections of `entities` (in entity order): their names
/// parsed and interned ([`intern`]), then the terms' postings, fst and
/// given-name groups compiled.
pub(crate) fn build(
    entities: &[EntityNames<'_>],
    reuse: Option<&Reuse<'_>>,
) -> Result<IndexSections> {
    let lex = LexiconSource::builtin();
    let ix = intern(entities, reuse, lex)?;
    compile_terms(ix, reuse, lex)
}

/// Parses (in parallel, chunk by chunk) and interns (in source order) the
/// names of `entities`; names of entities held unchanged from the base are
/// copied from its records.
fn intern<'g>(
    entities: &[EntityNames<'_>],
    reuse: Option<&Reuse<'g>>,
    lex: &LexiconSource,
) -> Result<Interner<'g>> {
    let mut ix = Interner::default();
    if let Some(r) = reuse {
        let g = r.base;
        ix.base = Some(g);
        ix.base_ids = vec![u32::MAX; g.info().terms as usize];
        // The base's sizes, with room for a delta.
        let terms = with_room(g.info().terms as usize);
        ix.names.reserve(section_room(g, format::NAMES));
        ix.name_index.reserve(section_room(g, format::NAME_INDEX));
        ix.terms.reserve(terms);
        ix.last.reserve(terms);
        // Each reference is at least a byte of a name record.
        ix.refs.reserve(section_room(g, format::NAMES) / 2);
    }
    let parse = |chunk: &[EntityNames<'_>]| -> Result<Vec<Parsed>> {
        chunk
            .par_iter()
            .map(|e| match (e.base, reuse) {
                (Some(b), Some(r)) => r.range(b).map(Parsed::Stored),
                _ => Ok(Parsed::Fresh(
                    e.names
                        .iter()
                        .map(|n| Name::parse(n, e.layout, &lex.lexicon))
                        .collect(),
                    e.layout,
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
    Ok(ix)
}

/// The sections of the interned names: postings per term, the given-name
/// group terms, the term fst (beside the rest), the term table and the
/// lexicon part this gazetteer uses.
fn compile_terms(
    ix: Interner<'_>,
    reuse: Option<&Reuse<'_>>,
    lex: &LexiconSource,
) -> Result<IndexSections> {
    let Interner { mut terms, refs, names, mut name_index, name_no, .. } = ix;
    name_index.extend_from_slice(&offset32(names.len())?.to_le_bytes());
    let mut postings = Postings::of(terms.len(), &refs);
    drop(refs);

    // The terms in byte order, for the term fst and for finding their
    // given-name groups by one merge with the lexicon's sorted group index.
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.par_sort_unstable_by(|a, b| {
        terms[*a as usize].cmp(&terms[*b as usize])
    });
    let mut term_groups: Vec<(u32, Vec<u32>)> = Vec::new();
    lex.merge_groups(
        order.iter().map(|&t| (t, terms[t as usize].as_ref())),
        |t, gs| {
            term_groups.push((t, gs.collect()));
        },
    );

    // Given-name groups: one term per group used by this gazetteer, whose
    // postings are the names having any spelling of it.
    let mut used: Vec<u32> =
        term_groups.iter().flat_map(|(_, gs)| gs.iter().copied()).collect();
    used.sort_unstable();
    used.dedup();
    let first_group = terms.len() as u32;
    terms.extend((0..used.len()).map(|d| Cow::Owned(group_term(d as u32))));
    // The group terms, sorted, merged into the order of the others.
    let mut groups_order: Vec<u32> =
        (first_group..terms.len() as u32).collect();
    groups_order
        .sort_unstable_by(|a, b| terms[*a as usize].cmp(&terms[*b as usize]));
    let order = merge_sorted(&order, &groups_order, |a, b| {
        terms[a as usize] <= terms[b as usize]
    });

    // The term fst (a serial build) is compiled beside the groups'
    // postings, the lexicon and the term table.
    let fst_room = reuse.map_or(0, |r| section_room(r.base, format::TERMS));
    let (terms_fst, rest) = rayon::join(
        || term_fst(&order, &terms, fst_room),
        || -> Result<_> {
            let mut group_postings: Vec<Vec<u32>> =
                vec![Vec::new(); used.len()];
            for (t, gs) in &term_groups {
                for g in gs {
                    // Every group of a term is in `used`.
                    if let Ok(d) = used.binary_search(g) {
                        group_postings[d].extend_from_slice(postings.list(*t));
                    }
                }
            }
            group_postings.par_iter_mut().for_each(|list| {
                list.sort_unstable();
                list.dedup();
            });
            postings.reserve(
                group_postings.len(),
                group_postings.iter().map(Vec::len).sum(),
            );
            for list in &group_postings {
                postings.push(list);
            }
            drop(group_postings);
            let lexicon = lex.compile(&used)?;
            let table = term_table(&terms, &postings)?;
            Ok((lexicon, table))
        },
    );
    let (lexicon, (term_table, term_text, term_postings)) = rest?;
    let terms_fst = terms_fst?;
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

/// The term fst: each term, in byte order (`order`), to its number.
fn term_fst(
    order: &[u32],
    terms: &[Cow<'_, str>],
    room: usize,
) -> Result<Vec<u8>> {
    let bug = |e: fst::Error| Error::invalid(format!("term index: {e}"));
    let mut map =
        fst::MapBuilder::new(Vec::with_capacity(room)).map_err(bug)?;
    for &t in order {
        map.insert(terms[t as usize].as_bytes(), u64::from(t)).map_err(bug)?;
    }
    map.into_inner().map_err(bug)
}

/// The term table, the terms' text and their postings lists.
fn term_table(
    terms: &[Cow<'_, str>],
    postings: &Postings,
) -> Result<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    let mut table = Vec::with_capacity(terms.len() * 8 + 4);
    let mut text = Vec::with_capacity(terms.iter().map(|t| t.len()).sum());
    // Most postings take a byte or two as deltas.
    let mut lists = Vec::with_capacity(2 * postings.names.len() + terms.len());
    // Terms with the same names share one list: a part's skeleton and
    // stem often have, and a given-name group with one spelling here has
    // that spelling's (about a quarter of the lists' bytes).
    let mut written: FxHashMap<&[u32], u32> = FxHashMap::default();
    for (t, term) in terms.iter().enumerate() {
        let names = postings.list(t as u32);
        let at = match written.get(names) {
            Some(&at) => at,
            None => {
                let at = offset32(lists.len())?;
                put_list(&mut lists, names.iter().copied());
                written.insert(names, at);
                at
            }
        };
        table.extend_from_slice(&offset32(text.len())?.to_le_bytes());
        table.extend_from_slice(&at.to_le_bytes());
        text.extend_from_slice(term.as_bytes());
    }
    table.extend_from_slice(&offset32(text.len())?.to_le_bytes());
    Ok((table, text, lists))
}

/// The two sorted lists `a` and `b` as one, `le` the order.
fn merge_sorted(
    a: &[u32],
    b: &[u32],
    le: impl Fn(u32, u32) -> bool,
) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if le(a[i], b[j]) {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Each term's names, ascending: one flat list cut by offsets.
struct Postings {
    offsets: Vec<usize>,
    names: Vec<u32>,
}

impl Postings {
    /// Sorts `(term, name)` references, names ascending within a term, by
    /// term (a counting sort: stable, and linear).
    fn of(terms: usize, refs: &[(u32, u32)]) -> Postings {
        let mut offsets = vec![0usize; terms + 1];
        for &(t, _) in refs {
            offsets[t as usize + 1] += 1;
        }
        for t in 0..terms {
            offsets[t + 1] += offsets[t];
        }
        let mut fill = offsets.clone();
        let mut names = vec![0u32; refs.len()];
        for &(t, n) in refs {
            names[fill[t as usize]] = n;
            fill[t as usize] += 1;
        }
        Postings { offsets, names }
    }

    fn list(&self, t: u32) -> &[u32] {
        let t = t as usize;
        &self.names[self.offsets[t]..self.offsets[t + 1]]
    }

    /// Room for `lists` more lists of `names` names in all.
    fn reserve(&mut self, lists: usize, names: usize) {
        self.offsets.reserve(lists);
        self.names.reserve(names);
    }

    fn push(&mut self, list: &[u32]) {
        self.names.extend_from_slice(list);
        self.offsets.push(self.names.len());
    }
}

/// Term numbering and name records, built chunk by chunk in source order.
#[derive(Default)]
struct Interner<'g> {
    /// The numbers of terms that are not the base's.
    ids: FxHashMap<String, u32>,
    /// Each term's text: borrowed from the base for the base's terms.
    terms: Vec<Cow<'g, str>>,
    /// `(term, name)` for each distinct term of each name, names in order.
    refs: Vec<(u32, u32)>,
    /// The name each term was last referenced by (for `refs`).
    last: Vec<u32>,
    names: Vec<u8>,
    name_index: Vec<u8>,
    name_no: u32,
    /// The last name written (see [`Head`]), the name being added and its
    /// body.
    head: Head,
    next: Head,
    body: Vec<u8>,
    /// The base of an incremental build, and its terms' numbers here
    /// (`u32::MAX` until first seen).
    base: Option<&'g Gazetteer>,
    base_ids: Vec<u32>,
}

impl<'g> Interner<'g> {
    fn add_chunk(&mut self, first: u64, parsed: &[Parsed]) -> Result<()> {
        for (i, entity_names) in parsed.iter().enumerate() {
            let entity = first + i as u64;
            match entity_names {
                Parsed::Fresh(names, layout) => {
                    for (alias, name) in names.iter().enumerate() {
                        let parts = stored_parts(name);
                        self.start_name(entity, alias as u64, parts.len())?;
                        let mut acronym = Acronym::new(*layout);
                        for (p, keys) in parts {
                            self.body.push(flags(p.class, p.role, keys.len()));
                            acronym.add(p.class, p.role, keys);
                            for k in keys {
                                let id = self.intern(k)?;
                                self.put_term(id);
                            }
                        }
                        self.index_acronym(acronym.term())?;
                        self.end_name()?;
                    }
                }
                Parsed::Stored(range) => {
                    for n in range.clone() {
                        self.copy_name(entity, n)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Copies base name record `n`, renumbering its entity and terms. The
    /// record was checked when the base was opened.
    fn copy_name(&mut self, entity: u64, n: u32) -> Result<()> {
        let Some(base) = self.base else {
            return Err(Error::invalid("no base to copy a name from"));
        };
        let bad = || bad(base, n);
        let (head, rec) = base.locate_name(n).ok_or_else(bad)?;
        let (base_entity, alias) = (head.entity, u64::from(head.alias));
        let mut pos = 0;
        let parts = *rec.get(pos).ok_or_else(bad)? as usize;
        pos += 1;
        self.start_name(entity, alias, parts)?;
        // The entity's layout is looked up only for a name whose parts
        // spell an acronym.
        let mut acronym = Acronym::new(Layout::Thing);
        for _ in 0..parts {
            let flags = *rec.get(pos).ok_or_else(bad)?;
            pos += 1;
            self.body.push(flags);
            let mut ids = [0u32; MAX_PART_KEYS];
            let len = key_count(flags);
            for id in ids.iter_mut().take(len) {
                let t = get_varint(rec, &mut pos).ok_or_else(bad)?;
                *id = self.base_term(u32::try_from(t).map_err(|_| bad())?)?;
                self.put_term(*id);
            }
            let (class, role) = (class_of(flags), role_of(flags));
            // Most names are persons': their keys are not read.
            let mut keys: [&str; MAX_PART_KEYS] = [""; MAX_PART_KEYS];
            if acronym.spells(class, role) {
                for (key, &id) in keys.iter_mut().zip(&ids[..len]) {
                    *key = &self.terms[id as usize];
                }
            }
            acronym.add(class, role, &keys[..len]);
        }
        let term = match acronym.term() {
            Some(term) => {
                let kind = base.kind_of(base_entity).ok_or_else(bad)?;
                let kind = Some(kind).filter(|k| !k.is_empty());
                Acronym::possible(Layout::of_type(kind)).then_some(term)
            }
            None => None,
        };
        self.index_acronym(term)?;
        self.end_name()
    }

    /// Lists the name being added under its acronym's term, if it has
    /// one (see [`Acronym`]). The term is not part of the name's record.
    fn index_acronym(&mut self, term: Option<String>) -> Result<()> {
        if let Some(term) = term {
            let id = self.intern(&term)?;
            self.refer(id);
        }
        Ok(())
    }

    fn start_name(
        &mut self,
        entity: u64,
        alias: u64,
        parts: usize,
    ) -> Result<()> {
        if self.name_no as usize % NAME_BLOCK == 0 {
            self.name_index
                .extend_from_slice(&offset32(self.names.len())?.to_le_bytes());
            self.head = Head::START;
        }
        let too_many = || Error::invalid("more than 2^32 entities or aliases");
        self.next = Head {
            entity: u32::try_from(entity).map_err(|_| too_many())?,
            alias: u32::try_from(alias).map_err(|_| too_many())?,
        };
        self.body.clear();
        // At most MAX_NAME_PARTS.
        self.body.push(parts as u8);
        Ok(())
    }

    /// Writes the name started by `start_name`: its head, then its body's
    /// length and the body.
    fn end_name(&mut self) -> Result<()> {
        let Head { entity, alias } = self.next;
        self.head = self.head.put(&mut self.names, entity, alias);
        put_varint(&mut self.names, self.body.len() as u64);
        self.names.extend_from_slice(&self.body);
        self.name_no = self
            .name_no
            .checked_add(1)
            .ok_or_else(|| Error::invalid("more than 2^32 names"))?;
        Ok(())
    }

    /// The number of term `k`, terms numbered in first-seen order.
    fn intern(&mut self, k: &str) -> Result<u32> {
        if let Some(base) = self.base {
            let found = base.guard_fst("term index", || Ok(base.term(k)))?;
            if let Some(t) = found {
                return self.base_term(t);
            }
        }
        if let Some(&id) = self.ids.get(k) {
            return Ok(id);
        }
        let id = self.new_term(Cow::Owned(k.to_string()));
        self.ids.insert(k.to_string(), id);
        Ok(id)
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
        let id = self.new_term(Cow::Borrowed(base.term_text(t)));
        self.base_ids[t as usize] = id;
        Ok(id)
    }

    fn new_term(&mut self, text: Cow<'g, str>) -> u32 {
        let id = self.terms.len() as u32;
        self.terms.push(text);
        self.last.push(u32::MAX);
        id
    }

    fn put_term(&mut self, id: u32) {
        put_varint(&mut self.body, u64::from(id));
        self.refer(id);
    }

    /// Lists the name being added under term `id` (once).
    fn refer(&mut self, id: u32) {
        let last = &mut self.last[id as usize];
        if *last != self.name_no {
            *last = self.name_no;
            self.refs.push((id, self.name_no));
        }
    }
}

/// The acronym of a name that is not a person's: the initials of its
/// words, legal forms and function words left out, an organisation word
/// counted by its spelling ("PKF" for "PROIZVOSTVENNAYA KOMMERCHESKAYA
/// FIRMA"), reduced to a skeleton like any key ("PCC" and the initials
/// "pcc" both become `pc`). Indexed as the term `^` and the acronym, so
/// that a query written as the acronym alone ("UBRD", "CIDMG") finds the
/// name; [`crate::score`] then decides whether it stands for the words.
struct Acronym {
    initials: String,
    words: usize,
    /// Set when the name has no acronym: a person's or a place's name (in
    /// running text, "NRA" and "BMW" are not the initials of places), or
    /// one with a word not in Latin letters.
    none: bool,
}

impl Acronym {
    fn new(layout: Layout) -> Acronym {
        Acronym {
            initials: String::new(),
            words: 0,
            none: !Acronym::possible(layout),
        }
    }

    /// Whether names read with `layout` may have an acronym.
    fn possible(layout: Layout) -> bool {
        !matches!(layout, Layout::Person | Layout::Place)
    }

    /// Whether a part of this class and role is one of the acronym's
    /// letters: [`add`](Acronym::add) reads its keys only then.
    fn spells(&self, class: Class, role: Role) -> bool {
        !self.none && role == Role::Core && class == Class::Word
    }

    fn add(&mut self, class: Class, role: Role, keys: &[impl AsRef<str>]) {
        if role != Role::Core {
            // Read as a person's name (an untyped entity's may be).
            self.none = true;
        }
        if !self.spells(class, role) {
            return;
        }
        self.words += 1;
        let spelled = crate::name::spelling(keys).map_or("", AsRef::as_ref);
        match spelled.chars().next() {
            Some(c) if c.is_ascii_lowercase() => self.initials.push(c),
            // Only letters of the Latin alphabet spell an acronym.
            _ => self.none = true,
        }
    }

    fn term(&self) -> Option<String> {
        if self.none || !ACRONYM_WORDS.contains(&self.words) {
            return None;
        }
        let key = skeleton(&self.initials);
        (key.len() >= 2).then(|| acronym_term(&key))
    }
}

fn offset32(n: usize) -> Result<u32> {
    format::offset32(n, "name index")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The acronym term of `name` read with `layout`, as a fresh build
    /// indexes it.
    fn acronym(name: &str, layout: Layout) -> Option<String> {
        let lex = &LexiconSource::builtin().lexicon;
        let parsed = Name::parse(name, layout, lex);
        let mut a = Acronym::new(layout);
        for (p, keys) in stored_parts(&parsed) {
            a.add(p.class, p.role, keys);
        }
        a.term()
    }

    #[test]
    fn acronyms_of_organisation_names() {
        // OFAC names and the acronyms their aliases use.
        let org = Layout::Thing;
        let cases = [
            // Legal forms and function words are left out.
            (
                "PUBLIC JOINT STOCK COMPANY URAL BANK FOR RECONSTRUCTION AND \
                 DEVELOPMENT",
                "^ubrd",
            ),
            ("ARELLANO FELIX ORGANIZATION", "^afo"),
            // Doubled initials collapse as in any key: "PCC" is `pc`.
            ("PETROCHEMICAL COMMERCIAL COMPANY FZE", "^pc"),
        ];
        for (name, term) in cases {
            assert_eq!(acronym(name, org).as_deref(), Some(term), "{name}");
        }
        // One word, or more than five, spell no acronym.
        assert_eq!(acronym("KODO-KAI", org), None);
        assert_eq!(acronym("GAZPROM", org), None);
        assert_eq!(
            acronym(
                "CHEMICAL INDUSTRIES AND DEVELOPMENT OF MATERIALS GROUP \
                 INTERNATIONAL HOLDING",
                org
            ),
            None
        );
    }

    #[test]
    fn persons_and_places_have_no_acronym() {
        assert_eq!(acronym("Sergey Viktorovich Lavrov", Layout::Person), None);
        assert_eq!(acronym("ABU SAYYAF", Layout::Person), None);
        assert_eq!(acronym("Ban Muang Waritchaphum", Layout::Place), None);
        // An untyped entity read as a person's name.
        assert_eq!(acronym("Sergey Lavrov", Layout::Unknown), None);
    }
}
