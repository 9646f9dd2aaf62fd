//! Fuzzy candidates: names sharing a part with the query, found through the
//! term index.
//!
//! Each query part is looked up as terms in four ways: its keys exactly
//! (skeleton, particle-less form, stem), its given-name groups (`%n`
//! terms), and, for rare parts of four letters or more, every term within a
//! typo budget by length ([`typo_budget`]), found by running a Levenshtein
//! automaton ([`Levenshtein`]) over the term fst. The names listed under
//! the terms found are accumulated, weighted by how rare the part is and
//! how close the term is; the best [`MAX_SCORED_NAMES`] go on to scoring.
//!
//! Work is bounded by named limits: [`MAX_TERM_HITS`] terms per key,
//! [`MAX_TERM_SCAN`] names per term, [`MAX_NAMES_VISITED`] names per query.
//! A term listed by more than [`MAX_TERM_SCAN`] names (a common word) only
//! adds candidates when no rarer part found any; scoring still counts it.
//! So a query costs about the same on 10k names as on 1M.

use std::collections::HashMap;

use fst::{Automaton, IntoStreamer, Streamer};

use crate::gazetteer::Gazetteer;
use crate::name::{Class, Layout, Name, Role};

/// The most names scored per query.
pub const MAX_SCORED_NAMES: usize = 48;
/// The most terms one query key expands to through the typo automaton.
pub const MAX_TERM_HITS: usize = 64;
/// The most names read from one term's list.
pub const MAX_TERM_SCAN: usize = 2000;
/// The most names read from term lists per query.
pub const MAX_NAMES_VISITED: usize = 20_000;
/// A query part listed under more names than this is common enough not to
/// be searched for typos.
pub const MAX_TYPO_DF: u32 = 200;
/// The longest key searched for typos, in bytes.
pub const MAX_TYPO_KEY: usize = 32;

/// Edits allowed between a query key and a term of `len` characters.
pub fn typo_budget(len: usize) -> u8 {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The weight of a part listed under `df` of `names` names: its inverse
/// document frequency.
pub fn idf(df: u32, names: u32) -> f32 {
    (1.0 + f64::from(names) / (1.0 + f64::from(df))).ln() as f32
}

/// One part of a parsed query.
#[derive(Clone, Debug)]
pub struct QueryPart {
    /// Comparison keys, primary first.
    pub keys: Vec<String>,
    /// What the part is.
    pub class: Class,
    /// Its role.
    pub role: Role,
    /// How many names have its primary key.
    pub df: u32,
    /// Its weight (see [`idf`]).
    pub weight: f32,
    /// Its given-name groups in this gazetteer's lexicon.
    pub groups: Vec<u32>,
}

/// A parsed query.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Its parts, titles left out.
    pub parts: Vec<QueryPart>,
    /// Written "FAMILY, Given", as a person's name.
    pub inverted: bool,
}

impl Query {
    /// Parses `text` with the gazetteer's lexicon and weighs its parts.
    pub fn parse(g: &Gazetteer, text: &str) -> Query {
        let name = Name::parse(text, Layout::Unknown, g.lexicon());
        let inverted = name.inverted;
        if name.stop_only {
            // "The", "and", "President": nothing to match fuzzily.
            return Query { parts: Vec::new(), inverted };
        }
        let n = g.name_count();
        let parts = name
            .parts
            .into_iter()
            .filter(|p| p.class != Class::Stop)
            .map(|p| {
                let df = g.term(&p.keys[0]).map_or(0, |t| g.term_count(t));
                let groups = match p.class {
                    Class::Word => g.lexicon().groups(&p.keys[0]),
                    _ => Vec::new(),
                };
                QueryPart {
                    weight: idf(df, n),
                    keys: p.keys,
                    class: p.class,
                    role: p.role,
                    df,
                    groups,
                }
            })
            .collect();
        Query { parts, inverted }
    }
}

/// The names most likely to match `query`, best first.
pub fn candidates(g: &Gazetteer, query: &Query) -> Vec<u32> {
    let mut order: Vec<usize> = (0..query.parts.len().min(32)).collect();
    order.sort_by(|&a, &b| {
        query.parts[b].weight.total_cmp(&query.parts[a].weight)
    });
    let mut acc: HashMap<u32, (f32, u32)> = HashMap::new();
    let mut visited = 0usize;
    for i in order {
        let part = &query.parts[i];
        if part.class != Class::Word {
            continue;
        }
        for (term, sim) in term_hits(g, part) {
            let df = g.term_count(term) as usize;
            if df > MAX_TERM_SCAN && !acc.is_empty() {
                continue;
            }
            let gain = part.weight * sim;
            for name in g.term_names(term, MAX_TERM_SCAN) {
                let e = acc.entry(name).or_insert((0.0, 0));
                if e.1 & (1 << i) == 0 {
                    e.0 += gain;
                    e.1 |= 1 << i;
                }
            }
            visited += df.min(MAX_TERM_SCAN);
            if visited >= MAX_NAMES_VISITED {
                break;
            }
        }
        if visited >= MAX_NAMES_VISITED {
            break;
        }
    }
    let mut ranked: Vec<(u32, f32)> =
        acc.into_iter().map(|(n, (s, _))| (n, s)).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(MAX_SCORED_NAMES);
    ranked.into_iter().map(|(n, _)| n).collect()
}

/// The terms a query part reaches, with an estimate of their similarity,
/// best first.
fn term_hits(g: &Gazetteer, part: &QueryPart) -> Vec<(u32, f32)> {
    let mut hits: Vec<(u32, f32)> = Vec::new();
    let mut add = |t: u32, sim: f32| match hits.iter_mut().find(|h| h.0 == t) {
        Some(h) => h.1 = h.1.max(sim),
        None => hits.push((t, sim)),
    };
    for k in &part.keys {
        if let Some(t) = g.term(k) {
            add(t, 1.0);
        }
    }
    for grp in &part.groups {
        if let Some(t) = g.term(&format!("%{grp}")) {
            add(t, 0.9);
        }
    }
    let key = &part.keys[0];
    let len = key.chars().count();
    let budget = typo_budget(len);
    if budget > 0
        && part.df <= MAX_TYPO_DF
        && key.len() <= MAX_TYPO_KEY
        && !key.starts_with(['#', '@', '+'])
    {
        let aut = Levenshtein::new(key.as_bytes(), budget);
        let mut stream = g.term_map().search(&aut).into_stream();
        let mut n = 0;
        while let Some((term, t)) = stream.next() {
            if matches!(term.first(), Some(b'#' | b'%' | b'@' | b'+')) {
                continue;
            }
            let text = std::str::from_utf8(term).unwrap_or("");
            let d = strsim::levenshtein(key, text);
            add(
                t as u32,
                1.0 - d as f32 / len.max(text.chars().count()) as f32,
            );
            n += 1;
            if n >= MAX_TERM_HITS {
                break;
            }
        }
    }
    hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    hits
}

/// A Levenshtein automaton over bytes: accepts the strings within `max`
/// edits (insertions, deletions, substitutions) of the query. Its state is
/// one row of the edit-distance table, so a search visits only the fst
/// nodes on paths that can still end within budget.
#[derive(Clone, Debug)]
pub struct Levenshtein<'a> {
    query: &'a [u8],
    max: u8,
}

/// A row of the edit-distance table, for queries up to [`MAX_TYPO_KEY`].
pub type Row = [u8; MAX_TYPO_KEY + 1];

impl<'a> Levenshtein<'a> {
    /// An automaton for `query` (at most [`MAX_TYPO_KEY`] bytes; longer
    /// queries are cut) and `max` edits.
    pub fn new(query: &'a [u8], max: u8) -> Levenshtein<'a> {
        let query = &query[..query.len().min(MAX_TYPO_KEY)];
        Levenshtein { query, max }
    }
}

impl Automaton for Levenshtein<'_> {
    type State = Option<Row>;

    fn start(&self) -> Option<Row> {
        let mut row = [0u8; MAX_TYPO_KEY + 1];
        for (i, c) in row.iter_mut().enumerate().take(self.query.len() + 1) {
            *c = i as u8;
        }
        Some(row)
    }

    fn is_match(&self, state: &Option<Row>) -> bool {
        state.is_some_and(|r| r[self.query.len()] <= self.max)
    }

    fn can_match(&self, state: &Option<Row>) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Option<Row>, byte: u8) -> Option<Row> {
        let prev = state.as_ref()?;
        let mut row = [0u8; MAX_TYPO_KEY + 1];
        row[0] = prev[0].saturating_add(1);
        let mut best = row[0];
        for (j, &q) in self.query.iter().enumerate() {
            let sub = prev[j] + u8::from(q != byte);
            let v = sub.min(prev[j + 1] + 1).min(row[j] + 1);
            row[j + 1] = v;
            best = best.min(v);
        }
        (best <= self.max).then_some(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(q: &str, k: u8, words: &[&str]) -> Vec<String> {
        let set = fst::Set::from_iter({
            let mut w = words.to_vec();
            w.sort();
            w
        })
        .unwrap();
        let aut = Levenshtein::new(q.as_bytes(), k);
        let mut out = Vec::new();
        let mut s = set.search(aut).into_stream();
        while let Some(w) = s.next() {
            out.push(String::from_utf8(w.to_vec()).unwrap());
        }
        out
    }

    #[test]
    fn automaton_accepts_exactly_the_strings_within_budget() {
        let words = [
            "griner", "greiner", "grinner", "gruner", "brinner", "gri",
            "grinerov",
        ];
        for k in 0..=2u8 {
            let expect: Vec<String> = {
                let mut w: Vec<&str> = words
                    .iter()
                    .copied()
                    .filter(|w| strsim::levenshtein("griner", w) <= k as usize)
                    .collect();
                w.sort();
                w.into_iter().map(String::from).collect()
            };
            assert_eq!(within("griner", k, &words), expect, "k={k}");
        }
    }
}
