//! Gazetteer source readers: JSONL and TSV (optionally gzip-compressed),
//! streamed line by line and validated row by row.
//!
//! A source is never loaded whole: lines are read through a bounded buffer
//! ([`MAX_SOURCE_LINE`]) and parsed into [`SourceRow`]s. Every problem with
//! a row is an [`Error`] naming the file and the 1-based line; the reader
//! goes on with the next line after a row error so that a caller can report
//! and skip bad rows (`--skip-invalid`). Problems that make the rest of the
//! file unreadable (a bad TSV header, an I/O error, corrupt gzip data) end
//! the stream after their error.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::limits::{MAX_NAME_BYTES, MAX_SOURCE_LINE};
use crate::normalize::fold;

/// The syntax of a source file, chosen by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// One JSON object per line (`.jsonl`, `.jsonl.gz`).
    Jsonl,
    /// A header row, then tab-separated rows (`.tsv`, `.tsv.gz`).
    Tsv,
}

impl SourceFormat {
    /// The format and compression of `path`, from its extension.
    ///
    /// Fails with [`ErrorKind::Invalid`](crate::ErrorKind::Invalid) for an
    /// extension that is neither.
    pub fn of_path(path: &Path) -> Result<(SourceFormat, bool)> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let lower = name.to_ascii_lowercase();
        let (stem, gz) = match lower.strip_suffix(".gz") {
            Some(stem) => (stem, true),
            None => (lower.as_str(), false),
        };
        let format = if stem.ends_with(".jsonl") {
            SourceFormat::Jsonl
        } else if stem.ends_with(".tsv") {
            SourceFormat::Tsv
        } else {
            return Err(Error::invalid(format!(
                "{}: unknown source format; use .jsonl or .tsv \
                 (optionally .gz)",
                path.display()
            )));
        };
        Ok((format, gz))
    }
}

impl FromStr for SourceFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<SourceFormat> {
        match s {
            "jsonl" => Ok(SourceFormat::Jsonl),
            "tsv" => Ok(SourceFormat::Tsv),
            _ => Err(Error::invalid(format!("unknown source format {s:?}"))),
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceFormat::Jsonl => "jsonl",
            SourceFormat::Tsv => "tsv",
        })
    }
}

/// One validated entity row of a source.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SourceRow {
    /// The 1-based line the row was read from.
    pub line: u64,
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub aliases: Vec<String>,
    pub metadata: BTreeMap<String, Value>,
    /// What the row does to its entity.
    pub op: Op,
}

/// What a source row does to the entity with its id (the reserved field or
/// column `op`, with the value `upsert` or `delete`; any other value is a
/// row error). Sources are applied in order, so a later source (a delta)
/// can change or remove what an earlier one built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Op {
    /// No `op`: the first row of an id gives its name and type; later rows
    /// add aliases and metadata fields.
    #[default]
    Merge,
    /// `"op": "upsert"`: the row replaces the entity (or adds it).
    Upsert,
    /// `"op": "delete"`: the entity is removed; only `id` is read.
    Delete,
}

/// The operation an `op` value names; any other value is an error naming
/// the allowed ones (`op` is reserved by the interface contract).
fn parse_op(text: &str) -> std::result::Result<Op, String> {
    match text.trim() {
        "upsert" => Ok(Op::Upsert),
        "delete" => Ok(Op::Delete),
        other => Err(format!(
            "\"op\" must be \"upsert\" or \"delete\", not {other:?}"
        )),
    }
}

/// A raw line of a source, or why it could not be read.
pub(crate) enum RawLine {
    /// A line of text without its terminator.
    Text(u64, String),
    /// A line that is not a row (too long, not UTF-8), with its number and
    /// the reason: the reader has moved past it.
    Bad(u64, String),
}

/// Reads a source file line by line, bounded, and digests its bytes.
pub(crate) struct LineSource {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    done: bool,
    buf: Vec<u8>,
    digest: std::sync::Arc<std::sync::Mutex<(Sha256, u64)>>,
}

/// A pass-through reader that digests the raw file bytes as they stream
/// by, shared with [`LineSource::digest`] (the reader itself is boxed).
struct SharedHashing<R> {
    inner: R,
    digest: std::sync::Arc<std::sync::Mutex<(Sha256, u64)>>,
}

impl<R: Read> Read for SharedHashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        // A poisoned lock means a panic elsewhere already; keep hashing.
        let mut d = self.digest.lock().unwrap_or_else(|e| e.into_inner());
        d.0.update(&buf[..n]);
        d.1 += n as u64;
        Ok(n)
    }
}

impl LineSource {
    pub(crate) fn open(path: &Path, gz: bool) -> Result<LineSource> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        let digest =
            std::sync::Arc::new(std::sync::Mutex::new((Sha256::new(), 0u64)));
        let raw = SharedHashing { inner: file, digest: digest.clone() };
        let mut source = LineSource::stream(path, Box::new(raw), gz);
        source.digest = digest;
        Ok(source)
    }

    /// Reads lines from any byte stream (stdin, a file), gzip-compressed
    /// when `gz`, without digesting it; `name` is used in messages.
    pub(crate) fn stream(
        name: &Path,
        raw: Box<dyn Read + Send>,
        gz: bool,
    ) -> LineSource {
        let reader: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(
                1 << 16,
                flate2::read::MultiGzDecoder::new(BufReader::new(raw)),
            ))
        } else {
            Box::new(BufReader::with_capacity(1 << 16, raw))
        };
        LineSource {
            path: name.to_path_buf(),
            reader,
            line: 0,
            done: false,
            buf: Vec::new(),
            digest: Default::default(),
        }
    }

    /// Reads the rest of the stream as one document of at most `max`
    /// bytes: its text, or why it is not one (too long, not UTF-8). An
    /// I/O error is returned as such.
    pub(crate) fn read_all(
        &mut self,
        max: usize,
    ) -> Result<std::result::Result<String, String>> {
        let mut bytes = Vec::new();
        (&mut self.reader)
            .take(max as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(&self.path, e))?;
        self.done = true;
        if bytes.len() > max {
            return Ok(Err(format!("document longer than {max} bytes")));
        }
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        Ok(String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            format!("invalid UTF-8 at byte {}", at + 1)
        }))
    }

    /// The SHA-256 of the file's bytes read so far and their count; after
    /// the last line, of the whole file.
    pub(crate) fn digest(&self) -> (String, u64) {
        let d = self.digest.lock().unwrap_or_else(|e| e.into_inner());
        let hex = d.0.clone().finalize().iter().fold(
            String::with_capacity(64),
            |mut s, b| {
                use std::fmt::Write;
                // Writing to a String cannot fail.
                let _ = write!(s, "{b:02x}");
                s
            },
        );
        (hex, d.1)
    }

    /// The next line, or `None` at the end of the file. An I/O error is
    /// returned once and ends the stream.
    pub(crate) fn next_line(
        &mut self,
    ) -> Option<std::result::Result<RawLine, Error>> {
        if self.done {
            return None;
        }
        self.buf.clear();
        self.line += 1;
        let limit = MAX_SOURCE_LINE as u64 + 1;
        let read =
            (&mut self.reader).take(limit).read_until(b'\n', &mut self.buf);
        match read {
            Err(e) => {
                self.done = true;
                return Some(Err(Error::source_row(
                    &self.path,
                    self.line,
                    format!("cannot read: {e}"),
                )));
            }
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(_) => {}
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        } else if self.buf.len() > MAX_SOURCE_LINE {
            if let Err(e) = self.skip_rest_of_line() {
                self.done = true;
                return Some(Err(Error::source_row(
                    &self.path,
                    self.line,
                    format!("cannot read: {e}"),
                )));
            }
            return Some(Ok(RawLine::Bad(
                self.line,
                format!("line longer than {MAX_SOURCE_LINE} bytes"),
            )));
        }
        let mut bytes = std::mem::take(&mut self.buf);
        if self.line == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Some(Ok(RawLine::Text(self.line, text))),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                Some(Ok(RawLine::Bad(
                    self.line,
                    format!("invalid UTF-8 at byte {} of the line", at + 1),
                )))
            }
        }
    }

    fn skip_rest_of_line(&mut self) -> io::Result<()> {
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(());
            }
            if let Some(i) = chunk.iter().position(|&b| b == b'\n') {
                self.reader.consume(i + 1);
                return Ok(());
            }
            let n = chunk.len();
            self.reader.consume(n);
        }
    }
}

/// Parses and validates rows of one format. TSV needs its header first.
pub(crate) enum RowParser {
    Jsonl,
    Tsv(TsvHeader),
}

/// The column layout of a TSV source.
pub(crate) struct TsvHeader {
    columns: Vec<String>,
    id: usize,
    /// `None` only in a delta whose rows all delete (it has an `op`).
    name: Option<usize>,
    kind: Option<usize>,
    aliases: Option<usize>,
    op: Option<usize>,
}

impl TsvHeader {
    pub(crate) fn parse(
        path: &Path,
        line: u64,
        text: &str,
    ) -> Result<TsvHeader> {
        let columns: Vec<String> =
            text.split('\t').map(|c| c.trim().to_string()).collect();
        let mut seen = std::collections::HashSet::new();
        for c in &columns {
            if c.is_empty() {
                return Err(Error::source_row(
                    path,
                    line,
                    "empty column name in header",
                ));
            }
            if !seen.insert(c.as_str()) {
                return Err(Error::source_row(
                    path,
                    line,
                    format!("duplicate column {c:?} in header"),
                ));
            }
        }
        let find = |n: &str| columns.iter().position(|c| c == n);
        let id = find("id").ok_or_else(|| {
            Error::source_row(path, line, "header has no \"id\" column")
        })?;
        // A delta of deletes reads only ids: it may leave the names out.
        let name = find("name");
        if name.is_none() && find("op").is_none() {
            return Err(Error::source_row(
                path,
                line,
                "header has no \"name\" column",
            ));
        }
        Ok(TsvHeader {
            id,
            name,
            kind: find("type"),
            aliases: find("aliases"),
            op: find("op"),
            columns,
        })
    }
}

impl RowParser {
    /// Parses one line into a validated row. `Ok(None)` for a blank line.
    pub(crate) fn parse(
        &self,
        path: &Path,
        line: u64,
        text: &str,
    ) -> Result<Option<SourceRow>> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        let row = match self {
            RowParser::Jsonl => parse_json_row(line, text),
            RowParser::Tsv(h) => parse_tsv_row(h, line, text),
        };
        let row = row
            .and_then(validate)
            .map_err(|r| Error::source_row(path, line, r))?;
        Ok(Some(row))
    }
}

type RowResult = std::result::Result<SourceRow, String>;

impl RowParser {
    /// The id a row names, if it can be read from the row at all: for
    /// telling which entity a bad row belonged to. Costs a parse of the
    /// line; meant for rows that failed.
    pub(crate) fn id_of(&self, text: &str) -> Option<String> {
        let id = match self {
            RowParser::Jsonl => {
                let fields: JsonFields = serde_json::from_str(text).ok()?;
                fields.get("id")?.as_str()?.to_string()
            }
            RowParser::Tsv(h) => text.split('\t').nth(h.id)?.to_string(),
        };
        Some(id.trim().to_string()).filter(|id| !id.is_empty())
    }
}

fn parse_json_row(line: u64, text: &str) -> RowResult {
    let fields: JsonFields = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let msg = match msg.find(" at line ") {
            Some(i) => &msg[..i],
            None => &msg,
        };
        format!("invalid JSON at column {}: {}", e.column(), msg)
    })?;
    let mut row = SourceRow {
        line,
        id: String::new(),
        name: String::new(),
        kind: None,
        aliases: Vec::new(),
        metadata: BTreeMap::new(),
        op: Op::Merge,
    };
    let mut has_id = false;
    let mut has_name = false;
    for (key, value) in fields.0 {
        match key.as_str() {
            "id" => {
                row.id = expect_string("id", value)?;
                has_id = true;
            }
            "name" => {
                row.name = expect_string("name", value)?;
                has_name = true;
            }
            "type" => match value {
                Value::Null => {}
                v => row.kind = Some(expect_string("type", v)?),
            },
            "op" => match value {
                // No operation, as a row without `op` (and an empty TSV
                // cell): the row merges.
                Value::Null => {}
                Value::String(s) if s.trim().is_empty() => {}
                Value::String(s) => row.op = parse_op(&s)?,
                other => {
                    return Err(format!(
                        "\"op\" must be \"upsert\" or \"delete\", found {}",
                        json_type(&other)
                    ))
                }
            },
            "aliases" => match value {
                Value::Null => {}
                Value::Array(items) => {
                    for (i, item) in items.into_iter().enumerate() {
                        match item {
                            Value::String(s) => row.aliases.push(s),
                            other => {
                                return Err(format!(
                                    "field \"aliases\" item {} must be a \
                                     string, found {}",
                                    i + 1,
                                    json_type(&other)
                                ))
                            }
                        }
                    }
                }
                other => {
                    return Err(format!(
                        "field \"aliases\" must be an array of strings, \
                         found {}",
                        json_type(&other)
                    ))
                }
            },
            _ => {
                row.metadata.insert(key, value);
            }
        }
    }
    if !has_id {
        return Err("missing field \"id\"".into());
    }
    if !has_name && row.op != Op::Delete {
        return Err("missing field \"name\"".into());
    }
    Ok(row)
}

fn expect_string(
    field: &str,
    value: Value,
) -> std::result::Result<String, String> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(format!(
            "field \"{field}\" must be a string, found {}",
            json_type(&other)
        )),
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The fields of a JSON object in order, rejecting duplicate keys (which a
/// plain map would resolve silently by keeping the last). `V` is how values
/// are kept: parsed (`Value`) or as raw JSON text (`&RawValue`).
pub(crate) struct JsonFields<V = Value>(pub(crate) Vec<(String, V)>);

impl<V> JsonFields<V> {
    /// The value of field `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de>
    for JsonFields<V>
{
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Fields<V>(std::marker::PhantomData<V>);
        impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Fields<V> {
            type Value = JsonFields<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<JsonFields<V>, A::Error> {
                let mut fields: Vec<(String, V)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if fields.iter().any(|(k, _)| *k == key) {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate field \"{key}\""
                        )));
                    }
                    let value = map.next_value::<V>()?;
                    fields.push((key, value));
                }
                Ok(JsonFields(fields))
            }
        }
        d.deserialize_map(Fields(std::marker::PhantomData))
    }
}

fn parse_tsv_row(h: &TsvHeader, line: u64, text: &str) -> RowResult {
    let cells: Vec<&str> = text.split('\t').collect();
    if cells.len() != h.columns.len() {
        return Err(format!(
            "expected {} tab-separated fields (as in the header), found {}",
            h.columns.len(),
            cells.len()
        ));
    }
    let op = match h.op.map(|i| cells[i]) {
        None | Some("") => Op::Merge,
        Some(text) => parse_op(text)?,
    };
    if h.name.is_none() && op != Op::Delete {
        return Err("no \"name\" column: only a delete row (op \"delete\") \
                    may leave the name out"
            .into());
    }
    let mut row = SourceRow {
        line,
        id: cells[h.id].to_string(),
        name: h.name.map_or("", |i| cells[i]).to_string(),
        kind: h.kind.map(|i| cells[i].to_string()),
        aliases: Vec::new(),
        metadata: BTreeMap::new(),
        op,
    };
    if let Some(i) = h.aliases {
        row.aliases = cells[i].split('|').map(str::to_string).collect();
    }
    for (i, cell) in cells.iter().enumerate() {
        if Some(i) == h.kind
            || Some(i) == h.aliases
            || Some(i) == h.op
            || i == h.id
            || Some(i) == h.name
        {
            continue;
        }
        if !cell.is_empty() {
            row.metadata
                .insert(h.columns[i].clone(), Value::String(cell.to_string()));
        }
    }
    Ok(row)
}

/// Checks and tidies a parsed row: trims id, name, type and aliases, drops
/// empty aliases and the ones equal to the name, and rejects names that
/// cannot be looked up.
fn validate(mut row: SourceRow) -> RowResult {
    row.id = row.id.trim().to_string();
    if row.id.is_empty() {
        return Err("empty \"id\"".into());
    }
    if row.id.len() > MAX_NAME_BYTES {
        return Err(format!("\"id\" longer than {MAX_NAME_BYTES} bytes"));
    }
    if row.op == Op::Delete {
        // Only the id matters.
        row.name.clear();
        row.kind = None;
        row.aliases.clear();
        row.metadata.clear();
        return Ok(row);
    }
    row.name = row.name.trim().to_string();
    check_name("\"name\"", &row.name)?;
    row.kind =
        row.kind.map(|k| k.trim().to_string()).filter(|k| !k.is_empty());
    let mut aliases = Vec::with_capacity(row.aliases.len());
    for (i, alias) in row.aliases.iter().enumerate() {
        let alias = alias.trim();
        if alias.is_empty() || alias == row.name {
            continue;
        }
        check_name(&format!("alias {} ({alias:?})", i + 1), alias)?;
        aliases.push(alias.to_string());
    }
    row.aliases = aliases;
    Ok(row)
}

fn check_name(what: &str, name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        return Err(format!("empty {what}"));
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(format!("{what} longer than {MAX_NAME_BYTES} bytes"));
    }
    if name.contains(['\n', '\r', '\0']) {
        return Err(format!("{what} contains a line break or NUL"));
    }
    if fold(name).is_empty() {
        return Err(format!("{what} has no letters or digits"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(line: &str) -> std::result::Result<Option<SourceRow>, String> {
        RowParser::Jsonl
            .parse(Path::new("people.jsonl"), 7, line)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_json_row_keeps_unknown_fields_as_metadata() {
        // An OFAC row of the default gazetteer's sources.
        let row = json(
            r#"{"id": "ofac-35233", "name": " LAVROV, Sergei Viktorovich ", "type": "person", "aliases": ["Sergey LAVROV", ""], "program": "RUSSIA-EO14024"}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(row.line, 7);
        assert_eq!(row.name, "LAVROV, Sergei Viktorovich", "trimmed");
        assert_eq!(row.kind.as_deref(), Some("person"));
        // An empty alias is no alias.
        assert_eq!(row.aliases, ["Sergey LAVROV"]);
        assert_eq!(row.metadata["program"], "RUSSIA-EO14024");
        assert_eq!(row.op, Op::Merge);
        assert_eq!(json("   ").unwrap(), None, "a blank line is no row");
    }

    #[test]
    fn bad_rows_name_file_line_and_reason() {
        let cases = [
            (r#"{"name": "X"}"#, "\"id\""),
            (r#"{"id": "a", "name": ""}"#, "empty \"name\""),
            (r#"{"id": "a", "name": "X", "aliases": "Y"}"#, "aliases"),
            (r#"{"id": "a", "name": "---"}"#, "no letters or digits"),
            // An alias with a line break inside, as in 34 rows of the UN
            // list.
            (
                r#"{"id": "a", "name": "X", "aliases": ["QASEM\nSOLEIMANI"]}"#,
                "alias 1",
            ),
            (r#"{"id": "a", "name": "X""#, "invalid JSON"),
        ];
        for (line, reason) in cases {
            let err = json(line).expect_err(line);
            assert!(err.starts_with("people.jsonl:7: "), "{err}");
            assert!(err.contains(reason), "{line}: {err}");
        }
    }

    #[test]
    fn op_delete_reads_only_the_id() {
        let row =
            json(r#"{"id": " ofac-36 ", "op": "delete"}"#).unwrap().unwrap();
        assert_eq!((row.id.as_str(), row.op), ("ofac-36", Op::Delete));
        assert_eq!(parse_op(" upsert "), Ok(Op::Upsert));
        // `op` is reserved: any other value is an error naming the two.
        for bad in [
            r#"{"id": "ofac-36", "op": "remove"}"#,
            r#"{"id": "ofac-36", "op": "DELETE"}"#,
            r#"{"id": "ofac-36", "name": "X", "op": 1}"#,
        ] {
            let err = json(bad).unwrap_err();
            assert!(
                err.contains(r#""op" must be "upsert" or "delete""#),
                "{err}"
            );
        }
    }

    #[test]
    fn tsv_rows_follow_their_header() {
        let path = Path::new("un.tsv");
        let header =
            TsvHeader::parse(path, 1, "id\tname\ttype\taliases\tlisted")
                .unwrap();
        let parser = RowParser::Tsv(header);
        let row = parser
            .parse(path, 2, "un-1\tLAVROV, Sergei\tperson\tA | B\t2022")
            .unwrap()
            .unwrap();
        assert_eq!(row.aliases, ["A", "B"]);
        assert_eq!(row.metadata["listed"], "2022");
        // A delta of deletes needs no name column; a row that is not a
        // delete then fails, saying why.
        let deletes =
            RowParser::Tsv(TsvHeader::parse(path, 1, "id\top").unwrap());
        let row = deletes.parse(path, 2, "un-1\tdelete").unwrap().unwrap();
        assert_eq!(row.op, Op::Delete);
        let err = deletes.parse(path, 3, "un-2\tupsert").unwrap_err();
        assert!(err.to_string().contains("only a delete row"), "{err}");
        let err = deletes.parse(path, 4, "un-2\tremove").unwrap_err();
        assert!(
            err.to_string().starts_with("un.tsv:4: \"op\" must be"),
            "{err}"
        );
        for (header, reason) in [
            ("name\ttype", "no \"id\" column"),
            ("id\tname\tid", "duplicate column"),
            ("id\t\tname", "empty column name"),
            ("id\ttype", "no \"name\" column"),
        ] {
            let err = TsvHeader::parse(path, 1, header).err().unwrap();
            assert!(err.to_string().contains(reason), "{header}: {err}");
        }
    }
}
