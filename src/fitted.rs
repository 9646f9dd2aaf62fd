//! The scorer's fitted parameters. Written by `nomina fit` (see
//! scripts/fit_scorer.sh); do not edit by hand.
//!
//! Fitted on train.tsv: 6245 queries, 6088 candidate rows, L2 1.
//! Threshold: out-of-fold false-match rate <= 0.01 (5 folds).
//! Out of fold at 0.867: acc@1 0.435, false matches 0.010 (13 of 1315).

/// The fitted weights, one per feature of
/// `score::features::FEATURE_NAMES`.
pub const WEIGHTS: &[(&str, f64)] = &[
    ("bias", -4.284271),
    ("dice", 2.156086),
    ("evidence", 4.294186),
    ("same_key", 1.248816),
    ("given_name_equivalent", -0.189734),
    ("initial", 0.444123),
    ("same_consonants", 0.564738),
    ("spelling", 0.658786),
    ("joined_or_cut", 2.655842),
    ("acronym", -0.651031),
    ("company_words", -1.018096),
    ("query_unmatched", 0.011123),
    ("name_unmatched", 0.555644),
    ("type_conflict", -1.425965),
    ("descriptors_only", -1.410310),
    ("person", -1.360047),
    ("family_same", 0.387187),
    ("rival_close", -10.852208),
    ("query_parts", 0.287945),
    ("query_word_left", -0.489374),
    ("name_word_left", -1.289561),
    ("words_swapped", -0.132628),
    ("weakest_link", -1.994115),
    ("family_matched", 0.095770),
    ("given_matched", 1.392256),
    ("non_latin", 0.000000),
    ("ln_dice", 1.788498),
    ("ln_evidence", 4.532874),
];

/// The acceptance threshold chosen on out-of-fold probabilities.
pub const THRESHOLD: f64 = 0.867;
