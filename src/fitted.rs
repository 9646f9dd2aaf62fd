//! The scorer's fitted parameters. Written by `nomina fit` (see
//! scripts/fit_scorer.sh); do not edit by hand.
//!
//! Fitted on train.tsv: 6245 queries, 6142 candidate rows, L2 1.
//! Threshold: out-of-fold false-match rate <= 0.01 (5 folds).
//! Out of fold at 0.867: acc@1 0.437, false matches 0.010 (13 of 1315).

/// The fitted weights, one per feature of
/// `score::features::FEATURE_NAMES`.
pub const WEIGHTS: &[(&str, f64)] = &[
    ("bias", -4.151260),
    ("dice", 2.156699),
    ("evidence", 4.188645),
    ("same_key", 1.216562),
    ("given_name_equivalent", -0.132941),
    ("initial", 0.546511),
    ("same_consonants", 0.528739),
    ("spelling", 0.652291),
    ("joined_or_cut", 2.639987),
    ("acronym", -0.694335),
    ("company_words", -0.986289),
    ("query_unmatched", -0.101449),
    ("name_unmatched", 0.510067),
    ("type_conflict", -1.200742),
    ("descriptors_only", -1.386832),
    ("person", -1.351636),
    ("family_same", 0.388429),
    ("rival_close", -10.956883),
    ("query_parts", 0.295645),
    ("query_word_left", -0.484433),
    ("name_word_left", -1.280237),
    ("words_swapped", -0.114755),
    ("weakest_link", -2.067441),
    ("family_matched", 0.062344),
    ("given_matched", 1.386767),
    ("non_latin", 0.000000),
    ("ln_dice", 1.749812),
    ("ln_evidence", 4.414227),
];

/// The acceptance threshold chosen on out-of-fold probabilities.
pub const THRESHOLD: f64 = 0.867;
