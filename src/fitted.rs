//! The scorer's fitted parameters. Written by `nomina fit` (see
//! scripts/fit_scorer.sh); do not edit by hand.
//!
//! Fitted on train.tsv: 6245 queries, 6091 candidate rows, L2 1.
//! Threshold: out-of-fold false-match rate <= 0.01 (5 folds).
//! Out of fold at 0.867: acc@1 0.435, false matches 0.010 (13 of 1315).

/// The fitted weights, one per feature of
/// `score::features::FEATURE_NAMES`.
pub const WEIGHTS: &[(&str, f64)] = &[
    ("bias", -4.284547),
    ("dice", 2.156646),
    ("evidence", 4.293914),
    ("same_key", 1.249972),
    ("given_name_equivalent", -0.189111),
    ("initial", 0.444145),
    ("same_consonants", 0.565143),
    ("spelling", 0.659270),
    ("joined_or_cut", 2.656270),
    ("acronym", -0.650875),
    ("company_words", -1.018237),
    ("query_unmatched", 0.010351),
    ("name_unmatched", 0.555149),
    ("type_conflict", -1.426072),
    ("descriptors_only", -1.415186),
    ("person", -1.359027),
    ("family_same", 0.386941),
    ("rival_close", -10.853357),
    ("query_parts", 0.288162),
    ("query_word_left", -0.490104),
    ("name_word_left", -1.289849),
    ("words_swapped", -0.131453),
    ("weakest_link", -1.994180),
    ("family_matched", 0.095094),
    ("given_matched", 1.391303),
    ("non_latin", 0.000000),
    ("ln_dice", 1.789219),
    ("ln_evidence", 4.532489),
];

/// The acceptance threshold chosen on out-of-fold probabilities.
pub const THRESHOLD: f64 = 0.867;
