//! Evaluation against labelled name variants.
//!
//! A labelled file is a TSV with a header naming at least the columns
//! `variant` (the query), `expected_id` (the gold entity id, empty for a
//! negative) and `label` (`match` or `no-match`); the columns `type` and
//! `variant_type`, when present, give the breakdowns. This is the format of
//! the OFAC variant split (`dev.tsv`).
//!
//! Every query is resolved once, keeping its best candidate and score at
//! any score; the figures for each threshold are then computed from those,
//! so the threshold sweep costs nothing extra.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

pub mod changes;
pub mod fit;

use crate::error::{Error, Result};
use crate::gazetteer::source::{LineSource, RawLine};
use crate::limits::ACCEPT_THRESHOLD;
use crate::resolve::Resolver;
use crate::spot::{Mention, Spotter};

/// One labelled query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelled {
    /// 1-based line in its file.
    pub line: u64,
    /// The query.
    pub variant: String,
    /// The expected entity id; `None` for a negative.
    pub expected: Option<String>,
    /// The `type` column ("" if absent).
    pub kind: String,
    /// The `variant_type` column ("" if absent).
    pub variant_type: String,
}

/// A query's best answer at any score.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The query.
    pub query: Labelled,
    /// The best entity id and its score, if any candidate scored.
    pub best: Option<(String, f64)>,
}

/// Figures at one threshold.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// The threshold.
    pub threshold: f64,
    /// Positive queries.
    pub positives: usize,
    /// Positives whose top answer is the expected entity.
    pub correct: usize,
    /// Positives answered with another entity.
    pub wrong: usize,
    /// Negative queries.
    pub negatives: usize,
    /// Negatives given an entity.
    pub false_matches: usize,
    /// `correct / positives`.
    pub acc_at_1: f64,
    /// `wrong / positives`.
    pub wrong_rate: f64,
    /// `false_matches / negatives`.
    pub false_match_rate: f64,
}

/// Reads a labelled TSV file (gzip-compressed when its name ends in
/// `.gz`), with the bounded line reader of gazetteer sources: an overlong
/// or non-UTF-8 line is an error naming its line.
pub fn read_labelled(path: &Path) -> Result<Vec<Labelled>> {
    let gz = path.extension().is_some_and(|e| e == "gz");
    let mut lines = LineSource::open(path, gz)?;
    let mut next = || -> Option<Result<(u64, String)>> {
        Some(match lines.next_line()? {
            Ok(RawLine::Text(n, text)) => Ok((n, text)),
            Ok(RawLine::Bad(n, reason)) => {
                Err(Error::source_row(path, n, reason))
            }
            Err(e) => Err(e),
        })
    };
    let (hl, header) = match next() {
        Some(h) => h?,
        None => {
            return Err(Error::source_row(path, 1, "empty file, no header"))
        }
    };
    let cols: Vec<&str> = header.split('\t').collect();
    let col = |name: &str| cols.iter().position(|c| c.trim() == name);
    let need = |name: &str| {
        col(name).ok_or_else(|| {
            Error::source_row(
                path,
                hl,
                format!("no {name:?} column in the header"),
            )
        })
    };
    let (v, e, l) = (need("variant")?, need("expected_id")?, need("label")?);
    let (t, vt) = (col("type"), col("variant_type"));
    let mut out = Vec::new();
    while let Some(line) = next() {
        let (n, line) = line?;
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != cols.len() {
            return Err(Error::source_row(
                path,
                n,
                format!("{} fields, the header has {}", f.len(), cols.len()),
            ));
        }
        let expected = match f[l] {
            "match" if !f[e].is_empty() => Some(f[e].to_string()),
            "match" => {
                return Err(Error::source_row(
                    path,
                    n,
                    "label match without expected_id",
                ))
            }
            "no-match" => None,
            other => {
                return Err(Error::source_row(
                    path,
                    n,
                    format!("label {other:?} is neither match nor no-match"),
                ))
            }
        };
        if f[v].trim().is_empty() {
            return Err(Error::source_row(path, n, "empty variant"));
        }
        out.push(Labelled {
            line: n,
            variant: f[v].to_string(),
            expected,
            kind: t.map(|t| f[t].to_string()).unwrap_or_default(),
            variant_type: vt.map(|t| f[t].to_string()).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Resolves every query (in parallel; the result is in input order).
pub fn run(g: &Resolver, queries: Vec<Labelled>) -> Vec<Outcome> {
    queries
        .into_par_iter()
        .map(|q| {
            let best = g
                .resolve_with(&q.variant, 1, 0.0)
                .into_iter()
                .next()
                .map(|m| (m.id, m.score));
            Outcome { query: q, best }
        })
        .collect()
}

/// The figures at `threshold` over `outcomes`.
pub fn figures<'a>(
    outcomes: impl IntoIterator<Item = &'a Outcome>,
    threshold: f64,
) -> Figures {
    let mut f = Figures {
        threshold,
        positives: 0,
        correct: 0,
        wrong: 0,
        negatives: 0,
        false_matches: 0,
        acc_at_1: 0.0,
        wrong_rate: 0.0,
        false_match_rate: 0.0,
    };
    for o in outcomes {
        let answer = o.best.as_ref().filter(|b| b.1 >= threshold);
        match (&o.query.expected, answer) {
            (Some(id), Some(b)) if *id == b.0 => f.correct += 1,
            (Some(_), Some(_)) => f.wrong += 1,
            (None, Some(_)) => f.false_matches += 1,
            _ => {}
        }
        match o.query.expected {
            Some(_) => f.positives += 1,
            None => f.negatives += 1,
        }
    }
    let ratio =
        |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    f.acc_at_1 = ratio(f.correct, f.positives);
    f.wrong_rate = ratio(f.wrong, f.positives);
    f.false_match_rate = ratio(f.false_matches, f.negatives);
    f
}

/// Figures at the acceptance threshold, per value of a column.
pub fn breakdown(
    outcomes: &[Outcome],
    key: impl Fn(&Labelled) -> String,
    threshold: f64,
) -> BTreeMap<String, Figures> {
    let mut groups: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for o in outcomes {
        groups.entry(key(&o.query)).or_default().push(o);
    }
    groups.into_iter().map(|(k, v)| (k, figures(v, threshold))).collect()
}

/// One bin of a calibration table: the queries whose best answer scored
/// in `low..high` (the last bin, exact keys, is `1.0..=1.0`), and how
/// many of those answers are the expected entity. A calibrated scorer's
/// `precision` is close to its `mean_score` in every bin.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalibrationBin {
    /// The lowest score of the bin.
    pub low: f64,
    /// One past the highest (1.0 for the last bin, which holds 1.0).
    pub high: f64,
    /// Best answers scoring in the bin.
    pub answers: usize,
    /// Of those, answers that are the expected entity (a negative's
    /// answer never is).
    pub correct: usize,
    /// `correct / answers`.
    pub precision: f64,
    /// The mean score of the answers.
    pub mean_score: f64,
}

/// Width of a calibration bin.
pub const CALIBRATION_BIN: f64 = 0.1;

/// Predicted scores against observed precision: every query's best answer
/// (at any score) binned by score in steps of [`CALIBRATION_BIN`], exact
/// answers (1.0) in a bin of their own. Bins with no answer are left out.
pub fn calibration(outcomes: &[Outcome]) -> Vec<CalibrationBin> {
    let bins = (1.0 / CALIBRATION_BIN).round() as usize;
    // Sums per bin: answers, correct, scores; the last is 1.0 itself.
    let mut sums = vec![(0usize, 0usize, 0f64); bins + 1];
    for o in outcomes {
        let Some((id, score)) = &o.best else { continue };
        let b = if *score >= 1.0 {
            bins
        } else {
            ((score / CALIBRATION_BIN).floor() as usize).min(bins - 1)
        };
        let right = o.query.expected.as_deref() == Some(id.as_str());
        sums[b].0 += 1;
        sums[b].1 += usize::from(right);
        sums[b].2 += score;
    }
    sums.into_iter()
        .enumerate()
        .filter(|(_, s)| s.0 > 0)
        .map(|(b, (answers, correct, total))| {
            let low = if b == bins { 1.0 } else { b as f64 * CALIBRATION_BIN };
            CalibrationBin {
                low,
                high: if b == bins { 1.0 } else { low + CALIBRATION_BIN },
                answers,
                correct,
                precision: correct as f64 / answers as f64,
                mean_score: total / answers as f64,
            }
        })
        .collect()
}

/// The thresholds of the sweep: 0.50 to 0.99.
pub fn sweep_thresholds() -> Vec<f64> {
    let mut t: Vec<f64> = (10..20).map(|i| f64::from(i) * 0.05).collect();
    t.push(0.99);
    if !t.iter().any(|x| (x - ACCEPT_THRESHOLD).abs() < 1e-9) {
        t.push(ACCEPT_THRESHOLD);
        t.sort_by(f64::total_cmp);
    }
    t
}

/// A document with gold mentions: one line of a mention truth set
/// (`{"id", "text", "mentions": [{"start", "end", "id"}]}`).
#[derive(Clone, Debug, serde::Deserialize)]
pub struct GoldDocument {
    /// The document id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// The gold mentions: byte spans and entity ids.
    pub mentions: Vec<GoldMention>,
}

/// One gold mention.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct GoldMention {
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The entity id, or [`NIL`] for an entity the gazetteer lacks.
    pub id: String,
}

/// The id of a gold mention that names an entity the gazetteer lacks: a
/// link there is wrong, and no link is missed.
pub const NIL: &str = "NIL";

impl GoldMention {
    /// Whether it names an entity the gazetteer lacks.
    pub fn is_nil(&self) -> bool {
        self.id == NIL
    }
}

impl GoldDocument {
    /// Whether `m` overlaps a gold mention of an entity the gazetteer
    /// lacks: a link to an entity that is not the one named.
    pub fn links_nil(&self, m: &Mention) -> bool {
        self.mentions
            .iter()
            .any(|x| x.is_nil() && x.start < m.end && m.start < x.end)
    }
}

/// Mention-level precision, recall and F1. A found mention is correct
/// when its span and entity equal a gold mention's (`strict`), or when it
/// overlaps a gold mention of the same entity (`overlap`). Gold mentions
/// of entities the gazetteer lacks ([`NIL`]) count in no recall: a link on
/// one is wrong.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MentionFigures {
    /// Documents evaluated.
    pub documents: usize,
    /// Gold mentions of entities the gazetteer has.
    pub gold: usize,
    /// Gold mentions of entities it lacks (NIL).
    pub nil: usize,
    /// Found mentions overlapping a NIL gold mention: links to an entity
    /// that is not the one named.
    pub linked_nil: usize,
    /// Mentions found.
    pub found: usize,
    /// Found mentions equal to a gold one.
    pub correct: usize,
    /// Found mentions overlapping a gold one of the same entity.
    pub overlapping: usize,
    /// correct / found.
    pub precision: f64,
    /// correct / gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Precision counting overlaps as correct.
    pub overlap_precision: f64,
    /// Recall counting overlaps as correct.
    pub overlap_recall: f64,
}

/// Reads a mention truth set (JSONL). Fails on an unreadable file or a
/// line that is not a gold document, naming FILE:LINE, or whose spans do
/// not fall on character boundaries of its text.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDocument>> {
    let gz = path.extension().is_some_and(|e| e == "gz");
    let mut lines = LineSource::open(path, gz)?;
    let mut out = Vec::new();
    while let Some(line) = lines.next_line() {
        let (n, text) = match line? {
            RawLine::Text(n, text) => (n, text),
            RawLine::Bad(n, reason) => {
                return Err(Error::source_row(path, n, reason))
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        let doc: GoldDocument = serde_json::from_str(&text).map_err(|e| {
            Error::source_row(path, n, format!("not a gold document: {e}"))
        })?;
        for m in &doc.mentions {
            if m.start >= m.end || doc.text.get(m.start..m.end).is_none() {
                return Err(Error::source_row(
                    path,
                    n,
                    format!(
                        "mention {}..{} is not a span of the text",
                        m.start, m.end
                    ),
                ));
            }
        }
        out.push(doc);
    }
    Ok(out)
}

/// One document's found mentions against its gold ones: the found
/// mentions with whether each is correct (strict, overlap), and the gold
/// mentions missed.
pub struct MentionOutcome<'d> {
    /// The document.
    pub doc: &'d GoldDocument,
    /// Each found mention, strictly correct, overlapping a gold one.
    pub found: Vec<(Mention, bool, bool)>,
    /// Gold mentions (NIL ones aside) with no strictly equal found
    /// mention.
    pub missed: Vec<&'d GoldMention>,
}

/// Annotates each gold document's text and compares.
pub fn run_mentions<'d>(
    g: &Resolver,
    docs: &'d [GoldDocument],
    threshold: Option<f64>,
) -> Vec<MentionOutcome<'d>> {
    let mut spotter = Spotter::new(g);
    if let Some(t) = threshold {
        spotter = spotter.with_threshold(t);
    }
    docs.par_iter()
        .map(|doc| {
            let found: Vec<_> = spotter
                .annotate(&doc.text)
                .into_iter()
                .map(|m| {
                    let strict = doc.mentions.iter().any(|x| {
                        x.start == m.start && x.end == m.end && x.id == m.id
                    });
                    let overlap = doc.mentions.iter().any(|x| {
                        x.start < m.end && m.start < x.end && x.id == m.id
                    });
                    (m, strict, overlap)
                })
                .collect();
            let missed = doc
                .mentions
                .iter()
                .filter(|x| !x.is_nil())
                .filter(|x| {
                    !found.iter().any(|(m, _, _)| {
                        x.start == m.start && x.end == m.end && x.id == m.id
                    })
                })
                .collect();
            MentionOutcome { doc, found, missed }
        })
        .collect()
}

/// Totals over outcomes.
pub fn mention_figures(outcomes: &[MentionOutcome]) -> MentionFigures {
    let mut f =
        MentionFigures { documents: outcomes.len(), ..Default::default() };
    let mut gold_overlapped = 0;
    for o in outcomes {
        let nil = o.doc.mentions.iter().filter(|x| x.is_nil()).count();
        f.gold += o.doc.mentions.len() - nil;
        f.nil += nil;
        f.linked_nil +=
            o.found.iter().filter(|(m, _, _)| o.doc.links_nil(m)).count();
        f.found += o.found.len();
        f.correct += o.found.iter().filter(|x| x.1).count();
        f.overlapping += o.found.iter().filter(|x| x.2).count();
        gold_overlapped += o
            .doc
            .mentions
            .iter()
            .filter(|x| {
                o.found.iter().any(|(m, _, _)| {
                    x.start < m.end && m.start < x.end && x.id == m.id
                })
            })
            .count();
    }
    let ratio =
        |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    f.precision = ratio(f.correct, f.found);
    f.recall = ratio(f.correct, f.gold);
    f.f1 = if f.precision + f.recall == 0.0 {
        0.0
    } else {
        2.0 * f.precision * f.recall / (f.precision + f.recall)
    };
    f.overlap_precision = ratio(f.overlapping, f.found);
    f.overlap_recall = ratio(gold_overlapped, f.gold);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(start: usize, end: usize, text: &str, id: &str) -> Mention {
        Mention {
            start,
            end,
            text: text.into(),
            id: id.into(),
            name: String::new(),
            kind: String::new(),
            score: 1.0,
            how: crate::spot::How::Exact,
        }
    }

    fn outcome(expected: Option<&str>, best: Option<(&str, f64)>) -> Outcome {
        Outcome {
            query: Labelled {
                line: 2,
                variant: "x".into(),
                expected: expected.map(str::to_string),
                kind: String::new(),
                variant_type: String::new(),
            },
            best: best.map(|(id, s)| (id.to_string(), s)),
        }
    }

    #[test]
    fn calibration_bins_answers_by_score() {
        let outcomes = [
            outcome(Some("a"), Some(("a", 0.95))),
            outcome(Some("a"), Some(("b", 0.91))),
            outcome(None, Some(("c", 0.42))),
            outcome(Some("a"), Some(("a", 1.0))),
            outcome(Some("a"), None),
        ];
        let bins: Vec<(f64, usize, usize)> = calibration(&outcomes)
            .iter()
            .map(|b| (b.low, b.answers, b.correct))
            .collect();
        // The unanswered query is in no bin; a negative's answer is never
        // correct; an exact answer has its own bin.
        assert_eq!(bins, [(0.4, 1, 0), (0.9, 2, 1), (1.0, 1, 1)]);
        let top = &calibration(&outcomes)[1];
        assert_eq!(top.precision, 0.5);
        assert!((top.mean_score - 0.93).abs() < 1e-9);
    }

    #[test]
    fn nil_gold_mentions_count_against_links_not_recall() {
        // "Mark Meadows" is no entity of the default gazetteer (NIL); a
        // link there is wrong, and leaving it unlinked misses nothing.
        let text = "Mark Meadows met Joe Biden.";
        let doc = GoldDocument {
            id: "d".into(),
            text: text.into(),
            mentions: vec![
                GoldMention { start: 0, end: 12, id: NIL.into() },
                GoldMention {
                    start: 17,
                    end: 26,
                    id: "news-joe-biden".into(),
                },
            ],
        };
        let biden = mention(17, 26, "Joe Biden", "news-joe-biden");
        let meadows = mention(5, 12, "Meadows", "ofac-1");
        let outcome = |found: Vec<Mention>| {
            let found = found
                .into_iter()
                .map(|m| {
                    let strict = doc.mentions.iter().any(|x| {
                        x.start == m.start && x.end == m.end && x.id == m.id
                    });
                    (m, strict, strict)
                })
                .collect();
            let missed = Vec::new();
            MentionOutcome { doc: &doc, found, missed }
        };
        let f = mention_figures(&[outcome(vec![biden.clone()])]);
        assert_eq!((f.gold, f.nil, f.found, f.correct), (1, 1, 1, 1));
        assert_eq!((f.precision, f.recall, f.linked_nil), (1.0, 1.0, 0));
        let f = mention_figures(&[outcome(vec![meadows, biden])]);
        assert_eq!((f.found, f.correct, f.linked_nil), (2, 1, 1));
        assert_eq!(f.precision, 0.5);
    }
}
