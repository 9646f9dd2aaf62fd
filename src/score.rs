//! Scoring: turns candidates into ranked matches with scores in 0..=1, and
//! holds the acceptance threshold below which the answer is "no entity".
//!
//! An exact key scores [`EXACT_SCORE`]. A fuzzy candidate name is scored by
//! aligning its parts with the query's ([`Scorer::align`]): each pair of parts has a
//! similarity ([`part_similarity`]); pairs are taken greedily, best first,
//! each part at most once, so order does not matter. The score is a
//! weighted Dice coefficient: matched parts count their similarity times
//! their weight, on both sides; unmatched parts count their weight times a
//! penalty, which is lighter for middle names and patronymics, initials and
//! legal forms ([`unmatched_penalty`]). Weights are the parts' inverse
//! document frequencies in the gazetteer, so a shared rare family name
//! counts for much more than a shared "Mohammed" or "Company". The result
//! is capped at [`MAX_FUZZY_SCORE`], below any exact match.

use serde::Serialize;

use std::ops::{Range, RangeInclusive};

use rustc_hash::FxHashMap;

use crate::candidate::fuzzy::{idf, Query, QueryPart};
use crate::candidate::{Candidate, Rule};
use crate::gazetteer::{Entity, Gazetteer, StoredName, StoredPart};
use crate::limits::{ACRONYM_WORDS, MAX_FUZZY_SCORE, MIN_PART_SIMILARITY};
use crate::name::compare::{
    abbreviation, same_consonants, spelling_similarity, CONSONANT_SIMILARITY,
};
use crate::name::key::{
    acronym_term, DOMAIN_PREFIX, LEGAL_PREFIX, SUFFIX_PREFIX, SYMBOL_PREFIX,
};
use crate::name::{spelling, Class, Role};
use crate::normalize::{fold, natural_order, skeleton};

/// Score of an exact match on a canonical name or an alias. Exact keys
/// differ from the written name only by case, diacritics, punctuation,
/// spacing and "LAST, First" order, none of which change who is named.
pub const EXACT_SCORE: f64 = 1.0;

/// Similarity of two spellings in one given-name group.
pub const GROUP_SIMILARITY: f32 = 0.9;

/// Similarity of an initial and a word with that first letter.
pub const INITIAL_SIMILARITY: f32 = 0.8;

const SAME_KEY: &str = "same key";
const SAME_LEGAL_FORM: &str = "same legal form";
const JOINED: &str = "joined words";
const ACRONYM: &str = "acronym";
const ABBREVIATION: &str = "cut short";

/// Symbols of the words that say only that an organisation is a business
/// ("Company", "Corporation", "Group", "Holding", "Enterprise", "Concern",
/// "Industries", in any language the lexicon knows): one written for
/// another ("FULMEN COMPANY", "FULMEN GROUP") names the same business more
/// often than not. Words for other kinds of organisation ("Institute",
/// "Foundation", "Association") tell organisations apart and are not
/// among them.
pub const COMPANY_WORDS: &[&str] = &[
    "@co",
    "@corp",
    "@grp",
    "@holding",
    "@enterprise",
    "@concern",
    "@industry",
];

/// Similarity of two different words of [`COMPANY_WORDS`].
pub const COMPANY_WORD_SIMILARITY: f32 = 0.8;

const COMPANY_WORD: &str = "company words";

/// Factor on the score of a person's name matched with an organisation's
/// (one side has a legal form, the other reads as a person's name).
pub const TYPE_CONFLICT: f32 = 0.8;

/// Factor on the score of a match with a generational suffix or regnal
/// number ("Jr", "III") on one side only.
pub const SUFFIX_CONFLICT: f32 = 0.9;

/// The matched weight (in nats) at which the evidence factor reaches
/// 1 − 1/e; see [`Scorer::align`].
pub const EVIDENCE_SCALE: f64 = 4.0;

/// Factor on the score of a match that rests on organisation words and
/// legal forms alone, with no word of the name proper.
pub const DESCRIPTORS_ONLY: f32 = 0.9;

/// A resolved entity with its score and evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Match {
    /// The entity's id.
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// Its type (empty if none).
    #[serde(rename = "type")]
    pub kind: String,
    /// How sure the match is, 0..=1.
    pub score: f64,
    /// Why it matched.
    #[serde(skip)]
    pub evidence: Evidence,
}

/// Why a match was made.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The entity's number in the gazetteer.
    pub entity: u32,
    /// The matching name as written in the gazetteer (canonical or alias).
    pub matched_name: String,
    /// For exact matches, the folded key that matched.
    pub key: String,
    /// True when the matching name is an alias.
    pub via_alias: bool,
    /// The rule that fired.
    pub rule: Rule,
    /// For fuzzy matches, how the parts aligned.
    pub parts: Vec<PartEvidence>,
}

/// How one query part met one name part.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartEvidence {
    /// The query part's key.
    pub query: String,
    /// The name part's key ("" when the query part is unmatched).
    pub name: String,
    /// Their similarity, 0..=1 (0 when unmatched).
    pub similarity: f32,
    /// How they compare.
    pub how: &'static str,
}

/// A fuzzy candidate name with its score.
#[derive(Clone, Debug)]
pub struct Scored {
    /// The name's number.
    pub name: u32,
    /// The stored name.
    pub stored: StoredName,
    /// Its score, 0..=1.
    pub score: f64,
    /// The alignment.
    pub links: Vec<Link>,
}

/// What an unmatched part of a name costs, as a fraction of its weight.
/// `person` is true when the other side reads as a person's name.
pub fn unmatched_penalty(class: Class, role: Role, person: bool) -> f32 {
    match class {
        Class::Stop => 0.0,
        Class::Generic => 0.15,
        Class::Initial => 0.5,
        Class::Word if role == Role::Middle && person => 0.25,
        Class::Word => 1.0,
    }
}

/// Similarity of a query part and a stored part, with how it was judged.
/// `their_groups` are the given-name groups of the stored part's primary
/// key (needed only when `q` has groups).
pub fn part_similarity(
    g: &Gazetteer,
    q: &QueryPart,
    s: &StoredPart,
    their_groups: &[u32],
) -> (f32, &'static str) {
    // A key of the query part is a term of the stored part.
    let same = s.terms().iter().any(|t| q.terms.contains(t));
    let mut buf = [""; 3];
    for (b, &t) in buf.iter_mut().zip(s.terms()) {
        *b = g.term_text(t);
    }
    let texts = &buf[..s.terms().len()];
    let Some(&primary) = texts.first() else {
        return (0.0, "");
    };
    match (q.class, s.class) {
        (Class::Generic, Class::Generic) if same => {
            return (1.0, SAME_LEGAL_FORM)
        }
        (Class::Generic, _) | (_, Class::Generic) => return (0.0, ""),
        (Class::Initial, Class::Initial) if same => return (1.0, "initial"),
        (Class::Initial, Class::Initial) => return (0.0, ""),
        (Class::Initial, _) | (_, Class::Initial) => {
            let (a, b) = (&q.keys[0], primary);
            return if a.chars().next() == b.chars().next() {
                (INITIAL_SIMILARITY, "initial")
            } else {
                (0.0, "")
            };
        }
        _ => {}
    }
    if same {
        return (1.0, SAME_KEY);
    }
    if [&q.keys[0][..], primary].iter().all(|k| COMPANY_WORDS.contains(k)) {
        return (COMPANY_WORD_SIMILARITY, COMPANY_WORD);
    }
    let mut best = (0.0, "");
    if q.groups.iter().any(|x| their_groups.binary_search(x).is_ok()) {
        best = (GROUP_SIMILARITY, "given-name equivalent");
    }
    for k in &q.keys {
        for t in texts {
            if best.0 < CONSONANT_SIMILARITY && same_consonants(k, t) {
                best = (CONSONANT_SIMILARITY, "same consonants");
            }
            let sim = spelling_similarity(k, t);
            if sim > best.0 {
                best = (sim, "spelling");
            }
        }
    }
    best
}

/// A part's weight as scoring uses it: a legal form weighs at most 1,
/// however rare its class is in the gazetteer.
fn capped(class: Class, weight: f32) -> f32 {
    if class == Class::Generic {
        weight.min(1.0)
    } else {
        weight
    }
}

/// One aligned or unmatched part: `(query part, name part, similarity,
/// how)`, indices into the query's parts and the name's parts.
pub type Link = (Option<usize>, Option<usize>, f32, &'static str);

/// Scores stored names against one query, caching what names share:
/// part similarities by (query part, term keys) and weights by term.
pub struct Scorer<'a> {
    g: &'a Gazetteer,
    q: &'a Query,
    sims: FxHashMap<(usize, [u32; 3], bool), (f32, &'static str)>,
    weights: FxHashMap<u32, f32>,
    groups: FxHashMap<u32, Vec<u32>>,
}

impl<'a> Scorer<'a> {
    /// A scorer for `q` on `g`.
    pub fn new(g: &'a Gazetteer, q: &'a Query) -> Scorer<'a> {
        Scorer {
            g,
            q,
            sims: FxHashMap::default(),
            weights: FxHashMap::default(),
            groups: FxHashMap::default(),
        }
    }

    fn weight(&mut self, p: &StoredPart) -> f32 {
        let g = self.g;
        let t = p.terms().first().copied().unwrap_or(u32::MAX);
        let w = *self
            .weights
            .entry(t)
            .or_insert_with(|| idf(g.term_count(t), g.name_count()));
        capped(p.class, w)
    }

    fn similarity(
        &mut self,
        i: usize,
        p: &StoredPart,
        given_names: bool,
    ) -> (f32, &'static str) {
        let (g, q) = (self.g, self.q);
        let mut key = p.keys;
        for k in key.iter_mut().skip(p.len as usize) {
            *k = u32::MAX;
        }
        let qp = &q.parts[i];
        if let Some(&sim) = self.sims.get(&(i, key, given_names)) {
            return sim;
        }
        let look = !qp.groups.is_empty() && given_names;
        let theirs: &[u32] = match (look, p.terms().first()) {
            (true, Some(&t)) => self
                .groups
                .entry(t)
                .or_insert_with(|| g.lexicon().groups(g.term_text(t))),
            _ => &[],
        };
        let sim = part_similarity(g, qp, p, theirs);
        self.sims.insert((i, key, given_names), sim);
        sim
    }

    /// Scores one stored name: its score and the alignment.
    pub fn align(&mut self, s: &StoredName) -> (f64, Vec<Link>) {
        let q = self.q;
        let parts: Vec<usize> = (0..s.parts.len())
            .filter(|&j| s.parts[j].class != Class::Stop)
            .collect();
        let weights: Vec<f32> =
            parts.iter().map(|&j| self.weight(&s.parts[j])).collect();
        let q_weights: Vec<f32> =
            q.parts.iter().map(|p| capped(p.class, p.weight)).collect();
        let place = self.g.kind_of(s.entity) == Some("location");
        let mut pairs: Vec<(f32, usize, usize, &'static str)> = Vec::new();
        for i in 0..q.parts.len() {
            for (jj, &j) in parts.iter().enumerate() {
                // An initial stands for a word in the names of people and
                // of what is named after them ("S. Lavrov", "N.A. G.M.
                // BERIEV"), not of places: "S Williams" is not the place
                // once called "William Stadt".
                let (qc, sc) = (q.parts[i].class, s.parts[j].class);
                if place && (qc == Class::Initial) != (sc == Class::Initial) {
                    continue;
                }
                // Given-name groups link a stored given name to any part
                // ("Antony Blinken"/"Anthony"); a family name or an
                // organisation word only to a part in the same place,
                // where the groups serve as romanisation tables (HAQ/HEQ,
                // JONG/CHO'NG): "Viola" is not the family name "WEI"
                // (nickname "Vi"), "Malcolm" not the word "MALL" ("Mal").
                // Place names have no given names.
                let given_names = !place
                    && (s.parts[j].role != Role::Core
                        || q.parts[i].role == Role::Core);
                let (sim, how) = self.similarity(i, &s.parts[j], given_names);
                if sim >= MIN_PART_SIMILARITY {
                    pairs.push((sim, i, jj, how));
                }
            }
        }
        let pair_weight = |i: usize, jj: usize| q_weights[i].min(weights[jj]);
        pairs.sort_by(|a, b| {
            (b.0 * pair_weight(b.1, b.2))
                .total_cmp(&(a.0 * pair_weight(a.1, a.2)))
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        let mut q_used: Vec<Option<(usize, f32, &'static str)>> =
            vec![None; q.parts.len()];
        let mut s_used = vec![false; parts.len()];
        let (mut num, mut den) = (0f32, 0f32);
        for (sim, i, jj, how) in pairs {
            if q_used[i].is_some() || s_used[jj] {
                continue;
            }
            q_used[i] = Some((jj, sim, how));
            s_used[jj] = true;
            // Two words that both say "a business" cost nothing, but tell
            // nothing either: they add no evidence.
            if how == COMPANY_WORD {
                continue;
            }
            let w = pair_weight(i, jj);
            num += 2.0 * sim * w;
            den += 2.0 * w;
        }
        let s_person = parts.iter().any(|&j| s.parts[j].role != Role::Core);
        let q_person = q.parts.iter().any(|p| p.role != Role::Core);
        // Parts left unmatched may still meet one part of the other side
        // in a run of adjacent parts: a word written as one on one side and
        // as two on the other ("Yunxia"/"Yun Xia", "Hamidreza"/"Hamid
        // Reza"), or an acronym ("CHAMS MLO" for "CHAMS MONEY LAUNDERING
        // ORGANIZATION", "IRISL MTI" for "IRISL MARITIME TRAINING
        // INSTITUTE").
        let g = self.g;
        let text = |j: usize| {
            s.parts[j].terms().first().map_or("", |&t| g.term_text(t))
        };
        let spelled = |j: usize| {
            let terms = s.parts[j].terms();
            let mut texts = [""; 3];
            for (text, &t) in texts.iter_mut().zip(terms) {
                *text = g.term_text(t);
            }
            spelling(&texts[..terms.len()]).copied().unwrap_or("")
        };
        let mut qs = Side {
            keys: q.parts.iter().map(|p| p.keys[0].as_str()).collect(),
            spelled: q
                .parts
                .iter()
                .map(|p| spelling(&p.keys).map_or("", String::as_str))
                .collect(),
            words: q.parts.iter().map(|p| p.class == Class::Word).collect(),
            follows: vec![true; q.parts.len()],
            used: q_used.iter().map(Option::is_some).collect(),
        };
        let s_keys: Vec<&str> = parts.iter().map(|&j| text(j)).collect();
        // Spellings are read only by acronyms and words cut short, which
        // persons' names do not have: a person's are its keys.
        let s_spelled = if s_person {
            s_keys.clone()
        } else {
            parts.iter().map(|&j| spelled(j)).collect()
        };
        let mut ss = Side {
            keys: s_keys,
            spelled: s_spelled,
            words: parts
                .iter()
                .map(|&j| s.parts[j].class == Class::Word)
                .collect(),
            follows: (0..parts.len())
                .map(|k| k > 0 && parts[k] == parts[k - 1] + 1)
                .collect(),
            used: s_used.clone(),
        };
        let two = |_: &str| Some(2..=2);
        let joined_sim = |a: &str, run: &[&str], _: &[&str]| {
            spelling_similarity(a, &run.concat())
        };
        // (query parts, stored parts, similarity, how, the most the group
        // may weigh), in the order found.
        let mut groups: Vec<Group> = Vec::new();
        for (a, run, sim) in one_for_many(&mut qs, &mut ss, two, joined_sim) {
            groups.push((a..a + 1, run, sim, JOINED, f32::INFINITY));
        }
        let joined_sim = |a: &str, run: &[&str], _: &[&str]| {
            spelling_similarity(&run.concat(), a)
        };
        for (a, run, sim) in one_for_many(&mut ss, &mut qs, two, joined_sim) {
            groups.push((run, a..a + 1, sim, JOINED, f32::INFINITY));
        }
        // An organisation word left unmatched may be written cut short on
        // one side ("TRANS" for "TRANSPORTATION", "HYDRA MARKET" for "HYDRA
        // MARKETPLACE"). Names of persons and places are not cut short
        // ("Abdul" is not "Abdullah", "Wing" not "Weingarten"); a stored
        // name's layout comes from its entity's type, a query's is guessed,
        // so the stored side decides, here and for acronyms.
        if !s_person && !place {
            let one = |_: &str| Some(1..=1);
            let cut = |a: &str, run: &[&str], spelled: &[&str]| {
                abbreviation(a, run[0]).max(abbreviation(a, spelled[0]))
            };
            for (a, run, sim) in one_for_many(&mut qs, &mut ss, one, cut) {
                groups.push((a..a + 1, run, sim, ABBREVIATION, f32::INFINITY));
            }
        }
        // Names of persons have no acronyms ("Ali" is not "Ahmad Latif
        // Ibrahim").
        if !s_person {
            // An acronym has two to five letters, one per word, or one
            // fewer when two initials are the same ("PCC", skeleton `pc`).
            // Organisation words count by their symbol's initial (the
            // symbols are English words, "@institute") or by their
            // spelling's ("PKF" for "PROIZVODSTVENNAYA KOMMERCHESKAYA
            // FIRMA"). Function words are not parts, so a run skips them
            // ("UBRD" for "URAL BANK FOR RECONSTRUCTION AND DEVELOPMENT").
            let letters = |k: &str| {
                let n = k.len();
                (ACRONYM_WORDS.contains(&n)
                    && k.bytes().all(|b| b.is_ascii_lowercase()))
                .then(|| n..=(n + 1).min(*ACRONYM_WORDS.end()))
            };
            let spells = |a: &str, run: &[&str], spelled: &[&str]| {
                let initial = |k: &str| {
                    k.trim_start_matches([SYMBOL_PREFIX, DOMAIN_PREFIX])
                        .chars()
                        .next()
                };
                let by_letter = a.chars().count() == run.len()
                    && a.chars().zip(run.iter().zip(spelled)).all(
                        |(c, (k, w))| {
                            initial(k) == Some(c) || initial(w) == Some(c)
                        },
                    );
                let initials = |words: &[&str]| -> String {
                    words.iter().filter_map(|w| initial(w)).collect()
                };
                let by_key = skeleton(&initials(spelled)) == a
                    || skeleton(&initials(run)) == a;
                if by_letter || by_key {
                    1.0
                } else {
                    0.0
                }
            };
            ss.follows = vec![true; ss.follows.len()];
            // An acronym is worth what it tells apart: two letters may
            // stand for many names ("PC"), so it weighs at most the rarity
            // of its acronym term among the gazetteer's names.
            let rarity = |k: &str| {
                g.term(&acronym_term(k)).map_or(f32::INFINITY, |t| {
                    idf(g.term_count(t), g.name_count())
                })
            };
            for (a, run, sim) in
                one_for_many(&mut qs, &mut ss, letters, spells)
            {
                let cap = rarity(qs.keys[a]);
                groups.push((a..a + 1, run, sim, ACRONYM, cap));
            }
            for (a, run, sim) in
                one_for_many(&mut ss, &mut qs, letters, spells)
            {
                let cap = rarity(ss.keys[a]);
                groups.push((run, a..a + 1, sim, ACRONYM, cap));
            }
        }
        // Each query part of a group points at the group's first stored
        // part; the others are listed with the first query part.
        let mut joined: Vec<Link> = Vec::new();
        for (qr, sr, sim, how, cap) in groups {
            let w = q_weights[qr.clone()]
                .iter()
                .sum::<f32>()
                .min(weights[sr.clone()].iter().sum())
                .min(cap);
            num += 2.0 * sim * w;
            den += 2.0 * w;
            for used in &mut q_used[qr.clone()] {
                *used = Some((sr.start, sim, how));
            }
            for k in sr.clone().skip(1) {
                joined.push((Some(qr.start), Some(parts[k]), sim, how));
            }
            for used in &mut s_used[sr] {
                *used = true;
            }
        }
        // The side with more given names may be the fuller form of the
        // other: when one of its given names is matched, a first name it
        // has and the other lacks is a given name left out ("JAFARI, Ali"
        // for "JAFARI, Mohammad Ali"), and costs what a middle name costs.
        let given = |r: Role| r != Role::Core;
        let gq = q.parts.iter().filter(|p| given(p.role)).count();
        let gs = parts.iter().filter(|&&j| given(s.parts[j].role)).count();
        let q_fuller = gq > gs
            && (0..q.parts.len())
                .any(|i| q_used[i].is_some() && given(q.parts[i].role));
        let s_fuller = gs > gq
            && (0..parts.len())
                .any(|jj| s_used[jj] && given(s.parts[parts[jj]].role));
        let dropped = |r: Role, fuller: bool| {
            if r == Role::First && fuller {
                Role::Middle
            } else {
                r
            }
        };
        let mut links = Vec::with_capacity(q.parts.len() + parts.len());
        for (i, qp) in q.parts.iter().enumerate() {
            match q_used[i] {
                Some((jj, sim, how)) => {
                    links.push((Some(i), Some(parts[jj]), sim, how));
                }
                None => {
                    den += q_weights[i]
                        * unmatched_penalty(
                            qp.class,
                            dropped(qp.role, q_fuller),
                            s_person,
                        );
                    links.push((Some(i), None, 0.0, "unmatched"));
                }
            }
        }
        links.extend(joined);
        for (jj, &j) in parts.iter().enumerate() {
            if !s_used[jj] {
                let sp = &s.parts[j];
                den += weights[jj]
                    * unmatched_penalty(
                        sp.class,
                        dropped(sp.role, s_fuller),
                        q_person,
                    );
                links.push((None, Some(j), 0.0, "unmatched"));
            }
        }
        let mut dice = if den > 0.0 { f64::from(num / den) } else { 0.0 };
        // A generational suffix or regnal number on one side only: the son
        // is not the father ("Donald Trump Jr"), nor Charles III Charles.
        let suffix = |k: &str| k.starts_with(SUFFIX_PREFIX);
        let lone_suffix = (0..q.parts.len())
            .any(|i| q_used[i].is_none() && suffix(&q.parts[i].keys[0]))
            || (0..parts.len()).any(|jj| !s_used[jj] && suffix(ss.keys[jj]));
        if lone_suffix {
            dice *= f64::from(SUFFIX_CONFLICT);
        }
        // Organisation words and legal forms describe an organisation.
        let descriptor = |k: &str| {
            k.starts_with([SYMBOL_PREFIX, DOMAIN_PREFIX, LEGAL_PREFIX])
        };
        // A legal form or organisation word on one side and a person's
        // name on the other: an organisation named after a person is not
        // that person.
        let q_org = q
            .parts
            .iter()
            .any(|p| p.class == Class::Generic || descriptor(&p.keys[0]));
        let s_org = parts.iter().any(|&j| s.parts[j].class == Class::Generic);
        if (q_org && s_person && !s_org) || (s_org && q.inverted && !q_org) {
            dice *= f64::from(TYPE_CONFLICT);
        }
        // How much the match rests on: the matched weight, in nats of
        // rarity. One shared rare word is less sure than two.
        let rests_on = f64::from(num / 2.0);
        let mut score = dice * (1.0 - (-rests_on / EVIDENCE_SCALE).exp());
        // Organisation words and legal forms alone ("BANK FOR FOREIGN
        // TRADE" and "BANK TEJARAT" are both a trade bank) describe an
        // organisation without naming it.
        let named = (0..q.parts.len())
            .any(|i| q_used[i].is_some() && !descriptor(&q.parts[i].keys[0]));
        if !named {
            score *= f64::from(DESCRIPTORS_ONLY);
        }
        (score * MAX_FUZZY_SCORE, links)
    }
}

/// Parts matched as a group: query parts, stored parts, similarity, how,
/// and the most the group may weigh.
type Group = (Range<usize>, Range<usize>, f32, &'static str, f32);

/// One side of an alignment as [`one_for_many`] sees it: each part's
/// primary key and its spelling (an organisation word's, when the primary
/// key is its symbol; else the primary key again), whether it is a word,
/// whether it directly follows the part before it, and whether it is
/// matched already.
struct Side<'a> {
    keys: Vec<&'a str>,
    spelled: Vec<&'a str>,
    words: Vec<bool>,
    follows: Vec<bool>,
    used: Vec<bool>,
}

/// Matches unmatched words of `one` with runs of adjacent unmatched words
/// of `many`: for each word in order, `size` says how long a run it may
/// stand for (`None`: none; shorter runs are tried first) and
/// `similarity` compares it with a run (its keys and spellings); the first
/// run at least [`MIN_PART_SIMILARITY`] similar is taken. Marks what it
/// matches as used; returns `(word, run, similarity)`.
fn one_for_many(
    one: &mut Side<'_>,
    many: &mut Side<'_>,
    size: impl Fn(&str) -> Option<RangeInclusive<usize>>,
    similarity: impl Fn(&str, &[&str], &[&str]) -> f32,
) -> Vec<(usize, Range<usize>, f32)> {
    let mut found = Vec::new();
    for a in 0..one.keys.len() {
        if one.used[a] || !one.words[a] {
            continue;
        }
        let Some(sizes) = size(one.keys[a]) else { continue };
        let free = |b: usize, n: usize| {
            (b..b + n).all(|k| {
                !many.used[k] && many.words[k] && (k == b || many.follows[k])
            })
        };
        let run = sizes.into_iter().find_map(|n| {
            (0..(many.keys.len() + 1).saturating_sub(n))
                .filter(|&b| free(b, n))
                .find_map(|b| {
                    let sim = similarity(
                        one.keys[a],
                        &many.keys[b..b + n],
                        &many.spelled[b..b + n],
                    );
                    (sim >= MIN_PART_SIMILARITY).then_some((b..b + n, sim))
                })
        });
        if let Some((run, sim)) = run {
            one.used[a] = true;
            for used in &mut many.used[run.clone()] {
                *used = true;
            }
            found.push((a, run, sim));
        }
    }
    found
}

/// The highest score any stored name could reach against `q`, for
/// skipping candidate generation when it is below the threshold. Each
/// query part counts as matched at similarity 1 with a part of at least
/// its weight if it could match anything at all (see
/// `could_match`), and as unmatched at its lowest penalty otherwise.
/// Costs a pass over the parts.
pub fn upper_bound(q: &Query) -> f64 {
    let (mut matched, mut unmatched) = (0f32, 0f32);
    for p in &q.parts {
        let w = capped(p.class, p.weight);
        if could_match(p) {
            matched += w;
        } else {
            // A first name may cost what a middle name does (see
            // `Scorer::align`).
            let least = |role| {
                unmatched_penalty(p.class, role, false)
                    .min(unmatched_penalty(p.class, role, true))
            };
            let role =
                if p.role == Role::First { Role::Middle } else { p.role };
            unmatched += w * least(role).min(least(p.role));
        }
    }
    if matched == 0.0 {
        return 0.0;
    }
    let dice = f64::from(2.0 * matched / (2.0 * matched + unmatched));
    let evidence = 1.0 - (-f64::from(matched) / EVIDENCE_SCALE).exp();
    dice * evidence * MAX_FUZZY_SCORE
}

/// Whether a query part could be similar to any stored part: it has a
/// term or a given-name group, is an initial or a legal form, is long
/// enough for a spelling or consonant match ([`part_similarity`]: both
/// need four letters or more), or could be an acronym (two letters or
/// more).
fn could_match(p: &QueryPart) -> bool {
    p.class != Class::Word
        || !p.terms.is_empty()
        || !p.groups.is_empty()
        || p.keys.iter().any(|k| k.chars().count() >= 2)
}

/// The evidence of an alignment, for display.
pub fn part_evidence(
    g: &Gazetteer,
    q: &Query,
    s: &StoredName,
    links: &[Link],
) -> Vec<PartEvidence> {
    links
        .iter()
        .map(|&(i, j, similarity, how)| PartEvidence {
            query: i.map(|i| q.parts[i].keys[0].clone()).unwrap_or_default(),
            name: j
                .and_then(|j| s.parts[j].terms().first().copied())
                .map(|t| g.term_text(t).to_string())
                .unwrap_or_default(),
            similarity,
            how,
        })
        .collect()
}

/// Scores fuzzy candidate names; best first.
pub fn score_names(g: &Gazetteer, q: &Query, names: &[u32]) -> Vec<Scored> {
    let mut scorer = Scorer::new(g, q);
    let mut out: Vec<Scored> = names
        .iter()
        .filter_map(|&n| {
            let stored = g.name(n)?;
            let (score, links) = scorer.align(&stored);
            Some(Scored { name: n, stored, score, links })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
    out
}

/// How much a fuzzy score drops when another entity scores `rival`: a
/// name that fits two entities about equally well identifies neither.
/// Zero when the rival is more than [`AMBIGUITY_MARGIN`] behind.
pub fn ambiguity_penalty(score: f64, rival: f64) -> f64 {
    AMBIGUITY_WEIGHT * (rival - score + AMBIGUITY_MARGIN).max(0.0)
}

/// See [`ambiguity_penalty`].
pub const AMBIGUITY_MARGIN: f64 = 0.15;
/// See [`ambiguity_penalty`].
pub const AMBIGUITY_WEIGHT: f64 = 0.5;

/// Ranks exact candidates and fuzzy scored names into matches, one per
/// entity (its best), at or above `threshold`.
pub fn rank(
    g: &Gazetteer,
    query: &Query,
    exact: Vec<Candidate>,
    fuzzy: Vec<Scored>,
    threshold: f64,
) -> Vec<Match> {
    // Each entity is decoded once, when it enters the ranking.
    struct Ranked<'g> {
        score: f64,
        /// Tie-break for exact matches: the more prominent entity first
        /// (see [`Entity::prominence`]).
        prominence: (u64, usize),
        alias: Option<u32>,
        entity: Entity<'g>,
        evidence: Evidence,
    }
    let mut ranked: Vec<Ranked> = Vec::new();
    for c in exact {
        let Some(e) = g.entity(c.posting.entity) else { continue };
        ranked.push(Ranked {
            score: EXACT_SCORE,
            prominence: e.prominence(),
            alias: None,
            entity: e,
            evidence: Evidence {
                entity: c.posting.entity,
                matched_name: String::new(),
                key: c.key,
                via_alias: c.posting.alias,
                rule: c.rule,
                parts: Vec::new(),
            },
        });
    }
    // One fuzzy match per entity, its best name; entities found exactly
    // are not scored again.
    let mut best: Vec<Scored> = Vec::new();
    for f in fuzzy {
        let entity = f.stored.entity;
        if ranked.iter().any(|r| r.evidence.entity == entity)
            || best.iter().any(|b| b.stored.entity == entity)
        {
            continue;
        }
        best.push(f);
    }
    let scores: Vec<f64> = best.iter().map(|b| b.score).collect();
    let top_exact = ranked.iter().map(|r| r.score).fold(0.0, f64::max);
    for (i, f) in best.into_iter().enumerate() {
        let rival = scores
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, s)| *s)
            .fold(top_exact, f64::max);
        let score = f.score - ambiguity_penalty(f.score, rival);
        if score < threshold {
            continue;
        }
        let Some(entity) = g.entity(f.stored.entity) else { continue };
        ranked.push(Ranked {
            score,
            prominence: (0, 0),
            alias: Some(f.stored.alias),
            entity,
            evidence: Evidence {
                entity: f.stored.entity,
                matched_name: String::new(),
                key: String::new(),
                via_alias: f.stored.alias > 0,
                rule: Rule::Fuzzy,
                parts: part_evidence(g, query, &f.stored, &f.links),
            },
        });
    }
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.evidence.via_alias.cmp(&b.evidence.via_alias))
            .then(b.prominence.cmp(&a.prominence))
            .then(a.evidence.entity.cmp(&b.evidence.entity))
    });
    ranked
        .into_iter()
        .filter(|r| r.score >= threshold)
        .filter_map(|r| {
            let e = r.entity;
            let mut evidence = r.evidence;
            evidence.matched_name = match r.alias {
                Some(0) => e.name.to_string(),
                Some(k) => e.aliases.get(k as usize - 1)?.to_string(),
                None => matched_exact(&e, &evidence.key),
            };
            Some(Match {
                id: e.id.to_string(),
                name: e.name.to_string(),
                kind: e.kind.to_string(),
                score: r.score,
                evidence,
            })
        })
        .collect()
}

/// The name of `e` whose folded key is `key`.
fn matched_exact(e: &Entity<'_>, key: &str) -> String {
    std::iter::once(e.name)
        .chain(e.aliases.iter().copied())
        .find(|n| {
            fold(n) == key || natural_order(n).is_some_and(|o| fold(&o) == key)
        })
        .unwrap_or(e.name)
        .to_string()
}
