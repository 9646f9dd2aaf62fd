//! Scoring: turns candidates into ranked matches with scores in 0..=1, and
//! holds the acceptance threshold below which the answer is "no entity".
//!
//! An exact key scores [`EXACT_SCORE`]. A fuzzy candidate name is scored by
//! aligning its parts with the query's ([`align`]): each pair of parts has a
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

use crate::candidate::fuzzy::{idf, typo_budget, Query, QueryPart};
use crate::candidate::{Candidate, Rule};
use crate::gazetteer::index::{StoredName, StoredPart};
use crate::gazetteer::Gazetteer;
use crate::name::{Class, Role};
use crate::normalize::{fold, natural_order};

/// Matches scoring below this are not returned. Chosen on the dev split of
/// the OFAC variant set (see `benches/README.md`, `nomina eval`).
pub const ACCEPT_THRESHOLD: f64 = 0.83;

/// Score of an exact match on a canonical name or an alias. Exact keys
/// differ from the written name only by case, diacritics, punctuation,
/// spacing and "LAST, First" order, none of which change who is named.
pub const EXACT_SCORE: f64 = 1.0;

/// The highest score a fuzzy match can have.
pub const MAX_FUZZY_SCORE: f64 = 0.99;

/// Similarity of two spellings in one given-name group.
pub const GROUP_SIMILARITY: f32 = 0.9;

/// Similarity of an initial and a word with that first letter.
pub const INITIAL_SIMILARITY: f32 = 0.8;

/// Similarity of two keys with the same consonants.
pub const CONSONANT_SIMILARITY: f32 = 0.9;

/// Factor on the score of a person's name matched with an organisation's
/// (one side has a legal form, the other reads as a person's name).
pub const TYPE_CONFLICT: f32 = 0.8;

/// The matched weight (in nats) at which the evidence factor reaches
/// 1 − 1/e; see [`align`].
pub const EVIDENCE_SCALE: f64 = 3.0;

/// Pairs of parts less similar than this are not aligned.
pub const MIN_PART_SIMILARITY: f32 = 0.6;

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
    pub parts: Vec<PartEvidence>,
}

/// What an unmatched part of a name costs, as a fraction of its weight.
/// `person` is true when the other side reads as a person's name.
pub fn unmatched_penalty(class: Class, role: Role, person: bool) -> f32 {
    match class {
        Class::Stop => 0.0,
        Class::Generic => 0.15,
        Class::Initial => 0.5,
        Class::Word if role == Role::Middle && person => 0.35,
        Class::Word => 1.0,
    }
}

/// Similarity of a query part and a stored part, with how it was judged.
pub fn part_similarity(
    g: &Gazetteer,
    q: &QueryPart,
    s: &StoredPart,
) -> (f32, &'static str) {
    let texts: Vec<&str> = s.terms().iter().map(|&t| g.term_text(t)).collect();
    let Some(&primary) = texts.first() else {
        return (0.0, "");
    };
    match (q.class, s.class) {
        (Class::Generic, Class::Generic) => {
            return if q.keys[0] == primary {
                (1.0, "same generic word")
            } else {
                (0.0, "")
            };
        }
        (Class::Generic, _) | (_, Class::Generic) => return (0.0, ""),
        (Class::Initial, Class::Initial) => {
            return if q.keys[0] == primary {
                (1.0, "initial")
            } else {
                (0.0, "")
            };
        }
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
    if q.keys.iter().any(|k| texts.contains(&k.as_str())) {
        return (1.0, "same key");
    }
    let mut best = (0.0, "");
    if !q.groups.is_empty() {
        let theirs = g.lexicon().groups(primary);
        if q.groups.iter().any(|x| theirs.binary_search(x).is_ok()) {
            best = (GROUP_SIMILARITY, "given-name equivalent");
        }
    }
    for k in &q.keys {
        for t in &texts {
            if best.0 < CONSONANT_SIMILARITY && same_consonants(k, t) {
                best = (CONSONANT_SIMILARITY, "same consonants");
            }
            let (a, b) = (k.chars().count(), t.chars().count());
            let len = a.min(b);
            let budget = usize::from(typo_budget(len));
            if budget == 0 || a.abs_diff(b) > budget {
                continue;
            }
            let d = strsim::levenshtein(k, t);
            if d <= budget {
                // Within the typo budget, Jaro-Winkler grades the pair:
                // it rewards a shared beginning, where romanisations of
                // one name agree most.
                let sim = strsim::jaro_winkler(k, t) as f32;
                if sim > best.0 {
                    best = (sim, "spelling");
                }
            }
        }
    }
    best
}

/// True when two keys of three or more consonants differ only in their
/// vowels after the first letter (Mohandes/Muhandis, Mehdi/Mahdi): the
/// vowels of Arabic and Persian names are the least stable part of their
/// romanisation.
fn same_consonants(a: &str, b: &str) -> bool {
    let skel = |s: &str| -> Option<Vec<u8>> {
        let bytes = s.as_bytes();
        if !s.is_ascii() || bytes.is_empty() {
            return None;
        }
        let mut out = vec![bytes[0]];
        out.extend(bytes[1..].iter().filter(|c| !b"aeiou".contains(c)));
        Some(out)
    };
    match (skel(a), skel(b)) {
        (Some(x), Some(y)) => x.len() >= 4 && x == y,
        _ => false,
    }
}

/// Scores one stored name against the query.
pub fn align(
    g: &Gazetteer,
    q: &Query,
    s: &StoredName,
) -> (f64, Vec<PartEvidence>) {
    let n = g.name_count();
    let parts: Vec<&StoredPart> =
        s.parts.iter().filter(|p| p.class != Class::Stop).collect();
    let weights: Vec<f32> = parts
        .iter()
        .map(|p| idf(p.terms().first().map_or(0, |&t| g.term_count(t)), n))
        .collect();
    let mut pairs: Vec<(f32, usize, usize, &'static str)> = Vec::new();
    for (i, qp) in q.parts.iter().enumerate() {
        for (j, sp) in parts.iter().enumerate() {
            let (sim, how) = part_similarity(g, qp, sp);
            if sim >= MIN_PART_SIMILARITY {
                pairs.push((sim, i, j, how));
            }
        }
    }
    let pair_weight = |i: usize, j: usize| {
        let w = (q.parts[i].weight + weights[j]) / 2.0;
        if parts[j].class == Class::Generic
            || q.parts[i].class == Class::Generic
        {
            w.min(1.0)
        } else {
            w
        }
    };
    pairs.sort_by(|a, b| {
        (b.0 * pair_weight(b.1, b.2))
            .total_cmp(&(a.0 * pair_weight(a.1, a.2)))
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let mut q_used = vec![None; q.parts.len()];
    let mut s_used = vec![false; parts.len()];
    let (mut num, mut den) = (0f32, 0f32);
    for (sim, i, j, how) in pairs {
        if q_used[i].is_some() || s_used[j] {
            continue;
        }
        q_used[i] = Some((j, sim, how));
        s_used[j] = true;
        let w = pair_weight(i, j);
        num += 2.0 * sim * w;
        den += 2.0 * w;
    }
    let s_person = parts.iter().any(|p| p.role != Role::Core);
    let q_person = q.parts.iter().any(|p| p.role != Role::Core);
    let mut evidence = Vec::with_capacity(q.parts.len());
    for (i, qp) in q.parts.iter().enumerate() {
        match q_used[i] {
            Some((j, sim, how)) => evidence.push(PartEvidence {
                query: qp.keys[0].clone(),
                name: g.term_text(parts[j].terms()[0]).to_string(),
                similarity: sim,
                how,
            }),
            None => {
                let w = if qp.class == Class::Generic {
                    qp.weight.min(1.0)
                } else {
                    qp.weight
                };
                den += w * unmatched_penalty(qp.class, qp.role, s_person);
                evidence.push(PartEvidence {
                    query: qp.keys[0].clone(),
                    name: String::new(),
                    similarity: 0.0,
                    how: "unmatched",
                });
            }
        }
    }
    for (j, sp) in parts.iter().enumerate() {
        if !s_used[j] {
            let w = if sp.class == Class::Generic {
                weights[j].min(1.0)
            } else {
                weights[j]
            };
            den += w * unmatched_penalty(sp.class, sp.role, q_person);
            evidence.push(PartEvidence {
                query: String::new(),
                name: g.term_text(sp.terms()[0]).to_string(),
                similarity: 0.0,
                how: "unmatched",
            });
        }
    }
    let mut dice = if den > 0.0 { f64::from(num / den) } else { 0.0 };
    // A legal form on one side and a person's name on the other: an
    // organisation named after a person is not that person.
    let q_org = q.parts.iter().any(|p| p.class == Class::Generic);
    let s_org = parts.iter().any(|p| p.class == Class::Generic);
    if (q_org && s_person && !s_org) || (s_org && q.inverted && !q_org) {
        dice *= f64::from(TYPE_CONFLICT);
    }
    // How much the match rests on: the matched weight, in nats of
    // rarity. One shared rare word is less sure than two.
    let rests_on = f64::from(num / 2.0);
    let score = dice * (1.0 - (-rests_on / EVIDENCE_SCALE).exp());
    (score * MAX_FUZZY_SCORE, evidence)
}

/// Scores fuzzy candidate names; best first.
pub fn score_names(g: &Gazetteer, q: &Query, names: &[u32]) -> Vec<Scored> {
    let mut out: Vec<Scored> = names
        .iter()
        .filter_map(|&n| {
            let stored = g.name(n)?;
            let (score, parts) = align(g, q, &stored);
            Some(Scored { name: n, stored, score, parts })
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
pub const AMBIGUITY_MARGIN: f64 = 0.1;
/// See [`ambiguity_penalty`].
pub const AMBIGUITY_WEIGHT: f64 = 1.0;

/// Ranks exact candidates and fuzzy scored names into matches, one per
/// entity (its best), at or above `threshold`.
pub fn rank(
    g: &Gazetteer,
    exact: Vec<Candidate>,
    fuzzy: Vec<Scored>,
    threshold: f64,
) -> Vec<Match> {
    struct Ranked {
        score: f64,
        alias_count: usize,
        alias: Option<u32>,
        evidence: Evidence,
    }
    let mut ranked: Vec<Ranked> = Vec::new();
    for c in exact {
        let Some(e) = g.entity(c.posting.entity) else { continue };
        ranked.push(Ranked {
            score: EXACT_SCORE,
            alias_count: e.aliases.len(),
            alias: None,
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
        ranked.push(Ranked {
            score,
            alias_count: 0,
            alias: Some(f.stored.alias),
            evidence: Evidence {
                entity: f.stored.entity,
                matched_name: String::new(),
                key: String::new(),
                via_alias: f.stored.alias > 0,
                rule: Rule::Fuzzy,
                parts: f.parts,
            },
        });
    }
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.evidence.via_alias.cmp(&b.evidence.via_alias))
            .then(b.alias_count.cmp(&a.alias_count))
            .then(a.evidence.entity.cmp(&b.evidence.entity))
    });
    ranked
        .into_iter()
        .filter(|r| r.score >= threshold)
        .filter_map(|r| {
            let e = g.entity(r.evidence.entity)?;
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
fn matched_exact(e: &crate::Entity<'_>, key: &str) -> String {
    std::iter::once(e.name)
        .chain(e.aliases.iter().copied())
        .find(|n| {
            fold(n) == key || natural_order(n).is_some_and(|o| fold(&o) == key)
        })
        .unwrap_or(e.name)
        .to_string()
}
