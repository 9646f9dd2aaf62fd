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
//!    that ends on such a word wins.
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
//!   text ("us", "turkey", "bout") never matches;
//! - a single word of one to three letters matches only an alias written
//!   exactly so ("US" is the United States, "Us" and "us" are not);
//! - a single ordinary English word ("May", "Price", "Bout"; see
//!   [`words`]) is not evidence by itself, capital or not: it is linked
//!   only when the document names the same entity in full elsewhere, or
//!   when written in capitals exactly as an alias is ("US");
//! - a capitalised given name alone ("Maria", "Oscar"; the lexicon's given
//!   names) is not evidence for anything but a place of that name of
//!   [`SMALL_PLACE_POPULATION`] or more ("Florence"; "Asia" is a town in
//!   the Philippines); in capitals it may be an acronym ("NATO", "ISIS");
//! - an alias of a small place ([`SMALL_PLACE_POPULATION`]; its canonical
//!   name is not affected) is not evidence by itself either: GeoNames
//!   lists historical and foreign forms ("Rhode" for Roses, "Central Park"
//!   for Bethpage) that English text uses for something else; nor is a
//!   person's one-word alias in a cased script ("Spaniard", "CROCODILE"),
//!   mostly a nickname, unless the document names the person otherwise;
//! - titles and honorifics ("Secretary of State", "Mr.") are never part of
//!   a mention; they say a person follows, which settles same-alias
//!   ambiguity by type, and after a title written with a capital a name
//!   no person of the gazetteer bears links to nothing ("Mr Campbell" is
//!   not the town);
//! - in a headline written in title case, and for the first word of a
//!   sentence, a capital says nothing, so ordinary words there do not start
//!   a name;
//! - a run written as a person's name (two or three capitalised words led
//!   by a given name, or an initial and a word: "Charles Clarke", "M
//!   Cueto") is no misspelt place: it takes a fuzzy place match only when
//!   the place's name starts with the same word ("West Brom");
//! - the family name of such a run that the gazetteer does not know
//!   ("Michael Howard") names that person wherever it stands alone in the
//!   document, so it links to nothing (not Howard, Wisconsin).

mod context;
pub mod words;

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::gazetteer::Gazetteer;
use crate::limits::MAX_EXACT_POSTINGS;
use crate::normalize::fold;
use crate::normalize::token::{tokenize, Gap, Shape, Token};
use words::{Words, MAX_TITLE_TOKENS};

/// Fuzzy links in running text scoring below this are not made. It is
/// above the single-name [`ACCEPT_THRESHOLD`](crate::score::ACCEPT_THRESHOLD):
/// a name looked up is known to be a name, while a run of capitalised
/// words in text is a guess, most often of something the gazetteer does
/// not hold ("Duchess of Cambridge", "Donald Trump Jr", "Ben & Jerry"), so
/// a link needs more evidence. Chosen on the news sample (see
/// `benches/README.md`): at 0.83 it linked 31 more runs, nearly all
/// wrong ("Daniel Day-Lewis" to a sanctioned LOUIE, Daniel Maurice).
pub const TEXT_THRESHOLD: f64 = 0.85;

/// The most tokens one mention may span.
pub const MAX_MENTION_TOKENS: usize = 12;

/// Places with fewer people than this are small: an alias of one alone is
/// weak evidence (see the false-positive policy), and the prior never
/// chooses one among entities of the same name (`spot::context`).
pub const SMALL_PLACE_POPULATION: u64 = 100_000;

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

/// How a mention was linked to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// The text is, once folded, a name or alias of the entity.
    Exact,
    /// The text's name parts aligned with a name of the entity.
    Fuzzy,
    /// A partial or ambiguous name settled by the rest of the document.
    Context,
    /// An acronym the document defines.
    Acronym,
}

impl How {
    /// Its name in JSON output: `exact`, `fuzzy`, `context` or `acronym`.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Exact => "exact",
            How::Fuzzy => "fuzzy",
            How::Context => "context",
            How::Acronym => "acronym",
        }
    }
}

impl Serialize for How {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for How {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Finds mentions in texts with a gazetteer. Cheap to create; holds no
/// state between documents, so results never depend on what else was
/// annotated or on which thread.
#[derive(Clone, Copy)]
pub struct Spotter<'g> {
    g: &'g Gazetteer,
    words: &'static Words,
    threshold: f64,
}

impl Gazetteer {
    /// The entity mentions in `text`, sorted by start, never overlapping.
    /// Costs one tokenising pass, one fst walk per capitalised word, and a
    /// fuzzy resolution per run of capitalised words that no alias covers.
    ///
    /// ```
    /// let g = nomina::Gazetteer::embedded()?;
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

    /// The mentions of each text, in the order given, annotated in
    /// parallel on the current rayon pool (the global one unless called
    /// inside `ThreadPool::install`), chunk by chunk as the corpus runner
    /// works ([`crate::corpus::map_in_chunks`]). Each text's mentions are those of
    /// [`annotate`](Gazetteer::annotate), whatever the number of threads.
    ///
    /// ```
    /// let g = nomina::Gazetteer::embedded()?;
    /// let texts = ["Sergei Lavrov spoke.", "", "Antony Blinken in Paris."];
    /// let batch = g.annotate_batch(&texts);
    /// let one_by_one: Vec<_> = texts.iter().map(|t| g.annotate(t)).collect();
    /// assert_eq!(batch, one_by_one);
    /// assert_eq!(batch[2][0].name, "Antony Blinken");
    /// # Ok::<(), nomina::Error>(())
    /// ```
    pub fn annotate_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
    ) -> Vec<Vec<Mention>> {
        Spotter::new(self).annotate_batch(texts)
    }
}

impl<'g> Spotter<'g> {
    /// A spotter accepting links that score at least [`TEXT_THRESHOLD`].
    pub fn new(g: &'g Gazetteer) -> Spotter<'g> {
        Spotter { g, words: Words::get(), threshold: TEXT_THRESHOLD }
    }

    /// The same with another acceptance threshold.
    pub fn with_threshold(mut self, threshold: f64) -> Spotter<'g> {
        self.threshold = threshold;
        self
    }

    /// The mentions in `text`; see [`Gazetteer::annotate`].
    pub fn annotate(&self, text: &str) -> Vec<Mention> {
        let doc = Doc::new(text, self.words);
        let mut cx = Cx { g: self.g, entities: FxHashMap::default() };
        let mut spans = self.exact_spans(&doc, &mut cx);
        let unknown = self.fuzzy_spans(&doc, &mut spans);
        context::link(&doc, &mut cx, &mut spans, &unknown);
        spans.sort_by_key(|s| s.i);
        let mut out: Vec<Mention> = Vec::new();
        for s in spans {
            let Some((entity, score)) = s.linked else { continue };
            if score < self.threshold {
                continue;
            }
            let Some(e) = self.g.entity(entity) else { continue };
            let (start, end) = (doc.toks[s.i].start, doc.toks[s.j - 1].end);
            if out.last().is_some_and(|m| m.end > start) {
                continue;
            }
            out.push(Mention {
                start,
                end,
                text: text[start..end].to_string(),
                id: e.id.to_string(),
                name: e.name.to_string(),
                kind: e.kind.to_string(),
                score,
                how: s.how,
            });
        }
        out
    }

    /// The mentions of each text; see [`Gazetteer::annotate_batch`].
    pub fn annotate_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
    ) -> Vec<Vec<Mention>> {
        crate::corpus::map_in_chunks(texts, crate::corpus::CHUNK_BYTES, |t| {
            self.annotate(t.as_ref())
        })
    }

    /// Step 2: the longest acceptable alias at every word that may start a
    /// name, left to right.
    fn exact_spans(&self, doc: &Doc, cx: &mut Cx) -> Vec<Span> {
        let fst = self.g.key_map().as_fst();
        let n = doc.toks.len();
        let mut out = Vec::new();
        let mut finals: Vec<(usize, u64)> = Vec::new();
        let mut i = 0;
        while i < n {
            if !doc.toks[i].shape.is_name_like() || doc.keys[i].is_empty() {
                i += 1;
                continue;
            }
            finals.clear();
            let mut node = fst.root();
            let mut acc = fst::raw::Output::zero();
            'walk: for j in i..n.min(i + MAX_MENTION_TOKENS) {
                if j > i {
                    if doc.toks[j].gap == Gap::Hard || doc.keys[j].is_empty() {
                        break;
                    }
                    let Some(t) = node.find_input(b' ') else { break };
                    let tr = node.transition(t);
                    acc = acc.cat(tr.out);
                    node = fst.node(tr.addr);
                }
                for b in doc.keys[j].bytes() {
                    let Some(t) = node.find_input(b) else { break 'walk };
                    let tr = node.transition(t);
                    acc = acc.cat(tr.out);
                    node = fst.node(tr.addr);
                }
                if node.is_final() && doc.can_end(j) {
                    finals.push((j + 1, acc.cat(node.final_output()).value()));
                }
            }
            let found = finals
                .iter()
                .rev()
                .find_map(|&(j, value)| self.exact_span(doc, cx, i, j, value));
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
        let postings = self.g.postings_of(value);
        let mut cands: Vec<Cand> = postings
            .iter()
            .take(MAX_EXACT_POSTINGS)
            .map(|p| Cand {
                entity: p.entity,
                alias: p.alias,
                score: 1.0,
                exact: true,
            })
            .collect();
        let mut strength = Strength::Strong;
        if j - i == 1 {
            let t = doc.toks[i];
            let written = &doc.text[t.start..t.end];
            let short =
                written.chars().filter(|c| c.is_alphabetic()).count() <= 3;
            if short && t.shape != Shape::Upper {
                // "Of", "Man": a short capitalised word is not a name.
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
                    && self.g.lexicon().has_groups(&doc.keys[i])
                    && !cands.iter().any(|c| {
                        let e = cx.info(c.entity);
                        e.place && !e.small_place()
                    }))
            {
                // An ordinary word, or a given name alone ("Maria" is not
                // the vessel MARIA, "David" not the town in Panama; a city
                // "Florence" may be): a person of the document at most.
                strength = Strength::Weak;
            }
        }
        if cands.is_empty() {
            return None;
        }
        // The alternate names of small places are mostly historical or
        // foreign forms ("Rhode" for Roses, "Central Park" for Bethpage)
        // that English text uses for something else.
        if cands.iter().all(|c| c.alias && cx.info(c.entity).small_place()) {
            strength = Strength::Weak;
        }
        // A person's one-word alias in a cased script is mostly a nickname
        // ("Spaniard", "CROCODILE", "ROBSON") that text uses as a word or
        // for someone else: evidence only beside the person named in full.
        // (In a script without case it is the whole name: 习近平.)
        let one_cased_word = j - i == 1 && doc.toks[i].shape != Shape::Uncased;
        if one_cased_word
            && cands.iter().all(|c| c.alias && cx.info(c.entity).person)
        {
            strength = Strength::Weak;
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
        // Whether token `k` is by itself a place's name (spans are sorted
        // by start; asked only of runs written as persons' names).
        let place = |spans: &[Span], k: usize| {
            let at = spans.partition_point(|s| s.i < k);
            spans[at..].iter().take_while(|s| s.i == k).any(|s| {
                s.j == k + 1
                    && s.cands
                        .iter()
                        .any(|c| self.g.kind_of(c.entity) == Some("location"))
            })
        };
        let person_name = |spans: &[Span], a: usize, b: usize| {
            Self::written_as_person(doc, a, b)
                && self.starts_with_given_name(&doc.keys[a], place(spans, a))
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
        let regular = runs.len();
        for (r, (a, b)) in
            runs.into_iter().chain(doc.inverted_names()).enumerate()
        {
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
            let found = starts.into_iter().find_map(|i| {
                let query = &doc.text[doc.toks[i].start..doc.toks[b - 1].end];
                // Whether the first word is a given name is settled in
                // `resolve_run`, on a memo miss only.
                let reading = if doc.cue[i] {
                    Reading::Titled
                } else if initialled(i, b) {
                    Reading::PersonName
                } else if Self::written_as_person(doc, i, b)
                    && !place(spans, i)
                {
                    Reading::MaybePersonName
                } else {
                    Reading::Any
                };
                self.fuzzy(query, reading).map(|c| (i, c))
            });
            match found {
                Some((i, c)) => added.push(Span {
                    i,
                    j: b,
                    cands: vec![c],
                    strength: Strength::Strong,
                    how: if c.exact { How::Exact } else { How::Fuzzy },
                    person_cue: doc.cue[i],
                    linked: None,
                }),
                // A longer name the gazetteer does not know ("Virginia
                // Thomas", "Puerto Ricans", "Jill Biden"): the aliases
                // inside it are not mentions.
                None if r < regular => {
                    unknown.words[a..b].iter_mut().for_each(|u| *u = true);
                    persons.push((a, b));
                }
                None => {}
            }
        }
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
        for f in added {
            spans.retain(|s| s.j <= f.i || s.i >= f.j);
            spans.push(f);
        }
        spans.sort_by_key(|s| s.i);
        unknown
    }

    /// The best fuzzy match of a run, if any scores at the threshold, as
    /// its `reading` allows.
    fn fuzzy(&self, query: &str, reading: Reading) -> Option<Cand> {
        // Names recur across documents: answers are kept in the
        // gazetteer's run memo, shared by all threads. A kept answer is the
        // answer itself (resolution is a pure function of gazetteer,
        // threshold, reading and text), so the memo never changes output.
        let key = format!("{}{query}", reading as u8);
        let threshold = self.threshold.to_bits();
        let memo = &self.g.memos.runs;
        if let Some((t, answer)) = memo.get(&key) {
            if t == threshold {
                return answer;
            }
        }
        let answer = self.resolve_run(query, reading);
        memo.insert(&key, (threshold, answer));
        answer
    }

    /// Whether the run `a..b` is written as a person's name: two or three
    /// capitalised words apart by single spaces, the first no ordinary
    /// word ("John Howard", not "High Court", "Bank of England",
    /// "India-Pakistan" or "BAE Systems").
    fn written_as_person(doc: &Doc, a: usize, b: usize) -> bool {
        (2..=3).contains(&(b - a))
            && !doc.common[a]
            && (a..b).all(|k| doc.toks[k].shape == Shape::Capitalised)
            && (a + 1..b).all(|k| {
                &doc.text[doc.toks[k - 1].end..doc.toks[k].start] == " "
            })
    }

    /// Whether the first word of a run written as a person's name is a
    /// given name the gazetteer's name groups know and not the name of a
    /// place ("Sydney Olympic", "Bayer Leverkusen" are no persons).
    fn starts_with_given_name(&self, text: &str, place: bool) -> bool {
        !place && self.g.lexicon().has_groups(&first_key(text))
    }

    fn resolve_run(&self, query: &str, reading: Reading) -> Option<Cand> {
        let first = first_key(query);
        let reading = match reading {
            Reading::MaybePersonName
                if self.g.lexicon().has_groups(&first) =>
            {
                Reading::PersonName
            }
            Reading::MaybePersonName => Reading::Any,
            r => r,
        };
        // A run none of whose words the gazetteer knows, even by
        // romanisation skeleton or given-name group, is not resolved:
        // in running text, a name misspelt in every word is too weak.
        let parsed = crate::candidate::fuzzy::Query::parse(self.g, query);
        if parsed
            .parts
            .iter()
            .all(|p| p.terms.is_empty() && p.groups.is_empty())
        {
            return None;
        }
        let matches = self.g.resolve_parsed(query, parsed, 3, self.threshold);
        let misspelt_place = |m: &crate::Match| {
            m.kind == "location"
                && m.evidence.rule == crate::candidate::Rule::Fuzzy
                && first_key(&m.name) != first
                && first_key(&m.evidence.matched_name) != first
        };
        let best = matches.into_iter().find(|m| match reading {
            Reading::Any => true,
            Reading::Titled => m.kind == "person" || m.kind.is_empty(),
            Reading::PersonName => !misspelt_place(m),
            Reading::MaybePersonName => unreachable!("settled above"),
        })?;
        Some(Cand {
            entity: best.evidence.entity,
            alias: best.evidence.via_alias,
            score: best.score,
            exact: best.evidence.rule != crate::candidate::Rule::Fuzzy,
        })
    }
}

/// The key of the first word of `text` as the name model reads it (its
/// romanised skeleton; see [`crate::lexicon::token_key`]); "" if none.
fn first_key(text: &str) -> String {
    fold(text)
        .split(' ')
        .next()
        .and_then(crate::lexicon::token_key)
        .unwrap_or_default()
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
    /// the same word (West Brom, West Bromwich).
    PersonName,
    /// Written as a person's name, if its first word is a given name
    /// ([`Spotter::starts_with_given_name`]): settled only when the run's
    /// answer is not in the memo.
    MaybePersonName,
}

/// The runs of a document that read as names but resolve to no entity.
struct Unknown {
    /// Per token: inside such a run.
    words: Vec<bool>,
    /// The last words of those that read as persons' names.
    family_names: FxHashSet<String>,
}

/// How much a span's capitals say it is a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Strength {
    /// Enough to link by itself.
    Strong,
    /// An ordinary word: linked only when the document names the entity
    /// elsewhere.
    Weak,
}

/// A candidate entity of a span.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Cand {
    entity: u32,
    /// True when found through an alias rather than the canonical name.
    alias: bool,
    score: f64,
    /// The resolver found it by an exact key.
    exact: bool,
}

/// A span of tokens `i..j` and what it may denote.
#[derive(Clone, Debug)]
struct Span {
    i: usize,
    j: usize,
    cands: Vec<Cand>,
    strength: Strength,
    how: How,
    /// A title precedes the span: a person is meant.
    person_cue: bool,
    /// The entity chosen and the link's score.
    linked: Option<(u32, f64)>,
}

impl Span {
    /// Leaves the span unlinked, with no candidates: it names someone the
    /// gazetteer does not know, or is ambiguous.
    fn unlink(&mut self) {
        self.linked = None;
        self.strength = Strength::Weak;
        self.cands.clear();
    }
}

/// Per-document lookups of entity facts, each entity decoded once.
struct Cx<'g> {
    g: &'g Gazetteer,
    entities: FxHashMap<u32, Info>,
}

/// What spotting needs to know of an entity.
#[derive(Clone, Debug)]
struct Info {
    person: bool,
    /// See [`crate::Entity::population`].
    population: Option<u64>,
    /// Its type is `location`.
    place: bool,
    /// Its names, canonical first, as written.
    written: Vec<String>,
    /// Folded words of its canonical name in natural order.
    words: Vec<String>,
}

impl Info {
    /// As [`crate::Entity::prominence`]: population (0 if none), then the
    /// number of names.
    fn prominence(&self) -> (u64, usize) {
        (self.population.unwrap_or(0), self.written.len())
    }

    /// A place with a population below [`SMALL_PLACE_POPULATION`].
    fn small_place(&self) -> bool {
        self.population.is_some_and(|p| p < SMALL_PLACE_POPULATION)
    }

    /// Whether one of its names is written exactly as `text`, stops
    /// aside ("U.S." is written as "US").
    fn written_as(&self, text: &str) -> bool {
        let bare = |s: &str| s.replace('.', "");
        let text = bare(text);
        self.written.iter().any(|w| bare(w) == text)
    }
}

impl Cx<'_> {
    fn info(&mut self, entity: u32) -> &Info {
        let g = self.g;
        self.entities.entry(entity).or_insert_with(|| {
            let Some(e) = g.entity(entity) else {
                return Info {
                    person: false,
                    population: None,
                    place: false,
                    written: Vec::new(),
                    words: Vec::new(),
                };
            };
            let natural = crate::normalize::natural_order(e.name);
            let words = fold(natural.as_deref().unwrap_or(e.name))
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            let mut written = vec![e.name.to_string()];
            written.extend(e.aliases.iter().map(|a| a.to_string()));
            Info {
                person: e.kind == "person",
                population: e.population(),
                place: e.kind == "location",
                written,
                words,
            }
        })
    }
}

/// A tokenised document with the per-token facts spotting uses.
struct Doc<'t> {
    text: &'t str,
    toks: Vec<Token>,
    /// Each token's folded key.
    keys: Vec<Cow<'t, str>>,
    /// The key is an ordinary English word.
    common: Vec<bool>,
    /// A capital here says nothing: sentence start or title-case line.
    weak_capital: Vec<bool>,
    /// The token is part of a title phrase.
    title: Vec<bool>,
    /// A title phrase ends right before the token.
    cue: Vec<bool>,
    /// That title is written with a capital ("Mr", "Queen", "President"),
    /// not as an ordinary word might be ("major", "chief", "host").
    capital_cue: Vec<bool>,
    words: &'static Words,
}

impl<'t> Doc<'t> {
    fn new(text: &'t str, words: &'static Words) -> Doc<'t> {
        let toks = tokenize(text);
        let keys: Vec<Cow<str>> =
            toks.iter().map(|t| fold_token(&text[t.start..t.end])).collect();
        // Only words written as names are judged ordinary or not.
        let common: Vec<bool> = toks
            .iter()
            .zip(&keys)
            .map(|(t, k)| t.shape.is_name_like() && words.is_common(k))
            .collect();
        let title_case = title_case_lines(&toks, &keys, &common);
        let weak_capital = toks
            .iter()
            .zip(&title_case)
            .map(|(t, &tc)| t.sentence_start || tc)
            .collect();
        let n = toks.len();
        let (mut title, mut cue) = (vec![false; n], vec![false; n]);
        let mut capital_cue = vec![false; n];
        let mut k = 0;
        while k < n {
            if !words.starts_title(&keys[k]) {
                k += 1;
                continue;
            }
            let mut phrase = String::new();
            let mut best = 0;
            for m in k..n.min(k + MAX_TITLE_TOKENS) {
                if m > k {
                    if toks[m].gap == Gap::Hard {
                        break;
                    }
                    phrase.push(' ');
                }
                phrase.push_str(&keys[m]);
                if words.is_title(&phrase) {
                    best = m + 1 - k;
                }
            }
            if best == 0 {
                k += 1;
                continue;
            }
            title[k..k + best].iter_mut().for_each(|t| *t = true);
            if let Some(next) = toks.get(k + best) {
                cue[k + best] = next.gap == Gap::Soft;
                capital_cue[k + best] =
                    cue[k + best] && toks[k].shape != Shape::Lower;
            }
            k += best;
        }
        Doc {
            text,
            toks,
            keys,
            common,
            weak_capital,
            title,
            cue,
            capital_cue,
            words,
        }
    }

    /// Whether a mention may end on token `k`: a word written as a name,
    /// or a number ("Apollo 11").
    fn can_end(&self, k: usize) -> bool {
        let s = self.toks[k].shape;
        s.is_name_like() || s == Shape::Number
    }

    /// Whether token `k` reads as a word of a name in a run: written as a
    /// name, not a title, and not an ordinary word whose capital says
    /// nothing.
    fn is_name_word(&self, k: usize) -> bool {
        self.toks[k].shape.is_name_like()
            && !self.title[k]
            && !(self.common[k] && self.weak_capital[k])
    }

    /// The token before `a` when it is an ordinary capitalised word that
    /// starts the sentence, joined to `a` by a soft gap.
    fn sentence_initial_before(&self, a: usize) -> Option<usize> {
        let p = a.checked_sub(1)?;
        let t = self.toks[p];
        (self.toks[a].gap == Gap::Soft
            && t.sentence_start
            && t.shape == Shape::Capitalised
            && self.common[p]
            && !self.title[p]
            && !self.words.is_function(&self.keys[p]))
        .then_some(p)
    }

    /// Whether token `k` may stand inside a run in lower case.
    fn is_connector(&self, k: usize) -> bool {
        self.toks[k].shape == Shape::Lower
            && self.words.is_connector(&self.keys[k])
    }

    /// The maximal runs of name words, joined by soft gaps and connectors,
    /// with at least two name words of which one is not an ordinary word.
    fn runs(&self) -> Vec<(usize, usize)> {
        let n = self.toks.len();
        let mut out = Vec::new();
        let mut k = 0;
        while k < n {
            if !self.is_name_word(k) {
                k += 1;
                continue;
            }
            let a = k;
            let mut b = k + 1;
            let mut m = k + 1;
            while m < n
                && self.toks[m].gap == Gap::Soft
                && m - a < MAX_MENTION_TOKENS
            {
                if self.is_name_word(m) {
                    b = m + 1;
                } else if !self.is_connector(m) {
                    break;
                }
                m += 1;
            }
            if self.is_run(a, b) {
                out.push((a, b));
            }
            k = b;
        }
        out
    }

    /// Names written "FAMILY, Given" as lists do ("LAVROV, Sergei
    /// Viktorovich"): family words in capitals, a comma, given names.
    fn inverted_names(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for c in 1..self.toks.len() {
            let sep = &self.text[self.toks[c - 1].end..self.toks[c].start];
            if sep.trim_end() != ","
                || self.toks[c].shape != Shape::Capitalised
            {
                continue;
            }
            let mut a = c - 1;
            while a > 0
                && c - a < 3
                && self.toks[a].gap == Gap::Soft
                && self.toks[a - 1].shape == Shape::Upper
            {
                a -= 1;
            }
            let mut b = c + 1;
            while b < self.toks.len()
                && b - c < 4
                && self.toks[b].gap == Gap::Soft
                && self.toks[b].shape == Shape::Capitalised
            {
                b += 1;
            }
            if self.is_inverted(a, b) {
                out.push((a, b));
            }
        }
        out
    }

    /// Whether tokens `a..b` read "FAMILY, Given": see
    /// [`inverted_names`](Doc::inverted_names).
    fn is_inverted(&self, a: usize, b: usize) -> bool {
        let Some(c) = (a + 1..b).find(|&k| self.toks[k].gap == Gap::Hard)
        else {
            return false;
        };
        let sep = &self.text[self.toks[c - 1].end..self.toks[c].start];
        sep.trim_end() == ","
            && (a..c)
                .all(|k| self.toks[k].shape == Shape::Upper && !self.title[k])
            && (c..b).all(|k| {
                self.toks[k].shape == Shape::Capitalised && !self.title[k]
            })
            && (a + 1..b).all(|k| k == c || self.toks[k].gap == Gap::Soft)
    }

    /// Whether tokens `a..b` are a run: name words at both ends, name
    /// words or connectors between, soft gaps, two or more name words and
    /// one that is not an ordinary word.
    fn is_run(&self, a: usize, b: usize) -> bool {
        if b < a + 2 || !self.is_name_word(a) || !self.is_name_word(b - 1) {
            return false;
        }
        let mut names = 0;
        let mut rare = false;
        for k in a..b {
            if k > a && self.toks[k].gap == Gap::Hard {
                return false;
            }
            if self.is_name_word(k) {
                names += 1;
                rare |= !self.common[k];
            } else if !self.is_connector(k) {
                return false;
            }
        }
        names >= 2 && rare
    }
}

/// Folds one token: ASCII words by lower-casing, others by [`fold`].
/// Dotted abbreviations are joined ("U.S." → "us"), as gazetteers list
/// them ("US").
fn fold_token(word: &str) -> Cow<'_, str> {
    let b = word.as_bytes();
    if b.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        Cow::Borrowed(word)
    } else if b.iter().all(u8::is_ascii_alphanumeric) {
        Cow::Owned(word.to_ascii_lowercase())
    } else if let Some(joined) = crate::normalize::join_dotted(word) {
        Cow::Owned(fold(&joined))
    } else {
        Cow::Owned(fold(word))
    }
}

/// For each token, whether its line is written in title case: after the
/// first word, three or more words of four letters or more that are
/// ordinary English words or in lower case, at least 80 % of them
/// capitalised ("Over 4 Million Americans Roll Up Sleeves"). Capitalised
/// names ("Victor Bout met Antony Blinken") are no evidence either way.
fn title_case_lines(
    toks: &[Token],
    keys: &[Cow<str>],
    common: &[bool],
) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut start = 0;
    while start < toks.len() {
        let line = toks[start].line;
        let end = toks[start..]
            .iter()
            .position(|t| t.line != line)
            .map_or(toks.len(), |p| start + p);
        let (mut long, mut capital) = (0, 0);
        for k in start + 1..end {
            if keys[k].chars().count() < 4 {
                continue;
            }
            match toks[k].shape {
                Shape::Lower => long += 1,
                Shape::Capitalised | Shape::Upper if common[k] => {
                    long += 1;
                    capital += 1;
                }
                _ => {}
            }
        }
        if long >= 3 && capital * 5 >= long * 4 {
            out[start..end].iter_mut().for_each(|t| *t = true);
        }
        start = end;
    }
    out
}
