//! The gazetteer compiler: sources in, artifact bytes out.
//!
//! Sources are streamed in batches of lines; each batch is parsed and
//! validated in parallel (rayon) and merged in order, so the result does not
//! depend on the thread count. Entities are sorted by id, every name and
//! alias is folded into lookup keys in parallel, the keys are sorted and
//! compiled into an `fst::Map`, and the sections are written by a
//! [`format::Writer`]: the entity table and name index as soon as they are
//! compiled, while the key fst still is, then the key fst, its postings and
//! the metadata. The same sources always give the same bytes.
//!
//! Incremental builds ([`GazetteerBuilder::base`]) apply the sources to
//! the entities of an artifact. Entities no row names stay in the base
//! (`Slot::Held`) and what the base holds for them is carried over rather
//! than computed again (see `compile`): the result is byte for byte the
//! full build's, only cheaper.
//!
//! Posting encoding. A posting is `entity << 1 | alias`, where `alias` is 1
//! when the key comes from an alias rather than the canonical name. A key's
//! fst value is `posting << 1 | 1` when exactly one entity has the key, and
//! otherwise `offset << 1`, the offset of a list in the POSTINGS section:
//! a varint count, then the postings in ascending order as varint deltas.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

mod base;
pub(crate) mod names;

use super::format::{self, GazetteerInfo, SourceInfo, TypeCount, BUILT_BY};
use super::read::{Entity, EntityHead, Gazetteer};
use super::source::{
    LineSource, Op, RawLine, RowParser, SourceFormat, SourceRow, TsvHeader,
};
use crate::codec::{put_list, put_varint};
use crate::error::{Error, Result};
use crate::limits::{
    BATCH_LINES, KEY_BATCH, MAX_ALIASES_PER_ENTITY, RECORD_CHUNK,
};
use crate::name::key::{written_in_lower_case, LOWER_CASE_PREFIX};
use crate::name::lexicon::LexiconSource;
use crate::name::{EntityKind, Layout};
use crate::normalize::{fold, join_dotted, natural_order};
use base::{section_room, SAMPLE_EVERY};

/// Compiles gazetteer sources into an artifact.
///
/// ```no_run
/// let report = nomina::GazetteerBuilder::new()
///     .skip_invalid(true)
///     .build(&["people.jsonl", "places.tsv"], "gazetteer.nom".as_ref())?;
/// eprintln!("{} entities, {} skipped rows", report.entities, report.skipped.len());
/// # Ok::<(), nomina::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    config: Config,
}

#[derive(Clone, Debug, Default)]
struct Config {
    skip_invalid: bool,
    /// An artifact whose entities the sources are applied to.
    base: Option<PathBuf>,
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildReport {
    /// Entities in the artifact.
    pub entities: u64,
    /// Aliases in the artifact (not counting canonical names).
    pub aliases: u64,
    /// Distinct lookup keys.
    pub keys: u64,
    /// Size of the artifact in bytes.
    pub bytes: u64,
    /// The rows skipped with [`GazetteerBuilder::skip_invalid`], in source
    /// order, each with its file and line. A row is skipped whole: none of
    /// its names, aliases or fields is built.
    pub skipped: Vec<Error>,
    /// The id each skipped row names, where it can be read (not from a row
    /// that is not JSON, say); in the order of [`skipped`](Self::skipped).
    pub skipped_ids: Vec<Option<String>>,
    /// The ids named by skipped rows that are not in the artifact (no
    /// other row built them), sorted: entities the skipping left out.
    pub left_out: Vec<String>,
}

/// An entity being assembled from one or more rows.
struct Draft {
    id: String,
    name: String,
    kind: Option<String>,
    aliases: Vec<String>,
    metadata: BTreeMap<String, Value>,
}

impl GazetteerBuilder {
    /// A builder that fails on the first bad row.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// When `yes`, bad rows are skipped and listed in
    /// [`BuildReport::skipped`] instead of failing the build. Unreadable
    /// files still fail it.
    pub fn skip_invalid(&mut self, yes: bool) -> &mut GazetteerBuilder {
        self.config.skip_invalid = yes;
        self
    }

    /// Builds on the artifact at `base` instead of from nothing: its
    /// entities come first, then the sources' rows are applied to them in
    /// order (`op` rows replace or delete entities; see [`Op`]), and its
    /// recorded sources are kept before theirs. The result is byte for
    /// byte what a full build from the base's sources followed by these
    /// would give, without reading the base's sources again. The base is
    /// opened with every check, checksum included.
    ///
    /// [`Op`]: super::source::Op
    pub fn base(&mut self, base: impl Into<PathBuf>) -> &mut GazetteerBuilder {
        self.config.base = Some(base.into());
        self
    }

    /// Compiles `sources` and writes the artifact to `out` atomically: the
    /// bytes go to a temporary file in the same folder, are synced, and the
    /// file is renamed over `out`. On any error nothing is written and an
    /// existing `out` is left as it was.
    pub fn build<P: AsRef<Path>>(
        &self,
        sources: &[P],
        out: &Path,
    ) -> Result<BuildReport> {
        // Writing the artifact over a source would lose the source (the
        // rename replaces it), whatever name or link it is reached by.
        if let Some(src) = sources.iter().find(|s| same_file(s.as_ref(), out))
        {
            return Err(Error::invalid(format!(
                "{}: the output is also the source {}; nothing was written \
                 (give the artifact another path)",
                out.display(),
                src.as_ref().display()
            )));
        }
        write_atomic(out, |file, failed| {
            let file = std::io::BufWriter::with_capacity(1 << 16, file);
            Ok(self.compile(sources, file, failed)?.0)
        })
    }

    /// Compiles `sources` into artifact bytes in memory.
    pub fn build_bytes<P: AsRef<Path>>(
        &self,
        sources: &[P],
    ) -> Result<(Vec<u8>, BuildReport)> {
        let failed = |e: std::io::Error| {
            Error::invalid(format!("internal error writing to memory: {e}"))
        };
        let out = std::io::Cursor::new(Vec::new());
        let (report, out) = self.compile(sources, out, &failed)?;
        Ok((out.into_inner(), report))
    }

    /// Compiles `sources` into an artifact written to `out`; returns the
    /// report and `out`. `failed` says what an error writing means.
    fn compile<P, W>(
        &self,
        sources: &[P],
        out: W,
        failed: &(dyn Fn(std::io::Error) -> Error + Sync),
    ) -> Result<(BuildReport, W)>
    where
        P: AsRef<Path>,
        W: std::io::Write + std::io::Seek + Send,
    {
        if sources.is_empty() {
            return Err(Error::invalid("no source files given"));
        }
        let base = match &self.config.base {
            None => None,
            Some(base) => Some(Gazetteer::open(base)?),
        };
        // The embedded lexicon, which compiling the name index needs, is
        // parsed on a thread of its own while the sources are read and the
        // keys compiled. Its parsing uses no rayon worker, so a worker that
        // waits for it cannot hold it up.
        std::thread::scope(|scope| -> Result<_> {
            scope.spawn(LexiconSource::builtin);
            let (mut merger, mut infos) = match &base {
                None => (Merger::default(), Vec::new()),
                Some(g) => {
                    (Merger::from_gazetteer(g), g.info().sources.clone())
                }
            };
            let mut skipped = Skipped::default();
            for path in sources {
                let info = self.read_source(
                    path.as_ref(),
                    &mut merger,
                    &mut skipped,
                )?;
                infos.push(info);
            }
            let mut left_out: Vec<String> = Vec::new();
            for id in skipped.ids.iter().flatten() {
                if merger.find(id)?.is_none() {
                    left_out.push(id.clone());
                }
            }
            left_out.sort_unstable();
            left_out.dedup();
            let slots = merger.finish()?;
            let mut w = format::Writer::new(out, format::REQUIRED.len())
                .map_err(failed)?;
            let counts =
                compile(&slots, infos, base.as_ref(), &mut w, failed)?;
            let (out, bytes) = w.finish().map_err(failed)?;
            let report = BuildReport {
                entities: slots.len() as u64,
                aliases: counts.0,
                keys: counts.1,
                bytes,
                skipped: skipped.errors,
                skipped_ids: skipped.ids,
                left_out,
            };
            Ok((report, out))
        })
    }

    fn read_source(
        &self,
        path: &Path,
        merger: &mut Merger<'_>,
        skipped: &mut Skipped,
    ) -> Result<SourceInfo> {
        let (fmt, gz) = SourceFormat::of_path(path)?;
        let mut lines = LineSource::open(path, gz)?;
        let before = skipped.errors.len();
        let rows = self.read_rows(path, fmt, &mut lines, merger, skipped)?;
        if rows == 0 {
            // Most often a failed download or export: building on would
            // drop every entity of the source without a word.
            let skipped = skipped.errors.len() - before;
            return Err(Error::invalid(match skipped {
                0 => format!(
                    "{}: no rows (an empty source is most often a failed export; \
                     leave the file out of the build if it is meant to be empty)",
                    path.display()
                ),
                n => format!("{}: no valid rows ({n} bad rows skipped)", path.display()),
            }));
        }
        let (sha256, bytes) = lines.digest();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(SourceInfo { name, format: fmt.to_string(), bytes, rows, sha256 })
    }

    /// Reads the rows of one source into `merger`; the number of rows.
    /// Lines are read a batch at a time, the next batch while the current
    /// one is parsed (in parallel) and merged (in order), so that the
    /// reading, the only serial part besides merging, overlaps the rest.
    fn read_rows(
        &self,
        path: &Path,
        fmt: SourceFormat,
        lines: &mut LineSource,
        merger: &mut Merger<'_>,
        skipped: &mut Skipped,
    ) -> Result<u64> {
        let mut parser = match fmt {
            SourceFormat::Jsonl => Some(RowParser::Jsonl),
            SourceFormat::Tsv => None,
        };
        let mut rows = 0u64;
        let mut current = read_batch(path, lines, parser.is_none())?;
        loop {
            let Batch { lines: batch, ended, header } = current;
            if header.is_some() {
                parser = header;
            }
            let Some(p) = parser.as_ref() else {
                if ended {
                    break;
                }
                current = read_batch(path, lines, true)?;
                continue;
            };
            let (merged, next) = rayon::join(
                || self.merge_batch(path, p, &batch, merger, skipped),
                || match ended {
                    true => Ok(Batch::default()),
                    false => read_batch(path, lines, false),
                },
            );
            rows += merged?;
            if ended {
                break;
            }
            current = next?;
        }
        Ok(rows)
    }

    /// Parses `batch` (in parallel) and merges its rows in order; the
    /// number of rows merged.
    fn merge_batch(
        &self,
        path: &Path,
        p: &RowParser,
        batch: &[RawLine],
        merger: &mut Merger<'_>,
        skipped: &mut Skipped,
    ) -> Result<u64> {
        let parsed: Vec<Result<Option<SourceRow>>> = batch
            .par_iter()
            .map(|line| match line {
                RawLine::Text(n, text) => p.parse(path, *n, text),
                RawLine::Bad(n, reason) => {
                    Err(Error::source_row(path, *n, reason.clone()))
                }
            })
            .collect();
        let mut rows = 0;
        for (row, line) in parsed.into_iter().zip(batch) {
            let outcome = row.and_then(|r| match r {
                Some(r) => merger.add(path, r).map(|()| true),
                None => Ok(false),
            });
            match outcome {
                Ok(true) => rows += 1,
                Ok(false) => {}
                Err(e) if self.config.skip_invalid => {
                    // The row's id as its line gives it (read again only
                    // for a row that fails).
                    let id = match line {
                        RawLine::Text(_, text) => p.id_of(text),
                        RawLine::Bad(..) => None,
                    };
                    skipped.errors.push(e);
                    skipped.ids.push(id);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(rows)
    }

    /// Reads a source held in memory as a file named `name` would be read
    /// (its extension gives the format), without compiling it: the rows
    /// accepted, or the first bad row's error. For fuzzing the source
    /// readers; not part of the supported API.
    #[doc(hidden)]
    pub fn read_source_bytes(
        &self,
        name: &Path,
        bytes: Vec<u8>,
    ) -> Result<u64> {
        let (fmt, gz) = SourceFormat::of_path(name)?;
        let mut lines = LineSource::stream(
            name,
            Box::new(std::io::Cursor::new(bytes)),
            gz,
        );
        self.read_rows(
            name,
            fmt,
            &mut lines,
            &mut Merger::default(),
            &mut Skipped::default(),
        )
    }
}

/// Up to [`BATCH_LINES`] lines of a source.
#[derive(Default)]
struct Batch {
    lines: Vec<RawLine>,
    /// Whether the source ended with them.
    ended: bool,
    /// A TSV source's header, when read with them.
    header: Option<RowParser>,
}

/// Reads the next batch of lines; with `need_header`, the first non-blank
/// line is the TSV header (a bad header makes the whole file unreadable)
/// and lines before it are blank.
fn read_batch(
    path: &Path,
    lines: &mut LineSource,
    mut need_header: bool,
) -> Result<Batch> {
    let mut batch =
        Batch { lines: Vec::with_capacity(BATCH_LINES), ..Batch::default() };
    while batch.lines.len() < BATCH_LINES {
        match lines.next_line() {
            None => {
                batch.ended = true;
                break;
            }
            Some(Err(e)) => return Err(e),
            Some(Ok(RawLine::Text(n, text))) if need_header => {
                if !text.trim().is_empty() {
                    let h = TsvHeader::parse(path, n, &text)?;
                    batch.header = Some(RowParser::Tsv(h));
                    need_header = false;
                }
            }
            Some(Ok(line)) => batch.lines.push(line),
        }
    }
    Ok(batch)
}

/// The rows skipped so far, and the id each names (if it can be read).
#[derive(Default)]
struct Skipped {
    errors: Vec<Error>,
    ids: Vec<Option<String>>,
}

/// What has become of a base entity in an incremental build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Held {
    /// No row has named it: it goes into the result as the base has it.
    Unchanged,
    /// Replaced or deleted by a row, or copied into a draft to merge into.
    Taken,
}

/// Where an id is found while merging.
enum Found {
    Draft(usize),
    Base(u32),
}

/// Merges rows by id, in order: the first row of an id gives its canonical
/// name and type; later rows add aliases (their names included) and
/// metadata fields not yet present; an `upsert` row replaces the entity and
/// a `delete` row removes it. In an incremental build the base's entities
/// stay in the base, read only when a row names them.
#[derive(Default)]
struct Merger<'b> {
    base: Option<&'b Gazetteer>,
    /// The state of each base entity.
    held: Vec<Held>,
    /// The drafts by id (Fx: a 10M-name build inserts every id here, on
    /// the build's one serial stretch).
    index: FxHashMap<String, usize>,
    /// Entities from rows in first-seen order; `None` where one was
    /// replaced or removed.
    drafts: Vec<Option<Draft>>,
}

/// The error for base entity `b`, whose record cannot be read.
fn unreadable(g: &Gazetteer, b: u32) -> Error {
    Error::corrupt(g.path(), format!("entity {b} cannot be read"))
}

/// An entity of the build, in id order: a base entity by number, or a
/// draft.
enum Slot {
    /// A base entity no row named.
    Held(u32),
    /// An entity made or changed by rows (boxed: most slots of an
    /// incremental build are held, and a slot is then 8 bytes, not 128).
    Draft(Box<Draft>),
}

/// An entity of the build, read: a held base entity by its record's head
/// (the rest is read from the base when needed), or a draft.
enum Entry<'b> {
    /// A base entity no row named, as the base holds it.
    Held(EntityHead<'b>, &'b Gazetteer),
    /// An entity made or changed by rows.
    Draft(&'b Draft),
}

impl Slot {
    /// The slots read: held entities' records checked and their heads
    /// read from `base`, in parallel.
    fn read<'b>(
        slots: &'b [Slot],
        base: Option<&'b Gazetteer>,
    ) -> Result<Vec<Entry<'b>>> {
        // Collected as options (an indexed collect, written in place), the
        // first unreadable entity then reported.
        let read: Vec<Option<Entry<'b>>> = slots
            .par_iter()
            .map(|s| match (s, base) {
                (Slot::Draft(d), _) => Some(Entry::Draft(d)),
                (Slot::Held(b), Some(g)) => {
                    g.entity_head(*b).map(|h| Entry::Held(h, g))
                }
                (Slot::Held(_), None) => None,
            })
            .collect();
        if let Some(i) = read.iter().position(Option::is_none) {
            return Err(match (&slots[i], base) {
                (Slot::Held(b), Some(g)) => unreadable(g, *b),
                _ => Error::invalid("a held entity without a base"),
            });
        }
        // Collected in place (an option of an entry is the size of an
        // entry), which `flatten` is not: 25 MB less to copy and fault in
        // for a 1M-name base.
        #[allow(clippy::filter_map_identity)]
        Ok(read.into_iter().filter_map(|e| e).collect())
    }
}

impl<'b> Entry<'b> {
    fn kind(&self) -> Option<&'b str> {
        match self {
            Entry::Held(h, _) => (!h.kind.is_empty()).then_some(h.kind),
            Entry::Draft(d) => d.kind.as_deref(),
        }
    }

    /// A held entity decoded in full.
    fn held(h: &EntityHead<'b>, g: &'b Gazetteer) -> Result<Entity<'b>> {
        g.entity(h.number).ok_or_else(|| unreadable(g, h.number))
    }

    /// The canonical name, then the aliases.
    fn names(&self) -> Result<Vec<&'b str>> {
        Ok(match self {
            Entry::Held(h, g) => {
                let e = Self::held(h, g)?;
                std::iter::once(e.name).chain(e.aliases).collect()
            }
            Entry::Draft(d) => std::iter::once(d.name.as_str())
                .chain(d.aliases.iter().map(String::as_str))
                .collect(),
        })
    }

    fn alias_count(&self) -> usize {
        match self {
            Entry::Held(h, _) => h.aliases as usize,
            Entry::Draft(d) => d.aliases.len(),
        }
    }

    /// Its number in the base, if held unchanged from there.
    fn base(&self) -> Option<u32> {
        match self {
            Entry::Held(h, _) => Some(h.number),
            Entry::Draft(_) => None,
        }
    }
}

impl<'b> Merger<'b> {
    /// A merger over the entities of an artifact.
    fn from_gazetteer(g: &'b Gazetteer) -> Merger<'b> {
        Merger {
            base: Some(g),
            held: vec![Held::Unchanged; g.len()],
            ..Merger::default()
        }
    }

    fn find(&self, id: &str) -> Result<Option<Found>> {
        if let Some(&i) = self.index.get(id) {
            return Ok(Some(Found::Draft(i)));
        }
        let Some(g) = self.base else { return Ok(None) };
        // The base's id index is read unchecked (see `Gazetteer::guard_fst`).
        let Some(b) = g.guard_fst("id index", || Ok(g.number_of(id)))? else {
            return Ok(None);
        };
        Ok((self.held.get(b as usize) == Some(&Held::Unchanged))
            .then_some(Found::Base(b)))
    }

    /// Base entity `b` as a draft, as the rows that made it left it.
    fn take(&mut self, b: u32) -> Result<usize> {
        let Some(g) = self.base else {
            return Err(Error::invalid("no base to take an entity from"));
        };
        let e = g.entity(b).ok_or_else(|| unreadable(g, b))?;
        let mut metadata = BTreeMap::new();
        for (k, v) in &e.metadata {
            let v: Value =
                serde_json::from_str(v).map_err(|_| unreadable(g, b))?;
            metadata.insert(k.to_string(), v);
        }
        self.held[b as usize] = Held::Taken;
        let i = self.drafts.len();
        self.index.insert(e.id.to_string(), i);
        self.drafts.push(Some(Draft {
            id: e.id.to_string(),
            name: e.name.to_string(),
            kind: (!e.kind.is_empty()).then(|| e.kind.to_string()),
            aliases: e.aliases.iter().map(|a| a.to_string()).collect(),
            metadata,
        }));
        Ok(i)
    }

    fn add(&mut self, path: &Path, row: SourceRow) -> Result<()> {
        if row.op != Op::Merge {
            match self.find(&row.id)? {
                Some(Found::Draft(i)) => {
                    self.drafts[i] = None;
                    self.index.remove(&row.id);
                }
                Some(Found::Base(b)) => self.held[b as usize] = Held::Taken,
                None if row.op == Op::Delete => {
                    // Most often a mistyped id: say so rather than do nothing.
                    return Err(Error::source_row(
                        path,
                        row.line,
                        format!(
                            "delete of {:?}, which no earlier row names",
                            row.id
                        ),
                    ));
                }
                None => {}
            }
            if row.op == Op::Delete {
                return Ok(());
            }
        }
        let i = match self.find(&row.id)? {
            None => {
                self.index.insert(row.id.clone(), self.drafts.len());
                self.drafts.push(Some(Draft {
                    id: row.id,
                    name: row.name,
                    kind: row.kind,
                    aliases: row.aliases,
                    metadata: row.metadata,
                }));
                return Ok(());
            }
            Some(Found::Draft(i)) => i,
            Some(Found::Base(b)) => self.take(b)?,
        };
        // The index names live drafts only.
        let Some(d) = self.drafts[i].as_mut() else { return Ok(()) };
        if d.aliases.len() + row.aliases.len() + 1 > MAX_ALIASES_PER_ENTITY {
            return Err(Error::source_row(
                path,
                row.line,
                format!(
                    "entity {:?} has more than {} aliases",
                    d.id, MAX_ALIASES_PER_ENTITY
                ),
            ));
        }
        if d.kind.is_none() {
            d.kind = row.kind;
        }
        d.aliases.push(row.name);
        d.aliases.extend(row.aliases);
        for (k, v) in row.metadata {
            d.metadata.entry(k).or_insert(v);
        }
        Ok(())
    }

    /// The merged entities in id order, aliases de-duplicated in
    /// first-seen order.
    fn finish(self) -> Result<Vec<Slot>> {
        let mut drafts: Vec<Box<Draft>> =
            self.drafts.into_iter().flatten().map(Box::new).collect();
        drafts.par_iter_mut().for_each(|d| {
            let mut seen: HashSet<&str> =
                HashSet::with_capacity(d.aliases.len() + 1);
            seen.insert(&d.name);
            let mut keep = vec![false; d.aliases.len()];
            for (i, a) in d.aliases.iter().enumerate() {
                keep[i] = seen.insert(a.as_str());
            }
            let mut it = keep.iter();
            // `retain` visits in order, matching `keep`.
            d.aliases.retain(|_| *it.next().unwrap_or(&false));
        });
        drafts.par_sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let mut drafts = drafts.into_iter().peekable();
        let mut out = Vec::new();
        if let Some(g) = self.base {
            // Base entities are numbered in id order: merge the two runs,
            // walking the base's ids.
            out.reserve(g.len() + drafts.len());
            let malformed =
                || Error::corrupt(g.path(), "malformed id index".to_string());
            g.guard_fst("id index", || {
                let mut ids = g.id_map().stream();
                let mut expected = 0u64;
                while let Some((id, b)) = fst::Streamer::next(&mut ids) {
                    // The ids list the entities in number order.
                    if b != expected || b >= g.len() as u64 {
                        return Err(malformed());
                    }
                    expected += 1;
                    if self.held[b as usize] != Held::Unchanged {
                        continue;
                    }
                    while let Some(d) =
                        drafts.next_if(|d| d.id.as_bytes() < id)
                    {
                        out.push(Slot::Draft(d));
                    }
                    out.push(Slot::Held(b as u32));
                }
                if expected != g.len() as u64 {
                    return Err(malformed());
                }
                Ok(())
            })?;
        }
        out.extend(drafts.map(Slot::Draft));
        Ok(out)
    }
}

/// True when names of this type are keyed in natural order too
/// ("LAVROV, Sergei" → "Sergei LAVROV"): persons and untyped entities.
fn reorders(kind: Option<&str>) -> bool {
    kind.map_or(true, |k| EntityKind::of(k).is_person())
}

/// Lays out the sections; returns the bytes and (aliases, keys).
///
/// In an incremental build, what the base holds for its unchanged
/// entities is carried over rather than computed again, when the base was
/// built by this nomina: their keys ([`compile_keys`]), their records
/// (while the type and field lists are the base's) and their parsed names
/// ([`names::Reuse`]). Each is checked on a sample of the base first.
/// The key fst and the rest are compiled side by side.
fn compile<W>(
    slots: &[Slot],
    sources: Vec<SourceInfo>,
    base: Option<&Gazetteer>,
    out: &mut format::Writer<W>,
    failed: &(dyn Fn(std::io::Error) -> Error + Sync),
) -> Result<(u64, u64)>
where
    W: std::io::Write + std::io::Seek + Send,
{
    if slots.len() >= (1 << 30) {
        return Err(Error::invalid(format!(
            "{} entities exceed the format's limit of 2^30",
            slots.len()
        )));
    }
    let same_build = base.filter(|g| g.info().built_by == BUILT_BY);
    // The keys (the longest part of an incremental build) are compiled
    // beside the rest, which is written out as soon as it is ready.
    let (keys, rest) = rayon::join(
        || match same_build {
            // The base's keys are merged while a sample of them is
            // checked (the build's critical path is the key fst): in the
            // rare case that they are not as stored, the merge is
            // discarded and the keys compiled from the names.
            Some(g) => std::thread::scope(|scope| {
                let check = scope.spawn(|| keys_as_stored(g));
                let merged = compile_keys(slots, base, true);
                let stored = check
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p));
                if stored {
                    merged
                } else {
                    compile_keys(slots, base, false)
                }
            }),
            None => compile_keys(slots, base, false),
        },
        || -> Result<_> {
            let entries = Slot::read(slots, base)?;
            // The entity table is compiled and written while the name
            // index (the longer of the two) is built.
            let (table, ix) = rayon::join(
                || -> Result<_> {
                    let t = entity_table(&entries, same_build)?;
                    let records = t.records(same_build)?;
                    out.section(format::ENTITY_INDEX, &t.index)
                        .map_err(failed)?;
                    out.section_parts(format::ENTITIES, &records)
                        .map_err(failed)?;
                    out.section(format::IDS, &t.ids).map_err(failed)?;
                    out.section(format::TYPES, &t.type_numbers)
                        .map_err(failed)?;
                    Ok((t.type_counts, t.fields))
                },
                || name_index(&entries, same_build),
            );
            let (type_counts, fields) = table?;
            let ix = ix?;
            let aliases: u64 =
                entries.iter().map(|e| e.alias_count() as u64).sum();
            let [lex_phrases, lex_classes, lex_groups, lex_group_lists] =
                &ix.lexicon;
            for (tag, body) in [
                (format::TERMS, &ix.terms),
                (format::TERM_TABLE, &ix.term_table),
                (format::TERM_TEXT, &ix.term_text),
                (format::TERM_POSTINGS, &ix.term_postings),
                (format::NAME_INDEX, &ix.name_index),
                (format::NAMES, &ix.names),
                (format::LEX_PHRASES, lex_phrases),
                (format::LEX_CLASSES, lex_classes),
                (format::LEX_GROUPS, lex_groups),
                (format::LEX_GROUP_LISTS, lex_group_lists),
            ] {
                out.section(tag, body).map_err(failed)?;
            }
            let counts = (ix.name_count, ix.term_count);
            Ok((type_counts, fields, counts, aliases))
        },
    );
    let (keys, postings, key_count) = keys?;
    let (type_counts, fields, (names, terms), aliases) = rest?;

    let info = GazetteerInfo {
        format_version: format::FORMAT_VERSION,
        entities: slots.len() as u64,
        aliases,
        keys: key_count,
        names,
        terms,
        types: type_counts
            .iter()
            .map(|(t, n)| TypeCount { name: t.clone(), entities: *n })
            .collect(),
        fields,
        sources,
        built_by: BUILT_BY.to_string(),
    };
    // Serialising plain structs of strings and integers cannot fail.
    let meta = serde_json::to_vec(&info)
        .map_err(|e| Error::invalid(e.to_string()))?;
    for (tag, body) in [
        (format::POSTINGS, &postings),
        (format::KEYS, &keys),
        (format::META, &meta),
    ] {
        out.section(tag, body).map_err(failed)?;
    }
    Ok((aliases, key_count))
}

/// The entity table (its index and records) and the id fst.
struct EntityTable {
    type_counts: BTreeMap<String, u64>,
    fields: Vec<String>,
    index: Vec<u8>,
    records: Vec<Records>,
    ids: Vec<u8>,
    type_numbers: Vec<u8>,
}

/// A chunk of entities' records: each one's length and base number (none
/// when encoded now), and the records encoded now, one after the other.
type RecordChunk = (Vec<(usize, Option<u32>)>, Vec<u8>);

/// Entity records, in order: a run of the base's, which are stored one
/// after the other and copied as they are, or a run encoded now.
enum Records {
    Base(std::ops::Range<u32>),
    Made(Vec<u8>),
}

impl EntityTable {
    /// The bytes of the records, in pieces.
    fn records<'a>(
        &'a self,
        base: Option<&'a Gazetteer>,
    ) -> Result<Vec<&'a [u8]>> {
        self.records
            .iter()
            .map(|r| match (r, base) {
                (Records::Made(bytes), _) => Ok(bytes.as_slice()),
                (Records::Base(run), Some(g)) => g
                    .records(run.clone())
                    .ok_or_else(|| unreadable(g, run.start)),
                (Records::Base(_), None) => {
                    Err(Error::invalid("base records without a base"))
                }
            })
            .collect()
    }
}

/// The entity table and the id fst. `same_build` is a base built by this
/// nomina, whose records are copied while its type and field lists are
/// those of the result.
fn entity_table<'b>(
    entries: &[Entry<'b>],
    same_build: Option<&'b Gazetteer>,
) -> Result<EntityTable> {
    let mut type_counts: BTreeMap<&str, u64> = BTreeMap::new();
    for e in entries {
        *type_counts.entry(e.kind().unwrap_or("")).or_default() += 1;
    }
    let types: Vec<&str> =
        type_counts.keys().copied().filter(|t| !t.is_empty()).collect();
    if types.len() > usize::from(u16::MAX) {
        return Err(Error::invalid(format!(
            "{} entity types exceed the format's limit of {}",
            types.len(),
            u16::MAX
        )));
    }
    let type_index: HashMap<&str, u16> =
        types.iter().enumerate().map(|(i, t)| (*t, i as u16 + 1)).collect();
    let type_numbers: Vec<u16> = entries
        .iter()
        .map(|e| {
            e.kind().and_then(|k| type_index.get(k)).copied().unwrap_or(0)
        })
        .collect();
    let type_numbers = format::pack_types(&type_numbers, types.len());

    // Sorted and unique: a set per rayon job, then their union.
    let fields: Vec<&str> = entries
        .par_iter()
        .try_fold(BTreeSet::new, |mut f, e| -> Result<BTreeSet<&str>> {
            match e {
                Entry::Held(h, g) if h.fields > 0 => {
                    let e = Entry::held(h, g)?;
                    f.extend(e.metadata.iter().map(|m| m.0));
                }
                Entry::Held(..) => {}
                Entry::Draft(d) => {
                    f.extend(d.metadata.keys().map(String::as_str))
                }
            }
            Ok(f)
        })
        .try_reduce(BTreeSet::new, |mut a, b| {
            a.extend(b);
            Ok(a)
        })?
        .into_iter()
        .collect();
    let field_index: HashMap<&str, u64> =
        fields.iter().enumerate().map(|(i, f)| (*f, i as u64)).collect();
    // A base record numbers fields as the base lists them: while the lists
    // are the same, its bytes are what encoding would give.
    let copy_from = same_build.filter(|g| {
        g.info().fields.iter().map(String::as_str).eq(fields.iter().copied())
    });
    // The records by chunks of entities: a few thousand buffers rather
    // than a vector per entity, which cost a 10M-name build twice the
    // records' size.
    let chunks: Vec<RecordChunk> = entries
        .par_chunks(RECORD_CHUNK)
        .map(|chunk| -> Result<_> {
            let mut lens = Vec::with_capacity(chunk.len());
            let (mut buf, mut scratch) = (Vec::new(), Vec::new());
            for e in chunk {
                match (e.base(), copy_from) {
                    (Some(b), Some(g)) => {
                        let r =
                            g.raw_record(b).ok_or_else(|| unreadable(g, b))?;
                        lens.push((r.len(), Some(b)));
                    }
                    _ => {
                        let start = buf.len();
                        scratch.clear();
                        encode_entity(e, &field_index, &mut scratch)?;
                        put_varint(&mut buf, scratch.len() as u64);
                        buf.extend_from_slice(&scratch);
                        lens.push((buf.len() - start, None));
                    }
                }
            }
            Ok((lens, buf))
        })
        .collect::<Result<_>>()?;
    let mut index =
        Vec::with_capacity((entries.len() / format::ENTITY_BLOCK + 2) * 4);
    let mut records: Vec<Records> = Vec::new();
    let mut len = 0usize;
    let mut i = 0usize;
    for (lens, buf) in chunks {
        // The run of records encoded now that starts at `run` in `buf`.
        let (mut run, mut pos) = (0usize, 0usize);
        for (n, base) in lens {
            if i % format::ENTITY_BLOCK == 0 {
                index.extend_from_slice(
                    &format::offset32(len, "entity records")?.to_le_bytes(),
                );
            }
            i += 1;
            len += n;
            let Some(b) = base else {
                pos += n;
                continue;
            };
            if run < pos {
                records.push(Records::Made(buf[run..pos].to_vec()));
            }
            run = pos;
            match records.last_mut() {
                Some(Records::Base(r)) if r.end == b => r.end = b + 1,
                _ => records.push(Records::Base(b..b + 1)),
            }
        }
        if run == 0 && pos == buf.len() && pos > 0 {
            records.push(Records::Made(buf));
        } else if run < pos {
            records.push(Records::Made(buf[run..pos].to_vec()));
        }
    }
    index.extend_from_slice(
        &format::offset32(len, "entity records")?.to_le_bytes(),
    );

    let ids_room = same_build.map_or(0, |g| section_room(g, format::IDS));
    let mut ids =
        fst::MapBuilder::new(Vec::with_capacity(ids_room)).map_err(fst_bug)?;
    // A held entity's id is read from its base's id index, walked once
    // in step: held entities come in base order.
    let mut base_ids = None;
    let mut id = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let key = match e {
            Entry::Draft(d) => d.id.as_bytes(),
            Entry::Held(h, g) => {
                let stream =
                    base_ids.get_or_insert_with(|| g.id_map().stream());
                if !next_id(stream, h.number, &mut id) {
                    return Err(unreadable(g, h.number));
                }
                &id
            }
        };
        // Entries are sorted by id and ids are unique after merging.
        ids.insert(key, i as u64).map_err(fst_bug)?;
    }
    let ids = ids.into_inner().map_err(fst_bug)?;
    Ok(EntityTable {
        type_counts: type_counts
            .into_iter()
            .map(|(t, n)| (t.to_string(), n))
            .collect(),
        fields: fields.into_iter().map(str::to_string).collect(),
        index,
        records,
        ids,
        type_numbers,
    })
}

/// The name index. `same_build` is a base built by this nomina, whose
/// parsed names are read back for the entities it holds.
fn name_index(
    entries: &[Entry<'_>],
    same_build: Option<&Gazetteer>,
) -> Result<names::IndexSections> {
    let reuse = match same_build {
        Some(g) => names::Reuse::new(g)?,
        None => None,
    };
    let entity_names: Vec<names::EntityNames<'_>> = entries
        .par_iter()
        .map(|e| {
            // The names of a held entity are read back from the base.
            let base = e.base().filter(|_| reuse.is_some());
            Ok(names::EntityNames {
                layout: Layout::of_type(e.kind()),
                names: if base.is_some() { Vec::new() } else { e.names()? },
                base,
            })
        })
        .collect::<Result<_>>()?;
    names::build(&entity_names, reuse.as_ref())
}

/// Whether the base's keys are what folding its names gives now, on a
/// sample of its entities: every key of each lists it (from its canonical
/// name when an alias shares the key, as [`compile_keys`] keeps it).
fn keys_as_stored(g: &Gazetteer) -> bool {
    // A malformed key index answers no (see `Gazetteer::guard_fst`); keys
    // are then compiled from the entities, without it.
    let sample = || {
        // Sequential: this runs beside the merge of the keys it checks.
        Ok((0..g.len() as u32).step_by(SAMPLE_EVERY).all(|b| {
            let Some(h) = g.entity_head(b) else { return false };
            let Ok(keys) = entity_keys(b, &Entry::Held(h, g)) else {
                return false;
            };
            let mut raw = Vec::new();
            keys.iter().all(|(key, posting)| {
                raw.clear();
                if let Some(v) = g.key_map().get(key) {
                    g.raw_postings(v, &mut raw);
                }
                raw.contains(posting) || raw.contains(&(posting & !1))
            })
        }))
    };
    g.guard_fst("key index", sample).unwrap_or(false)
}

/// The key fst and its postings lists, and the number of keys.
///
/// Every name of every entity is folded into keys (natural order too for
/// persons), each key listing its entities' postings, ascending. In an
/// incremental build the base's keys already list its unchanged entities:
/// its key stream is merged with the keys of the other entities, the
/// base's postings renumbered, rather than every name folded again.
fn compile_keys(
    slots: &[Slot],
    base: Option<&Gazetteer>,
    stored: bool,
) -> Result<(Vec<u8>, Vec<u8>, u64)> {
    // The keys of drafts, and of held entities unless the base's are used.
    let failed = std::sync::atomic::AtomicU32::new(u32::MAX);
    let mut pairs: Vec<(String, u32)> = slots
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, s)| match (s, base) {
            (Slot::Draft(d), _) => {
                // A draft's names are in memory: this cannot fail.
                entity_keys(i as u32, &Entry::Draft(d)).unwrap_or_default()
            }
            (Slot::Held(b), Some(g)) if !stored => {
                let keys = g
                    .entity_head(*b)
                    .map(|h| entity_keys(i as u32, &Entry::Held(h, g)));
                match keys {
                    Some(Ok(keys)) => keys,
                    _ => {
                        failed.store(*b, std::sync::atomic::Ordering::Relaxed);
                        Vec::new()
                    }
                }
            }
            (Slot::Held(_), _) => Vec::new(),
        })
        .collect();
    let b = failed.into_inner();
    if let (Some(g), true) = (base, b != u32::MAX) {
        return Err(unreadable(g, b));
    }
    pairs.par_sort_unstable();
    // For one key and entity keep the first posting: the canonical one
    // (flag 0) sorts before the alias one.
    pairs.dedup_by(|later, kept| {
        later.0 == kept.0 && later.1 >> 1 == kept.1 >> 1
    });

    // This thread merges the keys and their postings; another builds the
    // fst from them, so that the fst's construction (the longest serial
    // step of a build) overlaps the merge.
    let fst_capacity = base.map_or(0, |g| section_room(g, format::KEYS));
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<KeyBatch>(8);
        let builder = scope.spawn(move || -> Result<Vec<u8>> {
            let mut keys =
                fst::MapBuilder::new(Vec::with_capacity(fst_capacity))
                    .map_err(fst_bug)?;
            for batch in rx {
                let mut start = 0;
                for &(end, value) in &batch.ends {
                    // Keys come sorted and unique, so insertion cannot
                    // fail.
                    keys.insert(&batch.bytes[start..end], value)
                        .map_err(fst_bug)?;
                    start = end;
                }
            }
            keys.into_inner().map_err(fst_bug)
        });
        let mut sink = KeySink { tx, batch: KeyBatch::default() };
        let merged =
            merge_keys(&pairs, base.filter(|_| stored), slots, &mut sink);
        let sent = sink.finish();
        // The builder stops at its first error and drops the receiver,
        // which is why a send can fail: its error is the one to report.
        let keys =
            builder.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?;
        let (postings, key_count) = merged?;
        sent?;
        Ok((keys, postings, key_count))
    })
}

/// Keys and their values on their way to the fst builder: the keys'
/// bytes, concatenated, and each key's end and value.
#[derive(Default)]
struct KeyBatch {
    bytes: Vec<u8>,
    ends: Vec<(usize, u64)>,
}

/// The sending end of the key fst builder.
struct KeySink {
    tx: std::sync::mpsc::SyncSender<KeyBatch>,
    batch: KeyBatch,
}

impl KeySink {
    fn push(&mut self, key: &[u8], value: u64) -> Result<()> {
        self.batch.bytes.extend_from_slice(key);
        self.batch.ends.push((self.batch.bytes.len(), value));
        if self.batch.ends.len() == KEY_BATCH {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        self.tx.send(batch).map_err(|_| {
            Error::invalid("internal error: the key index builder stopped")
        })
    }

    /// Sends the last batch and closes the channel.
    fn finish(mut self) -> Result<()> {
        if self.batch.ends.is_empty() {
            return Ok(());
        }
        self.send()
    }
}

/// Merges the fresh `pairs` (key and posting, sorted) with the keys of
/// `base` (when its stored keys are used), renumbering the base's
/// postings to the new entity numbers of `slots`, into `sink`. Returns
/// the postings lists of keys with several and the number of keys.
fn merge_keys(
    pairs: &[(String, u32)],
    base: Option<&Gazetteer>,
    slots: &[Slot],
    sink: &mut KeySink,
) -> Result<(Vec<u8>, u64)> {
    let mut postings = Vec::new();
    let mut key_count = 0u64;
    let mut emit = |key: &[u8], list: &[u32]| -> Result<()> {
        let value = match list {
            [] => return Ok(()),
            [one] => (u64::from(*one) << 1) | 1,
            _ => {
                let off = postings.len() as u64;
                put_list(&mut postings, list.iter().copied());
                off << 1
            }
        };
        sink.push(key, value)?;
        key_count += 1;
        Ok(())
    };
    // The fresh pairs with the key at `pairs[*i]`, as a postings list.
    let take = |i: &mut usize, list: &mut Vec<u32>| {
        let j = *i;
        while *i < pairs.len() && pairs[*i].0 == pairs[j].0 {
            list.push(pairs[*i].1);
            *i += 1;
        }
    };
    let mut i = 0;
    let mut list = Vec::new();
    if let Some(base) = base {
        // Unchanged entities keep their order (both tables are sorted
        // by id), so renumbered postings stay ascending.
        let mut new_number = vec![u32::MAX; base.len()];
        for (i, s) in slots.iter().enumerate() {
            if let Slot::Held(b) = s {
                new_number[*b as usize] = i as u32;
            }
        }
        let out_of_range = || {
            Error::corrupt(
                base.path(),
                "a key lists an entity out of range".to_string(),
            )
        };
        base.guard_fst("key index", || {
            let mut raw = Vec::new();
            let mut stream = base.key_map().stream();
            while let Some((key, value)) = fst::Streamer::next(&mut stream) {
                while i < pairs.len() && pairs[i].0.as_bytes() < key {
                    list.clear();
                    let at = i;
                    take(&mut i, &mut list);
                    emit(pairs[at].0.as_bytes(), &list)?;
                }
                raw.clear();
                base.raw_postings(value, &mut raw);
                list.clear();
                for &p in &raw {
                    let e = *new_number
                        .get((p >> 1) as usize)
                        .ok_or_else(out_of_range)?;
                    if e != u32::MAX {
                        list.push(e << 1 | (p & 1));
                    }
                }
                if i < pairs.len() && pairs[i].0.as_bytes() == key {
                    take(&mut i, &mut list);
                    list.sort_unstable();
                }
                emit(key, &list)?;
            }
            Ok(())
        })?;
    }
    while i < pairs.len() {
        list.clear();
        let at = i;
        take(&mut i, &mut list);
        emit(pairs[at].0.as_bytes(), &list)?;
    }
    Ok((postings, key_count))
}

fn entity_keys(number: u32, e: &Entry<'_>) -> Result<Vec<(String, u32)>> {
    let reorder = reorders(e.kind());
    let names = e.names()?;
    let mut out = Vec::with_capacity(2 * names.len());
    // A name's key, and the key of the name with its initials joined
    // ("J. K. Rowling" as "jk rowling" too: text writes initials either
    // way, and queries are keyed both ways, see `join_dotted`).
    let push = |out: &mut Vec<(String, u32)>, name: &str, posting: u32| {
        let key = fold(name);
        if let Some(joined) = join_dotted(name).map(|j| fold(&j)) {
            if joined != key {
                out.push((joined, posting));
            }
        }
        out.push((key, posting));
    };
    for (i, name) in names.into_iter().enumerate() {
        let posting = (number << 1) | u32::from(i > 0);
        push(&mut out, name, posting);
        // A canonical name in lower case is keyed a second time, under
        // its own prefix, for text written in lower case (see
        // `name::key::LOWER_CASE_PREFIX`).
        if i == 0 && written_in_lower_case(name) {
            out.push((format!("{LOWER_CASE_PREFIX}{}", fold(name)), posting));
        }
        if reorder {
            if let Some(n) = natural_order(name) {
                push(&mut out, &n, posting);
            }
        }
    }
    Ok(out)
}

/// Appends an entity record's body (the caller puts its length before
/// it): name, alias count, aliases, metadata field count, then per field
/// its number in the META fields list and its value as JSON text; strings
/// are varint length + UTF-8 bytes. The id and type are not in it (see
/// [`format`]). Field names are stored once, in META, not in every record. A held entity's values are the JSON text
/// its base stored, which is what encoding the source value gives.
fn encode_entity(
    e: &Entry<'_>,
    field_index: &HashMap<&str, u64>,
    out: &mut Vec<u8>,
) -> Result<()> {
    let names = e.names()?;
    put_str(out, names[0]);
    put_varint(out, (names.len() - 1) as u64);
    for a in &names[1..] {
        put_str(out, a);
    }
    let metadata: Vec<(&str, std::borrow::Cow<'_, str>)> = match e {
        Entry::Held(h, g) => Entry::held(h, g)?
            .metadata
            .iter()
            .map(|(k, v)| (*k, (*v).into()))
            .collect(),
        Entry::Draft(d) => d
            .metadata
            .iter()
            .map(|(k, v)| (k.as_str(), v.to_string().into()))
            .collect(),
    };
    put_varint(out, metadata.len() as u64);
    for (k, v) in &metadata {
        // Every field name was collected into `field_index`.
        put_varint(out, field_index.get(k).copied().unwrap_or(0));
        put_str(out, v);
    }
    Ok(())
}

/// Advances `ids`, a stream of an id index, to the key of entity
/// `number` and copies it into `id`; false if the stream ends first.
fn next_id(
    ids: &mut fst::map::Stream<'_>,
    number: u32,
    id: &mut Vec<u8>,
) -> bool {
    while let Some((key, value)) = fst::Streamer::next(ids) {
        if value == u64::from(number) {
            id.clear();
            id.extend_from_slice(key);
            return true;
        }
    }
    false
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn fst_bug(e: fst::Error) -> Error {
    Error::invalid(format!("internal error building the key index: {e}"))
}

/// Whether `a` and `b` name one existing file: the same device and inode
/// (so also through symbolic and hard links); false if either is missing.
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Writes a file at `out` atomically with `write` (temporary file in the
/// same folder, fsync, rename, fsync of the folder). `write` is given the
/// file and what an error writing it means.
pub(crate) fn write_atomic<T>(
    out: &Path,
    write: impl FnOnce(
        &mut std::fs::File,
        &(dyn Fn(std::io::Error) -> Error + Sync),
    ) -> Result<T>,
) -> Result<T> {
    let dir: PathBuf = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".nomina-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    // Until the rename, a failure (a full disk, above all) leaves the old
    // artifact as it was; the temporary file is removed when `tmp` drops.
    let failed = |e: std::io::Error| {
        let reason = format!("{e}; nothing was replaced (the previous artifact, if any, is unchanged)");
        Error::io(out, std::io::Error::new(e.kind(), reason))
    };
    let written = write(tmp.as_file_mut(), &failed)?;
    // Temporary files are private (0600); an artifact is meant to be read
    // by other users and processes, like any file the user creates.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perm = std::fs::Permissions::from_mode(0o644);
        tmp.as_file().set_permissions(perm).map_err(failed)?;
    }
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(out).map_err(|e| failed(e.error))?;
    // Make the rename durable. Not every platform can sync a directory;
    // the rename itself has already happened, so this is best effort.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An artifact of `sources` (file name, contents), read back.
    fn built(sources: &[(&str, &str)]) -> Result<Gazetteer> {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = sources
            .iter()
            .map(|(name, text)| {
                let p = dir.path().join(name);
                std::fs::write(&p, text).unwrap();
                p
            })
            .collect();
        let (bytes, _) = GazetteerBuilder::new().build_bytes(&paths)?;
        Gazetteer::from_bytes("test", bytes)
    }

    #[test]
    fn persons_and_untyped_entities_are_keyed_in_natural_order_too() {
        assert!(reorders(None));
        assert!(reorders(Some("person")));
        assert!(!reorders(Some("organization")));
        assert!(!reorders(Some("vessel")));
        let g = built(&[(
            "a.jsonl",
            "{\"id\": \"p\", \"name\": \"LAVROV, Sergei\", \"type\": \"person\"}\n\
             {\"id\": \"u\", \"name\": \"BOUT, Viktor\"}\n\
             {\"id\": \"o\", \"name\": \"BANK, Central\", \"type\": \"organization\"}\n",
        )])
        .unwrap();
        assert_eq!(g.postings("sergei lavrov").len(), 1);
        assert_eq!(g.postings("viktor bout").len(), 1, "untyped");
        assert_eq!(g.postings("central bank"), Vec::new());
    }

    #[test]
    fn rows_of_one_id_merge_and_ops_apply_in_source_order() {
        // The contract: the first name seen is canonical and aliases
        // merge; `delete` removes and `upsert` replaces, in source order.
        let base = "{\"id\": \"1\", \"name\": \"Sergey Lavrov\", \"aliases\": [\"S. Lavrov\"]}\n\
                    {\"id\": \"2\", \"name\": \"Viktor Bout\"}\n\
                    {\"id\": \"1\", \"name\": \"Sergei Lavrov\", \"aliases\": [\"Lavrov\"]}\n";
        let delta = "id\top\tname\n2\tdelete\t\n3\tupsert\tAntony Blinken\n";
        let g = built(&[("a.jsonl", base), ("b.tsv", delta)]).unwrap();
        // A delta of deletes alone needs no name column.
        let deletes = "id\top\n2\tdelete\n";
        let h = built(&[("a.jsonl", base), ("d.tsv", deletes)]).unwrap();
        assert_eq!((h.len(), h.get("2")), (1, None));
        let lavrov = g.get("1").unwrap();
        assert_eq!(lavrov.name, "Sergey Lavrov");
        for alias in ["S. Lavrov", "Lavrov"] {
            assert!(lavrov.aliases.contains(&alias), "{:?}", lavrov.aliases);
        }
        assert!(g.get("2").is_none(), "deleted");
        assert_eq!(g.get("3").unwrap().name, "Antony Blinken");
        assert_eq!(g.len(), 2);
    }

    #[test]
    fn a_delete_of_an_unknown_id_is_a_row_error() {
        let e = built(&[("d.jsonl", "{\"id\": \"9\", \"op\": \"delete\"}\n")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("d.jsonl:1:"), "{e}");
    }

    #[test]
    fn the_same_sources_give_the_same_bytes_on_any_pool() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/ofac-sample.jsonl"
        ))
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ofac.jsonl");
        std::fs::write(&p, text).unwrap();
        let bytes = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| GazetteerBuilder::new().build_bytes(&[&p]))
                .unwrap()
                .0
        };
        assert!(bytes(1) == bytes(3));
    }
}
