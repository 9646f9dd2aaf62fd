//! Fitting the scorer and judging it by cross-validation.
//!
//! Each labelled query is resolved once, keeping every candidate entity
//! with its features ([`Candidates`]); the model is then fitted on the
//! candidates of some queries and scores those of others, so no query is
//! scored by a model that saw it. Folds are groups: a positive query goes
//! with the other variants of its entity (by `expected_id`), a negative
//! with the other rows of its variant, so a fold never holds a near copy
//! of a row it is judged on.

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
            None => self
                .fuzzy
                .iter()
                .map(|(id, f)| (id, model.probability(f)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(id, p)| {
                    (id.clone(), p.min(crate::limits::MAX_FUZZY_SCORE))
                }),
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

/// The fold of a query among `folds`: a hash of its group (its expected
/// entity, or its variant for a negative), the same on every machine.
pub fn fold_of(q: &Labelled, folds: usize) -> usize {
    let group = match &q.expected {
        Some(id) => format!("id:{id}"),
        None => format!("variant:{}", q.variant),
    };
    // FNV-1a, 64 bits.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in group.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h % folds.max(1) as u64) as usize
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
    let of: Vec<usize> =
        cands.iter().map(|c| fold_of(&c.query, folds)).collect();
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
        let a = fold_of(&query("Sergei Lavrov", Some("q1")), 5);
        let b = fold_of(&query("LAVROV, Sergey", Some("q1")), 5);
        assert_eq!(a, b);
        let folds: std::collections::BTreeSet<usize> = (0..100)
            .map(|i| fold_of(&query(&format!("n{i}"), None), 5))
            .collect();
        assert_eq!(folds.len(), 5, "negatives spread over every fold");
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
