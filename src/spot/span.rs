//! What spotting knows of a document's spans: the candidate entities of
//! each, how strongly its writing says it is a name, how it was linked,
//! and the facts of the entities involved, asked of the resolver once per
//! document.

use std::sync::{Arc, LazyLock};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::gazetteer::EntityFacts;
use crate::limits::SMALL_PLACE_POPULATION;
use crate::normalize::{fold, natural_order};
use crate::resolve::{Hit, Resolver};

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

/// The runs of a document that read as names but resolve to no entity.
pub(super) struct Unknown {
    /// Per token: inside such a run.
    pub(super) words: Vec<bool>,
    /// The last words of those that read as persons' names.
    pub(super) family_names: FxHashSet<String>,
}

/// How much a span's capitals say it is a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Strength {
    /// Enough to link by itself.
    Strong,
    /// An ordinary word: linked only when the document names the entity
    /// elsewhere.
    Weak,
}

/// A candidate entity of a span: a hit of the resolver, or an entity
/// whose alias the span is (score 1, exact).
pub(super) type Cand = Hit;

/// A span of tokens `i..j` and what it may denote.
#[derive(Clone, Debug)]
pub(super) struct Span {
    pub(super) i: usize,
    pub(super) j: usize,
    pub(super) cands: Vec<Cand>,
    pub(super) strength: Strength,
    pub(super) how: How,
    /// A title precedes the span: a person is meant.
    pub(super) person_cue: bool,
    /// The entity chosen and the link's score.
    pub(super) linked: Option<(u32, f64)>,
}

impl Span {
    /// Leaves the span unlinked, with no candidates: it names someone the
    /// gazetteer does not know, or is ambiguous.
    pub(super) fn unlink(&mut self) {
        self.linked = None;
        self.strength = Strength::Weak;
        self.cands.clear();
    }
}

/// Words an acronym may skip (see [`Info::spelled_by`]).
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "&", "de", "la", "le",
    "du", "des", "del", "y", "et", "und", "fur", "für",
];

/// Per-document lookups of entity facts, each entity asked of the resolver
/// once per document (the resolver decodes it and keeps it).
pub(super) struct Cx<'g> {
    pub(super) g: &'g Resolver,
    pub(super) entities: FxHashMap<u32, Option<Arc<Info>>>,
}

/// What spotting needs to know of an entity: the facts the gazetteer
/// decodes and the resolver keeps ([`EntityFacts`]). The questions
/// spotting asks of them are the methods below (`impl Info`).
pub(super) type Info = EntityFacts;

impl Info {
    /// What [`Entity::prominence`](crate::gazetteer::Entity::prominence)
    /// weighs, in the order the prior of document context weighs it:
    /// population (0 if none), scope, then the number of names.
    pub(super) fn prominence(&self) -> (u64, u8, usize) {
        (self.population.unwrap_or(0), self.scope, self.written.len())
    }

    /// Its country code and first-order division code (see `country`).
    pub(super) fn clone_place(&self) -> (Option<String>, Option<String>) {
        (self.country.clone(), self.division.clone())
    }

    /// A place with a population below [`SMALL_PLACE_POPULATION`].
    pub(super) fn small_place(&self) -> bool {
        self.population.is_some_and(|p| p < SMALL_PLACE_POPULATION)
    }

    /// Whether `acronym` (capital letters) names the entity as an
    /// acronym does: it is the entity's canonical name ("OECD", "BBC"), or
    /// it spells the initials of one of its names, function words skipped
    /// or not ("IMF" for International Monetary Fund, "USA" for United
    /// States of America, "FAO" for Food and Agriculture Organization).
    /// A transliterated foreign acronym listed as an alias ("UKIP" for a
    /// Russian company, "RSS" for JSC ROSSIYSKIYE KOSMICHESKIYE SISTEMY)
    /// does not: in English text those letters mostly stand for something
    /// else.
    pub(super) fn spelled_by(&self, acronym: &str) -> bool {
        let acronym: String =
            acronym.chars().filter(|c| c.is_alphabetic()).collect();
        let bare = |s: &str| -> String {
            s.chars().filter(|c| c.is_alphabetic()).collect()
        };
        if self.written.first().is_some_and(|c| bare(c) == acronym) {
            return true;
        }
        // Words split at spaces, or at hyphens too ("Agence France-Presse");
        // function words kept or skipped.
        let spells = |name: &str, hyphens: bool, skip: bool| {
            let initials: String = name
                .split(|c: char| c.is_whitespace() || (hyphens && c == '-'))
                .filter(|w| w.chars().any(char::is_alphabetic))
                .filter(|w| {
                    !(skip
                        && FUNCTION_WORDS.contains(&w.to_lowercase().as_str()))
                })
                .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
                .flat_map(char::to_uppercase)
                .collect();
            initials.chars().count() >= 2 && initials == acronym
        };
        self.written.iter().any(|name| {
            [(false, false), (false, true), (true, false), (true, true)]
                .iter()
                .any(|&(hyphens, skip)| spells(name, hyphens, skip))
        })
    }

    /// Whether the names of this entity whose folded form is `key` are
    /// all aliases written "FAMILY, Given" (read in that order) whose
    /// family part is not the canonical name's, and no name has `key` in
    /// natural order. The canonical name's family part is what comes
    /// before its comma, else its last word.
    pub(super) fn another_family_in_list_order(&self, key: &str) -> bool {
        let Some(canonical) = self.written.first() else { return false };
        if fold(canonical) == key
            || natural_order(canonical).is_some_and(|o| fold(&o) == key)
        {
            return false;
        }
        let family = match canonical.split_once(',') {
            Some((f, _)) => fold(f),
            None => self.words.last().cloned().unwrap_or_default(),
        };
        let mut listed = false;
        for name in &self.written[1..] {
            let Some((theirs, _)) = name.split_once(',') else {
                if fold(name) == key {
                    return false;
                }
                continue;
            };
            if natural_order(name).is_some_and(|o| fold(&o) == key) {
                return false;
            }
            if fold(name) == key {
                if fold(theirs) == family {
                    return false;
                }
                listed = true;
            }
        }
        listed
    }

    /// Whether its canonical name (`any`: one of its names) is spelt as
    /// `text`, up to case but not up to accents ("Reading" is spelt as
    /// "READING", "Būsh" not as "Bush").
    pub(super) fn spelt_as(&self, text: &str, any: bool) -> bool {
        fn lower(s: &str) -> impl Iterator<Item = char> + '_ {
            s.chars().flat_map(char::to_lowercase)
        }
        let n = if any { self.written.len() } else { 1 };
        self.written.iter().take(n).any(|w| lower(w).eq(lower(text)))
    }

    /// Whether one of its names is written exactly as `text`, stops
    /// aside ("U.S." is written as "US").
    pub(super) fn written_as(&self, text: &str) -> bool {
        let bare = |s: &str| s.replace('.', "");
        let text = bare(text);
        self.written.iter().any(|w| bare(w) == text)
    }
}

impl Cx<'_> {
    /// The facts of `entity`, `None` if there is no such entity.
    pub(super) fn facts(&mut self, entity: u32) -> Option<&Info> {
        let g = self.g;
        self.entities
            .entry(entity)
            .or_insert_with(|| g.facts(entity))
            .as_deref()
    }

    /// The facts of `entity`; none (no names, no type) if there is no
    /// such entity.
    pub(super) fn info(&mut self, entity: u32) -> &Info {
        static NONE: LazyLock<Info> = LazyLock::new(Info::default);
        self.facts(entity).unwrap_or(&NONE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(written: &[&str]) -> Info {
        Info {
            id: "x".into(),
            name: written.first().map_or(String::new(), |w| w.to_string()),
            kind: "location".into(),
            person: false,
            vehicle: false,
            population: Some(331_000_000),
            place: true,
            scope: 0,
            country: None,
            division: None,
            written: written.iter().map(|w| w.to_string()).collect(),
            words: Vec::new(),
        }
    }

    #[test]
    fn an_acronym_spells_a_name_or_is_one() {
        let imf = info(&["International Monetary Fund", "IMF"]);
        assert!(imf.spelled_by("IMF"));
        let usa = info(&["United States", "United States of America"]);
        assert!(usa.spelled_by("USA") && usa.spelled_by("US"));
        assert!(info(&["Agence France-Presse", "AFP"]).spelled_by("AFP"));
        assert!(info(&["OECD"]).spelled_by("OECD"));
        let company = info(&[
            "LIMITED LIABILITY COMPANY INFRASTRUCTURE PROJECTS MANAGEMENT \
             COMPANY",
            "UKIP",
        ]);
        assert!(!company.spelled_by("UKIP"));
        assert!(!imf.spelled_by("IM"));
    }

    #[test]
    fn written_as_ignores_stops_but_not_case() {
        // The default gazetteer's United States has the alias "US".
        let us = info(&["United States", "US"]);
        assert!(us.written_as("US"));
        assert!(us.written_as("U.S."));
        assert!(!us.written_as("Us"));
        assert!(!us.written_as("us"));
    }

    #[test]
    fn small_places_are_those_counted_below_the_bound() {
        let mut place = info(&["Asia"]);
        place.population = Some(SMALL_PLACE_POPULATION - 1);
        assert!(place.small_place());
        place.population = Some(SMALL_PLACE_POPULATION);
        assert!(!place.small_place());
        // A place with no population is not known to be small.
        place.population = None;
        assert!(!place.small_place());
        assert_eq!(place.prominence(), (0, 0, 1));
    }

    #[test]
    fn how_is_written_as_the_contract_says() {
        let all = [How::Exact, How::Fuzzy, How::Context, How::Acronym];
        let json: Vec<String> =
            all.iter().map(|h| serde_json::to_string(h).unwrap()).collect();
        assert_eq!(
            json,
            [r#""exact""#, r#""fuzzy""#, r#""context""#, r#""acronym""#]
        );
    }
}
