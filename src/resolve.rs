//! Single-name resolution, and the [`Resolver`] that does it: an opened
//! gazetteer with the memos of the answers worked out on it.
//!
//! A name is looked up by its exact keys first, then, unless enough exact
//! matches are found or no name could score at the threshold, by fuzzy
//! name-part alignment; the candidates are scored and cut at the acceptance
//! threshold ([`crate::score`]).
//!
//! A [`Gazetteer`] is the artifact and nothing else. What is worked out
//! for recurring texts (the terms a misspelt word reaches, how a run of
//! capitalised words in text resolves) is kept beside it, in the
//! `Resolver` that wraps it: the memos live exactly as long as the opened
//! gazetteer they describe, are shared by every thread that uses it, and a
//! reload ([`crate::reload::ReloadingGazetteer`]) brings a new resolver
//! with empty ones. A memo keeps answers, never approximations, so it
//! changes speed, never output (see [`crate::memo`]).

use std::path::Path;
use std::sync::Arc;

use crate::candidate::fuzzy::TypoMemo;
use crate::candidate::{exact, fuzzy, Candidate, Rule};
use crate::error::Result;
use crate::gazetteer::{EntityFacts, Gazetteer};
use crate::limits::{
    ACCEPT_THRESHOLD, MAX_MEMO_FACTS, MAX_MEMO_FACT_BYTES, MAX_MEMO_RUNS,
    MAX_MEMO_TYPOS, MAX_NAME_PARTS, MAX_QUERY_BYTES, MAX_SURNAME_LISTED,
    MIN_CANDIDATE_SCORE, PRIOR_RATIO,
};
use crate::memo::Memo;
use crate::name::lexicon::token_key;
use crate::name::{Class, EntityKind, Layout, Name, Role};
use crate::normalize::fold;
use crate::score::{rank, score_names, upper_bound, Match};

/// An opened gazetteer, ready to resolve names from many threads, with the
/// memos of what it worked out. `Sync`: share it by reference or in an
/// `Arc`. It dereferences to its [`Gazetteer`], for entity lookups and
/// the artifact's facts.
pub struct Resolver {
    gazetteer: Gazetteer,
    /// Per query key: the terms within its typo budget and their
    /// similarity estimates.
    typos: TypoMemo,
    /// Per key chosen by the caller (the mention spotter: a run of
    /// capitalised words prefixed by how it reads): the threshold it was
    /// resolved at and its best hit.
    runs: Memo<(u64, Option<Hit>)>,
    /// Per entity number: what mention spotting asks of the entity
    /// (`None`: no such entity).
    facts: Memo<Option<Arc<EntityFacts>>, u32>,
    /// Per word: whether it starts a key the caller's predicate accepts
    /// (see [`Resolver::starts_a_key`]).
    heads: Memo<bool>,
}

/// The best match of a name in brief: what the mention spotter keeps of
/// it, and remembers across documents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// The entity's number.
    pub entity: u32,
    /// True when found through an alias rather than the canonical name.
    pub via_alias: bool,
    /// The match's score.
    pub score: f64,
    /// Found by an exact key rather than by aligning name parts.
    pub exact: bool,
    /// Words at the start of the text asked for that no part of the
    /// entity's name was aligned with ("American" in "American Anthony
    /// Blinken"): not part of the mention.
    pub lead: u8,
    /// The same at the end ("I" in "London I").
    pub trail: u8,
}

impl From<&Match> for Hit {
    fn from(m: &Match) -> Hit {
        Hit {
            entity: m.evidence.entity,
            via_alias: m.evidence.via_alias,
            score: m.score,
            exact: m.evidence.rule != Rule::Fuzzy,
            lead: 0,
            trail: 0,
        }
    }
}

impl From<Gazetteer> for Resolver {
    fn from(gazetteer: Gazetteer) -> Resolver {
        Resolver::new(gazetteer)
    }
}

impl std::ops::Deref for Resolver {
    type Target = Gazetteer;

    fn deref(&self) -> &Gazetteer {
        &self.gazetteer
    }
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Resolver").field(&self.gazetteer).finish()
    }
}

impl Resolver {
    /// A resolver over `gazetteer`, with empty memos.
    pub fn new(gazetteer: Gazetteer) -> Resolver {
        Resolver {
            gazetteer,
            typos: Memo::new(MAX_MEMO_TYPOS),
            runs: Memo::new(MAX_MEMO_RUNS),
            facts: Memo::new(MAX_MEMO_FACTS),
            heads: Memo::new(MAX_MEMO_RUNS),
        }
    }

    /// Whether a key of the gazetteer goes on from the folded `words` by
    /// more words and `keep` accepts it, among no more than `limit` such
    /// keys (more answers no: too many to tell). Names recur across
    /// documents, so the answer is kept per text: `keep` must be the same
    /// predicate at every call (the mention spotter's whether a name ends
    /// as a team's does).
    pub(crate) fn starts_a_key(
        &self,
        words: &str,
        limit: usize,
        keep: impl Fn(&str) -> bool,
    ) -> bool {
        self.heads.get_or_insert_with(words, || {
            let keys = self.gazetteer.extensions(words, limit + 1);
            keys.len() <= limit && keys.iter().any(|(k, _)| keep(k))
        })
    }

    /// [`Gazetteer::open`], wrapped: fails as that does.
    pub fn open(path: impl AsRef<Path>) -> Result<Resolver> {
        Gazetteer::open(path).map(Resolver::new)
    }

    /// [`Gazetteer::open_trusted`], wrapped.
    pub fn open_trusted(path: impl AsRef<Path>) -> Result<Resolver> {
        Gazetteer::open_trusted(path).map(Resolver::new)
    }

    /// [`Gazetteer::embedded`], wrapped.
    pub fn embedded() -> Result<Resolver> {
        Gazetteer::embedded().map(Resolver::new)
    }

    /// The opened gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The opened gazetteer, its memos dropped.
    pub fn into_gazetteer(self) -> Gazetteer {
        self.gazetteer
    }

    /// Resolves one name to the entities it may denote, best first, each
    /// scoring at least [`ACCEPT_THRESHOLD`]. Empty means "no entity".
    ///
    /// ```
    /// let r = nomina::Resolver::embedded()?;
    /// let m = r.resolve("Britney Greiner");
    /// assert_eq!(m[0].name, "Brittney Griner");
    /// # Ok::<(), nomina::Error>(())
    /// ```
    pub fn resolve(&self, name: &str) -> Vec<Match> {
        self.resolve_with(name, usize::MAX, ACCEPT_THRESHOLD)
    }

    /// Like [`resolve`](Resolver::resolve), at most `k` matches.
    pub fn resolve_top(&self, name: &str, k: usize) -> Vec<Match> {
        self.resolve_with(name, k, ACCEPT_THRESHOLD)
    }

    /// At most `k` matches scoring at least `threshold`, best first. The
    /// fuzzy stage is skipped when `k` exact matches are already found.
    pub fn resolve_with(
        &self,
        name: &str,
        k: usize,
        threshold: f64,
    ) -> Vec<Match> {
        let name = truncate(name, MAX_QUERY_BYTES);
        let exact = exact::candidates(self, name);
        let query = if exact.len() >= k {
            fuzzy::Query::default()
        } else {
            fuzzy::Query::parse(self, name)
        };
        self.rank_query(exact, query, k, threshold)
    }

    /// [`resolve_with`](Resolver::resolve_with), each fuzzy match's
    /// evidence also giving the words as written (folded) that each part
    /// was read from, on the query's side and the matched name's
    /// ([`PartEvidence::query_text`](crate::score::PartEvidence::query_text)):
    /// what `nomina resolve --explain` shows. Costs a second parse of the
    /// query and of each matched name.
    pub fn resolve_explained(
        &self,
        name: &str,
        k: usize,
        threshold: f64,
    ) -> Vec<Match> {
        let mut matches = self.resolve_with(name, k, threshold);
        let lexicon = self.lexicon();
        // A stored name's parts, as the build stored them (the first
        // MAX_NAME_PARTS, titles included).
        let words = |text: &str, layout| -> Vec<String> {
            let (_, mut texts) = Name::parse_explained(text, layout, lexicon);
            texts.truncate(MAX_NAME_PARTS);
            texts
        };
        let query: Vec<String> =
            fuzzy::part_words(self, truncate(name, MAX_QUERY_BYTES))
                .into_iter()
                .map(|(_, w)| w)
                .collect();
        for m in &mut matches {
            if m.evidence.parts.is_empty() {
                continue;
            }
            let layout = Layout::of_kind(EntityKind::of(&m.kind));
            let stored = words(&m.evidence.matched_name, layout);
            for p in &mut m.evidence.parts {
                let at = |texts: &[String], i: Option<usize>| {
                    i.and_then(|i| texts.get(i)).cloned().unwrap_or_default()
                };
                p.query_text = at(&query, p.query_part);
                p.name_text = at(&stored, p.name_part);
            }
        }
        matches
    }

    /// [`resolve_with`](Resolver::resolve_with) for a name already
    /// parsed (an empty query skips the fuzzy stage).
    pub(crate) fn resolve_parsed(
        &self,
        name: &str,
        query: fuzzy::Query,
        k: usize,
        threshold: f64,
    ) -> Vec<Match> {
        let exact = exact::candidates(self, truncate(name, MAX_QUERY_BYTES));
        self.rank_query(exact, query, k, threshold)
    }

    /// What mention spotting asks of entity `entity` ([`Gazetteer::facts`]),
    /// `None` if there is no such entity. Entities recur across documents
    /// ("United States", with its many aliases, in most), and decoding a
    /// record (names, metadata, JSON fields) gives the same facts each
    /// time, so they are kept while the memo has room; an entity whose
    /// facts are larger than [`MAX_MEMO_FACT_BYTES`] is decoded each time
    /// instead, so that the memo's memory stays bounded in bytes. A pure
    /// function of the gazetteer: the memo changes speed, never output.
    pub(crate) fn facts(&self, entity: u32) -> Option<Arc<EntityFacts>> {
        if let Some(kept) = self.facts.get(&entity) {
            return kept;
        }
        let facts = self.gazetteer.facts(entity).map(Arc::new);
        if facts.as_ref().map_or(0, |f| f.bytes()) <= MAX_MEMO_FACT_BYTES {
            self.facts.insert(&entity, facts.clone());
        }
        facts
    }

    /// The hit remembered for `key` at `threshold`, or the one `compute`
    /// works out, then remembered. `compute` must be a pure function of
    /// the gazetteer, `key` and `threshold`: a memo changes speed, never
    /// output.
    pub(crate) fn memoized_hit(
        &self,
        key: &str,
        threshold: f64,
        compute: impl FnOnce() -> Option<Hit>,
    ) -> Option<Hit> {
        let bits = threshold.to_bits();
        if let Some((t, answer)) = self.runs.get(key) {
            if t == bits {
                return answer;
            }
        }
        let answer = compute();
        self.runs.insert(key, (bits, answer));
        answer
    }

    /// The one person of the gazetteer whose family name has the key of
    /// the word `word` (a family name of a stored person's name of two
    /// words or more: the last word of a natural-order name, the words
    /// before the comma of "FAMILY, Given"), if exactly one person has it
    /// in any of their names and no person has it as a given name; `None`
    /// if none or several do, or if more than [`MAX_SURNAME_LISTED`] names
    /// have it. Of several persons with the family name, one listed under
    /// it by at least [`PRIOR_RATIO`] times as many names as any other is
    /// meant, as the prior of document context weighs names ("Putin" is
    /// Vladimir Putin, whose names with it are three, not a relative on a
    /// sanctions list under one). Names without the word do not count: a
    /// sanctions listing's many other names ("EMRAH ERDOGAN", a.k.a.
    /// "Imraan Al-Kurdy" and eleven more) say nothing of who is meant by
    /// this one. Kept in the run memo.
    pub fn family_name_person(&self, word: &str) -> Option<u32> {
        self.family_name_person_by(word).map(|p| p.0)
    }

    /// [`Resolver::family_name_person`], and whether that person is the
    /// only one of the family name (`false`: chosen by names).
    pub(crate) fn family_name_person_by(
        &self,
        word: &str,
    ) -> Option<(u32, bool)> {
        let key = format!("\u{1}family {word}");
        let found = self.memoized_hit(&key, 0.0, || {
            let g = &self.gazetteer;
            let term = g.term(&token_key(word)?)?;
            // A word in many names is no one person's family name.
            if g.term_count(term) as usize > MAX_SURNAME_LISTED {
                return None;
            }
            // Each person and how many of their names have the word.
            let mut persons: Vec<(usize, u32)> = Vec::new();
            for n in g.term_names(term, MAX_SURNAME_LISTED) {
                let Some(name) = g.name(n) else { continue };
                // A name of one word ("ITALIAN", a nickname) has no
                // family name.
                let words = name
                    .parts
                    .iter()
                    .filter(|p| p.class == Class::Word)
                    .count();
                let is_person = g
                    .kind_of(name.entity)
                    .is_some_and(|k| EntityKind::of(k).is_person());
                let role = name
                    .parts
                    .iter()
                    .find(|p| {
                        p.class == Class::Word
                            && p.terms().first() == Some(&term)
                    })
                    .map(|p| p.role);
                if !is_person || words < 2 || role.is_none() {
                    continue;
                }
                // Someone's given name ("Andre") is no one's family name
                // alone.
                if role != Some(Role::Core) {
                    return None;
                }
                if !persons.iter().any(|p| p.1 == name.entity) {
                    persons.push((0, name.entity));
                }
            }
            // With several persons, how many of each one's names as
            // written have the word (stored names count forms derived from
            // one written name); one person has nothing to be weighed
            // against.
            if persons.len() > 1 {
                let key = token_key(word)?;
                for p in &mut persons {
                    let Some(e) = g.entity(p.1) else { continue };
                    let names: Vec<&str> = std::iter::once(e.name)
                        .chain(e.aliases.iter().copied())
                        .collect();
                    p.0 = names_with(&names, &key);
                }
            }
            persons.sort_unstable_by(|a, b| b.cmp(a));
            if persons.get(1).is_some_and(|second| {
                (persons[0].0 as f64) < PRIOR_RATIO * second.0 as f64
            }) {
                return None;
            }
            // Kept as a hit: `exact` says whether the person is the only
            // one.
            persons.first().map(|&(_, entity)| Hit {
                entity,
                via_alias: true,
                score: 1.0,
                exact: persons.len() == 1,
                lead: 0,
                trail: 0,
            })
        });
        found.map(|h| (h.entity, h.exact))
    }

    /// Ranks the exact candidates and, unless `k` of them are found or the
    /// query is empty, the fuzzy candidates of `query`.
    fn rank_query(
        &self,
        exact: Vec<Candidate>,
        query: fuzzy::Query,
        k: usize,
        threshold: f64,
    ) -> Vec<Match> {
        let g = &self.gazetteer;
        // No fuzzy search when enough exact matches are found, or when no
        // name could score at the threshold.
        let scored = if query.parts.is_empty()
            || exact.len() >= k
            || upper_bound(&query) < MIN_CANDIDATE_SCORE
        {
            Vec::new()
        } else {
            let names = fuzzy::candidates(g, &self.typos, &query);
            score_names(g, &query, &names)
        };
        rank(g, &query, exact, scored, threshold, k)
    }
}

/// How many of `names` (as written) have a word with the key `key`.
pub(crate) fn names_with(names: &[impl AsRef<str>], key: &str) -> usize {
    names
        .iter()
        .filter(|n| {
            fold(n.as_ref())
                .split(' ')
                .any(|w| token_key(w).as_deref() == Some(key))
        })
        .count()
}

/// Cuts `s` to at most `max` bytes at a character boundary.
fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
