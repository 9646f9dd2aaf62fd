//! The English word lists mention spotting judges capitals with: ordinary
//! words, which a capital does not make a name, the titles that precede
//! names, and the words that end a name called after a place.
//!
//! All are embedded in the binary (see data/lexicon/PROVENANCE.md) and
//! parsed once per process.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::normalize::fold;

static COMMON_WORDS_GZ: &[u8] =
    include_bytes!("../../data/lexicon/common_words.txt.gz");
static TEXT_TITLES: &str = include_str!("../../data/lexicon/text_titles.txt");
static NAME_HEADS: &str = include_str!("../../data/lexicon/name_heads.txt");
static EVENT_HEADS: &str = include_str!("../../data/lexicon/event_heads.txt");

/// Lower-case particles and connectors that may stand inside a name
/// written in running text ("Bashar al-Assad", "Ministry of Foreign
/// Affairs", "Ursula von der Leyen").
const CONNECTORS: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "del", "della",
    "der", "den", "des", "do", "dos", "das", "du", "la", "le", "van", "von",
    "ten", "ter", "y", "e", "of", "for",
];

/// Function words: never a name by themselves, never the end of one.
const FUNCTION: &[&str] =
    &["of", "and", "for", "the", "on", "in", "at", "to", "a", "an", "by"];

/// Words for the members of a party, which news writes after the place
/// or body they come from ("Texas Republican", "Senate Democrats",
/// "Nebraska Democratic House primary"): people, like a demonym, and never
/// the rest of that place's name; "GOP" is one ("Senate GOP", "Arizona
/// GOP leaders"), and an alias of its party too. A party's own name is an
/// alias like any ("Republican Party", "Democratic Republic of the
/// Congo").
const AFFILIATIONS: &[&str] = &[
    "republican",
    "republicans",
    "democrat",
    "democrats",
    "democratic",
    "gop",
];

/// The parsed word lists.
pub struct Words {
    common: FxHashSet<Box<str>>,
    titles: FxHashSet<Box<str>>,
    /// The first words of titles.
    title_starts: WordSet,
    connectors: WordSet,
    function: WordSet,
    affiliations: WordSet,
    /// Words that end a name called after a place ("Council", "Herald").
    heads: WordSet,
    /// Words that end an event's name called after a place ("Derby").
    event_heads: WordSet,
}

/// The bit of a word's length in a shape mask (lengths of 63 bytes and
/// more share the last bit).
fn length_bit(word: &str) -> u64 {
    1 << word.len().min(63)
}

/// The entries of an embedded list: its lines but comments and blanks.
fn listed(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

/// A fixed list of words looked up by hash, not by a scan of the list:
/// spotting asks such lists of most tokens of every document. Per first
/// byte, a bit per length of the words (see [`length_bit`]) answers most
/// questions about other words without hashing them.
pub(super) struct WordSet {
    words: FxHashSet<Box<str>>,
    shapes: [u64; 256],
}

impl WordSet {
    /// The set of `words` (empty words are left out).
    pub(super) fn of<W: Into<Box<str>>>(
        words: impl IntoIterator<Item = W>,
    ) -> WordSet {
        let mut set =
            WordSet { words: FxHashSet::default(), shapes: [0; 256] };
        for w in words {
            let w: Box<str> = w.into();
            let Some(&b) = w.as_bytes().first() else { continue };
            set.shapes[usize::from(b)] |= length_bit(&w);
            set.words.insert(w);
        }
        set
    }

    /// Whether `key` is one of the words.
    pub(super) fn contains(&self, key: &str) -> bool {
        key.as_bytes().first().is_some_and(|&b| {
            self.shapes[usize::from(b)] & length_bit(key) != 0
        }) && self.words.contains(key)
    }
}

impl Words {
    /// The embedded lists, parsed on first use (about 10 ms).
    pub fn get() -> &'static Words {
        static WORDS: OnceLock<Words> = OnceLock::new();
        WORDS.get_or_init(Words::parse)
    }

    fn parse() -> Words {
        use std::io::Read;
        let mut text = String::new();
        // The list is part of the binary and checked by the test suite.
        flate2::read::GzDecoder::new(COMMON_WORDS_GZ)
            .read_to_string(&mut text)
            .expect("the embedded common-word list is valid gzip UTF-8");
        let common = text.lines().map(Box::from).collect();
        let titles: FxHashSet<Box<str>> =
            listed(TEXT_TITLES).map(|l| fold(l).into_boxed_str()).collect();
        let title_starts =
            WordSet::of(titles.iter().filter_map(|t| t.split(' ').next()));
        Words {
            common,
            titles,
            title_starts,
            connectors: WordSet::of(CONNECTORS.iter().copied()),
            function: WordSet::of(FUNCTION.iter().copied()),
            affiliations: WordSet::of(AFFILIATIONS.iter().copied()),
            heads: WordSet::of(listed(NAME_HEADS)),
            event_heads: WordSet::of(listed(EVENT_HEADS)),
        }
    }

    /// Whether a folded word is an ordinary English word that a capital
    /// does not make a name ("may", "price", "bout").
    pub fn is_common(&self, key: &str) -> bool {
        self.common.contains(key)
    }

    /// Whether a folded phrase (tokens joined by one space) is a title.
    pub fn is_title(&self, key: &str) -> bool {
        self.titles.contains(key)
    }

    /// Whether a title starts with the folded word.
    pub fn starts_title(&self, key: &str) -> bool {
        self.title_starts.contains(key)
    }

    /// Whether a folded word may stand, in lower case, inside a name.
    pub fn is_connector(&self, key: &str) -> bool {
        self.connectors.contains(key)
    }

    /// Whether a folded word names a party's members ("republicans",
    /// "democrat"), which follow the place or body they come from.
    pub fn is_affiliation(&self, key: &str) -> bool {
        self.affiliations.contains(key)
    }

    /// Whether a folded word ends the name of a body, an institution, a
    /// newspaper or an area called after a place ("council", "herald",
    /// "county"): after a place's name it goes on that name.
    pub fn is_name_head(&self, key: &str) -> bool {
        self.heads.contains(key)
    }

    /// Whether a folded word ends the name of an event called after a
    /// place ("derby", "marathon", "games").
    pub fn is_event_head(&self, key: &str) -> bool {
        self.event_heads.contains(key)
    }

    /// Whether a folded word is a function word.
    pub fn is_function(&self, key: &str) -> bool {
        self.function.contains(key)
    }

    /// Number of common words (for reports and tests).
    pub fn common_len(&self) -> usize {
        self.common.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_heads_are_folded_words() {
        // Looked up by folded key: an entry written otherwise would never
        // match.
        for w in listed(NAME_HEADS).chain(listed(EVENT_HEADS)) {
            assert_eq!(fold(w), w, "{w}");
            assert!(!w.contains(' '), "{w}");
        }
        assert!(Words::get().is_name_head("council"));
    }
}
