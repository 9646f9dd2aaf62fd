//! Exact candidates: the query's folded keys looked up in the key fst.

use super::{Candidate, Rule};
use crate::gazetteer::Gazetteer;
use crate::limits::MAX_EXACT_POSTINGS;
use crate::normalize::{fold, join_dotted, natural_order};

/// The folded keys of a query: as written, and reordered when it is written
/// "LAST, First". Empty keys (no letters or digits) are left out.
pub fn query_keys(query: &str) -> Vec<(String, Rule)> {
    let mut keys = Vec::with_capacity(2);
    let key = fold(query);
    if !key.is_empty() {
        keys.push((key, Rule::Exact));
    }
    if let Some(joined) = join_dotted(query) {
        let key = fold(&joined);
        if !keys.iter().any(|(k, _)| *k == key) {
            keys.push((key, Rule::Exact));
        }
    }
    if let Some(reordered) = natural_order(query) {
        let key = fold(&reordered);
        if !keys.iter().any(|(k, _)| *k == key) {
            keys.push((key, Rule::ExactReordered));
        }
    }
    keys
}

/// Every entity that has one of the query's keys, at most
/// [`MAX_EXACT_POSTINGS`] per key; an entity found by several keys is listed
/// once, under the first rule that found it. Costs one fst lookup per key.
pub fn candidates(gazetteer: &Gazetteer, query: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for (key, rule) in query_keys(query) {
        for posting in
            gazetteer.postings(&key).into_iter().take(MAX_EXACT_POSTINGS)
        {
            if out.iter().any(|c| c.posting.entity == posting.entity) {
                continue;
            }
            out.push(Candidate { posting, key: key.clone(), rule });
        }
    }
    out
}
