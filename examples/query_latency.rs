//! Per-query latency of `Resolver::resolve`, single thread, with
//! percentiles, against a reference measured in the same run: the `fst`
//! crate's own Levenshtein automaton (distance 1) over the exact-key index.
//!
//! Usage: query_latency ARTIFACT QUERIES.txt|LABELLED.tsv [--reference]
//!
//! Queries are one per line, or the `variant` column of a TSV with a
//! header. Each query is resolved once to warm up, then timed once per
//! round over 5 rounds; the figure per query is its median round.

use std::time::Instant;

use fst::{IntoStreamer, Streamer};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: query_latency ARTIFACT QUERIES [--reference]");
        std::process::exit(2);
    }
    let g = nomina::Resolver::open(&args[1]).expect("artifact");
    let text = std::fs::read_to_string(&args[2]).expect("queries");
    let mut lines = text.lines();
    let queries: Vec<String> = if args[2].ends_with(".tsv") {
        let header: Vec<&str> =
            lines.next().unwrap_or("").split('\t').collect();
        let col = header.iter().position(|c| *c == "variant").unwrap_or(0);
        lines
            .filter_map(|l| l.split('\t').nth(col).map(str::to_string))
            .collect()
    } else {
        lines.map(str::to_string).filter(|l| !l.is_empty()).collect()
    };
    let reference = args.iter().any(|a| a == "--reference");
    println!(
        "{} queries on {} ({} names)",
        queries.len(),
        args[1],
        g.name_count()
    );
    report(
        "resolve_top(q, 1)",
        &time(&queries, |q| g.resolve_top(q, 1).len()),
    );
    report(
        "resolve(q) (all matches)",
        &time(&queries, |q| g.resolve(q).len()),
    );
    if args.iter().any(|a| a == "--stages") {
        use nomina::candidate::fuzzy::{candidates, Query, TypoMemo};
        let typos = TypoMemo::new(nomina::limits::MAX_MEMO_TYPOS);
        report(
            "  stage: parse",
            &time(&queries, |q| Query::parse(&g, q).parts.len()),
        );
        report(
            "  stage: parse+candidates",
            &time(&queries, |q| {
                candidates(&g, &typos, &Query::parse(&g, q)).len()
            }),
        );
        report(
            "  stage: parse+candidates+score",
            &time(&queries, |q| {
                let query = Query::parse(&g, q);
                nomina::score::score_names(
                    &g,
                    &query,
                    &candidates(&g, &typos, &query),
                )
                .len()
            }),
        );
    }
    if reference {
        let keys: Vec<String> =
            queries.iter().map(|q| nomina::normalize::fold(q)).collect();
        report(
            "fst Levenshtein d=1 (reference)",
            &time(&keys, |k| {
                let Ok(aut) = fst::automaton::Levenshtein::new(k, 1) else {
                    return 0;
                };
                let mut s = g.key_map().search(aut).into_stream();
                let mut n = 0;
                while s.next().is_some() {
                    n += 1;
                }
                n
            }),
        );
    }
}

fn time(queries: &[String], mut f: impl FnMut(&str) -> usize) -> Vec<f64> {
    let mut sink = 0;
    for q in queries {
        sink += f(q);
    }
    let rounds = 5;
    let mut per: Vec<Vec<f64>> =
        vec![Vec::with_capacity(rounds); queries.len()];
    for _ in 0..rounds {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            sink += f(q);
            per[i].push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    std::hint::black_box(sink);
    per.into_iter()
        .map(|mut v| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        })
        .collect()
}

fn report(label: &str, micros: &[f64]) {
    let mut v = micros.to_vec();
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "{label:<34} median {:>8.1} µs  p90 {:>8.1}  p99 {:>8.1}  max {:>8.1}",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
}
