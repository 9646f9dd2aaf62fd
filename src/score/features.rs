//! The feature vector of one (query, candidate name) pair: what the
//! alignment found, as numbers a fitted model weighs
//! ([`Model`](super::model::Model)), rather than as a verdict.
//!
//! Every feature is named in [`FEATURE_NAMES`], in the order of the
//! vector; the fitted weights (`src/fitted.rs`) are checked against these
//! names when the model is built, so a feature added, removed or moved
//! without refitting fails the tests instead of scoring with the wrong
//! weights.

use super::part::LinkKind;

/// How many features a pair has.
pub const FEATURE_COUNT: usize = 28;

/// The features' names, in vector order:
///
/// * `bias`: always 1;
/// * `dice`: the weighted Dice coefficient of the alignment (matched
///   against all weight, unmatched parts at their penalties);
/// * `evidence`: 1 − e^(−m/4), m the matched weight in nats of rarity: how
///   much the match rests on;
/// * `same_key` … `company_words`: the share of the query's weight matched
///   by each kind of link ([`LinkKind`]), times its similarity;
/// * `query_unmatched`, `name_unmatched`: the share of each side's weight
///   left unmatched, at its penalty;
/// * `type_conflict`: a legal form or organisation word on one side, a
///   person's name on the other;
/// * `descriptors_only`: the match rests on organisation words and legal
///   forms alone;
/// * `person`: both sides read as persons' names;
/// * `family_same`: the query reads as a person's name and its family
///   name has the same key as the stored name's;
/// * `rival_close`: how close the best other entity's alignment comes,
///   max(0, rival − own + 0.15) on the Dice-and-evidence score (filled in
///   by the ranking, which sees the other entities);
/// * `query_parts`: ln of the number of the query's parts;
/// * `query_word_left`, `name_word_left`: the weight (nats / 10) of the
///   rarest word left unmatched on each side;
/// * `words_swapped`: the lesser of the two: a rare word on each side,
///   neither matched, is one name written for another ("BANK TEJARAT",
///   "BANK SADERAT");
/// * `weakest_link`: 1 − the lowest similarity of a matched query part;
/// * `family_matched`, `given_matched`: for a query that reads as a
///   person's name, the share of the weight of its family-name words, and
///   of its given names, matched (times similarity);
/// * `non_latin`: the query is written in another script than Latin;
/// * `ln_dice`, `ln_evidence`: the logarithms of `dice` and `evidence`
///   (at least −5): the score of candidate generation is their product
///   times factors, so its logarithm is a sum the model can weigh.
pub const FEATURE_NAMES: [&str; FEATURE_COUNT] = [
    "bias",
    "dice",
    "evidence",
    "same_key",
    "given_name_equivalent",
    "initial",
    "same_consonants",
    "spelling",
    "joined_or_cut",
    "acronym",
    "company_words",
    "query_unmatched",
    "name_unmatched",
    "type_conflict",
    "descriptors_only",
    "person",
    "family_same",
    "rival_close",
    "query_parts",
    "query_word_left",
    "name_word_left",
    "words_swapped",
    "weakest_link",
    "family_matched",
    "given_matched",
    "non_latin",
    "ln_dice",
    "ln_evidence",
];

/// Index of `dice` in the vector.
pub const DICE: usize = 1;
/// Index of `evidence`.
pub const EVIDENCE: usize = 2;
/// Index of `query_unmatched`.
pub const QUERY_UNMATCHED: usize = 11;
/// Index of `name_unmatched`.
pub const NAME_UNMATCHED: usize = 12;
/// Index of `type_conflict`.
pub const TYPE_CONFLICT: usize = 13;
/// Index of `descriptors_only`.
pub const DESCRIPTORS_ONLY: usize = 14;
/// Index of `person`.
pub const PERSON: usize = 15;
/// Index of `family_same`.
pub const FAMILY_SAME: usize = 16;
/// Index of `rival_close`.
pub const RIVAL_CLOSE: usize = 17;
/// Index of `query_parts`.
pub const QUERY_PARTS: usize = 18;
/// Index of `query_word_left`.
pub const QUERY_WORD_LEFT: usize = 19;
/// Index of `name_word_left`.
pub const NAME_WORD_LEFT: usize = 20;
/// Index of `words_swapped`.
pub const WORDS_SWAPPED: usize = 21;
/// Index of `weakest_link`.
pub const WEAKEST_LINK: usize = 22;
/// Index of `family_matched`.
pub const FAMILY_MATCHED: usize = 23;
/// Index of `given_matched`.
pub const GIVEN_MATCHED: usize = 24;
/// Index of `non_latin`.
pub const NON_LATIN: usize = 25;
/// Index of `ln_dice`.
pub const LN_DICE: usize = 26;
/// Index of `ln_evidence`.
pub const LN_EVIDENCE: usize = 27;

/// The index of the feature counting links of `kind` (`None` for
/// [`LinkKind::Unmatched`]).
pub fn link_feature(kind: LinkKind) -> Option<usize> {
    Some(match kind {
        LinkKind::SameKey | LinkKind::SameLegalForm => 3,
        LinkKind::GivenNameEquivalent => 4,
        LinkKind::Initial => 5,
        LinkKind::SameConsonants => 6,
        LinkKind::Spelling => 7,
        LinkKind::Joined | LinkKind::CutShort => 8,
        LinkKind::Acronym => 9,
        LinkKind::CompanyWords => 10,
        LinkKind::Unmatched => return None,
    })
}

/// One pair's features, in the order of [`FEATURE_NAMES`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Features(pub [f64; FEATURE_COUNT]);

impl Default for Features {
    fn default() -> Features {
        let mut f = [0.0; FEATURE_COUNT];
        f[0] = 1.0;
        Features(f)
    }
}

impl Features {
    /// The features as `name=value` pairs, for explanations and dumps.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        FEATURE_NAMES.iter().copied().zip(self.0.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_indices_name_their_features() {
        let named = [
            (DICE, "dice"),
            (EVIDENCE, "evidence"),
            (QUERY_UNMATCHED, "query_unmatched"),
            (NAME_UNMATCHED, "name_unmatched"),
            (TYPE_CONFLICT, "type_conflict"),
            (DESCRIPTORS_ONLY, "descriptors_only"),
            (PERSON, "person"),
            (FAMILY_SAME, "family_same"),
            (RIVAL_CLOSE, "rival_close"),
            (QUERY_PARTS, "query_parts"),
            (QUERY_WORD_LEFT, "query_word_left"),
            (NAME_WORD_LEFT, "name_word_left"),
            (WORDS_SWAPPED, "words_swapped"),
            (WEAKEST_LINK, "weakest_link"),
            (FAMILY_MATCHED, "family_matched"),
            (GIVEN_MATCHED, "given_matched"),
            (NON_LATIN, "non_latin"),
            (LN_DICE, "ln_dice"),
            (LN_EVIDENCE, "ln_evidence"),
        ];
        for (i, name) in named {
            assert_eq!(FEATURE_NAMES[i], name);
        }
        let kinds = [
            (LinkKind::SameKey, "same_key"),
            (LinkKind::GivenNameEquivalent, "given_name_equivalent"),
            (LinkKind::Initial, "initial"),
            (LinkKind::SameConsonants, "same_consonants"),
            (LinkKind::Spelling, "spelling"),
            (LinkKind::CutShort, "joined_or_cut"),
            (LinkKind::Acronym, "acronym"),
            (LinkKind::CompanyWords, "company_words"),
        ];
        for (kind, name) in kinds {
            assert_eq!(
                link_feature(kind).map(|i| FEATURE_NAMES[i]),
                Some(name)
            );
        }
    }

    #[test]
    fn every_link_kind_but_unmatched_has_its_own_feature() {
        let kinds = [
            LinkKind::SameKey,
            LinkKind::GivenNameEquivalent,
            LinkKind::Initial,
            LinkKind::SameConsonants,
            LinkKind::Spelling,
            LinkKind::Joined,
            LinkKind::Acronym,
            LinkKind::CompanyWords,
        ];
        let mut seen: Vec<usize> =
            kinds.iter().filter_map(|&k| link_feature(k)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), kinds.len());
        assert!(seen.iter().all(|&i| (3..QUERY_UNMATCHED).contains(&i)));
        assert_eq!(link_feature(LinkKind::Unmatched), None);
    }
}
