//! Aligning a query with one stored name, in named steps:
//!
//! 1. [`pair`](Scorer::pair): every pair of a query part and a name part
//!    is judged ([`part_similarity`]); pairs are taken greedily, best
//!    first (similarity times the lighter weight), each part at most once,
//!    so order does not matter;
//! 2. [`group`](Scorer::group): parts left over may meet a run of adjacent
//!    parts on the other side: a word written as one and as two
//!    ("Yunxia"/"Yun Xia"), a word cut short ("TRANS"), an acronym ("CHAMS
//!    MLO" for "... MONEY LAUNDERING ORGANIZATION");
//! 3. [`leftovers`](Scorer::leftovers): each part still unmatched costs its
//!    weight times a penalty ([`unmatched_penalty`]), lighter for middle
//!    names, initials and legal forms, and for a first name the fuller side
//!    has when the other one's given name is matched;
//! 4. [`findings`](Scorer::findings): the conflicts between the sides
//!    (a person against an organisation, a match on organisation words
//!    alone) and the hard constraints (a family name met only by a
//!    patronymic, a generational suffix on one side only); then
//!    [`features`](Scorer::features), what the fitted model weighs, and
//!    [`verdict`](Scorer::verdict), the unfitted score that bounds the
//!    candidates: the weighted Dice coefficient of matched against all
//!    weight, times factors for the conflicts and the evidence factor (how
//!    much matched weight, in rarity, the match rests on).
//!
//! Weights are the parts' inverse document frequencies in the gazetteer, so
//! a shared rare family name counts for much more than a shared "Mohammed"
//! or "Company".

use std::ops::{Range, RangeInclusive};

use rustc_hash::FxHashMap;

use super::features::{self, Features};
use super::part::{
    capped, part_similarity, unmatched_penalty, Likeness, LinkKind,
};
use crate::candidate::fuzzy::{idf, Query, QueryPart};
use crate::gazetteer::{Gazetteer, StoredName, StoredPart};
use crate::limits::{ACRONYM_WORDS, MAX_FUZZY_SCORE, MIN_PART_SIMILARITY};
use crate::name::compare::{abbreviation, spelling_similarity};
use crate::name::key::{
    acronym_term, is_descriptor, is_suffix, DOMAIN_PREFIX, SYMBOL_PREFIX,
};
use crate::name::{spelling, Class, EntityKind, Role};
use crate::normalize::skeleton;

/// Factor on the score of a person's name matched with an organisation's
/// (one side has a legal form, the other reads as a person's name).
pub const TYPE_CONFLICT: f32 = 0.8;

/// The matched weight (in nats) at which the evidence factor reaches
/// 1 − 1/e; see [`Scorer::align`].
pub const EVIDENCE_SCALE: f64 = 4.0;

/// Factor on the score of a match that rests on organisation words and
/// legal forms alone, with no word of the name proper.
pub const DESCRIPTORS_ONLY: f32 = 0.9;

/// One aligned or unmatched part: indices into the query's parts and the
/// stored name's parts (`None` on the side that has no part in it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// The query part.
    pub query: Option<usize>,
    /// The stored name's part.
    pub name: Option<usize>,
    /// Their similarity (0 when unmatched).
    pub similarity: f32,
    /// How they were linked.
    pub kind: LinkKind,
}

impl Link {
    fn unmatched(query: Option<usize>, name: Option<usize>) -> Link {
        Link { query, name, similarity: 0.0, kind: LinkKind::Unmatched }
    }
}

/// One stored name aligned with the query.
pub struct Alignment {
    /// The score of candidate generation: the Dice coefficient times a
    /// factor per conflict and the evidence factor (unfitted; it bounds
    /// which candidates the fitted model weighs).
    pub score: f64,
    /// The links, one per query part in order, then the further name parts
    /// of groups, then the name parts left unmatched.
    pub links: Vec<Link>,
    /// The features the fitted model weighs.
    pub features: Features,
    /// A hard constraint rules the name out (the family names differ).
    pub excluded: bool,
}

/// Scores stored names against one query, caching what names share:
/// part similarities by (query part, term keys) and weights by term.
pub struct Scorer<'a> {
    g: &'a Gazetteer,
    q: &'a Query,
    sims: FxHashMap<(usize, [u32; 3], bool), Likeness>,
    weights: FxHashMap<u32, f32>,
    groups: FxHashMap<u32, Vec<u32>>,
}

/// The stored name as an alignment reads it: its parts other than titles,
/// their weights, and what kind of name it is.
struct NameSide<'s> {
    name: &'s StoredName,
    /// Indices of the parts aligned (titles and function words left out).
    parts: Vec<usize>,
    /// Their weights.
    weights: Vec<f32>,
    /// The name reads as a person's (it has a given name).
    person: bool,
    /// The entity is a place.
    place: bool,
}

impl NameSide<'_> {
    fn part(&self, jj: usize) -> &StoredPart {
        &self.name.parts[self.parts[jj]]
    }
}

/// The sums of a weighted Dice coefficient: matched weight counts its
/// similarity on both sides, all weight counts on both sides, and an
/// unmatched part counts its weight times its penalty.
#[derive(Default)]
struct Dice {
    num: f32,
    den: f32,
    /// Unmatched weight at its penalty, on the query's side and the
    /// name's (for the features).
    missing: [f32; 2],
}

impl Dice {
    fn matched(&mut self, similarity: f32, weight: f32) {
        self.num += 2.0 * similarity * weight;
        self.den += 2.0 * weight;
    }

    fn unmatched(&mut self, side: usize, weight: f32, penalty: f32) {
        self.den += weight * penalty;
        self.missing[side] += weight * penalty;
    }

    /// The weight the match rests on: each matched part counted once.
    fn rests_on(&self) -> f64 {
        f64::from(self.num / 2.0)
    }

    fn value(&self) -> f64 {
        if self.den > 0.0 {
            f64::from(self.num / self.den)
        } else {
            0.0
        }
    }
}

/// What each part is matched with so far: per query part, the name part
/// (index into [`NameSide::parts`]) with similarity and kind; per name
/// part, whether it is taken.
struct Matching {
    query: Vec<Option<(usize, f32, LinkKind)>>,
    name: Vec<bool>,
}

/// Parts matched as a group: query parts, name parts (indices into
/// [`NameSide::parts`]), similarity, kind, and the most the group may
/// weigh.
struct Group {
    query: Range<usize>,
    name: Range<usize>,
    similarity: f32,
    kind: LinkKind,
    cap: f32,
}

impl<'a> Scorer<'a> {
    /// A scorer for `q` on `g`.
    pub fn new(g: &'a Gazetteer, q: &'a Query) -> Scorer<'a> {
        Scorer {
            g,
            q,
            sims: FxHashMap::default(),
            weights: FxHashMap::default(),
            groups: FxHashMap::default(),
        }
    }

    /// Scores one stored name: its score and the alignment, one link per
    /// query part in order, then the further name parts of groups, then
    /// the name parts left unmatched.
    pub fn align(&mut self, s: &StoredName) -> Alignment {
        let side = self.name_side(s);
        let q_weights: Vec<f32> =
            self.q.parts.iter().map(|p| capped(p.class, p.weight)).collect();
        let mut dice = Dice::default();
        let mut matching = self.pair(&side, &q_weights, &mut dice);
        let groups = self.group(&side, &matching);
        let links = self.leftovers(
            &side,
            &q_weights,
            &mut matching,
            groups,
            &mut dice,
        );
        let found = self.findings(&side, &matching);
        let score = self.verdict(&found, &dice);
        let features =
            self.features(&side, &q_weights, &matching, &dice, &found);
        Alignment { score, links, features, excluded: found.excluded() }
    }

    fn name_side<'s>(&mut self, s: &'s StoredName) -> NameSide<'s> {
        let parts: Vec<usize> = (0..s.parts.len())
            .filter(|&j| s.parts[j].class != Class::Stop)
            .collect();
        let weights =
            parts.iter().map(|&j| self.weight(&s.parts[j])).collect();
        let person = parts.iter().any(|&j| s.parts[j].role != Role::Core);
        let kind = self.g.kind_of(s.entity).map(EntityKind::of);
        let place = kind == Some(EntityKind::Location);
        NameSide { name: s, parts, weights, person, place }
    }

    fn weight(&mut self, p: &StoredPart) -> f32 {
        let g = self.g;
        let t = p.terms().first().copied().unwrap_or(u32::MAX);
        let w = *self
            .weights
            .entry(t)
            .or_insert_with(|| idf(g.term_count(t), g.name_count()));
        capped(p.class, w)
    }

    fn similarity(
        &mut self,
        i: usize,
        p: &StoredPart,
        given_names: bool,
    ) -> Likeness {
        let (g, q) = (self.g, self.q);
        let mut key = p.keys;
        for k in key.iter_mut().skip(p.len as usize) {
            *k = u32::MAX;
        }
        let qp = &q.parts[i];
        if let Some(&sim) = self.sims.get(&(i, key, given_names)) {
            return sim;
        }
        let look = !qp.groups.is_empty() && given_names;
        let theirs: &[u32] = match (look, p.terms().first()) {
            (true, Some(&t)) => self
                .groups
                .entry(t)
                .or_insert_with(|| g.lexicon().groups(g.term_text(t))),
            _ => &[],
        };
        let sim = part_similarity(g, qp, p, theirs);
        self.sims.insert((i, key, given_names), sim);
        sim
    }

    /// Step 1: pairs of one query part and one name part, best first,
    /// each part at most once.
    fn pair(
        &mut self,
        side: &NameSide<'_>,
        q_weights: &[f32],
        dice: &mut Dice,
    ) -> Matching {
        let q = self.q;
        let mut pairs: Vec<(f32, usize, usize, LinkKind)> = Vec::new();
        for i in 0..q.parts.len() {
            for jj in 0..side.parts.len() {
                let sp = side.part(jj);
                // An initial stands for a word in the names of people and
                // of what is named after them ("S. Lavrov", "N.A. G.M.
                // BERIEV"), not of places: "S Williams" is not the place
                // once called "William Stadt".
                let (qc, sc) = (q.parts[i].class, sp.class);
                if side.place
                    && (qc == Class::Initial) != (sc == Class::Initial)
                {
                    continue;
                }
                // A place's name holds no body's words: a phrase the
                // lexicon reads as one organisation word ("city council",
                // "city government") meets no part of a place's name,
                // though its symbol is that of "City" in "Boulder City"
                // and of "City of" in "City of Brooklyn Center". (The
                // symbol does not tell those phrases apart, so "City of"
                // in a query meets no part of a place either: such a
                // name matches by its exact key or by its other words.)
                if side.place && symbol_phrase(&q.parts[i].keys) {
                    continue;
                }
                // Given-name groups link a stored given name to any part
                // ("Antony Blinken"/"Anthony"); a family name or an
                // organisation word only to a part in the same place,
                // where the groups serve as romanisation tables (HAQ/HEQ,
                // JONG/CHO'NG): "Viola" is not the family name "WEI"
                // (nickname "Vi"), "Malcolm" not the word "MALL" ("Mal").
                // Place names have no given names.
                let given_names = !side.place
                    && (sp.role != Role::Core
                        || q.parts[i].role == Role::Core);
                let (sim, kind) = self.similarity(i, sp, given_names);
                if sim >= MIN_PART_SIMILARITY {
                    pairs.push((sim, i, jj, kind));
                }
            }
        }
        let pair_weight =
            |i: usize, jj: usize| q_weights[i].min(side.weights[jj]);
        pairs.sort_by(|a, b| {
            (b.0 * pair_weight(b.1, b.2))
                .total_cmp(&(a.0 * pair_weight(a.1, a.2)))
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        let mut m = Matching {
            query: vec![None; q.parts.len()],
            name: vec![false; side.parts.len()],
        };
        for (sim, i, jj, kind) in pairs {
            if m.query[i].is_some() || m.name[jj] {
                continue;
            }
            m.query[i] = Some((jj, sim, kind));
            m.name[jj] = true;
            // Two words that both say "a business" cost nothing, but tell
            // nothing either: they add no evidence.
            if kind == LinkKind::CompanyWords {
                continue;
            }
            dice.matched(sim, pair_weight(i, jj));
        }
        m
    }

    /// Step 2: parts left unmatched that meet one part of the other side
    /// in a run of adjacent parts, in the order found.
    fn group(&self, side: &NameSide<'_>, m: &Matching) -> Vec<Group> {
        let (g, q) = (self.g, self.q);
        let text = |jj: usize| {
            side.part(jj).terms().first().map_or("", |&t| g.term_text(t))
        };
        let spelled = |jj: usize| {
            let terms = side.part(jj).terms();
            let mut texts = [""; 3];
            for (text, &t) in texts.iter_mut().zip(terms) {
                *text = g.term_text(t);
            }
            spelling(&texts[..terms.len()]).copied().unwrap_or("")
        };
        let mut qs = Side {
            keys: q.parts.iter().map(|p| p.keys[0].as_str()).collect(),
            spelled: q
                .parts
                .iter()
                .map(|p| spelling(&p.keys).map_or("", String::as_str))
                .collect(),
            words: q.parts.iter().map(|p| p.class == Class::Word).collect(),
            follows: vec![true; q.parts.len()],
            used: m.query.iter().map(Option::is_some).collect(),
        };
        let n = side.parts.len();
        let s_keys: Vec<&str> = (0..n).map(text).collect();
        // Spellings are read only by acronyms and words cut short, which
        // persons' names do not have: a person's are its keys.
        let s_spelled = if side.person {
            s_keys.clone()
        } else {
            (0..n).map(spelled).collect()
        };
        let mut ss = Side {
            keys: s_keys,
            spelled: s_spelled,
            words: (0..n)
                .map(|jj| side.part(jj).class == Class::Word)
                .collect(),
            follows: (0..n)
                .map(|k| k > 0 && side.parts[k] == side.parts[k - 1] + 1)
                .collect(),
            used: m.name.clone(),
        };
        let mut groups = Vec::new();
        joined(&mut qs, &mut ss, &mut groups);
        // An organisation word left unmatched may be written cut short on
        // one side ("TRANS" for "TRANSPORTATION", "HYDRA MARKET" for "HYDRA
        // MARKETPLACE"). Names of persons and places are not cut short
        // ("Abdul" is not "Abdullah", "Wing" not "Weingarten"); a stored
        // name's layout comes from its entity's type, a query's is guessed,
        // so the stored side decides, here and for acronyms.
        if !side.person && !side.place {
            cut_short(&mut qs, &mut ss, &mut groups);
        }
        // Names of persons have no acronyms ("Ali" is not "Ahmad Latif
        // Ibrahim").
        if !side.person {
            self.acronyms(&mut qs, &mut ss, &mut groups);
        }
        groups
    }

    /// Acronyms of two to five letters on either side standing for a run of
    /// words on the other (see [`spells`]).
    fn acronyms(
        &self,
        qs: &mut Side<'_>,
        ss: &mut Side<'_>,
        groups: &mut Vec<Group>,
    ) {
        let g = self.g;
        let letters = |k: &str| {
            let n = k.len();
            (ACRONYM_WORDS.contains(&n)
                && k.bytes().all(|b| b.is_ascii_lowercase()))
            .then(|| n..=(n + 1).min(*ACRONYM_WORDS.end()))
        };
        // Function words are not parts, so a run may skip them ("UBRD" for
        // "URAL BANK FOR RECONSTRUCTION AND DEVELOPMENT").
        ss.follows = vec![true; ss.follows.len()];
        // An acronym is worth what it tells apart: two letters may stand
        // for many names ("PC"), so it weighs at most the rarity of its
        // acronym term among the gazetteer's names.
        let rarity = |k: &str| {
            g.term(&acronym_term(k)).map_or(f32::INFINITY, |t| {
                idf(g.term_count(t), g.name_count())
            })
        };
        for (a, run, sim) in one_for_many(qs, ss, letters, spells) {
            let cap = rarity(qs.keys[a]);
            groups.push(Group {
                query: a..a + 1,
                name: run,
                similarity: sim,
                kind: LinkKind::Acronym,
                cap,
            });
        }
        for (a, run, sim) in one_for_many(ss, qs, letters, spells) {
            let cap = rarity(ss.keys[a]);
            groups.push(Group {
                query: run,
                name: a..a + 1,
                similarity: sim,
                kind: LinkKind::Acronym,
                cap,
            });
        }
    }

    /// Step 3: the groups' weight counted as matched, then every part still
    /// unmatched counted at its penalty. Returns the links.
    fn leftovers(
        &self,
        side: &NameSide<'_>,
        q_weights: &[f32],
        m: &mut Matching,
        groups: Vec<Group>,
        dice: &mut Dice,
    ) -> Vec<Link> {
        let q = self.q;
        // Each query part of a group points at the group's first name
        // part; the others are listed with the first query part.
        let mut joined: Vec<Link> = Vec::new();
        for gr in groups {
            let w = q_weights[gr.query.clone()]
                .iter()
                .sum::<f32>()
                .min(side.weights[gr.name.clone()].iter().sum())
                .min(gr.cap);
            dice.matched(gr.similarity, w);
            for used in &mut m.query[gr.query.clone()] {
                *used = Some((gr.name.start, gr.similarity, gr.kind));
            }
            for k in gr.name.clone().skip(1) {
                joined.push(Link {
                    query: Some(gr.query.start),
                    name: Some(side.parts[k]),
                    similarity: gr.similarity,
                    kind: gr.kind,
                });
            }
            for used in &mut m.name[gr.name] {
                *used = true;
            }
        }
        let q_person = q.parts.iter().any(|p| p.role != Role::Core);
        let (q_fuller, s_fuller) = self.fuller(side, m);
        let mut links = Vec::with_capacity(q.parts.len() + side.parts.len());
        for (i, qp) in q.parts.iter().enumerate() {
            match m.query[i] {
                Some((jj, similarity, kind)) => links.push(Link {
                    query: Some(i),
                    name: Some(side.parts[jj]),
                    similarity,
                    kind,
                }),
                None => {
                    let role = dropped(qp.role, q_fuller);
                    let penalty =
                        unmatched_penalty(qp.class, role, side.person);
                    dice.unmatched(0, q_weights[i], penalty);
                    links.push(Link::unmatched(Some(i), None));
                }
            }
        }
        links.extend(joined);
        for jj in 0..side.parts.len() {
            if !m.name[jj] {
                let sp = side.part(jj);
                let role = dropped(sp.role, s_fuller);
                let penalty = unmatched_penalty(sp.class, role, q_person);
                dice.unmatched(1, side.weights[jj], penalty);
                links.push(Link::unmatched(None, Some(side.parts[jj])));
            }
        }
        links
    }

    /// Whether the query, then the name, is the fuller form of the other:
    /// it has more given names, and one of them is matched. A first name
    /// the fuller side has and the other lacks is then a given name left
    /// out ("JAFARI, Ali" for "JAFARI, Mohammad Ali"), and costs what a
    /// middle name costs.
    fn fuller(&self, side: &NameSide<'_>, m: &Matching) -> (bool, bool) {
        let q = self.q;
        let given = |r: Role| r != Role::Core;
        let gq = q.parts.iter().filter(|p| given(p.role)).count();
        let gs = (0..side.parts.len())
            .filter(|&jj| given(side.part(jj).role))
            .count();
        let q_fuller = gq > gs
            && (0..q.parts.len())
                .any(|i| m.query[i].is_some() && given(q.parts[i].role));
        let s_fuller = gs > gq
            && (0..side.parts.len())
                .any(|jj| m.name[jj] && given(side.part(jj).role));
        (q_fuller, s_fuller)
    }

    /// Whether the query's family name meets only a patronymic of a
    /// person's stored name whose own family name is left unmatched: the
    /// two name different families.
    fn family_names_disagree(
        &self,
        side: &NameSide<'_>,
        m: &Matching,
    ) -> bool {
        let (g, q) = (self.g, self.q);
        let family = |class: Class, role: Role, key: &str| {
            class == Class::Word && role == Role::Core && !is_suffix(key)
        };
        let stored_key = |jj: usize| {
            side.part(jj).terms().first().map_or("", |&t| g.term_text(t))
        };
        let stored_family: Vec<usize> = (0..side.parts.len())
            .filter(|&jj| {
                let p = side.part(jj);
                family(p.class, p.role, stored_key(jj))
            })
            .collect();
        if stored_family.is_empty()
            || stored_family.iter().any(|&jj| m.name[jj])
        {
            return false;
        }
        (0..q.parts.len()).any(|i| {
            let p = &q.parts[i];
            family(p.class, p.role, &p.keys[0])
                && m.query[i].is_some_and(|(jj, _, _)| {
                    side.part(jj).role == Role::Patronymic
                })
        })
    }

    /// Step 4: what the alignment found beyond its Dice coefficient: the
    /// conflicts between the sides and the weight the match rests on.
    fn findings(&self, side: &NameSide<'_>, m: &Matching) -> Findings {
        let (g, q) = (self.g, self.q);
        let q_person = q.parts.iter().any(|p| p.role != Role::Core);
        // A generational suffix or regnal number on one side only: the son
        // is not the father ("Donald Trump Jr"), nor Charles III Charles.
        let name_key = |jj: usize| {
            side.part(jj).terms().first().map_or("", |&t| g.term_text(t))
        };
        let lone_suffix = (0..q.parts.len())
            .any(|i| m.query[i].is_none() && is_suffix(&q.parts[i].keys[0]))
            || (0..side.parts.len())
                .any(|jj| !m.name[jj] && is_suffix(name_key(jj)));
        // A legal form or organisation word on one side and a person's
        // name on the other: an organisation named after a person is not
        // that person.
        let q_org = q
            .parts
            .iter()
            .any(|p| p.class == Class::Generic || is_descriptor(&p.keys[0]));
        let s_org = (0..side.parts.len())
            .any(|jj| side.part(jj).class == Class::Generic);
        let type_conflict = (q_org && side.person && !s_org)
            || (s_org && q.inverted && !q_org);
        // Organisation words and legal forms alone ("BANK FOR FOREIGN
        // TRADE" and "BANK TEJARAT" are both a trade bank) describe an
        // organisation without naming it.
        let named = (0..q.parts.len()).any(|i| {
            m.query[i].is_some() && !is_descriptor(&q.parts[i].keys[0])
        });
        // The query's family name (a person's: it has a given name) has
        // the key of the stored name's.
        let family_same = q_person
            && side.person
            && (0..q.parts.len()).any(|i| {
                let p = &q.parts[i];
                p.class == Class::Word
                    && p.role == Role::Core
                    && m.query[i].is_some_and(|(jj, _, kind)| {
                        kind == LinkKind::SameKey
                            && side.part(jj).role == Role::Core
                    })
            });
        // A legal form of the query left unmatched against a place: an
        // organisation named after the place ("Vulcan Inc", "AS Roma"),
        // not the place. (A word of a place's name read as a legal form,
        // "Sa" in "Sa Pa", meets that word and is matched.)
        let business_not_place = side.place
            && (0..q.parts.len()).any(|i| {
                q.parts[i].class == Class::Generic && m.query[i].is_none()
            });
        Findings {
            business_not_place,
            // A hard constraint: a person is named by their family name,
            // and a patronymic or a given name is no family name. "Alex
            // Bogdanovic" is not "KARLIN, Alexander Bogdanovich", nor "Ana
            // Ivanovic" "OTKE, Anna Ivanovna". Only a query that reads as a
            // person's name (it has a given name) has a family name to
            // compare: one word alone ("Xi") may be any.
            family_names_disagree: side.person
                && q_person
                && self.family_names_disagree(side, m),
            lone_suffix,
            type_conflict,
            descriptors_only: !named,
            person: side.person && q_person,
            family_same,
        }
    }

    /// The score of candidate generation: the Dice coefficient times a
    /// factor for each conflict and the evidence factor (how much matched
    /// weight, in nats of rarity, the match rests on: one shared rare word
    /// is less sure than two). It orders a name's candidates and bounds
    /// which are worth the fitted model ([`Model`](super::model::Model)),
    /// which decides.
    fn verdict(&self, found: &Findings, dice: &Dice) -> f64 {
        if found.excluded() {
            return 0.0;
        }
        let mut score = dice.value();
        if found.type_conflict {
            score *= f64::from(TYPE_CONFLICT);
        }
        score *= evidence(dice.rests_on());
        if found.descriptors_only {
            score *= f64::from(DESCRIPTORS_ONLY);
        }
        score * MAX_FUZZY_SCORE
    }

    /// The alignment's features (see [`FEATURE_NAMES`](super::features::FEATURE_NAMES));
    /// `rival_close` is left at 0 for the ranking to fill.
    fn features(
        &self,
        side: &NameSide<'_>,
        q_weights: &[f32],
        m: &Matching,
        dice: &Dice,
        found: &Findings,
    ) -> Features {
        let mut f = Features::default();
        let total_q: f32 = q_weights.iter().sum();
        let total_s: f32 = side.weights.iter().sum();
        let share = |x: f32, total: f32| {
            if total > 0.0 {
                f64::from(x / total)
            } else {
                0.0
            }
        };
        for (i, link) in m.query.iter().enumerate() {
            if let Some((_, sim, kind)) = *link {
                if let Some(k) = features::link_feature(kind) {
                    f.0[k] += share(q_weights[i] * sim, total_q);
                }
            }
        }
        let flag = |b: bool| f64::from(u8::from(b));
        f.0[features::DICE] = dice.value();
        f.0[features::EVIDENCE] = evidence(dice.rests_on());
        f.0[features::QUERY_UNMATCHED] = share(dice.missing[0], total_q);
        f.0[features::NAME_UNMATCHED] = share(dice.missing[1], total_s);
        f.0[features::TYPE_CONFLICT] = flag(found.type_conflict);
        f.0[features::DESCRIPTORS_ONLY] = flag(found.descriptors_only);
        f.0[features::PERSON] = flag(found.person);
        f.0[features::FAMILY_SAME] = flag(found.family_same);
        f.0[features::QUERY_PARTS] = (self.q.parts.len().max(1) as f64).ln();
        let q = self.q;
        let q_left = (0..q.parts.len())
            .filter(|&i| {
                m.query[i].is_none() && q.parts[i].class == Class::Word
            })
            .map(|i| q_weights[i])
            .fold(0.0f32, f32::max);
        let s_left = (0..side.parts.len())
            .filter(|&jj| !m.name[jj] && side.part(jj).class == Class::Word)
            .map(|jj| side.weights[jj])
            .fold(0.0f32, f32::max);
        f.0[features::QUERY_WORD_LEFT] = f64::from(q_left) / 10.0;
        f.0[features::NAME_WORD_LEFT] = f64::from(s_left) / 10.0;
        f.0[features::WORDS_SWAPPED] = f64::from(q_left.min(s_left)) / 10.0;
        let weakest = m
            .query
            .iter()
            .flatten()
            .map(|&(_, sim, _)| sim)
            .fold(1.0f32, f32::min);
        f.0[features::WEAKEST_LINK] = f64::from(1.0 - weakest);
        if found.person {
            let by_role = |family: bool| {
                let mut sums = (0f32, 0f32);
                for (i, p) in q.parts.iter().enumerate() {
                    if p.class != Class::Word
                        || (p.role == Role::Core) != family
                    {
                        continue;
                    }
                    sums.1 += q_weights[i];
                    if let Some((_, sim, _)) = m.query[i] {
                        sums.0 += q_weights[i] * sim;
                    }
                }
                share(sums.0, sums.1)
            };
            f.0[features::FAMILY_MATCHED] = by_role(true);
            f.0[features::GIVEN_MATCHED] = by_role(false);
        }
        f.0[features::NON_LATIN] = flag(!q.latin);
        f.0[features::LN_DICE] = f.0[features::DICE].ln().max(-5.0);
        f.0[features::LN_EVIDENCE] = f.0[features::EVIDENCE].ln().max(-5.0);
        f
    }
}

/// What [`Scorer::findings`] found.
struct Findings {
    business_not_place: bool,
    family_names_disagree: bool,
    lone_suffix: bool,
    type_conflict: bool,
    descriptors_only: bool,
    person: bool,
    family_same: bool,
}

impl Findings {
    /// The hard constraints: the name is ruled out, whatever its features,
    /// when
    ///
    /// * the query's family name meets only a patronymic of the stored
    ///   name (see [`Scorer::family_names_disagree`]), or
    /// * a generational suffix or regnal number is on one side only: the
    ///   son is not the father ("Donald Trump Jr", "Ferdinand Marcos" for
    ///   "Ferdinand Marcos Jr."), nor Charles III Charles;
    /// * a legal form of the query is left unmatched against a place: a
    ///   business named after a place is not the place ("Vulcan Inc").
    ///
    /// None can be learnt from the training queries (four of 6,245 have a
    /// suffix on one side only; none is a place), and all are how names
    /// work.
    fn excluded(&self) -> bool {
        self.family_names_disagree
            || self.lone_suffix
            || self.business_not_place
    }
}

/// The evidence factor: 1 − e^(−m / [`EVIDENCE_SCALE`]), m the matched
/// weight (in nats of rarity).
fn evidence(matched: f64) -> f64 {
    1.0 - (-matched / EVIDENCE_SCALE).exp()
}

/// A first name left out on the fuller side costs what a middle name does
/// (see [`Scorer::fuller`]).
fn dropped(role: Role, fuller: bool) -> Role {
    if role == Role::First && fuller {
        Role::Middle
    } else {
        role
    }
}

/// One side of an alignment as [`one_for_many`] sees it: each part's
/// primary key and its spelling (an organisation word's, when the primary
/// key is its symbol; else the primary key again), whether it is a word,
/// whether it directly follows the part before it, and whether it is
/// matched already.
struct Side<'a> {
    keys: Vec<&'a str>,
    spelled: Vec<&'a str>,
    words: Vec<bool>,
    follows: Vec<bool>,
    used: Vec<bool>,
}

/// A word written as one on one side and as two on the other
/// ("Yunxia"/"Yun Xia", "Hamidreza"/"Hamid Reza"), in either direction.
fn joined(qs: &mut Side<'_>, ss: &mut Side<'_>, groups: &mut Vec<Group>) {
    let two = |_: &str| Some(2..=2);
    let group = |query, name, similarity| Group {
        query,
        name,
        similarity,
        kind: LinkKind::Joined,
        cap: f32::INFINITY,
    };
    let q_to_s = |a: &str, run: &[&str], _: &[&str]| {
        spelling_similarity(a, &run.concat())
    };
    for (a, run, sim) in one_for_many(qs, ss, two, q_to_s) {
        groups.push(group(a..a + 1, run, sim));
    }
    let s_to_q = |a: &str, run: &[&str], _: &[&str]| {
        spelling_similarity(&run.concat(), a)
    };
    for (a, run, sim) in one_for_many(ss, qs, two, s_to_q) {
        groups.push(group(run, a..a + 1, sim));
    }
}

/// A query word that is a name's word cut short, or the reverse (see
/// [`abbreviation`]).
fn cut_short(qs: &mut Side<'_>, ss: &mut Side<'_>, groups: &mut Vec<Group>) {
    let one = |_: &str| Some(1..=1);
    let cut = |a: &str, run: &[&str], spelled: &[&str]| {
        abbreviation(a, run[0]).max(abbreviation(a, spelled[0]))
    };
    for (a, run, sim) in one_for_many(qs, ss, one, cut) {
        groups.push(Group {
            query: a..a + 1,
            name: run,
            similarity: sim,
            kind: LinkKind::CutShort,
            cap: f32::INFINITY,
        });
    }
}

/// 1 when `acronym` spells the run of words `run` (their keys) or
/// `spelled` (their spellings), else 0. An acronym has two to five
/// letters, one per word, or one fewer when two initials are the same
/// ("PCC", skeleton `pc`). Organisation words count by their symbol's
/// initial (the symbols are English words, "@institute") or by their
/// spelling's ("PKF" for "PROIZVODSTVENNAYA KOMMERCHESKAYA FIRMA").
fn spells(acronym: &str, run: &[&str], spelled: &[&str]) -> f32 {
    let initial = |k: &str| {
        k.trim_start_matches([SYMBOL_PREFIX, DOMAIN_PREFIX]).chars().next()
    };
    let by_letter = acronym.chars().count() == run.len()
        && acronym
            .chars()
            .zip(run.iter().zip(spelled))
            .all(|(c, (k, w))| initial(k) == Some(c) || initial(w) == Some(c));
    let initials = |words: &[&str]| -> String {
        words.iter().filter_map(|w| initial(w)).collect()
    };
    let by_key = skeleton(&initials(spelled)) == acronym
        || skeleton(&initials(run)) == acronym;
    if by_letter || by_key {
        1.0
    } else {
        0.0
    }
}

/// Matches unmatched words of `one` with runs of adjacent unmatched words
/// of `many`: for each word in order, `size` says how long a run it may
/// stand for (`None`: none; shorter runs are tried first) and
/// `similarity` compares it with a run (its keys and spellings); the first
/// run at least [`MIN_PART_SIMILARITY`] similar is taken. Marks what it
/// matches as used; returns `(word, run, similarity)`.
fn one_for_many(
    one: &mut Side<'_>,
    many: &mut Side<'_>,
    size: impl Fn(&str) -> Option<RangeInclusive<usize>>,
    similarity: impl Fn(&str, &[&str], &[&str]) -> f32,
) -> Vec<(usize, Range<usize>, f32)> {
    let mut found = Vec::new();
    for a in 0..one.keys.len() {
        if one.used[a] || !one.words[a] {
            continue;
        }
        let Some(sizes) = size(one.keys[a]) else { continue };
        let free = |b: usize, n: usize| {
            (b..b + n).all(|k| {
                !many.used[k] && many.words[k] && (k == b || many.follows[k])
            })
        };
        let run = sizes.into_iter().find_map(|n| {
            (0..(many.keys.len() + 1).saturating_sub(n))
                .filter(|&b| free(b, n))
                .find_map(|b| {
                    let sim = similarity(
                        one.keys[a],
                        &many.keys[b..b + n],
                        &many.spelled[b..b + n],
                    );
                    (sim >= MIN_PART_SIMILARITY).then_some((b..b + n, sim))
                })
        });
        if let Some((run, sim)) = run {
            one.used[a] = true;
            for used in &mut many.used[run.clone()] {
                *used = true;
            }
            found.push((a, run, sim));
        }
    }
    found
}

/// The highest score any stored name could reach against `q`, for
/// skipping candidate generation when it is below the threshold. Each
/// query part counts as matched at similarity 1 with a part of at least
/// its weight if it could match anything at all (see
/// `could_match`), and as unmatched at its lowest penalty otherwise.
/// Costs a pass over the parts.
pub fn upper_bound(q: &Query) -> f64 {
    let (mut matched, mut unmatched) = (0f32, 0f32);
    for p in &q.parts {
        let w = capped(p.class, p.weight);
        if could_match(p) {
            matched += w;
        } else {
            // A first name may cost what a middle name does (see
            // `Scorer::fuller`).
            let least = |role| {
                unmatched_penalty(p.class, role, false)
                    .min(unmatched_penalty(p.class, role, true))
            };
            let role =
                if p.role == Role::First { Role::Middle } else { p.role };
            unmatched += w * least(role).min(least(p.role));
        }
    }
    if matched == 0.0 {
        return 0.0;
    }
    let dice = f64::from(2.0 * matched / (2.0 * matched + unmatched));
    dice * evidence(f64::from(matched)) * MAX_FUZZY_SCORE
}

/// Whether a query part could be similar to any stored part: it has a
/// term or a given-name group, is an initial or a legal form, is long
/// enough for a spelling or consonant match ([`part_similarity`]: both
/// need four letters or more), or could be an acronym (two letters or
/// more).
fn could_match(p: &QueryPart) -> bool {
    p.class != Class::Word
        || !p.terms.is_empty()
        || !p.groups.is_empty()
        || p.keys.iter().any(|k| k.chars().count() >= 2)
}

/// Whether a query part (its `keys`) is a phrase of several words the
/// lexicon reads as one organisation word: its symbol is its only key (one
/// such word keeps its spelling as a second key).
fn symbol_phrase(keys: &[String]) -> bool {
    matches!(keys, [k] if k.starts_with(SYMBOL_PREFIX))
}
