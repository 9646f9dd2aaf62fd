//! The corpus runner: documents streamed from files, folders or stdin,
//! annotated in parallel, written in input order.
//!
//! Input is read in chunks of about [`CHUNK_BYTES`]; the documents of a
//! chunk are annotated by the rayon pool, and their output lines are
//! written in input order. Reading the next chunk and writing the previous
//! one overlap the annotation of the current one. Memory is bounded by
//! [`CHUNKS_IN_FLIGHT`] + 1 chunks (each at most one document of
//! [`MAX_DOCUMENT_BYTES`] over the chunk size), never by the corpus. Each
//! document's output depends on that document
//! and the gazetteer only, so the output is byte-identical for any number
//! of threads.
//!
//! A document that cannot be read (not UTF-8, not a JSON object, no text
//! field, too long) is reported as a [`DocumentError`] naming its input and
//! line, counted, and skipped; the run goes on.

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::gazetteer::source::{JsonFields, LineSource, RawLine};
use crate::limits::{
    CHUNKS_IN_FLIGHT, CHUNK_BYTES, CHUNK_DOCUMENTS, MAX_DOCUMENT_BYTES,
};
use crate::resolve::Resolver;
use crate::spot::{Mention, Spotter};

/// How documents are laid out in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By the input's name, as the interface contract says: [`Jsonl`]
    /// for a file whose name ends in `.jsonl` or `.jsonl.gz`, [`Text`]
    /// for any other file and for stdin.
    ///
    /// [`Jsonl`]: InputFormat::Jsonl
    /// [`Text`]: InputFormat::Text
    #[default]
    Auto,
    /// Each file (or stdin) is one document; its id is its path.
    Text,
    /// One JSON object per line, text and id in named fields.
    Jsonl,
}

impl InputFormat {
    /// The layout of the input named `name` (`-` for stdin): this one,
    /// or for [`Auto`](InputFormat::Auto) the one its name says.
    pub fn of_input(self, name: &str) -> InputFormat {
        match self {
            InputFormat::Auto if InputFormat::is_jsonl_name(name) => {
                InputFormat::Jsonl
            }
            InputFormat::Auto => InputFormat::Text,
            f => f,
        }
    }
}

impl InputFormat {
    /// Whether a file name says JSONL: it ends in `.jsonl` or
    /// `.jsonl.gz`.
    pub fn is_jsonl_name(name: &str) -> bool {
        name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
    }
}

impl FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "auto" => Ok(InputFormat::Auto),
            "text" => Ok(InputFormat::Text),
            "jsonl" => Ok(InputFormat::Jsonl),
            _ => Err(format!(
                "unknown format {s:?} (expected text, jsonl or auto)"
            )),
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
        })
    }
}

/// What is written per document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OutputMode {
    /// One JSON line: the document id and its mentions.
    #[default]
    Annotate,
    /// The text with each mention replaced by its entity's canonical name
    /// (for JSONL, the same object with the text field replaced).
    Replace,
}

impl FromStr for OutputMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "annotate" => Ok(OutputMode::Annotate),
            "replace" => Ok(OutputMode::Replace),
            _ => Err(format!(
                "unknown output {s:?} (expected annotate or replace)"
            )),
        }
    }
}

impl fmt::Display for OutputMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OutputMode::Annotate => "annotate",
            OutputMode::Replace => "replace",
        })
    }
}

/// Settings of a run.
#[derive(Clone, Debug)]
pub struct Config {
    /// Input layout.
    pub format: InputFormat,
    /// JSONL field holding the text.
    pub text_field: String,
    /// JSONL field holding the document id.
    pub id_field: String,
    /// What to write.
    pub output: OutputMode,
    /// Input bytes per chunk.
    pub chunk_bytes: usize,
    /// Links scoring below this are not made, whatever made them (`None`:
    /// the thresholds in text,
    /// [`TEXT_THRESHOLD`](crate::limits::TEXT_THRESHOLD) and, for links by
    /// alignment, [`TEXT_FUZZY_THRESHOLD`](crate::limits::TEXT_FUZZY_THRESHOLD)).
    pub threshold: Option<f64>,
    /// Resolve runs of capitalised words by name-part alignment too (the
    /// default), or by exact keys only.
    pub fuzzy: bool,
    /// Keep only mentions of entities of these types (`None`: any); see
    /// [`Spotter::with_types`].
    pub types: Option<Vec<String>>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            format: InputFormat::Auto,
            text_field: "text".into(),
            id_field: "id".into(),
            output: OutputMode::Annotate,
            chunk_bytes: CHUNK_BYTES,
            threshold: None,
            fuzzy: true,
            types: None,
        }
    }
}

/// A document that could not be annotated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError {
    /// The input it came from (`-` for stdin).
    pub input: String,
    /// Its 1-based line (1 for a text document; 0 when the input could
    /// not be opened).
    pub line: u64,
    /// Why.
    pub reason: String,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.input, self.reason),
            line => write!(f, "{}:{}: {}", self.input, line, self.reason),
        }
    }
}

/// Totals of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents annotated.
    pub documents: u64,
    /// Input bytes read (uncompressed, documents and their line breaks).
    pub bytes: u64,
    /// Mentions found.
    pub mentions: u64,
    /// Documents that could not be annotated.
    pub errors: u64,
}

/// A JSONL document's fields, values as raw JSON text.
type Fields<'a> = JsonFields<&'a RawValue>;

/// One unit of input: a document's raw text (a JSONL line or a whole text
/// document), or why it could not be read.
struct Record {
    input: Arc<str>,
    /// Its input's layout (never `Auto`).
    format: InputFormat,
    line: u64,
    /// The text, or why it could not be read.
    body: std::result::Result<String, String>,
}

/// Records read together and annotated by the pool.
#[derive(Default)]
struct Chunk {
    records: Vec<Record>,
    /// Input bytes of the records.
    bytes: usize,
}

/// A chunk's outputs, in record order.
struct Done {
    results: Vec<std::result::Result<Output, DocumentError>>,
    bytes: usize,
}

/// What one document produced.
struct Output {
    text: String,
    mentions: usize,
}

/// Annotates documents with one gazetteer.
pub struct Runner<'g> {
    spotter: Spotter<'g>,
    config: Config,
}

impl<'g> Runner<'g> {
    /// A runner over `g` with `config`.
    pub fn new(g: &'g Resolver, config: Config) -> Runner<'g> {
        let mut spotter = Spotter::new(g).with_fuzzy(config.fuzzy);
        if let Some(t) = config.threshold {
            spotter = spotter.with_threshold(t);
        }
        if let Some(types) = &config.types {
            spotter = spotter.with_types(types.iter().cloned());
        }
        Runner { spotter, config }
    }

    /// Annotates every document of `inputs` (files, folders walked in
    /// name order, or `-` for stdin; stdin when empty) and writes the
    /// output to `out` in input order. `on_error` sees each bad document;
    /// `on_progress` sees the input bytes of each chunk done.
    ///
    /// Fails when an input fails while being read, or when `out` fails;
    /// inputs that cannot be opened and documents that cannot be annotated
    /// are passed to `on_error` and do not stop the run.
    pub fn run(
        &self,
        inputs: &[PathBuf],
        out: &mut dyn Write,
        on_error: &mut dyn FnMut(&DocumentError),
        on_progress: &mut dyn FnMut(u64),
    ) -> Result<Summary> {
        // Reading and writing stay on this thread (they use `out` and the
        // callbacks); a scoped worker hands each chunk to the rayon pool.
        // This thread reads chunk k + 1 and writes chunk k − 1 while chunk
        // k is annotated, so I/O is not a serial step between chunks. With
        // at most [`CHUNKS_IN_FLIGHT`] chunks sent and not yet written, and
        // channels of one slot, neither side can wait on the other forever.
        std::thread::scope(|scope| {
            let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<Chunk>(1);
            let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Done>(1);
            scope.spawn(move || {
                for chunk in work_rx {
                    let results = chunk
                        .records
                        .par_iter()
                        .map(|r| self.document(r))
                        .collect();
                    if done_tx
                        .send(Done { results, bytes: chunk.bytes })
                        .is_err()
                    {
                        break;
                    }
                }
            });
            let mut summary = Summary::default();
            let mut in_flight = 0usize;
            let mut write =
                |done: Done, summary: &mut Summary| -> Result<()> {
                    for r in done.results {
                        match r {
                            Ok(o) => {
                                summary.documents += 1;
                                summary.mentions += o.mentions as u64;
                                out.write_all(o.text.as_bytes()).map_err(
                                    |e| Error::io(Path::new("<output>"), e),
                                )?;
                            }
                            Err(e) => {
                                summary.errors += 1;
                                on_error(&e);
                            }
                        }
                    }
                    on_progress(done.bytes as u64);
                    Ok(())
                };
            let read =
                self.read(inputs, &mut summary, &mut |chunk, summary| {
                    // The worker has gone only if it panicked; the scope
                    // re-raises that panic when it ends.
                    if work_tx.send(chunk).is_err() {
                        return Ok(());
                    }
                    in_flight += 1;
                    if in_flight >= CHUNKS_IN_FLIGHT {
                        if let Ok(done) = done_rx.recv() {
                            in_flight -= 1;
                            write(done, summary)?;
                        }
                    }
                    Ok(())
                });
            drop(work_tx);
            read?;
            for done in done_rx {
                write(done, &mut summary)?;
            }
            out.flush().map_err(|e| Error::io(Path::new("<output>"), e))?;
            Ok(summary)
        })
    }

    /// Reads every input into chunks of records, passing each to `emit`;
    /// counts input bytes, and inputs that cannot be opened as errors.
    fn read(
        &self,
        inputs: &[PathBuf],
        summary: &mut Summary,
        emit: &mut dyn FnMut(Chunk, &mut Summary) -> Result<()>,
    ) -> Result<()> {
        let mut chunk = Chunk::default();
        for input in expand_inputs(inputs)? {
            let name: Arc<str> = Arc::from(input.to_string_lossy().as_ref());
            // An input that cannot be opened is reported like a bad
            // document, in its place in the output order; the other
            // inputs are still read.
            let mut source = match open_input(&input) {
                Ok(source) => source,
                Err(e) => {
                    chunk.records.push(Record {
                        input: name,
                        format: InputFormat::Text,
                        line: 0,
                        body: Err(format!("cannot open: {e}")),
                    });
                    continue;
                }
            };
            let format = self.config.format.of_input(&name);
            loop {
                let record = match format {
                    InputFormat::Jsonl => match source.next_line() {
                        None => break,
                        Some(Err(e)) => return Err(e),
                        Some(Ok(RawLine::Text(line, text))) => Record {
                            input: name.clone(),
                            format,
                            line,
                            body: Ok(text),
                        },
                        Some(Ok(RawLine::Bad(line, reason))) => Record {
                            input: name.clone(),
                            format,
                            line,
                            body: Err(reason),
                        },
                    },
                    _ => {
                        let body = source.read_all(MAX_DOCUMENT_BYTES)?;
                        Record { input: name.clone(), format, line: 1, body }
                    }
                };
                let newline = usize::from(format == InputFormat::Jsonl);
                let size =
                    record.body.as_ref().map_or(0, |b| b.len()) + newline;
                summary.bytes += size as u64;
                chunk.bytes += size;
                chunk.records.push(record);
                if chunk.bytes >= self.config.chunk_bytes
                    || chunk.records.len() >= CHUNK_DOCUMENTS
                {
                    emit(std::mem::take(&mut chunk), summary)?;
                }
                if format != InputFormat::Jsonl {
                    break;
                }
            }
        }
        if !chunk.records.is_empty() {
            emit(chunk, summary)?;
        }
        Ok(())
    }

    /// One record's output line(s).
    fn document(
        &self,
        r: &Record,
    ) -> std::result::Result<Output, DocumentError> {
        let error = |reason: String| DocumentError {
            input: r.input.to_string(),
            line: r.line,
            reason,
        };
        let body = r.body.as_ref().map_err(|e| error(e.clone()))?;
        self.output(r.format, &r.input, body).map_err(error)
    }

    /// What `nomina normalize` writes for one document of the input named
    /// `name`: `body` is a JSONL line ([`InputFormat::Jsonl`]) or a whole
    /// text document whose id is `name` ([`InputFormat::Text`]); with
    /// [`InputFormat::Auto`], `name` says which. The output is byte for
    /// byte what the command writes for it, line break included. Fails
    /// with the reason the command reports for a bad document.
    pub fn document_output(
        &self,
        name: &str,
        body: &str,
    ) -> std::result::Result<String, String> {
        let format = self.config.format.of_input(name);
        self.output(format, name, body).map(|o| o.text)
    }

    /// [`document_output`](Runner::document_output) of many documents at
    /// once, on the current rayon pool, in the order given, chunk by chunk
    /// as [`run`](Runner::run) works (see [`map_in_chunks`]).
    pub fn documents_output<S: AsRef<str> + Sync>(
        &self,
        name: &str,
        bodies: &[S],
    ) -> Vec<std::result::Result<String, String>> {
        map_in_chunks(bodies, self.config.chunk_bytes, |b| {
            self.document_output(name, b.as_ref())
        })
    }

    fn output(
        &self,
        format: InputFormat,
        name: &str,
        body: &str,
    ) -> std::result::Result<Output, String> {
        match format {
            InputFormat::Text | InputFormat::Auto => {
                let mentions = self.spotter.annotate(body);
                let id =
                    serde_json::to_string(name).map_err(|e| e.to_string())?;
                Ok(self.render(&id, body, &mentions, None))
            }
            InputFormat::Jsonl => {
                let fields: Fields = serde_json::from_str(body)
                    .map_err(|e| format!("not a JSON object: {e}"))?;
                let text_field = self.config.text_field.as_str();
                let raw = fields.get(text_field).ok_or_else(|| {
                    format!("missing text field \"{text_field}\"")
                })?;
                let text: Cow<str> =
                    serde_json::from_str(raw.get()).map_err(|_| {
                        format!("field \"{text_field}\" is not a string")
                    })?;
                let id = fields
                    .get(&self.config.id_field)
                    .map_or("null", |v| v.get());
                let mentions = self.spotter.annotate(&text);
                Ok(self.render(id, &text, &mentions, Some(&fields)))
            }
        }
    }

    /// The output of one document: its annotation line, or its text with
    /// mentions replaced.
    fn render(
        &self,
        id: &str,
        text: &str,
        mentions: &[Mention],
        fields: Option<&Fields>,
    ) -> Output {
        let mut s = String::with_capacity(64 + mentions.len() * 128);
        match self.config.output {
            OutputMode::Annotate => {
                s.push_str("{\"id\":");
                s.push_str(id);
                s.push_str(",\"mentions\":");
                // Serialising plain structs to a String cannot fail.
                s.push_str(
                    &serde_json::to_string(mentions).unwrap_or_default(),
                );
                s.push_str("}\n");
            }
            OutputMode::Replace => {
                let replaced = replace(text, mentions);
                match fields {
                    // A text document's replaced text ends with a line
                    // break, so that documents in turn stay apart.
                    None => {
                        s.push_str(&replaced);
                        if !replaced.ends_with('\n') {
                            s.push('\n');
                        }
                    }
                    Some(fields) => {
                        s.push('{');
                        for (n, (k, v)) in fields.0.iter().enumerate() {
                            if n > 0 {
                                s.push(',');
                            }
                            s.push_str(&json_string(k));
                            s.push(':');
                            if k == &self.config.text_field {
                                s.push_str(&json_string(&replaced));
                            } else {
                                s.push_str(v.get());
                            }
                        }
                        s.push_str("}\n");
                    }
                }
            }
        }
        Output { text: s, mentions: mentions.len() }
    }
}

/// `f` of each document, in order, computed as the runner annotates a
/// stream: in consecutive chunks of about `max_bytes` of text (at least one
/// document, at most [`CHUNK_DOCUMENTS`]), one chunk at a time, its
/// documents in parallel on the current rayon pool. Documents near each
/// other often name the same people, and the resolver's memos (see
/// `src/memo.rs`) then serve the later ones; split into a few contiguous
/// halves instead, a large batch has every thread resolve the same
/// recurring names at the same time.
pub fn map_in_chunks<S, T, F>(docs: &[S], max_bytes: usize, f: F) -> Vec<T>
where
    S: AsRef<str> + Sync,
    T: Send,
    F: Fn(&S) -> T + Sync + Send,
{
    let mut out = Vec::with_capacity(docs.len());
    for chunk in chunks(docs, max_bytes) {
        out.par_extend(chunk.par_iter().map(&f));
    }
    out
}

impl Resolver {
    /// The mentions of each text, in the order given, annotated in
    /// parallel on the current rayon pool (the global one unless called
    /// inside `ThreadPool::install`), chunk by chunk as the corpus runner
    /// works ([`map_in_chunks`]). Each text's mentions are those of
    /// [`annotate`](Resolver::annotate), whatever the number of threads.
    ///
    /// ```
    /// let r = nomina::Resolver::embedded()?;
    /// let texts = ["Sergei Lavrov spoke.", "", "Antony Blinken in Paris."];
    /// let batch = r.annotate_batch(&texts);
    /// let one_by_one: Vec<_> = texts.iter().map(|t| r.annotate(t)).collect();
    /// assert_eq!(batch, one_by_one);
    /// assert_eq!(batch[2][0].name, "Antony Blinken");
    /// # Ok::<(), nomina::Error>(())
    /// ```
    pub fn annotate_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
    ) -> Vec<Vec<Mention>> {
        annotate_batch(&Spotter::new(self), texts)
    }
}

/// The mentions `spotter` finds in each text, in the order given,
/// annotated in parallel as [`Resolver::annotate_batch`] does.
pub fn annotate_batch<S: AsRef<str> + Sync>(
    spotter: &Spotter<'_>,
    texts: &[S],
) -> Vec<Vec<Mention>> {
    map_in_chunks(texts, CHUNK_BYTES, |t| spotter.annotate(t.as_ref()))
}

/// The consecutive chunks of [`map_in_chunks`].
fn chunks<S: AsRef<str>>(docs: &[S], max_bytes: usize) -> Vec<&[S]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, d) in docs.iter().enumerate() {
        bytes += d.as_ref().len() + 1;
        if bytes >= max_bytes || i + 1 - start >= CHUNK_DOCUMENTS {
            out.push(&docs[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < docs.len() {
        out.push(&docs[start..]);
    }
    out
}

/// `text` with every mention replaced by its canonical name.
pub fn replace(text: &str, mentions: &[Mention]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in mentions {
        out.push_str(&text[at..m.start]);
        out.push_str(&m.name);
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

fn json_string(s: &str) -> String {
    // Serialising a string cannot fail.
    serde_json::to_string(s).unwrap_or_default()
}

/// The text bytes [`Runner::run`] will read from `inputs` (what its
/// `on_progress` adds up to), when that is known before reading: every
/// input a plain file; `None` when one is stdin or compressed. Walks
/// folders as the run does.
pub fn input_bytes(inputs: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    for path in expand_inputs(inputs).ok()? {
        let compressed = path.extension().is_some_and(|e| e == "gz");
        if path.as_os_str() == "-" || compressed {
            return None;
        }
        total += std::fs::metadata(&path).ok()?.len();
    }
    Some(total)
}

/// The inputs as files: folders are walked recursively in name order
/// (hidden entries skipped); `-` is stdin; no inputs means stdin.
fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    if inputs.is_empty() {
        return Ok(vec![PathBuf::from("-")]);
    }
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() != "-" && input.is_dir() {
            walk(input, &mut out)?;
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| e.map(|e| e.path()).map_err(|e| Error::io(dir, e)))
        .collect::<Result<_>>()?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Opens one input for reading; `.gz` files are decompressed.
fn open_input(path: &Path) -> std::io::Result<LineSource> {
    if path.as_os_str() == "-" {
        let stdin: Box<dyn Read + Send> = Box::new(std::io::stdin());
        return Ok(LineSource::stream(Path::new("-"), stdin, false));
    }
    let file = File::open(path)?;
    let gz = path.extension().is_some_and(|e| e == "gz");
    Ok(LineSource::stream(path, Box::new(file), gz))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spot::How;

    #[test]
    fn chunks_hold_every_document_once_in_order_and_in_bounds() {
        let docs: Vec<String> =
            (0..1000).map(|i| "x".repeat(i % 37)).collect();
        for max in [1, 10, 100, 1 << 20] {
            let cs = chunks(&docs, max);
            let flat: Vec<&String> =
                cs.iter().flat_map(|c| c.iter()).collect();
            assert_eq!(flat, docs.iter().collect::<Vec<_>>(), "max {max}");
            for c in &cs {
                assert!(!c.is_empty() && c.len() <= CHUNK_DOCUMENTS);
                // A chunk ends at the first document that reaches the
                // bound: all before it are under it.
                let before: usize =
                    c[..c.len() - 1].iter().map(|d| d.len() + 1).sum();
                assert!(before < max, "max {max}: {before}");
            }
        }
        let many = vec![""; CHUNK_DOCUMENTS * 2 + 1];
        let sizes: Vec<usize> =
            chunks(&many, usize::MAX).iter().map(|c| c.len()).collect();
        assert_eq!(sizes, [CHUNK_DOCUMENTS, CHUNK_DOCUMENTS, 1]);
    }

    #[test]
    fn map_in_chunks_keeps_input_order_on_any_pool() {
        let docs: Vec<String> = (0..5000).map(|i| i.to_string()).collect();
        let expect: Vec<usize> = docs.iter().map(|d| d.len()).collect();
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let got = pool.install(|| map_in_chunks(&docs, 64, |d| d.len()));
            assert_eq!(got, expect, "{threads} threads");
        }
    }

    fn mention(start: usize, end: usize, text: &str, name: &str) -> Mention {
        Mention {
            start,
            end,
            text: text.to_string(),
            id: String::new(),
            name: name.to_string(),
            kind: String::new(),
            score: 1.0,
            how: How::Exact,
        }
    }

    #[test]
    fn replace_puts_canonical_names_in_place() {
        let text = "Serguei Lavrov met Blinken in Sao Paulo.";
        let mentions = [
            mention(0, 14, "Serguei Lavrov", "Sergey Lavrov"),
            mention(19, 26, "Blinken", "Antony Blinken"),
            mention(30, 39, "Sao Paulo", "São Paulo"),
        ];
        assert_eq!(
            replace(text, &mentions),
            "Sergey Lavrov met Antony Blinken in São Paulo."
        );
        assert_eq!(replace(text, &[]), text);
    }

    #[test]
    fn settings_read_what_they_print() {
        for f in [InputFormat::Text, InputFormat::Jsonl] {
            assert_eq!(f.to_string().parse::<InputFormat>(), Ok(f));
        }
        for m in [OutputMode::Annotate, OutputMode::Replace] {
            assert_eq!(m.to_string().parse::<OutputMode>(), Ok(m));
        }
        assert!("csv".parse::<InputFormat>().unwrap_err().contains("csv"));
    }
}
