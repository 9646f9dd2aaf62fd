//! Text normalisation: from a name as written to the lookup key it is
//! indexed and queried under.
//!
//! [`fold`] is the one function both ends use, the gazetteer compiler on
//! every name and alias and the resolver on every query, so that two
//! spellings that differ only in case, width, diacritics, punctuation or
//! spacing meet at the same key:
//!
//! 1. apostrophes and invisible format characters are removed, so
//!    "O'Brien", "O’Brien" and "OBrien" join into one word;
//! 2. NFKD (compatibility decomposition): full-width forms, ligatures and
//!    super/subscripts become plain letters, accented letters split into a
//!    base letter and combining marks;
//! 3. combining marks are dropped after Latin and Greek letters ("é" → "e",
//!    "ά" → "α") and kept after letters of other scripts, where they are
//!    part of the spelling (Cyrillic "й", Devanagari vowel signs); marks
//!    with no letter to attach to are dropped; letters with no
//!    decomposition are folded by a small table ("ø" → "o", "ł" → "l");
//! 4. full Unicode case folding ("ß" → "ss", "Σ"/"ς" → "σ");
//! 5. every run of other characters (punctuation, symbols, white space)
//!    becomes one space; no leading or trailing space.
//!
//! Folding is idempotent: `fold(&fold(s)) == fold(s)`.
//!
//! Two steps go further, for comparing tokens of names: [`romanise`]
//! writes Cyrillic and Greek letters in Latin ones ([`translit`]), and
//! [`skeleton()`] reduces a romanised token to a key shared by its
//! spellings in different romanisations ("Sergei", "Serguei" → `sergi`).

mod fold;
pub mod skeleton;
pub mod token;
pub mod translit;

pub use fold::{fold, join_dotted, natural_order};
pub use skeleton::skeleton;
pub use translit::romanise;

/// Whether every letter of `text` is a Latin one (below U+0250: Basic
/// Latin to IPA Extensions).
pub fn written_in_latin(text: &str) -> bool {
    text.chars().all(|c| !c.is_alphabetic() || (c as u32) < 0x250)
}
