//! Document context: what the rest of a document says about a span.
//!
//! Spans found by their own evidence are linked first; then, in order:
//!
//! 1. **Same-alias entities** ("Paris", or a name on several lists): a
//!    title before the span keeps persons only; an entity the document
//!    links elsewhere wins; otherwise the prior decides: the only entity
//!    whose canonical name the span is, or, among equals, the place at
//!    least [`PRIOR_RATIO`] times as populous as the runner-up (never a
//!    small place below a country's scope); among places of about the
//!    same size in different countries ("Georgia", the country and the US
//!    state) the one in the country of the document's other towns and
//!    states, or none (before a word for a party's members, "the Georgia
//!    Republican", a name that is also a state's is not the country);
//!    else
//!    among places of about the same size a country (Hong Kong the
//!    territory, not the city), else the entity known by that many times
//!    as many names; else the span is left unlinked.
//! 2. **Small places alone**: a town under
//!    [`SMALL_PLACE_POPULATION`] named by one word ("Nokia", "Murphy")
//!    stays linked only where the document writes it as a place once
//!    (after "in", followed by its state or country, in more words) or
//!    names its state; else its mentions are weak (see
//!    `small_places_alone`).
//! 3. **Partial names**: a single capitalised word that is a word of the
//!    name of exactly one person the document links ("Blinken",
//!    "Mr. Lavrov", or "Greiner" spelt close to "Griner") links to that
//!    person; a word shared by two of them is ambiguous and is not
//!    linked. An ordinary English word links only as a family name. The
//!    family name of a person the gazetteer does not know, named in full
//!    in the document ("Michael Howard"), links to nothing when alone
//!    ("Howard" is not Howard, Wisconsin; settled before step 1 too, so
//!    that such a word chooses no place's country).
//! 4. **Acronyms** written in parentheses after a linked name whose
//!    initials they spell ("Shanghai Cooperation Organization (SCO)") link
//!    wherever they appear in the document; written so after a name no
//!    entity was linked for ("Monetary Policy Committee (MPC)"), they
//!    stand for that name and link to nothing, unless it is the entity's
//!    own name spelt otherwise.
//! 5. **Weak spans** (an ordinary word alone) link when the document links
//!    one of their entities by other evidence.
//!
//! Every decision reads the document as a whole, never "so far", so the
//! result does not depend on the order mentions appear in.

use std::cell::OnceCell;

use rustc_hash::{FxHashMap, FxHashSet};

use super::doc::{Doc, MONTHS, TEAM_MEMBERS};
use super::span::{Cand, Cx, How, Span, Strength, Unknown};
use crate::limits::{
    MAX_AMBIGUOUS, MAX_MENTION_TOKENS, MIN_MISSPELT_FAMILY_NAME,
    MIN_SURNAME_LETTERS, MIN_SURNAME_NAMES, PARTIAL_SIMILARITY, PRIOR_DOUBT,
    PRIOR_RATIO, SMALL_PLACE_POPULATION,
};
use crate::name::lexicon::token_key;
use crate::name::EntityKind;
use crate::normalize::fold;
use crate::normalize::token::{Gap, Shape};
use crate::resolve::names_with;

/// The score of a link settled by an entity the document links elsewhere.
pub const CO_MENTION_SCORE: f64 = 0.95;
/// The score of a partial name linked to the document's person.
pub const PARTIAL_SCORE: f64 = 0.9;
/// The score of a place's name linked to its team ([`team_of`]).
pub const TEAM_SCORE: f64 = 0.9;
/// The most keys looked at for a place's teams ([`team_of`]).
const MAX_TEAM_KEYS: usize = 256;
/// The score of a defined acronym.
pub const ACRONYM_SCORE: f64 = 0.95;
/// Stands for a person the gazetteer does not know.
const UNKNOWN_PERSON: u32 = u32::MAX;

/// Links the spans of a document (see the module documentation).
pub(super) fn link(
    doc: &Doc,
    cx: &mut Cx,
    spans: &mut Vec<Span>,
    unknown: &Unknown,
) {
    // The family name of a person the gazetteer does not know, named in
    // full in the document ("Michael Howard"), is that person alone too
    // ("Howard" is not Howard, Wisconsin): settled first, so that such a
    // place chooses no other place's country ("a Cambridge student Mr
    // Howard" is not at Cambridge, Massachusetts), and again after the
    // partial names below.
    unknown_persons(doc, spans, &unknown.family_names);
    storms(doc, spans);
    // Persons only after a title. After one written with a capital ("Mr
    // Campbell", "Queen Elizabeth") that holds even when the gazetteer
    // knows no person of the name: the town is not meant. A title word in
    // lower case may be an ordinary word ("a major UK broadcaster"), so
    // there it only chooses among candidates.
    for s in spans.iter_mut() {
        if !s.person_cue {
            continue;
        }
        let persons: Vec<Cand> = s
            .cands
            .iter()
            .copied()
            .filter(|c| cx.info(c.entity).person)
            .collect();
        if !persons.is_empty() || doc.capital_cue[s.i] {
            // A person's one-word alias is a nickname (see `exact_span`);
            // the span was strong for the place the title rules out ("King
            // George" is not the alias "George" of a Georgian militant).
            if s.how == How::Exact
                && s.j - s.i == 1
                && doc.toks[s.i].shape != Shape::Uncased
                && persons.iter().all(|c| c.via_alias)
            {
                s.strength = Strength::Weak;
            }
            s.cands = persons;
        }
    }
    // Ships and aircraft are named after places, persons and words
    // ("DEVON", "SERENA", "OASIS", "STALINGRAD"): in text such a name is
    // those, unless the text calls it a ship or an aircraft just before
    // ("the tanker Grace 1", "MV Sirius").
    // (The packed type, not `Cx::info`: every candidate is asked.)
    let vehicle = |g: &crate::resolve::Resolver, e: u32| {
        g.kind_of(e).is_some_and(|k| EntityKind::of(k).is_vehicle())
    };
    for s in spans.iter_mut() {
        if s.cands.iter().any(|c| vehicle(cx.g, c.entity))
            && !doc.vehicle_cue(s.i)
        {
            s.cands.retain(|c| !vehicle(cx.g, c.entity));
            if s.cands.is_empty() {
                s.unlink();
            }
        }
    }
    // A place after "the city of", "the town of": places only, their own
    // names first (an alias the town shares with others, "Redding" for
    // Elizabeth City, gives way), and strong whatever the prior or a small
    // place's aliases say ("the German city of Hanau", GeoNames' "Hanau
    // am Main").
    for s in spans.iter_mut() {
        if !doc.named_a_place(s.i) {
            continue;
        }
        let mut places: Vec<Cand> = s
            .cands
            .iter()
            .copied()
            .filter(|c| cx.info(c.entity).place)
            .collect();
        if places.iter().any(|c| !c.via_alias) {
            places.retain(|c| !c.via_alias);
        }
        places.dedup_by_key(|c| c.entity);
        if let [c] = places[..] {
            s.linked = Some((c.entity, c.score));
            s.strength = Strength::Strong;
        }
    }
    // A place before a word for a party's members ("the Georgia
    // Republican", "Texas Democrats") is the state or district they come
    // from or run for, not a country of the same name: a national party
    // is named with its country as one name ("the Sweden Democrats").
    for s in spans.iter_mut() {
        let party_next = s.j < doc.toks.len()
            && doc.toks[s.j].gap == Gap::Soft
            && doc.words.is_affiliation(&doc.keys[s.j]);
        if !party_next || s.cands.len() < 2 {
            continue;
        }
        let places = place_scopes(cx, &s.cands);
        let country = |p: &(bool, u8)| p.0 && p.1 >= 2;
        if places.iter().any(country) && places.iter().any(|p| p.0 && p.1 < 2)
        {
            let mut keep = places.into_iter().map(|p| !country(&p));
            s.cands.retain(|_| keep.next().unwrap_or(true));
        }
    }
    state_offices(doc, cx, spans);
    // Unique strong spans.
    for s in spans.iter_mut() {
        if s.strength == Strength::Strong && s.cands.len() == 1 {
            s.linked = Some((s.cands[0].entity, s.cands[0].score));
        }
    }
    let unique: FxHashSet<u32> =
        spans.iter().filter_map(|s| s.linked.map(|l| l.0)).collect();
    // Ambiguous strong spans: co-mention, then prior.
    for s in spans.iter_mut() {
        if s.strength != Strength::Strong || s.linked.is_some() {
            continue;
        }
        s.linked = settle(cx, &s.cands, &unique);
    }
    small_places_alone(doc, cx, spans);
    partial_names(doc, cx, spans, &unknown.words);
    unknown_persons(doc, spans, &unknown.family_names);
    surnames(doc, cx, spans, &unknown.words);
    acronyms(doc, cx, spans);
    // Weak spans: only an entity linked by other evidence.
    let linked: FxHashSet<u32> = spans
        .iter()
        .filter(|s| s.strength == Strength::Strong)
        .filter_map(|s| s.linked.map(|l| l.0))
        .collect();
    for s in spans.iter_mut() {
        if s.strength == Strength::Weak && s.linked.is_none() {
            let co: Vec<&Cand> = s
                .cands
                .iter()
                .filter(|c| linked.contains(&c.entity))
                .collect();
            if co.len() == 1 {
                s.linked = Some((co[0].entity, PARTIAL_SCORE));
                s.how = How::Context;
            }
        }
    }
    teams(doc, cx, spans);
    unknown_teams(doc, cx, spans, unknown);
    numbered(doc, cx, spans);
    peerages(doc, cx, spans);
    qualified_places(doc, cx, spans);
}

/// Titles of nobility and royalty that a place's name completes ("the
/// Duchess of Cornwall", "the Princess of Wales"): the whole is a
/// person's title, and the place in it is no mention (a duchy's name is
/// often no place's at all).
const PEERAGES: &[&str] = &[
    "duke",
    "duchess",
    "prince",
    "princess",
    "earl",
    "countess",
    "marquess",
    "marchioness",
    "viscount",
    "viscountess",
    "baron",
    "baroness",
];

/// A place's name after a title of [`PEERAGES`] written with its capital
/// and "of" is part of that title, not the place. A country's is not: the
/// title is its monarch's ("the Prince of Monaco", "the Grand Duke of
/// Luxembourg"), and names the country.
fn peerages(doc: &Doc, cx: &mut Cx, spans: &mut [Span]) {
    for s in spans.iter_mut() {
        let Some((entity, _)) = s.linked else { continue };
        if s.i < 2 || !doc.after_word(s.i, &["of"]) {
            continue;
        }
        let title = s.i - 2;
        let info = cx.info(entity);
        if doc.toks[title].shape == Shape::Capitalised
            && doc.spaced(title)
            && PEERAGES.contains(&doc.keys[title].as_ref())
            && info.place
            && info.scope < 2
        {
            s.unlink();
        }
    }
}

/// A number right after a name makes a longer name: a body's channel,
/// edition or product ("BBC 3", "BBC News 24", "FIFA 2005", a video game)
/// or a place's event ("Beijing 2022", "Vienna 2003"), which is neither.
/// After a body any number counts, after a place only a year; a number
/// that goes on ("15-week", "69%", "53,000") is no part of a name.
fn numbered(doc: &Doc, cx: &mut Cx, spans: &mut [Span]) {
    for s in spans.iter_mut() {
        let Some((entity, _)) = s.linked else { continue };
        let Some(n) = doc.toks.get(s.j) else { continue };
        if n.shape != Shape::Number || !doc.spaced(s.j - 1) {
            continue;
        }
        // "15-week", "69%", "53,000", "2.5": the number goes on.
        let mut after = doc.text[n.end..].chars();
        let goes_on = match after.next() {
            Some('-' | '%' | ',') => true,
            Some('.') => after.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        if goes_on {
            continue;
        }
        let number = &doc.text[n.start..n.end];
        let year = number.len() == 4
            && (number.starts_with("19") || number.starts_with("20"));
        let info = cx.info(entity);
        let body = !info.place && !info.person;
        if body || (info.place && year) {
            s.unlink();
        }
    }
}

/// Words of travel before "to" and a place ("their trip to France"; not
/// a player's "move to Bolton", the club).
const JOURNEYS: &[&str] = &[
    "trip",
    "trips",
    "visit",
    "visits",
    "tour",
    "travel",
    "travels",
    "travelled",
    "traveled",
    "flown",
    "flew",
    "going",
    "return",
    "returns",
    "returned",
    "heading",
    "headed",
];

/// Verbs in the plural, after which a sentence's first word, a place's
/// name, is a team's ("Blackburn have rejected a third bid", "Italy were
/// beaten"): British English writes a team with them, a place never.
const PLURAL_VERBS: &[&str] = &["have", "are", "were"];

/// Words that make a place's name a club's when they follow it
/// ("Sunderland FC", "Blackburn Rovers", "Edinburgh Rugby"): the club is
/// what the document is about, and its town's name alone is the club
/// there too ("Sunderland delisted its shares").
const CLUB_WORDS: &[&str] = &[
    "fc",
    "afc",
    "rfc",
    "rovers",
    "wanderers",
    "athletic",
    "albion",
    "hotspur",
    "rugby",
    "united",
];

/// Roles that a team's name goes before when the person who has the role
/// follows ("Tottenham manager Jacques Santini", "England coach Sven-Goran
/// Eriksson"); other bodies have managers too. The roles only a team has
/// are [`TEAM_MEMBERS`], which need no person after them.
const TEAM_ROLES: &[&str] = &["manager", "coach", "keeper"];

/// Words after which a name is written as a place's (see [`teams`]).
const PLACED_AFTER: &[&str] =
    &["in", "at", "near", "across", "around", "throughout", "within"];

/// In a sports report (see [`Doc::sports_report`]) a place's name stands
/// for its team or club ("England beat Fiji 26-21", "Former France
/// fly-half", "join Preston on loan"), which is not the place; and a
/// document that names one place as a team ([`names_a_team`]) is a report
/// of sport too, however few its words of sport. The name is the place
/// where written as one: after a word of [`PLACED_AFTER`] ("the final in
/// Dubai", "at Twickenham", "a get-together near Manchester", "travelling
/// round Japan"; not "in Northampton's defeat"), after "to" that ends a
/// journey ("their trip to France", "flown to Dublin"; not "lost to
/// Wales"), before "-based" ("a Geneva-based company"), joined by "and"
/// or "or" to a name so written ("in Korea and Japan"; not by a comma,
/// which may end a clause: "in Dublin, Ireland tore into the visitors"),
/// or after such a name and a comma where it is that place's country or
/// region and closes the name ("in Sapporo, Japan."; not "in Dublin,
/// Ireland tore into the visitors"). Elsewhere the name is its team's where
/// [`team_of`] finds one, else no mention.
fn teams(doc: &Doc, cx: &mut Cx, spans: &mut [Span]) {
    // Cheapest first: a document that links no place has nothing to do.
    if !spans.iter().any(|s| s.linked.is_some_and(|(e, _)| cx.info(e).place))
        || (!doc.sports_report() && !names_a_team(doc, cx, spans))
    {
        return;
    }
    let mut asked = TeamsAsked::new(spans);
    // The end and entity of the last span written as a place.
    let mut placed_end: Option<usize> = None;
    let mut placed_last: Option<u32> = None;
    for s in spans.iter_mut() {
        let Some((entity, _)) = s.linked else { continue };
        if !cx.info(entity).place {
            continue;
        }
        // The journey's word right before "to", or before "back to"
        // ("going back to Portugal").
        let journey_at = |k: usize| {
            doc.toks[k + 1].gap == Gap::Soft
                && JOURNEYS.contains(&doc.keys[k].as_ref())
        };
        let journey = doc.after_word(s.i, &["to"])
            && s.i >= 2
            && (journey_at(s.i - 2)
                || (s.i >= 3
                    && doc.keys[s.i - 2] == "back"
                    && doc.toks[s.i - 1].gap == Gap::Soft
                    && journey_at(s.i - 3)));
        let based = doc.text[doc.toks[s.j - 1].end..]
            .get(..6)
            .is_some_and(|a| a.eq_ignore_ascii_case("-based"));
        // "and" right after the name written as a place: not after a
        // comma ("in Dublin, and Ireland tore into them").
        let joined = placed_end.is_some_and(|e| {
            s.i == e + 1
                && doc.spaced(e - 1)
                && doc.after_word(s.i, &["and", "or"])
        });
        // The country or region of the place just written as one, after
        // a comma, closing the name ("in Sapporo, Japan.").
        let region = placed_end.is_some_and(|e| {
            s.i == e
                && doc.text[doc.toks[e - 1].end..doc.toks[s.i].start].trim()
                    == ","
        }) && doc.closed_before(s.j)
            && placed_last.is_some_and(|p| lies_in(cx, p, entity));
        let placed = (doc.after_word_or_opening(s.i, PLACED_AFTER)
            || journey
            || based
            || joined
            || region)
            && !doc.possessive_after(s.j - 1);
        if placed {
            placed_end = Some(s.j);
            placed_last = Some(entity);
        } else if let Some(team) = asked.team(doc, cx, (s.i, s.j)) {
            s.cands = vec![team_cand(team)];
            s.linked = Some((team, TEAM_SCORE));
            s.how = How::Context;
        } else {
            s.unlink();
        }
    }
}

/// In a sports report with a score, a name the gazetteer has no entity
/// for ("England", in a gazetteer without the country; "Tonga beat Samoa
/// 27-17") is the team
/// [`team_of`] finds for it, if any: a run of capitalised words that
/// resolved to nothing, or one word that reads as a name (not an ordinary
/// word), neither of them a span's nor an unknown person's family name.
fn unknown_teams(
    doc: &Doc,
    cx: &mut Cx,
    spans: &mut Vec<Span>,
    unknown: &Unknown,
) {
    // Only in a report with a score ("Italy 17-28 Ireland"), a cheap
    // look at the tokens' shapes: a name the gazetteer has no entity for
    // is read as a team only on the firmest sign of sport.
    let n = doc.toks.len();
    if !(0..n).any(|k| doc.score_at(k)) {
        return;
    }
    let (words, persons) = (&unknown.words, &unknown.family_names);
    let mut covered = vec![false; n];
    for s in spans.iter() {
        covered[s.i..s.j].iter_mut().for_each(|c| *c = true);
    }
    // The names that may be a team's.
    let mut names: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < n {
        let a = k;
        if words[k] {
            k += 1;
            while k < n && words[k] && doc.spaced(k - 1) {
                k += 1;
            }
        } else if doc.is_name_word(k) && !doc.common[k] {
            k += 1;
        } else {
            k += 1;
            continue;
        }
        // Not where a span has been made since (a partial name inside
        // an unknown run), nor an unknown person's family name alone.
        let person = k == a + 1 && persons.contains(doc.keys[a].as_ref());
        if !person && !covered[a..k].contains(&true) {
            names.push((a, k));
        }
    }
    if names.is_empty() || !doc.sports_report() {
        return;
    }
    let mut asked = TeamsAsked::new(spans);
    let mut found = Vec::new();
    for (a, k) in names {
        if let Some(team) = asked.team(doc, cx, (a, k)) {
            found.push(Span {
                i: a,
                j: k,
                cands: vec![team_cand(team)],
                strength: Strength::Strong,
                how: How::Context,
                person_cue: false,
                linked: Some((team, TEAM_SCORE)),
            });
        }
    }
    if !found.is_empty() {
        spans.extend(found);
        spans.sort_by_key(|s| s.i);
    }
}

/// The teams a document's names were found to name ([`team_of`]), each
/// name asked once (it recurs in a report: "England" forty times), and
/// what every question needs: the entities the document links, and the
/// sports it names, worked out when first needed.
struct TeamsAsked<'t> {
    linked: FxHashSet<u32>,
    sports: OnceCell<Vec<&'static str>>,
    asked: FxHashMap<&'t str, Option<u32>>,
}

impl<'t> TeamsAsked<'t> {
    fn new(spans: &[Span]) -> TeamsAsked<'t> {
        TeamsAsked {
            linked: linked_entities(spans),
            sports: OnceCell::new(),
            asked: FxHashMap::default(),
        }
    }

    /// The team tokens `i..j` name: none where they start no name of the
    /// gazetteer that ends as a team's ([`starts_a_team`]), else
    /// [`team_of`]'s.
    fn team(
        &mut self,
        doc: &Doc<'t>,
        cx: &mut Cx,
        (i, j): (usize, usize),
    ) -> Option<u32> {
        let written = &doc.text[doc.toks[i].start..doc.toks[j - 1].end];
        if let Some(&team) = self.asked.get(written) {
            return team;
        }
        let team = starts_a_team(cx, &doc.keys[i..j].join(" "))
            .then(|| team_of(doc, cx, (i, j), &self.linked, &self.sports))
            .flatten();
        self.asked.insert(written, team);
        team
    }
}

/// Whether a name (its tokens' keys) starts a name of the gazetteer that
/// ends as a team's or club's does ([`ends_as_a_team`]), among no more
/// than [`MAX_TEAM_KEYS`] (as [`team_of`] looks): a name that starts none
/// is no team's, and [`team_of`] need not be asked. Kept per name by the
/// resolver.
fn starts_a_team(cx: &Cx, word: &str) -> bool {
    cx.g.starts_a_key(word, MAX_TEAM_KEYS, |key| {
        ends_as_a_team(&initials_joined(key))
    })
}

/// Whether the words of a name end as a team's or club's name does:
/// with a word of [`TEAM_ENDS`], [`CLUB_WORDS`] or [`CLUB_LETTERS`].
fn ends_as_a_team(words: &[String]) -> bool {
    words.last().is_some_and(|w| {
        TEAM_ENDS.contains(&w.as_str())
            || CLUB_WORDS.contains(&w.as_str())
            || CLUB_LETTERS.iter().any(|c| c.0 == w)
    })
}

/// The entities the spans link.
fn linked_entities(spans: &[Span]) -> FxHashSet<u32> {
    spans.iter().filter_map(|s| s.linked.map(|l| l.0)).collect()
}

/// A team found by [`team_of`] as a span's candidate.
fn team_cand(team: u32) -> Cand {
    Cand {
        entity: team,
        via_alias: true,
        score: TEAM_SCORE,
        exact: false,
        lead: 0,
        trail: 0,
    }
}

/// Words that say which sport a report is of, each with its sport: the
/// sports' own names, and words of one sport only ("tries" and "scrum"
/// are rugby's, "wickets" cricket's). A team's name names its sport the
/// same way ("England national rugby union team", "Utah Hockey Club").
const SPORT_CUES: &[(&str, &str)] = &[
    ("football", "football"),
    ("soccer", "football"),
    ("goalkeeper", "football"),
    ("midfielder", "football"),
    ("rugby", "rugby"),
    ("tries", "rugby"),
    ("scrum", "rugby"),
    ("lineout", "rugby"),
    ("flanker", "rugby"),
    ("cricket", "cricket"),
    ("wicket", "cricket"),
    ("wickets", "cricket"),
    ("innings", "cricket"),
    ("batsman", "cricket"),
    ("hockey", "hockey"),
    ("basketball", "basketball"),
    ("baseball", "baseball"),
    ("volleyball", "volleyball"),
    ("handball", "handball"),
    ("netball", "netball"),
    ("lacrosse", "lacrosse"),
    ("softball", "softball"),
];

/// The sport of a word of [`SPORT_CUES`].
fn sport_of(word: &str) -> Option<&'static str> {
    SPORT_CUES.iter().find(|c| c.0 == word).map(|c| c.1)
}

/// The sports a document names ([`SPORT_CUES`]).
fn sports_named(doc: &Doc) -> Vec<&'static str> {
    let mut out = Vec::new();
    for key in &doc.keys {
        if let Some(s) = sport_of(key).filter(|s| !out.contains(s)) {
            out.push(s);
        }
    }
    out
}

/// The letters of a football club's name ("Hereford United F.C.",
/// "Valencia CF") and of a rugby club's ("Cardiff RFC"), with the sport
/// each says.
const CLUB_LETTERS: &[(&str, &str)] = &[
    ("fc", "football"),
    ("afc", "football"),
    ("cf", "football"),
    ("rfc", "rugby"),
];

/// Words that end a team's or club's name and no other body's ("England
/// national rugby union team", "Utah Hockey Club"), with the club's
/// letters and [`CLUB_WORDS`]; a sport's name alone ends a governing
/// body's too ("England Hockey", "Fiji Rugby Union").
const TEAM_ENDS: &[&str] = &["team", "club"];

/// Other words a team's or club's name may have after its place's
/// ("Leicester City F.C.", "England national rugby union team").
const TEAM_NAME_WORDS: &[&str] =
    &["national", "union", "league", "city", "town", "county"];

/// The team or club that tokens `i..j` name, where a place's name is a
/// team's (see [`teams`]): an entity, neither a place nor a person, whose
/// name is the words as written followed by a team's words (sports,
/// [`TEAM_NAME_WORDS`], [`CLUB_WORDS`], the club's letters) of which the
/// last is a word only a team's name ends with ([`TEAM_ENDS`],
/// [`CLUB_LETTERS`], [`CLUB_WORDS`]). Either the one such entity the
/// document links elsewhere (`linked`: "Blackburn Rovers … Blackburn
/// won"), or else the one whose name says one sport, that the document
/// too names alone (`sports`, from [`sports_named`]): "England" in a
/// report that says "rugby" is the England national rugby union team,
/// unless the gazetteer has a rugby league team of England too;
/// "Leicester" there is not Leicester City F.C., nor in a team sheet that
/// names no sport. `None` where there is no such entity or no one such,
/// and where the gazetteer has more than [`MAX_TEAM_KEYS`] names that go
/// on from the words (too many to tell). A club's name that says no
/// sport ("Manchester United") makes "Manchester" that club only where
/// the document names the club.
fn team_of(
    doc: &Doc,
    cx: &mut Cx,
    (i, j): (usize, usize),
    linked: &FxHashSet<u32>,
    sports: &OnceCell<Vec<&'static str>>,
) -> Option<u32> {
    let written = fold(&doc.text[doc.toks[i].start..doc.toks[j - 1].end]);
    let keys = cx.g.extensions(&written, MAX_TEAM_KEYS + 1);
    if keys.len() > MAX_TEAM_KEYS {
        return None;
    }
    let (mut elsewhere, mut teams): (Vec<u32>, Vec<u32>) = Default::default();
    for (key, value) in keys {
        let rest = initials_joined(&key[written.len() + 1..]);
        let letters = |w: &str| CLUB_LETTERS.iter().find(|c| c.0 == w);
        let team_words = ends_as_a_team(&rest)
            && rest.iter().all(|w| {
                sport_of(w).is_some()
                    || letters(w).is_some()
                    || [TEAM_ENDS, CLUB_WORDS, TEAM_NAME_WORDS]
                        .iter()
                        .any(|l| l.contains(&w.as_str()))
            });
        if !team_words {
            continue;
        }
        let mut plays: Vec<&str> = rest
            .iter()
            .filter_map(|w| sport_of(w).or(letters(w).map(|c| c.1)))
            .collect();
        plays.sort_unstable();
        plays.dedup();
        let sports = sports.get_or_init(|| sports_named(doc));
        let one_sport =
            matches!((&plays[..], &sports[..]), ([a], [b]) if a == b);
        for p in cx.g.postings_of(value) {
            let list = if linked.contains(&p.entity) {
                &mut elsewhere
            } else if one_sport {
                &mut teams
            } else {
                continue;
            };
            let info = cx.info(p.entity);
            if !info.place && !info.person && !list.contains(&p.entity) {
                list.push(p.entity);
            }
        }
    }
    match (&elsewhere[..], &teams[..]) {
        ([team], _) | ([], [team]) => Some(*team),
        _ => None,
    }
}

/// The words of a folded key, a run of one-letter words joined into one
/// ("united f c" → "united", "fc": "F.C." folds to two).
fn initials_joined(key: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut letters = false;
    for w in key.split(' ') {
        let letter = w.chars().count() == 1;
        match out.last_mut() {
            Some(last) if letter && letters => last.push_str(w),
            _ => out.push(w.to_string()),
        }
        letters = letter;
    }
    out
}

/// Whether the document names a place as a team or club: a place's name
/// that starts a sentence in running text followed by a verb in the
/// plural ([`PLURAL_VERBS`]; a name ending in "s" may be plural itself:
/// "the Netherlands are"), that a club's word follows anywhere in the
/// document ([`CLUB_WORDS`]), that a role in a team and a person's name
/// follow ([`TEAM_ROLES`]), that a word only a team has follows
/// ([`TEAM_MEMBERS`]), that a result follows or goes before
/// ([`Doc::result_at`]: "Hereford 1-1 Doncaster"), or that is a player's
/// team in a team sheet ([`Doc::team_sheet_entry`]: "D Peel (Wales)").
fn names_a_team(doc: &Doc, cx: &mut Cx, spans: &[Span]) -> bool {
    let n = doc.toks.len();
    // A lower-case word of `words` right after token `k`, a space apart.
    let before_lower = |k: usize, words: &[&str]| {
        doc.spaced(k)
            && doc.toks[k + 1].shape == Shape::Lower
            && words.contains(&doc.keys[k + 1].as_ref())
    };
    let places: Vec<&Span> = spans
        .iter()
        .filter(|s| s.linked.is_some_and(|(e, _)| cx.info(e).place))
        .collect();
    // The tokens a club's word follows, a space apart, where the word
    // ends the name ("Hong Kong Rugby Football Union" is no club of Hong
    // Kong's). The word's capital is looked at first: most words have
    // none.
    let clubs: Vec<usize> = (1..n)
        .filter(|&c| {
            matches!(doc.toks[c].shape, Shape::Capitalised | Shape::Upper)
                && CLUB_WORDS.contains(&doc.keys[c].as_ref())
                && doc.spaced(c - 1)
                && !(doc.spaced(c) && doc.toks[c + 1].shape.is_name_like())
        })
        .map(|c| c - 1)
        .collect();
    let sheet_entries =
        places.iter().filter(|s| doc.team_sheet_entry(s.i)).count();
    places.into_iter().any(|s| {
        let last = s.j - 1;
        let written = &doc.text[doc.toks[s.i].start..doc.toks[last].end];
        let subject = doc.toks[s.i].sentence_start
            && !written.ends_with(['s', 'S'])
            && before_lower(last, PLURAL_VERBS);
        let len = s.j - s.i;
        let club = clubs.iter().any(|&k| {
            k + 1 >= len && doc.keys[k + 1 - len..=k] == doc.keys[s.i..s.j]
        });
        // "Scotland manager Walter Smith", "Italy skipper Marco
        // Bortolami": a role in a team, and the person who has it.
        let role = before_lower(last, TEAM_ROLES)
            && doc.spaced(last + 1)
            && doc.toks[last + 2].shape == Shape::Capitalised;
        // "the England captain", "the Ireland squad": a word only a
        // team has, person or not.
        let member = before_lower(last, TEAM_MEMBERS);
        // "D Peel (Wales), C Sweeney (Wales)": a team sheet's player and
        // the team in brackets, where the sheet lists two at least.
        let sheet = sheet_entries >= 2 && doc.team_sheet_entry(s.i);
        // "Hereford 1-1 Doncaster": a result right after the name or right
        // before it.
        let scored =
            doc.result_at(last + 1) || (s.i >= 2 && doc.result_at(s.i - 2));
        subject || club || role || member || scored || sheet
    })
}

/// A small place named by one word and nothing else ("Campbell",
/// "Olympic", "Union", "Nokia"): mostly a person, a word or a business of
/// that name. Its one-word mentions stay linked only when the document
/// writes it as a place at least once: after "in" ("in Gateshead", "in
/// Cannes on Sunday"; not "in Olympic year" or "in Nokia's results"),
/// after "city of", "town of" or "village of" ("the Fife town of
/// Kirkcaldy"), followed by its country or first-order division ("Uvalde,
/// Texas"; this also links a place's name that a given name had left weak:
/// "in Selma, Alabama"), or in more words; or when the document names its
/// first-order division
/// anywhere (a story that names Texas means Uvalde, Texas; naming the
/// country is no such evidence: most US stories name the US). Otherwise
/// they are weak (linked by other evidence only).
/// The rule needs a population under [`SMALL_PLACE_POPULATION`] and a
/// `countrycode` on the place (GeoNames' fields); a place without them,
/// and countries and their divisions, are left as they are.
fn small_places_alone(doc: &Doc, cx: &mut Cx, spans: &mut [Span]) {
    let alone = |s: &Span| s.how == How::Exact && s.j - s.i == 1;
    let gap =
        |a: usize, b: usize| &doc.text[doc.toks[a].end..doc.toks[b].start];
    let linked_at: FxHashMap<usize, u32> =
        spans.iter().filter_map(|s| s.linked.map(|l| (s.i, l.0))).collect();
    // The entity linked right after span `s` and a comma.
    let after_comma = |s: &Span| {
        (s.j < doc.toks.len() && gap(s.j - 1, s.j).trim() == ",")
            .then(|| linked_at.get(&s.j).copied())
            .flatten()
    };
    // "Uvalde, Texas", "Ithaca, New York" (the city of the town's state,
    // where the gazetteer lacks the state), "Cannes, France": the place
    // `entity` of span `s`, followed by its country or division.
    let qualified = |cx: &mut Cx, s: &Span, entity: u32| {
        after_comma(s).is_some_and(|o| lies_in(cx, entity, o))
    };
    // A word that is a place's name and may mean something else (a given
    // name: "Selma"), left weak, is that place where so qualified ("in
    // Selma, Alabama").
    for s in spans.iter_mut() {
        // Cheapest first: most weak words are followed by no comma and a
        // linked place.
        if s.linked.is_some()
            || s.strength != Strength::Weak
            || !alone(s)
            || after_comma(s).is_none()
        {
            continue;
        }
        // Its name, not one of its other names ("Aichi" for Okazaki).
        let found: Vec<u32> = s
            .cands
            .iter()
            .filter(|c| !c.via_alias)
            .map(|c| c.entity)
            .filter(|&e| cx.info(e).place && qualified(cx, s, e))
            .collect();
        if let [entity] = found[..] {
            s.linked = Some((entity, CO_MENTION_SCORE));
            s.strength = Strength::Strong;
        }
    }
    // The first-order divisions the document names: (country, division).
    let mut divisions: FxHashSet<(String, String)> = FxHashSet::default();
    for s in spans.iter() {
        let Some((entity, _)) = s.linked else { continue };
        let d = cx.info(entity);
        if let (true, 1, Some(c), Some(a)) =
            (d.place, d.scope, &d.country, &d.division)
        {
            divisions.insert((c.clone(), a.clone()));
        }
    }
    // Per entity: whether it is a small place, and whether the document
    // writes it as one.
    let mut places: FxHashMap<u32, bool> = FxHashMap::default();
    for s in spans.iter() {
        let Some((entity, _)) = s.linked else { continue };
        let small = {
            let p = cx.info(entity);
            p.place && p.scope == 0 && p.small_place() && p.country.is_some()
        };
        if !small {
            continue;
        }
        let after_in = doc.after_word_or_opening(s.i, &["in"]);
        let ends_phrase = !doc.possessive_after(s.j - 1)
            && (s.j == doc.toks.len()
                || doc.toks[s.j].gap == Gap::Hard
                || doc.toks[s.j].shape != Shape::Lower
                || doc.words.is_function(&doc.keys[s.j]));
        let qualified = qualified(cx, s, entity);
        let named_a_place = doc.named_a_place(s.i);
        let in_its_state = {
            let p = cx.info(entity);
            p.country.clone().zip(p.division.clone())
        }
        .is_some_and(|d| divisions.contains(&d));
        let as_place = !alone(s)
            || (after_in && ends_phrase)
            || qualified
            || named_a_place
            || in_its_state;
        *places.entry(entity).or_default() |= as_place;
    }
    for s in spans.iter_mut() {
        let Some((entity, _)) = s.linked else { continue };
        if alone(s) && places.get(&entity) == Some(&false) {
            s.linked = None;
            s.strength = Strength::Weak;
        }
    }
}

/// (whether it is a place, its scope) of each candidate, in order.
fn place_scopes(cx: &mut Cx, cands: &[Cand]) -> Vec<(bool, u8)> {
    cands
        .iter()
        .map(|c| {
            let p = cx.info(c.entity);
            (p.place, p.scope)
        })
        .collect()
}

/// Offices of a state, province or country, hardly ever of a city (folded,
/// as written after the place's name).
const STATE_OFFICES: &[&str] = &[
    "governor",
    "gov",
    "attorney general",
    "attorney-general",
    "lieutenant governor",
    "legislature",
    "senator",
];

/// A place's name right before a state's office, its possessive between
/// or not ("New York Gov. Andrew Cuomo", "the New York attorney general",
/// "Georgia's governor") names a state: a first-order division of the
/// name where there is one (and nothing else of the name), else no city
/// ("New York" is then the state, which the gazetteer lacks, not New York
/// City). A country or territory stays ("Puerto Rico Gov."). Votes are not
/// offices: a city holds primaries too, and "primary" is also an adjective
/// ("a Manchester primary school"). A city with a governor (Tokyo,
/// Jakarta) is lost: the data do not say which have one.
fn state_offices(doc: &Doc, cx: &mut Cx, spans: &mut [Span]) {
    for s in spans.iter_mut() {
        if s.cands.is_empty() {
            continue;
        }
        let after = &doc.text[doc.toks[s.j - 1].end..];
        let after = ["'s", "\u{2019}s"]
            .iter()
            .find_map(|p| after.strip_prefix(p))
            .unwrap_or(after);
        let Some(after) = after.strip_prefix(' ') else { continue };
        let office = STATE_OFFICES.iter().any(|o| {
            after.get(..o.len()).is_some_and(|w| w.eq_ignore_ascii_case(o))
                && !after[o.len()..].starts_with(|c: char| c.is_alphanumeric())
        });
        if !office {
            continue;
        }
        let places = place_scopes(cx, &s.cands);
        if !places.iter().any(|p| p.0) {
            continue;
        }
        let division = places.iter().any(|p| p.0 && p.1 == 1);
        let mut keep = places.into_iter().map(|p| {
            if division {
                p.0 && p.1 == 1
            } else {
                !p.0 || p.1 >= 1
            }
        });
        s.cands.retain(|_| keep.next().unwrap_or(true));
        if s.cands.is_empty() {
            s.unlink();
        } else if s
            .linked
            .is_some_and(|(e, _)| !s.cands.iter().any(|c| c.entity == e))
        {
            s.linked = None;
        }
    }
}

/// A place's name followed by a comma and a country or first-order
/// division the document links ("Paris, Texas", "Birmingham, Alabama", "St
/// Thomas, Jamaica") is the namesake that lies there, below it; where none
/// of its namesakes does, it is a place the gazetteer lacks, and a link to
/// a smaller place elsewhere goes. The region must close the name (a
/// comma, stop or bracket after it, or the line's end): a clause's comma
/// is no qualifier ("In Texas, Mexico has opened two consulates"). A list
/// of places is none either ("Texas, Oklahoma and Kansas", "to London,
/// Singapore and Kuala Lumpur"): the region goes on to another place by a
/// comma, "and" or "or". Settled last, once teams are known ("in Paris,
/// Ireland face the Faroe Islands"). A name the policy left weak chooses
/// by its own names only, not by another name GeoNames lists ("Aichi" for
/// Okazaki).
fn qualified_places(doc: &Doc, cx: &mut Cx, spans: &mut [Span]) {
    // (first token, end, entity) of the linked spans.
    let linked_at: FxHashMap<usize, (usize, u32)> = spans
        .iter()
        .filter_map(|s| s.linked.map(|l| (s.i, (s.j, l.0))))
        .collect();
    let gap =
        |k: usize| doc.text[doc.toks[k - 1].end..doc.toks[k].start].trim();
    for s in spans.iter_mut() {
        // Cheapest first: most spans are followed by no comma.
        if s.cands.is_empty() || s.j >= doc.toks.len() || gap(s.j) != "," {
            continue;
        }
        let Some(&(end, region)) = linked_at.get(&s.j) else { continue };
        let mut next_place = |k: usize| {
            k < doc.toks.len()
                && linked_at.get(&k).is_some_and(|&(_, e)| cx.info(e).place)
        };
        // The region closes the name: a comma, stop or bracket, or the end
        // of the line. Not so a clause's comma ("In Texas, Mexico has
        // opened", "in Geneva, Iran agreed", "In London, Nigeria's
        // president").
        let closed = doc.closed_before(end);
        let listed = end < doc.toks.len()
            && ((gap(end) == "," && next_place(end))
                || (end + 1 < doc.toks.len()
                    && doc.after_word(end + 1, &["and", "or"])
                    && next_place(end + 1)));
        if !closed || listed {
            continue;
        }
        let scope = {
            let r = cx.info(region);
            if !r.place || r.scope == 0 || r.country.is_none() {
                continue;
            }
            r.scope
        };
        // A place below the region's rank.
        let below = |cx: &mut Cx, e: u32| {
            let p = cx.info(e);
            p.place && p.scope < scope
        };
        let weak = s.strength == Strength::Weak;
        let mut there: Vec<Cand> = Vec::new();
        for c in &s.cands {
            if !(weak && c.via_alias)
                && below(cx, c.entity)
                && lies_in(cx, c.entity, region)
                && !there.iter().any(|t| t.entity == c.entity)
            {
                there.push(*c);
            }
        }
        match there[..] {
            [] => {
                // A state or country linked stays what it is.
                let mut all_below =
                    s.linked.map_or(true, |(e, _)| cx.info(e).scope == 0);
                for c in &s.cands {
                    all_below &= below(cx, c.entity);
                }
                if all_below {
                    s.unlink();
                }
            }
            [c] => {
                s.linked = Some((c.entity, c.score));
                s.strength = Strength::Strong;
            }
            // Several there ("San Jose, Costa Rica"): the prior chooses
            // among them, or none is linked.
            _ => {
                s.linked = settle(cx, &there, &FxHashSet::default());
                s.strength = Strength::Strong;
                s.cands = there;
            }
        }
    }
}

/// Whether the place `entity` lies in the place `region`, a country (or
/// broader) by its country code, a first-order division by its code
/// too ("Uvalde, Texas", "Cannes, France"); never in itself.
fn lies_in(cx: &mut Cx, entity: u32, region: u32) -> bool {
    let (country, division) = cx.info(entity).clone_place();
    let r = cx.info(region);
    entity != region
        && r.place
        && r.country.is_some()
        && r.country == country
        && (r.scope >= 2 || (division.is_some() && r.division == division))
}

/// Chooses among same-alias candidates: the one the document links
/// elsewhere, else the one whose prior dominates; `None` if neither.
fn settle(
    cx: &mut Cx,
    cands: &[Cand],
    linked: &FxHashSet<u32>,
) -> Option<(u32, f64)> {
    if cands.is_empty() || cands.len() > MAX_AMBIGUOUS {
        return None;
    }
    let co: Vec<&Cand> =
        cands.iter().filter(|c| linked.contains(&c.entity)).collect();
    if co.len() == 1 {
        return Some((co[0].entity, CO_MENTION_SCORE));
    }
    // A canonical name outranks an alias ("White House" is the White
    // House, not a translation GeoNames lists for Casablanca).
    let canonical = cands.iter().any(|c| !c.via_alias);
    // (population, scope, names, entity)
    let mut group: Vec<(u64, u8, usize, u32)> = Vec::new();
    for c in cands.iter().filter(|c| c.via_alias != canonical) {
        if !group.iter().any(|g| g.3 == c.entity) {
            let (population, scope, names) = cx.info(c.entity).prominence();
            group.push((population, scope, names, c.entity));
        }
    }
    // Places are weighed by population: Puerto Rico the territory, not the
    // Argentine town. A small place is never chosen by prior ("Taylor" is
    // more often a surname than a town in Michigan). Of two big places of
    // about the same size, a country outranks a city (Hong Kong the
    // territory, not the city of the same people; see `Entity::scope`);
    // the rest are weighed by names, as entities without a population
    // are.
    if group.iter().any(|g| g.0 > 0) {
        group.sort_by(|a, b| b.0.cmp(&a.0).then(a.3.cmp(&b.3)));
        let top = group[0].0;
        // A small country is no small place ("Vatican", "Monaco").
        if top < SMALL_PLACE_POPULATION && group[0].1 < 2 {
            return None;
        }
        let second = group.get(1).map_or(0, |g| g.0);
        if let Some(link) = dominant(group[0].3, top as f64, second as f64) {
            return Some(link);
        }
        group.retain(|g| g.0 as f64 * PRIOR_RATIO > top as f64);
        if let Some(choice) = by_country(cx, &group, linked) {
            return choice;
        }
        // A country (or continent) among them outranks the rest; a state
        // does not outrank a city.
        let broadest = group.iter().map(|g| g.1).max().unwrap_or(0);
        if broadest >= 2 {
            group.retain(|g| g.1 == broadest);
        }
    }
    group.sort_by(|a, b| b.2.cmp(&a.2).then(a.3.cmp(&b.3)));
    let second = group.get(1).map_or(0.0, |g| g.2 as f64);
    dominant(group[0].3, group[0].2 as f64, second)
}

/// Places of one name in different countries, of about the same size
/// (`group`: population, scope, names, entity), as "Georgia" names a
/// country and a US state: no prior tells them apart, so the document
/// does. The one in the country where the document's other places below
/// a country's scope lie (Atlanta or Alabama for the state, Tbilisi for
/// the country) is linked; without such a place, or with places in both,
/// none is (`Some(None)`). A country named in the document is no such
/// evidence (US stories name the US whatever Georgia they mean). `None`
/// when the group does not span countries (Hong Kong the territory and
/// the city in it) or a place's country is unknown: the prior goes on.
fn by_country(
    cx: &mut Cx,
    group: &[(u64, u8, usize, u32)],
    linked: &FxHashSet<u32>,
) -> Option<Option<(u32, f64)>> {
    let countries: Vec<String> = group
        .iter()
        .map(|g| cx.info(g.3).country.clone())
        .collect::<Option<_>>()?;
    if countries.iter().all(|c| *c == countries[0]) {
        return None;
    }
    let mut there: FxHashSet<String> = FxHashSet::default();
    for &e in linked {
        if group.iter().any(|g| g.3 == e) {
            continue;
        }
        let p = cx.info(e);
        if p.place && p.scope < 2 {
            there.extend(p.country.clone());
        }
    }
    let found: Vec<u32> = group
        .iter()
        .zip(&countries)
        .filter(|(_, c)| there.contains(*c))
        .map(|(g, _)| g.3)
        .collect();
    Some(match found[..] {
        [entity] => Some((entity, CO_MENTION_SCORE)),
        _ => None,
    })
}

/// The prior's link to `entity` when its measure (`top`) is at least
/// [`PRIOR_RATIO`] times the runner-up's, scored lower the closer the
/// runner-up comes.
fn dominant(entity: u32, top: f64, second: f64) -> Option<(u32, f64)> {
    (top >= PRIOR_RATIO * second)
        .then(|| (entity, 1.0 - PRIOR_DOUBT * second / top))
}

/// Per word: the document persons whose name has it, and whether it is
/// their family name.
type PersonWords = FxHashMap<String, Vec<(u32, bool)>>;

/// Words that put a month name that follows them in a date ("in May",
/// "since June", "last March").
const BEFORE_A_DATE: &[&str] = &[
    "in", "since", "until", "till", "by", "from", "during", "early", "late",
    "mid", "last", "next", "this", "of", "on", "before", "after",
];

/// Whether token `k` is a month name written as a date: after one of
/// [`BEFORE_A_DATE`] in lower case, or before a number ("May 5", "May
/// 2005"). "May" the person stays a name elsewhere ("May said").
fn a_date(doc: &Doc, k: usize) -> bool {
    if !MONTHS.contains(&doc.keys[k].as_ref()) {
        return false;
    }
    let text = |i: usize| &doc.text[doc.toks[i].start..doc.toks[i].end];
    let gap = |i: usize| &doc.text[doc.toks[i - 1].end..doc.toks[i].start];
    let after_word = k > 0
        && gap(k) == " "
        && BEFORE_A_DATE.contains(&text(k - 1))
        && doc.toks[k - 1].shape == Shape::Lower;
    let before_number = k + 1 < doc.toks.len()
        && gap(k + 1) == " "
        && doc.toks[k + 1].shape == Shape::Number;
    after_word || before_number
}

/// Links single words to the one document person they name.
fn partial_names(
    doc: &Doc,
    cx: &mut Cx,
    spans: &mut Vec<Span>,
    unknown: &[bool],
) {
    let names = person_words(doc, cx, spans, unknown);
    if names.is_empty() {
        return;
    }
    let multi: Vec<bool> = {
        let mut v = vec![false; doc.toks.len()];
        for s in spans.iter().filter(|s| s.linked.is_some() && s.j - s.i > 1) {
            v[s.i..s.j].iter_mut().for_each(|x| *x = true);
        }
        v
    };
    let mut new = Vec::new();
    for k in 0..doc.toks.len() {
        let t = doc.toks[k];
        // A word of a longer unknown name ("Jill Biden") is not a
        // partial mention of the document's person.
        if multi[k]
            || (unknown[k] && !particles_and_name(doc, unknown, k))
            || doc.title[k]
            || !matches!(t.shape, Shape::Capitalised | Shape::Upper)
            || a_date(doc, k)
        {
            continue;
        }
        let hits = word_hits(doc, &names, k);
        let mut entities: Vec<u32> = hits.iter().map(|h| h.0).collect();
        entities.sort_unstable();
        entities.dedup();
        let existing = spans.iter().position(|s| s.i == k && s.j == k + 1);
        match (entities.as_slice(), existing) {
            ([], _) | ([UNKNOWN_PERSON], _) => {}
            ([entity], Some(p)) => {
                let s = &mut spans[p];
                // A single-word alias gives way to the document's person
                // only for the family name ("Jordan" after "Michael
                // Jordan").
                let family = hits.iter().any(|h| h.1);
                if s.linked.is_none() || family {
                    if s.linked.map(|l| l.0) != Some(*entity) {
                        s.linked = Some((*entity, PARTIAL_SCORE));
                        s.how = How::Context;
                        s.i = with_particles(doc, k);
                    }
                    s.strength = Strength::Strong;
                }
            }
            ([entity], None) => {
                // Not inside another span.
                if spans.iter().any(|s| s.i <= k && s.j > k) {
                    continue;
                }
                new.push(context_span(doc, k, *entity));
            }
            (_, Some(p)) => {
                // Two document persons share the word: not linked.
                spans[p].unlink();
            }
            (_, None) => {}
        }
    }
    spans.extend(new);
    spans.sort_by_key(|s| s.i);
}

/// The words of the persons the document names in full (linked spans of
/// two words or more), as written and in their canonical names; and the
/// family names of persons it names that the gazetteer does not know.
/// Empty when the document names no person of the gazetteer in full.
fn person_words(
    doc: &Doc,
    cx: &mut Cx,
    spans: &[Span],
    unknown: &[bool],
) -> PersonWords {
    let mut names = PersonWords::default();
    for s in spans.iter() {
        let Some((entity, _)) = s.linked else { continue };
        if s.j - s.i < 2 || !cx.info(entity).person {
            continue;
        }
        // Words after "of" are a place in a title ("Prince of Wales",
        // "Duchess of Cornwall"), not the person's name.
        let of = (s.i..s.j).find(|&k| {
            doc.toks[k].shape == Shape::Lower && doc.keys[k] == "of"
        });
        let written: Vec<String> = (s.i..of.unwrap_or(s.j))
            .filter(|&k| doc.toks[k].shape.is_name_like())
            .map(|k| doc.keys[k].to_string())
            .collect();
        let canonical = cx.info(entity).words.clone();
        for list in [written, canonical] {
            let last = list.len().saturating_sub(1);
            for (n, w) in list.iter().enumerate() {
                // Particles ("al", "von") are no name by themselves.
                if w.chars().count() < 2 || doc.words.is_connector(w) {
                    continue;
                }
                let e = names.entry(w.clone()).or_default();
                let family = n == last;
                match e.iter_mut().find(|(x, _)| *x == entity) {
                    Some(x) => x.1 |= family,
                    None => e.push((entity, family)),
                }
            }
        }
    }
    if names.is_empty() {
        return names;
    }
    // The last word of a longer unknown name ("Hunter Biden") is the
    // family name of a person the gazetteer does not know: shared with a
    // known person, it is ambiguous.
    for k in unknown_family_names(doc, unknown) {
        let e = names.entry(doc.keys[k].to_string()).or_default();
        // A document person's family name written with its particles
        // ("Al-Assad" after "Bashar al-Assad") is that person's.
        if particles_and_name(doc, unknown, k)
            && e.iter().any(|x| x.0 != UNKNOWN_PERSON)
        {
            continue;
        }
        if !e.iter().any(|x| x.0 == UNKNOWN_PERSON) {
            e.push((UNKNOWN_PERSON, true));
        }
    }
    names
}

/// The last words of the longer names the gazetteer does not know
/// (`unknown`, per token) that may be persons' names: their family names.
/// A run with a function word ("Bank of America"), with two ordinary
/// words or more before its last ("You Belong With Me Taylor", a song's
/// title before the singer's given name; one is a given name often enough,
/// "Hunter Biden"), or with an acronym before it ("VMA Taylor", the singer
/// at an awards show) is some other name, and its last word no family
/// name.
fn unknown_family_names<'a>(
    doc: &'a Doc,
    unknown: &'a [bool],
) -> impl Iterator<Item = usize> + 'a {
    (0..unknown.len()).filter(move |&k| {
        let Some(a) = unknown_run_ending(doc, unknown, k) else {
            return false;
        };
        let acronym = |m: usize| {
            doc.toks[m].shape == Shape::Upper && doc.keys[m].len() > 2
        };
        (a..k).filter(|&m| doc.common[m]).count() < 2
            && !(a..k).any(acronym)
            && !(a..=k).any(|m| doc.words.is_function(&doc.keys[m]))
    })
}

/// Where a partial name ending on token `k` starts: at the particles
/// written before it ("al-Assad", "von der Leyen"), else at `k`.
fn with_particles(doc: &Doc, k: usize) -> usize {
    let mut i = k;
    while i > 0 && doc.toks[i].gap == Gap::Soft && doc.is_particle(i - 1) {
        i -= 1;
    }
    i
}

/// Whether token `k` ends a run no name was found for that is a family
/// name after its particles ("Al-Assad", "Von der Leyen"): the word may be
/// a partial name of a person the document names in full.
fn particles_and_name(doc: &Doc, unknown: &[bool], k: usize) -> bool {
    unknown_run_ending(doc, unknown, k)
        .is_some_and(|a| doc.particles_before_name(a, k + 1))
}

/// Where the run no name was found for (`unknown`, per token) that ends
/// on token `k` starts, if one does: runs are joined by soft gaps, so two
/// such runs side by side ("Melania Trump, Ted Cruz") are two.
fn unknown_run_ending(doc: &Doc, unknown: &[bool], k: usize) -> Option<usize> {
    let goes_on = unknown.get(k + 1).copied().unwrap_or(false)
        && doc.toks[k + 1].gap == Gap::Soft;
    if !unknown[k] || goes_on {
        return None;
    }
    let mut a = k;
    while a > 0 && unknown[a - 1] && doc.toks[a].gap == Gap::Soft {
        a -= 1;
    }
    Some(a)
}

/// A single word `k` (with the particles before it) linked by document
/// context to `entity`.
fn context_span(doc: &Doc, k: usize, entity: u32) -> Span {
    Span {
        i: with_particles(doc, k),
        j: k + 1,
        cands: vec![Cand {
            entity,
            via_alias: true,
            score: PARTIAL_SCORE,
            exact: false,
            lead: 0,
            trail: 0,
        }],
        strength: Strength::Strong,
        how: How::Context,
        person_cue: doc.cue[k],
        linked: Some((entity, PARTIAL_SCORE)),
    }
}

/// The document persons word `k` may stand for: those whose name has it
/// (an ordinary word only as their family name), else those whose family
/// name it is a misspelling of.
fn word_hits(doc: &Doc, names: &PersonWords, k: usize) -> Vec<(u32, bool)> {
    let key: &str = &doc.keys[k];
    let common = doc.common[k];
    let mut hits: Vec<(u32, bool)> = names
        .get(key)
        .map(|v| v.iter().copied().filter(|h| h.1 || !common).collect())
        .unwrap_or_default();
    if hits.is_empty()
        && !common
        && key.chars().count() >= MIN_MISSPELT_FAMILY_NAME
    {
        // A misspelt family name: close to one of a document person's.
        let first = key.chars().next();
        let mut close: Vec<(u32, bool)> = names
            .iter()
            .flat_map(|(w, v)| v.iter().map(move |h| (w, *h)))
            .filter(|(w, h)| {
                h.1 && w.chars().next() == first
                    && strsim::jaro_winkler(w, key) >= PARTIAL_SIMILARITY
            })
            .map(|(_, h)| h)
            .collect();
        close.sort_unstable();
        close.dedup();
        hits = close;
    }
    hits
}

/// Links a capitalised word that no span covers to the one person of the
/// gazetteer whose family name it is (or the one listed under it by many
/// times as many names as any other: see
/// [`Resolver::family_name_person`](crate::resolve::Resolver::family_name_person)),
/// written as the person's canonical
/// name writes it ("Biden", "Macron", "Chancellor Scholz"), when that
/// person is known by several names with that family name (the prominence
/// the gazetteer records, [`MIN_SURNAME_NAMES`]; a sanctions listing's
/// other names, "RYAN, Damion Patrick John" a.k.a. "HENRY, John", do not
/// count) or a capitalised title precedes the
/// word, no person has it as a given name, and the document names no one else
/// of that family name ("Hunter Biden", a person the gazetteer lacks). An
/// ordinary word ("Price", "May") is a surname only where its capital
/// means a name: not at a sentence start or in a title-case headline,
/// never as a month written as a date, and only of the one person who
/// has it ("Bout", a song title, is not Viktor Bout when his brother is
/// listed too).
fn surnames(doc: &Doc, cx: &mut Cx, spans: &mut Vec<Span>, unknown: &[bool]) {
    // The family names of the longer names the gazetteer does not know.
    let others: FxHashSet<&str> = unknown_family_names(doc, unknown)
        .map(|k| doc.keys[k].as_ref())
        .collect();
    // Right after a capitalised title ("Mr Shorten", "President Putin";
    // not "Lord & Taylor", a shop): a person's name.
    let titled = |k: usize| {
        doc.capital_cue[k]
            && k > 0
            && doc.text[doc.toks[k - 1].end..doc.toks[k].start]
                .trim()
                .is_empty()
    };
    // A span such a title emptied ("Secretary Rubio", not the town) covers
    // nothing.
    let mut covered = vec![false; doc.toks.len()];
    for s in spans.iter() {
        if s.linked.is_none() && s.cands.is_empty() && titled(s.i) {
            continue;
        }
        covered[s.i..s.j].iter_mut().for_each(|c| *c = true);
    }
    let mut new = Vec::new();
    for k in 0..doc.toks.len() {
        let t = doc.toks[k];
        // Cheapest first: most capitalised words are in a span or start a
        // sentence.
        if covered[k]
            || unknown[k]
            || doc.title[k]
            || !matches!(t.shape, Shape::Capitalised | Shape::Upper)
            || doc.keys[k].chars().count() < MIN_SURNAME_LETTERS
            || (doc.weak_capital[k] && doc.common[k])
            || a_date(doc, k)
            || others.contains(doc.keys[k].as_ref())
        {
            continue;
        }
        if in_a_list(doc, k) {
            continue;
        }
        let Some((entity, only)) = cx.g.family_name_person_by(&doc.keys[k])
        else {
            continue;
        };
        // An ordinary word ("Bout", a song) is the family name only of the
        // one person who has it.
        if doc.common[k] && !only {
            continue;
        }
        // Written as the person's canonical name writes its family name
        // (up to case and accents), not merely with its key: "Moody" is
        // not Modi. After such a title the word is a person's name
        // whatever else the gazetteer records of them.
        let info = cx.info(entity);
        let listed = || {
            token_key(&doc.keys[k])
                .map_or(0, |key| names_with(&info.written, &key))
        };
        if (!titled(k) && listed() < MIN_SURNAME_NAMES)
            || info.words.last().map(String::as_str)
                != Some(doc.keys[k].as_ref())
        {
            continue;
        }
        new.push(context_span(doc, k, entity));
    }
    spans.extend(new);
    spans.sort_by_key(|s| s.i);
}

/// Whether token `k` stands alone between the separators of a list of
/// names (a team sheet: "Brown, Powell; Windo", "Sheridan (Burns 61)"):
/// after a comma, semicolon or opening bracket, and before a comma,
/// semicolon, closing bracket or number. The first and last names of a
/// list are not caught, and an apposition between commas ("the
/// president, Biden, said") is taken for a list.
fn in_a_list(doc: &Doc, k: usize) -> bool {
    let t = doc.toks[k];
    let start = k.checked_sub(1).map_or(0, |p| doc.toks[p].end);
    let before = doc.text[start..t.start].trim();
    let end = doc.toks.get(k + 1).map_or(doc.text.len(), |n| n.start);
    let after = doc.text[t.end..end].trim();
    let number_next = after.is_empty()
        && doc.toks.get(k + 1).is_some_and(|n| n.shape == Shape::Number);
    matches!(before, "," | ";" | "(")
        && (after.starts_with([',', ';', ')']) || number_next)
}

/// Unlinks single words that are the family name of a person the
/// gazetteer does not know, named in full in the document: "Howard" after
/// "John Howard" is that man, not Howard, Wisconsin.
fn unknown_persons(
    doc: &Doc,
    spans: &mut [Span],
    family_names: &FxHashSet<String>,
) {
    for s in spans.iter_mut() {
        if s.j - s.i == 1 && family_names.contains(doc.keys[s.i].as_ref()) {
            s.unlink();
        }
    }
}

/// Unlinks the names of storms ([`Doc::storm_name`]): a storm is named
/// after no place or person ("Hurricane Florence" is not Florence, Italy),
/// and the one-word name alone elsewhere in the document is the storm too
/// ("Florence made landfall").
fn storms(doc: &Doc, spans: &mut [Span]) {
    let names: Vec<&str> = spans
        .iter()
        .filter(|s| doc.storm_name(s.i))
        .map(|s| doc.keys[s.i].as_ref())
        .collect();
    if names.is_empty() {
        return;
    }
    for s in spans.iter_mut() {
        if doc.storm_name(s.i)
            || (s.j - s.i == 1 && names.contains(&doc.keys[s.i].as_ref()))
        {
            s.unlink();
        }
    }
}

/// What an acronym defined in the document stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Defined {
    /// A linked name: the acronym links to its entity.
    Entity(u32),
    /// A name no entity was linked for ("Monetary Policy Committee
    /// (MPC)", its tokens): the acronym is that name, whatever other
    /// entity it is an alias of.
    Unknown(usize, usize),
    /// Names of different entities: the acronym is left as it is.
    Ambiguous,
}

/// Links acronyms defined in parentheses after a linked name (or the
/// other way round, the acronym and then its name in parentheses: "the
/// MPC (the Bank of England's Monetary Policy Committee)"), and unlinks
/// those defined by a name no entity was linked for: in that
/// document the letters stand for that name ("the Monetary Policy
/// Committee (MPC)" is not MOBIN PETROCHEMICAL COMPANY, whose alias MPC
/// spells its name too).
fn acronyms(doc: &Doc, cx: &mut Cx, spans: &mut Vec<Span>) {
    let mut defined: FxHashMap<&str, Defined> = FxHashMap::default();
    let mut define = |key: usize, d: Defined| {
        let e = defined.entry(doc.keys[key].as_ref()).or_insert(d);
        // Two names no entity was linked for are taken for one ("the
        // Monetary Policy Committee (MPC)" defined twice): the first is
        // kept.
        let same = match (*e, d) {
            (Defined::Unknown(..), Defined::Unknown(..)) => true,
            (a, b) => a == b,
        };
        if !same {
            *e = Defined::Ambiguous;
        }
    };
    // The linked span ending right before each token.
    let mut linked_before: FxHashMap<usize, (usize, u32)> =
        FxHashMap::default();
    for s in spans.iter() {
        if let Some((entity, _)) = s.linked {
            linked_before.insert(s.j, (s.i, entity));
        }
    }
    for k in 0..doc.toks.len() {
        let t = doc.toks[k];
        if t.shape != Shape::Upper {
            continue;
        }
        // The other way round: the acronym, then its name in parentheses
        // ("the MPC (the Bank of England's Monetary Policy Committee)").
        if let Some(end) = name_in_parentheses_after(doc, k) {
            let key = doc.keys[k].as_ref();
            // The whole bracket spells it, after an article or a possessive
            // ("the Bank of England's"), not just its last words ("The UN
            // (whose envoy toured Upper Nile)").
            let spelled = (k + 1..end)
                .filter(|&m| {
                    m == k + 1
                        || (m == k + 2
                            && matches!(
                                doc.keys[k + 1].as_ref(),
                                "the" | "a" | "an"
                            ))
                        || doc.possessive_after(m - 1)
                })
                .any(|m| spells_exactly(doc, m, end, key));
            if spelled {
                match linked_before.get(&end) {
                    Some(&(i, entity))
                        if i > k
                            && end - i >= 2
                            && spells_initials(doc, i, end, key) =>
                    {
                        define(k, Defined::Entity(entity))
                    }
                    _ => define(k, Defined::Unknown(k + 1, end)),
                }
            }
            continue;
        }
        if k == 0 || !in_parentheses(doc, k) {
            continue;
        }
        let key = doc.keys[k].as_ref();
        match linked_before.get(&k) {
            Some(&(i, entity)) if k - i >= 2 => {
                if spells_initials(doc, i, k, key) {
                    define(k, Defined::Entity(entity));
                }
            }
            Some(_) => {}
            None => {
                if let Some(i) = name_before(doc, k) {
                    if spells_initials(doc, i, k, key)
                        && !spans
                            .iter()
                            .any(|s| s.linked.is_some() && s.i < k && s.j > i)
                    {
                        define(k, Defined::Unknown(i, k));
                    }
                }
            }
        }
    }
    if defined.is_empty() {
        return;
    }
    let mut new = Vec::new();
    for k in 0..doc.toks.len() {
        if doc.toks[k].shape != Shape::Upper {
            continue;
        }
        let entity = match defined.get(doc.keys[k].as_ref()) {
            Some(&Defined::Entity(entity)) => entity,
            Some(&Defined::Unknown(a, b)) => {
                for s in spans.iter_mut().filter(|s| s.i == k && s.j == k + 1)
                {
                    // Unless the name is the entity's own, spelt otherwise
                    // or not found ("the Food and Agriculture Organisation
                    // (FAO)").
                    if !s
                        .cands
                        .iter()
                        .any(|c| names_it(doc, cx, a, b, c.entity))
                    {
                        s.unlink();
                    }
                }
                continue;
            }
            _ => continue,
        };
        match spans.iter().position(|s| s.i <= k && s.j > k) {
            Some(p) if spans[p].j - spans[p].i == 1 => {
                spans[p].linked = Some((entity, ACRONYM_SCORE));
                spans[p].strength = Strength::Strong;
                spans[p].how = How::Acronym;
            }
            Some(_) => {}
            None => new.push(Span {
                i: k,
                j: k + 1,
                cands: vec![Cand {
                    entity,
                    via_alias: true,
                    score: ACRONYM_SCORE,
                    exact: false,
                    lead: 0,
                    trail: 0,
                }],
                strength: Strength::Strong,
                how: How::Acronym,
                person_cue: false,
                linked: Some((entity, ACRONYM_SCORE)),
            }),
        }
    }
    spans.extend(new);
    spans.sort_by_key(|s| s.i);
}

/// Whether tokens `a..b` name `entity`: most of their words that are no
/// function words are words of its canonical name.
fn names_it(doc: &Doc, cx: &mut Cx, a: usize, b: usize, entity: u32) -> bool {
    let words = &cx.info(entity).words;
    let content: Vec<&str> = (a..b)
        .map(|k| doc.keys[k].as_ref())
        .filter(|w| !doc.words.is_function(w))
        .collect();
    let shared =
        content.iter().filter(|w| words.iter().any(|v| v == *w)).count();
    2 * shared > content.len()
}

/// Whether token `k` stands alone in parentheses right after the token
/// before it: "Monetary Policy Committee (MPC)".
fn in_parentheses(doc: &Doc, k: usize) -> bool {
    let t = doc.toks[k];
    let before = &doc.text[doc.toks[k - 1].end..t.start];
    let after_end = doc.toks.get(k + 1).map_or(doc.text.len(), |n| n.start);
    let after = &doc.text[t.end..after_end];
    before.trim() == "(" && after.trim_start().starts_with(')')
}

/// The end (exclusive) of the words in the parentheses right after token
/// `k`, on its line, when they close before [`MAX_MENTION_TOKENS`] words
/// and make a name (the last is capitalised): "MPC (the Monetary Policy
/// Committee)".
fn name_in_parentheses_after(doc: &Doc, k: usize) -> Option<usize> {
    let next = doc.toks.get(k + 1)?;
    if doc.text[doc.toks[k].end..next.start].trim() != "(" {
        return None;
    }
    let last = (k + 1..doc.toks.len().min(k + 1 + MAX_MENTION_TOKENS))
        .take_while(|&m| doc.toks[m].line == next.line)
        .find(|&m| {
            let after_end =
                doc.toks.get(m + 1).map_or(doc.text.len(), |n| n.start);
            doc.text[doc.toks[m].end..after_end].contains(')')
        })?;
    matches!(doc.toks[last].shape, Shape::Capitalised | Shape::Upper)
        .then_some(last + 1)
}

/// Where the name written right before the parenthesis at token `k`
/// starts: its capitalised words and the function words between them, in
/// one phrase (at most [`MAX_MENTION_TOKENS`] words); `None` if the word
/// before the parenthesis is not capitalised.
fn name_before(doc: &Doc, k: usize) -> Option<usize> {
    let capitalised = |m: usize| {
        matches!(doc.toks[m].shape, Shape::Capitalised | Shape::Upper)
    };
    if !capitalised(k - 1) {
        return None;
    }
    let mut i = k - 1;
    while i > 0
        && k - i < MAX_MENTION_TOKENS
        && doc.toks[i].gap == Gap::Soft
        && (capitalised(i - 1) || doc.words.is_function(&doc.keys[i - 1]))
    {
        i -= 1;
    }
    // A phrase starts with a name's word, not a function word.
    while i < k - 1 && !capitalised(i) {
        i += 1;
    }
    Some(i)
}

/// Whether `acronym` (folded) is the initials of the words of tokens
/// `i..j`, with or without their function words, all of them.
fn spells_exactly(doc: &Doc, i: usize, j: usize, acronym: &str) -> bool {
    let initials = |content: bool| -> String {
        (i..j)
            .filter(|&k| !content || !doc.words.is_function(&doc.keys[k]))
            .filter_map(|k| doc.keys[k].chars().next())
            .collect()
    };
    acronym.len() >= 2
        && (initials(false) == acronym || initials(true) == acronym)
}

/// Whether `acronym` (folded) spells the initials of the words of tokens
/// `i..j`, with or without their function words, or of a tail of them
/// ("SEC" for "US Securities and Exchange Commission").
fn spells_initials(doc: &Doc, i: usize, j: usize, acronym: &str) -> bool {
    let all: String =
        (i..j).filter_map(|k| doc.keys[k].chars().next()).collect();
    let content: String = (i..j)
        .filter(|&k| !doc.words.is_function(&doc.keys[k]))
        .filter_map(|k| doc.keys[k].chars().next())
        .collect();
    acronym.len() >= 2
        && (all.ends_with(acronym) || content.ends_with(acronym))
}
