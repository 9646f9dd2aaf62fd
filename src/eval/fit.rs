//! Fitting the scorer and judging it by cross-validation.
//!
//! Each labelled query is resolved once, keeping every candidate entity
//! with its features ([`Candidates`]); the model is then fitted on the
//! candidates of some queries and scores those of others, so no query is
//! scored by a model that saw it. Folds are groups ([`folds`]): a positive
//! query goes with the other variants of its entity (by `expected_id`);
//! negatives, which have no id, go with every other negative they share
//! a rare word with (the aliases of one withheld entity: "KANAFER,
//! Hicham" and "KANAFER, Hisham"), so that a fold does not hold a near
//! copy of a negative it is judged on.

use rayon::prelude::*;

use super::{figures, Labelled, Outcome};
use crate::resolve::Resolver;
use crate::score::model::fit;
use crate::score::{Features, Model};

/// A query's candidate entities: its exact match, if any (which scores 1
/// whatever the model), and its fuzzy candidates with their features.
#[derive(Clone, Debug)]
pub struct Candidates {
    /// The query.
    pub query: Labelled,
    /// The id of the best exact match.
    pub exact: Option<String>,
    /// Fuzzy candidates: entity id and features, one per entity.
    pub fuzzy: Vec<(String, Features)>,
}

impl Candidates {
    /// The training rows of this query: each fuzzy candidate, labelled by
    /// whether it is the expected entity. A query with an exact match
    /// gives none: its answer does not depend on the model.
    pub fn rows(&self) -> impl Iterator<Item = (Features, bool)> + '_ {
        let expected = self.query.expected.as_deref();
        self.fuzzy
            .iter()
            .filter(|_| self.exact.is_none())
            .map(move |(id, f)| (*f, Some(id.as_str()) == expected))
    }

    /// The query's best answer under `model`.
    pub fn outcome(&self, model: &Model) -> Outcome {
        let best = match &self.exact {
            Some(id) => Some((id.clone(), crate::score::EXACT_SCORE)),
            // The first of the highest, in the ranking's order of the
            // candidates (as `score::rank` breaks ties).
            None => self
                .fuzzy
                .iter()
                .map(|(id, f)| {
                    (
                        id,
                        model
                            .probability(f)
                            .min(crate::limits::MAX_FUZZY_SCORE),
                    )
                })
                .fold(None, |best: Option<(&String, f64)>, (id, p)| match best
                {
                    Some(b) if b.1 >= p => Some(b),
                    _ => Some((id, p)),
                })
                .map(|(id, p)| (id.clone(), p)),
        };
        Outcome { query: self.query.clone(), best }
    }
}

/// Resolves every query, keeping all its candidates (in parallel; the
/// result is in input order).
pub fn candidates(r: &Resolver, queries: Vec<Labelled>) -> Vec<Candidates> {
    queries
        .into_par_iter()
        .map(|q| {
            let matches = r.resolve_with(&q.variant, usize::MAX, 0.0);
            let exact = matches
                .iter()
                .find(|m| m.evidence.features.is_none())
                .map(|m| m.id.clone());
            let fuzzy = matches
                .into_iter()
                .filter_map(|m| Some((m.id, m.evidence.features?)))
                .collect();
            Candidates { query: q, exact, fuzzy }
        })
        .collect()
}

/// The L2 penalty `nomina fit` uses unless told otherwise.
pub const DEFAULT_L2: f64 = 1.0;

/// A word shared by at most this many negatives ties them into one fold
/// group (see [`folds`]).
pub const RARE_WORD_NEGATIVES: usize = 3;

/// The fold of each query among `k`, in input order: a hash (FNV-1a, the
/// same on every machine) of its group. A positive's group is its
/// expected entity. Negatives are joined (union-find) when they share a
/// word of four letters or more that at most [`RARE_WORD_NEGATIVES`]
/// negatives have; a group of negatives is named by its first member.
/// Uses the variants and labels only, never a model.
pub fn folds(queries: &[Labelled], k: usize) -> Vec<usize> {
    let words = |q: &Labelled| -> Vec<String> {
        let mut w: Vec<String> = q
            .variant
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect();
        w.sort();
        w.dedup();
        w
    };
    let negatives: Vec<usize> = (0..queries.len())
        .filter(|&i| queries[i].expected.is_none())
        .collect();
    let mut holders: std::collections::BTreeMap<String, Vec<usize>> =
        std::collections::BTreeMap::new();
    for &i in &negatives {
        for w in words(&queries[i]) {
            holders.entry(w).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..queries.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for list in holders.values() {
        if list.len() > RARE_WORD_NEGATIVES {
            continue;
        }
        for w in list.windows(2) {
            let (a, b) = (root(&mut parent, w[0]), root(&mut parent, w[1]));
            // The earlier query names the group.
            parent[a.max(b)] = a.min(b);
        }
    }
    (0..queries.len())
        .map(|i| {
            let group = match &queries[i].expected {
                Some(id) => format!("id:{id}"),
                None => {
                    let r = root(&mut parent, i);
                    format!("variant:{}", queries[r].variant)
                }
            };
            fnv(&group) % k.max(1) as u64
        })
        .map(|f| f as usize)
        .collect()
}

/// FNV-1a, 64 bits.
fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Fits the model on all the candidates' rows.
pub fn fit_all(cands: &[Candidates], l2: f64) -> Model {
    let rows: Vec<(Features, bool)> =
        cands.iter().flat_map(Candidates::rows).collect();
    fit(&rows, l2)
}

/// Out-of-fold outcomes: for each of `folds` folds, the model is fitted on
/// the other folds and answers the fold's queries. In input order.
pub fn cross_validate(
    cands: &[Candidates],
    folds: usize,
    l2: f64,
) -> Vec<Outcome> {
    let queries: Vec<Labelled> =
        cands.iter().map(|c| c.query.clone()).collect();
    let of = self::folds(&queries, folds);
    let models: Vec<Model> = (0..folds)
        .into_par_iter()
        .map(|k| {
            let rows: Vec<(Features, bool)> = cands
                .iter()
                .zip(&of)
                .filter(|(_, &f)| f != k)
                .flat_map(|(c, _)| c.rows())
                .collect();
            fit(&rows, l2)
        })
        .collect();
    cands.iter().zip(&of).map(|(c, &k)| c.outcome(&models[k])).collect()
}

/// The lowest threshold, in steps of 0.001, at which the false-match
/// rate of `outcomes` is at most `max_rate`.
pub fn threshold_for(outcomes: &[Outcome], max_rate: f64) -> f64 {
    (1..1000)
        .map(|i| f64::from(i) / 1000.0)
        .find(|&t| figures(outcomes, t).false_match_rate <= max_rate)
        .unwrap_or(0.99)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(variant: &str, expected: Option<&str>) -> Labelled {
        Labelled {
            line: 1,
            variant: variant.into(),
            expected: expected.map(String::from),
            kind: String::new(),
            variant_type: String::new(),
        }
    }

    #[test]
    fn variants_of_one_entity_share_a_fold() {
        let mut qs = vec![
            query("Sergei Lavrov", Some("q1")),
            query("LAVROV, Sergey", Some("q1")),
            // Two aliases of one withheld entity, and a negative that
            // shares only a common word with many others.
            query("KANAFER, Hicham", None),
            query("KANAFER, Hisham", None),
        ];
        qs.extend((0..100).map(|i| query(&format!("BANK n{i}"), None)));
        let f = folds(&qs, 5);
        assert_eq!(f[0], f[1]);
        assert_eq!(f[2], f[3]);
        let spread: std::collections::BTreeSet<usize> =
            f[4..].iter().copied().collect();
        assert_eq!(spread.len(), 5, "negatives spread over every fold");
    }

    #[test]
    fn an_exact_match_gives_no_training_rows() {
        let c = Candidates {
            query: query("x", Some("a")),
            exact: Some("a".into()),
            fuzzy: vec![("b".into(), Features::default())],
        };
        assert_eq!(c.rows().count(), 0);
        assert_eq!(c.outcome(Model::fitted()).best.unwrap().0, "a");
    }
}
