//! Scoring: turns candidates into ranked matches with scores in 0..=1,
//! cut at a threshold (see [`crate::limits::ACCEPT_THRESHOLD`]) below
//! which the answer is "no entity".
//!
//! An exact key scores [`EXACT_SCORE`]. A fuzzy candidate name is aligned
//! with the query ([`Scorer::align`], in named steps: pairs of parts,
//! groups of adjacent parts, what is left unmatched, and what the
//! alignment found); how two parts meet is [`part_similarity`], with a
//! [`LinkKind`]. The alignment gives the pair's [`Features`], its hard
//! constraints, and an unfitted score (a weighted Dice coefficient with
//! factors) that bounds which candidates are weighed. [`rank`] keeps each
//! entity's best name, fills in how close a rival entity comes
//! ([`rival_close`]), and scores each with the fitted [`Model`]: the
//! probability that the candidate is the entity, capped at
//! [`MAX_FUZZY_SCORE`], below any exact match.
//!
//! Inside, `part` (one pair of parts) is below `align` (one name), which
//! is below this file (the ranking); `features` and `model` are what the
//! alignment gives and what weighs it.

mod align;
pub mod features;
pub mod model;
mod part;

use serde::Serialize;

pub use align::{
    upper_bound, Alignment, Link, Scorer, DESCRIPTORS_ONLY, EVIDENCE_SCALE,
    TYPE_CONFLICT,
};
pub use features::{Features, FEATURE_NAMES};
pub use model::Model;
pub use part::{
    part_similarity, unmatched_penalty, LinkKind, COMPANY_WORDS,
    COMPANY_WORD_SIMILARITY, INITIAL_SIMILARITY,
};

use crate::candidate::fuzzy::Query;
use crate::candidate::{Candidate, Rule};
use crate::gazetteer::{Entity, Gazetteer, StoredName};
use crate::limits::{MAX_FUZZY_SCORE, MIN_CANDIDATE_SCORE};
use crate::normalize::{fold, natural_order};

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
    /// For fuzzy matches, the features the model weighed.
    pub features: Option<Features>,
}

/// The evidence as `nomina resolve --explain --json` writes it: `rule`
/// (its label), `matched_name`, `key` (exact matches only), `via_alias`,
/// then `parts` and `features` (fuzzy matches only: an object of feature
/// name to value), in that order.
impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields = 3
            + usize::from(!self.key.is_empty())
            + usize::from(!self.parts.is_empty())
            + usize::from(self.features.is_some());
        let mut st = s.serialize_struct("Evidence", fields)?;
        st.serialize_field("rule", self.rule.label())?;
        st.serialize_field("matched_name", &self.matched_name)?;
        if !self.key.is_empty() {
            st.serialize_field("key", &self.key)?;
        }
        st.serialize_field("via_alias", &self.via_alias)?;
        if !self.parts.is_empty() {
            st.serialize_field("parts", &self.parts)?;
        }
        if let Some(f) = &self.features {
            let named: std::collections::BTreeMap<&str, f64> =
                f.named().collect();
            st.serialize_field("features", &named)?;
        }
        st.end()
    }
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
    pub how: LinkKind,
    /// The query's words this part was read from, folded ("" unless
    /// filled by [`Resolver::resolve_explained`](crate::resolve::Resolver::resolve_explained)).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub query_text: String,
    /// The matched name's words this part was read from, folded (as
    /// `query_text`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name_text: String,
    /// The query part's number among the query's parts.
    #[serde(skip)]
    pub query_part: Option<usize>,
    /// The name part's number among the stored name's parts.
    #[serde(skip)]
    pub name_part: Option<usize>,
}

/// A fuzzy candidate name with its score.
#[derive(Clone, Debug)]
pub struct Scored {
    /// The name's number.
    pub name: u32,
    /// The stored name.
    pub stored: StoredName,
    /// Its score of candidate generation, 0..=1.
    pub score: f64,
    /// The alignment.
    pub links: Vec<Link>,
    /// Its features.
    pub features: Features,
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
        .map(|l| PartEvidence {
            query: l
                .query
                .map(|i| q.parts[i].keys[0].clone())
                .unwrap_or_default(),
            name: l
                .name
                .and_then(|j| s.parts[j].terms().first().copied())
                .map(|t| g.term_text(t).to_string())
                .unwrap_or_default(),
            similarity: l.similarity,
            how: l.kind,
            query_text: String::new(),
            name_text: String::new(),
            query_part: l.query,
            name_part: l.name,
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
            let a = scorer.align(&stored);
            (!a.excluded).then_some(Scored {
                name: n,
                stored,
                score: a.score,
                links: a.links,
                features: a.features,
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
    out
}

/// How close a rival entity's candidate score comes to this one's: the
/// `rival_close` feature. Zero when the rival is more than
/// [`AMBIGUITY_MARGIN`] behind.
pub fn rival_close(score: f64, rival: f64) -> f64 {
    (rival - score + AMBIGUITY_MARGIN).max(0.0)
}

/// See [`rival_close`].
pub const AMBIGUITY_MARGIN: f64 = 0.15;

/// Ranks exact candidates and fuzzy scored names into matches, one per
/// entity (its best), at or above `threshold`. A fuzzy match's score is
/// the fitted model's probability ([`Model::fitted`]), below
/// [`MAX_FUZZY_SCORE`]; candidates whose score of candidate generation is
/// below [`MIN_CANDIDATE_SCORE`] are not weighed. At most `k` matches are
/// returned; only those are decoded and explained.
pub fn rank(
    g: &Gazetteer,
    query: &Query,
    exact: Vec<Candidate>,
    fuzzy: Vec<Scored>,
    threshold: f64,
    k: usize,
) -> Vec<Match> {
    // An exact candidate's entity is decoded when it enters the ranking
    // (its prominence breaks ties); a fuzzy one's only if it is among the
    // first `k`, with its alignment's evidence.
    struct Ranked<'g> {
        score: f64,
        /// Tie-break for exact matches: the more prominent entity first
        /// (see [`Entity::prominence`]).
        prominence: (u8, u64, usize),
        alias: Option<u32>,
        entity: Option<Entity<'g>>,
        evidence: Evidence,
        /// A fuzzy match's stored name and alignment, for its evidence.
        aligned: Option<(StoredName, Vec<Link>)>,
    }
    let mut ranked: Vec<Ranked> = Vec::new();
    for c in exact {
        let Some(e) = g.entity(c.posting.entity) else { continue };
        ranked.push(Ranked {
            score: EXACT_SCORE,
            prominence: e.prominence(),
            alias: None,
            entity: Some(e),
            aligned: None,
            evidence: Evidence {
                entity: c.posting.entity,
                matched_name: String::new(),
                key: c.key,
                via_alias: c.posting.alias,
                rule: c.rule,
                parts: Vec::new(),
                features: None,
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
    let model = Model::fitted();
    for (i, mut f) in best.into_iter().enumerate() {
        if f.score < MIN_CANDIDATE_SCORE {
            continue;
        }
        let rival = scores
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, s)| *s)
            .fold(top_exact, f64::max);
        f.features.0[features::RIVAL_CLOSE] = rival_close(f.score, rival);
        let score = model.probability(&f.features).min(MAX_FUZZY_SCORE);
        if score < threshold {
            continue;
        }
        ranked.push(Ranked {
            score,
            prominence: (0, 0, 0),
            alias: Some(f.stored.alias),
            entity: None,
            evidence: Evidence {
                entity: f.stored.entity,
                matched_name: String::new(),
                key: String::new(),
                via_alias: f.stored.alias > 0,
                rule: Rule::Fuzzy,
                parts: Vec::new(),
                features: Some(f.features),
            },
            aligned: Some((f.stored, f.links)),
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
            let e = match r.entity {
                Some(e) => e,
                None => g.entity(r.evidence.entity)?,
            };
            let mut evidence = r.evidence;
            if let Some((stored, links)) = &r.aligned {
                evidence.parts = part_evidence(g, query, stored, links);
            }
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
        .take(k)
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
