//! Python binding of nomina: the library's gazetteer, resolver, mention
//! spotter and corpus runner, exposed as they are (nothing re-implemented),
//! so that Python gets the same answers as the `nomina` command.
//!
//! Work that takes time (opening and checking an artifact, building one,
//! annotating a batch) runs with the GIL released; batches run on rayon,
//! in a pool of the requested size. Errors are raised as
//! `nomina.NominaError` with the message the command line prints after
//! "nomina: ".

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString};

/// The allocator of the command line (mimalloc), for the same cost per
/// name resolved; it serves only this extension's Rust allocations. Built
/// with the thread-local model a library loaded at run time needs
/// (`local_dynamic_tls`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    nomina,
    NominaError,
    PyException,
    "A nomina error: a bad source row (with its file and line), a corrupt or \
     unsupported artifact, or an I/O error. The message is the one the \
     `nomina` command prints."
);

/// The library's error as a Python exception: `NominaError` (or, for a
/// file that does not exist, `nomina.NominaFileNotFoundError`, which is
/// also a `FileNotFoundError`), with the attributes `path` and `line`
/// (None where the error has none).
fn error(e: nomina::Error) -> PyErr {
    Python::attach(|py| {
        let message = e.to_string();
        let (path, line, missing) = match e.kind() {
            nomina::ErrorKind::Source { path, line, .. } => {
                (Some(path.display().to_string()), Some(*line), false)
            }
            nomina::ErrorKind::Io { path, err } => (
                Some(path.display().to_string()),
                None,
                err.kind() == std::io::ErrorKind::NotFound,
            ),
            nomina::ErrorKind::Corrupt { path, .. }
            | nomina::ErrorKind::Version { path, .. } => {
                (Some(path.display().to_string()), None, false)
            }
            _ => (None, None, false),
        };
        let err = if missing {
            let class = py
                .import("nomina")
                .and_then(|m| m.getattr("NominaFileNotFoundError"));
            match class.and_then(|c| c.call1((message.clone(),))) {
                Ok(value) => PyErr::from_value(value),
                Err(_) => NominaError::new_err(message),
            }
        } else {
            NominaError::new_err(message)
        };
        let value = err.value(py);
        let _ = value.setattr("path", path);
        let _ = value.setattr("line", line);
        err
    })
}

/// `top`, checked: at least 1.
fn check_top(top: i64) -> PyResult<usize> {
    usize::try_from(top)
        .ok()
        .filter(|&t| t >= 1)
        .ok_or_else(|| PyValueError::new_err("top must be at least 1"))
}

/// `threshold`, checked: a score in [0, 1] (NaN is none).
fn check_threshold(threshold: Option<f64>) -> PyResult<f64> {
    match threshold {
        None => Ok(nomina::limits::ACCEPT_THRESHOLD),
        Some(t) if (0.0..=1.0).contains(&t) => Ok(t),
        Some(t) => Err(PyValueError::new_err(format!(
            "threshold must be a score from 0 to 1, not {t}"
        ))),
    }
}

/// A threshold for links in text, checked: a score in [0, 1] for every
/// link, or `None`, the thresholds in text.
fn check_text_threshold(threshold: Option<f64>) -> PyResult<Option<f64>> {
    threshold.map(|t| check_threshold(Some(t))).transpose()
}

/// The strings of any iterable (a list, a generator), read in place.
fn strings(items: &Bound<'_, PyAny>) -> PyResult<Vec<PyBackedStr>> {
    if items.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "expected an iterable of strings, not one string",
        ));
    }
    items.try_iter()?.map(|item| item?.extract()).collect()
}

/// A JSON value as Python objects (through the `json` module).
fn json_to_python<'py>(
    py: Python<'py>,
    value: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (value.to_string(),))
}

/// A compiled gazetteer, memory-mapped and checked; safe to share between
/// threads.
#[pyclass(frozen, module = "nomina")]
struct Gazetteer {
    inner: Arc<nomina::Resolver>,
}

/// A resolved entity. Matches compare equal, and hash alike, by value.
#[pyclass(frozen, module = "nomina")]
struct Match {
    /// The entity's id.
    #[pyo3(get)]
    id: String,
    /// Its canonical name.
    #[pyo3(get)]
    name: String,
    /// Its type ("" if none).
    #[pyo3(get, name = "type")]
    kind: String,
    /// How sure the match is, 0 to 1.
    #[pyo3(get)]
    score: f64,
    /// The evidence as `nomina resolve --explain --json` writes it, when
    /// asked for (`resolve(..., explain=True)`).
    evidence: Option<String>,
}

/// An entity mention in a text. Mentions compare equal, and hash alike,
/// by value.
#[pyclass(frozen, get_all, module = "nomina")]
struct Mention {
    /// Byte offset of the mention's first byte in the UTF-8 text.
    start: usize,
    /// Byte offset one past its last byte.
    end: usize,
    /// Character (code point) offset of its first character.
    char_start: usize,
    /// Character offset one past its last character.
    char_end: usize,
    /// The mention as written.
    text: String,
    /// The entity's id.
    id: String,
    /// The entity's canonical name.
    name: String,
    /// The entity's type ("" if none).
    #[pyo3(name = "type")]
    kind: String,
    /// How sure the link is, 0 to 1.
    score: f64,
    /// How it was linked: "exact", "fuzzy", "context" or "acronym".
    how: String,
}

/// A document of a batch that could not be normalised.
#[pyclass(frozen, get_all, module = "nomina")]
struct DocumentError {
    /// Its position in the batch (0-based).
    index: usize,
    /// Why, as `nomina normalize` reports it.
    reason: String,
}

/// What a build wrote.
#[pyclass(frozen, get_all, module = "nomina")]
struct BuildReport {
    /// Entities in the artifact.
    entities: u64,
    /// Aliases (not counting canonical names).
    aliases: u64,
    /// Distinct lookup keys.
    keys: u64,
    /// Size of the artifact in bytes.
    bytes: u64,
    /// The rows skipped with `skip_invalid`, each as "FILE:LINE: reason".
    skipped: Vec<String>,
    /// The ids named by skipped rows that the artifact lacks.
    left_out: Vec<String>,
}

#[pymethods]
impl Gazetteer {
    /// Opens the artifact at `path`, or the embedded default gazetteer when
    /// `path` is None. A file is checksum-verified unless `verify` is
    /// False (for files verified before).
    #[new]
    #[pyo3(signature = (path=None, verify=true))]
    fn new(
        py: Python<'_>,
        path: Option<PathBuf>,
        verify: bool,
    ) -> PyResult<Gazetteer> {
        let g = py
            .detach(|| match path {
                None => nomina::Resolver::embedded(),
                Some(p) if verify => nomina::Resolver::open(p),
                Some(p) => nomina::Resolver::open_trusted(p),
            })
            .map_err(error)?;
        Ok(Gazetteer { inner: Arc::new(g) })
    }

    /// The entities `name` may denote, best first, at most `top` (at
    /// least 1), each scoring at least `threshold` (a score in [0, 1];
    /// default: the fitted acceptance threshold, 0.866). Empty means "no entity".
    /// With `explain`, each match carries its `evidence` (as `nomina
    /// resolve --explain --json`).
    #[pyo3(signature = (name, top=1, threshold=None, explain=false))]
    fn resolve(
        &self,
        py: Python<'_>,
        name: &str,
        top: i64,
        threshold: Option<f64>,
        explain: bool,
    ) -> PyResult<Vec<Match>> {
        let top = check_top(top)?;
        let threshold = check_threshold(threshold)?;
        let g = &self.inner;
        let matches = py.detach(|| {
            if explain {
                g.resolve_explained(name, top, threshold)
            } else {
                g.resolve_with(name, top, threshold)
            }
        });
        Ok(matches
            .into_iter()
            .map(|m| {
                // Serialising plain structs cannot fail.
                let evidence = explain.then(|| {
                    serde_json::to_string(&m.evidence).unwrap_or_default()
                });
                Match {
                    id: m.id,
                    name: m.name,
                    kind: m.kind,
                    score: m.score,
                    evidence,
                }
            })
            .collect())
    }

    /// The entity with this id, as `nomina get --json` gives it (id,
    /// name, type, aliases, metadata), or None.
    fn get<'py>(
        &self,
        py: Python<'py>,
        id: &str,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let Some(e) = self.inner.get(id) else { return Ok(None) };
        json_to_python(py, &e.to_json()).map(Some)
    }

    /// Checks the artifact as `nomina verify` does: the checksum, and every
    /// index and record behind it. Raises NominaError if it is damaged.
    fn verify(&self, py: Python<'_>) -> PyResult<()> {
        let g = self.inner.gazetteer();
        py.detach(|| g.verify().and_then(|()| g.verify_structure()))
            .map_err(error)
    }

    /// The entity mentions in `text`, sorted by start, never overlapping.
    /// `threshold` (for every link; default: 0.85, and 0.90 for links by
    /// alignment), `types` (keep only mentions of entities
    /// of these types) and `fuzzy` (False: exact aliases only) are those of
    /// `nomina normalize --threshold --types --no-fuzzy`.
    #[pyo3(signature = (text, *, threshold=None, types=None, fuzzy=true))]
    fn annotate(
        &self,
        py: Python<'_>,
        text: &str,
        threshold: Option<f64>,
        types: Option<Vec<String>>,
        fuzzy: bool,
    ) -> PyResult<Vec<Mention>> {
        let spotter = self.spotter(threshold, types, fuzzy)?;
        let mentions = py.detach(|| spotter.annotate(text));
        Ok(to_python(text, mentions))
    }

    /// The mentions of each text, in order, annotated in parallel with the
    /// GIL released, on `threads` threads (default: all cores).
    #[pyo3(signature = (texts, threads=None, *, threshold=None, types=None, fuzzy=true))]
    fn annotate_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        threshold: Option<f64>,
        types: Option<Vec<String>>,
        fuzzy: bool,
    ) -> PyResult<Vec<Vec<Mention>>> {
        let texts = strings(texts)?;
        let spotter = self.spotter(threshold, types, fuzzy)?;
        // The texts are read in place (no copy), and character offsets are
        // counted in parallel too: only making the Python objects needs the
        // GIL.
        py.detach(|| {
            in_pool(threads, || {
                let size = nomina::limits::CHUNK_BYTES;
                nomina::corpus::map_in_chunks(&texts, size, |t| {
                    to_python(t, spotter.annotate(t))
                })
            })
        })
    }

    /// What `nomina normalize --format jsonl` writes for each JSONL line,
    /// in order: the output line (without its line break), or a
    /// DocumentError for a line the command would report and skip.
    /// Parallel with the GIL released, on `threads` threads.
    #[pyo3(signature = (lines, *, text_field="text", id_field="id", output="annotate", threads=None, threshold=None, types=None, fuzzy=true))]
    #[allow(clippy::too_many_arguments)]
    fn normalize_lines<'py>(
        &self,
        py: Python<'py>,
        lines: &Bound<'_, PyAny>,
        text_field: &str,
        id_field: &str,
        output: &str,
        threads: Option<usize>,
        threshold: Option<f64>,
        types: Option<Vec<String>>,
        fuzzy: bool,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let lines = strings(lines)?;
        let config = nomina::corpus::Config {
            format: nomina::corpus::InputFormat::Jsonl,
            text_field: text_field.into(),
            id_field: id_field.into(),
            output: output.parse().map_err(PyValueError::new_err)?,
            threshold: check_text_threshold(threshold)?,
            fuzzy,
            types,
            ..Default::default()
        };
        let g = &self.inner;
        let results = py.detach(|| {
            in_pool(threads, || {
                nomina::corpus::Runner::new(g, config)
                    .documents_output("-", &lines)
            })
        })?;
        results
            .into_iter()
            .enumerate()
            .map(|(index, r)| match r {
                Ok(mut line) => {
                    if line.ends_with('\n') {
                        line.pop();
                    }
                    Ok(PyString::new(py, &line).into_any())
                }
                Err(reason) => {
                    Ok(Bound::new(py, DocumentError { index, reason })?
                        .into_any())
                }
            })
            .collect()
    }

    /// The path the gazetteer was opened from, as given; for the embedded
    /// default gazetteer, "<embedded default gazetteer>".
    #[getter]
    fn path(&self) -> String {
        self.inner.path().display().to_string()
    }

    /// Number of entities.
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("Gazetteer({:?}, {} entities)", self.path(), self.inner.len())
    }
}

impl Gazetteer {
    /// A spotter with these settings (see `annotate`).
    fn spotter(
        &self,
        threshold: Option<f64>,
        types: Option<Vec<String>>,
        fuzzy: bool,
    ) -> PyResult<nomina::spot::Spotter<'_>> {
        let mut s = nomina::spot::Spotter::new(&self.inner).with_fuzzy(fuzzy);
        if let Some(t) = check_text_threshold(threshold)? {
            s = s.with_threshold(t);
        }
        if let Some(types) = types {
            s = s.with_types(types);
        }
        Ok(s)
    }
}

#[pymethods]
impl Match {
    /// Why it matched (rule, matched name, key, parts), when resolved
    /// with `explain=True`; None otherwise.
    #[getter]
    fn evidence<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let loads = |e: &String| {
            py.import("json")?.call_method1("loads", (e.as_str(),))
        };
        self.evidence.as_ref().map(loads).transpose()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.extract::<PyRef<'_, Match>>().is_ok_and(|o| {
            (&self.id, &self.name, &self.kind, self.score.to_bits())
                == (&o.id, &o.name, &o.kind, o.score.to_bits())
        })
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(&self.id, &self.name, &self.kind, self.score.to_bits()))
    }

    /// The match as the `matches` objects of `nomina resolve --json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &self.id)?;
        d.set_item("name", &self.name)?;
        d.set_item("type", &self.kind)?;
        d.set_item("score", self.score)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Match(id={:?}, name={:?}, type={:?}, score={})",
            self.id, self.name, self.kind, self.score
        )
    }
}

#[pymethods]
impl Mention {
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.extract::<PyRef<'_, Mention>>().is_ok_and(|o| {
            self.key() == o.key() && self.score.to_bits() == o.score.to_bits()
        })
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(self.key(), self.score.to_bits()))
    }

    /// The mention as the `mentions` objects of `nomina normalize` (byte
    /// offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", &self.text)?;
        d.set_item("id", &self.id)?;
        d.set_item("name", &self.name)?;
        d.set_item("type", &self.kind)?;
        d.set_item("score", self.score)?;
        d.set_item("how", &self.how)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Mention(text={:?}, start={}, end={}, id={:?}, name={:?}, score={})",
            self.text, self.start, self.end, self.id, self.name, self.score
        )
    }
}

impl Mention {
    /// Its fields but the score.
    #[allow(clippy::type_complexity)]
    fn key(
        &self,
    ) -> (usize, usize, usize, usize, &str, &str, &str, &str, &str) {
        (
            self.start,
            self.end,
            self.char_start,
            self.char_end,
            &self.text,
            &self.id,
            &self.name,
            &self.kind,
            &self.how,
        )
    }
}

/// A hash of `value` that is the same for equal values.
fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[pymethods]
impl DocumentError {
    fn __str__(&self) -> String {
        format!("document {}: {}", self.index, self.reason)
    }

    fn __repr__(&self) -> String {
        format!(
            "DocumentError(index={}, reason={:?})",
            self.index, self.reason
        )
    }
}

#[pymethods]
impl BuildReport {
    fn __repr__(&self) -> String {
        format!(
            "BuildReport(entities={}, aliases={}, keys={}, bytes={}, skipped={})",
            self.entities,
            self.aliases,
            self.keys,
            self.bytes,
            self.skipped.len()
        )
    }
}

/// Compiles gazetteer sources (.jsonl, .tsv, optionally .gz) into an
/// artifact at `out`, atomically. `sources` is one path or an iterable of
/// paths. A bad row raises NominaError naming its file and line, unless
/// `skip_invalid`, which skips the row whole and reports it. With `base`,
/// the sources are applied to that artifact's entities (an incremental
/// build, as `nomina build --base`). `threads` bounds the worker threads.
#[pyfunction]
#[pyo3(signature = (sources, out, *, skip_invalid=false, base=None, threads=None))]
fn build(
    py: Python<'_>,
    sources: &Bound<'_, PyAny>,
    out: PathBuf,
    skip_invalid: bool,
    base: Option<PathBuf>,
    threads: Option<usize>,
) -> PyResult<BuildReport> {
    let sources: Vec<PathBuf> = match sources.extract::<PathBuf>() {
        // One path (a str or an os.PathLike).
        Ok(one) => vec![one],
        Err(_) => sources
            .try_iter()
            .map_err(|_| {
                PyTypeError::new_err(
                    "sources must be a path or an iterable of paths",
                )
            })?
            .map(|s| s?.extract::<PathBuf>())
            .collect::<PyResult<_>>()?,
    };
    let report = py
        .detach(|| {
            in_pool(threads, || {
                let mut builder = nomina::GazetteerBuilder::new();
                builder.skip_invalid(skip_invalid);
                if let Some(base) = &base {
                    builder.base(base);
                }
                builder.build(&sources, &out)
            })
        })?
        .map_err(error)?;
    Ok(BuildReport {
        entities: report.entities,
        aliases: report.aliases,
        keys: report.keys,
        bytes: report.bytes,
        skipped: report.skipped.iter().map(ToString::to_string).collect(),
        left_out: report.left_out,
    })
}

/// What changed between two artifacts, as `nomina diff --json` gives it:
/// one dict per change (entities added, removed, renamed or retyped;
/// aliases added and removed), sorted by id.
#[pyfunction]
fn diff<'py>(
    py: Python<'py>,
    old: &Gazetteer,
    new: &Gazetteer,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let (a, b) = (old.inner.gazetteer(), new.inner.gazetteer());
    let changes = py.detach(|| nomina::gazetteer::diff::diff(a, b));
    changes
        .iter()
        .map(|c| {
            let value = serde_json::to_value(c)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            json_to_python(py, &value)
        })
        .collect()
}

/// Runs `f` on the global rayon pool (all cores), or on a pool of
/// `threads` threads. The global pool serves whenever it has that many
/// threads: work handed to a pool from outside through `install` kept two
/// threads about 80 % busy on 7 MB of news where the global pool kept them
/// busy throughout (same CPU time, a quarter more wall time). Other pools are
/// made once per thread count and kept.
fn in_pool<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> =
        Mutex::new(Vec::new());
    let n = match threads {
        Some(0) => {
            return Err(PyValueError::new_err("threads must be at least 1"))
        }
        Some(n) if n != rayon::current_num_threads() => n,
        _ => return Ok(f()),
    };
    let pool = {
        let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
        match pools.iter().find(|p| p.0 == n) {
            Some(p) => p.1.clone(),
            None => {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyValueError::new_err(e.to_string()))?;
                let pool = Arc::new(pool);
                pools.push((n, pool.clone()));
                pool
            }
        }
    };
    Ok(pool.install(f))
}

/// The mentions of `text` as Python objects, with character offsets.
fn to_python(text: &str, mentions: Vec<nomina::Mention>) -> Vec<Mention> {
    // Mentions are sorted by start and do not overlap: one pass over the
    // text counts characters up to each offset.
    let mut chars = 0;
    let mut at = 0;
    let mut char_at = |byte: usize| {
        chars += text[at..byte].chars().count();
        at = byte;
        chars
    };
    mentions
        .into_iter()
        .map(|m| {
            let char_start = char_at(m.start);
            let char_end = char_at(m.end);
            Mention {
                start: m.start,
                end: m.end,
                char_start,
                char_end,
                text: m.text,
                id: m.id,
                name: m.name,
                kind: m.kind,
                score: m.score,
                how: m.how.as_str().into(),
            }
        })
        .collect()
}

/// nomina: entity resolution and name normalisation.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("NominaError", m.py().get_type::<NominaError>())?;
    m.add("ACCEPT_THRESHOLD", nomina::limits::ACCEPT_THRESHOLD)?;
    m.add_class::<Gazetteer>()?;
    m.add_class::<Match>()?;
    m.add_class::<Mention>()?;
    m.add_class::<DocumentError>()?;
    m.add_class::<BuildReport>()?;
    m.add_function(wrap_pyfunction!(build, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    Ok(())
}
