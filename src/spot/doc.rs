//! A tokenised document with the per-token facts spotting reads: folded
//! keys, ordinary words, weak capitals (sentence starts, title-case
//! lines), title phrases and the cues they give, and the runs of words
//! that read as names.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use super::words::{WordSet, Words};
use crate::limits::{
    MAX_INVERTED_FAMILY_WORDS, MAX_INVERTED_GIVEN_WORDS, MAX_MENTION_TOKENS,
    MAX_TITLE_TOKENS, TITLE_CASE_MIN_LETTERS, TITLE_CASE_MIN_WORDS,
    TITLE_CASE_SHARE,
};
use crate::normalize::token::{tokenize, Gap, Shape, Token};
use crate::normalize::{fold, join_dotted};

/// A tokenised document with the per-token facts spotting uses.
pub(super) struct Doc<'t> {
    pub(super) text: &'t str,
    pub(super) toks: Vec<Token>,
    /// Each token's folded key.
    pub(super) keys: Vec<Cow<'t, str>>,
    /// The key is an ordinary English word.
    pub(super) common: Vec<bool>,
    /// A capital here says nothing: sentence start or title-case line.
    pub(super) weak_capital: Vec<bool>,
    /// The token has no digit and is no contraction (see
    /// [`Doc::is_name_word`]).
    pub(super) wordlike: Vec<bool>,
    /// The token is part of a title phrase.
    pub(super) title: Vec<bool>,
    /// A title phrase ends right before the token.
    pub(super) cue: Vec<bool>,
    /// That title is written with a capital ("Mr", "Queen", "President"),
    /// not as an ordinary word might be ("major", "chief", "host").
    pub(super) capital_cue: Vec<bool>,
    pub(super) words: &'static Words,
    /// [`Doc::sports_report`], worked out once.
    sports: OnceCell<bool>,
}

impl<'t> Doc<'t> {
    pub(super) fn new(text: &'t str, words: &'static Words) -> Doc<'t> {
        let toks = tokenize(text);
        let keys: Vec<Cow<str>> =
            toks.iter().map(|t| fold_token(&text[t.start..t.end])).collect();
        // Only words written as names are judged ordinary or not; an
        // initial ("B." of "Michael B. Jordan") is none, in a title-case
        // headline too.
        let common: Vec<bool> = toks
            .iter()
            .zip(&keys)
            .map(|(t, k)| {
                t.shape.is_name_like()
                    && !(t.end - t.start == 1
                        && text.as_bytes()[t.start].is_ascii_uppercase()
                        && text.as_bytes().get(t.end) == Some(&b'.'))
                    && words.is_common(k)
            })
            .collect();
        let title_case = title_case_lines(&toks, &keys, &common, words);
        // Capitals of a word in capitals ("US", "FBI") mean an acronym at a
        // sentence start too; not in a title-case or shouted line.
        let weak_capital = toks
            .iter()
            .zip(&title_case)
            .map(|(t, &tc)| {
                (t.sentence_start && t.shape != Shape::Upper) || tc
            })
            .collect();
        let wordlike = toks
            .iter()
            .zip(&keys)
            .map(|(t, k)| {
                k.bytes().all(|b| !b.is_ascii_digit())
                    && !is_contraction(&text[t.start..t.end])
            })
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
            wordlike,
            title,
            cue,
            capital_cue,
            words,
            sports: OnceCell::new(),
        }
    }

    /// A point of the compass before a name starts a longer place's name
    /// ("Southern California", "North London", "Western Europe"), in a
    /// headline too: its capital says something there, except before a
    /// country's name (`country_at` the token), where it is the adjective
    /// news writes in lower case ("eastern Ukraine").
    pub(super) fn compass_points(
        &mut self,
        mut country_at: impl FnMut(usize) -> bool,
    ) {
        for k in 0..self.toks.len().saturating_sub(1) {
            let next = &self.toks[k + 1];
            if self.weak_capital[k]
                && self.toks[k].shape == Shape::Capitalised
                && next.gap == Gap::Soft
                && next.shape == Shape::Capitalised
                && !self.common[k + 1]
                && is_compass_point(&self.keys[k])
                && !country_at(k + 1)
            {
                self.weak_capital[k] = false;
            }
        }
    }

    /// A word that ends the name of a body, an institution, a newspaper
    /// or an area called after a town or city ("Boulder City Council",
    /// "Miami Herald", "London Zoo", "Dallas County"), or of an event
    /// called after any place ("Kentucky Derby", "Tokyo Games"), goes on
    /// the name of the place whose alias ends before it in a headline too:
    /// its capital, and those of the alias's words, say there what they
    /// say in running text, that the place's name is the head of a longer
    /// one. `place_before` the token gives that alias's first token and
    /// whether the place is a town. After a country's or a state's name a
    /// body's word is the adjective news writes in lower case ("an
    /// Illinois zoo").
    pub(super) fn name_heads(
        &mut self,
        mut place_before: impl FnMut(usize) -> Option<(usize, bool)>,
    ) {
        for k in 1..self.toks.len() {
            let t = &self.toks[k];
            let key = &self.keys[k];
            let (body, event) =
                (self.words.is_name_head(key), self.words.is_event_head(key));
            if !(self.weak_capital[k]
                && !t.sentence_start
                && t.shape == Shape::Capitalised
                && t.gap == Gap::Soft
                && self.toks[k - 1].shape.is_name_like()
                && (body || event)
                // Not the first half of a compound ("London Post-Brexit").
                && !self.text[t.end..].starts_with('-'))
            {
                continue;
            }
            // An alias of ordinary words alone ("Since", a town in a
            // headline's "Won Wisconsin Since State Court") is no name
            // there.
            if let Some((i, _)) = place_before(k).filter(|&(i, town)| {
                (event || town) && !self.common[i..k].iter().all(|&c| c)
            }) {
                self.weak_capital[i..=k].iter_mut().for_each(|w| *w = false);
            }
        }
    }

    /// The same word before "of" and a place's name heads a longer name
    /// ("University Of Florida", "Museum Of London", whatever the place):
    /// in a headline its capital, that of "Of" and those of the place's
    /// alias (`place_from` token `k`: the alias's end) keep their meaning.
    /// But "the State of Hawaii" is Hawaii.
    pub(super) fn heads_of_places(
        &mut self,
        mut place_from: impl FnMut(usize) -> Option<usize>,
    ) {
        for k in 0..self.toks.len().saturating_sub(2) {
            let (of, place) = (&self.toks[k + 1], &self.toks[k + 2]);
            if !(self.weak_capital[k]
                && self.toks[k].shape == Shape::Capitalised
                && self.words.is_name_head(&self.keys[k])
                && self.keys[k] != "state"
                && self.keys[k + 1] == "of"
                && of.gap == Gap::Soft
                && place.gap == Gap::Soft)
            {
                continue;
            }
            if let Some(j) = place_from(k + 2) {
                self.weak_capital[k..j].iter_mut().for_each(|w| *w = false);
            }
        }
    }

    /// Whether token `k` follows a possessive ending of the token before,
    /// a space and nothing else between ("People's Republic", "Harper’s
    /// Bazaar"): a name may go on over it.
    pub(super) fn possessive_joins(&self, k: usize) -> bool {
        let Some(p) = k.checked_sub(1) else { return false };
        let gap = &self.text[self.toks[p].end..self.toks[k].start];
        let mut chars = gap.chars();
        matches!(chars.next(), Some('\'' | '\u{2019}' | '\u{02bc}'))
            && chars.next() == Some('s')
            && chars.as_str() == " "
    }

    /// Whether tokens `a..b` are particles of a name ("al", "von der",
    /// "El", in any case) and one word after them: a family name written
    /// with its particles ("Al-Assad", "Von der Leyen").
    pub(super) fn particles_before_name(&self, a: usize, b: usize) -> bool {
        b > a + 1 && (a..b - 1).all(|k| self.is_particle(k))
    }

    /// Whether token `k` is a particle of a name in any case ("al", "El",
    /// "von"): a connector that is no function word ("of", "for").
    pub(super) fn is_particle(&self, k: usize) -> bool {
        let key = &self.keys[k];
        self.words.is_connector(key) && !self.words.is_function(key)
    }

    /// Whether a single space, and nothing else, is between token `k` and
    /// the next (false for the last token).
    pub(super) fn spaced(&self, k: usize) -> bool {
        self.toks.get(k + 1).is_some_and(|next| {
            &self.text[self.toks[k].end..next.start] == " "
        })
    }

    /// Whether token `k` follows one of the lower-case `words` and
    /// nothing but space ("in Gateshead", "at Twickenham").
    pub(super) fn after_word(&self, k: usize, words: &[&str]) -> bool {
        k > 0
            && self.toks[k - 1].shape == Shape::Lower
            && self.after_key(k, words)
    }

    /// [`Doc::after_word`], or the word opens the sentence with its
    /// capital ("In England you have").
    pub(super) fn after_word_or_opening(
        &self,
        k: usize,
        words: &[&str],
    ) -> bool {
        k > 0
            && (self.toks[k - 1].shape == Shape::Lower
                || (self.toks[k - 1].shape == Shape::Capitalised
                    && self.toks[k - 1].sentence_start))
            && self.after_key(k, words)
    }

    /// Whether token `k` follows one of `words` (folded) and nothing but
    /// space.
    fn after_key(&self, k: usize, words: &[&str]) -> bool {
        words.contains(&self.keys[k - 1].as_ref())
            && self.text[self.toks[k - 1].end..self.toks[k].start]
                .trim()
                .is_empty()
    }

    /// Whether a name that ends before token `end` is closed there: by a
    /// comma, stop or bracket, or the end of the line or text, not by a
    /// possessive or the next word of a clause ("in Sapporo, Japan." but
    /// not "in Dublin, Ireland tore into").
    pub(super) fn closed_before(&self, end: usize) -> bool {
        end == self.toks.len()
            || self.toks[end].line != self.toks[end - 1].line
            || (self.text[self.toks[end - 1].end..self.toks[end].start]
                .trim()
                .starts_with([',', '.', ';', ':', ')', '!', '?'])
                && !self.possessive_after(end - 1))
    }

    /// Whether a possessive ending follows token `k` ("Northampton's", and
    /// after a final "s" the apostrophe alone: "St James' Park").
    pub(super) fn possessive_after(&self, k: usize) -> bool {
        let t = self.toks[k];
        let after = &self.text[t.end..];
        let bare = |a: &str| {
            self.text[t.start..t.end].ends_with(['s', 'S'])
                && !a.chars().nth(1).is_some_and(char::is_alphanumeric)
        };
        ["'", "\u{2019}"].iter().any(|q| {
            after
                .strip_prefix(q)
                .is_some_and(|a| a.starts_with('s') || bare(after))
        })
    }

    /// Whether token `k` follows "city of", "town of" or "village of" in
    /// lower case ("the city of Redding", "the Fife town of Kirkcaldy"):
    /// the name of a place.
    pub(super) fn named_a_place(&self, k: usize) -> bool {
        k >= 2
            && matches!(self.keys[k - 2].as_ref(), "city" | "town" | "village")
            && self.keys[k - 1] == "of"
            && self.toks[k - 2].shape == Shape::Lower
            && self.toks[k - 1].shape == Shape::Lower
            && self.toks[k - 1].gap == Gap::Soft
            && self.toks[k].gap == Gap::Soft
    }

    /// Whether tokens `k` and `k + 1` are a score: two numbers of at most
    /// three digits joined by a hyphen ("1-1", "26-21").
    pub(super) fn score_at(&self, k: usize) -> bool {
        let (Some(a), Some(b)) = (self.toks.get(k), self.toks.get(k + 1))
        else {
            return false;
        };
        a.shape == Shape::Number
            && b.shape == Shape::Number
            && a.end - a.start <= 3
            && b.end - b.start <= 3
            && &self.text[a.end..b.start] == "-"
    }

    /// Whether tokens `k` and `k + 1` are a score between two names on one
    /// line, a space apart ("Hereford 1-1 Doncaster", "England 26-21
    /// Fiji"): a result. A range before a month ("Geneva 12-14 March")
    /// or a poll's margin before a word ("Ohio 48-45 is tighter") is none.
    pub(super) fn result_at(&self, k: usize) -> bool {
        let name = |m: usize| {
            self.toks[m].shape.is_name_like()
                && !MONTHS.contains(&self.keys[m].as_ref())
        };
        k > 0
            && k + 2 < self.toks.len()
            && self.score_at(k)
            && self.spaced(k - 1)
            && self.spaced(k + 1)
            && name(k - 1)
            && name(k + 2)
    }

    /// Whether token `k` opens a bracket after a player's name as team
    /// sheets write it, an initial and a family name at the start of a
    /// line or after a list's comma or semicolon ("L Dallaglio (England),
    /// B Cohen (England)", "P de Villiers (France)", "G Thomas
    /// (Toulouse)"): the bracket names the player's team or club. A
    /// middle initial is no start ("Abraham B Yehoshua (Israel)", an
    /// author's country).
    pub(super) fn team_sheet_entry(&self, k: usize) -> bool {
        if k < 2
            || &self.text[self.toks[k - 1].end..self.toks[k].start] != " ("
        {
            return false;
        }
        // The family name: one to three words, back to the initial.
        (2..=4).filter(|&back| back <= k).any(|back| {
            let initial = k - back;
            let t = self.toks[initial];
            let before = if initial == 0 {
                ""
            } else {
                &self.text[self.toks[initial - 1].end..t.start]
            };
            let starts_item = initial == 0
                || before.contains('\n')
                || before.trim().ends_with([',', ';']);
            // The words of the family name: capitalised, or a particle in
            // lower case ("P de Villiers"), a space apart.
            t.end - t.start == 1
                && self.text.as_bytes()[t.start].is_ascii_uppercase()
                && starts_item
                && (initial + 1..k).all(|m| {
                    self.text[self.toks[m - 1].end..self.toks[m].start] == *" "
                        && (self.toks[m].shape == Shape::Capitalised
                            || (self.toks[m].shape == Shape::Lower
                                && self.words.is_connector(&self.keys[m])))
                })
                && self.toks[k - 1].shape == Shape::Capitalised
        })
    }

    /// Whether the document is a sports report: a score ("26-21", "6-3",
    /// numbers of one to three digits joined by a hyphen) and at least
    /// [`MIN_SPORT_WORDS`] different words of [`SPORT_WORDS`] and
    /// [`TEAM_MEMBERS`], or without
    /// a score [`MIN_SPORT_WORDS_UNSCORED`] of them (transfer news, a
    /// preview).
    pub(super) fn sports_report(&self) -> bool {
        *self.sports.get_or_init(|| self.is_sports_report())
    }

    /// [`Doc::sports_report`], worked out.
    fn is_sports_report(&self) -> bool {
        static SPORT: LazyLock<WordSet> = LazyLock::new(|| {
            WordSet::of(TEAM_MEMBERS.iter().chain(SPORT_WORDS).copied())
        });
        let mut seen: Vec<&str> = Vec::new();
        for (k, key) in self.keys.iter().enumerate() {
            // A word of sport, or the first half of a hyphened one
            // ("fly-half"), counted once.
            let word = if SPORT.contains(key) {
                Some(key.as_ref())
            } else {
                self.sport_compound(k)
            };
            if let Some(w) = word.filter(|w| !seen.contains(w)) {
                seen.push(w);
                if seen.len() >= MIN_SPORT_WORDS_UNSCORED {
                    return true;
                }
            }
        }
        // Fewer words than that need a score; the score is looked for
        // only then (most documents have no word of sport).
        seen.len() >= MIN_SPORT_WORDS
            && (0..self.toks.len()).any(|k| self.score_at(k))
    }

    /// The hyphened word of team sport that starts on token `k`, if one
    /// does (`SPORT_COMPOUNDS`: "fly-half", "free-kick").
    fn sport_compound(&self, k: usize) -> Option<&'static str> {
        let next = self.toks.get(k + 1)?;
        let end = self.toks[k].end;
        // A hyphen and nothing else between them, read as bytes.
        if next.start != end + 1 || self.text.as_bytes()[end] != b'-' {
            return None;
        }
        let (a, b) = (self.keys[k].as_ref(), self.keys[k + 1].as_ref());
        SPORT_COMPOUNDS
            .iter()
            .find(|(x, y, _)| *x == a && *y == b)
            .map(|c| c.2)
    }

    /// Whether one of the two tokens before token `k` calls what follows
    /// a ship or an aircraft ("the tanker Grace 1", "MV Sirius", "the
    /// cargo ship Ever Given").
    pub(super) fn vehicle_cue(&self, k: usize) -> bool {
        (k.saturating_sub(2)..k)
            .any(|m| VEHICLE_WORDS.contains(&&*self.keys[m]))
    }

    /// Whether token `k` names a storm: right after a storm's word written
    /// with its capital, a space apart ("Hurricane Florence", "Tropical
    /// Storm Florence", "Typhoon Haiyan").
    pub(super) fn storm_name(&self, k: usize) -> bool {
        k > 0
            && self.toks[k - 1].shape == Shape::Capitalised
            && STORM_WORDS.contains(&&*self.keys[k - 1])
            && self.spaced(k - 1)
    }

    /// Whether token `k` is joined to the token before by symbols alone,
    /// no space, hyphen, slash, stop or bracket: "$" in "A$AP", "&" in
    /// "AT&T", "@" or "+": one word, whose parts are no names.
    pub(super) fn glued_to_previous(&self, k: usize) -> bool {
        k > 0 && {
            let gap = &self.text[self.toks[k - 1].end..self.toks[k].start];
            !gap.is_empty()
                && gap.chars().all(|c| {
                    matches!(c, '$' | '&' | '@' | '+' | '#' | '*' | '=')
                })
        }
    }

    /// Whether a mention may end on token `k`: a word written as a name,
    /// or a number ("Apollo 11").
    pub(super) fn can_end(&self, k: usize) -> bool {
        let s = self.toks[k].shape;
        s.is_name_like() || s == Shape::Number
    }

    /// Whether token `k` reads as a word of a name in a run: written as a
    /// name, not a title, without digits (a model or code: "The Ural
    /// Airlines A321"; an alias with digits, "MI6", is found as an alias),
    /// no contraction ("Isn't"), and not an ordinary word whose capital
    /// says nothing.
    pub(super) fn is_name_word(&self, k: usize) -> bool {
        self.toks[k].shape.is_name_like()
            && !self.title[k]
            && self.wordlike[k]
            && !(self.common[k] && self.weak_capital[k])
            && !self.party_letter(k)
    }

    /// Whether token `k` is the party letter of an American politician's
    /// label, "(R-Utah)", "(D-Hawaii)": a party, like "Republican", and
    /// no initial of a name with the state after it.
    pub(super) fn party_letter(&self, k: usize) -> bool {
        let t = self.toks[k];
        let before = k.checked_sub(1).map_or(0, |p| self.toks[p].end);
        matches!(&self.text[t.start..t.end], "R" | "D" | "I")
            && self.text[before..t.start].trim_end().ends_with('(')
            && self.text[t.end..].starts_with('-')
    }

    /// The token before `a` when it is an ordinary capitalised word that
    /// starts the sentence, joined to `a` by a soft gap.
    pub(super) fn sentence_initial_before(&self, a: usize) -> Option<usize> {
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

    /// Whether token `k` may stand inside a run in lower case: a particle
    /// or connector, or an ordinal number ("U.S. 9th Circuit Court of
    /// Appeals").
    pub(super) fn is_connector(&self, k: usize) -> bool {
        self.toks[k].shape == Shape::Lower
            && (self.words.is_connector(&self.keys[k])
                || is_ordinal(&self.keys[k]))
    }

    /// Whether token `m`, a name word right after the name words `a..m`, is
    /// a day of the week that dates what the name does, as American news
    /// writes it ("CNN Saturday night", "Barack Obama Tuesday signed", "in
    /// Paris Saturday"): no part of the name. After ordinary words only,
    /// the day is named ("Black Friday", "Super Tuesday"), and so is it
    /// in a name that fills a quotation (a show's, "told \"Fox News
    /// Sunday\"") and in a sports report, where a club may have it
    /// ("Sheffield Wednesday"; reports of sport date their matches
    /// otherwise).
    fn date_after_name(&self, a: usize, m: usize) -> bool {
        m > a
            && WEEKDAYS.contains(&self.keys[m].as_ref())
            && self.is_name_word(m - 1)
            && (a..m).any(|k| !self.common[k])
            && !quoted_alone(self.text, self.toks[a].start, self.toks[m].end)
            && !self.sports_report()
    }

    /// The maximal runs of name words, joined by soft gaps and connectors,
    /// with at least two name words of which one is not an ordinary word;
    /// a day of the week after a name is no part of it
    /// ([`Doc::date_after_name`]).
    pub(super) fn runs(&self) -> Vec<(usize, usize)> {
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
                if self.is_name_word(m) && self.date_after_name(a, m) {
                    break;
                }
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
    pub(super) fn inverted_names(&self) -> Vec<(usize, usize)> {
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
                && c - a < MAX_INVERTED_FAMILY_WORDS
                && self.toks[a].gap == Gap::Soft
                && self.toks[a - 1].shape == Shape::Upper
            {
                a -= 1;
            }
            let mut b = c + 1;
            while b < self.toks.len()
                && b - c < MAX_INVERTED_GIVEN_WORDS
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
    pub(super) fn is_inverted(&self, a: usize, b: usize) -> bool {
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
    pub(super) fn is_run(&self, a: usize, b: usize) -> bool {
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
                // Capitals where capitals mean something are an acronym
                // ("U.S. National Team"), not the ordinary word "us".
                rare |= !self.common[k]
                    || (self.toks[k].shape == Shape::Upper
                        && !self.weak_capital[k]);
            } else if !self.is_connector(k) {
                return false;
            }
        }
        names >= 2 && rare
    }
}

/// Hyphened words of team sports (positions, the events of a match),
/// as their two folded halves and the whole: "fly-half", "free-kick".
/// Not "semi-final" or "play-off", which tennis and golf share: there a
/// country's name is the player's country.
const SPORT_COMPOUNDS: &[(&str, &str, &str)] = &[
    ("fly", "half", "fly-half"),
    ("scrum", "half", "scrum-half"),
    ("full", "back", "full-back"),
    ("centre", "back", "centre-back"),
    ("center", "back", "center-back"),
    ("left", "back", "left-back"),
    ("right", "back", "right-back"),
    ("back", "row", "back-row"),
    ("second", "row", "second-row"),
    ("drop", "goal", "drop-goal"),
    ("free", "kick", "free-kick"),
    ("kick", "off", "kick-off"),
    ("half", "time", "half-time"),
];

/// Words for a team and its players that follow a team's name and no
/// place's ("the England captain", "the Ireland squad"; in American
/// sport, "the Kansas City receiver", "Dallas quarterback Dak Prescott").
pub(super) const TEAM_MEMBERS: &[&str] = &[
    "captain",
    "skipper",
    "squad",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "winger",
    "flanker",
    "quarterback",
    "linebacker",
    "cornerback",
    "receiver",
    "pitcher",
    "shortstop",
    "outfielder",
    "goaltender",
    "defenseman",
];

/// Words of sports reports that other news seldom uses (folded), with
/// [`TEAM_MEMBERS`]: roles, competitions, the events of a match, a team's
/// caps. Hyphened words are
/// two tokens ("fly-half" is "fly" and "half") and are not listed.
const SPORT_WORDS: &[&str] = &[
    "coach",
    "league",
    "championship",
    "championships",
    "seeded",
    "match",
    "matches",
    "penalty",
    "goal",
    "goals",
    "tries",
    "innings",
    "wicket",
    "wickets",
    "medal",
    "medals",
    "semi",
    "finals",
    "fixture",
    "fixtures",
    "cup",
    "referee",
    "scored",
    "football",
    "soccer",
    "rugby",
    "cricket",
    "tennis",
    "basketball",
    "baseball",
    "hockey",
    "golf",
    "athletics",
    "olympics",
    "olympic",
    "paralympic",
    "paralympics",
    "coaches",
    "coached",
    "squads",
    "strikers",
    "defenders",
    "midfield",
    "goalkeepers",
    "keeper",
    "teammate",
    "teammates",
    "playoff",
    "playoffs",
    "touchdown",
    "umpire",
    "scrum",
    "lineout",
    "sevens",
    "premiership",
    "bundesliga",
    "nfl",
    "nba",
    "mlb",
    "nhl",
    "uefa",
    "fifa",
    "stadium",
    "flankers",
    "caps",
    "capped",
    "uncapped",
];

/// How many different [`SPORT_WORDS`] make a report with a score a sports
/// report.
const MIN_SPORT_WORDS: usize = 3;

/// How many make one without a score a sports report.
const MIN_SPORT_WORDS_UNSCORED: usize = 5;

/// The months (folded).
pub(super) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The days of the week (folded).
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words that call what follows a ship or an aircraft (folded).
const VEHICLE_WORDS: &[&str] = &[
    "ship",
    "vessel",
    "tanker",
    "freighter",
    "yacht",
    "boat",
    "ferry",
    "trawler",
    "carrier",
    "submarine",
    "frigate",
    "destroyer",
    "mv",
    "mt",
    "ss",
    "aircraft",
    "plane",
    "jet",
    "airliner",
];

/// Words that make the name after them a storm's (folded).
const STORM_WORDS: &[&str] = &["hurricane", "storm", "typhoon", "cyclone"];

/// Whether a folded word is a point of the compass as a place's name
/// starts with it ("north", "southern", "northeastern").
fn is_compass_point(key: &str) -> bool {
    let base = key.strip_suffix("ern").unwrap_or(key);
    matches!(
        base,
        "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
    )
}

/// Whether a word is an English contraction ("Isn't", "We're", "I'll"):
/// a verb, however capitalised ("This Isn't Pakistan"), never a name.
fn is_contraction(word: &str) -> bool {
    let Some((head, tail)) = word.rsplit_once(['\'', '\u{2019}']) else {
        return false;
    };
    let tail = tail.to_ascii_lowercase();
    matches!(tail.as_str(), "re" | "ve" | "ll" | "d" | "m")
        || (tail == "t" && head.ends_with(['n', 'N']))
}

/// Whether a folded token is an ordinal number written in digits ("9th",
/// "21st").
fn is_ordinal(key: &str) -> bool {
    let digits = key.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&key[digits..], "st" | "nd" | "rd" | "th")
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
    } else if let Some(joined) = join_dotted(word) {
        Cow::Owned(fold(&joined))
    } else {
        Cow::Owned(fold(word))
    }
}

/// For each token, whether its line is written in title case: after the
/// first word, three or more words of four letters or more that are
/// ordinary English words or in lower case, at least 80 % of them
/// capitalised ("Over 4 Million Americans Roll Up Sleeves"). A function
/// word capitalised inside a line ("Scolded For Senate Outburst At Maggie
/// Hassan") counts as such a word too: prose writes it in lower case,
/// names mostly do too, and title case does not. Capitalised names
/// ("Victor Bout met Antony Blinken") are no evidence either way.
fn title_case_lines(
    toks: &[Token],
    keys: &[Cow<str>],
    common: &[bool],
    words: &Words,
) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let (share, of) = TITLE_CASE_SHARE;
    let mut start = 0;
    while start < toks.len() {
        let line = toks[start].line;
        let end = toks[start..]
            .iter()
            .position(|t| t.line != line)
            .map_or(toks.len(), |p| start + p);
        // A short headline has few long ordinary words ("Joe Biden Is
        // Happy"), but a document's first line with every word capitalised
        // is its title all the same. (Further lines so written are mostly
        // lists of names: "S Orlando (Treviso), P Griffen (Calvisano)".)
        let short_title =
            start == 0 && short_title(toks, keys, common, words, end);
        let (mut long, mut capital) = (0, 0);
        for k in start + 1..end {
            // Most lines are prose: once even capitals in every word left
            // could not make the share, the line is not in title case.
            let rest = end - k;
            if !short_title && (capital + rest) * of < (long + rest) * share {
                break;
            }
            if toks[k].shape == Shape::Capitalised
                && !toks[k].sentence_start
                && words.is_function(&keys[k])
            {
                long += 1;
                capital += 1;
                continue;
            }
            if keys[k].len() < TITLE_CASE_MIN_LETTERS
                || keys[k].chars().count() < TITLE_CASE_MIN_LETTERS
            {
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
        if (long >= TITLE_CASE_MIN_WORDS && capital * of >= long * share)
            || short_title
        {
            out[start..end].iter_mut().for_each(|t| *t = true);
        }
        start = end;
    }
    out
}

/// Whether the document's first line (tokens `..end`) is its title though
/// it has too few long ordinary words for the share rule: every word after
/// the first capitalised, a function word or particle aside, at least
/// [`TITLE_CASE_MIN_WORDS`] words, one of them ordinary.
fn short_title(
    toks: &[Token],
    keys: &[Cow<str>],
    common: &[bool],
    words: &Words,
    end: usize,
) -> bool {
    let (mut ordinary, mut wordy) = (0, 0);
    for k in 1..end {
        match toks[k].shape {
            Shape::Lower
                if !words.is_connector(&keys[k])
                    && !words.is_function(&keys[k]) =>
            {
                return false;
            }
            Shape::Capitalised => {
                wordy += 1;
                ordinary += usize::from(common[k]);
            }
            _ => {}
        }
    }
    ordinary > 0 && wordy + 1 >= TITLE_CASE_MIN_WORDS
}

/// Whether the text `start..end` alone fills a quotation: an opening
/// quotation mark right before it (after a space, a line break or the
/// start), a closing one right after it or after a comma, stop, question
/// or exclamation mark inside the quotation, then no letter or digit (so
/// "Russia's" is no quotation).
pub(super) fn quoted_alone(text: &str, start: usize, end: usize) -> bool {
    let opening = |c: char| matches!(c, '"' | '\'' | '“' | '‘');
    let closing = |c: char| matches!(c, '"' | '\'' | '”' | '’');
    let mut before = text[..start].chars().rev();
    let opened = before.next().is_some_and(opening)
        && !before.next().is_some_and(char::is_alphanumeric);
    if !opened {
        return false;
    }
    let after = text[end..].trim_start_matches([',', '.', '?', '!']);
    let mut after = after.chars();
    after.next().is_some_and(closing)
        && !after.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc<'_> {
        Doc::new(text, Words::get())
    }

    /// The words of each run of `text`.
    fn runs(text: &str) -> Vec<String> {
        let d = doc(text);
        d.runs()
            .into_iter()
            .map(|(a, b)| text[d.toks[a].start..d.toks[b - 1].end].to_string())
            .collect()
    }

    #[test]
    fn a_headline_in_title_case_weakens_its_capitals() {
        // A HuffPost headline (data/eval/huffpost-mentions.jsonl) and the
        // sentence after it: only the headline is in title case.
        let text = "Puerto Ricans Desperate For Water After Hurricane \
                    Fiona's Rampage\n\nMore than half a million people \
                    remained without water service.";
        let d = doc(text);
        let line = |k: usize| d.toks[k].line;
        for k in 0..d.toks.len() {
            let headline = line(k) == line(0);
            let weak = d.weak_capital[k];
            assert!(
                weak == headline || d.toks[k].sentence_start,
                "{}",
                &text[d.toks[k].start..d.toks[k].end]
            );
        }
        // Names in running text are no title case.
        let plain = doc("Victor Bout met Antony Blinken in Geneva on Monday.");
        assert!(!plain.weak_capital[1..].iter().any(|&w| w));
    }

    #[test]
    fn titles_cue_a_person_and_are_no_part_of_a_run() {
        let text = "Secretary of State Anthony Blinken met Sergei Lavrov.";
        assert_eq!(runs(text), ["Anthony Blinken", "Sergei Lavrov"]);
        let d = doc(text);
        assert!(d.title[..3].iter().all(|&t| t), "Secretary of State");
        assert!(d.cue[3], "a title precedes Anthony");
        assert!(d.capital_cue[3]);
    }

    #[test]
    fn runs_need_a_word_that_is_not_an_ordinary_one() {
        // Capitalised ordinary words alone are no name, in a sentence or
        // in a headline, whose capitals say nothing; "Bank of England" is
        // joined by a connector.
        assert_eq!(runs("He met Water Rights Activists."), [""; 0]);
        let headline = "Puerto Ricans Desperate For Water After Hurricane \
                        Fiona's Rampage";
        assert_eq!(runs(headline), ["Puerto Ricans"]);
        assert_eq!(
            runs("He said the Bank of England would act."),
            ["Bank of England"]
        );
    }

    #[test]
    fn inverted_names_as_lists_write_them() {
        let text = "LAVROV, Sergei Viktorovich was listed.";
        let d = doc(text);
        assert_eq!(d.inverted_names(), [(0, 3)]);
        assert_eq!(doc("Paris, France").inverted_names(), []);
    }

    #[test]
    fn contractions_and_ordinals_are_told_from_names() {
        for word in
            ["Isn't", "Didn’t", "We're", "I'll", "I'm", "They've", "DON'T"]
        {
            assert!(is_contraction(word), "{word}");
        }
        for word in ["O'Brien", "D'Angelo", "Shi'ite", "Ng", "Can"] {
            assert!(!is_contraction(word), "{word}");
        }
        for key in ["9th", "21st", "2nd", "103rd"] {
            assert!(is_ordinal(key), "{key}");
        }
        for key in ["th", "9", "a321", "4x4"] {
            assert!(!is_ordinal(key), "{key}");
        }
    }

    #[test]
    fn tokens_fold_as_gazetteer_keys() {
        assert_eq!(fold_token("U.S."), "us");
        assert_eq!(fold_token("Lavrov"), "lavrov");
        assert_eq!(fold_token("São"), "sao");
    }
}
