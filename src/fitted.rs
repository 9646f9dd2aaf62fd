//! The scorer's fitted parameters. Written by `nomina fit` (see
//! scripts/fit_scorer.sh); do not edit by hand.
//!
//! Fitted on train.tsv: 6245 queries, 6133 candidate rows, L2 1.
//! Threshold: out-of-fold false-match rate <= 0.01 (5 folds).
//! Out of fold at 0.866: acc@1 0.438, false matches 0.010 (13 of 1315).

/// The fitted weights, one per feature of
/// `score::features::FEATURE_NAMES`.
pub const WEIGHTS: &[(&str, f64)] = &[
    ("bias", -4.147920),
    ("dice", 2.166773),
    ("evidence", 4.174112),
    ("same_key", 1.219253),
    ("given_name_equivalent", -0.131151),
    ("initial", 0.552390),
    ("same_consonants", 0.530802),
    ("spelling", 0.652583),
    ("joined_or_cut", 2.646219),
    ("acronym", -0.697362),
    ("company_words", -1.031778),
    ("query_unmatched", -0.063951),
    ("name_unmatched", 0.503318),
    ("type_conflict", -1.200401),
    ("descriptors_only", -1.389994),
    ("person", -1.356871),
    ("family_same", 0.383706),
    ("rival_close", -10.917829),
    ("query_parts", 0.293343),
    ("query_word_left", -0.480426),
    ("name_word_left", -1.272725),
    ("words_swapped", -0.117476),
    ("weakest_link", -2.072130),
    ("family_matched", 0.068331),
    ("given_matched", 1.388162),
    ("non_latin", 0.000000),
    ("ln_dice", 1.776139),
    ("ln_evidence", 4.399494),
];

/// The acceptance threshold chosen on out-of-fold probabilities.
pub const THRESHOLD: f64 = 0.866;
