//! `nomina resolve`: single names, from arguments or stdin.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use nomina::{Match, Resolver};
use serde::Serialize;

use crate::args::ResolveArgs;
use crate::{stdin_error, stdout_error};

pub fn run(args: ResolveArgs) -> nomina::Result<ExitCode> {
    let g = args.gazetteer.open()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    if args.names.is_empty() {
        let mut input = std::io::BufReader::new(std::io::stdin().lock());
        let mut buf = Vec::new();
        let mut line = 0u64;
        loop {
            buf.clear();
            line += 1;
            // About to wait for input: the answers so far go out first, so
            // that a program asking one name at a time gets its answer.
            if input.buffer().is_empty() {
                out.flush().map_err(stdout_error)?;
            }
            let n = input.read_until(b'\n', &mut buf).map_err(stdin_error)?;
            if n == 0 {
                break;
            }
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            match std::str::from_utf8(&buf) {
                Ok(name) => answer(&g, &args, name, &mut out)?,
                Err(e) => {
                    failed = true;
                    out.flush().map_err(stdout_error)?;
                    eprintln!(
                        "nomina: <stdin>:{line}: invalid UTF-8 at byte {}",
                        e.valid_up_to() + 1
                    );
                }
            }
        }
    } else {
        for name in &args.names {
            answer(&g, &args, name, &mut out)?;
        }
    }
    out.flush().map_err(stdout_error)?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A score as the text output shows it: cut (not rounded) to two
/// decimals, so that what is printed is never above what the threshold
/// compared (0.8659 shows as 0.86, not 0.87, and is rejected at 0.866).
fn shown_score(score: f64) -> String {
    format!("{:.2}", (score * 100.0).floor() / 100.0)
}

/// A part as written, with its internal key in brackets when the key
/// differs ("mikhail [mihail]", "ooo [#llc]").
fn shown(text: &str, key: &str) -> String {
    if text.is_empty() || text == key {
        key.to_string()
    } else {
        format!("{text} [{key}]")
    }
}

fn answer(
    g: &Resolver,
    args: &ResolveArgs,
    name: &str,
    out: &mut impl Write,
) -> nomina::Result<()> {
    let threshold = args.threshold.unwrap_or(nomina::limits::ACCEPT_THRESHOLD);
    let matches = if args.explain {
        g.resolve_explained(name, args.top, threshold)
    } else {
        g.resolve_with(name, args.top, threshold)
    };
    if args.json {
        let line = JsonLine {
            query: name,
            matches: matches
                .iter()
                .map(|m| JsonMatch::new(m, args.explain))
                .collect(),
        };
        // Serialising borrowed strings and numbers cannot fail.
        let text = serde_json::to_string(&line).unwrap_or_default();
        writeln!(out, "{text}").map_err(stdout_error)?;
        return Ok(());
    }
    if matches.is_empty() {
        writeln!(out, "{name}\t(no entity)").map_err(stdout_error)?;
    }
    for m in &matches {
        writeln!(
            out,
            "{name}\t{}\t{}\t{}\t{}",
            m.id,
            m.name,
            m.kind,
            shown_score(m.score)
        )
        .map_err(stdout_error)?;
        if args.explain {
            let e = &m.evidence;
            writeln!(
                out,
                "\t{} with {} {:?}",
                e.rule.label(),
                if e.via_alias { "alias" } else { "canonical name" },
                e.matched_name
            )
            .map_err(stdout_error)?;
            for p in &e.parts {
                let (q, n) = (
                    shown(&p.query_text, &p.query),
                    shown(&p.name_text, &p.name),
                );
                let line = if p.name.is_empty() {
                    format!("\t  {q:<24} unmatched")
                } else if p.query.is_empty() {
                    format!("\t  {:<24} ~ {n:<24} unmatched", "")
                } else {
                    format!(
                        "\t  {q:<24} ~ {n:<24} {:.2} {}",
                        p.similarity, p.how
                    )
                };
                writeln!(out, "{line}").map_err(stdout_error)?;
            }
        }
    }
    Ok(())
}

/// One output line of `resolve --json`, fields in INTERFACE.md order.
#[derive(Serialize)]
struct JsonLine<'a> {
    query: &'a str,
    matches: Vec<JsonMatch<'a>>,
}

#[derive(Serialize)]
struct JsonMatch<'a> {
    #[serde(flatten)]
    m: &'a Match,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a nomina::score::Evidence>,
}

impl<'a> JsonMatch<'a> {
    fn new(m: &'a Match, explain: bool) -> JsonMatch<'a> {
        JsonMatch { m, evidence: explain.then_some(&m.evidence) }
    }
}
