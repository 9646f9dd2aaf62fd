//! Reading an artifact: [`Gazetteer`], the opened artifact, and the
//! entities, postings, terms and name records it holds.
//!
//! A `Gazetteer` is immutable and `Sync`: one instance serves any number of
//! threads. [`Gazetteer::open`] runs the structural checks of
//! [`format::check`] and verifies the checksum;
//! [`Gazetteer::open_trusted`] skips the checksum for files verified
//! before. It holds the artifact and nothing else: answers worked out for
//! queries are kept by the layers above (see `crate::resolve`).

use std::fs::File;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::format::{self, GazetteerInfo};
use super::stored::{self, StoredName};
use crate::codec::{get_varint, list_at, u32_at, Section, Storage};
use crate::error::{Error, Result};
use crate::name::lexicon::Lexicon;
use crate::name::EntityKind;
use crate::normalize::{fold, natural_order};

/// The built-in default gazetteer (see `data/default/PROVENANCE.md`).
static DEFAULT_ARTIFACT: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/default.nom"));

/// The name under which the built-in gazetteer appears in messages.
pub const EMBEDDED_NAME: &str = "<embedded default gazetteer>";

/// A compiled gazetteer, ready for lookups from many threads.
pub struct Gazetteer {
    path: PathBuf,
    storage: Arc<Storage>,
    info: GazetteerInfo,
    types: Vec<String>,
    keys: fst::Map<Section>,
    ids: fst::Map<Section>,
    postings: Range<usize>,
    terms: fst::Map<Section>,
    term_table: Range<usize>,
    term_text: Range<usize>,
    term_postings: Range<usize>,
    name_index: Range<usize>,
    names: Range<usize>,
    lexicon: Lexicon,
    entity_index: Range<usize>,
    entities: Range<usize>,
    type_numbers: Range<usize>,
    layout: format::Layout,
    /// Unique per opened gazetteer in this process, for caches keyed by
    /// gazetteer.
    instance: u64,
}

/// One entity of a gazetteer, borrowed from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity<'g> {
    /// The entity's number in this artifact (its rank by id).
    pub number: u32,
    /// The entity's id, as in the sources (read back from the id index:
    /// records do not repeat it).
    pub id: String,
    /// The canonical name.
    pub name: &'g str,
    /// The type (`person`, `organization`, `location`, …); empty if none.
    pub kind: &'g str,
    /// The aliases, in source order.
    pub aliases: Vec<&'g str>,
    /// The other source fields, sorted by name: `(field, value as JSON
    /// text)`.
    pub metadata: Vec<(&'g str, &'g str)>,
}

/// The head of an entity record (see [`Gazetteer::entity_head`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct EntityHead<'g> {
    pub number: u32,
    pub name: &'g str,
    pub kind: &'g str,
    /// How many aliases and metadata fields the record holds.
    pub aliases: u32,
    pub fields: u32,
}

/// See [`Entity::scope`].
fn scope_of_kind(kind: &str) -> u8 {
    match kind.to_ascii_lowercase().as_str() {
        "continent" => 3,
        "country" => 2,
        "state" | "province" | "region" => 1,
        k if k.contains("division") => 1,
        _ => 0,
    }
}

/// What mention spotting asks of an entity: its names as written and
/// folded, its type and the place facts of its metadata, decoded from its
/// record in one go ([`Gazetteer::facts`]). The resolver keeps them across
/// documents; spotting's questions about them are methods in `spot::span`.
#[derive(Clone, Debug, Default)]
pub(crate) struct EntityFacts {
    /// Its id.
    pub(crate) id: String,
    /// Its canonical name.
    pub(crate) name: String,
    /// Its type, as the gazetteer writes it (empty if none).
    pub(crate) kind: String,
    /// Its type is a person's.
    pub(crate) person: bool,
    /// A ship or an aircraft.
    pub(crate) vehicle: bool,
    /// See [`Entity::population`].
    pub(crate) population: Option<u64>,
    /// Its type is `location`.
    pub(crate) place: bool,
    /// See [`Entity::scope`].
    pub(crate) scope: u8,
    /// Where a place lies, from GeoNames-style metadata: its country's ISO
    /// code (`countrycode`; `iso2` for a country itself) and its
    /// first-order division (`admin1code`). `None` where the gazetteer
    /// does not say.
    pub(crate) country: Option<String>,
    /// See `country`.
    pub(crate) division: Option<String>,
    /// Its names, canonical first, as written.
    pub(crate) written: Vec<String>,
    /// Folded words of its canonical name in natural order.
    pub(crate) words: Vec<String>,
}

impl EntityFacts {
    /// About how many bytes the facts hold (their texts).
    pub(crate) fn bytes(&self) -> usize {
        let texts = |v: &[String]| v.iter().map(String::len).sum::<usize>();
        self.id.len()
            + self.name.len()
            + self.kind.len()
            + texts(&self.written)
            + texts(&self.words)
    }
}

impl Entity<'_> {
    /// How prominent the entity is, for choosing among entities that share
    /// a name: a continent, then a country (see [`scope`](Self::scope)),
    /// then its population (from a numeric `population` metadata field, as
    /// GeoNames places have; 0 if none), then how many names it has. A
    /// country outranks a town of the same name, and a capital a village;
    /// a city-state outranks its city of the same people (Hong Kong,
    /// Singapore).
    pub fn prominence(&self) -> (u8, u64, usize) {
        let scope = self.scope();
        let broad = if scope >= 2 { scope } else { 0 };
        (broad, self.population().unwrap_or(0), self.aliases.len() + 1)
    }

    /// How much ground a place covers, from a `kind` metadata field (as
    /// the default gazetteer's sources write it): 3 for a continent, 2 for
    /// a country, 1 for a division of one (a state, a province, a region),
    /// 0 otherwise (a city, or no `kind`).
    pub fn scope(&self) -> u8 {
        self.text_field("kind").map_or(0, |k| scope_of_kind(&k))
    }

    /// The value of the metadata field `name`, if it is a JSON string.
    pub fn text_field(&self, name: &str) -> Option<String> {
        let (_, v) = self.metadata.iter().find(|(k, _)| *k == name)?;
        serde_json::from_str(v).ok()
    }

    /// The entity's population, from a numeric `population` metadata field
    /// (GeoNames places have one); `None` if it has none.
    pub fn population(&self) -> Option<u64> {
        self.metadata
            .iter()
            .find(|(k, _)| *k == "population")
            .and_then(|(_, v)| v.trim_matches('"').parse::<f64>().ok())
            .filter(|p| p.is_finite() && *p >= 0.0)
            .map(|p| p as u64)
    }

    /// The entity as `nomina get --json` writes it: `id`, `name`, `type`,
    /// `aliases` and `metadata` (an object of its fields).
    pub fn to_json(&self) -> serde_json::Value {
        // Each value was stored as JSON text; a damaged one reads as {}.
        let metadata: serde_json::Value =
            serde_json::from_str(&self.metadata_json())
                .unwrap_or_else(|_| serde_json::json!({}));
        serde_json::json!({
            "id": self.id,
            "name": self.name,
            "type": self.kind,
            "aliases": self.aliases,
            "metadata": metadata,
        })
    }

    /// The metadata as one JSON object text (`{}` if none).
    pub fn metadata_json(&self) -> String {
        let mut s = String::from("{");
        for (i, (k, v)) in self.metadata.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            // A field name is a plain string; Display of a JSON string
            // value quotes and escapes it.
            s.push_str(&serde_json::Value::String(k.to_string()).to_string());
            s.push(':');
            s.push_str(v);
        }
        s.push('}');
        s
    }
}

/// A posting: an entity that has a key, and whether the key came from one
/// of its aliases rather than its canonical name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    /// The entity number.
    pub entity: u32,
    /// True when the key is an alias's, false when it is the name's.
    pub alias: bool,
}

impl Gazetteer {
    /// Opens an artifact: memory-maps it, runs the cheap structural checks
    /// (size, magic, version, section bounds, index headers) and verifies
    /// the checksum, so that no damaged byte can reach a lookup. The
    /// checksum is one sequential pass over the file (CRC-32 at several
    /// GB/s: about a millisecond for the 13 MB default gazetteer; see
    /// benches/README.md); everything else is independent of size.
    ///
    /// Fails with `Io` if the file cannot be read, `Version` for an
    /// unsupported format version, `Corrupt` for anything else wrong.
    pub fn open(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let g = Gazetteer::open_trusted(path)?;
        g.verify()?;
        Ok(g)
    }

    /// Opens an artifact with the cheap checks only, skipping the checksum:
    /// a few system calls whatever the size. For artifacts already verified
    /// once (by this process or by `nomina inspect`); a damaged index that
    /// the cheap checks miss can make lookups return wrong answers or panic
    /// inside the `fst` crate.
    pub fn open_trusted(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        // A folder opens as a file on some systems, and mapping it then
        // fails with an obscure reason ("No such device").
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            let reason = "is a folder, not a gazetteer artifact";
            return Err(Error::io(path, std::io::Error::other(reason)));
        }
        // SAFETY: the map is read-only. Modifying or truncating the file
        // while it is mapped is undefined behaviour in principle; nomina
        // itself never does so (builds write a new file and rename it over
        // the old one, which leaves existing maps intact), and the format
        // checks bound every read.
        let map = unsafe { memmap2::Mmap::map(&file) }
            .map_err(|e| Error::io(path, e))?;
        Gazetteer::from_storage(path.to_path_buf(), Storage::Mapped(map))
    }

    /// The built-in default gazetteer, compiled into the binary. Runs the
    /// cheap checks only: its bytes are part of the executable, and the
    /// test suite verifies their checksum.
    pub fn embedded() -> Result<Gazetteer> {
        Gazetteer::from_storage(
            PathBuf::from(EMBEDDED_NAME),
            Storage::Static(DEFAULT_ARTIFACT),
        )
    }

    /// A gazetteer over artifact bytes held in memory (as produced by
    /// [`GazetteerBuilder::build_bytes`](super::GazetteerBuilder::build_bytes)), checked like
    /// [`open`](Gazetteer::open). `name` is used in messages.
    pub fn from_bytes(
        name: impl Into<PathBuf>,
        bytes: Vec<u8>,
    ) -> Result<Gazetteer> {
        let g = Gazetteer::from_storage(name.into(), Storage::Owned(bytes))?;
        g.verify()?;
        Ok(g)
    }

    fn from_storage(path: PathBuf, storage: Storage) -> Result<Gazetteer> {
        let storage = Arc::new(storage);
        let bytes = storage.bytes();
        let layout = format::check(&path, bytes)?;
        let corrupt = |reason: String| Error::corrupt(&path, reason);
        let range = |tag| {
            // `check` has made sure every required section is present.
            layout.range(tag).ok_or_else(|| corrupt("missing section".into()))
        };
        let info: GazetteerInfo =
            serde_json::from_slice(&bytes[range(format::META)?])
                .map_err(|e| corrupt(format!("unreadable metadata: {e}")))?;
        let fst_of = |tag| -> Result<fst::Map<Section>> {
            let section = Section::new(storage.clone(), range(tag)?);
            fst::Map::new(section).map_err(|e| {
                corrupt(format!(
                    "bad {} index: {e}",
                    String::from_utf8_lossy(&tag)
                ))
            })
        };
        let keys = fst_of(format::KEYS)?;
        let ids = fst_of(format::IDS)?;
        let entity_index = range(format::ENTITY_INDEX)?;
        let entities = range(format::ENTITIES)?;
        let n = info.entities as usize;
        let blocks = n.div_ceil(format::ENTITY_BLOCK);
        if entity_index.len() != (blocks + 1) * 4 || ids.len() != n {
            return Err(corrupt(format!(
                "entity index does not match the {n} entities declared"
            )));
        }
        let last = u32_at(bytes, entity_index.end - 4) as usize;
        if last != entities.len() {
            return Err(corrupt(
                "entity records do not end where the index says".into(),
            ));
        }
        let types: Vec<String> = info
            .types
            .iter()
            .map(|t| t.name.clone())
            .filter(|t| !t.is_empty())
            .collect();
        let type_numbers = range(format::TYPES)?;
        let bits = format::type_bits(types.len());
        if bytes.get(type_numbers.start) != Some(&bits)
            || type_numbers.len() != format::types_len(n, bits)
        {
            return Err(corrupt(
                "type table does not match the entities declared".into(),
            ));
        }
        if info.keys != keys.len() as u64 {
            return Err(corrupt(
                "key count does not match the metadata".into(),
            ));
        }
        let postings = range(format::POSTINGS)?;
        let terms = fst_of(format::TERMS)?;
        let term_table = range(format::TERM_TABLE)?;
        let term_text = range(format::TERM_TEXT)?;
        let term_postings = range(format::TERM_POSTINGS)?;
        let name_index = range(format::NAME_INDEX)?;
        let names = range(format::NAMES)?;
        let t = info.terms as usize;
        if terms.len() != t
            || term_table.len() != t * 8 + 4
            || u32_at(bytes, term_table.end - 4) as usize != term_text.len()
        {
            return Err(corrupt("term table does not match the terms".into()));
        }
        let blocks = (info.names as usize).div_ceil(stored::NAME_BLOCK);
        if name_index.len() != (blocks + 1) * 4
            || u32_at(bytes, name_index.end - 4) as usize != names.len()
        {
            return Err(corrupt("name index does not match the names".into()));
        }
        let section = |tag| -> Result<Section> {
            Ok(Section::new(storage.clone(), range(tag)?))
        };
        let lexicon = Lexicon::from_sections(
            section(format::LEX_PHRASES)?,
            &bytes[range(format::LEX_CLASSES)?],
            section(format::LEX_GROUPS)?,
            section(format::LEX_GROUP_LISTS)?,
        )
        .map_err(corrupt)?;
        static INSTANCES: std::sync::atomic::AtomicU64 =
            std::sync::atomic::AtomicU64::new(0);
        Ok(Gazetteer {
            instance: INSTANCES
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            path,
            postings,
            terms,
            term_table,
            term_text,
            term_postings,
            name_index,
            names,
            lexicon,
            storage,
            info,
            types,
            keys,
            ids,
            entity_index,
            entities,
            type_numbers,
            layout,
        })
    }

    /// Recomputes the artifact's checksum. Costs one pass over the file.
    /// Fails with `Corrupt` if any byte has changed since the build.
    pub fn verify(&self) -> Result<()> {
        format::verify_checksum(&self.path, self.storage.bytes())
    }

    /// Checks the structure behind the checksum: walks every node of every
    /// fst section, decoding each transition and trying each kind of input
    /// byte a lookup can give the node, and decodes
    /// every entity record, name record and key posting list. After it
    /// passes, no lookup can meet a malformed node or record.
    ///
    /// [`open`](Gazetteer::open) checks the checksum, which catches
    /// accidental damage; this catches a file made to pass the checksum
    /// with bad contents (the `fst` crate trusts its bytes and can panic on
    /// them; such a panic is caught here and reported as corruption). It
    /// costs a pass over every section: about a second per million names.
    /// `nomina verify` runs it.
    pub fn verify_structure(&self) -> Result<()> {
        let corrupt = |what: String| Error::corrupt(&self.path, what);
        let fsts: [(&str, &fst::raw::Fst<Section>); 3] = [
            ("key index", self.keys.as_fst()),
            ("id index", self.ids.as_fst()),
            ("term index", self.terms.as_fst()),
        ];
        let lexicon = self.lexicon.fsts();
        let all = fsts.into_iter().chain([
            ("lexicon phrases", lexicon[0]),
            ("lexicon groups", lexicon[1]),
        ]);
        for (what, f) in all {
            if !self.guard_fst(what, || Ok(walk_fst(f)))? {
                return Err(corrupt(format!("malformed {what}")));
            }
        }
        // Entities are numbered in id order: records find their ids by it.
        let mut ids = self.ids.stream();
        let mut expected = 0u64;
        while let Some((_, value)) = fst::Streamer::next(&mut ids) {
            if value != expected {
                return Err(corrupt("malformed id index".into()));
            }
            expected += 1;
        }
        // Each block of records starts where the index says, and the last
        // ends where the records do.
        let bytes = self.storage.bytes();
        let records = &bytes[self.entities.clone()];
        let mut at = 0usize;
        for e in 0..self.len() {
            if e % format::ENTITY_BLOCK == 0 {
                let b = e / format::ENTITY_BLOCK;
                if u32_at(bytes, self.entity_index.start + b * 4) as usize
                    != at
                {
                    return Err(corrupt(format!(
                        "entity record {e} is not where the index says"
                    )));
                }
            }
            let len = get_varint(records, &mut at)
                .and_then(|l| usize::try_from(l).ok());
            match len.and_then(|l| at.checked_add(l)) {
                Some(end) if end <= records.len() => at = end,
                _ => {
                    return Err(corrupt(format!(
                        "entity record {e} cannot be read"
                    )))
                }
            }
        }
        if at != records.len() {
            return Err(corrupt(
                "entity records do not end where the index says".into(),
            ));
        }
        let n = self.len() as u32;
        if let Some(bad) = (0..n).find(|&e| self.entity(e).is_none()) {
            return Err(corrupt(format!(
                "entity record {bad} cannot be read"
            )));
        }
        let mut read = 0u32;
        for name in self.all_names() {
            match name {
                Some((_, body)) if stored::decode_parts(body).is_some() => {
                    read += 1
                }
                _ => break,
            }
        }
        if read != self.name_count() {
            return Err(corrupt(format!("name record {read} cannot be read")));
        }
        let mut keys = self.keys.stream();
        while let Some((_, value)) = fst::Streamer::next(&mut keys) {
            if self.postings_of(value).iter().any(|p| p.entity >= n) {
                return Err(corrupt(
                    "a key lists an entity out of range".into(),
                ));
            }
        }
        Ok(())
    }

    /// Runs `f`, which reads this artifact's fst `what`. The `fst` crate
    /// trusts its bytes and panics on malformed ones, which an artifact can
    /// hold behind a valid checksum only if it was crafted (the checksum
    /// guards against accidents): such a panic is reported as a `Corrupt`
    /// artifact, and its message is not printed (see [`quietly`]). Only a
    /// panic on the calling thread is caught.
    pub(crate) fn guard_fst<T>(
        &self,
        what: &str,
        f: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        match quietly(f) {
            Some(read) => read,
            None => {
                Err(Error::corrupt(&self.path, format!("malformed {what}")))
            }
        }
    }

    /// A number unique to this opened gazetteer within the process, for
    /// caches keyed by gazetteer.
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// The path the gazetteer was opened from (or the embedded name).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Counts, types and sources recorded at build time.
    pub fn info(&self) -> &GazetteerInfo {
        &self.info
    }

    /// Size of the artifact in bytes.
    pub fn size(&self) -> u64 {
        self.storage.bytes().len() as u64
    }

    /// The byte size of each section, in file order, by tag.
    pub fn section_sizes(&self) -> Vec<(String, u64)> {
        self.layout
            .sections
            .iter()
            .map(|s| {
                (
                    String::from_utf8_lossy(&s.0).into_owned(),
                    (s.2 - s.1) as u64,
                )
            })
            .collect()
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.info.entities as usize
    }

    /// True if the gazetteer has no entities.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entity with this id, if any. Costs one fst lookup.
    pub fn get(&self, id: &str) -> Option<Entity<'_>> {
        let n = self.ids.get(id)?;
        self.entity(u32::try_from(n).ok()?)
    }

    /// The entity numbered `number` (0-based, in id order). `None` if out of
    /// range or if its record is damaged (possible only in an artifact that
    /// fails [`verify`](Gazetteer::verify)).
    pub fn entity(&self, number: u32) -> Option<Entity<'_>> {
        self.decode(number, self.record(number)?)
    }

    /// What mention spotting asks of entity `number` ([`EntityFacts`]);
    /// `None` as for [`entity`](Gazetteer::entity).
    pub(crate) fn facts(&self, number: u32) -> Option<EntityFacts> {
        let e = self.entity(number)?;
        let natural = natural_order(e.name);
        let words = fold(natural.as_deref().unwrap_or(e.name))
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let mut written = vec![e.name.to_string()];
        written.extend(e.aliases.iter().map(|a| a.to_string()));
        let kind = EntityKind::of(e.kind);
        Some(EntityFacts {
            person: kind.is_person(),
            vehicle: kind.is_vehicle(),
            place: kind.is_place(),
            population: e.population(),
            scope: e.scope(),
            country: e
                .text_field("countrycode")
                .or_else(|| e.text_field("iso2"))
                .filter(|c| !c.is_empty()),
            division: e.text_field("admin1code").filter(|c| !c.is_empty()),
            written,
            words,
            name: e.name.to_string(),
            kind: e.kind.to_string(),
            id: e.id,
        })
    }

    /// The fst map from id to entity number.
    pub(crate) fn id_map(&self) -> &fst::Map<Section> {
        &self.ids
    }

    /// The length of section `tag` in bytes (0 if absent).
    pub(crate) fn section_len(&self, tag: [u8; 4]) -> usize {
        self.layout.range(tag).map_or(0, |r| r.len())
    }

    /// The number of the entity with this id, if any.
    pub(crate) fn number_of(&self, id: &str) -> Option<u32> {
        u32::try_from(self.ids.get(id)?).ok()
    }

    /// The id of entity `number`, read back from the id index: the key
    /// whose value is `number`. Entities are numbered in id order, so
    /// values rise with keys and each transition's output is the least
    /// value of the keys below it (an fst pushes the common part of its
    /// outputs, for numbers their minimum, towards the root); the path to
    /// `number` takes, at each node, the last transition whose output does
    /// not pass it. One step per byte of the id. `None` if out of range.
    pub(crate) fn id_of(&self, number: u32) -> Option<String> {
        if number as usize >= self.len() {
            return None;
        }
        let fst = self.ids.as_fst();
        let target = u64::from(number);
        let mut node = fst.root();
        let mut at = 0u64;
        let mut key = Vec::new();
        // A path is no longer than the longest id; the bound only stops a
        // damaged index from looping.
        while key.len() <= crate::limits::MAX_NAME_BYTES {
            if node.is_final() && at + node.final_output().value() == target {
                return String::from_utf8(key).ok();
            }
            let mut next = None;
            for t in node.transitions() {
                if at + t.out.value() > target {
                    break;
                }
                next = Some(t);
            }
            let t = next?;
            at += t.out.value();
            key.push(t.inp);
            node = fst.node(t.addr);
        }
        None
    }

    /// The bytes of entity `number`'s record; `None` as for `entity`.
    pub(crate) fn record(&self, number: u32) -> Option<&[u8]> {
        let raw = self.raw_record(number)?;
        let mut pos = 0;
        let len = usize::try_from(get_varint(raw, &mut pos)?).ok()?;
        (pos.checked_add(len)? == raw.len()).then(|| &raw[pos..])
    }

    /// Entity `number`'s record with its length prefix, as stored.
    pub(crate) fn raw_record(&self, number: u32) -> Option<&[u8]> {
        self.records(number..number.checked_add(1)?)
    }

    /// The bytes of the records of entities `numbers`, length prefixes
    /// included, which are stored one after the other; `None` if out of
    /// range or damaged.
    pub(crate) fn records(&self, numbers: Range<u32>) -> Option<&[u8]> {
        if numbers.start > numbers.end || numbers.end as usize > self.len() {
            return None;
        }
        let start = self.record_offset(numbers.start)?;
        let end = self.record_offset(numbers.end)?;
        self.storage
            .bytes()
            .get(self.entities.start + start..self.entities.start + end)
    }

    /// Where entity `number`'s record starts in the records (the end of
    /// the last for `number == len`): the index gives every
    /// [`ENTITY_BLOCK`](format::ENTITY_BLOCK)th, and the records before it
    /// in its block are stepped over by their length prefixes.
    fn record_offset(&self, number: u32) -> Option<usize> {
        let n = number as usize;
        let bytes = self.storage.bytes();
        let block = n / format::ENTITY_BLOCK;
        let mut at =
            u32_at(bytes, self.entity_index.start + block * 4) as usize;
        if n % format::ENTITY_BLOCK == 0 {
            return Some(at);
        }
        let records = bytes.get(self.entities.clone())?;
        for _ in 0..n % format::ENTITY_BLOCK {
            let len = usize::try_from(get_varint(records, &mut at)?).ok()?;
            at = at.checked_add(len)?;
        }
        Some(at)
    }

    /// The type of entity `number` ("" if untyped), reading only the head
    /// of its record: cheaper than [`entity`](Gazetteer::entity) when the
    /// type is all that is needed. `None` as for `entity`.
    pub fn kind_of(&self, number: u32) -> Option<&str> {
        if number as usize >= self.len() {
            return None;
        }
        let section = &self.storage.bytes()[self.type_numbers.clone()];
        match format::type_at(section, number as usize)? {
            0 => Some(""),
            t => self.types.get(usize::from(t) - 1).map(String::as_str),
        }
    }

    fn decode<'g>(&'g self, number: u32, rec: &'g [u8]) -> Option<Entity<'g>> {
        let mut aliases = Vec::new();
        let mut metadata = Vec::new();
        let head = self.walk_record(
            number,
            rec,
            Some(&mut aliases),
            Some(&mut metadata),
        )?;
        let EntityHead { name, kind, .. } = head;
        let id = self.id_of(number)?;
        Some(Entity { number, id, name, kind, aliases, metadata })
    }

    /// Entity `number`'s head, its aliases and metadata checked as
    /// [`entity`](Gazetteer::entity) checks them but only counted: what a
    /// build needs of an entity it carries over unchanged. `None` as for
    /// `entity`.
    pub(crate) fn entity_head(&self, number: u32) -> Option<EntityHead<'_>> {
        let rec = self.record(number)?;
        self.walk_record(number, rec, None, None)
    }

    /// Reads record `rec` of entity `number`, collecting its aliases and
    /// metadata fields where asked to.
    fn walk_record<'g>(
        &'g self,
        number: u32,
        rec: &'g [u8],
        mut aliases_out: Option<&mut Vec<&'g str>>,
        mut fields_out: Option<&mut Vec<(&'g str, &'g str)>>,
    ) -> Option<EntityHead<'g>> {
        let mut pos = 0;
        let name = get_str(rec, &mut pos)?;
        let kind = self.kind_of(number)?;
        let aliases = get_varint(rec, &mut pos)? as usize;
        if aliases > rec.len() {
            return None;
        }
        if let Some(out) = aliases_out.as_deref_mut() {
            out.reserve_exact(aliases);
        }
        for _ in 0..aliases {
            let a = get_str(rec, &mut pos)?;
            if let Some(out) = aliases_out.as_deref_mut() {
                out.push(a);
            }
        }
        let fields = get_varint(rec, &mut pos)? as usize;
        if fields > rec.len() {
            return None;
        }
        if let Some(out) = fields_out.as_deref_mut() {
            out.reserve_exact(fields);
        }
        for _ in 0..fields {
            let f = get_varint(rec, &mut pos)? as usize;
            let field = self.info.fields.get(f)?.as_str();
            let value = get_str(rec, &mut pos)?;
            if let Some(out) = fields_out.as_deref_mut() {
                out.push((field, value));
            }
        }
        // Counts are bounded by the record's length, itself under 2^32.
        let (aliases, fields) = (aliases as u32, fields as u32);
        Some(EntityHead { number, name, kind, aliases, fields })
    }

    /// The postings of one folded key, canonical-name postings first, then
    /// by entity number. Empty if no entity has the key. Costs one fst
    /// lookup plus the list.
    pub fn postings(&self, key: &str) -> Vec<Posting> {
        match self.keys.get(key) {
            Some(value) => self.postings_of(value),
            None => Vec::new(),
        }
    }

    /// The postings of a key's value in [`key_map`](Gazetteer::key_map),
    /// for callers that walk the fst themselves; ordered as
    /// [`postings`](Gazetteer::postings).
    pub fn postings_of(&self, value: u64) -> Vec<Posting> {
        let mut raw = Vec::new();
        self.raw_postings(value, &mut raw);
        let mut out: Vec<Posting> = raw.into_iter().map(posting).collect();
        out.sort_by_key(|p| (p.alias, p.entity));
        out
    }

    /// Appends the raw postings (`entity << 1 | alias`) of a key's value
    /// in stored order: ascending.
    pub(crate) fn raw_postings(&self, value: u64, out: &mut Vec<u32>) {
        if value & 1 == 1 {
            out.push((value >> 1) as u32);
        } else {
            let bytes = &self.storage.bytes()[self.postings.clone()];
            let at = (value >> 1) as usize;
            out.extend(list_at(bytes, at, usize::MAX));
        }
    }

    /// The folded keys that are `key` followed by more words ("england" →
    /// "england national rugby union team"), in key order, at most
    /// `limit` of them, each with its postings' value (see
    /// [`postings_of`](Gazetteer::postings_of)). Costs a walk down the key
    /// fst along `key` and a space, and a range walk only where some key
    /// continues it (most words begin no longer name).
    pub fn extensions(&self, key: &str, limit: usize) -> Vec<(String, u64)> {
        use fst::{IntoStreamer, Streamer};
        let fst = self.keys.as_fst();
        let mut node = fst.root();
        for &b in key.as_bytes().iter().chain(b" ") {
            match node.find_input(b) {
                Some(i) => node = fst.node(node.transition(i).addr),
                None => return Vec::new(),
            }
        }
        // Words of a folded key are joined by one space; '!' is the byte
        // after it, so the range holds exactly the keys continuing `key`.
        let (lo, hi) = (format!("{key} "), format!("{key}!"));
        let mut stream = self.keys.range().ge(&lo).lt(&hi).into_stream();
        let mut out = Vec::new();
        while let Some((k, v)) = stream.next() {
            if out.len() == limit {
                break;
            }
            out.push((String::from_utf8_lossy(k).into_owned(), v));
        }
        out
    }

    /// The fst map from folded key to posting value, for candidate
    /// generators that stream over keys (automata, prefixes).
    pub fn key_map(&self) -> &fst::Map<impl AsRef<[u8]>> {
        &self.keys
    }
}

/// The name index (see [`stored`]): terms, their postings, name records.
impl Gazetteer {
    /// The lexicon this artifact was built with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The fst map from term to term number.
    pub fn term_map(&self) -> &fst::Map<impl AsRef<[u8]>> {
        &self.terms
    }

    /// The number of term `key`, if any name has it.
    pub fn term(&self, key: &str) -> Option<u32> {
        self.terms.get(key).map(|t| t as u32)
    }

    /// The text of term `t` ("" if out of range).
    pub fn term_text(&self, t: u32) -> &str {
        let bytes = self.storage.bytes();
        let t = t as usize;
        if t >= self.info.terms as usize {
            return "";
        }
        let a = stored::offset_at(bytes, self.term_table.start, 2 * t);
        let b = stored::offset_at(bytes, self.term_table.start, 2 * t + 2);
        bytes
            .get(self.term_text.start + a..self.term_text.start + b)
            .and_then(|s| std::str::from_utf8(s).ok())
            .unwrap_or("")
    }

    /// The number of names having term `t`.
    pub fn term_count(&self, t: u32) -> u32 {
        let (bytes, mut pos) = self.term_list(t);
        get_varint(bytes, &mut pos).unwrap_or(0).min(u64::from(u32::MAX))
            as u32
    }

    /// The names having term `t`, ascending; at most `limit` of them.
    pub fn term_names(
        &self,
        t: u32,
        limit: usize,
    ) -> impl Iterator<Item = u32> + '_ {
        let (bytes, pos) = self.term_list(t);
        list_at(bytes, pos, limit)
    }

    fn term_list(&self, t: u32) -> (&[u8], usize) {
        let bytes = self.storage.bytes();
        let list = &bytes[self.term_postings.clone()];
        if t as usize >= self.info.terms as usize {
            return (&[], 0);
        }
        let at = stored::offset_at(
            bytes,
            self.term_table.start,
            2 * t as usize + 1,
        );
        (list, at)
    }

    /// The number of names (canonical names and aliases).
    pub fn name_count(&self) -> u32 {
        self.info.names as u32
    }

    /// Name record `n`; `None` if out of range or damaged.
    pub fn name(&self, n: u32) -> Option<StoredName> {
        let (head, body) = self.locate_name(n)?;
        let parts = stored::decode_parts(body)?;
        Some(StoredName { entity: head.entity, alias: head.alias, parts })
    }

    /// Name record `n`'s head and body (see [`stored::Head`]), found from
    /// the first record of its block; `None` if out of range or damaged.
    pub(crate) fn locate_name(&self, n: u32) -> Option<(stored::Head, &[u8])> {
        let n = n as usize;
        if n >= self.info.names as usize {
            return None;
        }
        let bytes = self.storage.bytes();
        let block = n / stored::NAME_BLOCK;
        let start = stored::offset_at(bytes, self.name_index.start, block);
        let end = stored::offset_at(bytes, self.name_index.start, block + 1);
        let rec =
            bytes.get(self.names.start + start..self.names.start + end)?;
        let mut head = stored::Head::START;
        let mut pos = 0;
        for _ in 0..n % stored::NAME_BLOCK {
            let (next, len) = head.read(rec, &mut pos)?;
            head = next;
            pos = pos.checked_add(len)?;
        }
        let (head, len) = head.read(rec, &mut pos)?;
        Some((head, rec.get(pos..pos.checked_add(len)?)?))
    }

    /// Every name record's head and body, in order, or `None` at the first
    /// damaged one or where a block does not start where the index says:
    /// one pass, for reading all names.
    pub(crate) fn all_names(
        &self,
    ) -> impl Iterator<Item = Option<(stored::Head, &[u8])>> + '_ {
        let bytes = self.storage.bytes();
        let rec = &bytes[self.names.clone()];
        let mut head = stored::Head::START;
        let mut pos = 0;
        let mut failed = false;
        (0..self.info.names as usize).map_while(move |n| {
            if failed {
                return None;
            }
            if n % stored::NAME_BLOCK == 0 {
                let block = n / stored::NAME_BLOCK;
                let at =
                    stored::offset_at(bytes, self.name_index.start, block);
                if at != pos {
                    failed = true;
                    return Some(None);
                }
                head = stored::Head::START;
            }
            let found = head.read(rec, &mut pos).and_then(|(next, len)| {
                let body = rec.get(pos..pos.checked_add(len)?)?;
                pos += len;
                head = next;
                Some((next, body))
            });
            failed = found.is_none();
            Some(found)
        })
    }
}

fn posting(p: u32) -> Posting {
    Posting { entity: p >> 1, alias: p & 1 == 1 }
}

fn get_str<'a>(rec: &'a [u8], pos: &mut usize) -> Option<&'a str> {
    let len = get_varint(rec, pos)? as usize;
    let end = pos.checked_add(len)?;
    let s = std::str::from_utf8(rec.get(*pos..end)?).ok()?;
    *pos = end;
    Some(s)
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("path", &self.path)
            .field("entities", &self.info.entities)
            .field("keys", &self.info.keys)
            .finish()
    }
}

std::thread_local! {
    /// How many [`quietly`] calls are running on this thread.
    static QUIET: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Set by the panic hook when a panic on this thread, inside
    /// [`quietly`], was raised in the `fst` crate.
    static FST_PANIC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic of the `fst` crate (on this thread) into
/// `None`, without its message. Any other panic, nomina's own above all,
/// goes on as a panic with its message: it is a bug, not a damaged file.
///
/// The panic hook is wrapped once per process: it stays silent for a
/// panic whose location is in the `fst` crate's sources on a thread inside
/// `quietly`, and calls the hook it replaced for every other panic. A hook
/// set later by the program replaces the wrapper; `fst`'s messages are then
/// printed, and the panic is still reported as corruption.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static WRAP: std::sync::Once = std::sync::Once::new();
    WRAP.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_fst =
                info.location().is_some_and(|l| l.file().contains("fst-"));
            if in_fst && QUIET.with(|q| q.get()) > 0 {
                FST_PANIC.with(|p| p.set(true));
            } else {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(q.get() + 1));
    FST_PANIC.with(|p| p.set(false));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get() - 1));
    match result {
        Ok(v) => Some(v),
        Err(_) if FST_PANIC.with(|p| p.replace(false)) => None,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Visits every node reachable from the root of `f`, decoding each
/// transition and trying every kind of input byte on each (see the loop):
/// false if an address is out of bounds or a lookup disagrees with the
/// node's transitions. Can panic on malformed node bytes (see
/// [`Gazetteer::verify_structure`], which catches that).
fn walk_fst(f: &fst::raw::Fst<Section>) -> bool {
    let len = f.as_bytes().len();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut stack = vec![f.root().addr()];
    while let Some(addr) = stack.pop() {
        if !seen.insert(addr) {
            continue;
        }
        if addr >= len {
            return false;
        }
        let node = f.node(addr);
        if node.is_final() {
            let _ = node.final_output();
        }
        // Every input byte a lookup can try at this node: each
        // transition's own (the found path), one absent byte (a full scan
        // of a node's inputs), and 0 and 255 (the ends of an indexed
        // node's byte table).
        let mut present = [false; 256];
        for t in node.transitions() {
            present[usize::from(t.inp)] = true;
            if node.find_input(t.inp).map_or(true, |i| i >= node.len()) {
                return false;
            }
            stack.push(t.addr);
        }
        let absent = (0..=255u8).find(|&b| !present[usize::from(b)]);
        for b in absent.into_iter().chain([0, 255]) {
            if node.find_input(b).is_some_and(|i| i >= node.len()) {
                return false;
            }
        }
    }
    true
}
