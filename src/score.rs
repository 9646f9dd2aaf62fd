//! Scoring: turns candidates into ranked matches with scores in 0..=1, and
//! holds the acceptance threshold below which the answer is "no entity".

use serde::Serialize;

use crate::candidate::{Candidate, Rule};
use crate::gazetteer::Gazetteer;

/// Matches scoring below this are not returned.
pub const ACCEPT_THRESHOLD: f64 = 0.5;

/// Score of an exact match on a canonical name or an alias. Exact keys
/// differ from the written name only by case, diacritics, punctuation,
/// spacing and "LAST, First" order, none of which change who is named.
pub const EXACT_SCORE: f64 = 1.0;

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

/// The evidence behind a match, for `resolve --explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The entity's number in the artifact.
    pub entity: u32,
    /// The folded key that matched.
    pub key: String,
    /// True when the key is an alias's rather than the canonical name's.
    pub via_alias: bool,
    /// The rule that proposed the candidate.
    pub rule: Rule,
}

/// Scores candidates and ranks them: score descending, then canonical-name
/// matches before alias matches, then the more prominent entity first, then
/// entity number (id order), so that ties are broken the same way on every
/// run.
///
/// Prominence is the number of names an entity is known by: a capital with
/// hundreds of names in GeoNames before a village sharing one of them, a
/// country before a river whose alias is the country's code. It needs no
/// source-specific field.
pub fn rank(gazetteer: &Gazetteer, candidates: Vec<Candidate>) -> Vec<Match> {
    let mut scored: Vec<(f64, usize, Candidate, crate::Entity<'_>)> =
        candidates
            .into_iter()
            .filter_map(|c| {
                let e = gazetteer.entity(c.posting.entity)?;
                Some((EXACT_SCORE, e.aliases.len(), c, e))
            })
            .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.2.posting.alias.cmp(&b.2.posting.alias))
            .then(b.1.cmp(&a.1))
            .then(a.2.posting.entity.cmp(&b.2.posting.entity))
    });
    scored
        .into_iter()
        .filter(|(s, ..)| *s >= ACCEPT_THRESHOLD)
        .map(|(score, _, c, e)| Match {
            id: e.id.to_string(),
            name: e.name.to_string(),
            kind: e.kind.to_string(),
            score,
            evidence: Evidence {
                entity: c.posting.entity,
                key: c.key,
                via_alias: c.posting.alias,
                rule: c.rule,
            },
        })
        .collect()
}
