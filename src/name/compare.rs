//! How alike two words of names are: the comparisons that candidate
//! generation and scoring share, so that a term proposed for a query part
//! is judged by the same rule that found it.
//!
//! All work on keys (folded, romanised skeletons; see
//! [`crate::normalize::skeleton()`]). Similarity values are in 0..=1;
//! lengths and budgets are the name model's bounds in [`crate::limits`].

use crate::limits::{
    MIN_ABBREVIATION, MIN_BEYOND_BUDGET, MIN_CONSONANTS, ONE_TYPO_MAX_LEN,
    TYPO_FREE_MAX_LEN,
};

/// Edits allowed between a query key and a term of `len` characters: none
/// up to [`TYPO_FREE_MAX_LEN`], one up to [`ONE_TYPO_MAX_LEN`], two beyond.
pub fn typo_budget(len: usize) -> u8 {
    if len <= TYPO_FREE_MAX_LEN {
        0
    } else if len <= ONE_TYPO_MAX_LEN {
        1
    } else {
        2
    }
}

/// The consonant skeleton of a key: its first letter, then its letters
/// other than vowels. `None` when the key is not ASCII or the skeleton is
/// shorter than [`MIN_CONSONANTS`] letters (too short to tell names apart).
pub fn consonants(key: &str) -> Option<Vec<u8>> {
    let bytes = key.as_bytes();
    let (&first, rest) = bytes.split_first()?;
    if !first.is_ascii_lowercase() || !key.is_ascii() {
        return None;
    }
    let mut out = vec![first];
    out.extend(rest.iter().filter(|c| !VOWELS.contains(c)));
    (out.len() >= MIN_CONSONANTS).then_some(out)
}

/// Letters [`consonants`] leaves out.
pub const VOWELS: &[u8] = b"aeiou";

/// Similarity of two spellings in one given-name group (Antony/Anthony,
/// Mikhail/Michael): what candidate generation estimates and scoring
/// gives.
pub const GROUP_SIMILARITY: f32 = 0.9;

/// Similarity of two keys with the same consonants.
pub const CONSONANT_SIMILARITY: f32 = 0.9;

/// Factor on the similarity of two spellings one edit beyond the typo
/// budget ("Nzabanita"/"Nzabamwita", "Akademika"/"Academica"): still
/// evidence, weaker than a typo.
pub const BEYOND_BUDGET: f32 = 0.8;

/// Similarity of a word and the same word cut short ("TRANS",
/// "TRANSPORTATION"); see [`abbreviation`].
pub const ABBREVIATION_SIMILARITY: f32 = 0.9;

/// Similarity of two spellings of a word: Jaro-Winkler within the typo
/// budget of the shorter ([`typo_budget`]), discounted by
/// [`BEYOND_BUDGET`] one edit beyond it when the shorter has at least
/// [`MIN_BEYOND_BUDGET`] letters, 0 further off or below four letters.
/// Jaro-Winkler rewards a shared beginning, where romanisations of one name
/// agree most.
pub fn spelling_similarity(k: &str, t: &str) -> f32 {
    spelling(k, t, true)
}

fn spelling(k: &str, t: &str, beyond: bool) -> f32 {
    if person_noun(k, t) {
        return 0.0;
    }
    let (a, b) = (k.chars().count(), t.chars().count());
    let budget = usize::from(typo_budget(a.min(b)));
    if budget == 0 || a.abs_diff(b) > budget + 1 {
        return 0.0;
    }
    let d = strsim::levenshtein(k, t);
    let discount = match d {
        0 => return 1.0,
        d if d <= budget => 1.0,
        d if beyond && d == budget + 1 && a.min(b) >= MIN_BEYOND_BUDGET => {
            BEYOND_BUDGET
        }
        _ => return 0.0,
    };
    strsim::jaro_winkler(k, t) as f32 * discount
}

/// [`spelling_similarity`] without the allowance one edit beyond the
/// budget: 0 unless the two are within it.
pub fn within_budget(k: &str, t: &str) -> f32 {
    spelling(k, t, false)
}

/// Whether one of two words is the other with an English suffix that
/// makes persons of a thing or a place: "-er" (or "-ers"; "-r" after a
/// final "e") for an agent or an inhabitant ("Commissioner" is no
/// Commission, a "New Zealander" no New Zealand, "Yorker" no "Yorke",
/// "Becker" no Beck), and "-ns" for the people of a place in "-a" ("Sri
/// Lankans", "Kenyans"; the adjective, "Sri Lankan", stays the place's).
/// Neither a spelling nor a word cut short of the other.
pub fn person_noun(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short).is_some_and(|rest| {
        matches!(rest, "er" | "ers")
            || (short.ends_with('e') && matches!(rest, "r" | "rs"))
            || (short.ends_with('a') && rest == "ns")
    })
}

/// Similarity of two words one of which may be the other cut short:
/// [`ABBREVIATION_SIMILARITY`] when the shorter, of at least
/// [`MIN_ABBREVIATION`] letters, begins the longer; else 0. Symbols and
/// legal-form classes are not words.
pub fn abbreviation(a: &str, b: &str) -> f32 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let word = |k: &str| k.bytes().all(|c| c.is_ascii_lowercase());
    if short.len() >= MIN_ABBREVIATION
        && short.len() < long.len()
        && !person_noun(long, short)
        && word(short)
        && word(long)
        && long.starts_with(short)
    {
        ABBREVIATION_SIMILARITY
    } else {
        0.0
    }
}

/// True when two keys of three or more consonants differ only in their
/// vowels after the first letter (Mohandes/Muhandis, Mehdi/Mahdi), or,
/// both beginning with a vowel, in their vowels (Olimjon/Alimjan,
/// Ismail/Esmail): the vowels of Arabic, Persian and Turkic names are the
/// least stable part of their romanisation.
pub fn same_consonants(a: &str, b: &str) -> bool {
    // As `consonants(a) == consonants(b)`, or equal but for two initial
    // vowels, without building either (scoring asks this of every pair of
    // parts).
    let (Some(&fa), Some(&fb)) = (a.as_bytes().first(), b.as_bytes().first())
    else {
        return false;
    };
    let usable =
        |first: u8, k: &str| first.is_ascii_lowercase() && k.is_ascii();
    if !usable(fa, a) || !usable(fb, b) {
        return false;
    }
    fn rest(k: &str) -> impl Iterator<Item = u8> + '_ {
        k.as_bytes()[1..].iter().copied().filter(|c| !VOWELS.contains(c))
    }
    if 1 + rest(a).count() < MIN_CONSONANTS
        || 1 + rest(b).count() < MIN_CONSONANTS
    {
        return false;
    }
    let vowel = |c: u8| VOWELS.contains(&c);
    (fa == fb || (vowel(fa) && vowel(fb))) && rest(a).eq(rest(b))
}

#[cfg(test)]
mod tests {
    use super::{
        abbreviation, person_noun, same_consonants, spelling_similarity,
        within_budget,
    };

    #[test]
    fn vowels_are_free_but_consonants_are_not() {
        assert!(same_consonants("muhandis", "mohandes"));
        // An initial vowel too (Uzbek Olimjon, Russian Alimzhan).
        assert!(same_consonants("olimjon", "alimjan"));
        assert!(same_consonants("ismail", "esmail"));
        // Not a consonant for a vowel, nor a different first consonant.
        assert!(!same_consonants("olimjon", "blimjon"));
        assert!(!same_consonants("mehdi", "nehdi"));
    }

    #[test]
    fn an_person_noun_is_no_spelling_of_its_thing() {
        assert!(person_noun("commissioner", "commission"));
        assert!(person_noun("zealand", "zealanders"));
        assert!(person_noun("iorker", "iorke"));
        assert!(person_noun("lankans", "lanka"));
        assert!(!person_noun("lankan", "lanka"));
        assert_eq!(spelling_similarity("iorker", "iorke"), 0.0);
        assert_eq!(abbreviation("comisioner", "comision"), 0.0);
        // Other endings stay spellings: Sri Lankan, Saudi Arabian, Greiner.
        assert!(spelling_similarity("lankan", "lanka") > 0.9);
        assert!(spelling_similarity("arabian", "arabia") > 0.9);
        assert!(spelling_similarity("griner", "greiner") > 0.9);
    }

    #[test]
    fn within_the_budget_means_no_edit_beyond_it() {
        assert!(spelling_similarity("public", "republic") > 0.7);
        assert_eq!(within_budget("public", "republic"), 0.0);
        assert_eq!(
            within_budget("griner", "greiner"),
            spelling_similarity("griner", "greiner")
        );
    }

    #[test]
    fn a_long_word_may_be_one_edit_beyond_its_budget_a_short_one_not() {
        // Nine letters, two edits: the same family name
        // ("NZABAMWITA, Lucien" written "NZABANITA").
        assert!(spelling_similarity("nzabanita", "nzabamwita") > 0.6);
        // Four letters, two edits: different names ("MAKI" is not
        // "MAJID"), as "kalim"/"kasim" one edit apart stay spellings.
        assert_eq!(spelling_similarity("maki", "majid"), 0.0);
        assert!(spelling_similarity("ganan", "kanan") > 0.8);
    }
}
