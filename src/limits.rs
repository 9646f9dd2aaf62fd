//! Every cap and threshold, named in one place.
//!
//! Three kinds of bound live here, each documented where it is defined:
//!
//! * **caps on input and work** that protect nomina from pathological
//!   input and keep memory and time per query or per document bounded,
//!   whatever the gazetteer's size;
//! * **the name model's length bounds**: how short a word may be and still
//!   be stemmed, compared by its consonants, cut short or misspelt;
//! * **acceptance thresholds**: the scores below which the answer is "no
//!   entity", and the shares and ratios at which a rule of the mention
//!   spotter fires.
//!
//! What a rule *scores* (a similarity of 0.9 for two spellings of a given
//! name, a factor on a type conflict) is a parameter of that rule and
//! stays beside it, in the scoring and spotting modules.

use std::ops::RangeInclusive;

// ---------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------

/// The longest source line accepted (16 MiB). A longer line is reported as
/// a row error rather than read into memory whole.
pub const MAX_SOURCE_LINE: usize = 16 << 20;

/// The longest name or alias accepted in a source, in bytes. Longer strings
/// are not names; they are reported as row errors.
pub const MAX_NAME_BYTES: usize = 4096;

/// The most aliases one entity may carry after merging all its rows.
pub const MAX_ALIASES_PER_ENTITY: usize = 100_000;

/// The longest query string `resolve` normalises, in bytes. Longer input is
/// truncated to this many bytes (at a character boundary) before lookup.
pub const MAX_QUERY_BYTES: usize = 4096;

/// The longest document accepted, in bytes (a JSONL line or a text file).
pub const MAX_DOCUMENT_BYTES: usize = MAX_SOURCE_LINE;

// ---------------------------------------------------------------------
// Builds
// ---------------------------------------------------------------------

/// Source lines parsed together, in parallel, before they are merged in
/// order.
pub const BATCH_LINES: usize = 4096;
/// Entities whose records a build encodes into one buffer.
pub const RECORD_CHUNK: usize = 4096;

/// Keys folded together, in parallel, before they are sent to the key
/// fst's builder.
pub const KEY_BATCH: usize = 4096;

/// Entities whose names are parsed together (in parallel) while the
/// previous chunk is interned: a build holds the parsed form of two such
/// chunks at a time.
pub const CHUNK_ENTITIES: usize = 1 << 14;

// ---------------------------------------------------------------------
// Name model
// ---------------------------------------------------------------------

/// The most parts a name keeps, stored or queried; longer text is not one
/// name, and alignment is quadratic in the parts.
pub const MAX_NAME_PARTS: usize = 32;

/// The longest phrase of the lexicon (a title, a legal form), in tokens.
pub const MAX_PHRASE_TOKENS: usize = 8;

/// Tokens of at most this many letters are abbreviations ("dd", "ky",
/// "AO"), looked up in the lexicon as written: their skeletons would meet
/// initials and name parts ("R.D.", "Kwok-ki").
pub const SHORT_TOKEN: usize = 3;

/// Words shorter than this are not stemmed: the English stemmer reads
/// names as words ("Forli" → "for").
pub const MIN_STEMMED_LEN: usize = 6;

/// Stems shorter than this are dropped.
pub const MIN_STEM_LEN: usize = 4;

/// The fewest and most words a name's acronym stands for.
pub const ACRONYM_WORDS: RangeInclusive<usize> = 2..=5;

/// Keys of at most this many letters have no typo budget.
pub const TYPO_FREE_MAX_LEN: usize = 3;

/// Keys of at most this many letters (and more than
/// [`TYPO_FREE_MAX_LEN`]) may be one edit off; longer ones two.
pub const ONE_TYPO_MAX_LEN: usize = 9;

/// The shortest word, in letters, that may be one edit beyond its typo
/// budget from another: two edits leave half of a four-letter word
/// ("Maki"/"Majid").
pub const MIN_BEYOND_BUDGET: usize = 5;

/// The shortest consonant skeleton compared (first letter and
/// consonants): shorter ones are too short to tell names apart.
pub const MIN_CONSONANTS: usize = 4;

/// The fewest letters a word cut short keeps ("TRANS" for
/// "TRANSPORTATION").
pub const MIN_ABBREVIATION: usize = 4;

// ---------------------------------------------------------------------
// Candidate generation (per query)
// ---------------------------------------------------------------------

/// The most entities a single exact key may return before its list is cut.
/// A key shared by more entities than this carries no identifying power.
pub const MAX_EXACT_POSTINGS: usize = 256;

/// The most names scored per query.
pub const MAX_SCORED_NAMES: usize = 12;

/// Names whose estimate is below this share of the best estimate are not
/// scored.
pub const MIN_ESTIMATE_SHARE: f32 = 0.6;

/// The most parts of one query searched for typos.
pub const MAX_TYPO_PARTS: usize = 2;

/// The most terms one query key expands to through the typo automaton.
pub const MAX_TERM_HITS: usize = 64;

/// The most names read from one term's list.
pub const MAX_TERM_SCAN: usize = 2_000;

/// Once some names are found, a part listed under more names than this
/// adds no new candidates, only weight to those found: it would add many
/// names sharing only a common word.
pub const MAX_WIDENING_DF: usize = 2_000;

/// The most candidates checked one by one for a common part (see
/// [`crate::candidate::fuzzy::candidates`]).
pub const MAX_PROBED: usize = 512;

/// The most names read from term lists per query.
pub const MAX_NAMES_VISITED: usize = 8_000;

/// The shortest query word looked up as an acronym, in letters.
pub const MIN_ACRONYM_LOOKUP: usize = 3;

/// The shortest half of a word split in two terms, in letters.
pub const MIN_SPLIT: usize = 3;

/// The longest key searched for typos, in bytes.
pub const MAX_TYPO_KEY: usize = 32;

/// The most fst nodes one consonant search visits.
pub const MAX_CONSONANT_NODES: usize = 20_000;

// ---------------------------------------------------------------------
// Scoring and acceptance
// ---------------------------------------------------------------------

/// Matches scoring below this are not returned by `resolve`: the fitted
/// model's probability at which the out-of-fold false-match rate on the
/// training queries is 1 % (chosen by `nomina fit`, see `src/fitted.rs`).
pub const ACCEPT_THRESHOLD: f64 = crate::fitted::THRESHOLD;

/// Fuzzy candidates whose score of candidate generation (the Dice
/// coefficient with its factors, see `score::Scorer`) is below this are
/// not weighed by the fitted model: a floor for speed. Measured on the
/// training split (`nomina fit`, `benches/README.md`): lowering it to 0.35
/// or raising it to 0.65 gives a lower out-of-fold acc@1.
pub const MIN_CANDIDATE_SCORE: f64 = 0.5;

/// Fuzzy links in running text scoring below this are not made. It is
/// above the single-name [`ACCEPT_THRESHOLD`]: a name looked up is known
/// to be a name, while a run of capitalised words in text is a guess, most
/// often of something the gazetteer does not hold ("Duchess of
/// Cambridge", "Donald Trump Jr", "Ben & Jerry"), so a link needs more
/// evidence. Chosen on the news sample (see `benches/README.md`): at 0.83
/// it linked 31 more runs, nearly all wrong ("Daniel Day-Lewis" to a
/// sanctioned LOUIE, Daniel Maurice).
pub const TEXT_THRESHOLD: f64 = 0.85;

/// The fitted model's probability a run of capitalised words in running
/// text needs to link by name-part alignment (a fuzzy link). Higher than
/// the [`ACCEPT_THRESHOLD`] of a name looked up: the model is fitted on
/// names known to be names, and a run in text is only a guess at one.
/// Chosen on the dev half of the HuffPost mention set
/// (`data/eval/huffpost-800-dev.jsonl`, see `benches/README.md`): the
/// lowest value of the sweep 0.85–0.98 at which F1 is highest.
pub const TEXT_FUZZY_THRESHOLD: f64 = 0.90;

/// The highest score a fuzzy match can have: below any exact match.
pub const MAX_FUZZY_SCORE: f64 = 0.99;

/// Pairs of name parts less similar than this are not aligned.
pub const MIN_PART_SIMILARITY: f32 = 0.6;

// ---------------------------------------------------------------------
// Mentions in running text (per document)
// ---------------------------------------------------------------------

/// The most tokens one mention may span.
pub const MAX_MENTION_TOKENS: usize = 12;

/// The longest title phrase ("Secretary of State"), in tokens.
pub const MAX_TITLE_TOKENS: usize = 4;

/// A single word of at most this many letters is linked only to an alias
/// written exactly so ("US", not "Us").
pub const MAX_SHORT_WORD: usize = 3;

/// Places with fewer people than this are small: an alias of one alone is
/// weak evidence, and the prior never chooses one among entities of the
/// same name.
pub const SMALL_PLACE_POPULATION: u64 = 100_000;

/// A place's two-letter code alone ("PR", "SA", "NZ") names it in prose
/// only for the most populous countries ("US", "UK", with this many
/// people or more); for the others the letters stand for something else
/// as often ("PR" for public relations, "SA" for South Africa), and the
/// code links only where the document names the place otherwise.
pub const TWO_LETTER_PLACE_POPULATION: u64 = 50_000_000;

/// Cities of this many people or more keep their former and foreign
/// one-word names as evidence ("Bombay", "Peking"); smaller ones' are
/// mostly other things ("Twickenham" for Huntsville, Alabama).
pub const MAJOR_CITY_POPULATION: u64 = 1_000_000;

/// How many words a run written as a person's name has ("John Howard",
/// "John Winston Howard").
pub const PERSON_RUN_WORDS: RangeInclusive<usize> = 2..=3;

/// How many matches of a run of capitalised words are weighed against
/// what its writing says (a title before it, a person's name).
pub const RUN_MATCHES: usize = 3;

/// The most family-name words in capitals before the comma of a name
/// written "FAMILY, Given" in text.
pub const MAX_INVERTED_FAMILY_WORDS: usize = 3;

/// The most given-name words after that comma.
pub const MAX_INVERTED_GIVEN_WORDS: usize = 4;

/// A line is in title case when, after its first word, at least
/// [`TITLE_CASE_MIN_WORDS`] words of [`TITLE_CASE_MIN_LETTERS`] letters or
/// more are ordinary words or in lower case, and at least this share of
/// them (numerator, denominator) is capitalised. (A document's first
/// line of at least [`TITLE_CASE_MIN_WORDS`] words, each capitalised but
/// function words, one of them an ordinary word, is in title case too.)
pub const TITLE_CASE_SHARE: (usize, usize) = (4, 5);

/// See [`TITLE_CASE_SHARE`].
pub const TITLE_CASE_MIN_WORDS: usize = 3;

/// See [`TITLE_CASE_SHARE`].
pub const TITLE_CASE_MIN_LETTERS: usize = 4;

/// The prior links a name shared by several entities to the most
/// prominent only when its measure is at least this many times the
/// runner-up's.
pub const PRIOR_RATIO: f64 = 2.0;

/// How much a runner-up as prominent as the winner would take off the
/// prior's score: the link scores `1 − PRIOR_DOUBT × second / top`.
pub const PRIOR_DOUBT: f64 = 0.3;

/// The most entities one ambiguous name may have for the document to
/// settle which one is meant.
pub const MAX_AMBIGUOUS: usize = 32;

/// Jaro-Winkler similarity at which a single word is taken for a
/// misspelling of a document person's family name.
pub const PARTIAL_SIMILARITY: f64 = 0.92;

/// The shortest word, in letters, taken for such a misspelling.
pub const MIN_MISSPELT_FAMILY_NAME: usize = 5;

/// The shortest word, in letters, taken alone for the family name of the
/// one person of the gazetteer who has it ("Biden"; not "Xi", "Lam").
pub const MIN_SURNAME_LETTERS: usize = 4;

/// The fewest names (canonical name and aliases) with the family name of
/// a person whose family name alone names them: the prominence the
/// gazetteer records. A person
/// listed under one name and one alias ("FERRARI, Sergio David" a.k.a.
/// "Yagy") is not whom a news story means by "Ferrari". The same
/// prominence lets a body's own name that is also a given name stand
/// alone ("Hamas", known by three names; not "Mirza", a company's only
/// name): see the spotter's given-name rule.
pub const MIN_SURNAME_NAMES: usize = 3;

/// The most names a word may be in and still be one person's family name
/// alone: a word in more ("Smith", "Mohammed") belongs to many.
pub const MAX_SURNAME_LISTED: usize = 64;

// ---------------------------------------------------------------------
// Corpus runner and memos
// ---------------------------------------------------------------------

/// Input bytes read and annotated together: large enough to keep every
/// thread busy, small enough to bound memory.
pub const CHUNK_BYTES: usize = 8 << 20;

/// The most documents in one chunk.
pub const CHUNK_DOCUMENTS: usize = 16_384;

/// The most chunks handed to the annotating worker and not yet written:
/// one being annotated while the next waits, so that the worker never
/// waits for input. With the chunk being read, at most three chunks are in
/// memory.
pub const CHUNKS_IN_FLIGHT: usize = 2;

/// The most run answers a resolver's memo keeps.
pub const MAX_MEMO_RUNS: usize = 1 << 16;

/// The most entities whose facts for mention spotting a resolver's memo
/// keeps (about 500 bytes each in the default gazetteer, 14 KB for the
/// one with most aliases).
pub const MAX_MEMO_FACTS: usize = 1 << 14;

/// An entity whose facts hold more bytes than this (an entity with
/// thousands of aliases) is not kept in the resolver's memo but decoded
/// each time it is asked for: with [`MAX_MEMO_FACTS`], the memo holds at
/// most about 256 MB in the worst case, and about 8 MB with the default
/// gazetteer.
pub const MAX_MEMO_FACT_BYTES: usize = 16 << 10;

/// The most typo expansions a resolver's memo keeps.
pub const MAX_MEMO_TYPOS: usize = 1 << 16;

/// The longest key a memo keeps, in bytes.
pub const MAX_MEMO_KEY: usize = 128;
