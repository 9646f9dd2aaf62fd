//! How one query part meets one part of a stored name: the kinds of link
//! ([`LinkKind`]), their similarity ([`part_similarity`]), and what a part
//! left unmatched costs ([`unmatched_penalty`]).

use serde::Serialize;

use crate::candidate::fuzzy::QueryPart;
use crate::gazetteer::{Gazetteer, StoredPart};
use crate::name::compare::{
    person_noun, same_consonants, spelling_similarity, within_budget,
    CONSONANT_SIMILARITY, GROUP_SIMILARITY,
};
use crate::name::{Class, Role};

/// Similarity of an initial and a word with that first letter.
pub const INITIAL_SIMILARITY: f32 = 0.8;

/// Symbols of the words that say only that an organisation is a business
/// ("Company", "Corporation", "Group", "Holding", "Enterprise", "Concern",
/// "Industries", in any language the lexicon knows): one written for
/// another ("FULMEN COMPANY", "FULMEN GROUP") names the same business more
/// often than not. Words for other kinds of organisation ("Institute",
/// "Foundation", "Association") tell organisations apart and are not
/// among them.
pub const COMPANY_WORDS: &[&str] = &[
    "@co",
    "@corp",
    "@grp",
    "@holding",
    "@enterprise",
    "@concern",
    "@industry",
];

/// Similarity of two different words of [`COMPANY_WORDS`].
pub const COMPANY_WORD_SIMILARITY: f32 = 0.8;

/// How a query part and a part of a stored name were linked, or that a
/// part was left unmatched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// A key of one is a key of the other.
    SameKey,
    /// Two spellings of one legal form (`#llc`).
    SameLegalForm,
    /// An initial and a word with that first letter, or two initials.
    Initial,
    /// Spellings in one given-name group (Anthony/Antony, Mikhail/Michael).
    GivenNameEquivalent,
    /// Keys that differ only in their vowels (Mohandes/Muhandis).
    SameConsonants,
    /// Keys within their typo budget (Griner/Greiner).
    Spelling,
    /// Two words that both say "a business" (Company/Group).
    CompanyWords,
    /// One word on one side, two adjacent ones on the other
    /// (Hamidreza/Hamid Reza).
    Joined,
    /// A word and the same word cut short (TRANS/TRANSPORTATION).
    CutShort,
    /// An acronym and the words it spells (IRISL/... SHIPPING LINES).
    Acronym,
    /// No link: the part is unmatched, or two parts are not alike.
    Unmatched,
}

impl LinkKind {
    /// The label explanations show (`nomina resolve --explain`).
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::SameKey => "same key",
            LinkKind::SameLegalForm => "same legal form",
            LinkKind::Initial => "initial",
            LinkKind::GivenNameEquivalent => "given-name equivalent",
            LinkKind::SameConsonants => "same consonants",
            LinkKind::Spelling => "spelling",
            LinkKind::CompanyWords => "company words",
            LinkKind::Joined => "joined words",
            LinkKind::CutShort => "cut short",
            LinkKind::Acronym => "acronym",
            LinkKind::Unmatched => "unmatched",
        }
    }
}

impl std::fmt::Display for LinkKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for LinkKind {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// A similarity and the kind of link that gives it.
pub type Likeness = (f32, LinkKind);

/// No likeness at all.
const UNLIKE: Likeness = (0.0, LinkKind::Unmatched);

/// What an unmatched part of a name costs, as a fraction of its weight.
/// `person` is true when the other side reads as a person's name.
pub fn unmatched_penalty(class: Class, role: Role, person: bool) -> f32 {
    match class {
        Class::Stop => 0.0,
        Class::Generic => 0.15,
        Class::Initial => 0.5,
        Class::Word
            if matches!(role, Role::Middle | Role::Patronymic) && person =>
        {
            0.25
        }
        Class::Word => 1.0,
    }
}

/// Similarity of a query part and a stored part, with how it was judged.
/// `their_groups` are the given-name groups of the stored part's primary
/// key (needed only when `q` has groups).
pub fn part_similarity(
    g: &Gazetteer,
    q: &QueryPart,
    s: &StoredPart,
    their_groups: &[u32],
) -> Likeness {
    // A key of the query part is a term of the stored part.
    let same = s.terms().iter().any(|t| q.terms.contains(t));
    let mut buf = [""; 3];
    for (b, &t) in buf.iter_mut().zip(s.terms()) {
        *b = g.term_text(t);
    }
    let texts = &buf[..s.terms().len()];
    let Some(&primary) = texts.first() else {
        return UNLIKE;
    };
    match (q.class, s.class) {
        (Class::Generic, Class::Generic) if same => {
            return (1.0, LinkKind::SameLegalForm)
        }
        // A word read as a legal form where the type is unknown, and the
        // same word in the other name ("Iyad Ag Ghaly", "GHALI, Iyad ag").
        (Class::Generic, Class::Word) | (Class::Word, Class::Generic)
            if same =>
        {
            return (1.0, LinkKind::SameKey)
        }
        (Class::Generic, _) | (_, Class::Generic) => return UNLIKE,
        (Class::Initial, Class::Initial) if same => {
            return (1.0, LinkKind::Initial)
        }
        (Class::Initial, Class::Initial) => return UNLIKE,
        (Class::Initial, _) | (_, Class::Initial) => {
            let (a, b) = (&q.keys[0], primary);
            return if a.chars().next() == b.chars().next() {
                (INITIAL_SIMILARITY, LinkKind::Initial)
            } else {
                UNLIKE
            };
        }
        _ => {}
    }
    if same {
        return (1.0, LinkKind::SameKey);
    }
    if [&q.keys[0][..], primary].iter().all(|k| COMPANY_WORDS.contains(k)) {
        return (COMPANY_WORD_SIMILARITY, LinkKind::CompanyWords);
    }
    let mut best = UNLIKE;
    if q.groups.iter().any(|x| their_groups.binary_search(x).is_ok()) {
        best = (GROUP_SIMILARITY, LinkKind::GivenNameEquivalent);
    }
    // A person made of a place or thing ("Sri Lankans", "New Yorker") is
    // not it by spelling: not even by a stem ("lankan") spelt like the
    // place. Names of one group stay equivalent (Pete, Peter).
    if person_noun(&q.keys[0], primary) {
        return best;
    }
    for (a, k) in q.keys.iter().enumerate() {
        for (b, t) in texts.iter().enumerate() {
            if best.0 < CONSONANT_SIMILARITY && same_consonants(k, t) {
                best = (CONSONANT_SIMILARITY, LinkKind::SameConsonants);
            }
            // A stem or another alternate key is itself an approximation:
            // it meets a word within the typo budget only, never one edit
            // beyond ("public", the stem of "publications", is no
            // "republic").
            let sim = if a == 0 && b == 0 {
                spelling_similarity(k, t)
            } else {
                within_budget(k, t)
            };
            if sim > best.0 {
                best = (sim, LinkKind::Spelling);
            }
        }
    }
    best
}

/// A part's weight as scoring uses it: a legal form weighs at most 1,
/// however rare its class is in the gazetteer.
pub fn capped(class: Class, weight: f32) -> f32 {
    if class == Class::Generic {
        weight.min(1.0)
    } else {
        weight
    }
}
