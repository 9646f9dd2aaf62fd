//! Single-name resolution: exact keys first, then fuzzy name-part
//! alignment, scored and cut at the acceptance threshold.

use crate::candidate::{exact, fuzzy};
use crate::gazetteer::Gazetteer;
use crate::limits::MAX_QUERY_BYTES;
use crate::score::{rank, score_names, upper_bound, Match, ACCEPT_THRESHOLD};

impl Gazetteer {
    /// Resolves one name to the entities it may denote, best first, each
    /// scoring at least [`ACCEPT_THRESHOLD`]. Empty means "no entity".
    ///
    /// ```
    /// let g = nomina::Gazetteer::embedded()?;
    /// let m = g.resolve("Britney Greiner");
    /// assert_eq!(m[0].name, "Brittney Griner");
    /// # Ok::<(), nomina::Error>(())
    /// ```
    pub fn resolve(&self, name: &str) -> Vec<Match> {
        self.resolve_with(name, usize::MAX, ACCEPT_THRESHOLD)
    }

    /// Like [`resolve`](Gazetteer::resolve), at most `k` matches.
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

    /// [`resolve_with`](Gazetteer::resolve_with) for a name already
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

    /// Ranks the exact candidates and, unless `k` of them are found or the
    /// query is empty, the fuzzy candidates of `query`.
    fn rank_query(
        &self,
        exact: Vec<crate::candidate::Candidate>,
        query: fuzzy::Query,
        k: usize,
        threshold: f64,
    ) -> Vec<Match> {
        // No fuzzy search when enough exact matches are found, or when no
        // name could score at the threshold.
        let scored = if query.parts.is_empty()
            || exact.len() >= k
            || upper_bound(&query) < threshold
        {
            Vec::new()
        } else {
            score_names(self, &query, &fuzzy::candidates(self, &query))
        };
        let mut m = rank(self, &query, exact, scored, threshold);
        m.truncate(k);
        m
    }
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
