//! The gazetteer compiler: sources in, artifact bytes out.
//!
//! Sources are streamed in batches of lines; each batch is parsed and
//! validated in parallel (rayon) and merged in order, so the result does not
//! depend on the thread count. Entities are sorted by id, every name and
//! alias is folded into lookup keys in parallel, the keys are sorted and
//! compiled into an `fst::Map`, and the sections are laid out by
//! [`format::write`]. The same sources always give the same bytes.
//!
//! Posting encoding. A posting is `entity << 1 | alias`, where `alias` is 1
//! when the key comes from an alias rather than the canonical name. A key's
//! fst value is `posting << 1 | 1` when exactly one entity has the key, and
//! otherwise `offset << 1`, the offset of a list in the POSTINGS section:
//! a varint count, then the postings in ascending order as varint deltas.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use super::format::{self, put_varint};
use super::index;
use super::source::{
    LineSource, Op, RawLine, RowParser, SourceFormat, SourceRow, TsvHeader,
};
use super::{GazetteerInfo, SourceInfo, TypeCount};
use crate::error::{Error, Result};
use crate::limits::MAX_ALIASES_PER_ENTITY;
use crate::name::Layout;
use crate::normalize::{fold, natural_order};

/// Lines parsed per parallel batch.
const BATCH_LINES: usize = 4096;

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
    /// order, each with its file and line.
    pub skipped: Vec<Error>,
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
        let (bytes, report) = self.build_bytes(sources)?;
        write_atomic(out, &bytes)?;
        Ok(report)
    }

    /// Compiles `sources` into artifact bytes in memory.
    pub fn build_bytes<P: AsRef<Path>>(
        &self,
        sources: &[P],
    ) -> Result<(Vec<u8>, BuildReport)> {
        if sources.is_empty() {
            return Err(Error::invalid("no source files given"));
        }
        let (mut merger, mut infos) = match &self.config.base {
            None => (Merger::default(), Vec::new()),
            Some(base) => {
                let g = super::Gazetteer::open(base)?;
                (Merger::from_gazetteer(&g)?, g.info().sources.clone())
            }
        };
        let mut skipped = Vec::new();
        for path in sources {
            let info =
                self.read_source(path.as_ref(), &mut merger, &mut skipped)?;
            infos.push(info);
        }
        let mut drafts = merger.finish();
        drafts.par_sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let (bytes, counts) = compile(&drafts, infos)?;
        let report = BuildReport {
            entities: drafts.len() as u64,
            aliases: counts.0,
            keys: counts.1,
            bytes: bytes.len() as u64,
            skipped,
        };
        Ok((bytes, report))
    }

    fn read_source(
        &self,
        path: &Path,
        merger: &mut Merger,
        skipped: &mut Vec<Error>,
    ) -> Result<SourceInfo> {
        let (fmt, gz) = SourceFormat::of_path(path)?;
        let mut lines = LineSource::open(path, gz)?;
        let before = skipped.len();
        let rows = self.read_rows(path, fmt, &mut lines, merger, skipped)?;
        if rows == 0 {
            // Most often a failed download or export: building on would
            // drop every entity of the source without a word.
            let skipped = skipped.len() - before;
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
    fn read_rows(
        &self,
        path: &Path,
        fmt: SourceFormat,
        lines: &mut LineSource,
        merger: &mut Merger,
        skipped: &mut Vec<Error>,
    ) -> Result<u64> {
        let mut parser = match fmt {
            SourceFormat::Jsonl => Some(RowParser::Jsonl),
            SourceFormat::Tsv => None,
        };
        let mut rows = 0u64;
        let mut batch: Vec<RawLine> = Vec::with_capacity(BATCH_LINES);
        loop {
            batch.clear();
            let mut ended = false;
            while batch.len() < BATCH_LINES {
                match lines.next_line() {
                    None => {
                        ended = true;
                        break;
                    }
                    Some(Err(e)) => return Err(e),
                    Some(Ok(RawLine::Text(n, text))) if parser.is_none() => {
                        // The first non-blank TSV line is the header; a bad
                        // header makes the whole file unreadable.
                        if !text.trim().is_empty() {
                            let h = TsvHeader::parse(path, n, &text)?;
                            parser = Some(RowParser::Tsv(h));
                        }
                    }
                    Some(Ok(line)) => batch.push(line),
                }
            }
            let Some(p) = parser.as_ref() else {
                if ended {
                    break;
                }
                continue;
            };
            let parsed: Vec<Result<Option<SourceRow>>> = batch
                .par_iter()
                .map(|line| match line {
                    RawLine::Text(n, text) => p.parse(path, *n, text),
                    RawLine::Bad(n, reason) => {
                        Err(Error::source_row(path, *n, reason.clone()))
                    }
                })
                .collect();
            for row in parsed {
                let outcome = row.and_then(|r| match r {
                    Some(r) => merger.add(path, r).map(|()| true),
                    None => Ok(false),
                });
                match outcome {
                    Ok(true) => rows += 1,
                    Ok(false) => {}
                    Err(e) if self.config.skip_invalid => skipped.push(e),
                    Err(e) => return Err(e),
                }
            }
            if ended {
                break;
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
            &mut Vec::new(),
        )
    }
}

/// Merges rows by id, in order: the first row of an id gives its canonical
/// name and type; later rows add aliases (their names included) and
/// metadata fields not yet present; an `upsert` row replaces the entity and
/// a `delete` row removes it.
#[derive(Default)]
struct Merger {
    index: HashMap<String, usize>,
    /// Entities in first-seen order; `None` where one was replaced or
    /// removed.
    drafts: Vec<Option<Draft>>,
}

impl Merger {
    /// A merger holding the entities of an artifact, as the rows that made
    /// it left them.
    fn from_gazetteer(g: &super::Gazetteer) -> Result<Merger> {
        let corrupt = |n: u32| {
            Error::corrupt(g.path(), format!("entity {n} cannot be read"))
        };
        let drafts: Vec<Option<Draft>> = (0..g.len() as u32)
            .into_par_iter()
            .map(|n| {
                let e = g.entity(n).ok_or_else(|| corrupt(n))?;
                let mut metadata = BTreeMap::new();
                for (k, v) in &e.metadata {
                    let v: Value =
                        serde_json::from_str(v).map_err(|_| corrupt(n))?;
                    metadata.insert(k.to_string(), v);
                }
                Ok(Some(Draft {
                    id: e.id.to_string(),
                    name: e.name.to_string(),
                    kind: (!e.kind.is_empty()).then(|| e.kind.to_string()),
                    aliases: e.aliases.iter().map(|a| a.to_string()).collect(),
                    metadata,
                }))
            })
            .collect::<Result<_>>()?;
        let index = drafts
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.as_ref().map(|d| (d.id.clone(), i)))
            .collect();
        Ok(Merger { index, drafts })
    }

    fn add(&mut self, path: &Path, row: SourceRow) -> Result<()> {
        if row.op != Op::Merge {
            match self.index.remove(&row.id) {
                Some(i) => self.drafts[i] = None,
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
        match self.index.get(&row.id) {
            None => {
                self.index.insert(row.id.clone(), self.drafts.len());
                self.drafts.push(Some(Draft {
                    id: row.id,
                    name: row.name,
                    kind: row.kind,
                    aliases: row.aliases,
                    metadata: row.metadata,
                }));
            }
            Some(&i) => {
                // The index names live drafts only.
                let Some(d) = self.drafts[i].as_mut() else { return Ok(()) };
                if d.aliases.len() + row.aliases.len() + 1
                    > MAX_ALIASES_PER_ENTITY
                {
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
            }
        }
        Ok(())
    }

    /// The merged entities, aliases de-duplicated in first-seen order.
    fn finish(self) -> Vec<Draft> {
        let mut drafts: Vec<Draft> =
            self.drafts.into_iter().flatten().collect();
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
        drafts
    }
}

/// True when names of this type are keyed in natural order too
/// ("LAVROV, Sergei" → "Sergei LAVROV"): persons and untyped entities.
fn reorders(kind: Option<&str>) -> bool {
    matches!(kind, None | Some("person"))
}

/// Lays out the sections; returns the bytes and (aliases, keys).
fn compile(
    drafts: &[Draft],
    sources: Vec<SourceInfo>,
) -> Result<(Vec<u8>, (u64, u64))> {
    if drafts.len() >= (1 << 30) {
        return Err(Error::invalid(format!(
            "{} entities exceed the format's limit of 2^30",
            drafts.len()
        )));
    }
    let mut pairs: Vec<(String, u32)> = drafts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(e, d)| entity_keys(e as u32, d))
        .collect();
    pairs.par_sort_unstable();
    // For one key and entity keep the first posting: the canonical one
    // (flag 0) sorts before the alias one.
    pairs.dedup_by(|later, kept| {
        later.0 == kept.0 && later.1 >> 1 == kept.1 >> 1
    });

    let mut keys = fst::MapBuilder::memory();
    let mut postings = Vec::new();
    let mut key_count = 0u64;
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i + 1;
        while j < pairs.len() && pairs[j].0 == pairs[i].0 {
            j += 1;
        }
        let value = if j - i == 1 {
            (u64::from(pairs[i].1) << 1) | 1
        } else {
            let off = postings.len() as u64;
            format::put_list(&mut postings, pairs[i..j].iter().map(|p| p.1));
            off << 1
        };
        // Keys are sorted and unique, so insertion cannot fail.
        keys.insert(pairs[i].0.as_bytes(), value).map_err(fst_bug)?;
        key_count += 1;
        i = j;
    }
    drop(pairs);
    let keys = keys.into_inner().map_err(fst_bug)?;

    let mut type_counts: BTreeMap<&str, u64> = BTreeMap::new();
    for d in drafts {
        *type_counts.entry(d.kind.as_deref().unwrap_or("")).or_default() += 1;
    }
    let types: Vec<&str> =
        type_counts.keys().copied().filter(|t| !t.is_empty()).collect();
    let type_index: HashMap<&str, u64> =
        types.iter().enumerate().map(|(i, t)| (*t, i as u64 + 1)).collect();

    let fields: Vec<&str> = {
        let mut f: Vec<&str> = drafts
            .iter()
            .flat_map(|d| d.metadata.keys().map(String::as_str))
            .collect();
        f.par_sort_unstable();
        f.dedup();
        f
    };
    let field_index: HashMap<&str, u64> =
        fields.iter().enumerate().map(|(i, f)| (*f, i as u64)).collect();
    let records: Vec<Vec<u8>> = drafts
        .par_iter()
        .map(|d| encode_entity(d, &type_index, &field_index))
        .collect();
    let mut index = Vec::with_capacity((records.len() + 1) * 4);
    let mut entities = Vec::with_capacity(records.iter().map(Vec::len).sum());
    for r in &records {
        index.extend_from_slice(
            &format::offset32(entities.len(), "entity records")?.to_le_bytes(),
        );
        entities.extend_from_slice(r);
    }
    index.extend_from_slice(
        &format::offset32(entities.len(), "entity records")?.to_le_bytes(),
    );
    drop(records);

    let mut ids = fst::MapBuilder::memory();
    for (i, d) in drafts.iter().enumerate() {
        // Drafts are sorted by id and ids are unique after merging.
        ids.insert(d.id.as_bytes(), i as u64).map_err(fst_bug)?;
    }
    let ids = ids.into_inner().map_err(fst_bug)?;

    let entity_names: Vec<index::EntityNames<'_>> = drafts
        .iter()
        .map(|d| index::EntityNames {
            layout: Layout::of_type(d.kind.as_deref()),
            names: std::iter::once(d.name.as_str())
                .chain(d.aliases.iter().map(String::as_str))
                .collect(),
        })
        .collect();
    let ix = index::build(&entity_names)?;
    drop(entity_names);

    let aliases: u64 = drafts.iter().map(|d| d.aliases.len() as u64).sum();
    let info = GazetteerInfo {
        format_version: format::FORMAT_VERSION,
        entities: drafts.len() as u64,
        aliases,
        keys: key_count,
        names: ix.name_count,
        terms: ix.term_count,
        types: type_counts
            .iter()
            .map(|(t, n)| TypeCount { name: t.to_string(), entities: *n })
            .collect(),
        fields: fields.iter().map(|f| f.to_string()).collect(),
        sources,
    };
    // Serialising plain structs of strings and integers cannot fail.
    let meta = serde_json::to_vec(&info)
        .map_err(|e| Error::invalid(e.to_string()))?;
    let bytes = format::write(&[
        (format::META, &meta),
        (format::KEYS, &keys),
        (format::POSTINGS, &postings),
        (format::ENTITY_INDEX, &index),
        (format::ENTITIES, &entities),
        (format::IDS, &ids),
        (format::TERMS, &ix.terms),
        (format::TERM_TABLE, &ix.term_table),
        (format::TERM_TEXT, &ix.term_text),
        (format::TERM_POSTINGS, &ix.term_postings),
        (format::NAME_INDEX, &ix.name_index),
        (format::NAMES, &ix.names),
        (format::LEX_PHRASES, &ix.lexicon[0]),
        (format::LEX_CLASSES, &ix.lexicon[1]),
        (format::LEX_GROUPS, &ix.lexicon[2]),
        (format::LEX_GROUP_LISTS, &ix.lexicon[3]),
    ]);
    Ok((bytes, (aliases, key_count)))
}

fn entity_keys(e: u32, d: &Draft) -> Vec<(String, u32)> {
    let reorder = reorders(d.kind.as_deref());
    let mut out = Vec::with_capacity(2 + 2 * d.aliases.len());
    let names =
        std::iter::once((&d.name, 0)).chain(d.aliases.iter().map(|a| (a, 1)));
    for (name, alias) in names {
        let posting = (e << 1) | alias;
        out.push((fold(name), posting));
        if reorder {
            if let Some(n) = natural_order(name) {
                out.push((fold(&n), posting));
            }
        }
    }
    out
}

/// Entity record: id, name, type number (0 = none, else 1 + index into the
/// META types list), alias count, aliases, metadata field count, then per
/// field its number in the META fields list and its value as JSON text;
/// strings are varint length + UTF-8 bytes. Field names are stored once,
/// in META, not in every record.
fn encode_entity(
    d: &Draft,
    type_index: &HashMap<&str, u64>,
    field_index: &HashMap<&str, u64>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        16 + d.id.len()
            + d.name.len()
            + d.aliases.iter().map(|a| a.len() + 2).sum::<usize>(),
    );
    put_str(&mut out, &d.id);
    put_str(&mut out, &d.name);
    put_varint(
        &mut out,
        d.kind
            .as_deref()
            .and_then(|k| type_index.get(k))
            .copied()
            .unwrap_or(0),
    );
    put_varint(&mut out, d.aliases.len() as u64);
    for a in &d.aliases {
        put_str(&mut out, a);
    }
    put_varint(&mut out, d.metadata.len() as u64);
    for (k, v) in &d.metadata {
        // Every field name was collected into `field_index`.
        put_varint(
            &mut out,
            field_index.get(k.as_str()).copied().unwrap_or(0),
        );
        put_str(&mut out, &v.to_string());
    }
    out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn fst_bug(e: fst::Error) -> Error {
    Error::invalid(format!("internal error building the key index: {e}"))
}

/// Writes `bytes` to `out` atomically (temporary file in the same folder,
/// fsync, rename, fsync of the folder).
pub(crate) fn write_atomic(out: &Path, bytes: &[u8]) -> Result<()> {
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
    tmp.as_file_mut().write_all(bytes).map_err(failed)?;
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
    Ok(())
}
