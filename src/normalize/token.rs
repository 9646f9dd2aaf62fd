//! Word tokens of running text with byte offsets, their letter case, and
//! the kind of gap that separates each from the one before.
//!
//! The tokeniser is made for finding names in news text:
//!
//! - a token is a run of letters and digits (with their combining marks);
//!   apostrophes inside a word belong to it ("O'Brien", "Ka’bi"), and a
//!   possessive ending is not part of it ("Lavrov’s" → "Lavrov", "Jones'"
//!   → "Jones");
//! - dotted abbreviations are one token ("U.S.", "U.K."), whose folded key
//!   is the same as the gazetteer's ("u s");
//! - hyphens, `&` and white space with at most one line break join tokens
//!   into one possible name ([`Gap::Soft`]), and so does the full stop of
//!   an initial or a known abbreviation ("John F. Kennedy", "St. Louis");
//!   any other punctuation, or a blank line, separates them
//!   ([`Gap::Hard`]);
//! - a token is at a sentence start after `.`, `!`, `?`, `:`, an opening
//!   quote or a blank line, which tells a capital of grammar from a
//!   capital of a name.
//!
//! Offsets are byte offsets into the text, always on character boundaries,
//! so `&text[t.start..t.end]` is the token as written.

/// A word token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Its letter case.
    pub shape: Shape,
    /// What separates it from the previous token.
    pub gap: Gap,
    /// True for the first word of a sentence (or of the text).
    pub sentence_start: bool,
    /// The line (paragraph) it is on, counted from 0.
    pub line: u32,
}

/// The letter case of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Only lower-case letters (and maybe digits): "turkey", "al".
    Lower,
    /// An upper-case letter, not all capitals: "Turkey", "McDonald",
    /// "eBay", "A".
    Capitalised,
    /// Two or more letters, all capitals: "US", "NATO", "U.S.".
    Upper,
    /// Digits only: "2022".
    Number,
    /// Letters of scripts without case (Arabic, CJK): could be a name.
    Uncased,
}

impl Shape {
    /// Whether the token is written as a name could be: capitalised, in
    /// capitals, or in a script without case.
    pub fn is_name_like(self) -> bool {
        matches!(self, Shape::Capitalised | Shape::Upper | Shape::Uncased)
    }
}

/// What lies between a token and the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// Spaces, one line break, hyphens, `&`, or the full stop of an
    /// initial or abbreviation: the two tokens may be one name.
    Soft,
    /// Other punctuation, a blank line, or the start of the text.
    Hard,
}

/// Abbreviations whose full stop does not end a sentence, folded. Titles
/// ("Mr.", "Gen.") and name parts ("St.", "Jr.") that news text writes
/// with a stop.
const ABBREVIATIONS: &[&str] = &[
    "adm", "capt", "cmdr", "co", "col", "corp", "dr", "ft", "gen", "gov",
    "hon", "inc", "jr", "lt", "ltd", "maj", "messrs", "mr", "mrs", "ms", "mt",
    "no", "prof", "rep", "rev", "sen", "sgt", "sr", "st", "supt", "vs",
];

/// Splits `text` into word tokens. Costs one pass over the text.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 6);
    let mut pos = 0;
    let mut line = 0u32;
    // State of the gap being scanned.
    let mut newlines = 0u32;
    let mut hard = true;
    let mut sentence = true;
    while pos < text.len() {
        let c = char_at(text, pos);
        if is_word_char(c) {
            let (end, next) = scan_word(text, pos);
            let shape = shape_of(&text[pos..end]);
            tokens.push(Token {
                start: pos,
                end,
                shape,
                gap: if hard || newlines > 1 { Gap::Hard } else { Gap::Soft },
                sentence_start: sentence || newlines > 1,
                line,
            });
            newlines = 0;
            // A possessive ends a name: "New York’s PIX11" is two.
            hard = next > end;
            sentence = false;
            // A stop right after an initial or an abbreviation is part of
            // the name, not the end of a sentence.
            if bytes.get(end) == Some(&b'.') && next == end {
                let word = &text[pos..end];
                let initial =
                    shape == Shape::Capitalised && word.chars().count() == 1;
                // Two capitals are an acronym ("tell the FT. But"), not
                // the abbreviation written "Ft." or "Co.".
                let acronym = shape == Shape::Upper && word.len() == 2;
                if initial || (is_abbreviation(word) && !acronym) {
                    pos = end + 1;
                    continue;
                }
            }
            pos = next;
            continue;
        }
        match c {
            '\n' => {
                newlines += 1;
                line += 1;
            }
            ' ' | '\t' | '\r' | '\u{a0}' | '\u{2009}' | '\u{202f}' => {}
            '-' | '\u{2010}' | '\u{2011}' | '&' => {}
            '.' | '!' | '?' | ':' | '"' | '\u{201c}' | '\u{201e}'
            | '\u{00ab}' => {
                hard = true;
                sentence = true;
            }
            _ => hard = true,
        }
        pos += c.len_utf8();
    }
    tokens
}

/// The character starting at byte `pos` (a character boundary).
fn char_at(text: &str, pos: usize) -> char {
    // `pos` is always a boundary and below len, so there is a char.
    text[pos..].chars().next().unwrap_or('\0')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// Scans a word starting at `start`: returns its end and where scanning
/// resumes (past a possessive ending).
fn scan_word(text: &str, start: usize) -> (usize, usize) {
    let mut pos = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        // (No ASCII character is a combining mark: most words end at an
        // ASCII one, which is then not looked up.)
        if is_word_char(c)
            || (!c.is_ascii()
                && (unicode_normalization::char::is_combining_mark(c)
                    || matches!(c, '\u{ad}' | '\u{200c}' | '\u{200d}')))
        {
            pos = at + c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            let rest = &text[at + c.len_utf8()..];
            let mut after = rest.chars();
            match (after.next(), after.next()) {
                // Possessive "'s": the word ends before the apostrophe.
                (Some('s' | 'S'), next) if !next.is_some_and(is_word_char) => {
                    return (pos, at + c.len_utf8() + 1);
                }
                // An apostrophe inside a word joins it: O'Brien.
                (Some(n), _) if is_word_char(n) => {
                    pos = at + c.len_utf8();
                    continue;
                }
                // A trailing apostrophe (Jones') is not part of it.
                _ => return (pos, at + c.len_utf8()),
            }
        }
        // A dotted abbreviation: a single letter, a stop and a letter
        // ("U.S."), with the final stop kept.
        if c == '.' && is_dotted_abbreviation(&text[start..pos]) {
            if let Some(&(_, n)) = chars.peek() {
                if n.is_alphabetic() && single_letter_follows(text, at + 1) {
                    pos = at + 1;
                    continue;
                }
            }
            if text[start..pos].contains('.') {
                return (at + 1, at + 1);
            }
        }
        break;
    }
    (pos, pos)
}

/// Whether the word so far is one letter, or letters each followed by a
/// stop ("U", "U.S"), so that a stop may continue it.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.split('.').all(|p| p.chars().count() == 1)
}

/// Whether exactly one letter starts at `pos` (followed by a stop or a
/// non-letter).
fn single_letter_follows(text: &str, pos: usize) -> bool {
    let mut it = text[pos..].chars();
    match (it.next(), it.next()) {
        (Some(a), next) => {
            a.is_alphabetic() && !next.is_some_and(char::is_alphanumeric)
        }
        _ => false,
    }
}

fn is_abbreviation(word: &str) -> bool {
    word.len() <= 6 && {
        let lower = word.to_ascii_lowercase();
        ABBREVIATIONS.contains(&lower.as_str())
    }
}

/// The shape of a word.
fn shape_of(word: &str) -> Shape {
    let (mut upper, mut lower, mut uncased) = (0, 0, 0);
    let mut first_upper = false;
    for (i, c) in word.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            first_upper |= i == 0;
        } else if c.is_lowercase() {
            lower += 1;
        } else if c.is_alphabetic() {
            uncased += 1;
        }
    }
    if upper == 0 && lower == 0 {
        return if uncased > 0 { Shape::Uncased } else { Shape::Number };
    }
    if lower == 0 && upper >= 2 {
        return Shape::Upper;
    }
    if upper > 0 && (first_upper || lower > 0) {
        return Shape::Capitalised;
    }
    Shape::Lower
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn possessives_apostrophes_and_abbreviations() {
        assert_eq!(
            words("Russia’s envoy met Lavrov's aide, O'Brien and the Joneses' lawyer in the U.S. on Friday."),
            [
                "Russia", "envoy", "met", "Lavrov", "aide", "O'Brien", "and",
                "the", "Joneses", "lawyer", "in", "the", "U.S.", "on",
                "Friday"
            ]
        );
    }

    #[test]
    fn gaps_and_sentence_starts() {
        let text = "Secretary of State Antony\nBlinken met Sergei Lavrov. Then he left,\n\nsaid John F. Kennedy-Smith.";
        let t = tokenize(text);
        let by =
            |w: &str| *t.iter().find(|t| &text[t.start..t.end] == w).unwrap();
        assert_eq!(by("Blinken").gap, Gap::Soft, "one line break");
        assert!(!by("Blinken").sentence_start);
        assert_eq!(by("Blinken").line, 1);
        assert!(by("Then").sentence_start);
        assert_eq!(by("Then").gap, Gap::Hard);
        assert_eq!(by("said").gap, Gap::Hard, "blank line");
        assert_eq!(by("Kennedy").gap, Gap::Soft, "stop after an initial");
        assert_eq!(by("Smith").gap, Gap::Soft, "hyphen");
        assert!(!by("Kennedy").sentence_start);
        assert_eq!(by("Secretary").shape, Shape::Capitalised);
        assert_eq!(by("of").shape, Shape::Lower);
    }

    #[test]
    fn shapes() {
        let text = "US NATO U.S. eBay McDonald 2022 北京 al-Assad A";
        let shapes: Vec<Shape> =
            tokenize(text).iter().map(|t| t.shape).collect();
        use Shape::*;
        assert_eq!(
            shapes,
            [
                Upper,
                Upper,
                Upper,
                Capitalised,
                Capitalised,
                Number,
                Uncased,
                Lower,
                Capitalised,
                Capitalised
            ]
        );
    }

    #[test]
    fn offsets_are_char_boundaries_on_any_text() {
        let text = "Zoë Saldaña’s café — «Мария» 東京 e\u{301}t\u{e9}\u{301}!";
        for t in tokenize(text) {
            assert!(
                text.is_char_boundary(t.start) && text.is_char_boundary(t.end)
            );
            assert!(t.start < t.end);
        }
    }
}
