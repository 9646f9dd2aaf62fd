//! Single-name resolution: query → candidates → scores → matches.

use crate::candidate::exact;
use crate::gazetteer::Gazetteer;
use crate::limits::MAX_QUERY_BYTES;
use crate::score::{rank, Match};

impl Gazetteer {
    /// Resolves a name to the entities it may denote, best first, keeping
    /// only matches at or above the acceptance threshold. An empty vector
    /// means "no entity". Safe to call from many threads at once.
    ///
    /// Costs a normalisation pass over the name (at most
    /// [`MAX_QUERY_BYTES`]) and a few fst lookups.
    pub fn resolve(&self, name: &str) -> Vec<Match> {
        let name = truncate(name, MAX_QUERY_BYTES);
        rank(self, exact::candidates(self, name))
    }

    /// Like [`resolve`](Gazetteer::resolve), at most `k` matches.
    pub fn resolve_top(&self, name: &str, k: usize) -> Vec<Match> {
        let mut m = self.resolve(name);
        m.truncate(k);
        m
    }
}

/// The longest prefix of `s` of at most `max` bytes ending on a character
/// boundary.
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
