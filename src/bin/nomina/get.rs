//! `nomina get`: entities by id, with their aliases and metadata.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use crate::args::GetArgs;
use crate::{stdin_error, stdout_error};

pub fn run(args: GetArgs) -> nomina::Result<ExitCode> {
    let g = args.gazetteer.open()?;
    let ids: Vec<String> = if args.ids.is_empty() {
        let mut ids = Vec::new();
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(stdin_error)?;
            if !line.trim().is_empty() {
                ids.push(line.trim().to_string());
            }
        }
        ids
    } else {
        args.ids.clone()
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut missing = 0usize;
    for id in &ids {
        let Some(e) = g.get(id) else {
            // Reported and counted; the other ids are still shown.
            eprintln!(
                "nomina: no entity with id {id:?} in {}",
                g.path().display()
            );
            missing += 1;
            continue;
        };
        if args.json {
            writeln!(out, "{}", e.to_json()).map_err(stdout_error)?;
            continue;
        }
        let kind = if e.kind.is_empty() { "(untyped)" } else { e.kind };
        writeln!(out, "{}\t{}\t{kind}", e.id, e.name).map_err(stdout_error)?;
        for a in &e.aliases {
            writeln!(out, "\talias\t{a}").map_err(stdout_error)?;
        }
        for (field, value) in &e.metadata {
            writeln!(out, "\t{field}\t{value}").map_err(stdout_error)?;
        }
    }
    out.flush().map_err(stdout_error)?;
    Ok(if missing > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
