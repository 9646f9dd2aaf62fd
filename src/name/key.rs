//! The prefixes that mark a key (and so a term of the name index) as
//! something other than a spelling. Each is named here once; a key that
//! starts with none of them is a token's romanisation skeleton or stem.
//!
//! | prefix | key of                      | example              |
//! |--------|-----------------------------|----------------------|
//! | `#`    | a legal-form class          | `#llc`, `#jsc`       |
//! | `@`    | a generic organisation word | `@co`, `@institute`  |
//! | `+`    | an organisation domain word | `+factory`           |
//! | `~`    | a generational suffix       | `~jr`, `~iii`        |
//! | `%`    | a given-name group (terms)  | `%1234`              |
//! | `^`    | an organisation's acronym (terms) | `^ubrd`        |
//! | `=`    | a canonical name written in lower case (lookup keys) | `=radiation therapy` |

/// Key prefix of legal-form classes.
pub const LEGAL_PREFIX: char = '#';
/// Key prefix of generic organisation words.
pub const SYMBOL_PREFIX: char = '@';
/// Key prefix of organisation domain words.
pub const DOMAIN_PREFIX: char = '+';
/// Key prefix of generational suffixes and regnal numbers.
pub const SUFFIX_PREFIX: char = '~';
/// Term prefix of given-name groups: `%` and the group's number.
pub const GROUP_PREFIX: char = '%';
/// Term prefix of acronyms: `^` and the acronym's skeleton.
pub const ACRONYM_PREFIX: char = '^';

/// Lookup-key prefix of a canonical name written all in lower case
/// ("selfie", "radiation therapy": a common noun's entity, as Wikidata
/// labels concepts). Running text matches it only where it is written in
/// lower case too; see [`written_in_lower_case`].
pub const LOWER_CASE_PREFIX: char = '=';

/// Whether `name` is written all in lower case: it has a lower-case
/// letter and no capital ("type-1 diabetes", not "iOS" or "el-Sisi"'s
/// "El-Sisi").
pub fn written_in_lower_case(name: &str) -> bool {
    name.chars().any(char::is_lowercase)
        && !name.chars().any(char::is_uppercase)
}

/// The prefixes of keys that are classes or symbols, not spellings: what
/// a typo search never expands.
pub const CLASS_PREFIXES: [char; 3] =
    [LEGAL_PREFIX, SYMBOL_PREFIX, DOMAIN_PREFIX];

/// The first bytes of terms that are no spelling of a word: a typo search
/// over the term fst skips them.
pub const NON_SPELLING_TERMS: [u8; 5] = [
    LEGAL_PREFIX as u8,
    GROUP_PREFIX as u8,
    SYMBOL_PREFIX as u8,
    DOMAIN_PREFIX as u8,
    ACRONYM_PREFIX as u8,
];

/// Whether `key` is an organisation word's symbol or a legal form's class
/// (a descriptor of an organisation rather than a word of its name).
pub fn is_descriptor(key: &str) -> bool {
    key.starts_with(CLASS_PREFIXES)
}

/// Whether `key` is a generational suffix's.
pub fn is_suffix(key: &str) -> bool {
    key.starts_with(SUFFIX_PREFIX)
}

/// The term of given-name group `group`.
pub fn group_term(group: u32) -> String {
    format!("{GROUP_PREFIX}{group}")
}

/// The term of an acronym whose skeleton is `key`.
pub fn acronym_term(key: &str) -> String {
    format!("{ACRONYM_PREFIX}{key}")
}
