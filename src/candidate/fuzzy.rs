//! Fuzzy candidates: names sharing a part with the query, found through the
//! term index.
//!
//! Each query part is looked up as terms in these ways: its keys exactly
//! (skeleton, particle-less form, stem), its given-name groups (`%n`
//! terms), the names it may be the acronym of (`^` terms, for core words
//! of [`MIN_ACRONYM_LOOKUP`] to five letters), and, for rare parts of four
//! letters or more, every term within a typo budget by length
//! ([`typo_budget`]), found by running a Levenshtein automaton
//! ([`Levenshtein`]) over the term fst, and every term with the same
//! consonants ([`same_consonants`]: "Tajidine"/"Tajideen", whose vowels
//! differ beyond any typo budget). A word no name has is also split in
//! two terms the gazetteer has ("KODOKAI" for "KODO-KAI"), and two
//! adjacent words are joined into one ("Sajedi-Nia" for "Sajedinia").
//! The names listed under the terms found are accumulated, weighted by how
//! rare the part is and how close the term is; a legal form's or
//! organisation word's term ("LLC", "CHARITABLE ORGANIZATION") adds its
//! weight to the names found but finds none itself; the best
//! [`MAX_SCORED_NAMES`] go on to scoring.
//!
//! Work is bounded by named limits: [`MAX_TERM_HITS`] terms per key,
//! [`MAX_TERM_SCAN`] names per term, [`MAX_NAMES_VISITED`] names per query
//! for the parts (and, beyond it, [`MAX_TERM_SCAN`] per join of two
//! adjacent parts and twice that per split of an unseen word into two
//! terms; a split costs two term lookups when either half is no term;
//! a legal form's or organisation word's names are read only when its
//! terms list at most [`MAX_TERM_SCAN`], else looked up in at most
//! [`MAX_PROBED`] candidates' records, else not at all).
//! A part listed by more than [`MAX_WIDENING_DF`] names (a common word) only
//! adds candidates when no rarer part found any; otherwise it adds weight
//! to the names found.
//! So a query costs about the same on 10k names as on 1M.

use std::sync::Arc;

use crate::gazetteer::Gazetteer;
use crate::limits::{
    ACRONYM_WORDS, MAX_CONSONANT_NODES, MAX_NAMES_VISITED, MAX_NAME_PARTS,
    MAX_PROBED, MAX_SCORED_NAMES, MAX_TERM_HITS, MAX_TERM_SCAN, MAX_TYPO_KEY,
    MAX_TYPO_PARTS, MAX_WIDENING_DF, MIN_ACRONYM_LOOKUP, MIN_ESTIMATE_SHARE,
    MIN_SPLIT,
};
use crate::memo::Memo;
use crate::name::compare::{
    consonants, typo_budget, CONSONANT_SIMILARITY, GROUP_SIMILARITY, VOWELS,
};
use crate::name::key::{
    acronym_term, group_term, is_descriptor, NON_SPELLING_TERMS,
};
use crate::name::{Class, Layout, Name, Role};
use crate::normalize::written_in_latin;

/// The typo expansions of query keys worked out on one gazetteer: per key,
/// the terms within its typo budget and their similarity estimates. Kept
/// by the [`Resolver`](crate::resolve::Resolver) beside its gazetteer.
pub type TypoMemo = Memo<Arc<[(u32, f32)]>>;

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
    /// The term numbers of those of its keys that are terms.
    pub terms: Vec<u32>,
}

/// A parsed query.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Its parts, titles left out.
    pub parts: Vec<QueryPart>,
    /// Written "FAMILY, Given", as a person's name.
    pub inverted: bool,
    /// Every letter of the text as written is a Latin one (below U+0250).
    pub latin: bool,
}

impl Query {
    /// Parses `text` with the gazetteer's lexicon and weighs its parts.
    pub fn parse(g: &Gazetteer, text: &str) -> Query {
        let name = Name::parse(text, Layout::Unknown, g.lexicon());
        let inverted = name.inverted;
        let latin = written_in_latin(text);
        if name.stop_only {
            // "The", "and", "President": nothing to match fuzzily.
            return Query { parts: Vec::new(), inverted, latin };
        }
        let n = g.name_count();
        let parts = kept(name.parts, |p| p.class)
            .map(|p| {
                let primary = g.term(&p.keys[0]);
                let df = primary.map_or(0, |t| g.term_count(t));
                let groups = match p.class {
                    Class::Word => g.lexicon().groups(&p.keys[0]),
                    _ => Vec::new(),
                };
                let terms = primary
                    .into_iter()
                    .chain(p.keys[1..].iter().filter_map(|k| g.term(k)))
                    .collect();
                QueryPart {
                    terms,
                    weight: idf(df, n),
                    keys: p.keys,
                    class: p.class,
                    role: p.role,
                    df,
                    groups,
                }
            })
            .collect();
        Query { parts, inverted, latin }
    }
}

/// The parts a query keeps of its parsed name: titles and function words
/// left out and, like a stored name, the first [`MAX_NAME_PARTS`] (longer
/// text is not one name, and alignment is quadratic).
fn kept<T>(
    parts: impl IntoIterator<Item = T>,
    class: impl Fn(&T) -> Class,
) -> impl Iterator<Item = T> {
    parts
        .into_iter()
        .filter(move |p| class(p) != Class::Stop)
        .take(MAX_NAME_PARTS)
}

/// The folded words each part of the query [`Query::parse`] makes of
/// `text` was read from, with the part's class, in the query's order (so
/// that a [`QueryPart`]'s number finds its words): for explanations, at
/// the cost of a second parse.
pub fn part_words(g: &Gazetteer, text: &str) -> Vec<(Class, String)> {
    let (name, words) =
        Name::parse_explained(text, Layout::Unknown, g.lexicon());
    kept(name.parts.into_iter().zip(words), |(p, _)| p.class)
        .map(|(p, w)| (p.class, w))
        .collect()
}

/// The names most likely to match `query`, best first.
///
/// Parts are taken rarest first. Each part's names (the union of its
/// terms' lists, each sorted) are merged into the running candidates, a
/// list sorted by name: a name in both gains the part's weight times the
/// term's similarity; a name only in the part's list joins the candidates
/// only while the part is not common ([`MAX_WIDENING_DF`]). Merging sorted
/// lists costs one pass, so even a common part's long list is cheap.
pub fn candidates(g: &Gazetteer, typos: &TypoMemo, query: &Query) -> Vec<u32> {
    let mut order: Vec<usize> = (0..query.parts.len())
        .filter(|&i| query.parts[i].class == Class::Word)
        .collect();
    order.sort_by(|&a, &b| {
        query.parts[b].weight.total_cmp(&query.parts[a].weight).then(a.cmp(&b))
    });
    // Typos are searched for in the longest parts that no name has.
    let mut unseen: Vec<usize> =
        order.iter().copied().filter(|&i| query.parts[i].df == 0).collect();
    unseen.sort_by_key(|&i| {
        (std::cmp::Reverse(query.parts[i].keys[0].len()), i)
    });
    unseen.truncate(MAX_TYPO_PARTS);
    let mut acc: Vec<(u32, f32)> = Vec::new();
    let mut visited = 0usize;
    for i in order {
        let part = &query.parts[i];
        let hits = term_hits(g, typos, part, unseen.contains(&i));
        let df: usize = hits.iter().map(|h| g.term_count(h.0) as usize).sum();
        if !acc.is_empty()
            && acc.len() <= MAX_PROBED
            && df > MAX_WIDENING_DF.max(4 * acc.len())
        {
            // A common part and few candidates: look the part up in each
            // candidate's record rather than read its long list. The part
            // would add no candidates anyway (see MAX_WIDENING_DF).
            probe(g, &mut acc, &hits, part.weight);
            continue;
        }
        let names = names_under(g, &hits, &mut visited, MAX_NAMES_VISITED);
        if names.is_empty() {
            continue;
        }
        let widen = acc.is_empty() || names.len() <= MAX_WIDENING_DF;
        acc = merge(&acc, &names, part.weight, widen);
        if visited >= MAX_NAMES_VISITED {
            break;
        }
    }
    // Two adjacent words written as one in the gazetteer ("Sajedi-Nia",
    // "Sajedinia"): the join is looked up as a term. These lookups come
    // after the parts have used up MAX_NAMES_VISITED, and each reads at
    // most MAX_TERM_SCAN names: a join is a rare term, and it is often the
    // one that finds the name ("CHAN DY" for "CHANDY" at 1M names).
    for w in query.parts.windows(2) {
        if w.iter().any(|p| p.class != Class::Word) {
            continue;
        }
        let Some(t) = g.term(&format!("{}{}", w[0].keys[0], w[1].keys[0]))
        else {
            continue;
        };
        let names: Vec<(u32, f32)> =
            g.term_names(t, MAX_TERM_SCAN).map(|n| (n, 1.0)).collect();
        let weight = idf(g.term_count(t), g.name_count());
        let widen = acc.is_empty() || names.len() <= MAX_WIDENING_DF;
        acc = merge(&acc, &names, weight, widen);
    }
    // The reverse: one word no name has, written as two in the gazetteer
    // ("KODOKAI", "KODO-KAI"): each split into two terms, both at least
    // MIN_SPLIT letters, finds the names that have both.
    for part in &query.parts {
        if part.class != Class::Word || part.df != 0 {
            continue;
        }
        for (names, weight) in split_names(g, &part.keys[0]) {
            let widen = acc.is_empty() || names.len() <= MAX_WIDENING_DF;
            acc = merge(&acc, &names, weight, widen);
        }
    }
    // Legal forms and organisation words ("LLC", "CHARITABLE
    // ORGANIZATION") find no names of their own, but among the names found
    // they tell those of the query's kind from the rest: they add weight,
    // never names. (Only where the names found are more than are scored:
    // fewer are all scored whatever their order.)
    for part in &query.parts {
        if part.class != Class::Generic || acc.len() <= MAX_SCORED_NAMES {
            continue;
        }
        let hits: Vec<(u32, f32)> =
            part.terms.iter().map(|&t| (t, 1.0)).collect();
        let df: usize = hits.iter().map(|h| g.term_count(h.0) as usize).sum();
        if acc.len() <= MAX_PROBED && df > 4 * acc.len() {
            probe(g, &mut acc, &hits, part.weight);
        } else if df <= MAX_TERM_SCAN {
            // (A longer list, read in part, would favour the names it
            // reads first: a common legal form then adds nothing.)
            let names = names_under(g, &hits, &mut 0, usize::MAX);
            acc = merge(&acc, &names, part.weight, false);
        }
    }
    let order = |a: &(u32, f32), b: &(u32, f32)| {
        b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
    };
    if acc.len() > MAX_SCORED_NAMES {
        acc.select_nth_unstable_by(MAX_SCORED_NAMES, order);
        acc.truncate(MAX_SCORED_NAMES);
    }
    acc.sort_by(order);
    // Names far behind the best estimate cannot win the scoring.
    let floor = acc.first().map_or(0.0, |r| r.1 * MIN_ESTIMATE_SHARE);
    acc.retain(|r| r.1 >= floor);
    acc.into_iter().map(|(n, _)| n).collect()
}

/// The names listed under the terms of `hits` (at most [`MAX_TERM_SCAN`]
/// read per term), sorted, each with the best similarity of a term it is
/// listed under; `visited` counts the names read, and no further list is
/// read once it reaches `cap`.
fn names_under(
    g: &Gazetteer,
    hits: &[(u32, f32)],
    visited: &mut usize,
    cap: usize,
) -> Vec<(u32, f32)> {
    let mut names: Vec<(u32, f32)> = Vec::new();
    for &(term, sim) in hits {
        if *visited >= cap {
            break;
        }
        let list: Vec<(u32, f32)> =
            g.term_names(term, MAX_TERM_SCAN).map(|n| (n, sim)).collect();
        *visited += list.len();
        names = if names.is_empty() { list } else { union(&names, &list) };
    }
    names
}

/// For each split of `key` into two terms of at least [`MIN_SPLIT`]
/// letters each, the names listed under both (at most [`MAX_TERM_SCAN`]
/// read per term), sorted, with the weight of the rarer term.
fn split_names(g: &Gazetteer, key: &str) -> Vec<(Vec<(u32, f32)>, f32)> {
    let mut found = Vec::new();
    if !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return found;
    }
    for at in MIN_SPLIT..=key.len().saturating_sub(MIN_SPLIT) {
        let (Some(a), Some(b)) = (g.term(&key[..at]), g.term(&key[at..]))
        else {
            continue;
        };
        let rarer = if g.term_count(a) <= g.term_count(b) { a } else { b };
        let other = if rarer == a { b } else { a };
        let mut theirs = g.term_names(other, MAX_TERM_SCAN).peekable();
        let mut names = Vec::new();
        for n in g.term_names(rarer, MAX_TERM_SCAN) {
            while theirs.next_if(|&m| m < n).is_some() {}
            if theirs.peek() == Some(&n) {
                names.push((n, 1.0));
            }
        }
        if !names.is_empty() {
            found.push((names, idf(g.term_count(rarer), g.name_count())));
        }
    }
    found
}

/// Adds `weight` times the best similarity of `hits` to each candidate
/// whose name has one of the terms hit.
fn probe(
    g: &Gazetteer,
    acc: &mut [(u32, f32)],
    hits: &[(u32, f32)],
    weight: f32,
) {
    for c in acc.iter_mut() {
        let Some(name) = g.name(c.0) else { continue };
        let best = name
            .parts
            .iter()
            .flat_map(|p| p.terms().iter())
            .filter_map(|t| hits.iter().find(|h| h.0 == *t).map(|h| h.1))
            .fold(0.0f32, f32::max);
        c.1 += weight * best;
    }
}

/// The union of two name lists sorted by name, each name with its best
/// similarity.
fn union(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1.max(b[j].1)));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Merges a part's names (sorted, unique) into the candidates (sorted,
/// unique); see [`candidates`].
fn merge(
    acc: &[(u32, f32)],
    names: &[(u32, f32)],
    weight: f32,
    widen: bool,
) -> Vec<(u32, f32)> {
    let mut out =
        Vec::with_capacity(acc.len() + if widen { names.len() } else { 0 });
    let (mut a, mut b) = (0, 0);
    while a < acc.len() || b < names.len() {
        match (acc.get(a), names.get(b)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                out.push((x.0, x.1 + weight * y.1));
                a += 1;
                b += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                out.push(*x);
                a += 1;
            }
            (Some(_), Some(y)) | (None, Some(y)) => {
                if widen {
                    out.push((y.0, weight * y.1));
                }
                b += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                a += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// The terms a query part reaches, with an estimate of their similarity,
/// best first.
fn term_hits(
    g: &Gazetteer,
    memo: &TypoMemo,
    part: &QueryPart,
    typos: bool,
) -> Vec<(u32, f32)> {
    let mut hits: Vec<(u32, f32)> = Vec::new();
    let mut add = |t: u32, sim: f32| match hits.iter_mut().find(|h| h.0 == t) {
        Some(h) => h.1 = h.1.max(sim),
        None => hits.push((t, sim)),
    };
    for &t in &part.terms {
        add(t, 1.0);
    }
    for grp in &part.groups {
        if let Some(t) = g.term(&group_term(*grp)) {
            add(t, GROUP_SIMILARITY);
        }
    }
    let key = &part.keys[0];
    // A word as short as an acronym may be one: the names it spells. Two
    // letters spell too many names to propose them, and a given name is
    // not an acronym ("Rie Rubin" is no "RUSSIAN RESEARCH INSTITUTE
    // ELECTRONSTANDART").
    if part.class == Class::Word
        && part.role == Role::Core
        && key.len() >= MIN_ACRONYM_LOOKUP
        && ACRONYM_WORDS.contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_lowercase())
    {
        if let Some(t) = g.term(&acronym_term(key)) {
            add(t, 1.0);
        }
    }
    let len = key.chars().count();
    let budget = typo_budget(len);
    if budget > 0 && typos && key.len() <= MAX_TYPO_KEY && !is_descriptor(key)
    {
        // Words recur across queries: the expansion of a key is kept in
        // the resolver's typo memo (a pure function of gazetteer and key).
        let typos = memo.get_or_insert_with(key, || {
            let fst = g.term_map().as_fst();
            let aut = Levenshtein::new(key.as_bytes(), budget);
            let mut found: Vec<(u32, f32)> = aut
                .search(fst, MAX_TERM_HITS)
                .into_iter()
                .map(|m| {
                    let sim =
                        1.0 - f32::from(m.distance) / len.max(m.len) as f32;
                    (m.value as u32, sim)
                })
                .collect();
            // Spellings that differ in their vowels only, however many
            // ("Tajidine"/"Tajideen"): the scorer's consonant rule.
            if let Some(c) = consonants(key) {
                for t in same_consonants(fst, &c, MAX_TERM_HITS) {
                    if !found.iter().any(|f| f.0 == t) {
                        found.push((t, CONSONANT_SIMILARITY));
                    }
                }
            }
            found.into()
        });
        for &(t, sim) in typos.iter() {
            add(t, sim);
        }
    }
    hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    hits
}

/// The values of the keys of `fst` whose [`consonants`] are `c`, in key
/// order, at most `limit` of them: a walk that follows `c` byte by byte and
/// may take any vowel in between, visiting at most [`MAX_CONSONANT_NODES`]
/// nodes.
pub fn same_consonants<D: AsRef<[u8]>>(
    fst: &fst::raw::Fst<D>,
    c: &[u8],
    limit: usize,
) -> Vec<u32> {
    let root = fst.root();
    let Some(i) = root.find_input(c[0]) else {
        return Vec::new();
    };
    let t = root.transition(i);
    let mut found = Vec::new();
    let mut visited = 0usize;
    let mut stack = vec![(t.addr, t.out, 1usize)];
    while let Some((addr, out, matched)) = stack.pop() {
        visited += 1;
        if visited > MAX_CONSONANT_NODES {
            break;
        }
        let node = fst.node(addr);
        if node.is_final() && matched == c.len() {
            found.push(out.cat(node.final_output()).value() as u32);
            if found.len() >= limit {
                break;
            }
        }
        for i in (0..node.len()).rev() {
            let t = node.transition(i);
            let next = if VOWELS.contains(&t.inp) {
                matched
            } else if c.get(matched) == Some(&t.inp) {
                matched + 1
            } else {
                continue;
            };
            stack.push((t.addr, out.cat(t.out), next));
        }
    }
    found
}

/// A Levenshtein automaton over bytes, anchored at the start: it finds
/// the keys that begin with the query's first `max` bytes and are within
/// `max` edits (insertions, deletions, substitutions) of it. See
/// [`Levenshtein::search`].
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

/// A key found by [`Levenshtein::search`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LevenshteinMatch {
    /// The key's fst value.
    pub value: u64,
    /// Its edit distance to the query.
    pub distance: u8,
    /// Its length in bytes.
    pub len: usize,
}

impl Levenshtein<'_> {
    /// The keys of `fst` within budget, in key order, at most `limit`
    /// of them (keys starting with a class prefix `# % @ + ^` are
    /// skipped).
    ///
    /// A depth-first walk over the fst's nodes carrying one row of the
    /// edit-distance table: the anchored first bytes are looked up
    /// directly, and a branch is left as soon as every entry of its row
    /// exceeds the budget.
    pub fn search<D: AsRef<[u8]>>(
        &self,
        fst: &fst::raw::Fst<D>,
        limit: usize,
    ) -> Vec<LevenshteinMatch> {
        let q = self.query;
        let anchor = usize::from(self.max).min(q.len());
        let mut node = fst.root();
        let mut out = fst::raw::Output::zero();
        for &b in &q[..anchor] {
            let Some(i) = node.find_input(b) else {
                return Vec::new();
            };
            let t = node.transition(i);
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        // Row of the table after reading the anchor: column j holds the
        // distance between q[..j] and the anchor. A cell at row i (bytes
        // of the key read) and column j is at least |i - j|, so only the
        // band |i - j| <= max can be within budget: cells outside it are
        // held at `over` (max + 1, no more than their true value), which
        // leaves every cell within budget exact and every other one over
        // budget.
        let max = usize::from(self.max);
        let over = self.max.saturating_add(1);
        let mut row: Row = [over; MAX_TYPO_KEY + 1];
        for (j, c) in row.iter_mut().enumerate().take(q.len() + 1) {
            *c = (anchor.abs_diff(j).min(255) as u8).min(over);
        }
        let mut found = Vec::new();
        let mut stack = vec![(node.addr(), out, row, anchor)];
        while let Some((addr, out, prev, depth)) = stack.pop() {
            let node = fst.node(addr);
            if node.is_final() && prev[q.len()] <= self.max && depth > 0 {
                found.push(LevenshteinMatch {
                    value: out.cat(node.final_output()).value(),
                    distance: prev[q.len()],
                    len: depth,
                });
                if found.len() >= limit {
                    break;
                }
            }
            // The band of the next row.
            let i = depth + 1;
            let (lo, hi) =
                (i.saturating_sub(max).max(1), (i + max).min(q.len()));
            // Children in reverse so that the stack yields key order.
            for k in (0..node.len()).rev() {
                let t = node.transition(k);
                if depth == 0 && NON_SPELLING_TERMS.contains(&t.inp) {
                    continue;
                }
                let mut row: Row = [over; MAX_TYPO_KEY + 1];
                row[0] = prev[0].saturating_add(1).min(over);
                let mut best = row[0];
                for j in lo..=hi {
                    let v = (prev[j - 1]
                        .saturating_add(u8::from(q[j - 1] != t.inp)))
                    .min(prev[j].saturating_add(1))
                    .min(row[j - 1].saturating_add(1))
                    .min(over);
                    row[j] = v;
                    best = best.min(v);
                }
                if best <= self.max {
                    stack.push((t.addr, out.cat(t.out), row, depth + 1));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(q: &str, k: u8, words: &[&str]) -> Vec<String> {
        let mut w = words.to_vec();
        w.sort();
        let map = fst::Map::from_iter(
            w.iter().enumerate().map(|(i, w)| (*w, i as u64)),
        )
        .unwrap();
        Levenshtein::new(q.as_bytes(), k)
            .search(map.as_fst(), usize::MAX)
            .into_iter()
            .map(|m| {
                assert_eq!(
                    usize::from(m.distance),
                    strsim::levenshtein(q, w[m.value as usize])
                );
                w[m.value as usize].to_string()
            })
            .collect()
    }

    #[test]
    fn consonant_walk_finds_exactly_the_keys_with_the_same_consonants() {
        // Spellings of names from the OFAC list and near misses.
        let mut words = vec![
            "tajiden",
            "tajidine",
            "tajdin",
            "tajidinov",
            "tojdn",
            "majidin",
            "muhandis",
            "mohandes",
            "mahandisi",
            "husain",
            "husin",
            "hasan",
            "atomaiz",
            "atomize",
            "atomz",
            "atomazi",
        ];
        words.sort();
        let map = fst::Map::from_iter(
            words.iter().enumerate().map(|(i, w)| (*w, i as u64)),
        )
        .unwrap();
        for q in ["tajidine", "muhandis", "atomiz", "husayn", "hsn"] {
            let found: Vec<&str> = match consonants(q) {
                Some(c) => same_consonants(map.as_fst(), &c, usize::MAX)
                    .into_iter()
                    .map(|v| words[v as usize])
                    .collect(),
                None => Vec::new(),
            };
            let expect: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| {
                    consonants(q).is_some() && consonants(w) == consonants(q)
                })
                .collect();
            assert_eq!(found, expect, "{q}");
        }
        assert_eq!(consonants("tajidine").unwrap(), b"tjdn");
        assert_eq!(consonants("hsn"), None);
    }

    #[test]
    fn automaton_agrees_with_the_full_table_on_every_short_string() {
        // Every string of three to seven letters over a three-letter
        // alphabet: keys of every length around the queries, with every
        // kind of edit, so that the band the walk computes is tested
        // against the whole edit-distance table (strsim).
        let mut words: Vec<String> = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..7 {
            words = words
                .iter()
                .flat_map(|w| ["a", "b", "c"].map(|c| format!("{w}{c}")))
                .collect();
            all.extend(words.iter().filter(|w| w.len() >= 3).cloned());
        }
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        // Queries shorter than the budget too ("a", "ab" at k = 3), which
        // the typo budgets of nomina never ask for but the walk allows.
        for q in ["a", "ab", "abc", "abcab", "cabbac", "bbbbbbb", "acacac"] {
            for k in 0..=3u8 {
                let anchor = &q[..usize::from(k).min(q.len())];
                let mut expect: Vec<String> = all
                    .iter()
                    .filter(|w| strsim::levenshtein(q, w) <= usize::from(k))
                    .filter(|w| w.starts_with(anchor))
                    .cloned()
                    .collect();
                expect.sort();
                assert_eq!(within(q, k, &refs), expect, "{q} k={k}");
            }
        }
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
                    .filter(|w| w.starts_with(&"griner"[..k.max(1) as usize]))
                    .collect();
                w.sort();
                w.into_iter().map(String::from).collect()
            };
            assert_eq!(within("griner", k, &words), expect, "k={k}");
        }
    }
}
