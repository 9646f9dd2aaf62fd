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
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString};

create_exception!(
    nomina,
    NominaError,
    PyException,
    "A nomina error: a bad source row (with its file and line), a corrupt or \
     unsupported artifact, or an I/O error. The message is the one the \
     `nomina` command prints."
);

fn error(e: nomina::Error) -> PyErr {
    NominaError::new_err(e.to_string())
}

/// A compiled gazetteer, memory-mapped and checked; safe to share between
/// threads.
#[pyclass(frozen, module = "nomina")]
struct Gazetteer {
    inner: Arc<nomina::Resolver>,
}

/// A resolved entity.
#[pyclass(frozen, get_all, module = "nomina")]
struct Match {
    /// The entity's id.
    id: String,
    /// Its canonical name.
    name: String,
    /// Its type ("" if none).
    #[pyo3(name = "type")]
    kind: String,
    /// How sure the match is, 0 to 1.
    score: f64,
}

/// An entity mention in a text.
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

    /// The entities `name` may denote, best first, at most `top`, each
    /// scoring at least `threshold` (default: the built-in acceptance
    /// threshold). Empty means "no entity".
    #[pyo3(signature = (name, top=1, threshold=None))]
    fn resolve(
        &self,
        py: Python<'_>,
        name: &str,
        top: usize,
        threshold: Option<f64>,
    ) -> Vec<Match> {
        let threshold = threshold.unwrap_or(nomina::limits::ACCEPT_THRESHOLD);
        let g = &self.inner;
        py.detach(|| g.resolve_with(name, top, threshold))
            .into_iter()
            .map(|m| Match {
                id: m.id,
                name: m.name,
                kind: m.kind,
                score: m.score,
            })
            .collect()
    }

    /// The entity mentions in `text`, sorted by start, never overlapping.
    fn annotate(&self, py: Python<'_>, text: &str) -> Vec<Mention> {
        let g = &self.inner;
        let mentions = py.detach(|| g.annotate(text));
        to_python(text, mentions)
    }

    /// The mentions of each text, in order, annotated in parallel with the
    /// GIL released, on `threads` threads (default: all cores).
    #[pyo3(signature = (texts, threads=None))]
    fn annotate_batch(
        &self,
        py: Python<'_>,
        texts: Vec<PyBackedStr>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<Mention>>> {
        let spotter = nomina::spot::Spotter::new(&self.inner);
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
    #[pyo3(signature = (lines, *, text_field="text", id_field="id", output="annotate", threads=None))]
    fn normalize_lines<'py>(
        &self,
        py: Python<'py>,
        lines: Vec<PyBackedStr>,
        text_field: &str,
        id_field: &str,
        output: &str,
        threads: Option<usize>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let config = nomina::corpus::Config {
            format: nomina::corpus::InputFormat::Jsonl,
            text_field: text_field.into(),
            id_field: id_field.into(),
            output: output.parse().map_err(PyValueError::new_err)?,
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

    /// The path the gazetteer was opened from ("<embedded>" for the default).
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

#[pymethods]
impl Match {
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
/// artifact at `out`, atomically. A bad row raises NominaError naming its
/// file and line, unless `skip_invalid`, which skips and reports it.
#[pyfunction]
#[pyo3(signature = (sources, out, *, skip_invalid=false))]
fn build(
    py: Python<'_>,
    sources: Vec<PathBuf>,
    out: PathBuf,
    skip_invalid: bool,
) -> PyResult<BuildReport> {
    let report = py
        .detach(|| {
            nomina::GazetteerBuilder::new()
                .skip_invalid(skip_invalid)
                .build(&sources, &out)
        })
        .map_err(error)?;
    Ok(BuildReport {
        entities: report.entities,
        aliases: report.aliases,
        keys: report.keys,
        bytes: report.bytes,
        skipped: report.skipped.iter().map(ToString::to_string).collect(),
    })
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
    Ok(())
}
