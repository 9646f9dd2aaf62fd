//! The scorer's fitted parameters. Written by `nomina fit` (see
//! scripts/fit_scorer.sh); do not edit by hand.
//!
//! Fitted on train.tsv: 6245 queries, 6146 candidate rows, L2 1.
//! Threshold: out-of-fold false-match rate <= 0.01 (5 folds).
//! Out of fold at 0.869: acc@1 0.434, false matches 0.010 (13 of 1315).

/// The fitted weights, one per feature of
/// `score::features::FEATURE_NAMES`.
pub const WEIGHTS: &[(&str, f64)] = &[
    ("bias", -4.353429),
    ("dice", 2.270204),
    ("evidence", 4.246808),
    ("same_key", 1.216367),
    ("given_name_equivalent", -0.108394),
    ("initial", 0.497085),
    ("same_consonants", 0.526909),
    ("spelling", 0.684924),
    ("joined_or_cut", 2.794697),
    ("acronym", -0.671665),
    ("company_words", -0.984014),
    ("query_unmatched", 0.063980),
    ("name_unmatched", 0.686630),
    ("type_conflict", -1.422700),
    ("descriptors_only", -1.424155),
    ("person", -1.385179),
    ("family_same", 0.404941),
    ("rival_close", -10.887992),
    ("query_parts", 0.321676),
    ("query_word_left", -0.446214),
    ("name_word_left", -1.277234),
    ("words_swapped", -0.175761),
    ("weakest_link", -2.244791),
    ("family_matched", 0.081779),
    ("given_matched", 1.399524),
    ("non_latin", 0.000000),
    ("ln_dice", 1.899654),
    ("ln_evidence", 4.477148),
];

/// The acceptance threshold chosen on out-of-fold probabilities.
pub const THRESHOLD: f64 = 0.869;
