//! Which names resolve differently in two builds of a gazetteer (`nomina
//! diff --queries`): the answers a rebuild changes for the names a user
//! cares about.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::gazetteer::source::{LineSource, RawLine};
use crate::resolve::Resolver;

/// The best answer for a name in one gazetteer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Answer {
    /// The entity's id.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// The match's score.
    pub score: f64,
}

/// A name whose best answer differs between two gazetteers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolution {
    /// The name.
    pub query: String,
    /// The old gazetteer's answer (`None`: no entity).
    pub old: Option<Answer>,
    /// The new gazetteer's answer.
    pub new: Option<Answer>,
}

/// The queries whose best answer (at the acceptance threshold) differs
/// between `old` and `new`, in the order given. A different entity counts;
/// a different score for the same entity does not. Parallel over queries.
pub fn resolution_changes(
    old: &Resolver,
    new: &Resolver,
    queries: &[String],
) -> Vec<Resolution> {
    let best = |g: &Resolver, q: &str| {
        g.resolve_top(q, 1).into_iter().next().map(|m| Answer {
            id: m.id,
            name: m.name,
            score: m.score,
        })
    };
    queries
        .par_iter()
        .filter_map(|q| {
            let (a, b) = (best(old, q), best(new, q));
            let same = a.as_ref().map(|a| &a.id) == b.as_ref().map(|b| &b.id);
            (!same).then(|| Resolution { query: q.clone(), old: a, new: b })
        })
        .collect()
}

/// Reads names one per line (blank lines skipped) from a file, `.gz`
/// allowed. An unreadable line (not UTF-8, longer than the source line
/// limit) is an error naming the file and line.
pub fn read_queries(path: &Path) -> Result<Vec<String>> {
    let gz = path.extension().is_some_and(|e| e == "gz");
    let mut lines = LineSource::open(path, gz)?;
    let mut out = Vec::new();
    while let Some(line) = lines.next_line() {
        match line? {
            RawLine::Text(_, text) if text.trim().is_empty() => {}
            RawLine::Text(_, text) => out.push(text),
            RawLine::Bad(n, reason) => {
                return Err(Error::source_row(path, n, reason))
            }
        }
    }
    Ok(out)
}
