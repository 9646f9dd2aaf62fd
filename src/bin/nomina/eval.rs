//! `nomina eval`: resolution quality on a labelled TSV.

use std::io::Write;
use std::process::ExitCode;

use nomina::corpus::InputFormat;
use nomina::eval::{self, fit, Figures};
use nomina::limits::{ACCEPT_THRESHOLD, TEXT_FUZZY_THRESHOLD, TEXT_THRESHOLD};
use serde::Serialize;

use crate::args::{EvalArgs, FitArgs};
use crate::stdout_error;

#[derive(Serialize)]
struct Report<'a> {
    file: String,
    queries: usize,
    at_threshold: &'a Figures,
    by_type: std::collections::BTreeMap<String, Figures>,
    by_variant_type: std::collections::BTreeMap<String, Figures>,
    sweep: Vec<Figures>,
    calibration: Vec<eval::CalibrationBin>,
}

pub fn run(args: EvalArgs) -> nomina::Result<ExitCode> {
    let g = args.gazetteer.open()?;
    for (n, path) in args.labelled.iter().enumerate() {
        if n > 0 && !args.json {
            writeln!(std::io::stdout().lock()).map_err(stdout_error)?;
        }
        if InputFormat::is_jsonl_name(&path.to_string_lossy()) {
            mentions(&g, &args, path, args.threshold)?;
        } else {
            variants(&g, &args, path)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Name-level evaluation on a labelled TSV of variants.
fn variants(
    g: &nomina::Resolver,
    args: &EvalArgs,
    path: &std::path::Path,
) -> nomina::Result<()> {
    let threshold = args.threshold.unwrap_or(ACCEPT_THRESHOLD);
    let queries = eval::read_labelled(path)?;
    let n = queries.len();
    let outcomes = match args.folds {
        Some(k) => {
            let cands = fit::candidates(g, queries);
            let outcomes = fit::cross_validate(&cands, k, fit::DEFAULT_L2);
            eprintln!(
                "{}: cross-validated, {k} folds: threshold for 1% false \
                 matches {:.3}",
                path.display(),
                fit::threshold_for(&outcomes, 0.01)
            );
            outcomes
        }
        None => eval::run(g, queries),
    };
    if args.errors {
        for o in &outcomes {
            let answer = o.best.as_ref().filter(|b| b.1 >= threshold);
            let expected = o.query.expected.as_deref();
            if let Some((id, score)) = answer {
                if expected != Some(id.as_str()) {
                    eprintln!(
                        "{}:{}: {:?} -> {id} ({score:.3}), expected {}",
                        path.display(),
                        o.query.line,
                        o.query.variant,
                        expected.unwrap_or("no entity")
                    );
                }
            }
        }
    }
    let at = eval::figures(&outcomes, threshold);
    let report = Report {
        file: path.display().to_string(),
        queries: n,
        at_threshold: &at,
        by_type: eval::breakdown(&outcomes, |q| q.kind.clone(), threshold),
        by_variant_type: eval::breakdown(
            &outcomes,
            |q| q.variant_type.clone(),
            threshold,
        ),
        sweep: eval::sweep_thresholds()
            .into_iter()
            .map(|t| eval::figures(&outcomes, t))
            .collect(),
        calibration: eval::calibration(&outcomes),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let text = serde_json::to_string(&report).unwrap_or_default();
        writeln!(out, "{text}").map_err(stdout_error)?;
        return Ok(());
    }
    let mut text = String::new();
    text.push_str(&format!(
        "{}: {} queries ({} positive, {} negative), threshold {:.3}\n",
        report.file, n, at.positives, at.negatives, threshold
    ));
    text.push_str(&format!(
        "acc@1 {:.3}  wrong {:.3} ({})  false matches {:.3} ({} of {})\n",
        at.acc_at_1,
        at.wrong_rate,
        at.wrong,
        at.false_match_rate,
        at.false_matches,
        at.negatives
    ));
    let table = |title: &str, rows: Vec<(String, &Figures)>| {
        let mut t = format!(
            "\n{title:<14} {:>6} {:>7} {:>7} {:>6} {:>8}\n",
            "pos", "acc@1", "wrong", "neg", "false-m"
        );
        for (k, f) in rows {
            t.push_str(&format!(
                "{:<14} {:>6} {:>7.3} {:>7.3} {:>6} {:>8.3}\n",
                if k.is_empty() { "-" } else { &k },
                f.positives,
                f.acc_at_1,
                f.wrong_rate,
                f.negatives,
                f.false_match_rate
            ));
        }
        t
    };
    text.push_str(&table(
        "type",
        report.by_type.iter().map(|(k, f)| (k.clone(), f)).collect(),
    ));
    text.push_str(&table(
        "variant_type",
        report.by_variant_type.iter().map(|(k, f)| (k.clone(), f)).collect(),
    ));
    text.push_str(&table(
        "threshold",
        report
            .sweep
            .iter()
            .map(|f| (format!("{:.2}", f.threshold), f))
            .collect(),
    ));
    text.push_str(&format!(
        "\n{:<14} {:>7} {:>7} {:>9} {:>10}\n",
        "best scores", "answers", "correct", "precision", "mean score"
    ));
    for b in &report.calibration {
        let bin = if b.low >= 1.0 {
            "1.00".to_string()
        } else {
            format!("{:.2}-{:.2}", b.low, b.high)
        };
        text.push_str(&format!(
            "{bin:<14} {:>7} {:>7} {:>9.3} {:>10.3}\n",
            b.answers, b.correct, b.precision, b.mean_score
        ));
    }
    out.write_all(text.as_bytes()).map_err(stdout_error)?;
    Ok(())
}

/// Mention-level evaluation on a JSONL truth set of annotated documents.
fn mentions(
    g: &nomina::Resolver,
    args: &EvalArgs,
    path: &std::path::Path,
    threshold: Option<f64>,
) -> nomina::Result<()> {
    let docs = eval::read_gold(path)?;
    let outcomes = eval::run_mentions(g, &docs, threshold);
    if args.errors {
        for o in &outcomes {
            for (m, strict, _) in &o.found {
                if !strict {
                    let nil = o.doc.links_nil(m);
                    eprintln!(
                        "{}: wrong{} {}..{} {:?} -> {} ({}, {:.3})",
                        o.doc.id,
                        if nil { " (gold: NIL)" } else { "" },
                        m.start,
                        m.end,
                        m.text,
                        m.id,
                        serde_json::to_string(&m.how).unwrap_or_default(),
                        m.score
                    );
                }
            }
            for x in &o.missed {
                eprintln!(
                    "{}: missed {}..{} {:?} -> {}",
                    o.doc.id,
                    x.start,
                    x.end,
                    &o.doc.text[x.start..x.end],
                    x.id
                );
            }
        }
    }
    let f = eval::mention_figures(&outcomes);
    // The thresholds used: one given for every link, or the defaults.
    let (threshold, fuzzy_threshold) = match threshold {
        Some(t) => (t, t),
        None => (TEXT_THRESHOLD, TEXT_FUZZY_THRESHOLD),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let line = serde_json::json!({
            "file": path.display().to_string(),
            "threshold": threshold,
            "fuzzy_threshold": fuzzy_threshold,
            "mentions": f,
        });
        writeln!(out, "{line}").map_err(stdout_error)?;
    } else {
        writeln!(
            out,
            "{}: {} documents, {} gold mentions (and {} of entities the gazetteer lacks), {} found, threshold {threshold} ({fuzzy_threshold} by alignment)\n\
             strict  precision {:.3}  recall {:.3}  F1 {:.3}\n\
             overlap precision {:.3}  recall {:.3}\n\
             links on names of entities the gazetteer lacks: {}",
            path.display(), f.documents, f.gold, f.nil, f.found,
            f.precision, f.recall, f.f1, f.overlap_precision, f.overlap_recall,
            f.linked_nil
        )
        .map_err(stdout_error)?;
    }
    Ok(())
}

/// `nomina fit`: fits the scorer, chooses its threshold by
/// cross-validation, writes the model.
pub fn fit(args: FitArgs) -> nomina::Result<ExitCode> {
    let g = args.gazetteer.open()?;
    let path = &args.labelled;
    let queries = eval::read_labelled(path)?;
    let cands = fit::candidates(&g, queries);
    if let Some(out) = &args.rows {
        write_rows(out, &cands)?;
    }
    let oof = fit::cross_validate(&cands, args.folds, args.l2);
    let threshold = fit::threshold_for(&oof, args.max_false_matches);
    let at = eval::figures(&oof, threshold);
    let rows: usize = cands.iter().map(|c| c.rows().count()).sum();
    let model = fit::fit_all(&cands, args.l2);
    if !model.weights.iter().all(|w| w.is_finite()) {
        return Err(nomina::Error::from(nomina::ErrorKind::Invalid {
            reason: format!("the fit diverged (weights {:?})", model.weights),
        }));
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let comment = format!(
        "The scorer's fitted parameters. Written by `nomina fit` (see\n\
         scripts/fit_scorer.sh); do not edit by hand.\n\n\
         Fitted on {name}: {} queries, {rows} candidate rows, L2 {}.\n\
         Threshold: out-of-fold false-match rate <= {} ({} folds).\n\
         Out of fold at {threshold:.3}: acc@1 {:.3}, false matches {:.3} \
         ({} of {}).",
        cands.len(),
        args.l2,
        args.max_false_matches,
        args.folds,
        at.acc_at_1,
        at.false_match_rate,
        at.false_matches,
        at.negatives,
    );
    let text = model.to_rust(&comment, threshold);
    eprintln!("{comment}");
    match &args.output {
        Some(out) => write_file(out, &text)?,
        None => {
            write!(std::io::stdout().lock(), "{text}").map_err(stdout_error)?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the training rows of `cands` as TSV.
fn write_rows(
    out: &std::path::Path,
    cands: &[fit::Candidates],
) -> nomina::Result<()> {
    let mut text = String::from("line\tvariant\tcandidate\tlabel");
    for name in nomina::score::FEATURE_NAMES {
        text.push('\t');
        text.push_str(name);
    }
    text.push('\n');
    for c in cands {
        for ((id, _), (f, label)) in c.fuzzy.iter().zip(c.rows()) {
            text.push_str(&format!(
                "{}\t{}\t{id}\t{}",
                c.query.line,
                c.query.variant.replace('\t', " "),
                u8::from(label)
            ));
            for x in f.0 {
                text.push_str(&format!("\t{x:.4}"));
            }
            text.push('\n');
        }
    }
    write_file(out, &text)
}

/// Writes `text` to `path`; an I/O error names the file.
fn write_file(path: &std::path::Path, text: &str) -> nomina::Result<()> {
    std::fs::write(path, text).map_err(|err| {
        nomina::Error::from(nomina::ErrorKind::Io {
            path: path.to_path_buf(),
            err,
        })
    })
}
