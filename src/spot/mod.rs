//! Mentions in running text: every span of a document that names an
//! entity of the gazetteer, resolved by the same resolver as single names.
//!
//! A document goes through four steps:
//!
//! 1. **Tokens** ([`crate::normalize::token`]): words with byte offsets,
//!    letter case, the gaps between them and sentence starts.
//! 2. **Exact spans**: from every word written as a name could be
//!    (capitalised, in capitals, or in a script without case), the token
//!    keys are walked through the key fst in one pass; the longest alias
//!    that ends on such a word wins, unless an alias that starts inside
//!    it ends further on ("The Bank of England" is not the alias "The
//!    Bank" and then "England").
//! 3. **Fuzzy spans**: runs of capitalised words (with particles such as
//!    "al" or "von" inside) that no alias covers are resolved as names, so
//!    "Britney Greiner" in text resolves as it does with `nomina resolve`.
//!    A run that resolves replaces the shorter exact spans inside it.
//! 4. **Document context** (`spot::context`): same-alias entities are told
//!    apart by a preceding title, by the entities the document names
//!    elsewhere and by a prior; partial names ("Blinken", "Mr. Lavrov")
//!    link to the one person of the document with that name; acronyms
//!    defined in the text ("Shanghai Cooperation Organization (SCO)")
//!    carry over.
//!
//! # False-positive policy
//!
//! A wrong mention is worse than none, so capitals are weighed:
//!
//! - a mention starts and ends on a word written as a name: lower-case
//!   text ("us", "turkey", "bout") never matches a name written with
//!   capitals. The one exception is the gazetteer's own case: an entity
//!   whose canonical name it writes all in lower case ("selfie",
//!   "radiation therapy": a common noun, as Wikidata labels concepts)
//!   matches text that writes that name in lower case too, word for word;
//! - a single word of one to three letters matches only an alias written
//!   exactly so ("US" is the United States, "Us" and "us" are not; "iOS",
//!   with a capital inside, is written as a name is), and not hyphened to
//!   a number ("AR-10" is a rifle);
//! - a single ordinary English word ("May", "Price", "Bout"; see
//!   [`words`]) is not evidence by itself, capital or not: it is linked
//!   only when the document names the same entity in full elsewhere, or
//!   when written in capitals exactly as an alias is ("US"), or when it is
//!   a big place's own name spelt as written, up to case but not accents
//!   ("Reading"; "the Bush administration" is not Būsh);
//! - a capitalised given name alone ("Maria", "Oscar"; the lexicon's given
//!   names) is not evidence for anything but a place of that name of
//!   [`SMALL_PLACE_POPULATION`](crate::limits::SMALL_PLACE_POPULATION) or more ("Florence"; "David" is a town in
//!   Panama); in capitals it may be an acronym ("NATO", "ISIS");
//! - capitals of two to five letters that are an alias of an entity but
//!   spell none of its names ("UKIP", "RSS" for Russian companies) are
//!   not evidence by themselves either;
//! - an alias of a small place ([`SMALL_PLACE_POPULATION`](crate::limits::SMALL_PLACE_POPULATION); its canonical
//!   name is not affected) is not evidence by itself either: GeoNames
//!   lists historical and foreign forms ("Rhode" for Roses, "Central Park"
//!   for Bethpage) that English text uses for something else, and so are
//!   a town's or city's one-word aliases of any size that are not its name
//!   spelt otherwise ("Twickenham" for Huntsville, "Bono" for Bonn); nor is a
//!   person's one-word alias in a cased script ("Spaniard", "CROCODILE"),
//!   mostly a nickname, unless the document names the person otherwise;
//! - a mention never starts with an article, though an alias may ("The
//!   White House" is the mention "White House");
//! - titles and honorifics ("Secretary of State", "Mr.") are never part of
//!   a mention, not even of a person's alias that starts with one ("Prince
//!   Harry" links, and the mention is "Harry"); they say a person follows,
//!   which settles same-alias ambiguity by type, and after a title written with a capital a name
//!   no person of the gazetteer bears links to nothing ("Mr Campbell" is
//!   not the town);
//! - in a headline written in title case, and for the first word of a
//!   sentence, a capital says nothing, so ordinary words there do not start
//!   a name; a line is in title case when most of its ordinary words, its
//!   prepositions and conjunctions included ("For", "At"), are capitalised,
//!   or when it is the document's first line and every word of it is
//!   ("Joe Biden Is Happy");
//!   but a point of the compass before a name starts a longer place's
//!   name there too ("Southern California", "Western Europe": regions the
//!   shorter place's mention would misname), except before a country's
//!   name, where it is the adjective prose writes in lower case ("Eastern
//!   Ukraine" is Ukraine); and a word that ends the name of a body, a
//!   newspaper or an institution called after a town goes on the town's
//!   name there too ("Miami Herald", "London Zoo"; not after a state's or
//!   a country's name: "Illinois Zoo Says" is an Illinois zoo), as does
//!   one that ends an event's name after any place ("Kentucky Derby"); and a
//!   longer name the body writes as one ("the Gays for Trump founder") is
//!   one name where its words recur in the headline, and so is a body's
//!   word before "Of" and a place ("University Of Florida");
//! - a run of capitalised words is one name: an alias at its head with
//!   further words after it that the name was not aligned with names
//!   something longer the gazetteer does not know ("US Anti-Doping Agency",
//!   "Golden Gate Park"), so neither the run nor the alias links; capitals
//!   count as a word no ordinary one ("U.S. Women's National Team"), but a
//!   run of ordinary words and capitals alone is not resolved by
//!   resemblance; an ordinal goes inside a run ("U.S. 9th Circuit Court"),
//!   while a word with digits ("A321") or a contraction ("Isn't") ends it;
//!   and a word for a party's members after an alias ("Texas Republican",
//!   "Senate Republicans", and before one at a run's start: "Republican
//!   Senate candidate") names people from there, not a longer name, so
//!   a run that does not resolve is cut at it; the words before the name
//!   that it was not aligned with are left out of the mention only when
//!   they are a title, a demonym or a sentence's first word ("Tory MP
//!   Boris Johnson"): an ordinary word whose capital means a name, right
//!   before a place's or body's name, starts a longer one ("the
//!   Parliamentary Labour Party", "The Fisher King"), and so does, before
//!   a place's, any word with a capital that is no alias, a demonym
//!   included ("Maccabi Tel Aviv");
//! - a place's or body's name that alone fills a quotation ("Fargo",
//!   'Atlanta', the word "Britain") is a title of a work or a word quoted
//!   as a word, no mention;
//! - a run written as a person's name (two or three capitalised words led
//!   by a given name, or an initial and a word: "Charles Clarke", "M
//!   Cueto") is no misspelt place: it takes a fuzzy place match only when
//!   the place's name starts with the same word ("Saint Matthews" is not
//!   "Mathew Tait");
//! - any fuzzy link to a place needs a word of the run with the key of a
//!   word of the place's name ("West Brom", the club, is not West Bromwich
//!   through its alternate "Owest Bromij");
//! - a person listed "FAMILY, First Middle" met as "Middle FAMILY" is
//!   someone else ("John Taylor" is not TAYLOR, Mark John);
//! - a person's alias of an article and one word ("El Capitan") is a
//!   nickname as a one-word alias is, and an alias listed "FAMILY, Given"
//!   met in that order names someone else when its family is not the
//!   person's ("Mohammed Ali" is not KONY, Ali through "MOHAMMED, Ali");
//! - a town under 100,000 people named by one word is no evidence unless
//!   the document writes it as a place (document context, step 2);
//! - the family name of such a run that the gazetteer does not know
//!   ("Michael Howard") names that person wherever it stands alone in the
//!   document, so it links to nothing (not Howard, Wisconsin).

mod context;
mod doc;
mod span;
pub mod words;

use std::sync::Arc;

use fst::raw::Output;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use doc::{quoted_alone, Doc};
pub use span::How;
use span::{Cand, Cx, Span, Strength, Unknown};

use crate::candidate::fuzzy::{part_words, Query};
use crate::candidate::Rule;
use crate::limits::{
    ACRONYM_WORDS, MAJOR_CITY_POPULATION, MAX_EXACT_POSTINGS, MAX_FUZZY_SCORE,
    MAX_MENTION_TOKENS, MAX_SHORT_WORD, MIN_SURNAME_NAMES, PERSON_RUN_WORDS,
    RUN_MATCHES, TEXT_FUZZY_THRESHOLD, TEXT_THRESHOLD,
    TWO_LETTER_PLACE_POPULATION,
};
use crate::name::compare::{same_consonants, within_budget};
use crate::name::key::LOWER_CASE_PREFIX;
use crate::name::lexicon::{token_key, Lexicon};
use crate::name::{Class, EntityKind};
use crate::normalize::token::{Gap, Shape, Token};
use crate::normalize::{fold, skeleton, written_in_latin};
use crate::resolve::{Hit, Resolver};
use crate::score::LinkKind;
use crate::score::{Match, PartEvidence};
use words::Words;

/// An entity mention found in a text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// Byte offset of the mention's first byte in the text.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// The mention as written: `text[start..end]`.
    pub text: String,
    /// The entity's id.
    pub id: String,
    /// The entity's canonical name.
    pub name: String,
    /// The entity's type (empty if none).
    #[serde(rename = "type")]
    pub kind: String,
    /// How sure the link is, 0..=1.
    pub score: f64,
    /// How the mention was linked.
    pub how: How,
}

/// Finds mentions in texts with a gazetteer. Cheap to create; holds no
/// state between documents, so results never depend on what else was
/// annotated or on which thread.
#[derive(Clone)]
pub struct Spotter<'g> {
    g: &'g Resolver,
    words: &'static Words,
    threshold: f64,
    /// The fitted model's probability a run resolved by alignment needs
    /// (see [`TEXT_FUZZY_THRESHOLD`]).
    fuzzy_threshold: f64,
    /// Runs of capitalised words are resolved by name-part alignment too,
    /// not only by exact keys.
    fuzzy: bool,
    /// The entity types mentions may link to; `None`: any.
    types: Option<Arc<[String]>>,
}

impl Resolver {
    /// The entity mentions in `text`, sorted by start, never overlapping.
    /// Costs one tokenising pass, one fst walk per capitalised word, and a
    /// fuzzy resolution per run of capitalised words that no alias covers.
    ///
    /// ```
    /// let g = nomina::Resolver::embedded()?;
    /// let text = "Secretary of State Anthony Blinken met Sergei Lavrov. Blinken said little.";
    /// let m = g.annotate(text);
    /// let names: Vec<_> = m.iter().map(|m| (m.text.as_str(), m.name.as_str())).collect();
    /// assert_eq!(names, [
    ///     ("Anthony Blinken", "Antony Blinken"),
    ///     ("Sergei Lavrov", "Sergey Lavrov"),
    ///     ("Blinken", "Antony Blinken"),
    /// ]);
    /// # Ok::<(), nomina::Error>(())
    /// ```
    pub fn annotate(&self, text: &str) -> Vec<Mention> {
        Spotter::new(self).annotate(text)
    }
}

impl<'g> Spotter<'g> {
    /// A spotter accepting links that score at least [`TEXT_THRESHOLD`].
    pub fn new(g: &'g Resolver) -> Spotter<'g> {
        Spotter {
            g,
            words: Words::get(),
            threshold: TEXT_THRESHOLD,
            fuzzy_threshold: TEXT_FUZZY_THRESHOLD,
            fuzzy: true,
            types: None,
        }
    }

    /// The same with another acceptance threshold, for every link
    /// (exact, by alignment or by context).
    pub fn with_threshold(mut self, threshold: f64) -> Spotter<'g> {
        self.threshold = threshold;
        self.fuzzy_threshold = threshold;
        self
    }

    /// The same, resolving runs of capitalised words by name-part
    /// alignment (`true`, the default) or by exact keys only (`false`:
    /// links are then exact aliases and what document context makes of
    /// them).
    pub fn with_fuzzy(mut self, fuzzy: bool) -> Spotter<'g> {
        self.fuzzy = fuzzy;
        self
    }

    /// The same, keeping only mentions of entities of these types
    /// (`person`, `location`, ... as the gazetteer's sources write them;
    /// an empty string for untyped entities). Mentions are found and
    /// linked as without the filter, then those of other types are left
    /// out: the filter never turns a link into one to another entity.
    pub fn with_types<S: Into<String>>(
        mut self,
        types: impl IntoIterator<Item = S>,
    ) -> Spotter<'g> {
        self.types = Some(types.into_iter().map(Into::into).collect());
        self
    }

    /// The mentions in `text`; see [`Resolver::annotate`].
    pub fn annotate(&self, text: &str) -> Vec<Mention> {
        let mut doc = Doc::new(text, self.words);
        let mut cx = Cx { g: self.g, entities: FxHashMap::default() };
        let mut spans = self.exact_spans(&doc, &mut cx);
        doc.compass_points(|k| {
            starting_at(&spans, k).any(|s| {
                s.cands.iter().any(|c| {
                    let p = cx.info(c.entity);
                    p.place && p.scope == 2
                })
            })
        });
        doc.name_heads(|k| {
            ending_at(&spans, k).find(|s| places_only(&mut cx, s)).map(|s| {
                let town =
                    s.cands.iter().all(|c| cx.info(c.entity).scope == 0);
                (s.i, town)
            })
        });
        doc.heads_of_places(|k| {
            starting_at(&spans, k)
                .find(|s| places_only(&mut cx, s))
                .map(|s| s.j)
        });
        let unknown = self.fuzzy_spans(&doc, &mut spans);
        context::link(&doc, &mut cx, &mut spans, &unknown);
        spans.sort_by_key(|s| s.i);
        let mut out: Vec<Mention> = Vec::new();
        for s in spans {
            let Some((entity, score)) = s.linked else { continue };
            if score < self.threshold {
                continue;
            }
            let Some(e) = cx.facts(entity) else { continue };
            if self.types.as_ref().is_some_and(|t| !t.contains(&e.kind)) {
                continue;
            }
            // A person's alias that starts with a title ("Prince Harry",
            // "Pope Francis") is linked whole, but the mention is the name
            // after the title, as for any title before a name.
            let mut i = s.i;
            if e.person {
                while i + 1 < s.j && doc.title[i] {
                    i += 1;
                }
                // "Prince of Wales" is a title through and through.
                if !doc.toks[i].shape.is_name_like() {
                    i = s.i;
                }
            }
            // Nor does a mention start with an article, though an alias
            // may ("The White House", "The New York Times").
            if i + 1 < s.j && doc.keys[i] == "the" {
                i += 1;
            }
            let (start, end) = (doc.toks[i].start, doc.toks[s.j - 1].end);
            if out.last().is_some_and(|m| m.end > start) {
                continue;
            }
            // A place's or body's name that alone fills a quotation is a
            // title or a word quoted as a word: "Fargo" and "The
            // Notebook", 'Atlanta' the series, the word "Britain". (A
            // person's name so quoted is mostly the person, or a
            // nickname: "El Chapo".)
            if !e.person && quoted_alone(text, start, end) {
                continue;
            }
            out.push(Mention {
                start,
                end,
                text: text[start..end].to_string(),
                id: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind.clone(),
                score,
                how: s.how,
            });
        }
        out
    }

    /// Step 2: the longest acceptable alias at every word that may start a
    /// name, left to right.
    fn exact_spans(&self, doc: &Doc, cx: &mut Cx) -> Vec<Span> {
        let fst = self.g.key_map().as_fst();
        let n = doc.toks.len();
        let mut out = Vec::new();
        let mut finals: Vec<(usize, u64)> = Vec::new();
        // Where the keys of canonical names written in lower case begin,
        // if the gazetteer has any, and the bytes such keys begin with
        // (most words begin with none).
        let lower = fst.root().find_input(LOWER_CASE_PREFIX as u8).map(|t| {
            let tr = fst.root().transition(t);
            let mut first = [false; 256];
            for t in fst.node(tr.addr).transitions() {
                first[usize::from(t.inp)] = true;
            }
            (tr.addr, tr.out, first)
        });
        let mut i = 0;
        while i < n {
            let shape = doc.toks[i].shape;
            if doc.keys[i].is_empty() {
                i += 1;
                continue;
            }
            let found = if shape.is_name_like() {
                // An alias that starts inside this one and ends after it
                // is the name ("The Bank of England", not the alias "The
                // Bank" and then "England").
                self.longest_at(doc, cx, i, &mut finals).filter(|s| {
                    !(s.i + 1..s.j).any(|k| {
                        doc.toks[k].shape.is_name_like()
                            && self
                                .longest_at(doc, cx, k, &mut finals)
                                .is_some_and(|t| t.j > s.j)
                    })
                })
            } else if let (Shape::Lower, Some((addr, out, first))) =
                (shape, &lower)
            {
                if !first[usize::from(doc.keys[i].as_bytes()[0])] {
                    i += 1;
                    continue;
                }
                let start = (fst.node(*addr), *out);
                // A common noun's entity ("selfie"), written in lower case
                // as the gazetteer writes it.
                let lower_case = |k: usize| {
                    matches!(doc.toks[k].shape, Shape::Lower | Shape::Number)
                };
                walk(fst, doc, i, start, &mut finals, lower_case, true);
                let written = |j: usize| (i..j).all(lower_case);
                finals.iter().rev().find(|f| written(f.0)).map(
                    |&(j, value)| Span {
                        i,
                        j,
                        cands: exact_cands(self.g, value),
                        strength: Strength::Strong,
                        how: How::Exact,
                        person_cue: false,
                        linked: None,
                    },
                )
            } else {
                None
            };
            match found {
                Some(span) => {
                    i = span.j;
                    out.push(span);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest alias the false-positive policy accepts that starts on
    /// the name-like token `i` (`finals` is scratch space).
    fn longest_at(
        &self,
        doc: &Doc,
        cx: &mut Cx,
        i: usize,
        finals: &mut Vec<(usize, u64)>,
    ) -> Option<Span> {
        // A word glued to the one before by a symbol ("A$AP Rocky", "AT&T")
        // is part of that word, not a name of its own.
        if doc.glued_to_previous(i) {
            return None;
        }
        let fst = self.g.key_map().as_fst();
        let root = (fst.root(), Output::zero());
        // An organisation's generic word may end its name in lower case
        // after a word written as a name ("the Labour party", "Mexico
        // city"; not "The base").
        let ends = |k: usize| {
            doc.can_end(k)
                || (k > i
                    && doc.toks[k].shape == Shape::Lower
                    && doc.is_name_word(k - 1)
                    && !doc.words.is_function(&doc.keys[k - 1])
                    && Lexicon::full().org_word(&doc.keys[k]))
        };
        walk(fst, doc, i, root, finals, ends, false);
        finals
            .iter()
            .rev()
            .find_map(|&(j, value)| self.exact_span(doc, cx, i, j, value))
    }

    /// The span of tokens `i..j` whose key has fst value `value`, if the
    /// false-positive policy accepts it.
    fn exact_span(
        &self,
        doc: &Doc,
        cx: &mut Cx,
        i: usize,
        j: usize,
        value: u64,
    ) -> Option<Span> {
        let mut cands = exact_cands(self.g, value);
        let mut strength = Strength::Strong;
        if j - i == 1 {
            let t = doc.toks[i];
            let written = &doc.text[t.start..t.end];
            let short = written.chars().filter(|c| c.is_alphabetic()).count()
                <= MAX_SHORT_WORD;
            // A capital after the first letter ("iOS", "eBay") is written
            // as a name is, as capitals are.
            let camel = written.chars().skip(1).any(char::is_uppercase);
            if short && !camel {
                // "Of", "Man": a short capitalised word is not a name.
                return None;
            }
            // Short capitals hyphened to a number are a model or code ("an
            // AR-10", "a C-130"), not the entity whose alias they are.
            let code = doc.toks.get(i + 1).is_some_and(|n| {
                n.shape == Shape::Number && &doc.text[t.end..n.start] == "-"
            });
            if short && code {
                return None;
            }
            if short || (doc.common[i] && t.shape == Shape::Upper) {
                // Only an alias written exactly so: "US", not "Us".
                cands.retain(|c| cx.info(c.entity).written_as(written));
                if cands.is_empty() {
                    return None;
                }
            } else if doc.common[i]
                || (t.shape == Shape::Capitalised
                    && Lexicon::full().has_groups(&doc.keys[i])
                    && !cands.iter().any(|c| {
                        // A place of 100,000 or more by its own name (or
                        // a country by any: "Britain"), or a body by its
                        // own name and known by several ("Hamas"; not
                        // "Serena" for La Serena, "Roma" for Rome, "Mirza"
                        // a Syrian company's only name).
                        // Its own name as written, up to case: not a
                        // name the word meets only once accents are folded
                        // away ("the Bush administration" is not Būsh).
                        let e = cx.info(c.entity);
                        let own_name = if c.via_alias {
                            e.scope >= 2 && e.spelt_as(written, true)
                        } else {
                            e.spelt_as(written, false)
                        };
                        own_name
                            && if e.place {
                                !e.small_place()
                            } else {
                                !e.person
                                    && !e.vehicle
                                    && e.written.len() >= MIN_SURNAME_NAMES
                            }
                    }))
            {
                // An ordinary word, or a given name alone ("Maria" is not
                // the vessel MARIA, "David" not the town in Panama; a city
                // "Florence" may be): a person of the document at most.
                strength = Strength::Weak;
            }
            // Capitals that spell no name of the entity ("UKIP", an alias
            // of a Russian company; "RSS"): in English text those letters
            // stand for something else, unless the document names the
            // entity in full. (Letters with digits, "MI6", "G20", are
            // names of their own.)
            let letters =
                written.chars().filter(|c| c.is_alphabetic()).count();
            if t.shape == Shape::Upper
                && !written.chars().any(|c| c.is_ascii_digit())
                && ACRONYM_WORDS.contains(&letters)
                && !cands.iter().any(|c| cx.info(c.entity).spelled_by(written))
            {
                strength = Strength::Weak;
            }
            // A two-letter code of a place that is not among the most
            // populous countries: support from the document only.
            if t.shape == Shape::Upper
                && letters == 2
                && cands.iter().all(|c| {
                    let e = cx.info(c.entity);
                    e.place
                        && e.population
                            .is_some_and(|p| p < TWO_LETTER_PLACE_POPULATION)
                })
            {
                strength = Strength::Weak;
            }
        }
        if cands.is_empty() {
            return None;
        }
        // The alternate names of small places are mostly historical or
        // foreign forms ("Rhode" for Roses, "Central Park" for Bethpage)
        // that English text uses for something else.
        if cands.iter().all(|c| c.via_alias && cx.info(c.entity).small_place())
        {
            strength = Strength::Weak;
        }
        // So are a town's or city's one-word aliases in Latin letters that
        // are not its name spelt otherwise (same romanisation skeleton,
        // within the typo budget of it, or the same consonants: "Kiev" is
        // not, "Basra" is), below [`MAJOR_CITY_POPULATION`]: "Twickenham",
        // once the name of Huntsville, Alabama; "Hindi" for Mariupol; "Sina"
        // for Sanandaj. A major city's former names stay in use
        // ("Bombay", "Peking"), and countries' aliases are kept ("UK",
        // "Thai").
        if j - i == 1 && strength == Strength::Strong {
            let t = doc.toks[i];
            let latin = written_in_latin(&doc.text[t.start..t.end]);
            let cheap = |e: &span::Info| {
                e.place
                    && e.scope == 0
                    && e.population.is_some_and(|p| p < MAJOR_CITY_POPULATION)
            };
            if latin
                && cands
                    .iter()
                    .all(|c| c.via_alias && cheap(cx.info(c.entity)))
            {
                let k = skeleton(&doc.keys[i]);
                let spelt_otherwise =
                    |w: &String| spelt_alike(&k, &skeleton(w));
                if cands.iter().all(|c| {
                    !cx.info(c.entity).words.iter().any(spelt_otherwise)
                }) {
                    strength = Strength::Weak;
                }
            }
        }
        // A person's one-word alias in a cased script is mostly a nickname
        // ("Spaniard", "CROCODILE", "ROBSON") that text uses as a word or
        // for someone else: evidence only beside the person named in full.
        // (In a script without case it is the whole name: 习近平.)
        // So is an alias of ordinary words ("BLADE RUNNER", a film's name
        // before it is a gangster's).
        let one_cased_word = j - i == 1 && doc.toks[i].shape != Shape::Uncased;
        // The same with an article before it: an epithet ("El Capitan",
        // "El Mayo", "The Butcher").
        let epithet = j - i == 2
            && ARTICLES.contains(&doc.keys[i].as_ref())
            && doc.toks[i + 1].shape != Shape::Uncased;
        let ordinary = (i..j).all(|k| self.words.is_common(&doc.keys[k]));
        if (one_cased_word || epithet || ordinary)
            && cands.iter().all(|c| c.via_alias && cx.info(c.entity).person)
        {
            strength = Strength::Weak;
        }
        // An alias listed "FAMILY, Given" met in the listed order, its
        // family name not the person's ("Mohammed Ali" for KONY, Ali's
        // alias "MOHAMMED, Ali"): in running text the last word is the
        // family name, so this is someone whose family name is the listed
        // given name. Names written family first in text ("Kim Jong Un")
        // match the person's canonical name or an alias of the same
        // family, which this leaves alone.
        if j - i >= 2
            && strength == Strength::Strong
            && cands.iter().all(|c| c.via_alias && cx.info(c.entity).person)
        {
            let key = doc.keys[i..j].join(" ");
            if cands
                .iter()
                .all(|c| cx.info(c.entity).another_family_in_list_order(&key))
            {
                strength = Strength::Weak;
            }
        }
        Some(Span {
            i,
            j,
            cands,
            strength,
            how: How::Exact,
            person_cue: doc.cue[i],
            linked: None,
        })
    }

    /// Step 3: runs of capitalised words that no alias covers, resolved
    /// as names; a run that resolves replaces the exact spans inside it.
    fn fuzzy_spans(&self, doc: &Doc, spans: &mut Vec<Span>) -> Unknown {
        let mut unknown = Unknown {
            words: vec![false; doc.toks.len()],
            family_names: FxHashSet::default(),
        };
        // Unknown runs written as persons' names.
        let mut persons = Vec::new();
        // Whether token `k` is by itself a major place's name (spans are
        // sorted by start; asked only of runs written as persons' names):
        // a country or division, a city of MAJOR_CITY_POPULATION people or
        // more, or a place of unknown size ("Sydney Olympic" is no person).
        // A given name that a smaller town has is still a given name
        // ("Elizabeth Warren" is no place's name: Elizabeth, New Jersey).
        let place = |spans: &[Span], k: usize| {
            starting_at(spans, k).any(|s| {
                s.j == k + 1
                    && s.cands.iter().any(|c| {
                        self.g.kind_of(c.entity).map(EntityKind::of)
                            == Some(EntityKind::Location)
                            && self.g.facts(c.entity).map_or(true, |f| {
                                f.scope >= 1
                                    || f.population.map_or(true, |p| {
                                        p >= MAJOR_CITY_POPULATION
                                    })
                            })
                    })
            })
        };
        // Whether token `k` is by itself a state's or country's name.
        let region = |spans: &[Span], k: usize| {
            starting_at(spans, k).any(|s| {
                s.j == k + 1
                    && s.cands.iter().any(|c| {
                        self.g
                            .facts(c.entity)
                            .is_some_and(|f| f.place && f.scope >= 1)
                    })
            })
        };
        // A town's name and its state's ("Austin Texas") are no given and
        // family name, however the town's name is also a given name.
        let person_name = |spans: &[Span], a: usize, b: usize| {
            self.written_as_person(doc, a, b)
                && self.starts_with_given_name(&doc.keys[a], place(spans, a))
                && !(region(spans, b - 1)
                    && starting_at(spans, a).any(|s| s.j == a + 1))
        };
        // An initial and a capitalised word ("A Foley", "M. Cueto"): a
        // person's name too, though the initial may be an article.
        let initialled = |a: usize, b: usize| {
            let initial = &doc.text[doc.toks[a].start..doc.toks[a].end];
            let gap = &doc.text[doc.toks[a].end..doc.toks[b - 1].start];
            b - a == 2
                && initial.len() == 1
                && initial.bytes().all(|c| c.is_ascii_uppercase())
                && matches!(gap, " " | ". ")
                && doc.toks[a + 1].shape == Shape::Capitalised
        };
        let mut added = Vec::new();
        let runs = doc.runs();
        // Runs to read, the regular ones first; a regular run none reads
        // may come back as pieces (`split_at_affiliations`).
        let mut queue: Vec<(usize, usize, bool)> = runs
            .into_iter()
            .map(|(a, b)| (a, b, true))
            .chain(
                doc.inverted_names().into_iter().map(|(a, b)| (a, b, false)),
            )
            .collect();
        let mut next = 0;
        while let Some(&(a, b, regular)) = queue.get(next) {
            next += 1;
            // A run that is one alias is read as that alias; an alias
            // across the run's edge keeps its reading.
            if spans.iter().any(|s| {
                (s.i == a && s.j == b)
                    || (s.i < a && s.j > a)
                    || (s.i < b && s.j > b)
            }) {
                continue;
            }
            // An ordinary word that starts the sentence may be the first
            // name ("Victor Bout"): the run with it is tried first.
            let starts = doc.sentence_initial_before(a).into_iter().chain([a]);
            // A run of ordinary words and capitals ("US National Team", "No
            // ID") is a name, but too weak to resolve by resemblance.
            let resolvable = (a..b).any(|k| !doc.common[k]);
            let found =
                starts.into_iter().filter(|_| resolvable).find_map(|i| {
                    let query =
                        &doc.text[doc.toks[i].start..doc.toks[b - 1].end];
                    // Whether the first word is a given name is settled in
                    // `resolve_run`, on a memo miss only.
                    let reading = if doc.cue[i] {
                        Reading::Titled
                    } else if initialled(i, b) {
                        Reading::PersonName
                    } else if self.written_as_person(doc, i, b)
                        && !place(spans, i)
                    {
                        Reading::MaybePersonName
                    } else {
                        Reading::Any
                    };
                    let run = &doc.toks[i..b];
                    self.fuzzy(query, reading, run, doc.text)
                        // A word written with a capital that means a
                        // name, right before the words aligned with a
                        // place's or a body's name, starts a longer name
                        // when it is an ordinary word ("the Parliamentary
                        // Labour Party", "The Fisher King"), or before a
                        // place's when it is no alias's ("Maccabi Tel
                        // Aviv", "CSKA Moscow"; a demonym too, which makes
                        // "Turkish Cyprus" no link; before a body's the
                        // word may be a person's, "the Trump White House").
                        // A title or a sentence's first word is left out
                        // ("Tory MP Boris Johnson"), and so is what a title
                        // or a word in lower case ends ("Conservative MP",
                        // "the State of West Virginia"). Before a person's
                        // name such a word says what the person is
                        // ("Liberal Democrat Nick Clegg", "American Anthony
                        // Blinken").
                        .filter(|c| {
                            let kind =
                                self.g.kind_of(c.entity).map(EntityKind::of);
                            let is_place =
                                kind.is_some_and(EntityKind::is_place);
                            kind.is_some_and(EntityKind::is_person)
                                || !(i..i + usize::from(c.lead))
                                    .rev()
                                    .take_while(|&k| {
                                        !doc.title[k]
                                            && doc.toks[k].shape
                                                != Shape::Lower
                                    })
                                    .any(|k| {
                                        let shape = doc.toks[k].shape;
                                        !doc.weak_capital[k]
                                            && ((shape == Shape::Capitalised
                                                && doc.common[k])
                                                || (is_place
                                                    && matches!(
                                                        shape,
                                                        Shape::Capitalised
                                                            | Shape::Upper
                                                    )
                                                    && !covered(spans, k)))
                                    })
                        })
                        .map(|c| (i, c))
                });
            match found {
                // The mention is the words aligned with the name: a
                // demonym, title or word of the next sentence at either
                // end of the run is left out ("American Anthony Blinken",
                // "Tory MP Boris Johnson", "London I").
                Some((i, c)) => added.push((
                    Span {
                        i: i + usize::from(c.lead),
                        j: b - usize::from(c.trail),
                        cands: vec![c],
                        strength: Strength::Strong,
                        how: if c.exact { How::Exact } else { How::Fuzzy },
                        person_cue: doc.cue[i]
                            || doc.cue[i + usize::from(c.lead)],
                        linked: None,
                    },
                    i..b,
                )),
                // A longer name the gazetteer does not know ("Virginia
                // Thomas", "Puerto Ricans", "Jill Biden"): the aliases
                // inside it are not mentions. But a place or body and its
                // party's members ("Texas Republican lawmaker") is no
                // longer name: the alias stays, and the words after the
                // party word are read on their own.
                // Two aliases joined by "for", each a whole side of the
                // run ("Israel for Bayern Munich's match", "in Britain for
                // Labour"): two names, read on their own.
                None if regular && two_names_joined(doc, spans, a, b) => {}
                None if regular => {
                    match self.split_at_affiliations(doc, spans, a, b) {
                        Some(pieces) => queue.extend(
                            pieces.into_iter().map(|(a, b)| (a, b, true)),
                        ),
                        None => {
                            unknown.words[a..b]
                                .iter_mut()
                                .for_each(|u| *u = true);
                            persons.push((a, b));
                        }
                    }
                }
                None => {}
            }
        }
        self.recurring_in_headlines(doc, &persons, &mut unknown.words);
        // Family names matter only where they stand alone as spans.
        let alone: FxHashSet<&str> = if persons.is_empty() {
            FxHashSet::default()
        } else {
            spans
                .iter()
                .filter(|s| s.j - s.i == 1)
                .map(|s| doc.keys[s.i].as_ref())
                .collect()
        };
        for (a, b) in persons {
            let family = doc.keys[b - 1].as_ref();
            if alone.contains(family) && person_name(spans, a, b) {
                unknown.family_names.insert(family.to_string());
            }
        }
        spans.retain(|s| !(s.i..s.j).any(|k| unknown.words[k]));
        // A resolved run replaces the spans inside it, the words left out
        // of the mention included: "American" there is no mention either.
        for (f, run) in added {
            spans.retain(|s| s.j <= run.start || s.i >= run.end);
            spans.push(f);
        }
        spans.sort_by_key(|s| s.i);
        unknown
    }

    /// A longer name the gazetteer does not know that running text
    /// writes as one (`runs`: "The Gays for Trump founder") is that name
    /// where its words recur in a title-case headline ("Trump Tells Member
    /// Of Gays For Trump"), whose capitals could not show it: those words
    /// too are marked in `unknown`.
    fn recurring_in_headlines(
        &self,
        doc: &Doc,
        runs: &[(usize, usize)],
        unknown: &mut [bool],
    ) {
        // Runs of running text: no word after the first is weak (a
        // capital after the first word is weak only in a title-case line).
        // By first word.
        let mut written: FxHashMap<&str, Vec<&[std::borrow::Cow<str>]>> =
            FxHashMap::default();
        for &(a, b) in runs {
            if b - a >= 2 && (a + 1..b).all(|k| !doc.weak_capital[k]) {
                written
                    .entry(doc.keys[a].as_ref())
                    .or_default()
                    .push(&doc.keys[a..b]);
            }
        }
        if written.is_empty() {
            return;
        }
        let n = doc.toks.len();
        let weak = |k: usize| {
            k < n && doc.weak_capital[k] && doc.toks[k].gap == Gap::Soft
        };
        for p in (0..n).filter(|&p| weak(p + 1)) {
            let Some(runs) = written.get(doc.keys[p].as_ref()) else {
                continue;
            };
            for words in runs {
                let q = p + words.len();
                if q <= n && (p + 1..q).all(weak) && doc.keys[p..q] == **words
                {
                    unknown[p..q].iter_mut().for_each(|u| *u = true);
                }
            }
        }
    }

    /// The pieces of the run `a..b` cut where a word for a party's
    /// members follows an alias that ends right before it ("Texas
    /// Republican", "Senate Republicans", "Wisconsin Republican Ron
    /// Johnson"), or starts the run before an alias ("Republican Senate
    /// candidate", "Democratic Indiana senator"): the alias names the place
    /// or body those people come from or run for, and the words after the
    /// party word are another name; or where it ends a run no alias of
    /// which covers the words before it ("House GOP"). Not
    /// after a country's name: "the Sweden Democrats" is a national
    /// party's name; but after a name that is also a first-order
    /// division's ("the Georgia Republican"). Only pieces of two name words
    /// or more are runs;
    /// `None` if the run has no such cut.
    fn split_at_affiliations(
        &self,
        doc: &Doc,
        spans: &[Span],
        a: usize,
        b: usize,
    ) -> Option<Vec<(usize, usize)>> {
        let mut pieces = Vec::new();
        let mut from = a;
        for k in a..b {
            if !self.words.is_affiliation(&doc.keys[k]) {
                continue;
            }
            // A country's name before the word names a national party
            // ("the Sweden Democrats"), which is one name; a name that is
            // also a state's ("the Georgia Republican") names the state.
            let subnational = |s: &Span| {
                let scope = |c: &Cand| {
                    self.g.facts(c.entity).map(|e| (e.place, e.scope))
                };
                !s.cands.is_empty()
                    && (s
                        .cands
                        .iter()
                        .all(|c| scope(c).is_some_and(|e| e.1 < 2))
                        || s.cands.iter().any(|c| scope(c) == Some((true, 1))))
            };
            // A party's own name after a place's ("Arizona Democratic
            // Party") is the party's branch there, one longer name.
            let party_name = spans.iter().any(|s| s.i == k && s.j > k + 1);
            // The word ending a run whose other words no alias covers:
            // the members of a body the gazetteer has no name for ("House
            // GOP", "House Republicans").
            let body = k + 1 == b
                && k > from
                && !spans.iter().any(|s| s.i < k && s.j > from);
            // The alias before the word ("Texas Republican") or, the word
            // being the first of the run, after it ("Republican Senate
            // candidate": the party's, not a longer name).
            if !party_name
                && (body
                    || spans.iter().any(|s| {
                        ((s.j == k && s.i >= from && k > a)
                            || (k == a && s.i == k + 1))
                            && subnational(s)
                    }))
            {
                if doc.is_run(from, k) {
                    pieces.push((from, k));
                }
                from = k + 1;
            }
        }
        if from == a {
            return None;
        }
        if from < b && doc.is_run(from, b) {
            pieces.push((from, b));
        }
        Some(pieces)
    }

    /// The best fuzzy match of a run, if any scores at the threshold, as
    /// its `reading` allows.
    fn fuzzy(
        &self,
        query: &str,
        reading: Reading,
        run: &[Token],
        text: &str,
    ) -> Option<Cand> {
        // Names recur across documents: answers are kept in the
        // resolver's memo, shared by all threads. A kept answer is the
        // answer itself (resolution is a pure function of gazetteer,
        // threshold, reading and text), so the memo never changes output.
        // Answers without alignment are kept apart from those with it.
        let tag = reading as u8 + if self.fuzzy { 0 } else { 4 };
        let key = format!("{tag}{query}");
        self.g.memoized_hit(&key, self.fuzzy_threshold, || {
            self.resolve_run(query, reading, run, text)
        })
    }

    /// Whether the run `a..b` is written as a person's name: two or three
    /// capitalised words apart by single spaces, the first no ordinary
    /// word ("John Howard", not "High Court", "Bank of England",
    /// "India-Pakistan" or "BAE Systems"), or an ordinary word that is
    /// also a given name, capitalised where a capital means a name (not
    /// at a sentence start or in a title-case headline): "Jack Kirby",
    /// "Ed Zander", "Carol Lam".
    fn written_as_person(&self, doc: &Doc, a: usize, b: usize) -> bool {
        let given_name = || {
            !doc.weak_capital[a] && Lexicon::full().has_groups(&doc.keys[a])
        };
        PERSON_RUN_WORDS.contains(&(b - a))
            && (!doc.common[a] || given_name())
            && (a..b).all(|k| doc.toks[k].shape == Shape::Capitalised)
            && (a + 1..b).all(|k| {
                &doc.text[doc.toks[k - 1].end..doc.toks[k].start] == " "
            })
    }

    /// Whether a part links two given names the lexicon knows as different
    /// names, however alike they are spelt ("Francesca" and "Francesco",
    /// "Carla" and "Carlo"): a link by spelling, not by name. Asked of the
    /// whole lexicon: the gazetteer's keeps only its own names' groups, and
    /// the given name of the text is often one no entity has.
    fn other_given_names(&self, p: &PartEvidence) -> bool {
        if p.how == LinkKind::SameKey
            || p.how == LinkKind::GivenNameEquivalent
            || p.how == LinkKind::Unmatched
            || p.query.is_empty()
            || p.name.is_empty()
        {
            return false;
        }
        let lexicon = Lexicon::full();
        let (ours, theirs) =
            (lexicon.groups(&p.query), lexicon.groups(&p.name));
        !ours.is_empty()
            && !theirs.is_empty()
            && !ours.iter().any(|g| theirs.contains(g))
    }

    /// Whether every word of `name` is an ordinary English word.
    fn ordinary_words(&self, name: &str) -> bool {
        let folded = fold(name);
        let mut words = folded.split(' ').filter(|w| !w.is_empty()).peekable();
        words.peek().is_some() && words.all(|w| self.words.is_common(w))
    }

    /// Whether the first word of a run written as a person's name is a
    /// person's name the lexicon knows ([`Lexicon::is_name`]: "Marlon",
    /// with no other spelling, too) and not the name of a place ("Sydney
    /// Olympic", "Bayer Leverkusen" are no persons).
    fn starts_with_given_name(&self, text: &str, place: bool) -> bool {
        !place && Lexicon::full().is_name(&first_key(text))
    }

    fn resolve_run(
        &self,
        query: &str,
        reading: Reading,
        run: &[Token],
        text: &str,
    ) -> Option<Cand> {
        let first = first_key(query);
        let reading = match reading {
            Reading::MaybePersonName if Lexicon::full().has_groups(&first) => {
                Reading::PersonName
            }
            Reading::MaybePersonName => Reading::Any,
            r => r,
        };
        // A run none of whose words the gazetteer knows, even by
        // romanisation skeleton or given-name group, is not resolved:
        // in running text, a name misspelt in every word is too weak.
        // Without alignment, the run is looked up by its exact keys only
        // (an empty query).
        let parsed = if self.fuzzy {
            Query::parse(self.g, query)
        } else {
            Query::default()
        };
        if self.fuzzy
            && parsed
                .parts
                .iter()
                .all(|p| p.terms.is_empty() && p.groups.is_empty())
        {
            return None;
        }
        let query_parts = parsed.parts.len();
        // Every candidate, whatever its score: the run may hold words
        // that are not the name (a title, a demonym), and the score that
        // decides is the one of the words the name was aligned with.
        let matches = self.g.resolve_parsed(query, parsed, RUN_MATCHES, 0.0);
        let misspelt_place = |m: &Match| {
            EntityKind::of(&m.kind).is_place()
                && m.evidence.rule == Rule::Fuzzy
                && first_key(&m.name) != first
                && first_key(&m.evidence.matched_name) != first
        };
        let best = matches.into_iter().find(|m| match reading {
            Reading::Any => true,
            Reading::Titled => matches!(
                EntityKind::of(&m.kind),
                EntityKind::Person | EntityKind::Untyped
            ),
            Reading::PersonName => !misspelt_place(m),
            Reading::MaybePersonName => unreachable!("settled above"),
        })?;
        // A place's name in English text is written as the gazetteer has
        // it, up to case, accents and romanisation (same key): a run none
        // of whose words has the key of a word of the place's name is
        // something else that resembles it ("West Brom", the club, for an
        // alternate "Owest Bromij" of West Bromwich).
        if best.evidence.rule == Rule::Fuzzy
            && EntityKind::of(&best.kind).is_place()
            && !best.evidence.parts.iter().any(|p| p.how == LinkKind::SameKey)
        {
            return None;
        }
        // A person's alias made of ordinary words ("BIG BOY") or sharing
        // no word with the person's name ("Bashir" for KONY, Ali;
        // "JimJones"; "UNCLE TOLI") is a nickname or another name: a run
        // that only resembles it names something else.
        if best.evidence.via_alias
            && EntityKind::of(&best.kind).is_person()
            && (self.ordinary_words(&best.evidence.matched_name)
                || (best.evidence.rule == Rule::Fuzzy
                    && !shares_a_word(
                        &best.evidence.matched_name,
                        &best.name,
                    )))
        {
            return None;
        }
        // Fuzzy links to persons that name someone else, however close the
        // spelling:
        // - a person listed "FAMILY, Given" met in reverse ("Ayub Ali" for
        //   AYOUB, Ali Abdullah): the text's last word, its family name in
        //   running text, is the listed given name, and its first word the
        //   listed family name. That is another person, whose family name
        //   is the other word; names written family first match their
        //   listed form exactly ("Xi Jinping" for XI, Jinping);
        // - a person listed "FAMILY, First Middle" met as "Middle FAMILY"
        //   ("John Taylor" for TAYLOR, Mark John), the listed first name
        //   left out: the text's first word is a given name that person
        //   has second, which names someone else first;
        // - in running text a person's given name is written as the person
        //   writes it, or misspelt or romanised otherwise: another given
        //   name of the same group names another person ("Jack Kirby" is
        //   not John Kirby, "Carol Lam" not Carrie Lam, "Kim Jong Nam" not
        //   Kim Yong Nam), while "Muhammad" for "Mohamed" (the same
        //   consonants) is the same name; and two given names of different
        //   groups are different names however alike they are spelt
        //   ("Joyce Vance" is not JD Vance).
        let evidence = &best.evidence;
        if evidence.rule == Rule::Fuzzy
            && EntityKind::of(&best.kind).is_person()
            && (reversed(&evidence.matched_name, &evidence.parts, query)
                || first_word_is_a_middle_name(
                    &evidence.matched_name,
                    &evidence.parts,
                    query,
                )
                || evidence.parts.iter().any(|p| {
                    (p.how == LinkKind::GivenNameEquivalent
                        && !same_consonants(&p.query, &p.name))
                        || self.other_given_names(p)
                }))
        {
            return None;
        }
        let mut hit = Hit::from(&best);
        if hit.exact {
            return (hit.score >= self.fuzzy_threshold).then_some(hit);
        }
        (hit.lead, hit.trail) =
            unaligned_ends(self.g, query, &best, run, text, query_parts);
        // Words after the name that it was not aligned with are the rest
        // of a longer name the gazetteer does not know ("US National
        // Team", "Golden Gate Park", "Oakland A's"), unless they are the
        // pronoun that starts the next clause ("in London I think")
        // or a function word that starts the next sentence though no stop
        // ends this one ("leave the European Union In his speech").
        let clause = |t: &Token| {
            let word = &text[t.start..t.end];
            word == "I"
                || (word.len() > 1 && self.words.is_function(&fold(word)))
        };
        if !run[run.len() - usize::from(hit.trail)..].iter().all(clause) {
            return None;
        }
        let kept = run.len() - usize::from(hit.lead) - usize::from(hit.trail);
        // A name starts with a word of its own, never with a particle in
        // lower case: the words before "de León" or "del Neri" are the
        // rest of that name ("Kevin de León", "Tour de France"), and the
        // run scores as a whole.
        let particle_first = run
            .get(usize::from(hit.lead))
            .is_some_and(|t| t.shape == Shape::Lower);
        // Nor are the words before a party's name a title: "Maricopa
        // County Democratic Party" is the party's branch there.
        let party_first = run.get(usize::from(hit.lead)).is_some_and(|t| {
            self.words.is_affiliation(&fold(&text[t.start..t.end]))
        });
        if hit.lead > 0
            && hit.trail == 0
            && kept >= 2
            && !particle_first
            && !party_first
        {
            // The mention is the aligned words: "Tory MP Boris Johnson"
            // scores as "Boris Johnson" does, and "American Anthony
            // Blinken" as "Anthony Blinken".
            let named = &run
                [usize::from(hit.lead)..run.len() - usize::from(hit.trail)];
            let words = &text[named[0].start..named[named.len() - 1].end];
            // Only if the words name the same entity first: they are the
            // mention, and must not link what they alone would not.
            hit.score = self
                .g
                .resolve_with(words, 1, 0.0)
                .first()
                .filter(|m| m.evidence.entity == best.evidence.entity)
                .map_or(0.0, |m| m.score.min(MAX_FUZZY_SCORE));
        }
        (hit.score >= self.fuzzy_threshold).then_some(hit)
    }
}

/// Whether the run `a..b` is two aliases joined by "for" in lower case,
/// each alias one whole side of the run (`spans` sorted by start). Not
/// "of", which joins the words of one name whose sides are aliases of
/// their own ("Bank of America", "University of California").
fn two_names_joined(doc: &Doc, spans: &[Span], a: usize, b: usize) -> bool {
    (a + 1..b.saturating_sub(1)).any(|c| {
        doc.toks[c].shape == Shape::Lower
            && doc.keys[c] == "for"
            && starting_at(spans, a).any(|s| s.j == c)
            && starting_at(spans, c + 1).any(|s| s.j == b)
    })
}

/// Whether token `k` is inside one of `spans` (sorted by start and not
/// overlapping, as exact spans are).
fn covered(spans: &[Span], k: usize) -> bool {
    let at = spans.partition_point(|s| s.i <= k);
    at > 0 && spans[at - 1].j > k
}

/// The spans that start on token `k` (`spans` sorted by start).
fn starting_at(spans: &[Span], k: usize) -> impl Iterator<Item = &Span> {
    let at = spans.partition_point(|s| s.i < k);
    spans[at..].iter().take_while(move |s| s.i == k)
}

/// The spans that end right before token `k` (`spans` sorted by start
/// and not overlapping, as exact spans are: their ends are sorted too).
fn ending_at(spans: &[Span], k: usize) -> impl Iterator<Item = &Span> {
    let at = spans.partition_point(|s| s.j < k);
    spans[at..].iter().take_while(move |s| s.j == k)
}

/// Whether every candidate of span `s` is a place (and it has some).
fn places_only(cx: &mut Cx, s: &Span) -> bool {
    !s.cands.is_empty() && s.cands.iter().all(|c| cx.info(c.entity).place)
}

/// Articles that make a word an epithet ("El Capitan", "La Tuta", "The
/// Butcher"), in the languages of the sanctions lists' nicknames.
const ARTICLES: &[&str] =
    &["the", "el", "la", "le", "les", "los", "las", "il", "lo", "der", "die"];

/// The candidates of a key of the key fst (its value `value`): the
/// entities it is a name of, at most [`MAX_EXACT_POSTINGS`].
fn exact_cands(g: &Resolver, value: u64) -> Vec<Cand> {
    g.postings_of(value)
        .iter()
        .take(MAX_EXACT_POSTINGS)
        .map(|p| Cand {
            entity: p.entity,
            via_alias: p.alias,
            score: 1.0,
            exact: true,
            lead: 0,
            trail: 0,
        })
        .collect()
}

/// Walks the token keys of `doc` from token `i` through `fst`, from the
/// node and output `start`, one space between keys, over tokens joined by
/// soft gaps (or a comma before capitals, or a possessive ending, keyed
/// "s" and a space), at most
/// [`MAX_MENTION_TOKENS`]; `finals` gets each end `j`
/// (exclusive) where a key ends on a token `ends` accepts,
/// with the key's value, shortest first. With `plurals`, a key also ends
/// where a token is its English plural ([`singular_ends`]: "reporters",
/// "boxes", "policies" for "reporter", "box", "policy").
fn walk(
    fst: &fst::raw::Fst<impl AsRef<[u8]>>,
    doc: &Doc,
    i: usize,
    start: (fst::raw::Node<'_>, Output),
    finals: &mut Vec<(usize, u64)>,
    ends: impl Fn(usize) -> bool,
    plurals: bool,
) {
    finals.clear();
    let (mut node, mut acc) = start;
    for j in i..doc.toks.len().min(i + MAX_MENTION_TOKENS) {
        if j > i {
            // A comma goes inside a name only before capitals: "Washington,
            // D.C." is an alias, "Washington, Oregon" two names.
            let comma_before_capitals = || {
                doc.toks[j].shape == Shape::Upper
                    && doc.text[doc.toks[j - 1].end..doc.toks[j].start].trim()
                        == ","
            };
            // A possessive inside a name ("People's Republic of China",
            // "Harper's Bazaar"): the gazetteer keys it as one word with
            // its "s" ("peoples"), and the name goes on past it.
            let possessive = doc.possessive_joins(j);
            if (doc.toks[j].gap == Gap::Hard
                && !comma_before_capitals()
                && !possessive)
                || doc.keys[j].is_empty()
            {
                return;
            }
            let sep: &[u8] = if possessive { b"s " } else { b" " };
            for &c in sep {
                let Some(t) = node.find_input(c) else { return };
                let tr = node.transition(t);
                acc = acc.cat(tr.out);
                node = fst.node(tr.addr);
            }
        }
        let key = doc.keys[j].as_bytes();
        // No singular ends anywhere unless `plurals`: the loop below then
        // finds nothing to try.
        let singulars = if plurals { singular_ends(key) } else { [None; 3] };
        for (p, &b) in key.iter().enumerate() {
            for &(_, tail) in singulars.iter().flatten().filter(|s| s.0 == p) {
                // A singular ends here, with `tail` ("y" of "-ies").
                let mut end = Some((node, acc));
                for &c in tail {
                    end = end.and_then(|(n, out)| {
                        let tr = n.transition(n.find_input(c)?);
                        Some((fst.node(tr.addr), out.cat(tr.out)))
                    });
                }
                if let Some((n, out)) = end.filter(|e| e.0.is_final()) {
                    if ends(j) {
                        finals
                            .push((j + 1, out.cat(n.final_output()).value()));
                    }
                }
            }
            let Some(t) = node.find_input(b) else { return };
            let tr = node.transition(t);
            acc = acc.cat(tr.out);
            node = fst.node(tr.addr);
        }
        if node.is_final() && ends(j) {
            finals.push((j + 1, acc.cat(node.final_output()).value()));
        }
    }
}

/// Where the singular of a word read as an English plural ends, with the
/// bytes that end it: "reporters" → (8, ""); "boxes" → (4, "") and (3,
/// ""); "policies" → (7, "") and (5, "y"). None for words of four letters
/// or fewer or ending in "ss", "us" or "is" ("bus", "glass", "news" is
/// too short).
fn singular_ends(key: &[u8]) -> [Option<(usize, &'static [u8])>; 3] {
    let n = key.len();
    let mut out = [None; 3];
    if n < 5 || !key.iter().all(u8::is_ascii_lowercase) || key[n - 1] != b's' {
        return out;
    }
    if !matches!(key[n - 2], b's' | b'u' | b'i') {
        out[0] = Some((n - 1, &b""[..]));
    }
    if key[n - 2] == b'e'
        && (matches!(key[n - 3], b's' | b'x' | b'z')
            || key[..n - 2].ends_with(b"ch")
            || key[..n - 2].ends_with(b"sh"))
    {
        out[1] = Some((n - 2, &b""[..]));
    }
    if key.ends_with(b"ies") {
        out[2] = Some((n - 3, &b"y"[..]));
    }
    out
}

/// Whether the links `parts` of a query (`text`) with a stored name written
/// "FAMILY, Given" (`name`) take the query's first word to the family
/// name and its last word to a given name (words compared by key, see
/// [`token_key`]).
fn reversed(name: &str, parts: &[PartEvidence], text: &str) -> bool {
    let Some((family, _)) = name.split_once(',') else {
        return false;
    };
    let family = word_keys(family);
    let words = word_keys(text);
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let meets = |word: &str, in_family: bool| {
        parts.iter().any(|p| {
            p.query == word
                && !p.name.is_empty()
                && family.contains(&p.name) == in_family
        })
    };
    words.len() >= 2 && meets(first, true) && meets(last, false)
}

/// Whether the links `parts` of a query (`text`) with a stored name written
/// "FAMILY, First Middle..." (`name`) take the query's first word to a
/// given name after the first, and nothing to the first (words compared
/// by key, see [`token_key`]).
fn first_word_is_a_middle_name(
    name: &str,
    parts: &[PartEvidence],
    text: &str,
) -> bool {
    let Some((_, given)) = name.split_once(',') else {
        return false;
    };
    let given = word_keys(given);
    let Some(first) = word_keys(text).into_iter().next() else {
        return false;
    };
    let linked_to = |word: &str| {
        parts
            .iter()
            .filter(|p| p.how != LinkKind::Unmatched && !p.query.is_empty())
            .any(|p| p.name == word)
    };
    given.len() >= 2
        && !linked_to(&given[0])
        && parts
            .iter()
            .any(|p| p.query == first && given[1..].contains(&p.name))
}

/// Whether two names have a word with the same key (see [`token_key`]),
/// or keys that are spellings of one word.
fn shares_a_word(a: &str, b: &str) -> bool {
    let theirs = word_keys(b);
    // The same word, or the same word romanised otherwise ("GADHAFI" and
    // "QADHAFI" are one name).
    word_keys(a).iter().any(|k| theirs.iter().any(|t| spelt_alike(k, t)))
}

/// The keys of the words of `text` as the name model reads them (see
/// [`token_key`]).
fn word_keys(text: &str) -> Vec<String> {
    fold(text).split(' ').filter_map(token_key).collect()
}

/// Whether two word keys (romanised skeletons) are one word spelt
/// otherwise: equal, the same consonants, or within the typo budget.
fn spelt_alike(k: &str, t: &str) -> bool {
    k == t || same_consonants(k, t) || within_budget(k, t) > 0.0
}

/// The key of the first word of `text` as the name model reads it (its
/// romanised skeleton; see [`token_key`]); "" if none.
fn first_key(text: &str) -> String {
    fold(text).split(' ').next().and_then(token_key).unwrap_or_default()
}

/// How many tokens (`run`, of `text`) at the start and at the end of
/// `query` no part of `m`'s name was aligned with; (0, 0) when none was.
/// `query_parts` is the number of parts the fuzzy query had.
fn unaligned_ends(
    g: &Resolver,
    query: &str,
    m: &Match,
    run: &[Token],
    text: &str,
    query_parts: usize,
) -> (u8, u8) {
    // One query part per word, every one aligned: nothing to leave out,
    // and no second parse.
    let unmatched = m
        .evidence
        .parts
        .iter()
        .any(|p| p.query_part.is_some() && p.how == LinkKind::Unmatched);
    if !unmatched && query_parts == run.len() {
        return (0, 0);
    }
    let parts = part_words(g, query);
    // A legal form belongs to the name it ends, matched or not ("Vulcan
    // Inc"): only words, titles and the like are left out.
    let legal = parts
        .iter()
        .filter(|(class, _)| *class == Class::Generic)
        .flat_map(|(_, t)| t.split(' '));
    let aligned: FxHashSet<&str> = m
        .evidence
        .parts
        .iter()
        .filter(|p| p.how != LinkKind::Unmatched)
        .filter_map(|p| p.query_part.and_then(|i| parts.get(i)))
        .flat_map(|(_, w)| w.split(' '))
        .chain(legal)
        .collect();
    // A token is folded as the name's words were ("J.D." is the words
    // "j" and "d" there, not the key "jd" the spotter looks aliases up by).
    let named = |t: &Token| {
        fold(&text[t.start..t.end]).split(' ').any(|w| aligned.contains(w))
    };
    let lead = run.iter().take_while(|t| !named(t)).count();
    if lead == run.len() {
        return (0, 0);
    }
    let trail = run.iter().rev().take_while(|t| !named(t)).count();
    let small = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
    (small(lead), small(trail))
}

/// What a run's writing says of the entity it may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// Nothing.
    Any,
    /// A title precedes ("Mr. Lavrov"): a person.
    Titled,
    /// Written as a person's name ("Charles Clarke", "M Cueto"): a person, or
    /// something else, but no place it would be a misspelling of (Lake
    /// Charles), unless the place's name or the matching alias starts with
    /// the same word.
    PersonName,
    /// Written as a person's name, if its first word is in a given-name
    /// group of the lexicon ([`Lexicon::has_groups`]; a name of one
    /// spelling, which [`Spotter::starts_with_given_name`] takes for a
    /// person's, is not enough to read the run as a person's name against
    /// places): settled only when the run's answer is not in the memo.
    MaybePersonName,
}

#[cfg(test)]
mod tests {
    use super::singular_ends;

    fn singulars(word: &str) -> Vec<String> {
        singular_ends(word.as_bytes())
            .into_iter()
            .flatten()
            .map(|(at, tail)| {
                format!(
                    "{}{}",
                    &word[..at],
                    std::str::from_utf8(tail).unwrap()
                )
            })
            .collect()
    }

    #[test]
    fn plurals_read_back_to_their_singulars() {
        assert_eq!(singulars("reporters"), ["reporter"]);
        assert_eq!(singulars("boxes"), ["boxe", "box"]);
        assert_eq!(singulars("churches"), ["churche", "church"]);
        assert_eq!(singulars("policies"), ["policie", "policy"]);
        // Not plurals, or too short to tell.
        for word in ["glass", "virus", "analysis", "news", "bus", "reporter"] {
            assert!(singulars(word).is_empty(), "{word}");
        }
    }
}
