//! Candidate generation: from a query name to the entities that might be
//! meant, each with the evidence that put it forward.
//!
//! Generators only propose; [`crate::score`] decides. The exact generator
//! looks the query's folded keys up in the key fst; the fuzzy generator
//! ([`fuzzy`]) looks its parts up in the term index.

pub mod exact;
pub mod fuzzy;

use crate::gazetteer::Posting;

/// How a candidate was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// The folded query equals a folded name or alias.
    Exact,
    /// The query written "LAST, First" equals a name or alias once
    /// reordered to "First LAST".
    ExactReordered,
    /// Parts of the query aligned with parts of a name (spelling,
    /// transliteration, given-name equivalents, initials, order).
    Fuzzy,
}

impl Rule {
    /// A short label for explanations.
    pub fn label(self) -> &'static str {
        match self {
            Rule::Exact => "exact key",
            Rule::ExactReordered => "exact key, query reordered",
            Rule::Fuzzy => "name parts aligned",
        }
    }
}

/// An entity proposed for a query.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The entity and whether the key was an alias's.
    pub posting: Posting,
    /// The folded key that matched.
    pub key: String,
    /// The rule that found it.
    pub rule: Rule,
}
