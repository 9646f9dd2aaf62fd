//! The scorer's fitted parameters. Written by `nomina fit` (see
//! scripts/fit_scorer.sh); do not edit by hand.
//!
//! Fitted on train.tsv: 6245 queries, 6146 candidate rows, L2 1.
//! Threshold: out-of-fold false-match rate <= 0.01 (5 folds).
//! Out of fold at 0.868: acc@1 0.435, false matches 0.010 (13 of 1315).

/// The fitted weights, one per feature of
/// `score::features::FEATURE_NAMES`.
pub const WEIGHTS: &[(&str, f64)] = &[
    ("bias", -4.352796),
    ("dice", 2.269775),
    ("evidence", 4.246070),
    ("same_key", 1.216790),
    ("given_name_equivalent", -0.108378),
    ("initial", 0.497083),
    ("same_consonants", 0.526910),
    ("spelling", 0.684291),
    ("joined_or_cut", 2.793859),
    ("acronym", -0.671328),
    ("company_words", -0.983996),
    ("query_unmatched", 0.063678),
    ("name_unmatched", 0.686426),
    ("type_conflict", -1.422658),
    ("descriptors_only", -1.424149),
    ("person", -1.385281),
    ("family_same", 0.404752),
    ("rival_close", -10.889126),
    ("query_parts", 0.321694),
    ("query_word_left", -0.446139),
    ("name_word_left", -1.277310),
    ("words_swapped", -0.175625),
    ("weakest_link", -2.244166),
    ("family_matched", 0.082125),
    ("given_matched", 1.399724),
    ("non_latin", 0.000000),
    ("ln_dice", 1.899191),
    ("ln_evidence", 4.476367),
];

/// The acceptance threshold chosen on out-of-fold probabilities.
pub const THRESHOLD: f64 = 0.868;
